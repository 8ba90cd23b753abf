// The health agency as a resident (and an attacker) meets it: browse, patients, the booking rules each
// with its own code, one winner of a race for the last place, cancel and refund, lapsing holds, visits
// turning attended or missed, the no-show block, reminders, and records.
import type {
  Booking,
  BookingsResponse,
  DepartmentResponse,
  DoctorResponse,
  HospitalDetail,
  HospitalsResponse,
  Patient,
  PatientsResponse,
  SearchResponse,
} from '../../miniprogram/contracts/health';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { DAY_MS, cstMidnight, cstParts } from '../../miniprogram/core/dates';
import { createGovernment } from '../../miniprogram/mock/index';
import { createClock, createTestGovernment, expectNoIdNumbers, memoryStorage, payOrder, verifiedToken, type TestGovernment } from '../helpers/government';
import { BUSY_DEPARTMENT, DEPARTMENT, DOCTOR, PAEDIATRICS } from '../packages/hospital/helpers';

type Answer<T> = { status: number; body: T & { error?: { code: string; fields?: Record<string, string> } } };

let keys = 0;
function caller(gov: TestGovernment, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: async <T>(path: string, query?: Record<string, string>) => (await gov.government.handle({ method: 'GET', path, query, headers })) as Answer<T>,
    send: async <T>(method: 'POST' | 'DELETE', path: string, body?: object, key = `k-${(keys += 1)}`) =>
      (await gov.government.handle({ method, path, headers: { ...headers, 'idempotency-key': key }, body: body === undefined ? undefined : JSON.stringify(body) })) as Answer<T>,
  };
}
type Caller = ReturnType<typeof caller>;

/** The slot id of the same doctor and time `days` later (or earlier). */
function shifted(slotId: string, days: number): string {
  const [doctor, ymd, time] = slotId.split('.');
  const at = Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))) + days * DAY_MS;
  const d = new Date(at);
  const next = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${doctor}.${next}.${time}`;
}

/** The doctor's slots with a place free (some places go at the hospital's counter), in time order. */
async function slots(who: Caller, doctorId = DOCTOR) {
  const doctor = (await who.get<DoctorResponse>(`/health/doctors/${doctorId}`)).body;
  return doctor.days.flatMap((day) => day.slots.filter((slot) => slot.remaining > 0).map((slot) => ({ ...slot, date: day.date, ahead: day.ahead })));
}

async function remainingOf(who: Caller, slotId: string): Promise<number | undefined> {
  const doctor = (await who.get<DoctorResponse>(`/health/doctors/${slotId.split('.')[0]}`)).body;
  return doctor.days.flatMap((day) => day.slots).find((slot) => slot.id === slotId)?.remaining;
}

const book = (who: Caller, slotId: string, patientId = 'self', departmentId = DEPARTMENT, key?: string) =>
  who.send<Booking>('POST', '/health/bookings', { slotId, departmentId, patientId }, key);

async function pay(gov: TestGovernment, who: Caller, booking: Booking): Promise<Booking> {
  const order = await who.send<PaymentOrder>('POST', '/payments/orders', { items: [{ agency: 'health', itemId: booking.id }], totalFen: booking.feeFen });
  expect(order.status).toBe(201);
  await payOrder(gov, order.body);
  return (await who.get<Booking>(`/health/bookings/${booking.id}`)).body;
}

describe('health agency: browse', () => {
  let gov: TestGovernment;
  let li: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
  });

  it('seeds at least 3 hospitals, 30 departments and 100 doctors, every name in both languages', async () => {
    const hospitals = (await li.get<HospitalsResponse>('/health/hospitals')).body.items;
    expect(hospitals.length).toBeGreaterThanOrEqual(3);
    expect(hospitals[0]).toMatchObject({ id: 'h1', level: '3A', name: { zh: '市第一人民医院' } });
    const details = await Promise.all(hospitals.map(async (h) => (await li.get<HospitalDetail>(`/health/hospitals/${h.id}`)).body));
    const departments = details.flatMap((h) => h.departments);
    expect(departments.length).toBeGreaterThanOrEqual(30);
    expect(departments.reduce((sum, d) => sum + d.doctorCount, 0)).toBeGreaterThanOrEqual(100);
    departments.forEach((d) => {
      expect(d.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.name.en).toMatch(/^[A-Z][A-Za-z ,'&-]+$/);
    });
    expect(departments.find((d) => d.id === PAEDIATRICS)).toMatchObject({ group: 'women-children', maxAge: 14 });
  });

  it('gives a department a 14-day strip from tomorrow, and each doctor\'s places on the chosen day', async () => {
    const answer = (await li.get<DepartmentResponse>(`/health/departments/${BUSY_DEPARTMENT}`)).body;
    expect(answer.days.map((d) => d.ahead)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(answer.days[0].date).toBe('2026-11-23');
    expect(answer.doctors).toHaveLength(60);
    const day = answer.days.find((d) => d.date === answer.date);
    expect(day?.remaining).toBe(answer.doctors.reduce((sum, d) => sum + d.remaining, 0));
    const later = (await li.get<DepartmentResponse>(`/health/departments/${BUSY_DEPARTMENT}`, { date: '2026-12-06' })).body;
    expect(later.date).toBe('2026-12-06');
    expect((await li.get(`/health/departments/${DEPARTMENT}`, { date: '2026-11-22' })).body).toMatchObject({ error: { code: 'VALIDATION', fields: { date: 'DATE_OUTSIDE_WINDOW' } } });
    expect((await li.get(`/health/departments/${DEPARTMENT}`, { date: 'next friday' })).body).toMatchObject({ error: { code: 'VALIDATION', fields: { date: 'DATE_FORMAT' } } });
    expect((await li.get(`/health/departments/nowhere`)).status).toBe(404);
  });

  it('gives a doctor 14 days of morning and afternoon slots with places left', async () => {
    const answer = (await li.get<DoctorResponse>(`/health/doctors/${DOCTOR}`)).body;
    expect(answer.doctor).toMatchObject({ id: DOCTOR, title: 'chief', feeFen: 5000 });
    expect(answer.doctor.profile.en.length).toBeGreaterThan(20);
    expect(answer.days).toHaveLength(14);
    const all = answer.days.flatMap((d) => d.slots);
    expect(new Set(all.map((s) => s.session))).toEqual(new Set(['am', 'pm']));
    all.forEach((slot) => expect(slot.remaining).toBeLessThanOrEqual(slot.capacity));
    expect(all.filter((slot) => slot.remaining > 0).length).toBeGreaterThan(all.length / 2);
    answer.days.filter((d) => d.slots.length === 0).forEach((d) => expect(d.status).toBe('none'));
    expect((await li.get('/health/doctors/h1-cardiology-999')).status).toBe(404);
  });

  it('finds departments by a symptom word and by name, doctors by name, in either language', async () => {
    const fever = (await li.get<SearchResponse>('/health/search', { q: '发烧' })).body;
    const codes = new Set(fever.departments.map((d) => d.code));
    expect(codes.has('fever')).toBe(true);
    expect(codes.has('respiratory')).toBe(true);
    expect(fever.departments.every((d) => d.viaSymptom)).toBe(true);
    const english = (await li.get<SearchResponse>('/health/search', { q: 'Fever' })).body;
    expect(english.departments.some((d) => d.code === 'fever' && !d.viaSymptom)).toBe(true);
    const byName = (await li.get<SearchResponse>('/health/search', { q: '儿科' })).body;
    expect(byName.departments.map((d) => d.id)).toContain(PAEDIATRICS);
    const doctor = (await li.get<DoctorResponse>(`/health/doctors/${DOCTOR}`)).body.doctor;
    const found = (await li.get<SearchResponse>('/health/search', { q: doctor.name.zh })).body;
    expect(found.doctors.map((d) => d.id)).toContain(DOCTOR);
    expect((await li.get<SearchResponse>('/health/search', { q: '   ' })).body).toMatchObject({ departments: [], doctors: [] });
    expect((await li.get('/health/search', { q: '发'.repeat(41) })).body).toMatchObject({ error: { code: 'VALIDATION', fields: { q: 'TOO_LONG' } } });
  });

  it('lets nobody browse without a verified identity', async () => {
    const none = await gov.government.handle({ method: 'GET', path: '/health/hospitals' });
    expect(none.status).toBe(401);
    const forged = await gov.government.handle({ method: 'GET', path: '/health/hospitals', headers: { authorization: 'Bearer forged.token.value' } });
    expect(forged.status).toBe(401);
  });
});

describe('health agency: patients', () => {
  let gov: TestGovernment;
  let li: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
  });

  it('lists the person first, then the seeded family, with masked IDs only', async () => {
    const answer = await li.get<PatientsResponse>('/health/patients');
    expect(answer.body.maxFamily).toBe(5);
    expect(answer.body.items.map((p) => [p.id, p.relationship, p.verified, p.age])).toEqual([
      ['self', 'self', true, 46],
      ['fm-r02-son', 'child', false, 14],
      ['fm-r02-daughter', 'child', false, 7],
    ]);
    expect(answer.body.items[2]).toMatchObject({ name: '李小雨', idMasked: '4403**********0023', birth: '2019-03-08' });
    expectNoIdNumbers(JSON.stringify(answer.body), ['440305201903080023']);
  });

  it('adds a family member, answers each wrong one with its own code, and stores no full ID', async () => {
    const cases: [object, number, string, Record<string, string> | undefined][] = [
      [{ name: '王大山', idNumber: '110101196001010012', relationship: 'parent' }, 422, 'VALIDATION', { idNumber: 'ID_CHECKSUM' }],
      [{ name: '', idNumber: '', relationship: '' }, 422, 'VALIDATION', { name: 'REQUIRED', idNumber: 'REQUIRED', relationship: 'REQUIRED' }],
      [{ name: '王大山', idNumber: '110101196001010011', relationship: 'self' }, 422, 'VALIDATION', { relationship: 'UNKNOWN_RELATIONSHIP' }],
      [{ name: '王小朵', idNumber: '110101201501010011', relationship: 'child' }, 422, 'CONSENT_REQUIRED', { guardianConsent: 'CONSENT_REQUIRED' }],
      [{ name: '李明', idNumber: '34052419800101001X', relationship: 'other' }, 409, 'PATIENT_IS_SELF', { idNumber: 'PATIENT_IS_SELF' }],
      [{ name: '李小龙', idNumber: '440305201206010070', relationship: 'child' }, 409, 'PATIENT_EXISTS', { idNumber: 'PATIENT_EXISTS' }],
      [{ name: 'x'.repeat(31), idNumber: '110101196001010011', relationship: 'parent' }, 422, 'VALIDATION', { name: 'TOO_LONG' }],
    ];
    for (const [body, status, code, fields] of cases) {
      const answer = await li.send('POST', '/health/patients', body);
      expect([answer.status, answer.body.error?.code, answer.body.error?.fields]).toEqual([status, code, fields]);
    }
    expect((await li.get<PatientsResponse>('/health/patients')).body.items).toHaveLength(3);
    const parent = await li.send<Patient>('POST', '/health/patients', { name: '王大山', idNumber: '110101196001010011', relationship: 'parent' });
    expect(parent.status).toBe(201);
    expect(parent.body).toMatchObject({ name: '王大山', idMasked: '1101**********0011', birth: '1960-01-01', verified: false, relationship: 'parent' });
    const child = await li.send<Patient>('POST', '/health/patients', { name: '王小朵', idNumber: '110101201501010011', relationship: 'child', guardianConsent: true });
    expect(child.body).toMatchObject({ age: 11, relationship: 'child' });
    expectNoIdNumbers(gov.snapshot(), ['110101196001010011', '110101201501010011', '440305201903080023']);
  });

  it('holds at most 5 family members', async () => {
    const ids = ['110101196001010011', '110101196101010019', '110101196201010016'];
    for (const idNumber of ids) expect((await li.send('POST', '/health/patients', { name: '王大山', idNumber, relationship: 'other' })).status).toBe(201);
    const sixth = await li.send('POST', '/health/patients', { name: '王大山', idNumber: '110101196301010013', relationship: 'other' });
    expect([sixth.status, sixth.body.error?.code]).toEqual([409, 'PATIENT_LIMIT']);
  });

  it('removes a family member only without upcoming bookings, and only from the person\'s own list', async () => {
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    expect((await wang.send('DELETE', '/health/patients/fm-r02-son')).status).toBe(404);
    expect((await li.send('DELETE', '/health/patients/self')).status).toBe(404);
    const slot = (await slots(li, `${PAEDIATRICS}-1`)).find((s) => s.remaining > 0);
    expect(slot).toBeDefined();
    const booked = await book(li, slot?.id ?? '', 'fm-r02-daughter', PAEDIATRICS);
    expect(booked.status).toBe(201);
    const refused = await li.send('DELETE', '/health/patients/fm-r02-daughter');
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'PATIENT_HAS_BOOKINGS']);
    expect((await li.send('POST', `/health/bookings/${booked.body.id}/cancel`)).status).toBe(200);
    expect((await li.send('DELETE', '/health/patients/fm-r02-daughter')).body).toEqual({ removed: true });
    expect((await li.get<PatientsResponse>('/health/patients')).body.items.map((p) => p.id)).toEqual(['self', 'fm-r02-son']);
    // The booking still reads by the name it was made for.
    expect((await li.get<Booking>(`/health/bookings/${booked.body.id}`)).body.patient.name).toBe('李小雨');
  });
});

describe('health agency: booking rules', () => {
  let gov: TestGovernment;
  let li: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
  });

  it('books a slot for the person, holds it unpaid, and books it once the fee is paid', async () => {
    const slot = (await slots(li))[0];
    const held = await book(li, slot.id);
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'pending-payment', slotId: slot.id, date: slot.date, start: slot.start, feeFen: 5000, canCancel: true, reference: expect.stringMatching(/^GH/) });
    expect(held.body.holdUntil).toBe(gov.clock.now() + 30 * 60 * 1000);
    expect(await remainingOf(li, slot.id)).toBe(slot.remaining - 1);
    const paid = await pay(gov, li, held.body);
    expect(paid).toMatchObject({ status: 'booked', holdUntil: null, paidAt: gov.clock.now() });
    expect(paid.cancelUntil).toBe(cstMidnight(cstParts(Date.parse(`${slot.date}T12:00:00+08:00`))));
    const records = (await li.get<RecordsResponse>('/records')).body.items.map((r) => r.kind);
    expect(records).toEqual(expect.arrayContaining(['booking', 'booking-fee']));
  });

  it('answers each wrong booking with its own code and changes nothing', async () => {
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const free = await slots(li);
    const soon = free.find((s) => s.ahead <= 7);
    const last = free.filter((s) => s.ahead >= 8).at(-1);
    expect(soon && last).toBeTruthy();
    const other = (await slots(li, 'h1-respiratory-1'))[0];
    const cases: [object, number, string][] = [
      [{ slotId: shifted(soon?.id ?? '', -7), departmentId: DEPARTMENT, patientId: 'self' }, 422, 'DATE_PAST'],
      [{ slotId: shifted(last?.id ?? '', 7), departmentId: DEPARTMENT, patientId: 'self' }, 422, 'DATE_TOO_FAR'],
      [{ slotId: other.id, departmentId: DEPARTMENT, patientId: 'self' }, 422, 'SLOT_NOT_IN_DEPARTMENT'],
      [{ slotId: `${DOCTOR}.20261201.a99`, departmentId: DEPARTMENT, patientId: 'self' }, 422, 'SLOT_NOT_FOUND'],
      [{ slotId: 'h9-nowhere-1.20261201.a1', departmentId: DEPARTMENT, patientId: 'self' }, 422, 'SLOT_NOT_FOUND'],
      [{ slotId: soon?.id, departmentId: DEPARTMENT, patientId: 'fm-r02-son' }, 422, 'PATIENT_NOT_FOUND'],
      [{ slotId: soon?.id, departmentId: DEPARTMENT, patientId: 'fm-nobody' }, 422, 'PATIENT_NOT_FOUND'],
      [{ slotId: soon?.id, departmentId: DEPARTMENT }, 422, 'VALIDATION'],
      [{ slotId: 'x'.repeat(5000), departmentId: DEPARTMENT, patientId: 'self' }, 422, 'VALIDATION'],
    ];
    const before = gov.snapshot();
    for (const [body, status, code] of cases) {
      const answer = await wang.send('POST', '/health/bookings', body);
      expect([answer.status, answer.body.error?.code]).toEqual([status, code]);
    }
    expect(gov.snapshot()).toBe(before);
    // Today's date: the same weekday a week before a day in the window.
    const today = free.find((s) => s.ahead === 7);
    if (today) expect((await book(wang, shifted(today.id, -7))).body.error?.code).toBe('DATE_TOO_SOON');
    const huge = await gov.government.handle({ method: 'POST', path: '/health/bookings', headers: { authorization: `Bearer ${await verifiedToken(gov.government, 'r03')}`, 'idempotency-key': 'huge' }, body: JSON.stringify({ slotId: 'a', pad: 'x'.repeat(70 * 1024) }) });
    expect(huge.status).toBe(413);
  });

  it('keeps one booking per patient per department per day, and keeps paediatrics for children', async () => {
    const all = await slots(li);
    const day = all.filter((s) => s.ahead === all[0].ahead);
    expect((await book(li, day[0].id)).status).toBe(201);
    const second = await book(li, day[1].id);
    expect([second.status, second.body.error?.code, second.body.error?.fields]).toEqual([409, 'ALREADY_BOOKED', { patientId: 'ALREADY_BOOKED' }]);
    // Another patient the same day is fine.
    expect((await book(li, day[1].id, 'fm-r02-son')).status).toBe(201);
    const paeds = (await slots(li, `${PAEDIATRICS}-1`))[0];
    expect((await book(li, paeds.id, 'fm-r02-daughter', PAEDIATRICS)).status).toBe(201);
    const son = await book(li, paeds.id, 'fm-r02-son', PAEDIATRICS);
    expect([son.status, son.body.error?.code, son.body.error?.fields]).toEqual([422, 'AGE_RULE', { patientId: 'AGE_RULE' }]);
    expect((await book(li, paeds.id, 'self', PAEDIATRICS)).body.error?.code).toBe('AGE_RULE');
  });

  it('holds at most 3 unpaid bookings per person', async () => {
    const doctors = ['h1-cardiology-1', 'h1-respiratory-1', 'h1-neurology-1', 'h1-gastroenterology-1'];
    const answers = [];
    for (const doctorId of doctors) {
      const slot = (await slots(li, doctorId))[0];
      answers.push(await book(li, slot.id, 'self', doctorId.replace(/-\d+$/, '')));
    }
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 409]);
    expect(answers[3].body.error?.code).toBe('PENDING_LIMIT');
  });

  it('gives the last place to exactly one of two bookings sent at once, and "just taken" to the other', async () => {
    const [wang, chen, zhang] = await Promise.all(['r01', 'r03', 'r04'].map(async (key) => caller(gov, await verifiedToken(gov.government, key))));
    const slot = (await slots(li))[0];
    if (slot.remaining === 2) expect((await book(wang, slot.id)).status).toBe(201);
    expect(await remainingOf(li, slot.id)).toBe(1);
    const both = await Promise.all([book(chen, slot.id), book(zhang, slot.id)]);
    expect(both.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(both.find((a) => a.status === 409)?.body.error?.code).toBe('SLOT_FULL');
    expect(await remainingOf(li, slot.id)).toBe(0);
    const all = await Promise.all([chen, zhang].map(async (who) => (await who.get<BookingsResponse>('/health/bookings')).body.upcoming.length));
    expect(all.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('answers a replay with the same booking, and a changed body under the same key with a refusal', async () => {
    const slot = (await slots(li))[0];
    const first = await book(li, slot.id, 'self', DEPARTMENT, 'same-key');
    const again = await book(li, slot.id, 'self', DEPARTMENT, 'same-key');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const changed = await book(li, (await slots(li))[3].id, 'self', DEPARTMENT, 'same-key');
    expect(changed.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await li.get<BookingsResponse>('/health/bookings')).body.upcoming).toHaveLength(1);
  });

  it('shows another person\'s booking to nobody: the same answer as an unknown id, and nothing changes', async () => {
    const held = (await book(li, (await slots(li))[0].id)).body;
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const unknown = await wang.get(`/health/bookings/bk-0000000000`);
    const theirs = await wang.get(`/health/bookings/${held.id}`);
    expect(theirs).toEqual(unknown);
    expect(theirs.status).toBe(404);
    const before = gov.snapshot();
    expect((await wang.send('POST', `/health/bookings/${held.id}/cancel`)).status).toBe(404);
    expect((await wang.send('POST', `/health/bookings/${held.id}/reminder`, { result: 'reject' })).status).toBe(404);
    const order = await wang.send('POST', '/payments/orders', { items: [{ agency: 'health', itemId: held.id }], totalFen: held.feeFen });
    expect(order.status).toBeGreaterThanOrEqual(400);
    expect(order.status).toBeLessThan(500);
    expect(gov.snapshot()).toBe(before);
  });

  it('lets an unpaid hold lapse after 30 minutes and gives the place back', async () => {
    const slot = (await slots(li))[0];
    const held = (await book(li, slot.id)).body;
    gov.clock.advance(30 * 60 * 1000 + 1);
    expect((await li.get<Booking>(`/health/bookings/${held.id}`)).body).toMatchObject({ status: 'lapsed', canCancel: false, cancelBlockedBy: 'not-upcoming' });
    expect(await remainingOf(li, slot.id)).toBe(slot.remaining);
    expect((await li.get<BookingsResponse>('/health/bookings')).body.past.map((b) => b.id)).toEqual([held.id]);
  });

  it('survives a restart in the middle: the held place and the booking are still there', async () => {
    const slot = (await slots(li))[0];
    const held = (await book(li, slot.id)).body;
    const restarted = createGovernment({ clock: gov.clock, seed: 7, secret: 'test-secret', storage: memoryStorage(new Map(gov.stored)), config: { exposeSmsCode: true } });
    const again = caller({ ...gov, government: restarted }, await verifiedToken(restarted, 'r02'));
    expect((await again.get<Booking>(`/health/bookings/${held.id}`)).body.status).toBe('pending-payment');
    expect(await remainingOf(again, slot.id)).toBe(slot.remaining - 1);
  });
});

describe('health agency: cancelling, visits and the no-show block', () => {
  let gov: TestGovernment;
  let li: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
  });

  it('cancels free before 00:00 CST of the visit day, refunds the fee and frees the place at once', async () => {
    const slot = (await slots(li))[0];
    const paid = await pay(gov, li, (await book(li, slot.id)).body);
    const cancelled = await li.send<Booking>('POST', `/health/bookings/${paid.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', canCancel: false, refund: { amountFen: 5000, reference: expect.stringMatching(/^RFD/) } });
    expect(await remainingOf(li, slot.id)).toBe(slot.remaining);
    const again = await li.send('POST', `/health/bookings/${paid.id}/cancel`);
    expect([again.status, again.body.error?.code]).toEqual([409, 'NOT_CANCELLABLE']);
    expect((await li.get<RecordsResponse>('/records')).body.items.map((r) => r.kind)).toContain('refund');
  });

  it('refuses to cancel from 00:00 CST of the visit day, and says why on the booking', async () => {
    const slot = (await slots(li)).find((s) => s.ahead === 2);
    const paid = await pay(gov, li, (await book(li, slot?.id ?? '')).body);
    gov.clock.set(paid.cancelUntil - 1);
    expect((await li.get<Booking>(`/health/bookings/${paid.id}`)).body.canCancel).toBe(true);
    gov.clock.set(paid.cancelUntil);
    expect((await li.get<Booking>(`/health/bookings/${paid.id}`)).body).toMatchObject({ canCancel: false, cancelBlockedBy: 'too-late', status: 'booked' });
    const late = await li.send('POST', `/health/bookings/${paid.id}/cancel`);
    expect([late.status, late.body.error?.code]).toEqual([409, 'CANCEL_TOO_LATE']);
  });

  it('turns past visits into attended or missed as the clock passes them', async () => {
    const booked: Booking[] = [];
    for (const doctorId of ['h1-cardiology-1', 'h1-respiratory-1', 'h1-neurology-1']) {
      const slot = (await slots(li, doctorId))[0];
      booked.push(await pay(gov, li, (await book(li, slot.id, 'self', doctorId.replace(/-\d+$/, ''))).body));
    }
    gov.clock.advance(15 * DAY_MS);
    const list = (await li.get<BookingsResponse>('/health/bookings')).body;
    expect(list.upcoming).toHaveLength(0);
    expect(list.past.map((b) => b.status).every((s) => s === 'attended' || s === 'no-show')).toBe(true);
    expect(list.past.map((b) => b.id).sort()).toEqual(booked.map((b) => b.id).sort());
  });

  it('blocks a resident with 3 no-shows in 90 days for 30 days: every patient-facing view says until when', async () => {
    const huang = caller(gov, await verifiedToken(gov.government, 'r09'));
    const list = (await huang.get<BookingsResponse>('/health/bookings')).body;
    expect(list.block).toEqual({ until: '2026-12-16', noShows: ['2026-10-03', '2026-10-28', '2026-11-16'] });
    expect(list.past.map((b) => b.status)).toEqual(['no-show', 'no-show', 'no-show']);
    expect((await huang.get<PatientsResponse>('/health/patients')).body.items[0].block?.until).toBe('2026-12-16');
    const slot = (await slots(huang))[0];
    const refused = await book(huang, slot.id);
    expect([refused.status, refused.body.error?.code, refused.body.error?.fields]).toEqual([403, 'NO_SHOW_BLOCKED', { patientId: 'NO_SHOW_BLOCKED' }]);
    gov.clock.set(Date.parse('2026-12-16T00:00:00+08:00'));
    expect((await huang.get<BookingsResponse>('/health/bookings')).body.block).toBeNull();
    expect((await book(huang, (await slots(huang))[0].id)).status).toBe(201);
  });

  it('shows r01 a past visit, attended', async () => {
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const list = (await wang.get<BookingsResponse>('/health/bookings')).body;
    expect(list.past.map((b) => [b.status, b.date])).toEqual([['attended', '2026-10-23']]);
    expect(list.block).toBeNull();
  });
});

describe('health agency: reminders', () => {
  it('records the subscription and, for testers, when and what the message will be', async () => {
    const gov = createTestGovernment(createClock());
    const li = caller(gov, await verifiedToken(gov.government, 'r02'));
    const slot = (await slots(li)).find((s) => s.ahead === 3);
    const paid = await pay(gov, li, (await book(li, slot?.id ?? '')).body);
    expect(paid.reminder).toEqual({ status: 'none', sendAt: null, sent: false, preview: null });
    const missing = await li.send('POST', `/health/bookings/${paid.id}/reminder`, { result: 'accept' });
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION', fields: { templateId: 'REQUIRED' } });
    const on = (await li.send<Booking>('POST', `/health/bookings/${paid.id}/reminder`, { result: 'accept', templateId: 'T8cZ3bookingReminder01' })).body;
    expect(on.reminder.status).toBe('subscribed');
    expect(on.reminder.sendAt).toBe(Date.parse(`${slot?.date}T09:00:00+08:00`) - DAY_MS);
    expect(on.reminder.sent).toBe(false);
    expect(on.reminder.preview?.zh).toContain('明天');
    expect(on.reminder.preview?.en).toContain(on.start);
    gov.clock.set(on.reminder.sendAt ?? 0);
    expect((await li.get<Booking>(`/health/bookings/${paid.id}`)).body.reminder.sent).toBe(true);
    const off = (await li.send<Booking>('POST', `/health/bookings/${paid.id}/reminder`, { result: 'reject' })).body;
    expect(off.reminder).toEqual({ status: 'declined', sendAt: null, sent: false, preview: null });
    expect((await li.send('POST', `/health/bookings/${paid.id}/reminder`, { result: 'maybe' })).body.error?.fields).toEqual({ result: 'UNKNOWN_RESULT' });
  });
});
