// Incident reports (12345 city hotline and the police): a category from the government's service list
// (Open311 GeoReport v2: service_code, the definition's extra fields), a description, a place (a point or
// an address in one of the city's districts), photos uploaded as files, an optional contact; the reference
// and the department's SLA clock back. Reports move through FixMyStreet's states with the injected clock;
// a fixed or closed one can be rated or reopened once. A minor traffic accident (police) adds both plates,
// photos from the angles the police ask for, the other driver's confirmation through an invitation code
// (or the police's online review), and an appointment at an accident-settlement desk.
import type { LocalText } from './health';
import { TIME_WINDOWS, type TimeWindowId } from './civil';

export type { LocalText, TimeWindowId };
export { TIME_WINDOWS };

export const REPORTS_AGENCY = 'reports';

/** A description: 1 to 4,000 characters (code points) after the ends are trimmed and invisible characters dropped. */
export const DESCRIPTION_MAX_CHARS = 4000;
/** Photos a report may carry. */
export const REPORT_PHOTOS_MAX = 9;
/** The multipart field the photo is sent in (`wx.uploadFile`'s `name`). */
export const REPORT_PHOTO_FIELD = 'photo';
/** A photo file of at most 10 MB (MB = 1024 x 1024 bytes); larger ones are refused 413 before any work. */
export const REPORT_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** An uploaded photo no report uses is dropped after this long. */
export const REPORT_PHOTO_KEEP_HOURS = 72;
/** Photos a person may have waiting (uploaded, unused, unexpired) at once; more is 429 TOO_MANY_PHOTOS. */
export const REPORT_PHOTOS_WAITING_MAX = 20;
/** Reports a person may file in 24 hours; more is 429 TOO_MANY_REPORTS. */
export const REPORTS_PER_DAY = 10;
/** Reports a person may follow at once; more is 409 FOLLOW_LIMIT. */
export const FOLLOWS_MAX = 50;
/** Open reports of the same service within this distance (haversine) are offered before filing a new one. */
export const NEARBY_METRES = 50;
/** A free-text address: 1 to 200 visible characters. */
export const ADDRESS_MAX_CHARS = 200;
/** A rating's comment and a reopening's reason: at most 500 characters. */
export const RATING_COMMENT_MAX_CHARS = 500;
export const REOPEN_REASON_MAX_CHARS = 500;
/** Ratings of 1 or 2 stars are poor: always accepted, asked what went wrong, and each one checked and answered. */
export const POOR_RATING_MAX_STARS = 2;

/** The department's SLA in working days from submission (or from reopening): ordinary 7, complex 15. */
export const SLA_WORKING_DAYS = { ordinary: 7, complex: 15 } as const;
export type SlaKind = keyof typeof SLA_WORKING_DAYS;

/** Open311 attribute datatypes. */
export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

/** FixMyStreet's states; Open311's `open` / `closed` derives from them (fixed and closed are closed). */
export const REPORT_STATUSES = ['submitted', 'confirmed', 'investigating', 'in-progress', 'action-scheduled', 'fixed', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const CLOSE_REASONS = ['not-responsible', 'duplicate', 'unable-to-fix'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export type Open311Status = 'open' | 'closed';

/** The police's service for a minor traffic accident (轻微交通事故快处快赔). */
export const ACCIDENT_SERVICE = 'minor-accident';
/** The photos the police ask for, each photo tagged with one: a missing angle is `accident.angles.<angle>: PHOTO_ANGLE_MISSING`. */
export const ACCIDENT_ANGLES = ['scene-front', 'scene-rear', 'own-vehicle', 'other-vehicle', 'other-plate'] as const;
export type AccidentAngle = (typeof ACCIDENT_ANGLES)[number];
/** Both drivers agree on responsibility (the other confirms with a code), or the police's online review decides. */
export const RESPONSIBILITIES = ['agreed', 'police-review'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];
/** The other driver confirms within 24 hours of the report; after that (or on disagreeing) the police review it. */
export const ACCIDENT_CONFIRM_HOURS = 24;
/** Settlement appointments from today (a window not yet begun) to 7 CST days ahead. */
export const SETTLEMENT_BOOKING_DAYS = { min: 0, max: 7 } as const;

export interface Department {
  id: string;
  name: LocalText;
  /** The hotline a person may call about a report (12345, or 122 for the traffic police). */
  phone: string;
}

/** One category of the service list (Open311 GET services). */
export interface ServiceSummary {
  service_code: string;
  service_name: LocalText;
  group: LocalText;
  description: LocalText;
  /** Search words in both languages. */
  keywords: string[];
  /** Open311: whether the service has extra fields (`attributes`) to fill. */
  metadata: boolean;
  department: Department;
  sla: SlaKind;
}

export interface ServicesResponse { items: ServiceSummary[] }

export interface AttributeValue { key: string; name: LocalText }

/** One extra field of a service (Open311 service definition attribute). */
export interface AttributeDefinition {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  /** The order the form shows it in (ascending); the answer lists attributes in this order. */
  order: number;
  description: LocalText;
  /** singlevaluelist and multivaluelist only: the keys to choose from. */
  values?: AttributeValue[];
  /** number only: the inclusive range. */
  min?: number;
  max?: number;
  /** string only: `plate` is a vehicle plate (regular 7 or new-energy 8 characters, core/plates). */
  format?: 'plate';
}

/** GET /reports/services/:serviceCode: the summary and its attributes, in order. */
export interface ServiceDefinition extends ServiceSummary { attributes: AttributeDefinition[] }

/** A district of the seed city, with the simplified box a point must fall in (the first box in list order wins). */
export interface District {
  code: string;
  name: LocalText;
  box: { minLat: number; maxLat: number; minLong: number; maxLong: number };
}

export interface DistrictsResponse { city: LocalText; items: District[] }

/** The district whose box holds the point (the first in list order), or undefined: outside the city. The government and the app decide alike. */
export const districtAt = <D extends Pick<District, 'box'>>(districts: readonly D[], lat: number, long: number): D | undefined =>
  districts.find(({ box }) => lat >= box.minLat && lat <= box.maxLat && long >= box.minLong && long <= box.maxLong);

/**
 * The place: a point (from wx.chooseLocation / wx.getLocation, GCJ-02 degrees; an optional address
 * text beside it), or, when location is refused, a typed address in one of the city's districts.
 */
export type LocationInput = { lat: number; long: number; address?: string } | { address: string; district: string };

/** An extra field's value: text for string / text / datetime (ISO 8601 with zone) / singlevaluelist, a number, or keys of a multivaluelist. */
export type AttributeInput = string | number | string[];

export interface AccidentInput {
  responsibility: Responsibility;
  /** Each photo (by its id among `photoIds`) tagged with the angle it shows; every angle of ACCIDENT_ANGLES at least once. */
  angles: { photoId: string; angle: AccidentAngle }[];
}

/** POST /reports. */
export interface CreateReportRequest {
  serviceCode: string;
  description: string;
  location: LocationInput;
  /** Uploaded photos of the caller's, 0 to 9. */
  photoIds?: string[];
  contact?: { name: string; mobile: string } | null;
  /** Keep the name from the department's public replies (it is never shown to followers in any case). */
  keepNamePrivate?: boolean;
  /** By attribute code (Open311 `attribute[code]`). */
  attributes?: Record<string, AttributeInput>;
  /** minor-accident only (ignored for other services). */
  accident?: AccidentInput;
}

export interface ReportPhoto {
  id: string;
  bytes: number;
  type: 'jpeg' | 'png';
  uploadedAt: number;
  /** Dropped then unless a report uses it. */
  expiresAt: number;
}

export interface ReportPhotoResponse { photo: ReportPhoto }

export interface ReportLocation {
  lat: number | null;
  long: number | null;
  address: string | null;
  district: { code: string; name: LocalText };
}

/** What an event says beside its status. */
export type ReportEventNote = 'reopened' | 'agreed' | 'disagreed' | 'unconfirmed' | 'police-review' | 'review-decided' | 'settlement-booked' | 'settled';

/** One step of the status history (oldest first). */
export interface ReportEvent {
  status: ReportStatus;
  at: number;
  /** closed only. */
  reason?: CloseReason;
  note?: ReportEventNote;
}

/** What the person should expect or do next, worded by the app (`next.<code>`). */
export type NextStep =
  | 'department-reviews' // the department checks the report and replies by the expected date
  | 'move-vehicles' // both drivers move the cars out of the way now
  | 'other-driver-confirms' // the other driver confirms with the code within 24 hours
  | 'police-review' // the police review the case online
  | 'book-settlement' // book the settlement appointment for the insurance claim
  | 'attend-settlement' // both drivers come to the desk at the appointment
  | 'rate-or-reopen'; // fixed or closed: rate it, or reopen it as not fixed

export type ReportRole = 'reporter' | 'follower' | 'other-driver';

export interface SlaClock {
  kind: SlaKind;
  workingDays: number;
  /** Submission, or the reopening. */
  startedAt: number;
  /** YYYY-MM-DD (CST): the last day of the SLA on the seed's working-day calendar (Open311 expected_datetime's day). */
  expectedBy: string;
  /** The expected day is over and the report is neither fixed nor closed. */
  overdue: boolean;
}

export interface AccidentDesk {
  id: string;
  name: LocalText;
  address: LocalText;
  hours: LocalText;
  phone: string;
}

export interface AccidentDesksResponse { items: AccidentDesk[] }

export interface DeskDay {
  date: string;
  weekday: number;
  status: 'available' | 'few' | 'full' | 'closed';
  /** Windows not yet begun, with places left. */
  windows: { id: TimeWindowId; start: string; end: string; remaining: number }[];
}

export interface DeskDaysResponse { desk: AccidentDesk; days: DeskDay[] }

export interface AccidentAppointmentRequest { deskId: string; date: string; window: TimeWindowId }

export interface AccidentAppointment {
  reference: string;
  desk: AccidentDesk;
  date: string;
  window: TimeWindowId;
  start: string;
  end: string;
  startsAt: number;
  status: 'booked' | 'attended';
}

export interface AccidentView {
  responsibility: Responsibility;
  /** The other driver's answer: not-asked (police review chosen), awaiting, agreed, disagreed, or expired (24 hours passed). */
  confirmation: 'not-asked' | 'awaiting' | 'agreed' | 'disagreed' | 'expired';
  /** Until when the other driver may confirm. */
  confirmBy: number;
  /** The police's online review, when the case went to it: decided at 17:00 CST of the next working day. */
  review: { startedAt: number; decidedAt: number | null } | null;
  /** Normalised plates from the attributes. */
  plates: { own: string; other: string };
  angles: { photoId: string; angle: AccidentAngle }[];
  /** The other driver, once they answered: masked. */
  otherDriver: { name: string } | null;
  appointment: AccidentAppointment | null;
  /** The reporter may book the settlement now (responsibility settled, nothing booked). */
  canBook: boolean;
  /** Always true: both drivers move the cars out of the way (the answer says so). */
  moveVehicles: true;
}

export interface Report {
  id: string;
  /** RP + the CST date + a number. */
  reference: string;
  service_code: string;
  service_name: LocalText;
  group: LocalText;
  department: Department;
  role: ReportRole;
  status: ReportStatus;
  open311Status: Open311Status;
  closedReason: CloseReason | null;
  description: string;
  location: ReportLocation;
  /** Photos' ids and sizes (the government keeps a digest of each, never the picture). */
  photos: { id: string; bytes: number }[];
  /** As submitted, in the definition's order. */
  attributes: { code: string; value: AttributeInput }[];
  /** The reporter only: their contact as given (mobile masked) and their choice; null for others. */
  reporter: { contact: { name: string; mobile: string } | null; keepNamePrivate: boolean } | null;
  submittedAt: number;
  updatedAt: number;
  sla: SlaClock;
  history: ReportEvent[];
  followers: number;
  rating: { stars: number; comment: string; at: number; poor: boolean } | null;
  reopened: { at: number; reason: string } | null;
  /** The reporter, fixed or closed, not yet rated / reopened (reopening: not an accident). */
  canRate: boolean;
  canReopen: boolean;
  next: NextStep[];
  accident: AccidentView | null;
}

/** The invitation code the other driver confirms with, shown once (a replay answers code ''). */
export interface AccidentInvitation { code: string; expiresAt: number }

export interface CreateReportResponse { report: Report; invitation: AccidentInvitation | null }

export interface ReportSummary {
  id: string;
  reference: string;
  service_code: string;
  service_name: LocalText;
  department: Department;
  role: ReportRole;
  status: ReportStatus;
  open311Status: Open311Status;
  district: { code: string; name: LocalText };
  submittedAt: number;
  updatedAt: number;
  expectedBy: string;
  overdue: boolean;
}

/** GET /reports: mine (filed, followed, or the other driver's), newest first, a page at a time. */
export interface ReportsResponse { items: ReportSummary[]; total: number; offset: number; limit: number }

/** An open report nearby, masked: no reporter, no contact, the description's first 80 characters. */
export interface NearbyReport {
  id: string;
  reference: string;
  service_code: string;
  status: ReportStatus;
  submittedAt: number;
  distanceMetres: number;
  excerpt: string;
  followers: number;
  /** The caller filed it, or follows it already. */
  mine: boolean;
  following: boolean;
}

export interface NearbyResponse { radiusMetres: number; items: NearbyReport[] }

export interface AccidentConfirmRequest { code: string; plate: string; agree: boolean }
export interface RatingRequest { stars: number; comment?: string }
export interface ReopenRequest { reason: string }

/** Field reason codes of the reports endpoints (besides the shared REQUIRED / WRONG_TYPE / TOO_LONG / OUT_OF_RANGE). */
export type ReportFieldCode =
  | 'SERVICE_UNKNOWN'
  | 'DESCRIPTION_REQUIRED'
  | 'DESCRIPTION_TOO_LONG'
  | 'OUTSIDE_CITY'
  | 'DISTRICT_UNKNOWN'
  | 'PHOTOS_TOO_MANY'
  | 'PHOTO_DUPLICATE'
  | 'PHOTO_NOT_FOUND'
  | 'PHOTO_USED'
  | 'PHOTO_TYPE'
  | 'ATTRIBUTE_REQUIRED'
  | 'ATTRIBUTE_TYPE'
  | 'ATTRIBUTE_VALUE'
  | 'ATTRIBUTE_UNKNOWN'
  | 'PLATES_SAME'
  | 'PLATE_MISMATCH'
  | 'UNKNOWN_RESPONSIBILITY'
  | 'ANGLE_UNKNOWN'
  | 'PHOTO_NOT_LISTED'
  | 'PHOTO_ANGLE_MISSING'
  | 'STARS_RANGE'
  | 'DESK_NOT_FOUND'
  | 'DATE_FORMAT'
  | 'WINDOW_UNKNOWN'
  | 'DESK_CLOSED';
