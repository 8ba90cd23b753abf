// What the civil pages show the same way: a case's status and its tone, the timeline in words, an
// appointment's day and window, and the panels that explain why a couple cannot go on (never as a
// field error: what the rule is, whom it is about, and what to do).
import type { AppointmentKind, CaseEvent, CaseKind, CaseStatus, Ineligibility } from '../../contracts/civil';
import { formatCstDateTime } from '../../core/dates';
import { civilText } from './i18n';

export interface PanelView { code: string; title: string; text: string }

export function ineligiblePanels(problems: readonly Ineligibility[]): PanelView[] {
  return problems.map((problem) => {
    const params = { who: civilText.t(`who.${problem.who}`), from: problem.from ?? '', until: problem.until ?? '', age: problem.age ?? '' };
    return {
      code: problem.code,
      title: civilText.t(`ineligible.${problem.code}.title`, params),
      text: civilText.t(`ineligible.${problem.code}.text`, params),
    };
  });
}

export const kindText = (kind: CaseKind): string => civilText.t(`kind.${kind}`);
export const appointmentText = (kind: AppointmentKind): string => civilText.t(`appointment.${kind}`);
export const statusText = (status: CaseStatus): string => civilText.t(`status.${status}`);

/** The chip's tone: done, waiting on someone, ended, or plain. */
export function statusTone(status: CaseStatus): 'ok' | 'warn' | 'bad' | 'plain' {
  if (status === 'registered' || status === 'divorced' || status === 'booked' || status === 'certificate-booked') return 'ok';
  if (status === 'invited' || status === 'cooling-off' || status === 'accepted' || status === 'certificate-window') return 'warn';
  return status === 'declined' || status === 'withdrawn' ? 'bad' : 'plain';
}

export interface EventView { when: string; who: string; what: string }

/** The timeline, oldest first: when, who, what. */
export function timelineView(events: readonly CaseEvent[]): EventView[] {
  return events.map((event) => ({
    when: formatCstDateTime(event.at),
    who: civilText.t(`by.${event.by}`),
    what: civilText.t(`event.${event.kind}`, { appointment: event.appointment ? appointmentText(event.appointment) : '' }),
  }));
}
