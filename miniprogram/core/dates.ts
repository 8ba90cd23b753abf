// Business dates are China Standard Time (UTC+8), whatever the device's time zone.

export interface Clock { now(): number }

export const systemClock: Clock = { now: () => Date.now() };

export const CST_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

export interface CivilDate { year: number; month: number; day: number }

export function cstParts(ms: number): CivilDate & { hour: number; minute: number } {
  const d = new Date(ms + CST_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function formatCivilDate(date: CivilDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** `2026-11-22 08:30` in CST. */
export function formatCstDateTime(ms: number): string {
  const p = cstParts(ms);
  return `${formatCivilDate(p)} ${pad(p.hour)}:${pad(p.minute)}`;
}

export function formatCstDate(ms: number): string {
  return formatCivilDate(cstParts(ms));
}

/** Milliseconds at 00:00 CST of the given civil date. */
export function cstMidnight(date: CivilDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) - CST_OFFSET_MS;
}

/** Whole CST calendar days from `fromMs` to `toMs` (0 on the same day). */
export function cstDaysBetween(fromMs: number, toMs: number): number {
  return Math.round((cstMidnight(cstParts(toMs)) - cstMidnight(cstParts(fromMs))) / DAY_MS);
}

export function isRealDate(date: CivilDate): boolean {
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return d.getUTCFullYear() === date.year && d.getUTCMonth() === date.month - 1 && d.getUTCDate() === date.day;
}

/** Age in whole years on the CST date of `atMs`. */
export function ageOn(birth: CivilDate, atMs: number): number {
  const today = cstParts(atMs);
  let age = today.year - birth.year;
  if (today.month < birth.month || (today.month === birth.month && today.day < birth.day)) age -= 1;
  return age;
}
