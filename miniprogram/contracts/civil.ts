// Civil-affairs appointments (婚姻登记): marriage and divorce registration cases of two verified people,
// an invitation that brings the second in, appointments at a registration office through the shared
// appointment engine, and divorce's 30-day cooling-off period (Civil Code art. 1077).
import type { LocalText } from './health';

export type { LocalText };

export const CIVIL_AGENCY = 'civil-affairs';

export const CASE_KINDS = ['marriage', 'divorce'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** What an appointment is for: the marriage registration, or divorce's application and certificate. */
export const APPOINTMENT_KINDS = ['marriage', 'divorce-application', 'divorce-certificate'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

/** An invitation code works for 72 hours. */
export const INVITATION_HOURS = 72;
/** Minimum marriage ages on the appointment date (Civil Code art. 1047). */
export const MARRIAGE_AGE = { male: 22, female: 20 } as const;
/** Days 1 to 30 after the application are the cooling-off period; the certificate is for days 31 to 60. */
export const COOLING_OFF_DAYS = 30;
export const CERTIFICATE_FROM_DAY = 31;
export const CERTIFICATE_UNTIL_DAY = 60;
/** A divorce agreement: how children, property and debts are arranged, in the couple's words. */
export const AGREEMENT_MIN_CHARS = 20;
export const AGREEMENT_MAX_CHARS = 2000;

/** The office's time windows, the same every working day (Monday to Friday). */
export const TIME_WINDOWS = [
  { id: 'am1', start: '09:00', end: '10:30' },
  { id: 'am2', start: '10:30', end: '12:00' },
  { id: 'pm1', start: '14:00', end: '15:30' },
  { id: 'pm2', start: '15:30', end: '17:00' },
] as const;
export type TimeWindowId = (typeof TIME_WINDOWS)[number]['id'];

export interface Office {
  id: string;
  name: LocalText;
  district: LocalText;
  address: LocalText;
  hours: LocalText;
  phone: string;
  /** The area code in the certificates it issues (J440106-…). */
  areaCode: string;
}

export interface OfficesResponse { items: Office[] }

/** One day at an office for the case's next appointment. */
export interface OfficeDay {
  date: string;
  weekday: number;
  /**
   * available / few (5 or fewer left) / full (the day's quota is taken) / closed (a weekend or public holiday; a make-up working day is open) / too-young
   * (before one of the couple is of age) / outside (not in the divorce certificate's days 31 to 60).
   */
  status: 'available' | 'few' | 'full' | 'closed' | 'too-young' | 'outside';
  remaining: number;
  quota: number;
  /** Windows still ahead on that day (a window of today already begun is gone). */
  windows: { id: TimeWindowId; start: string; end: string }[];
}

export interface OfficeDaysResponse { office: Office; kind: AppointmentKind; days: OfficeDay[] }

/** Why a person or a couple cannot go on, explained on its own panel (never as a field error). */
export const INELIGIBLE_CODES = [
  'TOO_YOUNG', 'ALREADY_MARRIED', 'NOT_MARRIED', 'NOT_SPOUSE', 'COOLING_OFF', 'QUOTA_FULL', 'NO_SHOW_BLOCKED', 'CASE_OPEN',
] as const;
export type IneligibleCode = (typeof INELIGIBLE_CODES)[number];

export interface Ineligibility {
  code: IneligibleCode;
  /** Whom it is about, from the reader's side. */
  who: 'you' | 'other';
  /** TOO_YOUNG: the first day they are of age; COOLING_OFF: the first certificate day. */
  from?: string;
  /** NO_SHOW_BLOCKED: blocked before this day; */
  until?: string;
  /** TOO_YOUNG: the age the law asks of them. */
  age?: number;
}

export type CaseStatus =
  | 'invited' // waiting for the other person to accept
  | 'accepted' // both are in: book the appointment
  | 'booked' // the marriage registration or the divorce application is booked
  | 'cooling-off' // divorce: the application was made; days 1 to 30
  | 'certificate-window' // divorce: days 31 to 60, for the certificate appointment
  | 'certificate-booked'
  | 'registered' // married
  | 'divorced'
  | 'declined' // the other person declined
  | 'withdrawn'; // withdrawn by either, or (divorce) day 60 passed without the certificate

/** How a case ended without its registration. */
export type EndReason = 'declined' | 'withdrawn' | 'expired';

export type CaseEventKind =
  | 'started' | 'invited' | 'accepted' | 'declined' | 'booked' | 'cancelled' | 'attended' | 'missed'
  | 'cooling-off-ended' | 'withdrawn' | 'expired' | 'registered' | 'divorced';

export interface CaseEvent {
  kind: CaseEventKind;
  at: number;
  /** Who did it, from the reader's side; `office` for what the registration office or the calendar did. */
  by: 'you' | 'other' | 'office';
  appointment?: AppointmentKind;
}

export interface PartyView {
  role: 'first' | 'second';
  you: boolean;
  /** The other person's name is masked (`*伟`) until they have accepted. */
  name: string;
  /** Always masked (`4401**********0014`); a mobile is never shown. */
  idMasked: string;
  sex: 'male' | 'female';
  /** When they signed the declaration (marriage) or acknowledged the agreement (divorce). */
  signedAt: number | null;
}

export interface CivilAppointment {
  id: string;
  reference: string;
  kind: AppointmentKind;
  status: 'booked' | 'cancelled' | 'attended' | 'no-show';
  office: Office;
  date: string;
  window: { id: TimeWindowId; start: string; end: string };
  bookedBy: 'you' | 'other';
  createdAt: number;
  cancelledAt: number | null;
  /** Cancellable at least a day ahead: until 00:00 CST of the appointment day. */
  cancelUntil: number;
  canCancel: boolean;
  bring: LocalText;
  atOffice: LocalText;
  feeFen: 0;
}

export interface CoolingOff {
  /** Day 0: the CST date of the application appointment. */
  applicationDate: string;
  /** Today's day number after it (1 to 30 in cooling-off). */
  day: number;
  /** Days of cooling-off left after today (0 on day 30). */
  daysLeft: number;
  endsOn: string;
  certificateFrom: string;
  certificateUntil: string;
}

export interface CivilCase {
  id: string;
  reference: string;
  kind: CaseKind;
  status: CaseStatus;
  createdAt: number;
  /** You first. */
  parties: PartyView[];
  /** The live invitation (the first person only, while invited); the code itself only when it is made. */
  invitation: { expiresAt: number; expired: boolean } | null;
  /** Divorce: the marriage certificate number and the agreement both acknowledged. */
  certificateNumber: string | null;
  agreement: string | null;
  /** Marriage: the declaration both sign. */
  declaration: LocalText | null;
  appointments: CivilAppointment[];
  /** The appointment that is booked now, if any. */
  upcoming: CivilAppointment | null;
  coolingOff: CoolingOff | null;
  /** What can be booked now and between which days, or null. */
  next: { kind: AppointmentKind; from: string; until: string } | null;
  /** Why the next step is not possible now (too young, married, blocked...), for its own panel. */
  ineligible: Ineligibility[];
  canWithdraw: boolean;
  ended: { reason: EndReason; by: 'you' | 'other' | 'office'; at: number } | null;
  /** Marriage registered: the certificate number issued. */
  issuedCertificate: string | null;
  timeline: CaseEvent[];
}

export interface CaseSummary {
  id: string;
  reference: string;
  kind: CaseKind;
  status: CaseStatus;
  createdAt: number;
  other: { name: string; role: 'first' | 'second' } | null;
  upcoming: { date: string; start: string; end: string; office: LocalText } | null;
  coolingOff: CoolingOff | null;
}

export interface CasesResponse { items: CaseSummary[] }

export interface EligibilityResponse { kind: CaseKind; ineligible: Ineligibility[]; declaration: LocalText | null }

export interface StartCaseRequest {
  kind: CaseKind;
  /** Marriage: the declaration signed (the check box). */
  declaration?: boolean;
  /** Divorce: the certificate number, the agreement and its acknowledgement. */
  certificateNumber?: string;
  agreement?: string;
  agreementAcknowledged?: boolean;
}

/** A new code; `code` is '' in a replayed answer (the same Idempotency-Key again): the government keeps only its digest. */
export interface Invitation { code: string; expiresAt: number; caseId: string }

export interface StartCaseResponse { case: CivilCase; invitation: Invitation }

/** What the second person sees when they open a code, before accepting. */
export interface CasePreview {
  caseId: string;
  reference: string;
  kind: CaseKind;
  from: { name: string; idMasked: string; sex: 'male' | 'female' };
  certificateNumber: string | null;
  agreement: string | null;
  declaration: LocalText | null;
  expiresAt: number;
  /** Already accepted by this person (opened again after accepting). */
  accepted: boolean;
  ineligible: Ineligibility[];
}

export interface OpenInvitationRequest { code: string; caseId?: string }
export interface AcceptRequest { code: string; declaration?: boolean; agreementAcknowledged?: boolean }
export interface DeclineRequest { code: string }

export interface BookRequest { officeId: string; date: string; window: TimeWindowId }

// ---- Newborn registration (出生一件事): one submission, the bundle's items each with its status ----

/** The bundle's items, done by these working days after the submission (Guangdong: all within 5). */
export const NEWBORN_ITEMS = [
  { item: 'birth-record', days: 1 },
  { item: 'hukou', days: 3 },
  { item: 'medical-insurance', days: 4 },
  { item: 'social-security-card', days: 5 },
] as const;
export type NewbornItem = (typeof NEWBORN_ITEMS)[number]['item'];
/** Hukou registration is due within one month of the birth (户口登记条例 art. 7); later is accepted and flagged late. */
export const NEWBORN_DUE_MONTHS = 1;

export interface NewbornRequest {
  /** The birth medical certificate number (出生医学证明编号): a letter and 9 digits, e.g. R440123456. */
  birthCertificateNumber: string;
  babyName: string;
  babySex: 'male' | 'female';
  /** YYYY-MM-DD (CST). */
  birthDate: string;
  /** Who applies: the mother, or the father (then the mother confirms with the code he is given). */
  applicant: 'mother' | 'father';
  /** The mother applying: whether her spouse on the marriage register is named as the father. */
  fatherNamed?: boolean;
  /** Whose household the child joins. */
  hukouWith: 'mother' | 'father';
  /** The separate consent to process the child's data (PIPL art. 28 and 31). */
  consent: boolean;
}

export interface NewbornItemView { item: NewbornItem; status: 'waiting' | 'processing' | 'done'; doneBy: string; doneAt: number | null }

export interface NewbornRegistration {
  id: string;
  reference: string;
  /** The mother has confirmed (the father applied); the items start then. */
  status: 'awaiting-mother' | 'processing' | 'done' | 'withdrawn';
  applicant: 'you' | 'other';
  /** Which parent applied (the mother applying confirms as she submits). */
  appliedBy: 'mother' | 'father';
  /** Masked everywhere: 李*, R44*****456, the birth month only. */
  baby: { nameMasked: string; sex: 'male' | 'female'; birthMonth: string };
  certificateMasked: string;
  mother: { name: string; idMasked: string };
  father: { name: string; idMasked: string } | null;
  hukouWith: 'mother' | 'father';
  /** The household's area, masked (广东省广州市天河区…). */
  hukouArea: string;
  /** Registered more than a month after the birth: accepted, with the late registration's explanation. */
  late: boolean;
  dueBy: string;
  submittedAt: number;
  confirmedAt: number | null;
  withdrawnAt: number | null;
  items: NewbornItemView[];
}

export interface NewbornStartResponse { registration: NewbornRegistration; invitation: Invitation | null }
export interface NewbornListResponse { items: NewbornRegistration[] }
