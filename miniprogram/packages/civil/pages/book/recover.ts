// After the government refused the day or the case at booking: read again what may have changed (the
// case, when the refusal is about it; the office's days), keep the office, drop the day unless only
// its date was wrong, and say where the words go: the panel above the days, or beside the day.
import type { CivilCase, OfficeDaysResponse } from '../../../../contracts/civil';
import { getCase, getOfficeDays } from '../../service';
import { fitChoices, type Choices, type Refusal } from './choices';
import type { Shown, Step } from './screen';
import { quotaPanel, refusedPanel } from './view';

export interface Before { caseId: string; civilCase: CivilCase | null; days: OfficeDaysResponse | null; choices: Choices }
export interface Recovered extends Before { step: Step; shown: Partial<Shown> }

export async function recover(known: Before, refusal: Extract<Refusal, 'quota' | 'date' | 'case'>, words: string): Promise<Recovered> {
  const { caseId } = known;
  const civilCase = refusal === 'case' ? await getCase(caseId).catch(() => known.civilCase) : known.civilCase;
  const bookable = civilCase?.next && !civilCase.ineligible.length;
  const officeId = known.choices.officeId;
  const days = bookable && officeId ? await getOfficeDays(caseId, officeId).catch(() => known.days) : known.days;
  const kept: Choices = refusal === 'date' ? known.choices : { ...known.choices, date: '', windowId: '' };
  const choices = days ? fitChoices(kept, days.days).choices : kept;
  const next = { caseId, civilCase, days, choices };
  if (!days) return { ...next, step: 'office', shown: { officeError: words } };
  if (refusal === 'quota') return { ...next, step: 'day', shown: { panels: quotaPanel() } };
  if (refusal === 'date') return { ...next, step: 'day', shown: { errors: { date: words } } };
  return { ...next, step: 'day', shown: { panels: refusedPanel(words) } };
}
