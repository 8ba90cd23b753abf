// The working-day calendar the government's offices keep: Monday to Friday, less the public holidays,
// plus the make-up working days (调休) that move a weekend day's work. The seed's calendar covers 2026
// and 2027, in CST dates; the registry, the exit-entry office and the complaint deadlines count on it.
import { DAY_MS, cstMidnight, cstParts, formatCivilDate, type CivilDate } from '../core/dates';

/** The seed's public holidays (inclusive ranges) and make-up working days, CST dates. */
export const SEED_CALENDAR = {
  holidays: [
    ['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'], ['2026-05-01', '2026-05-05'],
    ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'], ['2026-10-01', '2026-10-07'],
    ['2027-01-01', '2027-01-03'], ['2027-02-06', '2027-02-13'], ['2027-04-03', '2027-04-05'], ['2027-05-01', '2027-05-05'],
    ['2027-06-09', '2027-06-11'], ['2027-09-15', '2027-09-17'], ['2027-10-01', '2027-10-07'],
  ],
  makeUpDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10', '2027-01-31', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
} as const;

export interface Calendar {
  /** Whether offices work on this CST date. */
  isWorkingDay(date: CivilDate): boolean;
  /** Whether this CST date is a public holiday (closed although a weekday). */
  isHoliday(date: CivilDate): boolean;
  /** The CST date `count` working days after the date of `fromMs` (the date itself not counted). */
  addWorkingDays(fromMs: number, count: number): CivilDate;
}

function expand(from: string, to: string): string[] {
  const [a, b] = [from, to].map((text) => {
    const [year, month, day] = text.split('-').map(Number);
    return cstMidnight({ year, month, day });
  });
  const out: string[] = [];
  for (let at = a; at <= b; at += DAY_MS) out.push(formatCivilDate(cstParts(at + 12 * 3600 * 1000)));
  return out;
}

export function createCalendar(spec: { holidays: readonly (readonly [string, string])[]; makeUpDays: readonly string[] } = SEED_CALENDAR): Calendar {
  const holidays = new Set(spec.holidays.flatMap(([from, to]) => expand(from, to)));
  const makeUp = new Set(spec.makeUpDays);
  const isHoliday = (date: CivilDate): boolean => holidays.has(formatCivilDate(date));
  const isWorkingDay = (date: CivilDate): boolean => {
    const key = formatCivilDate(date);
    if (makeUp.has(key)) return true;
    if (holidays.has(key)) return false;
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  return {
    isWorkingDay,
    isHoliday,
    addWorkingDays(fromMs, count) {
      let at = cstMidnight(cstParts(fromMs)) + 12 * 3600 * 1000;
      let left = count;
      while (left > 0) {
        at += DAY_MS;
        if (isWorkingDay(cstParts(at))) left -= 1;
      }
      return cstParts(at);
    },
  };
}
