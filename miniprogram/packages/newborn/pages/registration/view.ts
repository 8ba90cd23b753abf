// What the registration page shows of a newborn registration, apart from the page: the status and what
// happens next for the one reading it, the baby and the parents (masked as the government gives them),
// the household, the late explanation, the four items each with its status and date, and the code for
// the mother while she has not confirmed.
import type { NewbornRegistration } from '../../../../contracts/civil';
import { formatCstDate, formatCstDateTime } from '../../../../core/dates';
import { newbornText, type NewbornKey } from '../../i18n';

export const KEYS = [
  'registrationReference', 'registrationLateTitle', 'registrationCodeTitle', 'registrationCodeHint', 'registrationCodeGone', 'registrationNewCode', 'registrationNewCodeBusy', 'registrationShare', 'registrationWithdraw',
  'registrationWithdrawing', 'registrationConfirmTitle', 'registrationConfirmText', 'registrationCodeLabel', 'registrationCodeInputHint', 'registrationConfirm',
  'registrationConfirming', 'registrationBaby', 'registrationName', 'registrationBirthMonth', 'registrationCertificate', 'registrationParents', 'registrationTimeline', 'registrationMother',
  'registrationIdNumber', 'registrationHukou', 'registrationHukouArea', 'registrationItems', 'registerSexLabel', 'registerFather', 'registerMineHeading',
] as const satisfies readonly NewbornKey[];

export const CODE_LENGTH = 8;
/** Longer than a code with a separator or two. */
export const CODE_INPUT_MAX = 16;

/** Refusals about the code itself: said beside the code. */
const CODE_ERRORS = ['INVITATION_NOT_FOUND', 'INVITATION_EXPIRED', 'INVITATION_OTHER_CASE', 'INVITATION_OWN', 'INVITATION_USED', 'INVITATION_REVOKED', 'RATE_LIMITED'];
export const isCodeError = (code: string): boolean => CODE_ERRORS.includes(code);

/** The code as typed, without spaces and dashes, in capitals. */
export const compactCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();

/** What is wrong with a typed code, in words, or ''. */
export function codeProblem(typed: string): string {
  const code = compactCode(typed);
  if (!code) return newbornText.t('field.code.REQUIRED');
  return code.length === CODE_LENGTH ? '' : newbornText.t('registrationCodeLength', { count: code.length });
}

/** `7KQ2M9XA` -> `7KQ2 M9XA`, to read out. */
export const spacedCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1 ');

export interface ItemView { item: string; name: string; status: string; tone: string; line: string }
export interface PersonView { name: string; idMasked: string }
export interface EventView { key: string; what: string; when: string }

export interface RegistrationView {
  reference: string;
  status: string;
  tone: string;
  next: string;
  late: string;
  baby: { name: string; sex: string; birthMonth: string };
  certificate: string;
  mother: PersonView;
  father: PersonView;
  hukou: string;
  hukouArea: string;
  items: ItemView[];
  /** What happened, oldest first: the application, the mother's confirmation, each item done, a withdrawal. */
  timeline: EventView[];
  /** The father, waiting: his code to share (spaced, and one character at a time for a screen reader), or why it is gone. */
  invite: { code: string; spoken: string } | null;
  /** The mother, waiting: she confirms; `typeCode` when the code is not in the link. */
  confirm: { typeCode: boolean } | null;
  canWithdraw: boolean;
}

const toneOf = (status: NewbornRegistration['status']): string => (status === 'done' ? 'ok' : status === 'withdrawn' ? 'off' : status === 'awaiting-mother' ? 'warn' : 'on');

function itemLine(r: NewbornRegistration, item: NewbornRegistration['items'][number]): string {
  if (item.status === 'done') return newbornText.t('registrationDoneOn', { date: item.doneAt === null ? item.doneBy : formatCstDate(item.doneAt) });
  if (item.status === 'processing') return newbornText.t('registrationDoneBy', { date: item.doneBy });
  return r.status === 'awaiting-mother' ? newbornText.t('registrationWaitingLine') : '';
}

const nextOf = (r: NewbornRegistration): string => {
  if (r.status === 'awaiting-mother') return newbornText.t(r.applicant === 'you' ? 'registrationNext.father' : 'registrationNext.mother');
  return newbornText.t(`registrationNext.${r.status}`);
};

/** The timeline from the registration's times (the government keeps no other events for it). */
function timelineOf(r: NewbornRegistration): EventView[] {
  const t = newbornText.t;
  // The mother applying confirms as she submits; the father's application waits for her.
  const byMother = r.appliedBy === 'mother';
  const who = r.applicant === 'you' ? 'you' : r.appliedBy;
  const events: { key: string; what: string; at: number }[] = [{ key: 'submitted', what: t(`registrationEvent.submitted.${who}`), at: r.submittedAt }];
  if (r.confirmedAt !== null && !byMother) events.push({ key: 'confirmed', what: t('registrationEvent.confirmed'), at: r.confirmedAt });
  r.items.forEach((item) => {
    if (item.doneAt !== null) events.push({ key: `done-${item.item}`, what: t('registrationEvent.done', { item: t(`registrationItem.${item.item}`) }), at: item.doneAt });
  });
  if (r.withdrawnAt !== null) events.push({ key: 'withdrawn', what: t('registrationEvent.withdrawn'), at: r.withdrawnAt });
  return events.sort((a, b) => a.at - b.at).map((e) => ({ key: e.key, what: e.what, when: formatCstDateTime(e.at) }));
}

/** `mine` is the reader's own masked ID (the session's profile): their parent is marked "(you)". */
export function registrationView(r: NewbornRegistration, code: string, mine: string): RegistrationView {
  const t = newbornText.t;
  const you = (person: { idMasked: string }): string => (mine && person.idMasked === mine ? t('registrationYou') : '');
  const waiting = r.status === 'awaiting-mother';
  return {
    reference: r.reference,
    status: t(`registrationStatus.${r.status}`),
    tone: toneOf(r.status),
    next: nextOf(r),
    late: r.late ? t('registrationLateText', { date: r.dueBy }) : '',
    baby: { name: r.baby.nameMasked, sex: t(r.baby.sex === 'male' ? 'registerSexMale' : 'registerSexFemale'), birthMonth: r.baby.birthMonth },
    certificate: r.certificateMasked,
    mother: { name: `${r.mother.name}${you(r.mother)}`, idMasked: r.mother.idMasked },
    father: r.father ? { name: `${r.father.name}${you(r.father)}`, idMasked: r.father.idMasked } : { name: t('registrationNoFather'), idMasked: '' },
    hukou: t(r.hukouWith === 'father' ? 'registerHukouFather' : 'registerHukouMother'),
    hukouArea: r.hukouArea,
    items: r.items.map((item) => ({
      item: item.item,
      name: t(`registrationItem.${item.item}`),
      status: t(`registrationItemStatus.${item.status}`),
      tone: item.status === 'done' ? 'ok' : item.status === 'processing' ? 'on' : 'off',
      line: itemLine(r, item),
    })),
    timeline: timelineOf(r),
    invite: waiting && r.applicant === 'you' ? { code: code ? spacedCode(code) : '', spoken: code.split('').join(' ') } : null,
    confirm: waiting && r.applicant === 'other' ? { typeCode: !code } : null,
    canWithdraw: waiting && r.applicant === 'you',
  };
}
