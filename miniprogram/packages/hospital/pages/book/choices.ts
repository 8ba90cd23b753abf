// What the book page shows of its choices, as pure functions: the patient picker's rows (blocked,
// not verified, the department's age rule), which patient to choose first, where a refusal's words go.
import { CHILD_AGE, type DepartmentSummary, type Patient } from '../../../../contracts/health';
import { hospitalText } from '../../i18n';

export interface PatientRow {
  id: string;
  name: string;
  relationship: string;
  age: string;
  /** Not verified (family), blocked, or the age rule: shown under the name. */
  notes: string[];
  blocked: boolean;
  selected: boolean;
}

/** Whether the department's age rule says no to this patient (paediatrics and an adult). */
export const outsideAgeRule = (department: DepartmentSummary, patient: Patient): boolean => department.maxAge !== null && patient.age >= department.maxAge;

export function patientRows(patients: readonly Patient[], department: DepartmentSummary, selected: string): PatientRow[] {
  return patients.map((patient) => {
    const notes = [hospitalText.t(patient.verified ? 'bookVerified' : 'bookNotVerified')];
    if (patient.block) notes.push(hospitalText.t('bookBlocked', { date: patient.block.until }));
    if (outsideAgeRule(department, patient)) notes.push(hospitalText.t('bookAdultInChildren'));
    else if (department.maxAge === null && patient.age < CHILD_AGE) notes.push(hospitalText.t('bookChildElsewhere'));
    return {
      id: patient.id,
      name: patient.name,
      relationship: hospitalText.t(`relationship.${patient.relationship}`),
      age: hospitalText.t('bookAge', { age: patient.age }),
      notes,
      blocked: patient.block !== null,
      selected: patient.id === selected,
    };
  });
}

/**
 * Whom to choose: one just added (coming back from adding a family member), else the one chosen before
 * if still listed, else the first the department takes and who is not blocked, else nobody.
 */
export function choosePatient(patients: readonly Patient[], department: DepartmentSummary, before: string, known: ReadonlySet<string>): string {
  const added = patients.filter((patient) => known.size > 0 && !known.has(patient.id) && !patient.block);
  if (added.length) return added[added.length - 1].id;
  if (patients.some((patient) => patient.id === before)) return before;
  return patients.find((patient) => !patient.block && !outsideAgeRule(department, patient))?.id ?? '';
}

export const BOOK_FIELDS = ['slot', 'patient'] as const;
export type BookField = (typeof BOOK_FIELDS)[number];

const PATIENT_CODES = ['PATIENT_NOT_FOUND', 'ALREADY_BOOKED', 'NO_SHOW_BLOCKED', 'AGE_RULE'];
const SLOT_CODES = ['DATE_PAST', 'DATE_TOO_SOON', 'DATE_TOO_FAR', 'SLOT_NOT_FOUND', 'SLOT_NOT_IN_DEPARTMENT'];

/** The field a refusal belongs beside, or null for one no field owns (the summary only). */
export function fieldOf(code: string): BookField | null {
  if (PATIENT_CODES.includes(code)) return 'patient';
  if (SLOT_CODES.includes(code)) return 'slot';
  return null;
}
