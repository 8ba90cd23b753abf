// What the book page shows, as pure functions of what it knows: the offices as radio cards, the days
// (date, weekday and a word per status), the windows of the day chosen, the answers to check, the
// confirmation, and the panels saying why a case cannot be booked now.
import type { AppointmentKind, CivilAppointment, CivilCase, Office, OfficeDay, OfficeDaysResponse } from '../../../../contracts/civil';
import { formatCstDateTime } from '../../../../core/dates';
import { civilText } from '../../i18n';
import { local } from '../../service';
import { appointmentText, ineligiblePanels, statusText } from '../../view';
import { isOpenDay, type Choices } from './choices';

export interface BlockPanel { code: string; kind: 'warning' | 'info'; title: string; text: string }
export interface OfficeRow { id: string; name: string; district: string; address: string; hours: string; selected: boolean }
export interface DayCell { date: string; dateText: string; weekday: string; statusText: string; status: OfficeDay['status']; open: boolean; selected: boolean }
export interface WindowCell { id: string; text: string; selected: boolean }
export interface Answers { what: string; office: string; address: string; date: string; window: string; parties: string[]; bring: string; fee: string }
export interface Confirmation {
  reference: string;
  text: string;
  what: string;
  office: string;
  address: string;
  date: string;
  window: string;
  bring: string;
  fee: string;
  atOffice: string;
  cancelUntil: string;
}

const WEEKDAYS = ['bookWeekday.0', 'bookWeekday.1', 'bookWeekday.2', 'bookWeekday.3', 'bookWeekday.4', 'bookWeekday.5', 'bookWeekday.6'] as const;
const MONTHS = [
  'bookMonth.1', 'bookMonth.2', 'bookMonth.3', 'bookMonth.4', 'bookMonth.5', 'bookMonth.6',
  'bookMonth.7', 'bookMonth.8', 'bookMonth.9', 'bookMonth.10', 'bookMonth.11', 'bookMonth.12',
] as const;

/** The words of a YYYY-MM-DD date (a civil date: its weekday is the same in every time zone). */
function partsOf(date: string) {
  const [year, month, day] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, day, monthName: civilText.t(MONTHS[month - 1] ?? MONTHS[0]), weekday: civilText.t(WEEKDAYS[weekday] ?? WEEKDAYS[0]) };
}

/** "2026年11月23日（周一）" / "Mon 23 Nov 2026". */
export const dateLong = (date: string): string => (date ? civilText.t('bookDateLong', partsOf(date)) : '');

/** "09:00–10:30": shown with class nowrap, so a window never breaks. */
export const windowText = (window: { start: string; end: string }): string => `${window.start}–${window.end}`;

/** An appointment's kind as a value in a row: "结婚登记" / "Marriage registration". */
export function whatText(kind: AppointmentKind): string {
  const words = appointmentText(kind);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const officeRows = (offices: readonly Office[], selected: string): OfficeRow[] =>
  offices.map((office) => ({
    id: office.id,
    name: local(office.name),
    district: local(office.district),
    address: local(office.address),
    hours: local(office.hours),
    selected: office.id === selected,
  }));

export const dayCells = (days: readonly OfficeDay[], selected: string): DayCell[] =>
  days.map((day) => {
    const parts = partsOf(day.date);
    return {
      date: day.date,
      dateText: civilText.t('bookDateShort', parts),
      weekday: parts.weekday,
      statusText: civilText.t(`bookDay.${day.status}`, { n: day.remaining }),
      status: day.status,
      open: isOpenDay(day),
      selected: day.date === selected,
    };
  });

export function windowCells(days: readonly OfficeDay[], choices: Choices): WindowCell[] {
  const day = days.find((d) => d.date === choices.date);
  return day && isOpenDay(day) ? day.windows.map((w) => ({ id: w.id, text: windowText(w), selected: w.id === choices.windowId })) : [];
}

/** The notes under the days: why some say "under marriage age", and the certificate's days 31 to 60. */
export function dayNotes(response: OfficeDaysResponse, civilCase: CivilCase): string[] {
  const notes: string[] = [];
  if (response.days.some((day) => day.status === 'too-young')) notes.push(civilText.t('bookTooYoungNote'));
  const cooling = civilCase.coolingOff;
  if (response.kind === 'divorce-certificate' && cooling) notes.push(civilText.t('bookOutsideNote', { from: cooling.certificateFrom, until: cooling.certificateUntil }));
  return notes;
}

export function answersOf(civilCase: CivilCase, kind: AppointmentKind, office: Office | undefined, day: OfficeDay | undefined, choices: Choices): Answers {
  const window = day?.windows.find((w) => w.id === choices.windowId);
  return {
    what: whatText(kind),
    office: office ? local(office.name) : '',
    address: office ? local(office.address) : '',
    date: dateLong(choices.date),
    window: window ? windowText(window) : '',
    parties: civilCase.parties.map((party) => (party.you ? civilText.t('bookPartyYou', { name: party.name }) : party.name)),
    bring: civilText.t(`bookBring.${kind}`),
    fee: civilText.t('civilFee'),
  };
}

export function confirmationOf(upcoming: CivilAppointment): Confirmation {
  return {
    reference: upcoming.reference,
    text: civilText.t('bookDoneText', { appointment: appointmentText(upcoming.kind) }),
    what: whatText(upcoming.kind),
    office: local(upcoming.office.name),
    address: local(upcoming.office.address),
    date: dateLong(upcoming.date),
    window: windowText(upcoming.window),
    bring: local(upcoming.bring),
    fee: civilText.t('civilFee'),
    atOffice: local(upcoming.atOffice),
    cancelUntil: upcoming.canCancel ? civilText.t('bookCancelUntilText', { time: formatCstDateTime(upcoming.cancelUntil) }) : civilText.t('bookCancelSameDay'),
  };
}

const warnings = (panels: readonly { code: string; title: string; text: string }[]): BlockPanel[] => panels.map((panel) => ({ ...panel, kind: 'warning' }));

/** The day was just taken: its own panel above the days. */
export const quotaPanel = (): BlockPanel[] => warnings(ineligiblePanels([{ code: 'QUOTA_FULL', who: 'you' }]));

/** A refusal for one day that does not stop the case (a day the rules exclude): its panel above the days. */
export const refusedPanel = (text: string): BlockPanel[] => [{ code: 'REFUSED', kind: 'warning', title: civilText.t('bookRefusedTitle'), text }];

/**
 * Why the case cannot be booked now, or [] when it can: the government's reasons (too young, married,
 * blocked), or, with nothing to book, why not by the case's status.
 */
export function blockedPanels(civilCase: CivilCase): BlockPanel[] {
  if (civilCase.next && civilCase.ineligible.length) return warnings(ineligiblePanels(civilCase.ineligible));
  if (civilCase.next) return [];
  const status = civilCase.status;
  if (status === 'invited') return [{ code: 'NOT_ACCEPTED', kind: 'warning', title: civilText.t('bookNotAcceptedTitle'), text: civilText.t('bookNotAcceptedText') }];
  if (status === 'cooling-off') return warnings(ineligiblePanels([{ code: 'COOLING_OFF', who: 'you', from: civilCase.coolingOff?.certificateFrom }]));
  const up = civilCase.upcoming;
  if ((status === 'booked' || status === 'certificate-booked') && up) {
    const params = { appointment: appointmentText(up.kind), date: dateLong(up.date), window: windowText(up.window), office: local(up.office.name) };
    return [{ code: 'ALREADY_BOOKED', kind: 'info', title: civilText.t('bookBookedTitle'), text: civilText.t('bookBookedText', params) }];
  }
  if (status === 'registered' || status === 'divorced') return [{ code: 'DONE', kind: 'info', title: civilText.t('bookCompleteTitle'), text: civilText.t('bookCompleteText', { status: statusText(status) }) }];
  return [{ code: 'CLOSED', kind: 'warning', title: civilText.t('bookClosedTitle'), text: civilText.t('bookClosedText', { status: statusText(status) }) }];
}
