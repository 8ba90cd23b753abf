// The identity form's rules, apart from the page: what each field accepts while typed and once complete,
// the words for a reason, the face re-check, the government's reasons and other failures, the done step's
// words, the resend countdown and the draft's shape. Tested on their own (test/pages/identity-rules.test.ts).
import type { IdentityLevel, Profile } from '../../contracts/identity';
import { draftShape } from '../../core/draft';
import { ServiceError } from '../../core/errors';
import { errorView, type ErrorView, type FieldErrors } from '../../core/form';
import { errorMessage, fieldMessages } from '../../core/messages';
import { checkIdNumber, checkMobile, checkPersonName, checkSmsCode, maskIdNumber, normaliseIdNumber } from '../../core/validation';
import { text } from '../../i18n/main';

/** The words the page shows, picked once in its language. */
export const KEYS = [
  'identityIntro', 'identityConsentTitle', 'identityConsentGeneral', 'identityConsentId', 'identityConsentContinue',
  'identityName', 'identityNamePlaceholder', 'identityIdNumber', 'identityIdPlaceholder', 'identityMobile',
  'identityMobilePlaceholder', 'identitySmsCode', 'identitySmsPlaceholder', 'identitySendCode', 'identitySubmit',
  'identitySubmitting', 'errorSummaryTitle', 'identityDoneTitle', 'identityFaceOffer', 'identityFaceAction',
  'identityFaceDone', 'identityContinue', 'retry',
] as const;
export type Words = Record<(typeof KEYS)[number], string>;

export type Field = 'name' | 'idNumber' | 'mobile' | 'smsCode';
export const FIELDS: readonly Field[] = ['name', 'idNumber', 'mobile', 'smsCode'];
export type FormValues = Record<Field, string>;
export type Errors = FieldErrors<Field>;

export const emptyForm = (): FormValues => ({ name: '', idNumber: '', mobile: '', smsCode: '' });

/** Name and mobile survive a closed page; the ID number never touches storage. */
export const DRAFT_FORM = 'identity';
export const isIdentityDraft = draftShape({ name: 'string', mobile: 'string' });

/** The reason a field's value is not acceptable yet, or null. `complete` asks for a full check. */
export function problemOf(field: Field, value: string, complete: boolean, now: number = Date.now()): string | null {
  switch (field) {
    case 'name':
      return complete ? checkPersonName(value) : null;
    case 'idNumber': {
      const id = normaliseIdNumber(value);
      if (!complete && id.length < 18) return id.length > 0 && !/^\d{0,17}$/.test(id) ? 'ID_CHARS' : null;
      return checkIdNumber(id, now);
    }
    case 'mobile': {
      const mobile = value.replace(/\s+/g, '');
      if (!complete && mobile.length < 11) return /^(1([3-9]\d*)?)?$/.test(mobile) ? null : 'MOBILE_FORMAT';
      return checkMobile(mobile);
    }
    default:
      return complete ? checkSmsCode(value) : null;
  }
}

export function messageFor(field: Field, code: string, value: string): string {
  return fieldMessages({ [field]: code }, text, { length: normaliseIdNumber(value).length })[field];
}

/** The words for a field's value, as typed or (`complete`) once left; '' when there is nothing to say. */
export function checkField(field: Field, value: string, complete: boolean): string {
  const problem = problemOf(field, value, complete);
  return problem ? messageFor(field, problem, value) : '';
}

/** Every problem of these fields at once, as on submit. */
export function checkAll(fields: readonly Field[], form: FormValues): Errors {
  const errors: Errors = {};
  fields.forEach((field) => {
    const message = checkField(field, form[field], true);
    if (message) errors[field] = message;
  });
  return errors;
}

/** The government's reasons (field -> code) in words, over the errors shown; other fields keep theirs. */
export function withReasons(errors: Errors, reasons: Readonly<Record<string, string>>, form: FormValues): Errors {
  const next: Errors = { ...errors };
  FIELDS.forEach((field) => {
    if (reasons[field]) next[field] = messageFor(field, reasons[field], form[field]);
  });
  return next;
}

/** The face re-check asks for name and ID again: both complete, and the ID the one verified (`idMasked`). */
export function faceErrors(form: FormValues, verifiedAs: string): Errors {
  const errors = checkAll(['name', 'idNumber'], form);
  if (!errors.idNumber && maskIdNumber(normaliseIdNumber(form.idNumber)) !== verifiedAs) {
    errors.idNumber = fieldMessages({ idNumber: 'ID_NOT_YOURS' }, text, { idMasked: verifiedAs }).idNumber;
  }
  return errors;
}

/**
 * A failed request: the government's reasons beside their fields (and in the summary), or, for anything
 * else, words above the button (the network's own when offline); the errors shown stay.
 */
export function failureView(err: unknown, errors: Errors, form: FormValues): ErrorView<Field> & { formError: string } {
  if (err instanceof ServiceError && Object.keys(err.fields).length > 0) {
    return { ...errorView(FIELDS, withReasons(errors, err.fields, form)), formError: '' };
  }
  const offline = err instanceof ServiceError && (err.code === 'NETWORK' || err.code === 'TIMEOUT');
  return { ...errorView(FIELDS, errors), formError: offline ? text.t('identityNetworkError') : errorMessage(err, text) };
}

/** The done step for this profile, when the page was opened for `level`: who was verified, and the face step. */
export function doneView(profile: Profile, level: IdentityLevel): { doneBody: string; faceNeeded: boolean; faceDone: boolean } {
  return {
    doneBody: text.t('identityDoneBody', { name: profile.nameMasked, id: profile.idMasked }),
    faceNeeded: level === 'face' && profile.level !== 'face',
    faceDone: profile.level === 'face',
  };
}

export function countdownView(seconds: number): { resendIn: number; resendLabel: string } {
  return { resendIn: seconds, resendLabel: seconds > 0 ? text.t('identityResendIn', { seconds }) : '' };
}

/** Calls `tick` once a second with the seconds left, down to 0, then stops; the answer stops it early. */
export function countdown(seconds: number, tick: (left: number) => void): () => void {
  let left = seconds;
  const timer = setInterval(() => {
    left = Math.max(0, left - 1);
    if (left === 0) clearInterval(timer);
    tick(left);
  }, 1000);
  return () => clearInterval(timer);
}
