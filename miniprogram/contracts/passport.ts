// Passport applications (普通护照申请) at the exit-entry administration: a verified applicant, a photo
// checked before and after upload, the fee through the shared payment flow, an appointment at an
// exit-entry office anywhere in China (accepted nationwide since 2019-04-01) through the shared engine,
// the validity the government computes (Passport Law art. 5: 5 years under 16, 10 years from 16), the
// ready date 7 working days after the appointment, and collection in person or by delivery.
import type { LocalText } from './health';
import { TIME_WINDOWS, type TimeWindowId } from './civil';

export { TIME_WINDOWS };
export type { TimeWindowId };

export const EXIT_ENTRY_AGENCY = 'exit-entry';

/** The fee for an ordinary passport, in fen (120 yuan). */
export const PASSPORT_FEE_FEN = 12000;
/** Ready this many working days after the appointment (weekends and the seed's holidays off, make-up days on). */
export const PASSPORT_READY_WORKING_DAYS = 7;
/** Validity by the applicant's age on the application's CST date. */
export const PASSPORT_ADULT_AGE = 16;
export const PASSPORT_VALIDITY_YEARS = { under16: 5, from16: 10 } as const;
/** Appointments 1 to 14 CST days ahead (tomorrow to two weeks out). */
export const PASSPORT_BOOKING_DAYS = { min: 1, max: 14 } as const;
/** An unpaid application holds its place this long; after that, while the place is still free. */
export const PASSPORT_HOLD_MINUTES = 30;
/** The delivery address: this many visible characters (invisible ones dropped, ends trimmed); else ADDRESS_LENGTH. */
export const DELIVERY_ADDRESS_LENGTH = { min: 8, max: 120 } as const;

/** The photo: a JPEG of 30 to 80 KB (KB = 1024 bytes), portrait, width / height between these (33 x 48 mm is 0.6875). */
export const PHOTO_RULES = { minBytes: 30 * 1024, maxBytes: 80 * 1024, minRatio: 0.65, maxRatio: 0.8, minWidth: 300 } as const;
/** The multipart field the photo is sent in (`wx.uploadFile`'s `name`). */
export const PHOTO_FIELD = 'photo';
/** An uploaded photo not used by an application is dropped after this long. */
export const PHOTO_KEEP_HOURS = 72;

/**
 * Why a photo is refused, checked by the app before upload (from `wx.chooseMedia` and `wx.getImageInfo`)
 * and again by the government from the bytes (the JPEG markers and the frame's size).
 */
export const PHOTO_PROBLEMS = ['PHOTO_NOT_JPEG', 'PHOTO_TOO_SMALL', 'PHOTO_TOO_LARGE', 'PHOTO_NOT_PORTRAIT', 'PHOTO_LOW_RESOLUTION', 'PHOTO_UNREADABLE'] as const;
export type PhotoProblem = (typeof PHOTO_PROBLEMS)[number];

export interface PassportPhoto {
  id: string;
  bytes: number;
  width: number;
  height: number;
  uploadedAt: number;
  /** Dropped then unless an application uses it. */
  expiresAt: number;
}

export interface PhotoResponse { photo: PassportPhoto }

/** First application (首次申领), or renewal of a passport held (换发, Passport Law art. 11). */
export const APPLICATION_KINDS = ['first', 'renewal'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const RENEWAL_REASONS = ['expiring', 'pages-full', 'damaged', 'other'] as const;
export type RenewalReason = (typeof RENEWAL_REASONS)[number];

export interface ExitEntryOffice {
  id: string;
  name: LocalText;
  city: LocalText;
  address: LocalText;
  hours: LocalText;
  phone: string;
}

export interface ExitEntryOfficesResponse { items: ExitEntryOffice[] }

/** One day at an office: closed on weekends and public holidays (a make-up working day is open). */
export interface ExitEntryDay {
  date: string;
  weekday: number;
  status: 'available' | 'few' | 'full' | 'closed';
  /** Places left in each window still ahead (a window of today already begun is gone). */
  windows: { id: TimeWindowId; start: string; end: string; remaining: number }[];
}

export interface ExitEntryDaysResponse { office: ExitEntryOffice; days: ExitEntryDay[] }

/** A passport the applicant holds, from the exit-entry register, masked. */
export interface HeldPassport {
  numberMasked: string;
  issuedOn: string;
  expiresOn: string;
  valid: boolean;
}

/**
 * Why the applicant cannot go on, explained on its own panel: holding a valid passport (apply for a renewal
 * instead), a renewal without a passport held (apply for a first one), or an application already open.
 */
export const PASSPORT_INELIGIBLE = ['HOLDS_VALID_PASSPORT', 'NO_PASSPORT_HELD', 'APPLICATION_OPEN'] as const;
export type PassportIneligibleCode = (typeof PASSPORT_INELIGIBLE)[number];

export interface PassportIneligibility {
  code: PassportIneligibleCode;
  /** APPLICATION_OPEN: the open application. */
  applicationId?: string;
}

export interface PassportEligibilityResponse {
  kind: ApplicationKind;
  ineligible: PassportIneligibility[];
  held: HeldPassport | null;
  /** What an application made today would get. */
  validityYears: 5 | 10;
  ageToday: number;
  /** Under 16: a parent or guardian comes to the appointment with the applicant. */
  guardianNeeded: boolean;
  feeFen: number;
}

export interface DeliveryAddress {
  recipient: string;
  mobile: string;
  /** The full postal address in one line (province, city, district, street and number). */
  address: string;
}

export interface PassportApplicationRequest {
  kind: ApplicationKind;
  /** Renewals only. */
  renewalReason?: RenewalReason;
  photoId: string;
  officeId: string;
  /** YYYY-MM-DD (CST). */
  date: string;
  window: TimeWindowId;
  collection: 'in-person' | 'delivery';
  /** Delivery only: EMS, paid by the recipient on delivery (not part of the fee). */
  delivery?: DeliveryAddress;
  /** The applicant confirms the details are true (出入境证件申请表 declaration). */
  declaration: boolean;
}

/** Choose another time (the unpaid hold lapsed and its place went, or before paying). */
export interface PassportRebookRequest { officeId: string; date: string; window: TimeWindowId }

export type PassportStatus =
  | 'payment-due' // the fee is not paid yet: the place is held for 30 minutes, then while it is still free
  | 'booked' // paid; the appointment is ahead
  | 'processing' // attended: fingerprints taken, the passport is being made
  | 'ready' // ready: to collect at the office, or sent by EMS
  | 'cancelled'
  | 'missed'; // the appointment passed without the applicant

export type PassportEventKind = 'applied' | 'paid' | 'rebooked' | 'cancelled' | 'refunded' | 'attended' | 'missed' | 'ready' | 'dispatched';

export interface PassportEvent { kind: PassportEventKind; at: number }

export interface PassportApplication {
  id: string;
  /** The reference shown to the resident and at the office: CR + the CST date + a number. */
  reference: string;
  kind: ApplicationKind;
  renewalReason: RenewalReason | null;
  status: PassportStatus;
  applicant: { name: string; idMasked: string; sex: 'male' | 'female' };
  /** Computed by the government from the birth date on the ID and the application's CST date. */
  validity: { years: 5 | 10; ageAtApplication: number };
  guardianNeeded: boolean;
  photo: { bytes: number; width: number; height: number };
  appointment: {
    office: ExitEntryOffice;
    date: string;
    window: TimeWindowId;
    start: string;
    end: string;
    startsAt: number;
    /** Cancel (and be refunded) until 00:00 CST of the day before. */
    cancelUntil: number;
  };
  /** YYYY-MM-DD: 7 working days after the appointment day. */
  readyBy: string;
  /** Once ready: the new passport's last valid day. */
  expiresOn: string | null;
  collection: 'in-person' | 'delivery';
  /** Masked: *明, 138****0002; the address in full (the applicant's own). */
  delivery: DeliveryAddress | null;
  feeFen: number;
  /** payable now; paid; or not payable (the held place lapsed and was taken: choose another time). */
  fee: 'payable' | 'paid' | 'not-payable' | 'refunded';
  /** Until when the unpaid place is held (null once paid or lapsed). */
  holdUntil: number | null;
  cancellable: boolean;
  submittedAt: number;
  events: PassportEvent[];
  /** Once a paid fee was refunded (cancelled): its refund reference and amount. */
  refund?: { reference: string; amountFen: number } | null;
  /** Once ready: the new passport's number, masked (E****1234). */
  passportNumberMasked?: string | null;
}

export interface PassportApplicationsResponse { items: PassportApplication[] }
