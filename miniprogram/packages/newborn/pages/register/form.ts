// The register page's form, apart from the page: its fields and what each accepts, the request it sends,
// the check-your-answers rows, my registrations as rows, and the draft (never the consent box).
import type { NewbornRegistration, NewbornRequest } from '../../../../contracts/civil';
import { clearDraft, draftShape, readDraft, saveDraft } from '../../../../core/draft';
import { errorView, type FieldErrors } from '../../../../core/form';
import { fieldMessages } from '../../../../core/messages';
import { checkBirthCertificate, checkPersonName, normaliseBirthCertificate } from '../../../../core/validation';
import { text } from '../../../../i18n/main';
import { newbornText, newbornWords, type NewbornKey } from '../../i18n';

const KEYS = [
  'registerMineHeading', 'registerReference', 'registerIntro', 'registerApplicantHeading', 'registerApplicantMother', 'registerApplicantFather', 'registerFatherNote',
  'registerBabyHeading', 'registerCertificateLabel', 'registerCertificateHint', 'registerNameLabel', 'registerNameHint', 'registerSexLabel', 'registerSexMale',
  'registerSexFemale', 'registerBirthDateLabel', 'registerBirthDatePick', 'registerParentsHeading', 'registerFatherNamed', 'registerHukouLabel', 'registerHukouMother',
  'registerHukouFather', 'registerHukouHint', 'registerConsentHeading', 'registerConsentText', 'registerConsent', 'registerContinue', 'registerCheckHeading',
  'registerApplicant', 'registerFather', 'registerChange', 'registerCheckNote', 'registerSubmit', 'registerSubmitting',
] as const satisfies readonly NewbornKey[];

/** The page's words, picked once per render. */
export const wordsOf = () => ({ ...newbornText.pick(KEYS), ...text.pick(['errorSummaryTitle']) });

/** In the form's order, with the government's field names. */
export const FIELDS = ['applicant', 'birthCertificateNumber', 'babyName', 'babySex', 'birthDate', 'hukouWith', 'consent'] as const;
export type Field = (typeof FIELDS)[number];
export type Errors = FieldErrors<Field>;

export type Parent = 'mother' | 'father';
export type Sex = 'male' | 'female';

export interface RegisterForm {
  applicant: Parent | '';
  birthCertificateNumber: string;
  babyName: string;
  babySex: Sex | '';
  birthDate: string;
  fatherNamed: boolean;
  hukouWith: Parent | '';
  consent: boolean;
}

export const CERTIFICATE_INPUT_MAX = 20;
export const NAME_INPUT_MAX = 30;

export const emptyForm = (): RegisterForm => ({ applicant: '', birthCertificateNumber: '', babyName: '', babySex: '', birthDate: '', fatherNamed: false, hukouWith: '', consent: false });

export const isParent = (value: unknown): value is Parent => value === 'mother' || value === 'father';
export const isSex = (value: unknown): value is Sex => value === 'male' || value === 'female';

/** Whether the application names a father: the father applies, or the mother names her husband. */
export const namesFather = (form: RegisterForm): boolean => form.applicant === 'father' || (form.applicant === 'mother' && form.fatherNamed);

/** The form after a change of who applies or of the father named: the father's household only with a father. */
export const settled = (form: RegisterForm): RegisterForm => (form.hukouWith === 'father' && !namesFather(form) ? { ...form, hukouWith: '' } : form);

/** Why a field is not acceptable yet (a reason code), or null; while typing only a shape already wrong. */
export function problemOf(field: Field, form: RegisterForm, complete: boolean): string | null {
  switch (field) {
    case 'birthCertificateNumber': {
      const problem = checkBirthCertificate(form.birthCertificateNumber);
      // Half typed (a letter and up to 8 digits so far) is not wrong yet.
      const partial = /^[A-Z]?\d{0,8}$/.test(normaliseBirthCertificate(form.birthCertificateNumber));
      return !complete && (problem === 'REQUIRED' || partial) ? null : problem;
    }
    case 'babyName': {
      const problem = checkPersonName(form.babyName);
      return !complete && problem !== 'TOO_LONG' ? null : problem;
    }
    case 'applicant':
      return complete && !form.applicant ? 'REQUIRED' : null;
    case 'babySex':
      return complete && !form.babySex ? 'REQUIRED' : null;
    case 'birthDate':
      return complete && !form.birthDate ? 'REQUIRED' : null;
    case 'hukouWith':
      return complete && !form.hukouWith ? 'REQUIRED' : null;
    default:
      return complete && !form.consent ? 'CONSENT_REQUIRED' : null;
  }
}

/** Reasons (ours or the government's) in words beside their fields; only the form's own fields. */
export function errorsOf(reasons: Readonly<Record<string, string>>): Errors {
  const words = fieldMessages(reasons, newbornWords);
  const errors: Errors = {};
  FIELDS.forEach((field) => {
    if (words[field]) errors[field] = words[field];
  });
  return errors;
}

/** Every field checked as on "Continue": the errors and their summary. */
export function checkAll(form: RegisterForm) {
  const reasons: Record<string, string> = {};
  FIELDS.forEach((field) => {
    const problem = problemOf(field, form, true);
    if (problem) reasons[field] = problem;
  });
  return errorView(FIELDS, errorsOf(reasons));
}

/** The errors after a change to one field: checked fully when it already shows an error, or when the person left it. */
export function errorsAfter(errors: Errors, field: Field, form: RegisterForm, complete: boolean): Errors {
  const problem = problemOf(field, form, complete || Boolean(errors[field]));
  const next: Errors = { ...errors, ...errorsOf(problem ? { [field]: problem } : {}) };
  if (!problem) delete next[field];
  return next;
}

/** What is sent; only called once every field is acceptable. */
export function requestOf(form: RegisterForm): NewbornRequest {
  const applicant: Parent = form.applicant === 'father' ? 'father' : 'mother';
  return {
    birthCertificateNumber: normaliseBirthCertificate(form.birthCertificateNumber),
    babyName: form.babyName.trim(),
    babySex: form.babySex === 'male' ? 'male' : 'female',
    birthDate: form.birthDate,
    applicant,
    ...(applicant === 'mother' ? { fatherNamed: form.fatherNamed } : {}),
    hukouWith: form.hukouWith === 'father' ? 'father' : 'mother',
    consent: form.consent,
  };
}

export interface Answer { field: Field | 'fatherNamed'; label: string; value: string; change: string }

/** Check your answers: what will be sent, as the government will read it, each with its change link's name. */
export function answersOf(form: RegisterForm): Answer[] {
  const t = newbornText.t;
  const row = (field: Answer['field'], label: string, value: string): Answer => ({ field, label, value, change: t('registerChangeOf', { what: label }) });
  const rows = [
    row('applicant', t('registerApplicant'), t(form.applicant === 'father' ? 'registerAsFather' : 'registerAsMother')),
    row('birthCertificateNumber', t('registerCertificateLabel'), normaliseBirthCertificate(form.birthCertificateNumber)),
    row('babyName', t('registerNameLabel'), form.babyName.trim()),
    row('babySex', t('registerSexLabel'), t(form.babySex === 'male' ? 'registerSexMale' : 'registerSexFemale')),
    row('birthDate', t('registerBirthDateLabel'), form.birthDate),
  ];
  if (form.applicant === 'mother') rows.push(row('fatherNamed', t('registerFather'), t(form.fatherNamed ? 'registerFatherYes' : 'registerFatherNo')));
  rows.push(row('hukouWith', t('registerHukouLabel'), t(form.hukouWith === 'father' ? 'registerHukouFather' : 'registerHukouMother')));
  rows.push(row('consent', t('registerConsentHeading'), t('registerConsented')));
  return rows;
}

export interface MineRow { id: string; name: string; reference: string; status: string; tone: string }

export const statusText = (r: NewbornRegistration): string => newbornText.t(`registrationStatus.${r.status}`);
export const statusTone = (r: NewbornRegistration): string => (r.status === 'done' ? 'ok' : r.status === 'withdrawn' ? 'off' : r.status === 'awaiting-mother' ? 'warn' : 'on');

export const mineOf = (items: readonly NewbornRegistration[]): MineRow[] =>
  items.map((r) => ({ id: r.id, name: r.baby.nameMasked, reference: r.reference, status: statusText(r), tone: statusTone(r) }));

// ---- the draft ----

const DRAFT_FORM = 'newborn-register';
const isRegisterDraft = draftShape({
  applicant: 'string', birthCertificateNumber: 'string', babyName: 'string', babySex: 'string', birthDate: 'string', fatherNamed: 'boolean', hukouWith: 'string',
});

/** Keeps everything typed or chosen but the consent, which is given each time. */
export function keepDraft(form: RegisterForm): void {
  saveDraft(DRAFT_FORM, {
    applicant: form.applicant, birthCertificateNumber: form.birthCertificateNumber, babyName: form.babyName, babySex: form.babySex,
    birthDate: form.birthDate, fatherNamed: form.fatherNamed, hukouWith: form.hukouWith,
  });
}

/** The form as the draft left it (the consent box never ticked). */
export function restoredForm(): RegisterForm {
  const draft = readDraft(DRAFT_FORM, isRegisterDraft);
  if (!draft) return emptyForm();
  return settled({
    applicant: isParent(draft.applicant) ? draft.applicant : '',
    birthCertificateNumber: (draft.birthCertificateNumber ?? '').slice(0, CERTIFICATE_INPUT_MAX),
    babyName: (draft.babyName ?? '').slice(0, NAME_INPUT_MAX),
    babySex: isSex(draft.babySex) ? draft.babySex : '',
    birthDate: /^\d{4}-\d{2}-\d{2}$/.test(draft.birthDate ?? '') ? draft.birthDate ?? '' : '',
    fatherNamed: draft.fatherNamed === true,
    hukouWith: isParent(draft.hukouWith) ? draft.hukouWith : '',
    consent: false,
  });
}

export const dropDraft = (): void => clearDraft(DRAFT_FORM);
