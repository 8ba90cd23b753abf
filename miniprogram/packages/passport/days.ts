// The appointment choices as the passport pages show them, apart from the pages: offices as radio cards
// (city and address), the days (a word per status; a closed day says why: weekend or public holiday), the
// windows of the day chosen with the places left, and dates in words. Apply and "choose another time" use them.
import type { ExitEntryDay, ExitEntryOffice, TimeWindowId } from '../../contracts/passport';
import { passportText } from './i18n';
import { local } from './service';

export interface OfficeRow { id: string; name: string; city: string; address: string; hours: string; selected: boolean }
export interface DayCell { date: string; dateText: string; weekday: string; statusText: string; status: ExitEntryDay['status']; open: boolean; selected: boolean }
export interface WindowCell { id: string; text: string; places: string; open: boolean; selected: boolean }

const WEEKDAYS = ['ppWeekday.0', 'ppWeekday.1', 'ppWeekday.2', 'ppWeekday.3', 'ppWeekday.4', 'ppWeekday.5', 'ppWeekday.6'] as const;
const MONTHS = ['ppMonth.1', 'ppMonth.2', 'ppMonth.3', 'ppMonth.4', 'ppMonth.5', 'ppMonth.6', 'ppMonth.7', 'ppMonth.8', 'ppMonth.9', 'ppMonth.10', 'ppMonth.11', 'ppMonth.12'] as const;

/** The weekday of a YYYY-MM-DD date (a civil date: the same in every time zone). */
const weekdayOf = (date: string): number => {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
};

/** "2026年11月23日（周一）" / "Mon 23 Nov 2026". */
export function dateLong(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const [year, month, day] = date.split('-').map(Number);
  return passportText.t('dateLong', { year, month, day, monthName: passportText.t(MONTHS[month - 1] ?? MONTHS[0]), weekday: passportText.t(WEEKDAYS[weekdayOf(date)] ?? WEEKDAYS[0]) });
}

/** "09:00–10:30": shown with class nowrap, so a window never breaks. */
export const windowText = (window: { start: string; end: string }): string => `${window.start}–${window.end}`;

export const isOpenDay = (day: ExitEntryDay): boolean => day.status === 'available' || day.status === 'few';

export const officeRows = (offices: readonly ExitEntryOffice[], selected: string): OfficeRow[] =>
  offices.map((office) => ({
    id: office.id, name: local(office.name), city: local(office.city), address: local(office.address), hours: local(office.hours), selected: office.id === selected,
  }));

function dayStatus(day: ExitEntryDay): string {
  if (day.status !== 'closed') return passportText.t(`ppDay.${day.status}`);
  // A make-up working day on a weekend is open; a closed weekday is a public holiday.
  return passportText.t(day.weekday === 0 || day.weekday === 6 ? 'ppDay.closed.weekend' : 'ppDay.closed.holiday');
}

export const dayCells = (days: readonly ExitEntryDay[], selected: string): DayCell[] =>
  days.map((day) => {
    const [, month, date] = day.date.split('-').map(Number);
    return {
      date: day.date,
      dateText: passportText.t('dateShort', { month, day: date }),
      weekday: passportText.t(WEEKDAYS[weekdayOf(day.date)] ?? WEEKDAYS[0]),
      statusText: dayStatus(day),
      status: day.status,
      open: isOpenDay(day),
      selected: day.date === selected,
    };
  });

export function windowCells(days: readonly ExitEntryDay[], date: string, selected: TimeWindowId | ''): WindowCell[] {
  const day = days.find((d) => d.date === date);
  if (!day || !isOpenDay(day)) return [];
  return day.windows.map((w) => ({
    id: w.id,
    text: windowText(w),
    places: w.remaining > 0 ? passportText.t('windowPlaces', { n: w.remaining }) : passportText.t('windowFull'),
    open: w.remaining > 0,
    selected: w.id === selected,
  }));
}

/** The window chosen when it still has places on that day. */
export function openWindow(days: readonly ExitEntryDay[], date: string, id: string): TimeWindowId | '' {
  const day = days.find((d) => d.date === date);
  const window = day && isOpenDay(day) ? day.windows.find((w) => w.id === id && w.remaining > 0) : undefined;
  return window ? window.id : '';
}
