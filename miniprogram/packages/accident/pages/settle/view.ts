// What the settlement page shows, apart from the page: the case (status, responsibility, plates, what
// happens next), the reporter's code for the other driver (shown once, or how to get another), the desks,
// days and windows with places left, check your answers, and the booking with what to bring.
import type { AccidentDesk, DeskDay, Report, TimeWindowId } from '../../../../contracts/reports';
import { formatCstDateTime } from '../../../../core/dates';
import { accidentText } from '../../i18n';
import { local } from '../../service';

export type Step = 'choose' | 'check';

export const KEYS = [
  'acCaseHeading', 'acReference', 'acStatusLabel', 'acConfirmationLabel', 'acPlatesLabel', 'acNextHeading', 'acCodeTitle', 'acCodeHint', 'acShare', 'acCodeGone',
  'acNewCode', 'acNewCodeBusy', 'acOtherBooks', 'acDeskHeading', 'acDayHeading', 'acWindowHeading', 'acSettleContinue', 'acSettleCheck', 'acChange', 'acSettleConfirm',
  'acBusy', 'acBooked', 'acBookedText', 'acAppointmentRef', 'acBringHeading', 'acDesk', 'acDate', 'acWindow',
] as const;

export interface Choice { id: string; text: string; detail: string; selected: boolean; open: boolean; status: string }
export interface Choosing { deskId: string; date: string; window: TimeWindowId | '' }

const WEEKDAYS = ['acWeekday.0', 'acWeekday.1', 'acWeekday.2', 'acWeekday.3', 'acWeekday.4', 'acWeekday.5', 'acWeekday.6'] as const;
const spaced = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1 ');
const weekdayOf = (date: string): number => {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
};
export const dayText = (date: string): string => {
  const [, month, day] = date.split('-').map(Number);
  return `${accidentText.t('acDayText', { month, day })} ${accidentText.t(WEEKDAYS[weekdayOf(date)] ?? WEEKDAYS[0])}`;
};
export const isOpen = (day: DeskDay | undefined): boolean => day !== undefined && (day.status === 'available' || day.status === 'few');

export function caseView(report: Report, code: string) {
  const accident = report.accident;
  const t = accidentText.t;
  const confirmation = accident
    ? t(`acConfirmation.${accident.confirmation}`, { time: formatCstDateTime(accident.confirmBy), name: accident.otherDriver?.name ?? '' })
    : '';
  const awaiting = report.role === 'reporter' && accident?.confirmation === 'awaiting';
  const appointment = accident?.appointment ?? null;
  return {
    reference: report.reference,
    status: t(`acStatus.${report.status}`),
    confirmation,
    plates: accident ? t('acPlatesValue', { own: accident.plates.own, other: accident.plates.other }) : '',
    next: report.next.map((step) => t(`acNext.${step}`)),
    invite: awaiting ? { code: spaced(code), spoken: code.split('').join(' ') } : null,
    booking: Boolean(accident?.canBook) && report.role === 'reporter',
    otherBooks: Boolean(accident?.canBook) && report.role !== 'reporter',
    appointment: appointment
      ? {
        reference: appointment.reference, desk: local(appointment.desk.name), address: local(appointment.desk.address), phone: appointment.desk.phone,
        date: dayText(appointment.date), window: `${appointment.start}–${appointment.end}`,
        bring: (['licence', 'registration', 'insurance', 'id'] as const).map((item) => t(`acBring.${item}`)),
      }
      : null,
  };
}

export function choicesOf(desks: readonly AccidentDesk[], days: readonly DeskDay[], c: Choosing) {
  const day = days.find((d) => d.date === c.date);
  return {
    desks: desks.map((d) => ({ id: d.id, text: local(d.name), detail: `${local(d.address)} · ${local(d.hours)}`, selected: d.id === c.deskId, open: true, status: '' })),
    days: days.map((d) => ({ id: d.date, text: dayText(d.date), detail: '', selected: d.date === c.date, open: isOpen(d), status: accidentText.t(`acDay.${d.status}`) })),
    windows: isOpen(day)
      ? (day?.windows ?? []).map((w) => ({
        id: w.id, text: `${w.start}–${w.end}`, detail: '', selected: w.id === c.window, open: w.remaining > 0,
        status: w.remaining > 0 ? accidentText.t('acPlaces', { n: w.remaining }) : accidentText.t('acFull'),
      }))
      : [],
  };
}

/** Check your answers for the booking. */
export function answersOf(desks: readonly AccidentDesk[], days: readonly DeskDay[], c: Choosing) {
  const desk = desks.find((d) => d.id === c.deskId);
  const window = days.find((d) => d.date === c.date)?.windows.find((w) => w.id === c.window);
  return [
    { field: 'deskId', label: accidentText.t('acDesk'), value: desk ? `${local(desk.name)} · ${local(desk.address)}` : '' },
    { field: 'date', label: accidentText.t('acDate'), value: c.date ? dayText(c.date) : '' },
    { field: 'window', label: accidentText.t('acWindow'), value: window ? `${window.start}–${window.end}` : '' },
  ];
}
