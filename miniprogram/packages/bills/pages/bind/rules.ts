// The bind page's rules, apart from the page: the form's fields and what each accepts (checked against
// the chosen company's account length as typed), what of it a draft keeps (never the proof), the words for
// a reason (the government's err.<CODE> words, else the field's), and when a person refused for too many
// failed tries may try again.
import { LABEL_MAX_CHARS, UTILITIES, type CheckAccountRequest, type Company, type Utility } from '../../../../contracts/bills';
import { formatCstDateTime } from '../../../../core/dates';
import { draftShape } from '../../../../core/draft';
import type { FieldErrors } from '../../../../core/form';
import { fieldMessages } from '../../../../core/messages';
import { billsText, billsWords } from '../../i18n';
import { local } from '../../service';

export const FIELDS = ['utility', 'companyId', 'accountNumber', 'proof', 'label'] as const;
export type Field = (typeof FIELDS)[number];
export type Errors = FieldErrors<Field>;
/** The fields "Check" sends; the label belongs to the preview's step. */
export const CHECK_FIELDS: readonly Field[] = ['utility', 'companyId', 'accountNumber', 'proof'];

export interface Form { utility: Utility; companyId: string; accountNumber: string; proof: string; label: string }

/** Utility, company, number and label survive a closed page; the proof never does. */
export const DRAFT_FORM = 'bills-bind';
export const isBindDraft = draftShape({ utility: 'string', companyId: 'string', accountNumber: 'string', label: 'string' });

export const isUtility = (value: unknown): value is Utility => UTILITIES.some((utility) => utility === value);
/** Longer than any company's numbers, so a number typed too long is said, not cut off. */
export const NUMBER_MAX = 24;
export const PROOF_MAX = 20;
export const LABEL_INPUT_MAX = 24;

/** What Check sends for the form as it is. */
export const requestOf = (form: Form): CheckAccountRequest => ({
  utility: form.utility,
  companyId: form.companyId,
  accountNumber: cleanNumber(form.accountNumber),
  proof: form.proof.trim(),
});

/** The number as the government reads it: the spaces and dashes people type between groups left out. */
export const cleanNumber = (typed: string): string => typed.replace(/[\s-]/g, '');
export const labelLength = (label: string): number => Array.from(label.trim()).length;

/**
 * The reason a field is not acceptable yet, or null. As typed (`complete` false) a letter or a number
 * longer than the company's is said at once; a number still too short, or an empty field, only once the
 * person leaves the field or sends the form.
 */
export function problemOf(field: Field, form: Form, company: Company | undefined, complete: boolean): string | null {
  switch (field) {
    case 'companyId':
      return complete && !form.companyId ? 'REQUIRED' : null;
    case 'accountNumber': {
      const number = cleanNumber(form.accountNumber);
      if (!number) return complete ? 'REQUIRED' : null;
      if (!/^\d+$/.test(number)) return 'ACCOUNT_DIGITS';
      if (!company) return null;
      return number.length > company.accountLength || (complete && number.length !== company.accountLength) ? 'ACCOUNT_LENGTH' : null;
    }
    case 'proof':
      return complete && !form.proof.trim() ? 'REQUIRED' : null;
    case 'label': {
      const length = labelLength(form.label);
      if (length > LABEL_MAX_CHARS) return 'TOO_LONG';
      return complete && length === 0 ? 'REQUIRED' : null;
    }
    default:
      return null;
  }
}

/** A reason in words: the government's own words for its codes (ACCOUNT_NOT_FOUND ...), else the field's. */
export function messageFor(field: Field, code: string, form: Form, company: Company | undefined): string {
  const own = `err.${code}`;
  if (billsText.has(own)) return billsText.t(own);
  const specific = `bindErr.${field}.${code}`;
  const params = {
    company: company ? local(company.name) : '',
    expected: company?.accountLength ?? 0,
    length: field === 'label' ? labelLength(form.label) : cleanNumber(form.accountNumber).length,
  };
  if (billsText.has(specific)) return billsText.t(specific, params);
  return fieldMessages({ [field]: code }, billsWords, params)[field];
}

export function checkField(field: Field, form: Form, company: Company | undefined, complete: boolean): string {
  const problem = problemOf(field, form, company, complete);
  return problem ? messageFor(field, problem, form, company) : '';
}

/** Every problem of `fields` at once, as on a tap of Check or Add. */
export function checkAll(fields: readonly Field[], form: Form, company: Company | undefined): Errors {
  const errors: Errors = {};
  fields.forEach((field) => {
    const message = checkField(field, form, company, true);
    if (message) errors[field] = message;
  });
  return errors;
}

/** The government's reasons (field -> code) in words. */
export function reasonsOf(reasons: Readonly<Record<string, string>>, form: Form, company: Company | undefined): Errors {
  const errors: Errors = {};
  FIELDS.forEach((field) => {
    if (reasons[field]) errors[field] = messageFor(field, reasons[field], form, company);
  });
  return errors;
}

/** When to try again after too many failed tries: the time on this phone, and about how long that is. */
export function rateLimitedText(retryAfterSec: number, now: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSec / 60));
  const wait = minutes < 120 ? billsText.t('bindWaitMinutes', { minutes }) : billsText.t('bindWaitHours', { hours: Math.round(minutes / 60) });
  // Rounded up to the next minute, so "after 10:05" is never a minute early.
  const at = Math.ceil((now + retryAfterSec * 1000) / 60000) * 60000;
  return billsText.t('bindRateLimited', { time: formatCstDateTime(at), wait });
}
