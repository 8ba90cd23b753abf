// The 14-day strip the department and doctor pages share: which day a page opens on, and each day as the
// strip shows it (weekday, date, the availability word, and all of it read as one label for screen readers).
import type { DayAvailability, DayView } from '../../contracts/health';
import { hospitalText } from './i18n';

/** A day of the strip as components/day-strip shows it. */
export interface DayCell {
  date: string;
  weekday: string;
  dateText: string;
  status: DayAvailability;
  statusText: string;
}

const WEEKDAYS = ['weekday.0', 'weekday.1', 'weekday.2', 'weekday.3', 'weekday.4', 'weekday.5', 'weekday.6'] as const;
const MONTHS = ['month.1', 'month.2', 'month.3', 'month.4', 'month.5', 'month.6', 'month.7', 'month.8', 'month.9', 'month.10', 'month.11', 'month.12'] as const;

/** The words of a YYYY-MM-DD date: its weekday (the same in every time zone: it is a civil date), day and month. */
function partsOf(date: string): { weekday: string; day: number; monthName: string } {
  const [, month, day] = date.split('-').map(Number);
  return { weekday: weekdayName(date), day, monthName: hospitalText.t(MONTHS[month - 1]) };
}

/** 周三 / Wed for a YYYY-MM-DD date. */
export function weekdayName(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return hospitalText.t(WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? WEEKDAYS[0]);
}

/** "11月25日 周三" / "Wed 25 Nov": a day in a heading. */
export const dayLong = (date: string): string => (date ? hospitalText.t('dayLong', partsOf(date)) : '');

export function dayCells(days: readonly DayView[]): DayCell[] {
  return days.map((day) => {
    const parts = partsOf(day.date);
    const statusText = hospitalText.t(`day.${day.status}`);
    return {
      date: day.date,
      weekday: parts.weekday,
      dateText: hospitalText.t('dayDate', parts),
      status: day.status,
      statusText,
    };
  });
}

/** The day to show: the one asked for when the strip has it, else the first with places, else the first. */
export function chosenDay(days: readonly DayView[], wanted?: string): string {
  if (wanted && days.some((day) => day.date === wanted)) return wanted;
  return (days.find((day) => day.status === 'available' || day.status === 'few') ?? days[0])?.date ?? '';
}
