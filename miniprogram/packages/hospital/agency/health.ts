// Health agency: hospitals, departments, doctors and their slots (seeded), the family members a person
// books for, and bookings through the shared appointment engine, with the registration fee paid
// through the shared payments flow and refunded when cancelled in time. It lives in the hospital
// subpackage and gets what the government shares through its kit (mock/agency.ts).
import {
  BOOKING_ITEM_KIND,
  BOOK_MAX_DAYS,
  BOOK_MIN_DAYS,
  CHILD_AGE,
  FEW_LEFT,
  HEALTH_AGENCY,
  HOLD_MS,
  MAX_FAMILY,
  MAX_PENDING,
  MAX_UPCOMING,
  MAX_LAPSES_PER_DAY,
  NO_SHOW_BLOCK_DAYS,
  NO_SHOW_LIMIT,
  NO_SHOW_WINDOW_DAYS,
  RELATIONSHIPS,
  SEARCH_MAX_CHARS,
  type Booking,
  type BookingsResponse,
  type DayAvailability,
  type DayView,
  type DepartmentResponse,
  type DepartmentSummary,
  type DoctorDay,
  type DoctorResponse,
  type DoctorSummary,
  type HospitalDetail,
  type HospitalSummary,
  type HospitalsResponse,
  type LocalText,
  type NoShowBlock,
  type Patient,
  type PatientsResponse,
  type Relationship,
  type ReminderView,
  type SearchResponse,
  type SlotView,
} from '../../../contracts/health';
import type { Sex } from '../../../contracts/identity';
import { DAY_MS, ageOn, cstMidnight, cstParts, formatCivilDate, formatCstDate, type CivilDate } from '../../../core/dates';
import { checkIdNumber, checkPersonName, idBirthDate, idCheckChar, idSex, maskIdNumber, normaliseIdNumber } from '../../../core/validation';
import type { Agency, AgencyKit } from '../../../mock/agency';
import type { AppointmentBook, AppointmentRecord, AppointmentRules, Block } from '../../../mock/appointments';
import type { Forget } from '../../../mock/erasure';
import type { PayableSource } from '../../../mock/payments';
import type { Context, PayerContext, Route, VerifiedContext } from '../../../mock/router';
import type { GovernmentState } from '../../../mock/store';
import { BUSY_DEPARTMENT, DEPARTMENT_KINDS, SLOT_MINUTES, SLOT_TIMES, TITLE_CAPACITY, buildHealthSeed, type HealthSeed, type SeedDoctor } from './seed';

/** A family member as kept: never the full resident ID, only its mask and a keyed digest. */
interface FamilyRecord {
  id: string;
  name: string;
  idMasked: string;
  idDigest: string;
  birth: string;
  sex: Sex;
  relationship: Exclude<Relationship, 'self'>;
  /** When the guardian consented (a child under 14), or null. */
  consentAt: number | null;
  addedAt: number;
}

interface ReminderRecord { status: 'subscribed' | 'declined' | 'unavailable'; templateId: string; at: number }

export interface HealthRecord {
  book: AppointmentBook;
  /** personId -> family members, in the order added. */
  family: Record<string, FamilyRecord[]>;
  /** bookingId -> the reminder asked for. */
  reminders: Record<string, ReminderRecord>;
}

/** What a visit after its time became when nobody recorded it: 1 in 4 bookings (by id) is a no-show. */
export function visitOutcome(id: string, hashKey: (text: string) => string): 'attended' | 'no-show' {
  return parseInt(hashKey(`visit|${id}`).slice(1, 9), 16) % 4 === 0 ? 'no-show' : 'attended';
}

/** The hospital's booking rules, as data for the shared engine. */
export const hospitalRules = (hashKey: (text: string) => string): AppointmentRules => ({
  minDays: BOOK_MIN_DAYS,
  maxDays: BOOK_MAX_DAYS,
  cancelDaysBefore: 0,
  noShow: { limit: NO_SHOW_LIMIT, windowDays: NO_SHOW_WINDOW_DAYS, blockDays: NO_SHOW_BLOCK_DAYS },
  holdMs: HOLD_MS,
  maxPending: MAX_PENDING,
  maxUpcoming: MAX_UPCOMING,
  maxLapsesPerDay: MAX_LAPSES_PER_DAY,
  outcome: (id) => visitOutcome(id, hashKey),
});

/** The documented family: Li Ming (r02) has his son Li Xiaolong (r10, 14) and a daughter of 7. */
const DAUGHTER_ID17 = '44030520190308002';
export const SEEDED_DAUGHTER_ID = `${DAUGHTER_ID17}${idCheckChar(DAUGHTER_ID17)}`;

/** The health agency with what tests look into. */
export interface HealthAgency extends Agency {
  seed: HealthSeed;
  healthRecord(state: GovernmentState): HealthRecord | undefined;
  /** The remaining places of a slot at `now` (for tests of the race). */
  remainingOf(state: GovernmentState, slotId: string, now: number): number;
}

const SLOT_PATTERN = /^([a-z0-9-]{1,60})\.(\d{4})(\d{2})(\d{2})\.([ap])(\d{1,2})$/;
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
const hhmm = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

interface SlotRef { id: string; doctor: SeedDoctor; date: CivilDate; session: 'am' | 'pm'; index: number; startMin: number; startsAt: number; endsAt: number; capacity: number }

export function createAgency(kit: AgencyKit): HealthAgency {
  const { dict, own, agencyState, peekAgency } = kit.store;
  const { HttpError, notFound, conflict, invalid } = kit.http;
  const { ok, created } = kit.reply;
  const engine = kit.appointments;
  const rules = hospitalRules(kit.random.hashKey);
  const seed = buildHealthSeed(kit.random.seeded(20261202));

  /** Places taken by patients outside this app, fixed per slot (the seed's other patients). */
  const elsewhereCache = new Map<string, number>();
  /**
   * Spreads a 32-bit hash over all its bits (murmur3's finaliser): slot ids differ only in their last
   * characters, which FNV alone moves by a fraction of a percent, so neighbouring slots would roll alike.
   */
  function mixed(hash: number): number {
    let x = hash >>> 0;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
    return (x ^ (x >>> 16)) >>> 0;
  }

  const rollOf = (text: string): number => mixed(parseInt(kit.random.hashKey(text).slice(1, 9), 16)) / 0x100000000;

  function takenElsewhere(slot: SlotRef): number {
    let taken = elsewhereCache.get(slot.id);
    if (taken === undefined) {
      const roll = rollOf(`slot|${slot.id}`);
      // Some department-days are taken at the counters already (a famous clinic, a Monday): all of it, or
      // all but a place here and there; the rest of the time each doctor's popularity decides.
      const day = rollOf(`day|${slot.doctor.departmentId}|${slot.id.split('.')[1]}`);
      if (day < 0.08) taken = slot.capacity;
      else if (day < 0.18) taken = roll < 0.04 ? slot.capacity - 1 : slot.capacity;
      else taken = Math.min(slot.capacity, Math.floor(roll * 1.3 * slot.doctor.popularity * (slot.capacity + 1)));
      elsewhereCache.set(slot.id, taken);
    }
    return taken;
  }

  function slotRef(doctor: SeedDoctor, date: CivilDate, session: 'am' | 'pm', index: number): SlotRef | null {
    const time = SLOT_TIMES.find(([s, i]) => s === session && i === index);
    if (!time) return null;
    const startsAt = cstMidnight(date) + time[2] * 60000;
    const id = `${doctor.id}.${date.year}${pad(date.month)}${pad(date.day)}.${session === 'am' ? 'a' : 'p'}${index}`;
    return { id, doctor, date, session, index, startMin: time[2], startsAt, endsAt: startsAt + SLOT_MINUTES * 60000, capacity: TITLE_CAPACITY[doctor.title] };
  }

  /** A slot from its id, or null when no such slot exists (a doctor's day off is no slot). */
  function parseSlot(slotId: string): SlotRef | null {
    const m = SLOT_PATTERN.exec(slotId);
    if (!m) return null;
    const doctor = own(seed.doctors, m[1]);
    if (!doctor) return null;
    const date = { year: Number(m[2]), month: Number(m[3]), day: Number(m[4]) };
    const check = cstParts(cstMidnight(date));
    if (check.year !== date.year || check.month !== date.month || check.day !== date.day) return null;
    const session = m[5] === 'a' ? 'am' : 'pm';
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    if (!doctor.week[weekday][session === 'am' ? 0 : 1]) return null;
    return slotRef(doctor, date, session, Number(m[6]));
  }

  function healthOf(ctx: Context): HealthRecord {
    return agencyState<HealthRecord>(ctx.state, HEALTH_AGENCY, () => seedRecord(ctx));
  }

  /** What reads see: the stored record, or before any write the seed it would start with (not stored). */
  function readHealth(ctx: Context): HealthRecord {
    return peekAgency<HealthRecord>(ctx.state, HEALTH_AGENCY) ?? seedRecord(ctx);
  }

  /** What a government starts with: the documented family, past visits, and a resident blocked for no-shows. */
  function seedRecord(ctx: Context): HealthRecord {
    const record: HealthRecord = { book: engine.emptyBook(), family: dict(), reminders: dict() };
    const first = ctx.state.meta.firstRunAt;
    const son = kit.cast.find((member) => member.key === 'r10');
    const family: FamilyRecord[] = [];
    if (son) family.push(familyRecord(ctx, 'fm-r02-son', son.name, son.idNumber, 'child', first));
    family.push(familyRecord(ctx, 'fm-r02-daughter', '李小雨', SEEDED_DAUGHTER_ID, 'child', first));
    record.family['p-r02'] = family;
    const doctor = seed.doctors[`${BUSY_DEPARTMENT}-1`];
    const past = (key: string, person: string, daysAgo: number, outcome: 'attended' | 'no-show'): void => {
      const day = cstParts(first - daysAgo * DAY_MS);
      const slot = slotRef(doctor, day, 'am', 2);
      if (!slot) return;
      const id = `bk-seed-${key}`;
      engine.recordPast(record.book, {
        id,
        reference: `BK-SEED-${key.toUpperCase()}`,
        holder: person,
        subject: `id:${ctx.hash(kit.cast.find((member) => `p-${member.key}` === person)?.idNumber ?? person)}`,
        slot: slot.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        uniqueKey: null,
        state: 'booked',
        createdAt: slot.startsAt - 3 * DAY_MS,
        holdUntil: null,
        paidAt: slot.startsAt - 3 * DAY_MS,
        cancelledAt: null,
        outcome,
        data: { patientId: 'self', departmentId: doctor.departmentId, doctorId: doctor.id, feeFen: doctor.feeFen },
      });
    };
    past('r01a', 'p-r01', 30, 'attended');
    // Huang Min (r09) missed three visits in the last 90 days: blocked until 24 days after the first run.
    past('r09a', 'p-r09', 50, 'no-show');
    past('r09b', 'p-r09', 25, 'no-show');
    past('r09c', 'p-r09', 6, 'no-show');
    return record;
  }

  function familyRecord(ctx: Context, id: string, name: string, idNumber: string, relationship: Exclude<Relationship, 'self'>, now: number): FamilyRecord {
    const birth = idBirthDate(idNumber);
    return {
      id,
      name,
      idMasked: maskIdNumber(idNumber),
      // The same digest the population register keeps: a person is one patient on every list, verified or not.
      idDigest: ctx.hash(idNumber),
      birth: formatCivilDate(birth),
      sex: idSex(idNumber),
      relationship,
      consentAt: ageOn(birth, now) < CHILD_AGE ? now : null,
      addedAt: now,
    };
  }

  const civil = (text: string): CivilDate => {
    const [year, month, day] = text.split('-').map(Number);
    return { year, month, day };
  };

  // ---- views ----

  function hospitalView(id: string): HospitalSummary {
    const h = seed.hospitals[id];
    return { id: h.id, name: h.name, level: h.level, district: h.district, address: h.address, phone: h.phone, departmentCount: h.departmentIds.length };
  }

  function departmentView(id: string): DepartmentSummary {
    const d = seed.departments[id];
    const kind = DEPARTMENT_KINDS[d.code];
    return { id: d.id, hospitalId: d.hospitalId, code: d.code, group: kind.group, name: kind.name, location: d.location, doctorCount: d.doctorIds.length, maxAge: kind.maxAge };
  }

  function doctorView(doctor: SeedDoctor): DoctorSummary {
    return { id: doctor.id, departmentId: doctor.departmentId, hospitalId: doctor.hospitalId, name: doctor.name, title: doctor.title, feeFen: doctor.feeFen, specialty: doctor.specialty, profile: doctor.profile };
  }

  const remainingIn = (record: HealthRecord | undefined, slot: SlotRef, now: number): number =>
    Math.max(0, slot.capacity - takenElsewhere(slot) - (record ? engine.takenIn(record.book, rules, slot.id, now) : 0));

  /** The bookable days: tomorrow to 14 days ahead in CST. */
  function windowDays(now: number): { date: CivilDate; ahead: number }[] {
    const today = cstMidnight(cstParts(now));
    const days: { date: CivilDate; ahead: number }[] = [];
    for (let ahead = BOOK_MIN_DAYS; ahead <= BOOK_MAX_DAYS; ahead += 1) days.push({ date: cstParts(today + ahead * DAY_MS + 12 * 3600 * 1000), ahead });
    return days;
  }

  function slotsOn(doctor: SeedDoctor, date: CivilDate): SlotRef[] {
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    const [am, pm] = doctor.week[weekday];
    return SLOT_TIMES.filter(([session]) => (session === 'am' ? am : pm)).flatMap(([session, index]) => slotRef(doctor, date, session, index) ?? []);
  }

  const statusFor = (working: boolean, remaining: number): DayAvailability => (!working ? 'none' : remaining === 0 ? 'full' : remaining <= FEW_LEFT ? 'few' : 'available');

  function doctorDay(record: HealthRecord | undefined, doctor: SeedDoctor, day: { date: CivilDate; ahead: number }, now: number): DoctorDay {
    const slots: SlotView[] = slotsOn(doctor, day.date).map((slot) => ({
      id: slot.id,
      session: slot.session,
      start: hhmm(slot.startMin),
      end: hhmm(slot.startMin + SLOT_MINUTES),
      remaining: remainingIn(record, slot, now),
      capacity: slot.capacity,
    }));
    const remaining = slots.reduce((sum, slot) => sum + slot.remaining, 0);
    return { date: formatCivilDate(day.date), ahead: day.ahead, status: statusFor(slots.length > 0, remaining), remaining, slots };
  }

  function hospitalOr404(id: string) {
    const hospital = own(seed.hospitals, id);
    if (!hospital) throw notFound('No such hospital');
    return hospital;
  }

  // ---- browse ----

  function listHospitals() {
    const answer: HospitalsResponse = { items: seed.hospitalOrder.map(hospitalView) };
    return ok(answer);
  }

  function getHospital(ctx: VerifiedContext) {
    const hospital = hospitalOr404(ctx.params.hospitalId);
    const answer: HospitalDetail = { ...hospitalView(hospital.id), departments: hospital.departmentIds.map(departmentView) };
    return ok(answer);
  }

  function getDepartment(ctx: VerifiedContext) {
    const department = own(seed.departments, ctx.params.departmentId);
    if (!department) throw notFound('No such department');
    const record = peekAgency<HealthRecord>(ctx.state, HEALTH_AGENCY);
    const days = windowDays(ctx.now);
    const wanted = ctx.query.date;
    if (wanted !== undefined && !days.some((day) => formatCivilDate(day.date) === wanted)) {
      throw invalid({ date: /^\d{4}-\d{2}-\d{2}$/.test(wanted) ? 'DATE_OUTSIDE_WINDOW' : 'DATE_FORMAT' }, 'The date must be one of the 14 bookable days');
    }
    const doctors = department.doctorIds.map((id) => seed.doctors[id]);
    const perDoctor = doctors.map((doctor) => days.map((day) => doctorDay(record, doctor, day, ctx.now)));
    const strip: DayView[] = days.map((day, i) => {
      const working = perDoctor.some((d) => d[i].status !== 'none');
      const remaining = perDoctor.reduce((sum, d) => sum + d[i].remaining, 0);
      return { date: formatCivilDate(day.date), ahead: day.ahead, status: statusFor(working, remaining), remaining };
    });
    const chosen = wanted ?? strip.find((day) => day.status === 'available' || day.status === 'few')?.date ?? strip[0].date;
    const at = strip.findIndex((day) => day.date === chosen);
    const answer: DepartmentResponse = {
      hospital: hospitalView(department.hospitalId),
      department: departmentView(department.id),
      days: strip,
      date: chosen,
      doctors: doctors.map((doctor, i) => ({
        ...doctorView(doctor),
        day: perDoctor[i][at].status,
        remaining: perDoctor[i][at].remaining,
        firstSlot: perDoctor[i][at].slots.find((slot) => slot.remaining > 0) ?? null,
      })),
    };
    return ok(answer);
  }

  function getDoctor(ctx: VerifiedContext) {
    const doctor = own(seed.doctors, ctx.params.doctorId);
    if (!doctor) throw notFound('No such doctor');
    const record = peekAgency<HealthRecord>(ctx.state, HEALTH_AGENCY);
    const answer: DoctorResponse = {
      hospital: hospitalView(doctor.hospitalId),
      department: departmentView(doctor.departmentId),
      doctor: doctorView(doctor),
      days: windowDays(ctx.now).map((day) => doctorDay(record, doctor, day, ctx.now)),
    };
    return ok(answer);
  }

  const fold = (value: string): string => value.toLowerCase().replace(/\s+/g, ' ').trim();

  function search(ctx: VerifiedContext) {
    const raw = ctx.query.q ?? '';
    if (raw.length > SEARCH_MAX_CHARS) throw invalid({ q: 'TOO_LONG' }, `A search is at most ${SEARCH_MAX_CHARS} characters`);
    const q = fold(raw);
    const answer: SearchResponse = { query: raw, departments: [], doctors: [] };
    if (!q) return ok(answer);
    const words = q.split(' ');
    const symptomCodes = new Set(
      Object.keys(DEPARTMENT_KINDS).filter((code) => DEPARTMENT_KINDS[code].symptoms.some((word) => q.includes(word.toLowerCase()) || (q.length >= 2 && word.toLowerCase() === q))),
    );
    const matchesText = (text: LocalText): boolean => {
      const zh = text.zh;
      const en = text.en.toLowerCase();
      return words.every((word) => zh.includes(word) || en.includes(word));
    };
    Object.values(seed.departments).forEach((department) => {
      const kind = DEPARTMENT_KINDS[department.code];
      const byName = matchesText(kind.name);
      const bySymptom = symptomCodes.has(department.code);
      if ((byName || bySymptom) && answer.departments.length < 30) {
        answer.departments.push({ ...departmentView(department.id), hospital: seed.hospitals[department.hospitalId].name, viaSymptom: !byName });
      }
    });
    Object.values(seed.doctors).forEach((doctor) => {
      if (answer.doctors.length < 30 && matchesText(doctor.name)) {
        answer.doctors.push({ ...doctorView(doctor), hospital: seed.hospitals[doctor.hospitalId].name, department: DEPARTMENT_KINDS[seed.departments[doctor.departmentId].code].name });
      }
    });
    return ok(answer);
  }

  // ---- patients ----

  // One subject per resident ID (its keyed digest), whoever books: the no-show block, one booking per
  // department a day and the age rule follow the patient across every list they are on, and a deleted
  // account's kept outpatient records still count.
  const selfSubject = (person: { idHash: string }): string => `id:${person.idHash}`;
  const familySubject = (member: FamilyRecord): string => `id:${member.idDigest}`;

  /**
   * A block in words: until when, and the missed visits behind it that the viewer booked (a family
   * member's other bookings are not theirs to see; the person's own are all theirs).
   */
  function blockView(block: Block | null, book?: AppointmentBook, viewer?: string): NoShowBlock | null {
    if (!block) return null;
    const seen = book && viewer ? new Set(engine.bookingsOf(book, viewer).map((b) => b.startsAt)) : null;
    return { until: formatCstDate(block.until), noShows: block.noShows.filter((at) => !seen || seen.has(at)).map(formatCstDate) };
  }

  function patientsOf(ctx: VerifiedContext, record: HealthRecord | undefined): Patient[] {
    const person = ctx.person;
    const book = record?.book ?? engine.emptyBook();
    const self: Patient = {
      id: 'self',
      name: person.name,
      idMasked: person.idMasked,
      birth: formatCivilDate(person.birth),
      relationship: 'self',
      verified: true,
      age: ageOn(person.birth, ctx.now),
      block: blockView(engine.blockOf(book, rules, selfSubject(person), ctx.now)),
    };
    const family = (record ? own(record.family, person.id) ?? [] : []).map((member): Patient => ({
      id: member.id,
      name: member.name,
      idMasked: member.idMasked,
      birth: member.birth,
      relationship: member.relationship,
      verified: false,
      age: ageOn(civil(member.birth), ctx.now),
      block: blockView(engine.blockOf(book, rules, familySubject(member), ctx.now), book, person.id),
    }));
    return [self, ...family];
  }

  function listPatients(ctx: VerifiedContext) {
    const answer: PatientsResponse = { items: patientsOf(ctx, readHealth(ctx)), maxFamily: MAX_FAMILY };
    return ok(answer);
  }

  function addPatient(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const name = reader.string('name', { max: 30, trim: true });
    const idNumber = normaliseIdNumber(reader.string('idNumber', { max: 30, trim: true }));
    const relationship = reader.string('relationship', { max: 20 });
    const consent = reader.boolean('guardianConsent', { optional: true });
    if (name) {
      const problem = checkPersonName(name);
      if (problem) reader.flag('name', problem);
    }
    if (idNumber) {
      const problem = checkIdNumber(idNumber, ctx.now);
      if (problem) reader.flag('idNumber', problem);
    }
    if (relationship && (!RELATIONSHIPS.some((r) => r === relationship) || relationship === 'self')) reader.flag('relationship', 'UNKNOWN_RELATIONSHIP');
    reader.done();
    const child = ageOn(idBirthDate(idNumber), ctx.now) < CHILD_AGE;
    if (child && consent !== true) throw new HttpError(422, 'CONSENT_REQUIRED', 'A child under 14 can be added only with the guardian\'s separate consent', { guardianConsent: 'CONSENT_REQUIRED' });
    const record = healthOf(ctx);
    const family = own(record.family, ctx.person.id) ?? [];
    const digest = ctx.hash(idNumber);
    if (ctx.person.idHash === digest) {
      throw new HttpError(409, 'PATIENT_IS_SELF', 'This is your own resident ID; you are already on the list', { idNumber: 'PATIENT_IS_SELF' });
    }
    if (family.some((member) => member.idDigest === digest)) throw new HttpError(409, 'PATIENT_EXISTS', 'This person is already on your list', { idNumber: 'PATIENT_EXISTS' });
    if (family.length >= MAX_FAMILY) throw conflict('PATIENT_LIMIT', `You can add up to ${MAX_FAMILY} family members; remove one first`);
    const member = familyRecord(ctx, `fm-${ctx.random.hex(8)}`, name, idNumber, relationship === 'spouse' || relationship === 'child' || relationship === 'parent' ? relationship : 'other', ctx.now);
    record.family[ctx.person.id] = [...family, member];
    const added = patientsOf(ctx, record).find((patient) => patient.id === member.id);
    return created(added);
  }

  function removePatient(ctx: VerifiedContext) {
    const record = healthOf(ctx);
    const family = own(record.family, ctx.person.id) ?? [];
    const member = family.find((m) => m.id === ctx.params.patientId);
    if (!member) throw notFound('No such family member on your list');
    const upcoming = engine.bookingsOf(record.book, ctx.person.id).some((b) => b.data.patientId === member.id && engine.isLive(engine.statusOf(b, rules, ctx.now)));
    if (upcoming) throw conflict('PATIENT_HAS_BOOKINGS', 'This family member has an upcoming booking; cancel it first');
    record.family[ctx.person.id] = family.filter((m) => m.id !== member.id);
    return ok({ removed: true });
  }

  // ---- bookings ----

  interface PatientRef { id: string; name: string; idMasked: string; relationship: Relationship; verified: boolean; birth: CivilDate; subject: string }

  function patientRef(ctx: PayerContext, record: HealthRecord | undefined, patientId: string): PatientRef | null {
    if (patientId === 'self') {
      return { id: 'self', name: ctx.person.name, idMasked: ctx.person.idMasked, relationship: 'self', verified: true, birth: ctx.person.birth, subject: selfSubject(ctx.person) };
    }
    const member = (record ? own(record.family, ctx.person.id) ?? [] : []).find((m) => m.id === patientId);
    return member ? { id: member.id, name: member.name, idMasked: member.idMasked, relationship: member.relationship, verified: false, birth: civil(member.birth), subject: familySubject(member) } : null;
  }

  /** The booking's patient as it was booked (a family member removed since still reads by name). */
  function bookedPatient(booking: AppointmentRecord): Booking['patient'] {
    return {
      id: String(booking.data.patientId),
      name: String(booking.data.patientName ?? ''),
      idMasked: String(booking.data.patientIdMasked ?? ''),
      relationship: (RELATIONSHIPS.find((r) => r === booking.data.relationship) ?? 'self'),
      verified: booking.data.patientId === 'self',
    };
  }

  function reminderView(ctx: Context, record: HealthRecord, booking: AppointmentRecord, status: Booking['status']): ReminderView {
    const asked = own(record.reminders, booking.id);
    // 09:00 CST the day before; asked for later than that, it goes out at once.
    const sendAt = Math.max(cstMidnight(cstParts(booking.startsAt)) - 15 * 3600 * 1000, asked?.at ?? 0);
    const doctor = own(seed.doctors, String(booking.data.doctorId));
    const preview: LocalText | null = asked?.status === 'subscribed' && ctx.config.exposeSmsCode && doctor
      ? {
        zh: `就诊提醒：明天 ${hhmm(cstParts(booking.startsAt).hour * 60 + cstParts(booking.startsAt).minute)} ${seed.hospitals[doctor.hospitalId].name.zh} ${DEPARTMENT_KINDS[seed.departments[doctor.departmentId].code].name.zh} ${doctor.name.zh}，就诊人 ${String(booking.data.patientName)}。请带身份证按时就诊，不能前往请在今天 24:00 前取消。`,
        en: `Reminder: tomorrow at ${hhmm(cstParts(booking.startsAt).hour * 60 + cstParts(booking.startsAt).minute)}, ${seed.hospitals[doctor.hospitalId].name.en}, ${DEPARTMENT_KINDS[seed.departments[doctor.departmentId].code].name.en}, ${doctor.name.en}, for ${String(booking.data.patientName)}. Bring the resident ID; cancel by midnight tonight if you cannot go.`,
      }
      : null;
    const live = status === 'booked';
    return {
      status: asked?.status ?? 'none',
      sendAt: asked?.status === 'subscribed' ? sendAt : null,
      sent: asked?.status === 'subscribed' && live && ctx.now >= sendAt,
      preview,
    };
  }

  function bookingView(ctx: Context, record: HealthRecord, booking: AppointmentRecord): Booking {
    const status = engine.statusOf(booking, rules, ctx.now);
    const doctor = seed.doctors[String(booking.data.doctorId)];
    const department = departmentView(doctor.departmentId);
    const hospital = hospitalView(doctor.hospitalId);
    const start = cstParts(booking.startsAt);
    const end = cstParts(booking.endsAt);
    const can = engine.cancellable(booking, rules, ctx.now);
    const patient = bookedPatient(booking);
    const refund = booking.data.refundReference ? { reference: String(booking.data.refundReference), amountFen: Number(booking.data.refundFen) } : null;
    return {
      id: booking.id,
      reference: booking.reference,
      status,
      hospital,
      department,
      doctor: doctorView(doctor),
      patient,
      slotId: booking.slot,
      date: formatCstDate(booking.startsAt),
      start: hhmm(start.hour * 60 + start.minute),
      end: hhmm(end.hour * 60 + end.minute),
      feeFen: Number(booking.data.feeFen),
      holdUntil: status === 'pending-payment' ? booking.holdUntil : null,
      cancelUntil: engine.cancelUntilOf(booking, rules),
      canCancel: can === 'ok',
      cancelBlockedBy: can === 'ok' ? null : can,
      where: {
        zh: `${hospital.name.zh}（${hospital.address.zh}）${department.location.zh}，${department.name.zh}。请在 ${hhmm(start.hour * 60 + start.minute - 15)} 前到达，在自助机或分诊台签到。`,
        en: `${hospital.name.en} (${hospital.address.en}), ${department.location.en}, ${department.name.en}. Arrive by ${hhmm(start.hour * 60 + start.minute - 15)} and check in at a kiosk or the triage desk.`,
      },
      bring: patient.verified
        ? { zh: '本人身份证（或电子社保卡）和医保卡。', en: 'Your resident ID (or electronic social security card) and your medical insurance card.' }
        : { zh: `${patient.name}的身份证原件（儿童可带户口簿）和医保卡；姓名和身份证号须与预约一致。`, en: `${patient.name}'s resident ID (a child may bring the household register) and medical insurance card; the name and ID must match this booking.` },
      createdAt: booking.createdAt,
      paidAt: booking.paidAt,
      cancelledAt: booking.cancelledAt,
      refund,
      reminder: reminderView(ctx, record, booking, status),
    };
  }

  function createBooking(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const slotId = reader.string('slotId', { max: 100 });
    const departmentId = reader.string('departmentId', { max: 80 });
    const patientId = reader.string('patientId', { max: 40 });
    reader.done();
    const slot = parseSlot(slotId);
    if (!slot) throw new HttpError(422, 'SLOT_NOT_FOUND', 'There is no such slot', { slotId: 'SLOT_NOT_FOUND' });
    if (slot.doctor.departmentId !== departmentId) throw new HttpError(422, 'SLOT_NOT_IN_DEPARTMENT', 'That slot belongs to another department', { slotId: 'SLOT_NOT_IN_DEPARTMENT' });
    const record = healthOf(ctx);
    const patient = patientRef(ctx, record, patientId);
    if (!patient) throw new HttpError(422, 'PATIENT_NOT_FOUND', 'That patient is not on your list', { patientId: 'PATIENT_NOT_FOUND' });
    const maxAge = DEPARTMENT_KINDS[seed.departments[departmentId].code].maxAge;
    const windowProblem = engine.windowProblem(rules, slot.startsAt, ctx.now);
    if (!windowProblem && maxAge !== null && ageOn(patient.birth, slot.startsAt) >= maxAge) {
      throw new HttpError(422, 'AGE_RULE', `This department sees patients under ${maxAge} only`, { patientId: 'AGE_RULE' });
    }
    const booking = engine.bookPlace(record.book, rules, {
      id: `bk-${ctx.random.hex(10)}`,
      reference: kit.store.nextReference(ctx.state, 'GH', ctx.now),
      holder: ctx.person.id,
      subject: patient.subject,
      slot: slot.id,
      capacity: slot.capacity,
      takenElsewhere: takenElsewhere(slot),
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      uniqueKey: `${departmentId}|${formatCivilDate(slot.date)}`,
      subjectField: 'patientId',
      data: {
        patientId: patient.id,
        patientName: patient.name,
        patientIdMasked: patient.idMasked,
        relationship: patient.relationship,
        departmentId,
        doctorId: slot.doctor.id,
        feeFen: slot.doctor.feeFen,
      },
    }, ctx.now);
    return created(bookingView(ctx, record, booking));
  }

  function listBookings(ctx: VerifiedContext) {
    const record = readHealth(ctx);
    const all = engine.bookingsOf(record.book, ctx.person.id).map((booking) => bookingView(ctx, record, booking));
    const upcoming = all.filter((b) => b.status === 'booked' || b.status === 'pending-payment').reverse();
    const past = all.filter((b) => b.status !== 'booked' && b.status !== 'pending-payment');
    const answer: BookingsResponse = { upcoming, past, block: blockView(engine.blockOf(record.book, rules, selfSubject(ctx.person), ctx.now)) };
    return ok(answer);
  }

  function ownBooking(ctx: PayerContext, record: HealthRecord | undefined, id: string): AppointmentRecord {
    const booking = record ? engine.bookingOf(record.book, ctx.person.id, id) : undefined;
    if (!booking) throw notFound('No such booking among yours');
    return booking;
  }

  function getBooking(ctx: VerifiedContext) {
    const record = readHealth(ctx);
    const booking = ownBooking(ctx, record, ctx.params.bookingId);
    return ok(bookingView(ctx, record, booking));
  }

  function cancelBooking(ctx: VerifiedContext) {
    const record = healthOf(ctx);
    const booking = ownBooking(ctx, record, ctx.params.bookingId);
    engine.cancelPlace(booking, rules, ctx.now);
    if (booking.paidAt !== null) {
      const refund = kit.payments.refundItem(ctx, booking.id);
      if (refund) {
        booking.data.refundReference = refund.reference;
        booking.data.refundFen = refund.amountFen;
      }
    }
    return ok(bookingView(ctx, record, booking));
  }

  function setReminder(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const result = reader.string('result', { max: 20 });
    const templateId = reader.string('templateId', { max: 100, optional: true });
    if (result && result !== 'accept' && result !== 'reject' && result !== 'unavailable') reader.flag('result', 'UNKNOWN_RESULT');
    if (result === 'accept' && !templateId) reader.flag('templateId', 'REQUIRED');
    reader.done();
    const record = healthOf(ctx);
    const booking = ownBooking(ctx, record, ctx.params.bookingId);
    const status = engine.statusOf(booking, rules, ctx.now);
    if (status !== 'booked' && status !== 'pending-payment') throw conflict('NOT_CANCELLABLE', 'Reminders are for upcoming bookings only');
    record.reminders[booking.id] = { status: result === 'accept' ? 'subscribed' : result === 'reject' ? 'declined' : 'unavailable', templateId, at: ctx.now };
    return ok(bookingView(ctx, record, booking));
  }

  // ---- payments and erasure ----

  const feeSource: PayableSource = {
    recordKind: 'booking-fee',
    quote(ctx, itemId) {
      const record = peekAgency<HealthRecord>(ctx.state, HEALTH_AGENCY);
      const booking = record ? engine.bookingOf(record.book, ctx.person.id, itemId) : undefined;
      if (!record || !booking) return null;
      const slot = parseSlot(booking.slot);
      const doctor = seed.doctors[String(booking.data.doctorId)];
      const state = slot ? engine.feeState(record.book, rules, booking, slot.capacity, takenElsewhere(slot), ctx.now) : 'not-payable';
      const kind = DEPARTMENT_KINDS[seed.departments[doctor.departmentId].code];
      const start = cstParts(booking.startsAt);
      return {
        state,
        kind: BOOKING_ITEM_KIND,
        amountFen: Number(booking.data.feeFen),
        detail: { department: kind.name.zh, departmentEn: kind.name.en, doctor: doctor.name.zh, doctorEn: doctor.name.en, date: formatCstDate(booking.startsAt), start: hhmm(start.hour * 60 + start.minute), bookingId: booking.id },
      };
    },
    settle(ctx, itemId, payment) {
      const record = healthOf(ctx);
      const booking = engine.bookingOf(record.book, ctx.person.id, itemId);
      if (!booking) return;
      engine.markPaid(booking, payment.at);
      const doctor = seed.doctors[String(booking.data.doctorId)];
      const kind = DEPARTMENT_KINDS[seed.departments[doctor.departmentId].code];
      kit.store.addRecord(ctx.state, ctx.person.id, {
        id: `rec-${ctx.random.hex(10)}`,
        kind: 'booking',
        at: payment.at,
        reference: booking.reference,
        amountFen: Number(booking.data.feeFen),
        detail: { bookingId: booking.id, department: kind.name.zh, departmentEn: kind.name.en, date: formatCstDate(booking.startsAt) },
      });
    },
  };

  /**
   * Deleting a person's data deletes their family members and reminders and drops unpaid holds. Paid
   * bookings are the hospital's outpatient records (kept 15 years) and stay, no longer shown.
   */
  const forgetHealth: Forget = (state, personId, now) => {
    const record = peekAgency<HealthRecord>(state, HEALTH_AGENCY);
    if (!record) return { deleted: { familyMembers: 0 }, kept: [] };
    const kept = agencyState<HealthRecord>(state, HEALTH_AGENCY, () => record);
    const familyMembers = (own(kept.family, personId) ?? []).length;
    delete kept.family[personId];
    const mine = engine.bookingsOf(kept.book, personId);
    mine.forEach((booking) => {
      delete kept.reminders[booking.id];
      if (booking.paidAt === null && booking.state !== 'cancelled') {
        booking.state = 'cancelled';
        booking.cancelledAt = now;
      }
    });
    const paid = mine.filter((booking) => booking.paidAt !== null).length;
    return { deleted: { familyMembers }, kept: [{ kind: 'medical-appointments', count: paid, until: null }] };
  };

  function prune(state: GovernmentState, now: number): void {
    const record = peekAgency<HealthRecord>(state, HEALTH_AGENCY);
    if (!record) return;
    engine.pruneBook(agencyState<HealthRecord>(state, HEALTH_AGENCY, () => record).book, rules, now, 30 * DAY_MS);
  }

  const routes: Route[] = [
    { method: 'GET', path: '/health/hospitals', auth: 'verified', summary: 'Hospitals with their level, district and address', handle: listHospitals },
    { method: 'GET', path: '/health/hospitals/:hospitalId', auth: 'verified', summary: 'A hospital and its departments (grouped by the client)', handle: getHospital },
    { method: 'GET', path: '/health/departments/:departmentId', auth: 'verified', summary: 'A department: its doctors, the 14-day strip, each doctor\'s places on a day (date=YYYY-MM-DD)', handle: getDepartment },
    { method: 'GET', path: '/health/doctors/:doctorId', auth: 'verified', summary: 'A doctor\'s profile and 14 days of morning and afternoon slots with places left', handle: getDoctor },
    { method: 'GET', path: '/health/search', auth: 'verified', summary: 'Departments and doctors by name, departments by a symptom word (q <= 40 characters)', handle: search },
    { method: 'GET', path: '/health/patients', auth: 'verified', summary: 'Whom I can book for: myself and my family members, each with any no-show block', handle: listPatients },
    { method: 'POST', path: '/health/patients', auth: 'verified', summary: 'Add a family member (name, resident ID, relationship; a child under 14 needs the guardian\'s consent)', handle: addPatient },
    { method: 'DELETE', path: '/health/patients/:patientId', auth: 'verified', summary: 'Remove a family member without upcoming bookings', handle: removePatient },
    { method: 'GET', path: '/health/bookings', auth: 'verified', summary: 'My bookings, upcoming and past, and my no-show block if any', handle: listBookings },
    { method: 'POST', path: '/health/bookings', auth: 'verified', summary: 'Book a slot for a patient on my list; the fee is then paid through /payments/orders', handle: createBooking },
    { method: 'GET', path: '/health/bookings/:bookingId', auth: 'verified', summary: 'One of my bookings with where to go, what to bring and until when it can be cancelled', handle: getBooking },
    { method: 'POST', path: '/health/bookings/:bookingId/cancel', auth: 'verified', summary: 'Cancel free until 00:00 CST of the visit day; a paid fee is refunded', handle: cancelBooking },
    { method: 'POST', path: '/health/bookings/:bookingId/reminder', auth: 'verified', summary: 'Record what wx.requestSubscribeMessage answered for the day-before reminder', handle: setReminder },
  ];

  return {
    name: HEALTH_AGENCY,
    routes,
    payables: feeSource,
    forget: forgetHealth,
    prune,
    seed,
    healthRecord: (state) => peekAgency<HealthRecord>(state, HEALTH_AGENCY),
    remainingOf(state, slotId, now) {
      const slot = parseSlot(slotId);
      return slot ? remainingIn(peekAgency<HealthRecord>(state, HEALTH_AGENCY), slot, now) : 0;
    },
  };
}
