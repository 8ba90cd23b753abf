// Health agency contract: hospitals, departments, doctors and their slots, the patients a person books
// for (themselves and up to 5 family members), bookings with their fee, cancellation and reminder.

/** The agency's name: the key of its state and of its items in payment orders. */
export const HEALTH_AGENCY = 'health';
/** The kind of payment line a booking's registration fee is. */
export const BOOKING_ITEM_KIND = 'registration-fee';

/** Words the government holds in both languages (names of hospitals, doctors, addresses). */
export interface LocalText { zh: string; en: string }

/** 三级甲等, 三级乙等, 二级甲等: the national hospital grading. */
export const HOSPITAL_LEVELS = ['3A', '3B', '2A'] as const;
export type HospitalLevel = (typeof HOSPITAL_LEVELS)[number];

/** How departments are grouped on a hospital's page; the client words each group. */
export const DEPARTMENT_GROUPS = ['internal', 'surgery', 'women-children', 'specialist', 'tcm'] as const;
export type DepartmentGroup = (typeof DEPARTMENT_GROUPS)[number];

/** Doctors' professional titles, most senior first; the client words each one. */
export const DOCTOR_TITLES = ['chief', 'associate-chief', 'attending', 'resident'] as const;
export type DoctorTitle = (typeof DOCTOR_TITLES)[number];

/** A day as the 14-day strip shows it: slots free, 3 or fewer left, none left, or not bookable (no clinic, or outside the window). */
export type DayAvailability = 'available' | 'few' | 'full' | 'none';
/** Morning (08:00-12:00) or afternoon (14:00-17:00) clinic. */
export type Session = 'am' | 'pm';

/** Booking is open from tomorrow to 14 days ahead, in China Standard Time. */
export const BOOK_MIN_DAYS = 1;
export const BOOK_MAX_DAYS = 14;
/** A day with this many free places or fewer shows as "few left". */
export const FEW_LEFT = 3;
/** Family members a person may add besides themselves. */
export const MAX_FAMILY = 5;
/** Under this age a patient needs the guardian's separate consent (PIPL art. 28/31), and only paediatrics sees them. */
export const CHILD_AGE = 14;
/** An unpaid booking holds its place this long (the payment order's lifetime); then it lapses and the place is free again. */
export const HOLD_MS = 30 * 60 * 1000;
/** Unpaid holds a person may have at once, and upcoming bookings in all (so nobody can hoard places). */
export const MAX_PENDING = 3;
export const MAX_UPCOMING = 10;
/** Holds a person may let lapse in a day; then booking waits a day (a place is not kept by holding it again and again). */
export const MAX_LAPSES_PER_DAY = 3;
/** 3 no-shows within 90 days block new bookings for 30 days. */
export const NO_SHOW_LIMIT = 3;
export const NO_SHOW_WINDOW_DAYS = 90;
export const NO_SHOW_BLOCK_DAYS = 30;
/** The longest search query taken. */
export const SEARCH_MAX_CHARS = 40;

export interface HospitalSummary {
  id: string;
  name: LocalText;
  level: HospitalLevel;
  district: LocalText;
  address: LocalText;
  phone: string;
  departmentCount: number;
}

export interface HospitalsResponse { items: HospitalSummary[] }

export interface DepartmentSummary {
  id: string;
  hospitalId: string;
  /** Stable across hospitals ('cardiology'): symptom search and icons key on it. */
  code: string;
  group: DepartmentGroup;
  name: LocalText;
  /** Where the clinic is in the hospital, e.g. "门诊楼 3 楼 A 区". */
  location: LocalText;
  doctorCount: number;
  /** Who may be booked: a paediatric department takes patients under 14 only. */
  maxAge: number | null;
}

export interface HospitalDetail extends HospitalSummary {
  departments: DepartmentSummary[];
}

export interface DoctorSummary {
  id: string;
  departmentId: string;
  hospitalId: string;
  name: LocalText;
  title: DoctorTitle;
  feeFen: number;
  specialty: LocalText;
  /** A short profile, a sentence or two. */
  profile: LocalText;
}

/** One day of the 14-day strip. */
export interface DayView {
  /** CST date, YYYY-MM-DD. */
  date: string;
  /** Days ahead of today in CST (1 = tomorrow). */
  ahead: number;
  status: DayAvailability;
  /** Free places that day (0 when not bookable). */
  remaining: number;
}

/** Department page: its doctors, the strip over all of them, and each doctor's places on the chosen day. */
export interface DepartmentResponse {
  hospital: HospitalSummary;
  department: DepartmentSummary;
  days: DayView[];
  /** The day the per-doctor figures are for (the query's `date`, or the first bookable day). */
  date: string;
  /** `firstSlot`: the doctor's earliest time with places left on `date`, to book it from the list at once. */
  doctors: (DoctorSummary & { day: DayAvailability; remaining: number; firstSlot: SlotView | null })[];
}

export interface SlotView {
  id: string;
  session: Session;
  /** CST times, HH:mm. */
  start: string;
  end: string;
  remaining: number;
  capacity: number;
}

export interface DoctorDay extends DayView {
  slots: SlotView[];
}

/** Doctor page: the profile, and 14 days each with its slots (the page shows one day's at a time). */
export interface DoctorResponse {
  hospital: HospitalSummary;
  department: DepartmentSummary;
  doctor: DoctorSummary;
  days: DoctorDay[];
}

export interface SearchResponse {
  query: string;
  departments: (DepartmentSummary & { hospital: LocalText; viaSymptom: boolean })[];
  doctors: (DoctorSummary & { hospital: LocalText; department: LocalText })[];
}

export const RELATIONSHIPS = ['self', 'spouse', 'child', 'parent', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** A blocked patient: since when, until when (00:00 CST of the day booking opens again), and the no-shows behind it. */
export interface NoShowBlock { until: string; noShows: string[] }

export interface Patient {
  /** 'self' for the verified person; otherwise the family member's id. */
  id: string;
  name: string;
  /** Masked resident ID, e.g. 4403**********0078. The full number never comes back. */
  idMasked: string;
  /** YYYY-MM-DD, read from the resident ID; kept for the age rules. */
  birth: string;
  relationship: Relationship;
  /** Real-name verified (the person) or not (family: name and ID must match at the visit). */
  verified: boolean;
  /** Age today in CST. */
  age: number;
  block: NoShowBlock | null;
}

export interface PatientsResponse { items: Patient[]; maxFamily: number }

export interface AddPatientRequest {
  name: string;
  idNumber: string;
  relationship: Exclude<Relationship, 'self'>;
  /** Required (true) for a child under 14: the guardian's separate consent to process the child's data. */
  guardianConsent?: boolean;
}

/** pending-payment: placed held until the fee is paid; lapsed: not paid in time (the place went back). */
export type BookingStatus = 'pending-payment' | 'booked' | 'cancelled' | 'lapsed' | 'attended' | 'no-show';

/** The day-before reminder: asked for (and when it goes out), refused, or not offered (no template configured). */
export interface ReminderView {
  /** none: not asked yet (or the booking is not paid yet). */
  status: 'none' | 'subscribed' | 'declined' | 'unavailable';
  /** When the message goes out (the day before at 09:00 CST, or at once when asked for later), and whether the clock has passed it. */
  sendAt: number | null;
  sent: boolean;
  /** What the message says, in the government's test view (embedded government only shows it). */
  preview: LocalText | null;
}

export interface Booking {
  id: string;
  reference: string;
  status: BookingStatus;
  hospital: HospitalSummary;
  department: DepartmentSummary;
  doctor: DoctorSummary;
  patient: { id: string; name: string; idMasked: string; relationship: Relationship; verified: boolean };
  slotId: string;
  /** CST date and time window. */
  date: string;
  start: string;
  end: string;
  feeFen: number;
  /** Until when an unpaid booking holds its place. */
  holdUntil: number | null;
  /** Free cancellation until then (00:00 CST of the visit day); `canCancel` says whether it still can be. */
  cancelUntil: number;
  canCancel: boolean;
  /** Why it cannot be cancelled, when it cannot: too late, or not an upcoming booking. */
  cancelBlockedBy: 'too-late' | 'not-upcoming' | null;
  /** Where to go and what to bring, in both languages. */
  where: LocalText;
  bring: LocalText;
  createdAt: number;
  paidAt: number | null;
  cancelledAt: number | null;
  /** The refund of a paid booking cancelled in time. */
  refund: { reference: string; amountFen: number } | null;
  reminder: ReminderView;
}

export interface BookingsResponse { upcoming: Booking[]; past: Booking[]; block: NoShowBlock | null }

export interface CreateBookingRequest { slotId: string; departmentId: string; patientId: string }

export interface ReminderRequest {
  /** What wx.requestSubscribeMessage answered for the template: accept, reject, or not asked (no template). */
  result: 'accept' | 'reject' | 'unavailable';
  templateId?: string;
}


export type HealthErrorCode =
  | 'DATE_PAST'
  | 'DATE_TOO_SOON'
  | 'DATE_TOO_FAR'
  | 'SLOT_FULL'
  | 'SLOT_NOT_FOUND'
  | 'SLOT_NOT_IN_DEPARTMENT'
  | 'PATIENT_NOT_FOUND'
  | 'ALREADY_BOOKED'
  | 'NO_SHOW_BLOCKED'
  | 'AGE_RULE'
  | 'PENDING_LIMIT'
  | 'UPCOMING_LIMIT'
  | 'TOO_MANY_LAPSES'
  | 'CANCEL_TOO_LATE'
  | 'NOT_CANCELLABLE'
  | 'PATIENT_LIMIT'
  | 'PATIENT_EXISTS'
  | 'PATIENT_IS_SELF'
  | 'PATIENT_HAS_BOOKINGS'
  | 'CONSENT_REQUIRED';
