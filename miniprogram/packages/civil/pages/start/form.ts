// The start page's form, apart from the page: its fields and what each accepts (the certificate number's
// shape, the agreement's length, the signature), the request it sends, the check-your-answers rows, and
// the draft that keeps what was typed (the kind, the certificate number, the agreement; never the boxes).
import { AGREEMENT_MAX_CHARS, AGREEMENT_MIN_CHARS, CASE_KINDS, type CaseKind, type StartCaseRequest } from '../../../../contracts/civil';
import { clearDraft, draftShape, readDraft, saveDraft } from '../../../../core/draft';
import { errorView, type FieldErrors } from '../../../../core/form';
import { fieldMessages } from '../../../../core/messages';
import { checkCertificate, normaliseCertificate } from '../../../../core/validation';
import { text } from '../../../../i18n/main';
import { civilText, civilWords } from '../../i18n';
import { kindText } from '../../view';

const KEYS = [
  'startChooseHeading', 'startChooseMarriageHint', 'startChooseDivorceHint', 'startHowHeading', 'startMarriageStep1', 'startMarriageStep2', 'startMarriageStep3',
  'startMarriageStep4', 'startMarriageStep5', 'startDivorceStep1', 'startDivorceStep2', 'startDivorceStep3', 'startDivorceStep4', 'startDivorceStep5',
  'startDeclarationHeading', 'startSign', 'startCertificateLabel', 'startCertificateHint', 'startAgreementLabel', 'startAgreementHint', 'startAcknowledge',
  'startContinue', 'startCheckHeading', 'startKind', 'startCertificate', 'startAgreement', 'startDeclaration', 'startConfirmation', 'startFee', 'startChange', 'startChangeKind',
  'startChangeCertificate', 'startChangeAgreement', 'startChangeSigned', 'startCheckNote', 'startSubmit', 'startSubmitting', 'civilMyCases', 'civilHome',
] as const;

/** The page's words, picked once per render. */
export const wordsOf = () => ({ ...civilText.pick(KEYS), ...text.pick(['errorSummaryTitle']) });
/** The two kinds to choose from. */
export const kindsOf = () =>
  (['marriage', 'divorce'] as const).map((kind) => ({ kind, name: kindText(kind), hint: civilText.t(kind === 'marriage' ? 'startChooseMarriageHint' : 'startChooseDivorceHint') }));

/** In the form's order; the two check boxes carry the government's field names. */
export const FIELDS = ['declaration', 'certificateNumber', 'agreement', 'agreementAcknowledged'] as const;
export type Field = (typeof FIELDS)[number];
export type Errors = FieldErrors<Field>;

export interface StartForm { certificateNumber: string; agreement: string; signed: boolean }
export interface Answers { kind: string; certificate: string; agreement: string; signed: string; fee: string }

export const CERTIFICATE_INPUT_MAX = 40;
export const emptyForm = (): StartForm => ({ certificateNumber: '', agreement: '', signed: false });
export const isKind = (value: unknown): value is CaseKind => CASE_KINDS.some((kind) => kind === value);

/** The fields a kind asks for. */
export const fieldsOf = (kind: CaseKind): readonly Field[] => (kind === 'marriage' ? ['declaration'] : ['certificateNumber', 'agreement', 'agreementAcknowledged']);

const agreementLength = (text: string): number => Array.from(text.trim()).length;

/**
 * Why a field is not acceptable yet, or null. While typing (`complete` false) only what is wrong whatever
 * comes next is said (a number of the wrong shape, an agreement too long); an empty or short field, or a
 * box not ticked, once the person leaves the field or goes on.
 */
export function problemOf(field: Field, form: StartForm, complete: boolean, now: number): string | null {
  switch (field) {
    case 'certificateNumber': {
      const problem = checkCertificate(form.certificateNumber, now);
      // Half typed (J and up to 16 digits so far) is not wrong yet.
      const partial = /^J?\d{0,15}$/.test(form.certificateNumber.replace(/[\s\-–—_]+/g, '').toUpperCase());
      return !complete && (problem === 'REQUIRED' || (problem === 'CERTIFICATE_FORMAT' && partial)) ? null : problem;
    }
    case 'agreement': {
      const length = agreementLength(form.agreement);
      if (length > AGREEMENT_MAX_CHARS) return 'TOO_LONG';
      if (!complete) return null;
      if (length === 0) return 'REQUIRED';
      return length < AGREEMENT_MIN_CHARS ? 'AGREEMENT_TOO_SHORT' : null;
    }
    case 'declaration':
      return complete && !form.signed ? 'DECLARATION_REQUIRED' : null;
    default:
      return complete && !form.signed ? 'ACKNOWLEDGEMENT_REQUIRED' : null;
  }
}

/** Reasons (ours or the government's) in words beside their fields; only the form's own fields. */
export function errorsOf(reasons: Readonly<Record<string, string>>): Errors {
  const words = fieldMessages(reasons, civilWords);
  const errors: Errors = {};
  FIELDS.forEach((field) => {
    if (words[field]) errors[field] = words[field];
  });
  return errors;
}

/** Every field of the kind checked as on "Continue": the errors and their summary. */
export function checkAll(kind: CaseKind, form: StartForm, now: number) {
  const reasons: Record<string, string> = {};
  fieldsOf(kind).forEach((field) => {
    const problem = problemOf(field, form, true, now);
    if (problem) reasons[field] = problem;
  });
  return errorView(FIELDS, errorsOf(reasons));
}

/** The errors after a change to one field: checked fully when it already shows an error, or when the person left it. */
export function errorsAfter(errors: Errors, field: Field, form: StartForm, complete: boolean, now: number): Errors {
  const problem = problemOf(field, form, complete || Boolean(errors[field]), now);
  const next: Errors = { ...errors, ...errorsOf(problem ? { [field]: problem } : {}) };
  if (!problem) delete next[field];
  return next;
}

export function requestOf(kind: CaseKind, form: StartForm): StartCaseRequest {
  if (kind === 'marriage') return { kind, declaration: form.signed };
  return { kind, certificateNumber: normaliseCertificate(form.certificateNumber), agreement: form.agreement.trim(), agreementAcknowledged: form.signed };
}

export const countText = (agreement: string): string => civilText.t('startAgreementCount', { count: agreementLength(agreement) });

/** Check your answers: what will be sent, as the government will read it. */
export function answersOf(kind: CaseKind, form: StartForm): Answers {
  return {
    kind: kindText(kind),
    certificate: kind === 'divorce' ? normaliseCertificate(form.certificateNumber) : '',
    agreement: kind === 'divorce' ? form.agreement.trim() : '',
    signed: civilText.t(kind === 'marriage' ? 'startSigned' : 'startAcknowledged'),
    fee: civilText.t('civilFee'),
  };
}

// ---- the draft ----

const DRAFT_FORM = 'civil-start';
const isStartDraft = draftShape({ kind: 'string', certificateNumber: 'string', agreement: 'string' });

/** Keeps the kind, the certificate number and the agreement (the draft's guard still drops a resident ID typed anywhere). */
export function keepDraft(kind: CaseKind | '', form: StartForm): void {
  saveDraft(DRAFT_FORM, { kind, agreement: form.agreement, certificateNumber: form.certificateNumber });
}

/** The kind of the draft, if any. */
export const draftKind = (): CaseKind | '' => {
  const kind = readDraft(DRAFT_FORM, isStartDraft)?.kind;
  return isKind(kind) ? kind : '';
};

/** The form as the draft left it (the boxes never ticked). */
export function restoredForm(): StartForm {
  const draft = readDraft(DRAFT_FORM, isStartDraft);
  if (!draft) return emptyForm();
  return {
    certificateNumber: (draft.certificateNumber ?? '').slice(0, CERTIFICATE_INPUT_MAX),
    agreement: (draft.agreement ?? '').slice(0, AGREEMENT_MAX_CHARS),
    signed: false,
  };
}

export const dropDraft = (): void => clearDraft(DRAFT_FORM);
