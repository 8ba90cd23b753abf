// The patients page's rules, apart from the page: how a patient reads, what each field of the add form
// accepts, the words for a reason (a family member's, or the government's err.<CODE> words), and what
// the resident ID says about the person (birth date, age, a child needing the guardian's consent).
import { CHILD_AGE, type Patient, type Relationship } from '../../../../contracts/health';
import { ageOn, formatCivilDate } from '../../../../core/dates';
import { draftShape } from '../../../../core/draft';
import type { FieldErrors } from '../../../../core/form';
import { fieldMessages } from '../../../../core/messages';
import { checkIdNumber, checkPersonName, idBirthDate, normaliseIdNumber } from '../../../../core/validation';
import { hospitalText, hospitalWords } from '../../i18n';

export const FIELDS = ['name', 'idNumber', 'relationship', 'guardianConsent'] as const;
export type Field = (typeof FIELDS)[number];
export type Errors = FieldErrors<Field>;

export type MemberRelationship = Exclude<Relationship, 'self'>;
export const MEMBER_RELATIONSHIPS: readonly MemberRelationship[] = ['spouse', 'child', 'parent', 'other'];
export const isMemberRelationship = (value: unknown): value is MemberRelationship => MEMBER_RELATIONSHIPS.some((r) => r === value);

export interface FormValues { name: string; idNumber: string; relationship: MemberRelationship | ''; consent: boolean }
export const emptyForm = (): FormValues => ({ name: '', idNumber: '', relationship: '', consent: false });

/** The name and relationship survive a closed page; the ID number (and so the consent that goes with it) never does. */
export const DRAFT_FORM = 'hospital-patient';
export const isPatientDraft = draftShape({ name: 'string', relationship: 'string' });

export interface PatientView {
  id: string;
  name: string;
  relationship: string;
  age: string;
  id18: string;
  note: string;
  verified: boolean;
  blocked: string;
  removable: boolean;
  chooseLabel: string;
  removeLabel: string;
}

export function patientView(patient: Patient): PatientView {
  const { t } = hospitalText;
  return {
    id: patient.id,
    name: patient.name,
    relationship: t(`relationship.${patient.relationship}`),
    age: t('patientAge', { age: patient.age }),
    id18: t('patientId', { idMasked: patient.idMasked }),
    note: t(patient.verified ? 'patientVerified' : 'patientUnverified'),
    verified: patient.verified,
    blocked: patient.block ? t('patientBlocked', { until: patient.block.until }) : '',
    removable: patient.id !== 'self',
    chooseLabel: t('patientChooseLabel', { name: patient.name }),
    removeLabel: t('patientRemoveLabel', { name: patient.name }),
  };
}

/** What a complete, well-formed resident ID says: the birth date, the age now, and whether a guardian must consent. */
export function birthOf(idNumber: string, now: number): { date: string; age: number; child: boolean } | null {
  const id = normaliseIdNumber(idNumber);
  if (checkIdNumber(id, now)) return null;
  const birth = idBirthDate(id);
  const age = ageOn(birth, now);
  return { date: formatCivilDate(birth), age, child: age < CHILD_AGE };
}

/** The reason a field is not acceptable yet, or null; `complete` (left or submitted) asks for a full check. */
export function problemOf(field: Field, form: FormValues, complete: boolean, now: number): string | null {
  switch (field) {
    case 'name':
      return complete ? checkPersonName(form.name) : null;
    case 'idNumber': {
      const id = normaliseIdNumber(form.idNumber);
      if (!complete && id.length < 18) return id.length > 0 && !/^\d{0,17}$/.test(id) ? 'ID_CHARS' : null;
      return checkIdNumber(id, now);
    }
    case 'relationship':
      return complete && !form.relationship ? 'REQUIRED' : null;
    default:
      return complete && birthOf(form.idNumber, now)?.child && !form.consent ? 'CONSENT_REQUIRED' : null;
  }
}

/** A reason in words: the government's own words for its codes (PATIENT_EXISTS ...), else the field's. */
export function messageFor(field: Field, code: string, form: FormValues): string {
  const own = `err.${code}`;
  if (hospitalText.has(own)) return hospitalText.t(own);
  return fieldMessages({ [field]: code }, hospitalWords, { length: normaliseIdNumber(form.idNumber).length })[field];
}

export function checkField(field: Field, form: FormValues, complete: boolean, now: number): string {
  const problem = problemOf(field, form, complete, now);
  return problem ? messageFor(field, problem, form) : '';
}

/** Every problem at once, as on submit. */
export function checkAll(form: FormValues, now: number): Errors {
  const errors: Errors = {};
  FIELDS.forEach((field) => {
    const message = checkField(field, form, true, now);
    if (message) errors[field] = message;
  });
  return errors;
}

/** The government's reasons (field -> code) in words. */
export function reasonsOf(reasons: Readonly<Record<string, string>>, form: FormValues): Errors {
  const errors: Errors = {};
  FIELDS.forEach((field) => {
    if (reasons[field]) errors[field] = messageFor(field, reasons[field], form);
  });
  return errors;
}
