// Reports agency: incident reports to the 12345 city hotline's departments and the police (Open311 GeoReport
// v2 names where they exist). The service list and each category's extra fields are seed data, checked
// generically (fields.ts); photos are uploaded as files and only a keyed digest and the size kept; a report
// names its photos, the place (a point inside the seed city, or an address in one of its districts), an
// optional contact, and gets a reference, the department and the SLA's expected day. The workflow
// (workflow.ts) moves it through FixMyStreet's states with the request's clock; open reports of a category
// within 50 m are offered to follow instead; a fixed or closed report is rated or reopened once. The minor
// traffic accident's parts (the other driver's code, the police review, the settlement desk) are in
// accident.ts.
import {
  ACCIDENT_CONFIRM_HOURS,
  ACCIDENT_SERVICE,
  FOLLOWS_MAX,
  NEARBY_METRES,
  RATING_COMMENT_MAX_CHARS,
  REOPEN_REASON_MAX_CHARS,
  REPORTS_AGENCY,
  REPORTS_PER_DAY,
  REPORT_PHOTOS_MAX,
  REPORT_PHOTOS_WAITING_MAX,
  REPORT_PHOTO_FIELD,
  REPORT_PHOTO_KEEP_HOURS,
  REPORT_PHOTO_MAX_BYTES,
  type AccidentInvitation,
  type CreateReportResponse,
  type DistrictsResponse,
  type NearbyResponse,
  type ReportPhotoResponse,
  type ReportRole,
  type ReportsResponse,
  type ServiceDefinition,
  type ServicesResponse,
} from '../../contracts/reports';
import { DAY_MS } from '../../core/dates';
import { checkMobile, checkPersonName, normaliseMobile } from '../../core/validation';
import type { Agency, AgencyKit } from '../../mock/agency';
import type { Forget } from '../../mock/erasure';
import type { Route, VerifiedContext } from '../../mock/router';
import type { GovernmentState } from '../../mock/store';
import { createAccidents, INVITATION_AGENCY, readAccident } from './accident';
import { fieldOf, fingerprintOf, metresBetween, photoTypeOf, readAttributes, readDescription, readLocation, type Flag } from './fields';
import { CITY, DISTRICTS, SERVICES } from './seed';
import { cellKey, cellOf, createReportsState, type Entry, type PhotoRecord, type ReportsRecord, type StoredReport } from './state';
import { createView, serviceOf, summaryOf } from './view';
import { createWorkflow, isFinal } from './workflow';

/** The reports agency with what tests look into. */
export interface ReportsAgency extends Agency {
  reportsRecord(state: GovernmentState): ReportsRecord | undefined;
}

const PHOTO_KEEP_MS = REPORT_PHOTO_KEEP_HOURS * 3600 * 1000;
const CONFIRM_MS = ACCIDENT_CONFIRM_HOURS * 3600 * 1000;
/** Invitations are dropped this long after they expired. */
const INVITATION_KEEP_MS = 30 * DAY_MS;
/** A page of my reports: at most this many. */
const PAGE_MAX = 50;

export function createAgency(kit: AgencyKit): ReportsAgency {
  const { own } = kit.store;
  const { HttpError, notFound, conflict, invalid } = kit.http;
  const { ok, created } = kit.reply;
  const store = createReportsState(kit);
  const workflow = createWorkflow(kit.calendar, kit.random.hashKey);
  const views = createView(kit, workflow);

  const entriesOf = (record: ReportsRecord, personId: string): Entry[] => own(record.byPerson, personId) ?? [];
  const entryOf = (record: ReportsRecord, personId: string, reportId: string): Entry | undefined => entriesOf(record, personId).find((e) => e.id === reportId);
  const addEntry = (record: ReportsRecord, personId: string, entry: Entry): void => {
    record.byPerson[personId] = [...entriesOf(record, personId), entry];
  };

  /** A report in the caller's list and their role in it, or 404 (anyone else's reads as missing). */
  function mine(ctx: VerifiedContext, record: ReportsRecord, reportId: string): { report: StoredReport; role: ReportRole } {
    const entry = entryOf(record, ctx.person.id, reportId);
    const report = entry ? own(record.reports, reportId) : undefined;
    if (!entry || !report) throw notFound('No such report among yours');
    return { report, role: entry.role };
  }

  /** The caller's own report (filed by them), 403 NOT_REPORTER when they only follow it or are the other driver. */
  function filed(ctx: VerifiedContext, record: ReportsRecord, reportId: string): StoredReport {
    const { report, role } = mine(ctx, record, reportId);
    if (role !== 'reporter') throw new HttpError(403, 'NOT_REPORTER', 'Only the person who filed the report can do this');
    return report;
  }

  const accidents = createAccidents(kit, { store, views, mine, filed, addEntry });

  // ---- the service list ----

  function listServices() {
    const answer: ServicesResponse = { items: SERVICES.map(summaryOf) };
    return ok(answer);
  }

  function getService(ctx: VerifiedContext) {
    const service = serviceOf(ctx.params.serviceCode);
    if (!service) throw notFound('No such service');
    const answer: ServiceDefinition = { ...summaryOf(service), attributes: [...service.attributes].sort((a, b) => a.order - b.order).map((a) => ({ ...a, ...(a.values ? { values: a.values.map((v) => ({ ...v })) } : {}) })) };
    return ok(answer);
  }

  function listDistricts() {
    const answer: DistrictsResponse = { city: CITY, items: DISTRICTS.map((d) => ({ code: d.code, name: d.name, box: { ...d.box } })) };
    return ok(answer);
  }

  // ---- photos ----

  /** The caller's photos still kept at `now` (expired unused ones are dropped from the record here). */
  function keptPhotos(record: ReportsRecord, personId: string, now: number): string[] {
    const kept = (own(record.photosByPerson, personId) ?? []).filter((id) => {
      const photo = own(record.photos, id);
      if (photo && (photo.usedBy !== null || now < photo.expiresAt)) return true;
      delete record.photos[id];
      return false;
    });
    if (kept.length) record.photosByPerson[personId] = kept;
    else delete record.photosByPerson[personId];
    return kept;
  }

  function uploadPhoto(ctx: VerifiedContext) {
    const bytes = ctx.file;
    if (!bytes) throw invalid({ [REPORT_PHOTO_FIELD]: 'FILE_REQUIRED' });
    const type = photoTypeOf(bytes);
    if (!type) throw new HttpError(422, 'VALIDATION', 'Send a JPEG or PNG photo', { [REPORT_PHOTO_FIELD]: 'PHOTO_TYPE' });
    const record = store.write(ctx.state);
    const kept = keptPhotos(record, ctx.person.id, ctx.now);
    const waiting = kept.filter((id) => record.photos[id].usedBy === null).length;
    if (waiting >= REPORT_PHOTOS_WAITING_MAX) {
      throw new HttpError(429, 'TOO_MANY_PHOTOS', `At most ${REPORT_PHOTOS_WAITING_MAX} photos can wait for a report; they expire after ${REPORT_PHOTO_KEEP_HOURS} hours`);
    }
    const photo: PhotoRecord = {
      id: `rph-${ctx.random.hex(16)}`,
      owner: ctx.person.id,
      digest: ctx.hash(`report-photo|${bytes.length}|${fingerprintOf(bytes)}`),
      bytes: bytes.length,
      type,
      uploadedAt: ctx.now,
      expiresAt: ctx.now + PHOTO_KEEP_MS,
      usedBy: null,
    };
    record.photos[photo.id] = photo;
    record.photosByPerson[ctx.person.id] = [...kept, photo.id];
    const answer: ReportPhotoResponse = { photo: { id: photo.id, bytes: photo.bytes, type, uploadedAt: photo.uploadedAt, expiresAt: photo.expiresAt } };
    return created(answer);
  }

  /** The photo ids as sent (0 to 9, distinct), each the caller's, unexpired and unused; flags `photoIds`. */
  function readPhotos(ctx: VerifiedContext, record: ReportsRecord, raw: unknown, flag: Flag): PhotoRecord[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw) || raw.some((id) => typeof id !== 'string' || id.length > 60)) {
      flag('photoIds', 'WRONG_TYPE');
      return [];
    }
    const ids = raw.filter((id): id is string => typeof id === 'string');
    if (ids.length > REPORT_PHOTOS_MAX) {
      flag('photoIds', 'PHOTOS_TOO_MANY');
      return [];
    }
    if (new Set(ids).size !== ids.length) {
      flag('photoIds', 'PHOTO_DUPLICATE');
      return [];
    }
    const photos: PhotoRecord[] = [];
    ids.forEach((id) => {
      const photo = own(record.photos, id);
      if (!photo || photo.owner !== ctx.person.id || (photo.usedBy === null && ctx.now >= photo.expiresAt)) flag('photoIds', 'PHOTO_NOT_FOUND');
      else if (photo.usedBy !== null) flag('photoIds', 'PHOTO_USED');
      else photos.push(photo);
    });
    return photos;
  }

  // ---- filing ----

  function readContact(raw: unknown, flag: Flag): { name: string; mobile: string } | null {
    if (raw === undefined || raw === null) return null;
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      flag('contact', 'WRONG_TYPE');
      return null;
    }
    const inner = new kit.http.BodyReader(raw);
    const name = inner.string('name', { max: 60, trim: true, visibleOnly: true });
    const mobile = inner.string('mobile', { max: 30, trim: true });
    const nameProblem = name ? checkPersonName(name) : null;
    if (nameProblem) inner.flag('name', nameProblem);
    const mobileProblem = mobile ? checkMobile(mobile) : null;
    if (mobileProblem) inner.flag('mobile', mobileProblem);
    Object.keys(inner.problems).forEach((field) => flag(`contact.${field}`, inner.problems[field]));
    return Object.keys(inner.problems).length ? null : { name, mobile: normaliseMobile(mobile) };
  }

  function fileReport(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const flag: Flag = (field, code) => reader.flag(field, code);
    const code = reader.string('serviceCode', { max: 60 });
    const service = code ? serviceOf(code) : undefined;
    if (code && !service) reader.flag('serviceCode', 'SERVICE_UNKNOWN');
    const description = readDescription(fieldOf(ctx.body, 'description'), flag);
    const location = readLocation(fieldOf(ctx.body, 'location'), kit.http.BodyReader, flag);
    const contact = readContact(fieldOf(ctx.body, 'contact'), flag);
    const keepNamePrivate = reader.boolean('keepNamePrivate', { optional: true }) ?? false;
    const attributes = service ? readAttributes(fieldOf(ctx.body, 'attributes'), service.attributes, ctx.now, flag) : [];
    const record = store.write(ctx.state);
    const sentPhotos = fieldOf(ctx.body, 'photoIds');
    const photos = readPhotos(ctx, record, sentPhotos, flag);
    const sentIds = Array.isArray(sentPhotos) ? sentPhotos.filter((id): id is string => typeof id === 'string') : [];
    const accident = service?.code === ACCIDENT_SERVICE ? readAccident(fieldOf(ctx.body, 'accident'), attributes, sentIds, flag) : null;
    reader.done();
    if (!service || !location || (service.code === ACCIDENT_SERVICE && !accident)) throw invalid({});
    // Filing again and again would fill the device's storage: a few a day is plenty.
    const today = entriesOf(record, ctx.person.id).filter((e) => e.role === 'reporter' && ctx.now - e.at < DAY_MS);
    if (today.length >= REPORTS_PER_DAY) {
      throw new HttpError(429, 'TOO_MANY_REPORTS', `At most ${REPORTS_PER_DAY} reports can be filed in a day`, undefined, Math.ceil((today[0].at + DAY_MS - ctx.now) / 1000));
    }
    const id = `rp-${ctx.random.hex(16)}`;
    const report: StoredReport = {
      id,
      reference: kit.store.nextReference(ctx.state, 'RP', ctx.now),
      owner: ctx.person.id,
      service: service.code,
      description,
      location,
      photos: photos.map((p) => ({ id: p.id, bytes: p.bytes })),
      attributes,
      contact,
      keepNamePrivate,
      submittedAt: ctx.now,
      sla: service.sla,
      followers: [],
      rating: null,
      reopened: null,
      accident: accident ? { ...accident, confirmBy: ctx.now + CONFIRM_MS, answer: null, appointmentId: null, bookedAt: null } : null,
    };
    record.reports[id] = report;
    photos.forEach((photo) => {
      photo.usedBy = id;
    });
    addEntry(record, ctx.person.id, { id, role: 'reporter', at: ctx.now });
    if (location.lat !== null && location.long !== null && !service.private) {
      const key = cellKey(service.code, cellOf(location.lat, location.long));
      record.byCell[key] = [...(own(record.byCell, key) ?? []), id];
    }
    let invitation: AccidentInvitation | null = null;
    if (accident?.responsibility === 'agreed') invitation = kit.invitations.invite(ctx, record.invitations, INVITATION_AGENCY, id, ctx.person.id, CONFIRM_MS);
    kit.store.addRecord(ctx.state, ctx.person.id, {
      id: `rec-${ctx.random.hex(10)}`,
      kind: 'report',
      at: ctx.now,
      reference: report.reference,
      detail: { reportId: id, service: service.name.zh, serviceEn: service.name.en },
    });
    const answer: CreateReportResponse = { report: views.reportView(record, report, 'reporter', ctx.now), invitation };
    return created(answer);
  }

  // ---- following ----

  function readPoint(query: Record<string, string>): { serviceCode: string; lat: number; long: number } {
    const fields: Record<string, string> = {};
    const serviceCode = query.serviceCode ?? '';
    if (!serviceCode) fields.serviceCode = 'REQUIRED';
    else if (!serviceOf(serviceCode)) fields.serviceCode = 'SERVICE_UNKNOWN';
    const number = (name: 'lat' | 'long', max: number): number => {
      const text = query[name];
      // Decimal degrees only: Number() would also take '0x17', '1e1' or ' 23 '.
      const value = text !== undefined && /^-?\d{1,3}(\.\d{1,10})?$/.test(text) ? Number(text) : NaN;
      if (text === undefined || text === '') fields[name] = 'REQUIRED';
      else if (!Number.isFinite(value)) fields[name] = 'WRONG_TYPE';
      else if (Math.abs(value) > max) fields[name] = 'OUT_OF_RANGE';
      return value;
    };
    const lat = number('lat', 90);
    const long = number('long', 180);
    if (Object.keys(fields).length) throw invalid(fields, 'Give serviceCode, lat and long');
    return { serviceCode, lat, long };
  }

  function nearby(ctx: VerifiedContext) {
    const point = readPoint(ctx.query);
    const record = store.read(ctx.state);
    const service = serviceOf(point.serviceCode);
    const answer: NearbyResponse = { radiusMetres: NEARBY_METRES, items: [] };
    if (!service || service.private) return ok(answer);
    // The point's cell and its eight neighbours hold every report within 50 m (a cell is about 100 m wide).
    const [latCell, longCell] = cellOf(point.lat, point.long).split(':').map(Number);
    const found: { report: StoredReport; metres: number }[] = [];
    for (let dLat = -1; dLat <= 1; dLat += 1) {
      for (let dLong = -1; dLong <= 1; dLong += 1) {
        (own(record.byCell, cellKey(service.code, `${latCell + dLat}:${longCell + dLong}`)) ?? []).forEach((id) => {
          const report = own(record.reports, id);
          if (!report || report.location.lat === null || report.location.long === null) return;
          const metres = metresBetween(point, { lat: report.location.lat, long: report.location.long });
          if (metres <= NEARBY_METRES && !isFinal(views.statusOf(record, report, ctx.now))) found.push({ report, metres });
        });
      }
    }
    answer.items = found
      .sort((a, b) => a.metres - b.metres || a.report.submittedAt - b.report.submittedAt)
      .map(({ report, metres }) => views.nearbyView(record, report, metres, entryOf(record, ctx.person.id, report.id)?.role ?? null, ctx.now));
    return ok(answer);
  }

  function follow(ctx: VerifiedContext) {
    const record = store.write(ctx.state);
    const report = own(record.reports, ctx.params.reportId);
    const service = report ? serviceOf(report.service) : undefined;
    if (!report || service?.private) throw notFound('No such report');
    const entry = entryOf(record, ctx.person.id, report.id);
    if (entry?.role === 'follower') return ok(views.reportView(record, report, 'follower', ctx.now));
    if (entry) throw conflict('OWN_REPORT', 'This report is yours already');
    if (isFinal(views.statusOf(record, report, ctx.now))) throw conflict('REPORT_CLOSED', 'This report is fixed or closed; file a new one if the problem is back');
    if (entriesOf(record, ctx.person.id).filter((e) => e.role === 'follower').length >= FOLLOWS_MAX) throw conflict('FOLLOW_LIMIT', `You follow ${FOLLOWS_MAX} reports; that is the most at once`);
    report.followers = [...report.followers, ctx.person.id];
    addEntry(record, ctx.person.id, { id: report.id, role: 'follower', at: ctx.now });
    return ok(views.reportView(record, report, 'follower', ctx.now));
  }

  function unfollow(ctx: VerifiedContext) {
    const record = store.write(ctx.state);
    const { report, role } = mine(ctx, record, ctx.params.reportId);
    if (role !== 'follower') throw conflict('NOT_FOLLOWING', 'You do not follow this report');
    report.followers = report.followers.filter((id) => id !== ctx.person.id);
    record.byPerson[ctx.person.id] = entriesOf(record, ctx.person.id).filter((e) => e.id !== report.id);
    if (!record.byPerson[ctx.person.id].length) delete record.byPerson[ctx.person.id];
    return ok({ unfollowed: true });
  }

  // ---- my reports ----

  function listMine(ctx: VerifiedContext) {
    const { offset, limit } = kit.http.readPaging(ctx.query, PAGE_MAX);
    const record = store.read(ctx.state);
    const entries = entriesOf(record, ctx.person.id);
    const items = [];
    // Newest first: from the end of the list, only the page asked for.
    for (let i = entries.length - 1 - offset; i >= 0 && items.length < limit; i -= 1) {
      const report = own(record.reports, entries[i].id);
      if (report) items.push(views.summaryView(record, report, entries[i].role, ctx.now));
    }
    const answer: ReportsResponse = { items, total: entries.length, offset, limit };
    return ok(answer);
  }

  function getReport(ctx: VerifiedContext) {
    const record = store.read(ctx.state);
    const { report, role } = mine(ctx, record, ctx.params.reportId);
    return ok(views.reportView(record, report, role, ctx.now));
  }

  function rate(ctx: VerifiedContext) {
    const record = store.write(ctx.state);
    const report = filed(ctx, record, ctx.params.reportId);
    const reader = new kit.http.BodyReader(ctx.body);
    const stars = reader.number('stars');
    if (!reader.problems.stars && (stars < 1 || stars > 5)) reader.flag('stars', 'STARS_RANGE');
    const comment = reader.string('comment', { max: RATING_COMMENT_MAX_CHARS, trim: true, visibleOnly: true, optional: true });
    reader.done();
    if (!isFinal(views.statusOf(record, report, ctx.now))) throw conflict('REPORT_OPEN', 'A report can be rated once it is fixed or closed');
    if (report.rating) throw conflict('ALREADY_RATED', 'This report has been rated already');
    // A poor rating is never refused, with or without a comment: every one is checked and answered.
    report.rating = { stars, comment, at: ctx.now };
    return ok(views.reportView(record, report, 'reporter', ctx.now));
  }

  function reopen(ctx: VerifiedContext) {
    const record = store.write(ctx.state);
    const report = filed(ctx, record, ctx.params.reportId);
    const reader = new kit.http.BodyReader(ctx.body);
    const reason = reader.string('reason', { max: REOPEN_REASON_MAX_CHARS, trim: true, visibleOnly: true });
    reader.done();
    if (!isFinal(views.statusOf(record, report, ctx.now))) throw conflict('REPORT_OPEN', 'Only a fixed or closed report can be reopened');
    if (report.accident) throw conflict('NOT_REOPENABLE', 'An accident case is not reopened; call 122');
    if (report.reopened) throw conflict('ALREADY_REOPENED', 'This report has been reopened once already');
    report.reopened = { at: ctx.now, reason };
    return ok(views.reportView(record, report, 'reporter', ctx.now));
  }

  // ---- erasure, pruning ----

  /**
   * Deleting a person's data: their reports stay with the departments but lose the contact and the name and
   * belong to nobody; their follows, their answers as the other driver and their waiting photos go.
   */
  const forget: Forget = (state, personId) => {
    const record = store.write(state);
    let reports = 0;
    let follows = 0;
    entriesOf(record, personId).forEach((entry) => {
      const report = own(record.reports, entry.id);
      if (!report) return;
      if (entry.role === 'reporter') {
        report.owner = '';
        report.contact = null;
        report.keepNamePrivate = true;
        kit.invitations.revoke(record.invitations, report.id);
        reports += 1;
      } else if (entry.role === 'follower') {
        report.followers = report.followers.filter((id) => id !== personId);
        follows += 1;
      } else if (report.accident?.answer) {
        report.accident.answer = { ...report.accident.answer, by: '', name: '' };
      }
    });
    delete record.byPerson[personId];
    const photos = own(record.photosByPerson, personId) ?? [];
    let dropped = 0;
    photos.forEach((id) => {
      const photo = own(record.photos, id);
      if (photo && photo.usedBy === null) {
        delete record.photos[id];
        dropped += 1;
      } else if (photo) photo.owner = '';
    });
    delete record.photosByPerson[personId];
    // The reports stay with the departments, without the contact and the name: their register of cases.
    return { deleted: { reportContacts: reports, reportFollows: follows, reportPhotos: dropped }, kept: reports ? [{ kind: 'reports-register', count: reports, until: null }] : [] };
  };

  function prune(state: GovernmentState, now: number): void {
    const peeked = store.peek(state);
    if (!peeked) return;
    const record = store.write(state);
    Object.keys(record.photosByPerson).forEach((personId) => keptPhotos(record, personId, now));
    kit.invitations.prune(record.invitations, now, INVITATION_KEEP_MS);
    accidents.prune(record, now);
  }

  const withoutCode = (body: unknown): unknown => {
    if (typeof body !== 'object' || body === null) return body;
    const copy: Record<string, unknown> = { ...body };
    if (typeof copy.invitation === 'object' && copy.invitation !== null) copy.invitation = { ...copy.invitation, code: '' };
    return copy;
  };

  const photoSummary = `Upload a report photo (a file in the field "${REPORT_PHOTO_FIELD}": JPEG or PNG, at most ${REPORT_PHOTO_MAX_BYTES / 1024 / 1024} MB); kept ${REPORT_PHOTO_KEEP_HOURS} hours unless a report uses it`;
  const routes: Route[] = [
    { method: 'GET', path: '/reports/services', auth: 'verified', summary: 'The service list (Open311 GET services): code, name, group, description, keywords, whether it has extra fields, department, SLA', handle: listServices },
    { method: 'GET', path: '/reports/services/:serviceCode', auth: 'verified', summary: 'A service definition (Open311 GET service definition): its extra fields with datatype, required flag, order and list values', handle: getService },
    { method: 'GET', path: '/reports/districts', auth: 'verified', summary: 'The seed city\'s districts, with the simplified boxes a point must fall in', handle: listDistricts },
    { method: 'POST', path: '/reports/photos', auth: 'verified', summary: photoSummary, handle: uploadPhoto, upload: { field: REPORT_PHOTO_FIELD, maxBytes: REPORT_PHOTO_MAX_BYTES } },
    { method: 'GET', path: '/reports/nearby', auth: 'verified', summary: 'Open reports of a service within 50 m of a point (serviceCode, lat, long), masked: follow one instead of filing again', handle: nearby },
    { method: 'GET', path: '/reports', auth: 'verified', summary: 'My reports: filed, followed, or answered as the other driver; newest first, a page at a time', handle: listMine },
    { method: 'POST', path: '/reports', auth: 'verified', summary: 'File a report (Open311 POST request): service, description, place, photos, contact, extra fields; a minor accident\'s answer carries the other driver\'s code (a replay: code \'\')', handle: fileReport, replay: withoutCode },
    ...accidents.routes,
    { method: 'GET', path: '/reports/:reportId', auth: 'verified', summary: 'One of my reports (Open311 GET service request): status history, department, SLA clock, what happens next', handle: getReport },
    { method: 'POST', path: '/reports/:reportId/follow', auth: 'verified', summary: 'Follow another person\'s open report: it joins my list, readable but not mine to rate', handle: follow },
    { method: 'DELETE', path: '/reports/:reportId/follow', auth: 'verified', summary: 'Stop following a report', handle: unfollow },
    { method: 'POST', path: '/reports/:reportId/rating', auth: 'verified', summary: 'Rate my fixed or closed report once (1 to 5 stars, a comment); a poor rating is always taken', handle: rate },
    { method: 'POST', path: '/reports/:reportId/reopen', auth: 'verified', summary: 'Reopen my fixed or closed report once as not fixed: back to the department, in progress, with a new SLA', handle: reopen },
  ];

  return {
    name: REPORTS_AGENCY,
    routes,
    forget,
    prune,
    reportsRecord: (state) => store.peek(state),
  };
}
