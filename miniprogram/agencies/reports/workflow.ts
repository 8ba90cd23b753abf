// How a report moves, computed from what is stored and read at the request's `now` (no background job):
// the department's rounds (after submission, and once more after a reopening) planned from the report id's
// hash on the working-day calendar, a seeded report's own steps, and a minor accident's path (the other
// driver's answer, the police's online review, the settlement appointment). Also the SLA clock.
import { SLA_WORKING_DAYS, type CloseReason, type ReportEventNote, type ReportStatus, type SlaClock, type SlaKind } from '../../contracts/reports';
import { DAY_MS, cstMidnight, formatCivilDate } from '../../core/dates';
import type { Calendar } from '../../mock/calendar';
import { OUTCOMES, WORKFLOW, type Outcome } from './seed';

export interface Step { status: ReportStatus; at: number; reason?: CloseReason; note?: ReportEventNote }

/** What the plan of a report reads. */
export interface Planned {
  id: string;
  submittedAt: number;
  sla: SlaKind;
  reopened: { at: number } | null;
  /** A seeded report's own first round. */
  seedSteps?: Step[];
}

/** What an accident's path reads: the choice, the other driver's answer, the settlement booked. */
export interface AccidentFacts {
  submittedAt: number;
  responsibility: 'agreed' | 'police-review';
  confirmBy: number;
  answer: { agree: boolean; at: number } | null;
  booked: { at: number; endsAt: number } | null;
}

const HOUR_MS = 3600 * 1000;
export const FINAL: readonly ReportStatus[] = ['fixed', 'closed'];
export const isFinal = (status: ReportStatus): boolean => FINAL.includes(status);

export function createWorkflow(calendar: Calendar, hashKey: (text: string) => string) {
  /** `hour` o'clock CST on the `days`-th working day after the CST date of `from`. */
  const onWorkingDay = (from: number, days: number, hour: number): number => cstMidnight(calendar.addWorkingDays(from, days)) + hour * HOUR_MS;

  function outcomeOf(id: string, round: 1 | 2): Outcome {
    const roll = parseInt(hashKey(`reports|${id}|${round}`).slice(1, 9), 16) / 0x100000000;
    return OUTCOMES[round].find(([bound]) => roll < bound)?.[1] ?? 'fixed';
  }

  /** One round of the department's work from `start`: round 1 after submission, round 2 after a reopening. */
  function roundOf(id: string, start: number, sla: SlaKind, round: 1 | 2): Step[] {
    const outcome = outcomeOf(id, round);
    const days = SLA_WORKING_DAYS[sla];
    const steps: Step[] = [];
    if (round === 1) {
      steps.push({ status: 'confirmed', at: start + WORKFLOW.confirmAfterMs });
      steps.push({ status: 'investigating', at: onWorkingDay(start, 1, WORKFLOW.stepHour) });
      if (outcome === 'not-responsible' || outcome === 'duplicate') return [...steps, { status: 'closed', at: onWorkingDay(start, 1, WORKFLOW.closeHour), reason: outcome }];
      steps.push({ status: 'in-progress', at: onWorkingDay(start, 2, WORKFLOW.stepHour) });
    } else {
      steps.push({ status: 'in-progress', at: start, note: 'reopened' });
    }
    if (sla === 'complex') steps.push({ status: 'action-scheduled', at: onWorkingDay(start, 3, WORKFLOW.stepHour) });
    if (outcome === 'unable-to-fix') return [...steps, { status: 'closed', at: onWorkingDay(start, sla === 'complex' ? 6 : 4, WORKFLOW.fixHour), reason: 'unable-to-fix' }];
    return [...steps, { status: 'fixed', at: onWorkingDay(start, outcome === 'fixed-late' ? days + 2 : days - 2, WORKFLOW.fixHour) }];
  }

  /** Every step planned for a report (some may lie ahead of now), oldest first. */
  function plannedSteps(report: Planned): Step[] {
    const first: Step[] = [{ status: 'submitted', at: report.submittedAt }, ...(report.seedSteps ?? roundOf(report.id, report.submittedAt, report.sla, 1))];
    if (!report.reopened) return first;
    const { at } = report.reopened;
    return [...first.filter((step) => step.at <= at), ...roundOf(report.id, at, report.sla, 2)];
  }

  /** A minor accident's steps: the answer or the review, then the settlement booked and attended. */
  function accidentSteps(facts: AccidentFacts): Step[] {
    const steps: Step[] = [{ status: 'submitted', at: facts.submittedAt }];
    const review = (from: number, note: ReportEventNote): void => {
      steps.push({ status: 'investigating', at: from, note });
      steps.push({ status: 'in-progress', at: onWorkingDay(from, WORKFLOW.reviewDays, WORKFLOW.fixHour), note: 'review-decided' });
    };
    if (facts.responsibility === 'police-review') review(facts.submittedAt, 'police-review');
    else if (facts.answer?.agree) steps.push({ status: 'confirmed', at: facts.answer.at, note: 'agreed' });
    else if (facts.answer) review(facts.answer.at, 'disagreed');
    else review(facts.confirmBy, 'unconfirmed');
    if (facts.booked) {
      steps.push({ status: 'action-scheduled', at: facts.booked.at, note: 'settlement-booked' });
      steps.push({ status: 'fixed', at: facts.booked.endsAt, note: 'settled' });
    }
    return steps;
  }

  /** The steps reached at `now`, oldest first (steps of the same moment keep their planned order). */
  const reached = (steps: Step[], now: number): Step[] =>
    steps
      .map((step, i) => ({ step, i }))
      .filter(({ step }) => step.at <= now)
      .sort((x, y) => x.step.at - y.step.at || x.i - y.i)
      .map(({ step }) => step);

  /** The SLA clock from `start` (submission or reopening) at `now`, given the status reached. */
  function slaOf(sla: SlaKind, start: number, status: ReportStatus, now: number): SlaClock {
    const expectedBy = calendar.addWorkingDays(start, SLA_WORKING_DAYS[sla]);
    return {
      kind: sla,
      workingDays: SLA_WORKING_DAYS[sla],
      startedAt: start,
      expectedBy: formatCivilDate(expectedBy),
      overdue: !isFinal(status) && now >= cstMidnight(expectedBy) + DAY_MS,
    };
  }

  return { plannedSteps, accidentSteps, reached, slaOf, onWorkingDay };
}

export type Workflow = ReturnType<typeof createWorkflow>;
