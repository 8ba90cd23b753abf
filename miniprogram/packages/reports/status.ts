// A report's status as the reports pages say it: the word and its tag's tone, Open311's open / closed,
// dates in words (CST), the SLA line with its overdue flag, and what happens next.
import type { NextStep, ReportEvent, ReportStatus } from '../../contracts/reports';
import { formatCstDateTime } from '../../core/dates';
import { reportsText } from './i18n';

const MONTHS = ['rpMonth.1', 'rpMonth.2', 'rpMonth.3', 'rpMonth.4', 'rpMonth.5', 'rpMonth.6', 'rpMonth.7', 'rpMonth.8', 'rpMonth.9', 'rpMonth.10', 'rpMonth.11', 'rpMonth.12'] as const;

export const statusText = (status: ReportStatus): string => reportsText.t(`rpStatus.${status}`);

export function statusTone(status: ReportStatus): string {
  if (status === 'fixed') return 'ok';
  return status === 'closed' ? 'off' : 'on';
}

/** "2026年11月30日" / "30 Nov 2026" for a YYYY-MM-DD date. */
export function dateText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return reportsText.t('rpDate', { year, month, day, monthName: reportsText.t(MONTHS[month - 1] ?? MONTHS[0]) });
}

/** "2026-11-22 10:00" (CST): when a step happened. */
export const momentText = (ms: number): string => formatCstDateTime(ms);

/** "预计 2026年12月1日 前办结", or "已超期（应于 … 前办结）" once the day is over and it is still open. */
export const expectedText = (expectedBy: string, overdue: boolean): string =>
  reportsText.t(overdue ? 'rpOverdueBy' : 'rpExpected', { date: dateText(expectedBy) });

/** A step of the history in words: its status, and why it closed or what the note says. */
export function eventText(event: ReportEvent): string {
  const status = statusText(event.status);
  if (event.reason) return reportsText.t('rpWithDetail', { status, detail: reportsText.t(`rpReason.${event.reason}`) });
  if (event.note) return reportsText.t('rpWithDetail', { status, detail: reportsText.t(`rpNote.${event.note}`) });
  return status;
}

/** What happens next, each in a sentence (the department and the date filled in). */
export const nextTexts = (next: readonly NextStep[], department: string, expectedBy: string): string[] =>
  next.map((step) => reportsText.t(`rpNext.${step}`, { department, date: dateText(expectedBy) }));

