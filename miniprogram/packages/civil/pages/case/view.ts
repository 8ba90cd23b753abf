// What the case page shows, worked out from the case the government gives: the "what happens next" line
// per status (and who ended it, and why), both parties (masked ID only), the invitation code when it is
// in hand, the cooling-off countdown, the next booking, the appointment as its confirmation, the timeline.
import type { CivilAppointment, CivilCase } from '../../../../contracts/civil';
import { formatCstDate, formatCstDateTime } from '../../../../core/dates';
import { civilText, type CivilKey } from '../../i18n';
import { local } from '../../service';
import { appointmentText, ineligiblePanels, kindText, statusText, statusTone, timelineView, type EventView, type PanelView } from '../../view';

export interface PartyRow { role: string; roleText: string; name: string; you: boolean; idMasked: string; sex: string; signed: string }

export interface InviteView {
  /** The code in hand, spaced for reading out (`7KQ2 M9XA`), or empty. */
  code: string;
  /** The code one character at a time, for a screen reader. */
  spoken: string;
  expires: string;
  /** Why there is no code to show, with the "send a new code" button. */
  text: string;
  renew: boolean;
}

export interface AppointmentView {
  reference: string;
  what: string;
  office: string;
  address: string;
  hours: string;
  phone: string;
  when: string;
  bookedBy: string;
  bring: string;
  fee: string;
  atOffice: string;
  cancelUntil: string;
  canCancel: boolean;
  noCancel: string;
}

export interface PastRow { id: string; line: string; status: string; statusText: string }

export interface CoolingView { countdown: string; endsOn: string; range: string }

export interface CaseView {
  kind: string;
  reference: string;
  tone: string;
  statusText: string;
  next: string;
  parties: PartyRow[];
  waiting: boolean;
  invite: InviteView | null;
  certificateNumber: string;
  agreement: string;
  declaration: string;
  cooling: CoolingView | null;
  book: { label: string; window: string } | null;
  panels: PanelView[];
  upcoming: AppointmentView | null;
  past: PastRow[];
  issued: string;
  timeline: EventView[];
  canWithdraw: boolean;
}

const APPOINTMENT_STATUS: Record<CivilAppointment['status'], CivilKey> = {
  booked: 'caseApptBooked',
  attended: 'caseApptAttended',
  cancelled: 'caseApptCancelled',
  'no-show': 'caseApptNoShow',
};

/** Why the case ended, from the reader's side: who did it, and when. */
function endedLine(ended: NonNullable<CivilCase['ended']>, appointments: CivilCase['appointments']): string {
  const time = formatCstDateTime(ended.at);
  if (ended.reason === 'expired') return civilText.t('caseEndedExpired', { date: formatCstDate(ended.at) });
  if (ended.reason === 'declined') return civilText.t(ended.by === 'you' ? 'caseEndedDeclinedYou' : 'caseEndedDeclinedOther', { time });
  const key: CivilKey = ended.by === 'you' ? 'caseEndedWithdrawnYou' : ended.by === 'other' ? 'caseEndedWithdrawnOther' : 'caseEndedWithdrawnOffice';
  // An appointment the withdrawal cancelled (cancelled at the moment the case ended).
  const cancelledWith = appointments.some((a) => a.status === 'cancelled' && a.cancelledAt === ended.at);
  return cancelledWith ? `${civilText.t(key, { time })}${civilText.t('caseEndedApptCancelled')}` : civilText.t(key, { time });
}

/** The one line under the status: what happens next. */
function nextLine(c: CivilCase): string {
  if (c.ended) return endedLine(c.ended, c.appointments);
  const up = c.upcoming;
  switch (c.status) {
    case 'invited':
      return civilText.t('caseNextInvited');
    case 'booked':
    case 'certificate-booked':
      if (up) return civilText.t('caseNextBooked', { date: up.date, start: up.window.start, end: up.window.end, office: local(up.office.name), appointment: appointmentText(up.kind) });
      break;
    case 'cooling-off':
      if (c.coolingOff) return civilText.t('caseNextCooling', { from: c.coolingOff.certificateFrom });
      break;
    case 'certificate-window':
      if (c.coolingOff) return civilText.t('caseNextCertificate', { from: c.coolingOff.certificateFrom, until: c.coolingOff.certificateUntil });
      break;
    case 'registered':
      return civilText.t('caseNextRegistered');
    case 'divorced':
      return civilText.t('caseNextDivorced');
    default:
      break;
  }
  return civilText.t('caseNextAccepted', { appointment: appointmentText(c.next?.kind ?? (c.kind === 'marriage' ? 'marriage' : 'divorce-application')) });
}

function partyRow(party: CivilCase['parties'][number]): PartyRow {
  return {
    role: party.role,
    roleText: civilText.t(party.role === 'first' ? 'caseRoleFirst' : 'caseRoleSecond'),
    name: party.name,
    you: party.you,
    idMasked: party.idMasked,
    sex: civilText.t(party.sex === 'male' ? 'caseSexMale' : 'caseSexFemale'),
    signed: party.signedAt === null ? civilText.t('caseNotSigned') : formatCstDateTime(party.signedAt),
  };
}

/** `7KQ2M9XA` as `7KQ2 M9XA`: two groups of four to read out. */
export const spacedCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1 ');

/** The invitation (the person who started it, while the other has not accepted); `code` is the one in hand. */
function inviteView(c: CivilCase, code: string): InviteView | null {
  const me = c.parties.find((p) => p.you);
  if (c.status !== 'invited' || me?.role !== 'first') return null;
  const invitation = c.invitation;
  if (invitation && !invitation.expired && code) {
    return { code: spacedCode(code), spoken: code.split('').join(' '), expires: civilText.t('caseCodeExpires', { time: formatCstDateTime(invitation.expiresAt) }), text: '', renew: false };
  }
  const time = invitation ? formatCstDateTime(invitation.expiresAt) : '';
  const text = !invitation ? civilText.t('caseCodeNone') : invitation.expired ? civilText.t('caseCodeExpired', { time }) : civilText.t('caseCodeHidden', { time });
  return { code: '', spoken: '', expires: '', text, renew: true };
}

function appointmentView(a: CivilAppointment): AppointmentView {
  return {
    reference: a.reference,
    what: appointmentText(a.kind),
    office: local(a.office.name),
    address: local(a.office.address),
    hours: local(a.office.hours),
    phone: a.office.phone,
    when: civilText.t('caseApptWhenValue', { date: a.date, start: a.window.start, end: a.window.end }),
    bookedBy: civilText.t(`by.${a.bookedBy}`),
    bring: local(a.bring),
    fee: civilText.t('civilFee'),
    atOffice: local(a.atOffice),
    cancelUntil: a.canCancel ? civilText.t('caseCancelUntil', { time: formatCstDateTime(a.cancelUntil) }) : '',
    canCancel: a.canCancel,
    noCancel: a.canCancel ? '' : civilText.t('caseNoCancel', { phone: a.office.phone }),
  };
}

const pastRow = (a: CivilAppointment): PastRow => ({
  id: a.id,
  line: civilText.t('casePastLine', { what: appointmentText(a.kind), date: a.date, start: a.window.start, end: a.window.end, office: local(a.office.name) }),
  status: a.status,
  statusText: civilText.t(APPOINTMENT_STATUS[a.status]),
});

export function caseView(c: CivilCase, code: string): CaseView {
  const cooling = c.status === 'cooling-off' ? c.coolingOff : null;
  return {
    kind: kindText(c.kind),
    reference: c.reference,
    tone: statusTone(c.status),
    statusText: statusText(c.status),
    next: nextLine(c),
    parties: c.parties.map(partyRow),
    waiting: c.parties.length < 2 && c.status === 'invited',
    invite: inviteView(c, code),
    certificateNumber: c.certificateNumber ?? '',
    agreement: c.agreement ?? '',
    declaration: c.declaration ? local(c.declaration) : '',
    cooling: cooling
      ? {
        countdown: cooling.daysLeft > 0 ? civilText.t('caseCountdown', { day: cooling.day, daysLeft: cooling.daysLeft }) : civilText.t('caseCountdownLast'),
        endsOn: cooling.endsOn,
        range: civilText.t('caseCertificateRange', { from: cooling.certificateFrom, until: cooling.certificateUntil }),
      }
      : null,
    book: c.next && c.ineligible.length === 0
      ? { label: civilText.t('caseBook', { appointment: appointmentText(c.next.kind) }), window: civilText.t('caseBookWindow', { from: c.next.from, until: c.next.until }) }
      : null,
    panels: ineligiblePanels(c.ineligible),
    upcoming: c.upcoming ? appointmentView(c.upcoming) : null,
    past: c.appointments.filter((a) => a.id !== c.upcoming?.id).map(pastRow),
    issued: c.issuedCertificate ?? '',
    timeline: timelineView(c.timeline),
    canWithdraw: c.canWithdraw,
  };
}
