// Exit-entry agency: ordinary passport applications (普通护照) of a verified applicant. The photo is uploaded
// and checked from its bytes first (photo.ts); the application names it, the office (any office in China
// since 2019-04-01), a day and window held through the shared appointment engine while the fee is paid
// through the shared payments flow, and collection in person or by EMS. The government computes the
// validity from the birth date on the ID (Passport Law art. 5: 5 years under 16, 10 from 16) and the ready
// day (7 working days after the appointment, on the shared calendar). Status follows the clock: a paid
// appointment past its end was attended, the passport is ready at 17:00 CST of its day and is then on the
// register (with the seed's passports), which is what eligibility reads.
import {
  APPLICATION_KINDS,
  DELIVERY_ADDRESS_LENGTH,
  EXIT_ENTRY_AGENCY,
  PASSPORT_ADULT_AGE,
  PASSPORT_BOOKING_DAYS,
  PASSPORT_FEE_FEN,
  PASSPORT_HOLD_MINUTES,
  PASSPORT_READY_WORKING_DAYS,
  PASSPORT_VALIDITY_YEARS,
  PHOTO_FIELD,
  PHOTO_KEEP_HOURS,
  PHOTO_RULES,
  RENEWAL_REASONS,
  TIME_WINDOWS,
  type ApplicationKind,
  type DeliveryAddress,
  type ExitEntryDay,
  type ExitEntryDaysResponse,
  type ExitEntryOffice,
  type ExitEntryOfficesResponse,
  type HeldPassport,
  type PassportApplication,
  type PassportApplicationsResponse,
  type PassportEligibilityResponse,
  type PassportEvent,
  type PassportIneligibility,
  type PassportIneligibleCode,
  type PassportPhoto,
  type PassportStatus,
  type PhotoResponse,
  type RenewalReason,
  type TimeWindowId,
} from '../../contracts/passport';
import { DAY_MS, ageOn, cstMidnight, cstParts, formatCivilDate, formatCstDate, isRealDate, type CivilDate } from '../../core/dates';
import { checkMobile, checkPersonName, maskMobile, maskName, normaliseMobile } from '../../core/validation';
import type { Agency, AgencyKit } from '../../mock/agency';
import type { AppointmentBook, AppointmentRecord, AppointmentRules } from '../../mock/appointments';
import type { BodyReader } from '../../mock/http';
import type { Forget } from '../../mock/erasure';
import type { PayableSource } from '../../mock/payments';
import type { PayerContext, Route, VerifiedContext } from '../../mock/router';
import type { GovernmentState, PersonRecord } from '../../mock/store';
import { binaryText, checkPhoto } from './photo';
import { APPLICATIONS_PER_DAY, BUSY_OFFICE, BUSY_WEEKDAY, CANCEL_DAYS_BEFORE, FEW_LEFT, OFFICES, PHOTOS_PER_PERSON, READY_HOUR, SEEDED_PASSPORTS, WINDOW_QUOTA } from './seed';

interface PhotoRecord {
  id: string;
  owner: string;
  /** A keyed digest of the bytes: the bytes themselves are not kept (state lives in wx storage). */
  digest: string;
  bytes: number;
  width: number;
  height: number;
  uploadedAt: number;
  expiresAt: number;
  /** The application that used it last; the photo stays while that application is not cancelled or missed. */
  usedBy: string | null;
}

type StoredEventKind = 'applied' | 'paid' | 'rebooked' | 'cancelled' | 'refunded';

interface ApplicationRecord {
  id: string;
  reference: string;
  owner: string;
  kind: ApplicationKind;
  renewalReason: RenewalReason | null;
  /** The appointment holding its place now; earlier ones (rebooked) were released. */
  appointmentId: string;
  photoId: string;
  photo: { bytes: number; width: number; height: number };
  validity: { years: 5 | 10; ageAtApplication: number };
  collection: 'in-person' | 'delivery';
  delivery: DeliveryAddress | null;
  /** The new passport's number, decided at submission, shown (masked) once ready. */
  passportNumber: string;
  submittedAt: number;
  cancelledAt: number | null;
  refund: { reference: string; amountFen: number } | null;
  events: { kind: StoredEventKind; at: number }[];
}

export interface ExitEntryRecord {
  book: AppointmentBook;
  applications: Record<string, ApplicationRecord>;
  /** personId -> their applications, oldest first. */
  byPerson: Record<string, string[]>;
  photos: Record<string, PhotoRecord>;
  /** personId -> their photos. */
  photosByPerson: Record<string, string[]>;
}

/** The exit-entry agency with what tests look into. */
export interface ExitEntryAgency extends Agency {
  exitEntryRecord(state: GovernmentState): ExitEntryRecord | undefined;
}

interface WindowRef { id: TimeWindowId; start: string; end: string; startsAt: number; endsAt: number }

const PHOTO_KEEP_MS = PHOTO_KEEP_HOURS * 3600 * 1000;
/** A cancelled or missed application is dropped this long after it ended (Me > records keeps its line). */
const ENDED_KEEP_MS = 30 * DAY_MS;
const hhmmToMin = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
const weekdayOf = (date: CivilDate): number => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
/** A field of a request body as sent (an own property only), for what BodyReader has no reading of. */
const fieldOf = (body: unknown, name: string): unknown => (typeof body === 'object' && body !== null && Object.prototype.hasOwnProperty.call(body, name) ? Reflect.get(body, name) : undefined);
const maskPassport = (number: string): string => `${number.slice(0, 1)}****${number.slice(-4)}`;
const civilOf = (text: string): CivilDate | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isRealDate(date) ? date : null;
};
/** The CST day `years` after `from`, less one day (a passport issued 2026-12-08 for 10 years ends 2036-12-07). */
function lastValidDay(from: CivilDate, years: number): string {
  const day = from.month === 2 && from.day === 29 ? { year: from.year + years, month: 3, day: 1 } : { year: from.year + years, month: from.month, day: from.day };
  return formatCstDate(cstMidnight(day) - DAY_MS);
}

const INELIGIBLE_WORDS: Record<PassportIneligibleCode, string> = {
  HOLDS_VALID_PASSPORT: 'You hold a valid passport: apply for a renewal instead',
  NO_PASSPORT_HELD: 'No passport of yours is on the register: apply for a first passport',
  APPLICATION_OPEN: 'You have a passport application open already',
};

export function createAgency(kit: AgencyKit): ExitEntryAgency {
  const { dict, own, agencyState, peekAgency } = kit.store;
  const { HttpError, notFound, conflict } = kit.http;
  const { ok, created } = kit.reply;
  const engine = kit.appointments;

  const RULES: AppointmentRules = {
    minDays: PASSPORT_BOOKING_DAYS.min,
    maxDays: PASSPORT_BOOKING_DAYS.max,
    cancelDaysBefore: CANCEL_DAYS_BEFORE,
    noShow: null,
    holdMs: PASSPORT_HOLD_MINUTES * 60 * 1000,
    maxPending: 1,
    maxUpcoming: 1,
    maxLapsesPerDay: null,
    // Nobody records attendance in the mock: a paid appointment past its end was attended.
    outcome: () => 'attended',
  };

  const empty = (): ExitEntryRecord => ({ book: engine.emptyBook(), applications: dict(), byPerson: dict(), photos: dict(), photosByPerson: dict() });
  const write = (state: GovernmentState): ExitEntryRecord => agencyState<ExitEntryRecord>(state, EXIT_ENTRY_AGENCY, empty);
  const read = (state: GovernmentState): ExitEntryRecord => peekAgency<ExitEntryRecord>(state, EXIT_ENTRY_AGENCY) ?? empty();

  const officeOf = (id: string): ExitEntryOffice | undefined => OFFICES.find((office) => office.id === id);
  const subjectOf = (person: PersonRecord): string => `id:${person.idHash}`;

  function windowsOf(date: CivilDate): WindowRef[] {
    const midnight = cstMidnight(date);
    return TIME_WINDOWS.map((w) => ({ id: w.id, start: w.start, end: w.end, startsAt: midnight + hhmmToMin(w.start) * 60000, endsAt: midnight + hhmmToMin(w.end) * 60000 }));
  }
  const slotOf = (officeId: string, date: CivilDate, windowId: TimeWindowId): string => `${officeId}.${formatCivilDate(date)}.${windowId}`;

  /** Places of a window taken outside this app: all of the busy office's Wednesdays; else a seeded share. */
  function takenElsewhere(officeId: string, date: CivilDate, windowId: TimeWindowId): number {
    if (officeId === BUSY_OFFICE && weekdayOf(date) === BUSY_WEEKDAY) return WINDOW_QUOTA;
    const roll = parseInt(kit.random.hashKey(`exit-entry|${slotOf(officeId, date, windowId)}`).slice(9, 17), 16) / 0x100000000;
    return Math.floor(roll * 0.6 * WINDOW_QUOTA);
  }
  const remainingIn = (record: ExitEntryRecord, officeId: string, date: CivilDate, windowId: TimeWindowId, now: number): number =>
    Math.max(0, WINDOW_QUOTA - takenElsewhere(officeId, date, windowId) - engine.takenIn(record.book, RULES, slotOf(officeId, date, windowId), now));

  // ---- an application at `now` ----

  const appointmentOf = (record: ExitEntryRecord, app: ApplicationRecord): AppointmentRecord | undefined => own(record.book.records, app.appointmentId);
  const readyByOf = (appointment: AppointmentRecord): CivilDate => kit.calendar.addWorkingDays(appointment.startsAt, PASSPORT_READY_WORKING_DAYS);
  const readyAtOf = (appointment: AppointmentRecord): number => cstMidnight(readyByOf(appointment)) + READY_HOUR * 3600 * 1000;

  function statusOf(app: ApplicationRecord, appointment: AppointmentRecord | undefined, now: number): PassportStatus {
    if (app.cancelledAt !== null || !appointment) return 'cancelled';
    if (appointment.paidAt === null) return now >= appointment.startsAt ? 'missed' : 'payment-due';
    if (now < appointment.endsAt) return 'booked';
    return now >= readyAtOf(appointment) ? 'ready' : 'processing';
  }
  const isOpen = (status: PassportStatus): boolean => status === 'payment-due' || status === 'booked' || status === 'processing';
  const statusNow = (record: ExitEntryRecord, app: ApplicationRecord, now: number): PassportStatus => statusOf(app, appointmentOf(record, app), now);

  const applicationsOf = (record: ExitEntryRecord, personId: string): ApplicationRecord[] =>
    (own(record.byPerson, personId) ?? []).map((id) => own(record.applications, id)).filter((a): a is ApplicationRecord => a !== undefined);

  /** The person's passport on the register at `now`: the latest made ready here, else the seed's, or null. */
  function heldPassport(record: ExitEntryRecord, person: PersonRecord, now: number): HeldPassport | null {
    const today = formatCstDate(now);
    const issued = applicationsOf(record, person.id)
      .map((app) => ({ app, appointment: appointmentOf(record, app) }))
      .filter((x): x is { app: ApplicationRecord; appointment: AppointmentRecord } => x.appointment !== undefined && statusOf(x.app, x.appointment, now) === 'ready')
      .sort((a, b) => a.appointment.startsAt - b.appointment.startsAt)
      .pop();
    if (issued) {
      const readyBy = readyByOf(issued.appointment);
      const expiresOn = lastValidDay(readyBy, issued.app.validity.years);
      return { numberMasked: maskPassport(issued.app.passportNumber), issuedOn: formatCivilDate(readyBy), expiresOn, valid: expiresOn >= today };
    }
    const seeded = person.castKey ? SEEDED_PASSPORTS.find((p) => p.key === person.castKey) : undefined;
    return seeded ? { numberMasked: maskPassport(seeded.number), issuedOn: seeded.issuedOn, expiresOn: seeded.expiresOn, valid: seeded.expiresOn >= today } : null;
  }

  function ineligibleFor(record: ExitEntryRecord, person: PersonRecord, kind: ApplicationKind, now: number): PassportIneligibility[] {
    const problems: PassportIneligibility[] = [];
    const held = heldPassport(record, person, now);
    if (kind === 'first' && held?.valid) problems.push({ code: 'HOLDS_VALID_PASSPORT' });
    if (kind === 'renewal' && !held) problems.push({ code: 'NO_PASSPORT_HELD' });
    const open = applicationsOf(record, person.id).find((app) => isOpen(statusNow(record, app, now)));
    if (open) problems.push({ code: 'APPLICATION_OPEN', applicationId: open.id });
    return problems;
  }

  function validityOf(person: PersonRecord, at: number): { years: 5 | 10; ageAtApplication: number } {
    const age = ageOn(person.birth, at);
    return { years: age < PASSPORT_ADULT_AGE ? PASSPORT_VALIDITY_YEARS.under16 : PASSPORT_VALIDITY_YEARS.from16, ageAtApplication: age };
  }

  function feeOf(record: ExitEntryRecord, app: ApplicationRecord, appointment: AppointmentRecord | undefined, status: PassportStatus, now: number): PassportApplication['fee'] {
    if (app.refund) return 'refunded';
    if (!appointment) return 'not-payable';
    if (appointment.paidAt !== null) return 'paid';
    if (status !== 'payment-due') return 'not-payable';
    const date = cstParts(appointment.startsAt);
    const windowId = TIME_WINDOWS.find((w) => w.id === appointment.data.window)?.id ?? TIME_WINDOWS[0].id;
    return engine.feeState(record.book, RULES, appointment, WINDOW_QUOTA, takenElsewhere(String(appointment.data.officeId), date, windowId), now);
  }

  function eventsOf(app: ApplicationRecord, appointment: AppointmentRecord | undefined, status: PassportStatus): PassportEvent[] {
    const events: PassportEvent[] = app.events.map((e) => ({ kind: e.kind, at: e.at }));
    if (appointment && (status === 'processing' || status === 'ready')) events.push({ kind: 'attended', at: appointment.endsAt });
    if (appointment && status === 'missed') events.push({ kind: 'missed', at: appointment.startsAt });
    if (appointment && status === 'ready') {
      const at = readyAtOf(appointment);
      events.push({ kind: 'ready', at });
      if (app.collection === 'delivery') events.push({ kind: 'dispatched', at });
    }
    // Stable: events of the same moment keep their order (paid before refunded, ready before dispatched).
    return events.map((e, i) => ({ e, i })).sort((x, y) => x.e.at - y.e.at || x.i - y.i).map((x) => x.e);
  }

  function view(state: GovernmentState, record: ExitEntryRecord, app: ApplicationRecord, now: number): PassportApplication {
    const appointment = appointmentOf(record, app);
    const status = statusOf(app, appointment, now);
    const person = own(state.people, app.owner);
    const office = officeOf(String(appointment?.data.officeId ?? '')) ?? OFFICES[0];
    const window = TIME_WINDOWS.find((w) => w.id === appointment?.data.window) ?? TIME_WINDOWS[0];
    const startsAt = appointment?.startsAt ?? 0;
    const readyBy = appointment ? readyByOf(appointment) : cstParts(startsAt);
    const cancelUntil = appointment ? engine.cancelUntilOf(appointment, RULES) : 0;
    const held = appointment !== undefined && appointment.state === 'held' && appointment.holdUntil !== null && now <= appointment.holdUntil;
    return {
      id: app.id,
      reference: app.reference,
      kind: app.kind,
      renewalReason: app.renewalReason,
      status,
      applicant: { name: maskName(person?.name ?? ''), idMasked: person?.idMasked ?? '', sex: person?.sex ?? 'male' },
      validity: { ...app.validity },
      guardianNeeded: app.validity.ageAtApplication < PASSPORT_ADULT_AGE,
      photo: { ...app.photo },
      appointment: { office, date: formatCstDate(startsAt), window: window.id, start: window.start, end: window.end, startsAt, cancelUntil },
      readyBy: formatCivilDate(readyBy),
      expiresOn: status === 'ready' ? lastValidDay(readyBy, app.validity.years) : null,
      collection: app.collection,
      delivery: app.delivery ? { recipient: maskName(app.delivery.recipient), mobile: maskMobile(app.delivery.mobile), address: app.delivery.address } : null,
      feeFen: PASSPORT_FEE_FEN,
      fee: feeOf(record, app, appointment, status, now),
      holdUntil: held && appointment ? appointment.holdUntil : null,
      cancellable: status === 'payment-due' || (status === 'booked' && now < cancelUntil),
      submittedAt: app.submittedAt,
      events: eventsOf(app, appointment, status),
      refund: app.refund ? { ...app.refund } : null,
      passportNumberMasked: status === 'ready' ? maskPassport(app.passportNumber) : null,
    };
  }

  /** One of the caller's applications, or 404 (another person's reads as missing). */
  function ownApplication(ctx: PayerContext, record: ExitEntryRecord, id: string): ApplicationRecord {
    const app = own(record.applications, id);
    if (!app || app.owner !== ctx.person.id) throw notFound('No such application among yours');
    return app;
  }

  /** A photo of the caller's still usable for this application, or the field's reason. */
  function photoFor(ctx: VerifiedContext, record: ExitEntryRecord, photoId: string): PhotoRecord | 'PHOTO_NOT_FOUND' | 'PHOTO_USED' {
    const photo = own(record.photos, photoId);
    if (!photo || photo.owner !== ctx.person.id) return 'PHOTO_NOT_FOUND';
    if (photoInUse(record, photo, ctx.now)) return 'PHOTO_USED';
    return ctx.now >= photo.expiresAt ? 'PHOTO_NOT_FOUND' : photo;
  }

  /** Whether an application not cancelled or missed uses the photo (it then stays past its expiry). */
  function photoInUse(record: ExitEntryRecord, photo: PhotoRecord, now: number): boolean {
    const user = photo.usedBy !== null ? own(record.applications, photo.usedBy) : undefined;
    if (!user) return false;
    const status = statusNow(record, user, now);
    return status !== 'cancelled' && status !== 'missed';
  }

  // ---- the time chosen (application and rebooking) ----

  interface Chosen { office: ExitEntryOffice; date: CivilDate; window: WindowRef }

  /** Reads officeId, date and window, flagging each field's problem on the reader; null when one is wrong. */
  function readTime(reader: BodyReader): Chosen | null {
    const officeId = reader.string('officeId', { max: 40 });
    const dateText = reader.string('date', { max: 10 });
    const windowId = reader.string('window', { max: 10 });
    const office = officeId ? officeOf(officeId) : undefined;
    if (officeId && !office) reader.flag('officeId', 'OFFICE_NOT_FOUND');
    const date = dateText ? civilOf(dateText) : null;
    if (dateText && !date) reader.flag('date', 'DATE_FORMAT');
    const windowDef = TIME_WINDOWS.find((w) => w.id === windowId);
    if (windowId && !windowDef) reader.flag('window', 'WINDOW_UNKNOWN');
    if (!office || !date || !windowDef) return null;
    const window = windowsOf(date).find((w) => w.id === windowDef.id) ?? windowsOf(date)[0];
    return { office, date, window };
  }

  /** Flags the date when it cannot be booked at `now` (the window, a closed day). */
  function checkDay(reader: BodyReader, chosen: Chosen, now: number): void {
    const problem = engine.windowProblem(RULES, chosen.window.startsAt, now);
    if (problem) reader.flag('date', problem);
    else if (!kit.calendar.isWorkingDay(chosen.date)) reader.flag('date', 'OFFICE_CLOSED');
  }

  /** Holds the chosen window's place for the applicant (409 WINDOW_FULL when none is left). */
  function holdPlace(ctx: VerifiedContext, record: ExitEntryRecord, chosen: Chosen, applicationId: string, reference: string): AppointmentRecord {
    const { office, date, window } = chosen;
    if (remainingIn(record, office.id, date, window.id, ctx.now) === 0) {
      throw new HttpError(409, 'WINDOW_FULL', 'No places are left in that window; choose another time', { window: 'WINDOW_FULL' });
    }
    return engine.bookPlace(record.book, RULES, {
      id: `pa-${ctx.random.hex(12)}`,
      reference,
      holder: ctx.person.id,
      subject: subjectOf(ctx.person),
      slot: slotOf(office.id, date, window.id),
      capacity: WINDOW_QUOTA,
      takenElsewhere: takenElsewhere(office.id, date, window.id),
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      uniqueKey: EXIT_ENTRY_AGENCY,
      data: { officeId: office.id, window: window.id, applicationId },
    }, ctx.now);
  }

  /** Frees an appointment's place at once, whether its hold is live or lapsed. */
  function release(appointment: AppointmentRecord, now: number): void {
    if (appointment.state === 'cancelled') return;
    appointment.state = 'cancelled';
    appointment.cancelledAt = now;
  }

  const refuse = (code: PassportIneligibleCode) => new HttpError(403, code, INELIGIBLE_WORDS[code]);

  // ---- handlers ----

  function listOffices() {
    const answer: ExitEntryOfficesResponse = { items: [...OFFICES] };
    return ok(answer);
  }

  function officeDays(ctx: VerifiedContext) {
    const office = officeOf(ctx.params.officeId);
    if (!office) throw notFound('No such exit-entry office');
    const record = read(ctx.state);
    const today = cstMidnight(cstParts(ctx.now));
    const days: ExitEntryDay[] = [];
    for (let ahead = PASSPORT_BOOKING_DAYS.min; ahead <= PASSPORT_BOOKING_DAYS.max; ahead += 1) {
      const date = cstParts(today + ahead * DAY_MS + 12 * 3600 * 1000);
      const weekday = weekdayOf(date);
      const civil = { year: date.year, month: date.month, day: date.day };
      if (!kit.calendar.isWorkingDay(civil)) {
        days.push({ date: formatCivilDate(civil), weekday, status: 'closed', windows: [] });
        continue;
      }
      const windows = windowsOf(civil)
        .filter((w) => w.startsAt > ctx.now)
        .map((w) => ({ id: w.id, start: w.start, end: w.end, remaining: remainingIn(record, office.id, civil, w.id, ctx.now) }));
      const left = windows.reduce((sum, w) => sum + w.remaining, 0);
      days.push({ date: formatCivilDate(civil), weekday, status: left === 0 ? 'full' : left <= FEW_LEFT ? 'few' : 'available', windows });
    }
    const answer: ExitEntryDaysResponse = { office, days };
    return ok(answer);
  }

  function eligibility(ctx: VerifiedContext) {
    const kind = APPLICATION_KINDS.find((k) => k === ctx.query.kind);
    if (!kind) throw kit.http.invalid({ kind: ctx.query.kind ? 'UNKNOWN_KIND' : 'REQUIRED' }, 'kind is first or renewal');
    const record = read(ctx.state);
    const validity = validityOf(ctx.person, ctx.now);
    const answer: PassportEligibilityResponse = {
      kind,
      ineligible: ineligibleFor(record, ctx.person, kind, ctx.now),
      held: heldPassport(record, ctx.person, ctx.now),
      validityYears: validity.years,
      ageToday: validity.ageAtApplication,
      guardianNeeded: validity.ageAtApplication < PASSPORT_ADULT_AGE,
      feeFen: PASSPORT_FEE_FEN,
    };
    return ok(answer);
  }

  function photoView(photo: PhotoRecord): PassportPhoto {
    return { id: photo.id, bytes: photo.bytes, width: photo.width, height: photo.height, uploadedAt: photo.uploadedAt, expiresAt: photo.expiresAt };
  }

  function uploadPhoto(ctx: VerifiedContext) {
    const bytes = ctx.file;
    if (!bytes) throw kit.http.invalid({ [PHOTO_FIELD]: 'FILE_REQUIRED' });
    const checked = checkPhoto(bytes);
    if ('problem' in checked) throw new HttpError(422, 'VALIDATION', 'The photo does not meet the rules', { [PHOTO_FIELD]: checked.problem });
    const record = write(ctx.state);
    // Expired photos nobody uses go now, so a person's waiting photos are counted fairly.
    const mine = (own(record.photosByPerson, ctx.person.id) ?? []).filter((id) => {
      const photo = own(record.photos, id);
      if (photo && (photoInUse(record, photo, ctx.now) || ctx.now < photo.expiresAt)) return true;
      delete record.photos[id];
      return false;
    });
    const waiting = mine.filter((id) => !photoInUse(record, record.photos[id], ctx.now)).length;
    if (waiting >= PHOTOS_PER_PERSON) {
      throw new HttpError(429, 'TOO_MANY_PHOTOS', `At most ${PHOTOS_PER_PERSON} photos can wait for an application; they expire after ${PHOTO_KEEP_HOURS} hours`);
    }
    const photo: PhotoRecord = {
      id: `ph-${ctx.random.hex(16)}`,
      owner: ctx.person.id,
      digest: ctx.hash(`passport-photo|${binaryText(bytes)}`),
      bytes: bytes.length,
      width: checked.frame.width,
      height: checked.frame.height,
      uploadedAt: ctx.now,
      expiresAt: ctx.now + PHOTO_KEEP_MS,
      usedBy: null,
    };
    record.photos[photo.id] = photo;
    record.photosByPerson[ctx.person.id] = [...mine, photo.id];
    const answer: PhotoResponse = { photo: photoView(photo) };
    return created(answer);
  }

  /** Reads the delivery address into the reader's problems as `delivery.<field>`; null unless all is well. */
  function readDelivery(reader: BodyReader, raw: unknown): DeliveryAddress | null {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      const problem = raw === undefined || raw === null ? 'REQUIRED' : 'WRONG_TYPE';
      ['recipient', 'mobile', 'address'].forEach((field) => reader.flag(`delivery.${field}`, problem));
      return null;
    }
    const inner = new kit.http.BodyReader(raw);
    const recipient = inner.string('recipient', { max: 60, trim: true, visibleOnly: true });
    const mobile = inner.string('mobile', { max: 30, trim: true });
    const address = inner.string('address', { max: 1000, trim: true, visibleOnly: true });
    if (recipient) {
      const problem = checkPersonName(recipient);
      if (problem) inner.flag('recipient', problem);
    }
    if (mobile) {
      const problem = checkMobile(mobile);
      if (problem) inner.flag('mobile', problem);
    }
    const length = Array.from(address).length;
    if (address && (length < DELIVERY_ADDRESS_LENGTH.min || length > DELIVERY_ADDRESS_LENGTH.max)) inner.flag('address', 'ADDRESS_LENGTH');
    Object.keys(inner.problems).forEach((field) => reader.flag(`delivery.${field}`, inner.problems[field]));
    return Object.keys(inner.problems).length ? null : { recipient, mobile: normaliseMobile(mobile), address };
  }

  function submit(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const kindText = reader.string('kind', { max: 20 });
    const kind = APPLICATION_KINDS.find((k) => k === kindText);
    if (kindText && !kind) reader.flag('kind', 'UNKNOWN_KIND');
    const record = write(ctx.state);
    // Who may apply comes before what was typed: the reason is its own panel, not a field error.
    if (kind) {
      const problems = ineligibleFor(record, ctx.person, kind, ctx.now);
      if (problems.length) throw refuse(problems[0].code);
    }
    let renewalReason: RenewalReason | null = null;
    if (kind === 'renewal') {
      const reasonText = reader.string('renewalReason', { max: 20 });
      renewalReason = RENEWAL_REASONS.find((r) => r === reasonText) ?? null;
      if (reasonText && !renewalReason) reader.flag('renewalReason', 'UNKNOWN_REASON');
    }
    const photoId = reader.string('photoId', { max: 60 });
    const chosen = readTime(reader);
    if (chosen) checkDay(reader, chosen, ctx.now);
    const collectionText = reader.string('collection', { max: 20 });
    const collection = collectionText === 'in-person' || collectionText === 'delivery' ? collectionText : null;
    if (collectionText && !collection) reader.flag('collection', 'UNKNOWN_COLLECTION');
    const delivery = collection === 'delivery' ? readDelivery(reader, fieldOf(ctx.body, 'delivery')) : null;
    // Anything but true (missing, false, "yes") is the same answer: the declaration is not made.
    if (fieldOf(ctx.body, 'declaration') !== true) reader.flag('declaration', 'DECLARATION_REQUIRED');
    const photo = photoId ? photoFor(ctx, record, photoId) : null;
    if (typeof photo === 'string') reader.flag('photoId', photo);
    reader.done();
    if (!kind || !chosen || !collection || !photo || typeof photo === 'string') throw kit.http.invalid({});
    // Submitting and cancelling again and again would fill the device's storage: a few a day is plenty.
    const today = applicationsOf(record, ctx.person.id).filter((app) => ctx.now - app.submittedAt < DAY_MS);
    if (today.length >= APPLICATIONS_PER_DAY) {
      throw new HttpError(429, 'TOO_MANY_APPLICATIONS', `At most ${APPLICATIONS_PER_DAY} applications can be made in a day`, undefined, Math.ceil((today[0].submittedAt + DAY_MS - ctx.now) / 1000));
    }
    const id = `pp-${ctx.random.hex(16)}`;
    const reference = kit.store.nextReference(ctx.state, 'CR', ctx.now);
    const appointment = holdPlace(ctx, record, chosen, id, reference);
    const app: ApplicationRecord = {
      id,
      reference,
      owner: ctx.person.id,
      kind,
      renewalReason,
      appointmentId: appointment.id,
      photoId: photo.id,
      photo: { bytes: photo.bytes, width: photo.width, height: photo.height },
      validity: validityOf(ctx.person, ctx.now),
      collection,
      delivery,
      passportNumber: `E${ctx.random.digits(8)}`,
      submittedAt: ctx.now,
      cancelledAt: null,
      refund: null,
      events: [{ kind: 'applied', at: ctx.now }],
    };
    record.applications[id] = app;
    record.byPerson[ctx.person.id] = [...(own(record.byPerson, ctx.person.id) ?? []), id];
    photo.usedBy = id;
    kit.store.addRecord(ctx.state, ctx.person.id, {
      id: `rec-${ctx.random.hex(10)}`,
      kind: 'passport-application',
      at: ctx.now,
      reference,
      detail: { applicationId: id, date: formatCivilDate(chosen.date), start: chosen.window.start },
    });
    return created(view(ctx.state, record, app, ctx.now));
  }

  function listApplications(ctx: VerifiedContext) {
    const record = read(ctx.state);
    const answer: PassportApplicationsResponse = {
      items: applicationsOf(record, ctx.person.id)
        .sort((a, b) => b.submittedAt - a.submittedAt)
        .map((app) => view(ctx.state, record, app, ctx.now)),
    };
    return ok(answer);
  }

  function getApplication(ctx: VerifiedContext) {
    const record = read(ctx.state);
    return ok(view(ctx.state, record, ownApplication(ctx, record, ctx.params.applicationId), ctx.now));
  }

  function rebook(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const chosen = readTime(reader);
    if (chosen) checkDay(reader, chosen, ctx.now);
    reader.done();
    if (!chosen) throw kit.http.invalid({});
    const record = write(ctx.state);
    const app = ownApplication(ctx, record, ctx.params.applicationId);
    const status = statusNow(record, app, ctx.now);
    if (status !== 'payment-due') throw conflict('NOT_REBOOKABLE', 'Only an application whose fee is not paid yet can change its time');
    // The old place goes first (the holder may hold one place at a time); a refusal below puts it back.
    const old = appointmentOf(record, app);
    if (old) release(old, ctx.now);
    const appointment = holdPlace(ctx, record, chosen, app.id, app.reference);
    app.appointmentId = appointment.id;
    app.events.push({ kind: 'rebooked', at: ctx.now });
    return ok(view(ctx.state, record, app, ctx.now));
  }

  function cancel(ctx: VerifiedContext) {
    const record = write(ctx.state);
    const app = ownApplication(ctx, record, ctx.params.applicationId);
    const appointment = appointmentOf(record, app);
    const status = statusNow(record, app, ctx.now);
    if ((status !== 'payment-due' && status !== 'booked') || !appointment) throw conflict('NOT_CANCELLABLE', 'Only an application before its appointment can be cancelled');
    // A paid application is cancelled (and refunded) until 00:00 CST of the day before; an unpaid one costs
    // nothing to drop, so it can be cancelled until its appointment (else a lapsed place would leave it stuck).
    if (appointment.paidAt !== null && ctx.now >= engine.cancelUntilOf(appointment, RULES)) throw conflict('TOO_LATE_TO_CANCEL', 'Cancelling ended at 00:00 on the day before the appointment');
    cancelApplication(ctx, app, appointment);
    return ok(view(ctx.state, record, app, ctx.now));
  }

  /** Cancels the application and frees its place; a paid fee is refunded once. */
  function cancelApplication(ctx: PayerContext, app: ApplicationRecord, appointment: AppointmentRecord): void {
    release(appointment, ctx.now);
    app.cancelledAt = ctx.now;
    app.events.push({ kind: 'cancelled', at: ctx.now });
    if (appointment.paidAt !== null) {
      const refund = kit.payments.refundItem(ctx, app.id);
      if (refund) {
        app.refund = { reference: refund.reference, amountFen: refund.amountFen };
        app.events.push({ kind: 'refunded', at: ctx.now });
      }
    }
  }

  // ---- payments, erasure, pruning ----

  const feeSource: PayableSource = {
    recordKind: 'passport-fee',
    quote(ctx, itemId) {
      const record = peekAgency<ExitEntryRecord>(ctx.state, EXIT_ENTRY_AGENCY);
      const app = record ? own(record.applications, itemId) : undefined;
      if (!record || !app || app.owner !== ctx.person.id) return null;
      const appointment = appointmentOf(record, app);
      const status = statusOf(app, appointment, ctx.now);
      const fee = feeOf(record, app, appointment, status, ctx.now);
      const office = officeOf(String(appointment?.data.officeId ?? '')) ?? OFFICES[0];
      const window = TIME_WINDOWS.find((w) => w.id === appointment?.data.window) ?? TIME_WINDOWS[0];
      return {
        state: fee === 'paid' || fee === 'refunded' ? 'paid' : fee,
        kind: 'passport-fee',
        amountFen: PASSPORT_FEE_FEN,
        detail: { office: office.name.zh, officeEn: office.name.en, date: formatCstDate(appointment?.startsAt ?? app.submittedAt), start: window.start, applicationId: app.id },
      };
    },
    settle(ctx, itemId, payment) {
      const record = write(ctx.state);
      const app = own(record.applications, itemId);
      const appointment = app && app.owner === ctx.person.id ? appointmentOf(record, app) : undefined;
      if (!app || !appointment) return;
      engine.markPaid(appointment, payment.at);
      app.events.push({ kind: 'paid', at: payment.at });
    },
  };

  /**
   * Deleting a person's data cancels their applications before the appointment (a paid fee refunded) and
   * drops their photos. Passports issued, and applications attended, are the exit-entry register's.
   */
  const forget: Forget = (state, personId, now, hash) => {
    const peeked = peekAgency<ExitEntryRecord>(state, EXIT_ENTRY_AGENCY);
    const person = own(state.people, personId);
    if (!peeked || !person) return { deleted: { passportApplications: 0, passportPhotos: 0 }, kept: [] };
    const record = write(state);
    // The refund needs a payer's context: the deletion's own, as far as a refund reads it.
    const ctx: PayerContext = {
      params: dict(), query: dict(), headers: dict(), body: dict(), rawBody: undefined, now, state,
      random: kit.random.seeded(parseInt(kit.random.hashKey(`forget|${personId}|${now}`).slice(1, 9), 16)),
      config: { exposeSmsCode: false, allowSimulatedFace: false, busyNoticeCount: 0 },
      session: null, token: null, hash, file: null, person,
    };
    let cancelled = 0;
    let register = 0;
    applicationsOf(record, personId).forEach((app) => {
      const appointment = appointmentOf(record, app);
      const status = statusOf(app, appointment, now);
      if ((status === 'payment-due' || status === 'booked') && appointment) {
        cancelApplication(ctx, app, appointment);
        cancelled += 1;
      }
      if (status === 'processing' || status === 'ready') register += 1;
    });
    const photos = own(record.photosByPerson, personId) ?? [];
    photos.forEach((id) => delete record.photos[id]);
    delete record.photosByPerson[personId];
    // Attended and ready applications stay: they are the register of passports issued.
    return { deleted: { passportApplications: cancelled, passportPhotos: photos.length }, kept: register ? [{ kind: 'passport-register', count: register, until: null }] : [] };
  };

  function prune(state: GovernmentState, now: number): void {
    const peeked = peekAgency<ExitEntryRecord>(state, EXIT_ENTRY_AGENCY);
    if (!peeked) return;
    const record = write(state);
    Object.keys(record.photos).forEach((id) => {
      const photo = record.photos[id];
      if (photoInUse(record, photo, now) || now < photo.expiresAt) return;
      delete record.photos[id];
      const rest = (own(record.photosByPerson, photo.owner) ?? []).filter((other) => other !== id);
      if (rest.length) record.photosByPerson[photo.owner] = rest;
      else delete record.photosByPerson[photo.owner];
    });
    Object.keys(record.applications).forEach((id) => {
      const app = record.applications[id];
      const appointment = appointmentOf(record, app);
      const status = statusOf(app, appointment, now);
      const endedAt = status === 'cancelled' ? app.cancelledAt ?? app.submittedAt : status === 'missed' ? appointment?.startsAt ?? app.submittedAt : null;
      if (endedAt === null || now - endedAt < ENDED_KEEP_MS) return;
      delete record.applications[id];
      const rest = (own(record.byPerson, app.owner) ?? []).filter((other) => other !== id);
      if (rest.length) record.byPerson[app.owner] = rest;
      else delete record.byPerson[app.owner];
    });
    engine.pruneBook(record.book, RULES, now, ENDED_KEEP_MS);
  }

  const routes: Route[] = [
    { method: 'GET', path: '/exit-entry/offices', auth: 'verified', summary: 'Exit-entry offices (any office in China takes applications): name, city, address, hours, phone', handle: listOffices },
    { method: 'GET', path: '/exit-entry/offices/:officeId/days', auth: 'verified', summary: 'The office\'s next 14 days from tomorrow: closed days, and each window\'s places left', handle: officeDays },
    { method: 'GET', path: '/exit-entry/eligibility', auth: 'verified', summary: 'Whether I can apply (kind=first|renewal): the reasons I cannot, the passport I hold, the validity and fee', handle: eligibility },
    { method: 'POST', path: '/exit-entry/photos', auth: 'verified', summary: `Upload the passport photo (a file in the field "${PHOTO_FIELD}": JPEG, ${PHOTO_RULES.minBytes / 1024} to ${PHOTO_RULES.maxBytes / 1024} KB, portrait); kept ${PHOTO_KEEP_HOURS} hours unless used`, handle: uploadPhoto, upload: { field: PHOTO_FIELD, maxBytes: 1024 * 1024 } },
    { method: 'GET', path: '/exit-entry/applications', auth: 'verified', summary: 'My passport applications, newest first', handle: listApplications },
    { method: 'POST', path: '/exit-entry/applications', auth: 'verified', summary: 'Apply for a passport (kind, photo, office, day and window, collection, declaration): the place is held while the fee is paid through /payments/orders', handle: submit },
    { method: 'GET', path: '/exit-entry/applications/:applicationId', auth: 'verified', summary: 'One of my passport applications: status, appointment, validity, ready date, fee, timeline', handle: getApplication },
    { method: 'POST', path: '/exit-entry/applications/:applicationId/appointment', auth: 'verified', summary: 'Choose another time for an application whose fee is not paid yet (the old place is released)', handle: rebook },
    { method: 'POST', path: '/exit-entry/applications/:applicationId/cancel', auth: 'verified', summary: 'Cancel until 00:00 CST of the day before the appointment; a paid fee is refunded', handle: cancel },
  ];

  return {
    name: EXIT_ENTRY_AGENCY,
    routes,
    payables: feeSource,
    forget,
    prune,
    exitEntryRecord: (state) => peekAgency<ExitEntryRecord>(state, EXIT_ENTRY_AGENCY),
  };
}
