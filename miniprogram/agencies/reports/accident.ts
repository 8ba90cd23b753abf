// A minor traffic accident (轻微交通事故快处快赔, Guangzhou police): both plates among the attributes (checked
// as plates), photos tagged with the angles the police ask for, and responsibility either agreed (the other
// driver confirms with their own verified identity, the code the reporter shows them and their own plate,
// through the shared invitations) or left to the police's online review (at once, on disagreeing, or when
// nobody confirmed within 24 hours). Once responsibility is settled the reporter books the insurance
// settlement at an accident-settlement desk through the shared appointment engine.
import {
  ACCIDENT_ANGLES,
  RESPONSIBILITIES,
  SETTLEMENT_BOOKING_DAYS,
  TIME_WINDOWS,
  type AccidentAngle,
  type AccidentDesk,
  type AccidentDesksResponse,
  type AccidentInvitation,
  type AttributeInput,
  type DeskDay,
  type DeskDaysResponse,
  type Responsibility,
  type ReportRole,
  type TimeWindowId,
} from '../../contracts/reports';
import { DAY_MS, cstMidnight, cstParts, formatCivilDate, isRealDate, type CivilDate } from '../../core/dates';
import { checkPlate, normalisePlate } from '../../core/plates';
import { maskName } from '../../core/validation';
import type { AgencyKit } from '../../mock/agency';
import type { AppointmentRules } from '../../mock/appointments';
import type { BodyReader } from '../../mock/http';
import type { Route, VerifiedContext } from '../../mock/router';
import { fieldOf, type Flag } from './fields';
import { DESKS, DESK_FEW_LEFT, DESK_WINDOW_QUOTA } from './seed';
import type { Entry, ReportsRecord, ReportsState, StoredAccident, StoredReport } from './state';
import type { ReportViews } from './view';

/** The invitations' own name (their digests are keyed by it). */
export const INVITATION_AGENCY = 'reports-accident';

export interface AccidentRead { responsibility: Responsibility; angles: { photoId: string; angle: AccidentAngle }[]; plates: { own: string; other: string } }

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The accident's part of a report: `accident.responsibility`, `accident.angles` (each `{ photoId, angle }`,
 * the photo among those sent) with every angle at least once (`accident.angles.<angle>: PHOTO_ANGLE_MISSING`),
 * and two different plates (`attributes.other-plate: PLATES_SAME`). Null when something is wrong (flagged).
 */
export function readAccident(raw: unknown, attributes: { code: string; value: AttributeInput }[], sentPhotoIds: string[], flag: Flag): AccidentRead | null {
  let wrong = false;
  const note: Flag = (field, code) => {
    wrong = true;
    flag(field, code);
  };
  const plate = (code: string): string => {
    const found = attributes.find((a) => a.code === code)?.value;
    return typeof found === 'string' ? found : '';
  };
  const plates = { own: plate('own-plate'), other: plate('other-plate') };
  if (plates.own && plates.own === plates.other) note('attributes.other-plate', 'PLATES_SAME');
  if (!isObject(raw)) {
    note('accident', raw === undefined || raw === null ? 'REQUIRED' : 'WRONG_TYPE');
    return null;
  }
  const chosen = fieldOf(raw, 'responsibility');
  const responsibility = RESPONSIBILITIES.find((r) => r === chosen);
  if (chosen === undefined || chosen === null || chosen === '') note('accident.responsibility', 'REQUIRED');
  else if (typeof chosen !== 'string') note('accident.responsibility', 'WRONG_TYPE');
  else if (!responsibility) note('accident.responsibility', 'UNKNOWN_RESPONSIBILITY');
  const list = fieldOf(raw, 'angles');
  const angles: { photoId: string; angle: AccidentAngle }[] = [];
  if (list === undefined || list === null) note('accident.angles', 'REQUIRED');
  else if (!Array.isArray(list) || list.length > sentPhotoIds.length + ACCIDENT_ANGLES.length) note('accident.angles', 'WRONG_TYPE');
  else {
    list.forEach((item) => {
      const photoId = fieldOf(item, 'photoId');
      const angleText = fieldOf(item, 'angle');
      const angle = ACCIDENT_ANGLES.find((a) => a === angleText);
      if (typeof photoId !== 'string' || typeof angleText !== 'string') note('accident.angles', 'WRONG_TYPE');
      else if (!angle) note('accident.angles', 'ANGLE_UNKNOWN');
      else if (!sentPhotoIds.includes(photoId)) note('accident.angles', 'PHOTO_NOT_LISTED');
      else if (angles.some((a) => a.photoId === photoId)) note('accident.angles', 'PHOTO_DUPLICATE');
      else angles.push({ photoId, angle });
    });
    if (!wrong) ACCIDENT_ANGLES.filter((angle) => !angles.some((a) => a.angle === angle)).forEach((angle) => note(`accident.angles.${angle}`, 'PHOTO_ANGLE_MISSING'));
  }
  return wrong || !responsibility || !plates.own || !plates.other ? null : { responsibility, angles, plates };
}

interface Deps {
  store: ReportsState;
  views: ReportViews;
  mine(ctx: VerifiedContext, record: ReportsRecord, reportId: string): { report: StoredReport; role: ReportRole };
  filed(ctx: VerifiedContext, record: ReportsRecord, reportId: string): StoredReport;
  addEntry(record: ReportsRecord, personId: string, entry: Entry): void;
}

const hhmmToMin = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
const weekdayOf = (date: CivilDate): number => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
const dateOf = (text: string): CivilDate | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isRealDate(date) ? date : null;
};
/** Unused appointment records are dropped this long after they were made. */
const BOOK_KEEP_MS = 30 * DAY_MS;

export function createAccidents(kit: AgencyKit, deps: Deps) {
  const { own } = kit.store;
  const { HttpError, notFound, conflict } = kit.http;
  const { ok, created } = kit.reply;
  const engine = kit.appointments;
  const { store, views } = deps;

  const RULES: AppointmentRules = {
    minDays: SETTLEMENT_BOOKING_DAYS.min,
    maxDays: SETTLEMENT_BOOKING_DAYS.max,
    cancelDaysBefore: 0,
    noShow: null,
    holdMs: null,
    maxPending: 1,
    maxUpcoming: 3,
    maxLapsesPerDay: null,
    // Nobody records attendance in the mock: a settlement appointment past its end was attended.
    outcome: () => 'attended',
  };

  const deskOf = (id: string): AccidentDesk | undefined => DESKS.find((d) => d.id === id);
  const slotOf = (deskId: string, date: CivilDate, window: TimeWindowId): string => `${deskId}.${formatCivilDate(date)}.${window}`;
  const windowsOf = (date: CivilDate) => {
    const midnight = cstMidnight(date);
    return TIME_WINDOWS.map((w) => ({ id: w.id, start: w.start, end: w.end, startsAt: midnight + hhmmToMin(w.start) * 60000, endsAt: midnight + hhmmToMin(w.end) * 60000 }));
  };
  /** Places of a window taken by walk-ins and the police's own bookings: a seeded share. */
  const takenElsewhere = (slot: string): number => Math.floor((parseInt(kit.random.hashKey(`reports-desk|${slot}`).slice(1, 9), 16) / 0x100000000) * 0.5 * DESK_WINDOW_QUOTA);
  const remainingIn = (record: ReportsRecord, slot: string, now: number): number => Math.max(0, DESK_WINDOW_QUOTA - takenElsewhere(slot) - engine.takenIn(record.book, RULES, slot, now));

  function listDesks() {
    const answer: AccidentDesksResponse = { items: [...DESKS] };
    return ok(answer);
  }

  function deskDays(ctx: VerifiedContext) {
    const desk = deskOf(ctx.params.deskId);
    if (!desk) throw notFound('No such accident-settlement desk');
    const record = store.read(ctx.state);
    const today = cstMidnight(cstParts(ctx.now));
    const days: DeskDay[] = [];
    for (let ahead = SETTLEMENT_BOOKING_DAYS.min; ahead <= SETTLEMENT_BOOKING_DAYS.max; ahead += 1) {
      const parts = cstParts(today + ahead * DAY_MS + 12 * 3600 * 1000);
      const date = { year: parts.year, month: parts.month, day: parts.day };
      if (!kit.calendar.isWorkingDay(date)) {
        days.push({ date: formatCivilDate(date), weekday: weekdayOf(date), status: 'closed', windows: [] });
        continue;
      }
      const windows = windowsOf(date)
        .filter((w) => w.startsAt > ctx.now)
        .map((w) => ({ id: w.id, start: w.start, end: w.end, remaining: remainingIn(record, slotOf(desk.id, date, w.id), ctx.now) }));
      const left = windows.reduce((sum, w) => sum + w.remaining, 0);
      days.push({ date: formatCivilDate(date), weekday: weekdayOf(date), status: left === 0 ? 'full' : left <= DESK_FEW_LEFT ? 'few' : 'available', windows });
    }
    const answer: DeskDaysResponse = { desk, days };
    return ok(answer);
  }

  /** The caller's accident report (filed by them), 409 NOT_AN_ACCIDENT for another kind of report. */
  function filedAccident(ctx: VerifiedContext, record: ReportsRecord): { report: StoredReport; accident: StoredAccident } {
    const report = deps.filed(ctx, record, ctx.params.reportId);
    const { accident } = report;
    if (!accident) throw conflict('NOT_AN_ACCIDENT', 'This report is not a minor accident');
    return { report, accident };
  }

  function readConfirm(reader: BodyReader) {
    const code = reader.string('code', { max: 20, trim: true });
    const plate = reader.string('plate', { max: 20, trim: true });
    const agree = reader.boolean('agree');
    if (plate) {
      const normal = normalisePlate(plate);
      const problem = checkPlate(normal, Array.from(normal).length === 8 ? 'new-energy' : 'regular');
      if (problem) reader.flag('plate', problem);
    }
    reader.done();
    return { code, plate: normalisePlate(plate), agree: agree === true };
  }

  function confirm(ctx: VerifiedContext) {
    const { code, plate, agree } = readConfirm(new kit.http.BodyReader(ctx.body));
    const record = store.write(ctx.state);
    const invitation = kit.invitations.open(ctx, record.invitations, INVITATION_AGENCY, code, ctx.person.id);
    if (invitation.caseId !== ctx.params.reportId) throw conflict('INVITATION_OTHER_CASE', 'This code belongs to another accident');
    const report = own(record.reports, invitation.caseId);
    const accident = report?.accident;
    if (!report || !accident) throw new HttpError(410, 'INVITATION_REVOKED', 'This invitation was withdrawn');
    const reporter = own(ctx.state.people, report.owner);
    if (reporter && reporter.idHash === ctx.person.idHash) throw conflict('INVITATION_OWN', 'This is your own report; show the code to the other driver');
    // The same driver asking again (a lost answer) gets the case as it is.
    if (accident.answer && accident.answer.by === ctx.person.id) return ok(views.reportView(record, report, 'other-driver', ctx.now));
    if (accident.answer) throw conflict('INVITATION_USED', 'The other driver has already answered');
    if (plate !== accident.plates.other) {
      // A wrong plate counts like a wrong code, so a code found cannot be tried against plate after plate.
      kit.limits.count(ctx.state, 'invite', ctx.person.id, ctx.now);
      throw new HttpError(422, 'VALIDATION', 'This is not the plate the report names for the other vehicle', { plate: 'PLATE_MISMATCH' });
    }
    kit.invitations.use(invitation, ctx.person.id, ctx.now);
    accident.answer = { by: ctx.person.id, agree, at: ctx.now, name: maskName(ctx.person.name) };
    deps.addEntry(record, ctx.person.id, { id: report.id, role: 'other-driver', at: ctx.now });
    const service = views.reportView(record, report, 'other-driver', ctx.now);
    kit.store.addRecord(ctx.state, ctx.person.id, {
      id: `rec-${ctx.random.hex(10)}`,
      kind: 'report',
      at: ctx.now,
      reference: report.reference,
      detail: { reportId: report.id, service: service.service_name.zh, serviceEn: service.service_name.en },
    });
    return ok(service);
  }

  function newInvitation(ctx: VerifiedContext) {
    const record = store.write(ctx.state);
    const { report, accident } = filedAccident(ctx, record);
    if (accident.responsibility !== 'agreed' || accident.answer || ctx.now >= accident.confirmBy) throw conflict('NOT_AWAITING_CONFIRMATION', 'The other driver can no longer confirm this accident');
    const made = kit.invitations.invite(ctx, record.invitations, INVITATION_AGENCY, report.id, ctx.person.id, accident.confirmBy - ctx.now);
    const answer: AccidentInvitation = { code: made.code, expiresAt: made.expiresAt };
    return created(answer);
  }

  function book(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const deskId = reader.string('deskId', { max: 40 });
    const dateText = reader.string('date', { max: 10 });
    const windowId = reader.string('window', { max: 10 });
    const desk = deskId ? deskOf(deskId) : undefined;
    if (deskId && !desk) reader.flag('deskId', 'DESK_NOT_FOUND');
    const date = dateText ? dateOf(dateText) : null;
    if (dateText && !date) reader.flag('date', 'DATE_FORMAT');
    const windowDef = TIME_WINDOWS.find((w) => w.id === windowId);
    if (windowId && !windowDef) reader.flag('window', 'WINDOW_UNKNOWN');
    reader.done();
    if (!desk || !date || !windowDef) throw kit.http.invalid({});
    const record = store.write(ctx.state);
    const { report, accident } = filedAccident(ctx, record);
    const { id } = report;
    if (accident.appointmentId) throw conflict('ALREADY_BOOKED', 'The settlement is booked already');
    const status = views.statusOf(record, report, ctx.now);
    if (status !== 'confirmed' && status !== 'in-progress') throw conflict('RESPONSIBILITY_PENDING', 'Book the settlement once the other driver confirmed or the police decided');
    const window = windowsOf(date).find((w) => w.id === windowDef.id) ?? windowsOf(date)[0];
    const problem = engine.windowProblem(RULES, window.startsAt, ctx.now);
    if (problem) throw new HttpError(422, 'VALIDATION', 'That day cannot be booked', { date: problem });
    if (!kit.calendar.isWorkingDay(date)) throw new HttpError(422, 'VALIDATION', 'The desks are closed at weekends and on public holidays', { date: 'DESK_CLOSED' });
    const slot = slotOf(desk.id, date, window.id);
    if (remainingIn(record, slot, ctx.now) === 0) throw new HttpError(409, 'WINDOW_FULL', 'No places are left in that window; choose another time', { window: 'WINDOW_FULL' });
    const appointment = engine.bookPlace(record.book, RULES, {
      id: `rs-${ctx.random.hex(12)}`,
      reference: kit.store.nextReference(ctx.state, 'KC', ctx.now),
      holder: ctx.person.id,
      subject: `report:${id}`,
      slot,
      capacity: DESK_WINDOW_QUOTA,
      takenElsewhere: takenElsewhere(slot),
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      uniqueKey: 'settlement',
      data: { deskId: desk.id, window: window.id, reportId: id },
    }, ctx.now);
    accident.appointmentId = appointment.id;
    accident.bookedAt = ctx.now;
    return created(views.reportView(record, report, 'reporter', ctx.now));
  }

  const withoutCode = (body: unknown): unknown => (typeof body === 'object' && body !== null ? { ...body, code: '' } : body);

  const routes: Route[] = [
    { method: 'GET', path: '/reports/accidents/desks', auth: 'verified', summary: 'The police\'s accident-settlement desks (快处快赔): name, address, hours, phone', handle: listDesks },
    { method: 'GET', path: '/reports/accidents/desks/:deskId/days', auth: 'verified', summary: 'A desk\'s days from today to 7 days ahead: closed days, each window\'s places left', handle: deskDays },
    { method: 'POST', path: '/reports/accidents/:reportId/confirm', auth: 'verified', summary: 'The other driver answers with the code, their plate and agree true or false (false: the police review it)', handle: confirm },
    { method: 'POST', path: '/reports/accidents/:reportId/invitation', auth: 'verified', summary: 'A new code for the other driver (the reporter, while they may still confirm); earlier codes stop working (a replay: code \'\')', handle: newInvitation, replay: withoutCode },
    { method: 'POST', path: '/reports/accidents/:reportId/appointment', auth: 'verified', summary: 'Book the insurance settlement at a desk (desk, date, window) once responsibility is settled', handle: book },
  ];

  return {
    routes,
    prune: (record: ReportsRecord, now: number) => engine.pruneBook(record.book, RULES, now, BOOK_KEEP_MS),
  };
}
