// The book page's choices (office, day, window) apart from the page: kept as a draft per case on this
// device, fitted to the days as the government has them now (a day no longer open is dropped, and said
// so), and what a refusal of the booking means for them.
import { TIME_WINDOWS, type OfficeDay, type TimeWindowId } from '../../../../contracts/civil';
import { clearDraft, draftShape, readDraft, saveDraft } from '../../../../core/draft';
import { ServiceError } from '../../../../core/errors';

export interface Choices { officeId: string; date: string; windowId: TimeWindowId | '' }

export const NO_CHOICES: Choices = { officeId: '', date: '', windowId: '' };

/** The draft's form name: one per case, so two cases' choices never mix. */
export const draftForm = (caseId: string): string => `civil-book.${caseId}`;

const isDraft = draftShape({ officeId: 'string', date: 'string', window: 'string' });

const windowOf = (id: string | undefined): TimeWindowId | '' => TIME_WINDOWS.find((w) => w.id === id)?.id ?? '';

/** The choices kept for this case, the office only when it is still listed. */
export function readChoices(caseId: string, officeIds: readonly string[]): Choices {
  const draft = readDraft(draftForm(caseId), isDraft);
  if (!draft?.officeId || !officeIds.includes(draft.officeId)) return NO_CHOICES;
  return { officeId: draft.officeId, date: draft.date ?? '', windowId: windowOf(draft.window) };
}

export function keepChoices(caseId: string, choices: Choices): void {
  saveDraft(draftForm(caseId), { officeId: choices.officeId, date: choices.date, window: choices.windowId });
}

export const forgetChoices = (caseId: string): void => clearDraft(draftForm(caseId));

/** Only a day with places left can be chosen. */
export const isOpenDay = (day: OfficeDay): boolean => day.status === 'available' || day.status === 'few';

/**
 * The choices as they still hold on these days: a day that is no longer open is dropped (with its
 * window) and returned as `dropped`; a window the day no longer has is dropped quietly.
 */
export function fitChoices(choices: Choices, days: readonly OfficeDay[]): { choices: Choices; dropped: string } {
  if (!choices.date) return { choices: { ...choices, windowId: '' }, dropped: '' };
  const day = days.find((d) => d.date === choices.date);
  if (!day || !isOpenDay(day)) return { choices: { ...choices, date: '', windowId: '' }, dropped: choices.date };
  return { choices: day.windows.some((w) => w.id === choices.windowId) ? choices : { ...choices, windowId: '' }, dropped: '' };
}

/** What a refusal of loading days or booking means for the page. */
export type Refusal = 'identity' | 'missing' | 'quota' | 'date' | 'booked' | 'case' | 'other';

const DATE_CODES = ['DATE_PAST', 'DATE_TOO_SOON', 'DATE_TOO_FAR', 'DATE_OUTSIDE_WINDOW', 'OFFICE_CLOSED', 'DATE_FORMAT'];
/** The case itself cannot be booked (now): read it again and show why. */
const CASE_CODES = ['TOO_YOUNG', 'ALREADY_MARRIED', 'NO_SHOW_BLOCKED', 'COOLING_OFF', 'NOT_ACCEPTED', 'CASE_CLOSED', 'NOT_MARRIED', 'NOT_SPOUSE', 'SAME_PERSON'];

export function refusalOf(err: unknown): Refusal {
  if (!(err instanceof ServiceError)) return 'other';
  if (err.needsIdentity) return 'identity';
  if (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN') return 'missing';
  if (err.code === 'QUOTA_FULL' || err.code === 'SLOT_FULL') return 'quota';
  if (DATE_CODES.includes(err.code) || err.fields.date !== undefined) return 'date';
  if (err.code === 'ALREADY_BOOKED') return 'booked';
  return CASE_CODES.includes(err.code) ? 'case' : 'other';
}
