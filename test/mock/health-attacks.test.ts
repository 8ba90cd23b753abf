// The attacker's side of /health (a review of issue 9, kept): a missing or forged token, another
// person's ids, odd bodies, replays, money and places (lapsed holds, refunds, hoarding), and the rules
// that must follow the patient, not the account (the no-show block, one booking a department a day).
import type { Booking, BookingsResponse, DoctorResponse, Patient, PatientsResponse } from '../../miniprogram/contracts/health';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { DAY_MS } from '../../miniprogram/core/dates';
import { idCheckChar } from '../../miniprogram/core/validation';
import { createClock, createTestGovernment, expectNoIdNumbers, payOrder, resident, verifiedToken, type TestGovernment } from '../helpers/government';
import { DEPARTMENT, DOCTOR, PAEDIATRICS } from '../packages/hospital/helpers';

type Answer<T = unknown> = { status: number; body: T & { error?: { code: string; fields?: Record<string, string>; message?: string } } };

let keys = 0;
function caller(gov: Pick<TestGovernment, 'government'>, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    token,
    get: async <T>(path: string, query?: Record<string, string>) => (await gov.government.handle({ method: 'GET', path, query, headers })) as Answer<T>,
    send: async <T>(method: 'POST' | 'DELETE', path: string, body?: unknown, key = `rv-${(keys += 1)}`) =>
      (await gov.government.handle({ method, path, headers: { ...headers, 'idempotency-key': key }, body: body === undefined ? undefined : JSON.stringify(body) })) as Answer<T>,
    raw: async (method: 'POST' | 'DELETE', path: string, body: string, key = `rv-${(keys += 1)}`) =>
      (await gov.government.handle({ method, path, headers: { ...headers, 'idempotency-key': key }, body })) as Answer,
  };
}
type Caller = ReturnType<typeof caller>;

async function freeSlots(who: Caller, doctorId = DOCTOR) {
  const doctor = (await who.get<DoctorResponse>(`/health/doctors/${doctorId}`)).body;
  return doctor.days.flatMap((day) => day.slots.filter((slot) => slot.remaining > 0).map((slot) => ({ ...slot, date: day.date, ahead: day.ahead })));
}

const book = (who: Caller, slotId: string, patientId = 'self', departmentId = DEPARTMENT, key?: string) =>
  who.send<Booking>('POST', '/health/bookings', { slotId, departmentId, patientId }, key);

const order = (who: Caller, booking: Pick<Booking, 'id' | 'feeFen'>) =>
  who.send<PaymentOrder>('POST', '/payments/orders', { items: [{ agency: 'health', itemId: booking.id }], totalFen: booking.feeFen });

async function pay(gov: TestGovernment, who: Caller, booking: Booking): Promise<Booking> {
  const made = await order(who, booking);
  expect(made.status).toBeLessThan(300);
  await payOrder(gov, made.body);
  return (await who.get<Booking>(`/health/bookings/${booking.id}`)).body;
}

const departmentOf = (doctorId: string): string => doctorId.replace(/-\d+$/, '');

/** Verifies a person who is not in the population register (any valid ID), as identity allows. */
async function verifyNewcomer(gov: TestGovernment, name: string, idNumber: string, mobile: string): Promise<string> {
  const started = await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
  const token = (started.body as { token: string }).token;
  const headers = { authorization: `Bearer ${token}` };
  const sms = await gov.government.handle({ method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile }) });
  const smsCode = (sms.body as { devCode: string }).devCode;
  const verified = await gov.government.handle({ method: 'POST', path: '/identity/verify', headers, body: JSON.stringify({ name, idNumber, mobile, smsCode }) });
  if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
  return token;
}

const HEALTH_ROUTES: [method: 'GET' | 'POST' | 'DELETE', path: string][] = [
  ['GET', '/health/hospitals'],
  ['GET', '/health/hospitals/h1'],
  ['GET', `/health/departments/${DEPARTMENT}`],
  ['GET', `/health/doctors/${DOCTOR}`],
  ['GET', '/health/search'],
  ['GET', '/health/patients'],
  ['POST', '/health/patients'],
  ['DELETE', '/health/patients/fm-r02-son'],
  ['GET', '/health/bookings'],
  ['POST', '/health/bookings'],
  ['GET', '/health/bookings/bk-seed-r01a'],
  ['POST', '/health/bookings/bk-seed-r01a/cancel'],
  ['POST', '/health/bookings/bk-seed-r01a/reminder'],
];

describe('health attacks: authentication on every /health endpoint', () => {
  it.each(HEALTH_ROUTES)('%s %s: 401 without a token and with a forged one, 403 for an unverified session, nothing stored', async (method, path) => {
    const gov = createTestGovernment(createClock());
    await verifiedToken(gov.government, 'r02');
    const before = gov.snapshot();
    const body = method === 'GET' ? undefined : JSON.stringify({ slotId: 'x', departmentId: 'y', patientId: 'self', name: '王大山', idNumber: '110101196001010011', relationship: 'parent', result: 'reject' });
    const none = await gov.government.handle({ method, path, body });
    const forged = await gov.government.handle({ method, path, body, headers: { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'idempotency-key': 'f' } });
    const mangled = await gov.government.handle({ method, path, body, headers: { authorization: 'Token abc' } });
    const started = await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
    const sessionOnly = (started.body as { token: string }).token;
    const afterSession = gov.snapshot();
    const unverified = await gov.government.handle({ method, path, body, headers: { authorization: `Bearer ${sessionOnly}`, 'idempotency-key': 'u' } });
    expect([none.status, forged.status, mangled.status, unverified.status]).toEqual([401, 401, 401, 403]);
    expect(before).toBeDefined();
    expect(gov.snapshot()).toBe(afterSession);
  });
});

describe('health attacks: another person\'s ids', () => {
  let gov: TestGovernment;
  let li: Caller;
  let wang: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
    wang = caller(gov, await verifiedToken(gov.government, 'r01'));
  });

  it('r01 cannot book, remove, pay for or read r02\'s family members or bookings, and nothing changes', async () => {
    const held = (await book(li, (await freeSlots(li))[0].id)).body;
    const before = gov.snapshot();
    const slot = (await freeSlots(wang, `${PAEDIATRICS}-1`))[0];
    expect((await book(wang, slot.id, 'fm-r02-daughter', PAEDIATRICS)).body.error?.code).toBe('PATIENT_NOT_FOUND');
    expect((await wang.send('DELETE', '/health/patients/fm-r02-daughter')).status).toBe(404);
    expect((await wang.send('POST', `/health/bookings/${held.id}/cancel`)).status).toBe(404);
    expect((await wang.send('POST', `/health/bookings/${held.id}/reminder`, { result: 'accept', templateId: 'T' })).status).toBe(404);
    expect((await wang.get(`/health/bookings/${held.id}`)).status).toBe(404);
    expect((await wang.get('/health/bookings/bk-seed-r09a')).status).toBe(404);
    expect((await order(wang, held)).status).toBe(404);
    const list = JSON.stringify((await wang.get('/health/bookings')).body) + JSON.stringify((await wang.get('/health/patients')).body);
    expect(list).not.toContain('李小雨');
    expect(list).not.toContain(held.id);
    expect(gov.snapshot()).toBe(before);
  });

  it('a slot of another department, a made-up slot, and oddly spelt slot ids are refused', async () => {
    const other = (await freeSlots(li, 'h1-respiratory-1'))[0];
    const mine = (await freeSlots(li))[0];
    const before = gov.snapshot();
    const cases: [string, string][] = [
      [other.id, DEPARTMENT],
      [mine.id, 'h1-respiratory'],
      [mine.id, '__proto__'],
      [mine.id.replace(/\.([ap])(\d)$/, '.$10$2'), 'h1-respiratory'],
      [`__proto__.20261201.a1`, DEPARTMENT],
      [`constructor.20261201.a1`, DEPARTMENT],
      [mine.id.toUpperCase(), DEPARTMENT],
      [`${DOCTOR}.20261301.a1`, DEPARTMENT],
      [`${DOCTOR}.20260230.a1`, DEPARTMENT],
    ];
    for (const [slotId, departmentId] of cases) {
      const answer = await book(li, slotId, 'self', departmentId);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    expect(gov.snapshot()).toBe(before);
  });
});

describe('health attacks: malformed bodies on the writes', () => {
  let gov: TestGovernment;
  let li: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
  });

  const weird: unknown[] = [
    42, 'text', null, [], [1, 2], true, { slotId: 1 }, { slotId: ['a'], departmentId: { a: 1 }, patientId: 7 },
    { slotId: { toString: 'x' }, departmentId: DEPARTMENT, patientId: 'self' },
    { name: 12345, idNumber: 110101196001010000, relationship: ['parent'] },
    { name: { zh: '王' }, idNumber: '110101196001010011', relationship: 'parent', guardianConsent: 'yes' },
    { name: '王'.repeat(10000), idNumber: '1'.repeat(10000), relationship: 'p'.repeat(10000) },
    { name: '\u202e王大山', idNumber: '110101196001010011', relationship: 'parent' },
    { name: '王大山\u0000', idNumber: '110101196001010011', relationship: 'parent' },
    { name: '😀😀', idNumber: '110101196001010011', relationship: 'parent' },
    { result: 7 }, { result: 'accept', templateId: ['x'] }, { result: 'accept', templateId: 'x'.repeat(101) },
    { __proto__: { slotId: 'x' } }, JSON.parse('{"__proto__": {"polluted": 1}, "slotId": "a"}'),
  ];

  it.each(['/health/bookings', '/health/patients', '/health/bookings/BOOKING/reminder', '/health/bookings/BOOKING/cancel'])('POST %s: every odd body is a 4xx, never a 500, and changes nothing', async (template) => {
    const held = (await book(li, (await freeSlots(li))[0].id)).body;
    const path = template.replace('BOOKING', held.id);
    const before = gov.snapshot();
    for (const body of weird) {
      const answer = await li.send('POST', path, body);
      if (path.endsWith('/cancel')) continue; // cancel takes no body: it may succeed; checked below
      expect([answer.status, body]).toEqual([expect.any(Number), body]);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    const notJson = await li.raw('POST', path, '{"slotId": "a",');
    expect(notJson.status).toBeLessThan(500);
    if (!path.endsWith('/cancel')) expect(gov.snapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a family member whose name is only spaces is refused (name: REQUIRED), not added with an empty name', async () => {
    const answer = await li.send<Patient>('POST', '/health/patients', { name: '   ', idNumber: '110101196001010011', relationship: 'parent' });
    expect(answer.status).toBe(422);
    expect(answer.body.error?.fields?.name).toBe('REQUIRED');
    expect((await li.get<PatientsResponse>('/health/patients')).body.items.map((p) => p.name)).not.toContain('');
  });

  it('a resident ID of only spaces is refused (idNumber: REQUIRED), not added as a member with no ID and no birth date', async () => {
    const answer = await li.send<Patient>('POST', '/health/patients', { name: '王大山', idNumber: '   ', relationship: 'parent' });
    expect(answer.status).toBe(422);
    expect(answer.body.error?.fields?.idNumber).toBe('REQUIRED');
  });

  it('own ID with a lower-case x, spaces or tabs is still PATIENT_IS_SELF', async () => {
    const own = resident('r02').idNumber; // ends in X
    for (const variant of [own.toLowerCase(), ` ${own.slice(0, 6)} ${own.slice(6, 14)} ${own.slice(14)} `, `${own.slice(0, 9)}\t${own.slice(9)}`]) {
      expect((await li.send('POST', '/health/patients', { name: '李明', idNumber: variant, relationship: 'other' })).body.error?.code).toBe('PATIENT_IS_SELF');
    }
  });

  it('no answer on /health holds a full resident ID, even with the seeded family and a new member', async () => {
    await li.send('POST', '/health/patients', { name: '王大山', idNumber: '110101196001010011', relationship: 'parent' });
    const paed = (await freeSlots(li, `${PAEDIATRICS}-1`))[0];
    const held = (await book(li, paed.id, 'fm-r02-daughter', PAEDIATRICS)).body;
    const texts = [
      JSON.stringify((await li.get('/health/patients')).body),
      JSON.stringify((await li.get('/health/bookings')).body),
      JSON.stringify((await li.get(`/health/bookings/${held.id}`)).body),
      JSON.stringify((await order(li, held)).body),
    ];
    texts.forEach((t) => expectNoIdNumbers(t, ['110101196001010011', '440305201903080023']));
    expectNoIdNumbers(gov.snapshot(), ['110101196001010011', '440305201903080023']);
  });
});

describe('health attacks: idempotency and replays', () => {
  let gov: TestGovernment;
  let li: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
  });

  it('the same key with a changed patient or on another endpoint is refused, and books nothing more', async () => {
    const slot = (await freeSlots(li))[0];
    expect((await book(li, slot.id, 'self', DEPARTMENT, 'k-same')).status).toBe(201);
    expect((await book(li, slot.id, 'fm-r02-son', DEPARTMENT, 'k-same')).body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await li.send('POST', '/health/patients', { name: '王大山', idNumber: '110101196001010011', relationship: 'parent' }, 'k-same')).body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const list = (await li.get<BookingsResponse>('/health/bookings')).body;
    expect(list.upcoming).toHaveLength(1);
    expect((await li.get<PatientsResponse>('/health/patients')).body.items).toHaveLength(3);
  });

  it('another person replaying my key gets their own answer, never mine', async () => {
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const slot = (await freeSlots(li))[0];
    const mine = await book(li, slot.id, 'self', DEPARTMENT, 'k-shared');
    const theirs = await book(wang, slot.id, 'self', DEPARTMENT, 'k-shared');
    expect(theirs.body.id).not.toBe(mine.body.id);
  });
});

describe('health attacks: money and places', () => {
  let gov: TestGovernment;
  let li: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
  });

  it('a cancelled unpaid booking paid through an order made before the cancel is refunded, not booked', async () => {
    const held = (await book(li, (await freeSlots(li))[0].id)).body;
    const made = (await order(li, held)).body;
    expect((await li.send('POST', `/health/bookings/${held.id}/cancel`)).status).toBe(200);
    await payOrder(gov, made);
    expect((await li.get<Booking>(`/health/bookings/${held.id}`)).body.status).toBe('cancelled');
    expect((await li.get<PaymentOrder>(`/payments/orders/${made.id}`)).body).toMatchObject({ status: 'closed', closedReason: 'refund-due' });
    expect(gov.weChatPay.inspect().refunds).toHaveLength(1);
  });

  it('a lapsed hold paid after someone else took the last place is refunded, and the slot never goes over capacity', async () => {
    const chen = caller(gov, await verifiedToken(gov.government, 'r03'));
    const zhang = caller(gov, await verifiedToken(gov.government, 'r04'));
    const slots = await freeSlots(li);
    const slot = slots.find((s) => s.remaining === 1) ?? slots[0];
    for (let i = 1; i < slot.remaining; i += 1) expect((await book(zhang, slot.id, i === 1 ? 'self' : 'self')).status).toBeLessThan(500);
    const left = async () => (await li.get<DoctorResponse>(`/health/doctors/${DOCTOR}`)).body.days.flatMap((d) => d.slots).find((s) => s.id === slot.id)?.remaining;
    if ((await left()) !== 1) return; // could not set up a last place with the seed
    const held = (await book(li, slot.id)).body;
    const made = (await order(li, held)).body;
    gov.clock.advance(31 * 60 * 1000);
    expect((await book(chen, slot.id)).status).toBe(201);
    // WeChat Pay still takes the payment: the order's own time has not run out
    const outcome = gov.weChatPay.pay(made.payParams ?? { package: '' });
    if (outcome.paid) await gov.weChatPay.deliver();
    expect((await li.get<Booking>(`/health/bookings/${held.id}`)).body.status).toBe('lapsed');
    expect(await left()).toBe(0);
  });

  it('a lapsed hold cannot be paid on the visit day itself (same-day booking is at the hospital, and it could then not be cancelled)', async () => {
    const slot = (await freeSlots(li)).find((s) => s.ahead === 1 && s.session === 'pm');
    expect(slot).toBeDefined();
    const held = (await book(li, slot?.id ?? '')).body;
    // The hold lapses; the next morning (the visit day, before the visit) the fee is paid.
    gov.clock.set(Date.parse(`${slot?.date}T08:00:00+08:00`));
    const made = await order(li, held);
    if (made.status < 300) await payOrder(gov, made.body);
    const after = (await li.get<Booking>(`/health/bookings/${held.id}`)).body;
    expect([made.status, after.status]).toEqual([409, 'lapsed']);
  });

  it('three holds left to lapse in a day stop new holds until the next day (no hoarding by re-holding)', async () => {
    const doctors = ['fever', 'respiratory', 'cardiology', 'gastroenterology'].map((d) => `h1-${d}-1`);
    const slots: { id: string; dept: string }[] = [];
    for (const doctorId of doctors) {
      const free = (await li.get<DoctorResponse>(`/health/doctors/${doctorId}`)).body.days.flatMap((d) => d.slots).find((s) => s.remaining > 0);
      if (free) slots.push({ id: free.id, dept: departmentOf(doctorId) });
    }
    for (const s of slots.slice(0, 3)) expect((await book(li, s.id, 'self', s.dept)).status).toBe(201);
    gov.clock.advance(31 * 60 * 1000);
    const fourth = await book(li, slots[3].id, 'self', slots[3].dept);
    expect([fourth.status, fourth.body.error?.code]).toEqual([409, 'TOO_MANY_LAPSES']);
    gov.clock.advance(DAY_MS);
    const later = (await li.get<DoctorResponse>('/health/doctors/h1-gastroenterology-1')).body.days.flatMap((d) => d.slots).find((s) => s.remaining > 0);
    expect((await book(li, later?.id ?? '', 'self', 'h1-gastroenterology')).status).toBe(201);
  });

  it('one person cannot hold the same place again and again without paying (a lapsed hold re-held at once, ten times)', async () => {
    const slot = (await freeSlots(li))[0];
    const answers: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      answers.push((await book(li, slot.id)).status);
      gov.clock.advance(30 * 60 * 1000 + 1);
    }
    // Each hold keeps the place from everyone else for 30 minutes: five hours for nothing.
    expect(answers.filter((s) => s === 201).length).toBeLessThan(10);
  });

  it('a refund happens once: a repeated cancel, a replayed cancel and two cancels at once', async () => {
    const paid = await pay(gov, li, (await book(li, (await freeSlots(li))[0].id)).body);
    const both = await Promise.all([li.send<Booking>('POST', `/health/bookings/${paid.id}/cancel`, {}, 'c1'), li.send<Booking>('POST', `/health/bookings/${paid.id}/cancel`, {}, 'c2')]);
    expect(both.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await li.send('POST', `/health/bookings/${paid.id}/cancel`, {}, 'c1')).status).toBe(200);
    expect((await li.send('POST', `/health/bookings/${paid.id}/cancel`)).status).toBe(409);
    expect(gov.weChatPay.inspect().refunds).toHaveLength(1);
    const records = (await li.get<RecordsResponse>('/records')).body.items.filter((r) => r.kind === 'refund');
    expect(records).toHaveLength(1);
    // Paying a cancelled, refunded booking again is refused.
    expect((await order(li, paid)).status).toBe(409);
  });
});

describe('health attacks: the no-show block and the one-per-day rule follow the person, not the account', () => {
  let gov: TestGovernment;
  beforeEach(() => {
    gov = createTestGovernment(createClock());
  });

  it('r09, blocked for no-shows, cannot be booked by a friend who adds her resident ID as a family member', async () => {
    const huang = caller(gov, await verifiedToken(gov.government, 'r09'));
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const slot = (await freeSlots(huang))[0];
    expect((await book(huang, slot.id)).body.error?.code).toBe('NO_SHOW_BLOCKED');
    const added = await wang.send<Patient>('POST', '/health/patients', { name: '黄敏', idNumber: resident('r09').idNumber, relationship: 'other' });
    expect(added.status).toBe(201);
    // The block should show on her row too, and the booking be refused.
    expect(added.body.block).not.toBeNull();
    const dodged = await book(wang, slot.id, added.body.id);
    expect([dodged.status, dodged.body.error?.code]).toEqual([403, 'NO_SHOW_BLOCKED']);
  });

  it('one booking per patient per department per day holds across the patient\'s own account and a parent\'s list (r10 and r02\'s son)', async () => {
    const li = caller(gov, await verifiedToken(gov.government, 'r02'));
    const xiaolong = caller(gov, await verifiedToken(gov.government, 'r10'));
    const day = await freeSlots(li);
    const sameDay = day.filter((s) => s.date === day[0].date);
    expect(sameDay.length).toBeGreaterThanOrEqual(2);
    const his = await book(xiaolong, sameDay[0].id);
    expect(his.status).toBe(201);
    // Another holder's unpaid hold does not lock the patient out, but only one of the two can be paid.
    const fathers = await book(li, sameDay[1].id, 'fm-r02-son');
    expect(fathers.status).toBe(201);
    await pay(gov, xiaolong, his.body);
    const late = await order(li, fathers.body);
    expect([late.status, late.body.error?.code]).toEqual([409, 'NOT_PAYABLE']);
    const third = await book(li, sameDay[1].id, 'fm-r02-son');
    expect([third.status, third.body.error?.code]).toEqual([409, 'ALREADY_BOOKED']);
  });

  it('a stranger who knows a child\'s ID number cannot hold her department-day and lock her parent out', async () => {
    const li = caller(gov, await verifiedToken(gov.government, 'r02'));
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    // Any name, any relationship: nothing checks either against the ID.
    const added = await wang.send<Patient>('POST', '/health/patients', { name: '王小雨', idNumber: '440305201903080023', relationship: 'child', guardianConsent: true });
    expect(added.status).toBe(201);
    const slots = await freeSlots(li, `${PAEDIATRICS}-1`);
    const grief = await book(wang, slots[0].id, added.body.id, PAEDIATRICS);
    expect(grief.status).toBe(201);
    const other = slots.find((s) => s.date === slots[0].date && s.id !== slots[0].id) ?? slots[0];
    const father = await book(li, other.id, 'fm-r02-daughter', PAEDIATRICS);
    // The father, who added her with consent first, is told she is "already booked" by someone he cannot see.
    expect(father.status).toBe(201);
  });

  it('a newcomer blocked for no-shows is blocked again after deleting their data and verifying again', async () => {
    const id17 = '11010119700101003';
    const idNumber = `${id17}${idCheckChar(id17)}`;
    let me = caller(gov, await verifyNewcomer(gov, '钱多多', idNumber, '13900000077'));
    const doctors = ['fever', 'respiratory', 'cardiology', 'gastroenterology', 'neurology', 'endocrinology', 'general-surgery', 'orthopaedics', 'urology', 'ophthalmology'].map((d) => `h1-${d}-1`);
    let blocked = false;
    for (let round = 0; round < 8 && !blocked; round += 1) {
      // Fifteen days a round: signed in again each time (a session lasts 30 days).
      if (round > 0) me = caller(gov, await verifyNewcomer(gov, '钱多多', idNumber, '13900000077'));
      for (const doctorId of doctors) {
        const slot = (await freeSlots(me, doctorId))[0];
        if (!slot) continue;
        const held = await book(me, slot.id, 'self', departmentOf(doctorId));
        if (held.status === 403 && held.body.error?.code === 'NO_SHOW_BLOCKED') {
          blocked = true;
          break;
        }
        if (held.status === 201) await pay(gov, me, held.body);
      }
      gov.clock.advance(15 * DAY_MS);
      const seen = await me.get<BookingsResponse>('/health/bookings');
      blocked = blocked || (seen.status === 200 && seen.body.block !== null);
    }
    expect(blocked).toBe(true);
    me = caller(gov, await verifyNewcomer(gov, '钱多多', idNumber, '13900000077'));
    expect((await me.get<BookingsResponse>('/health/bookings')).body.block).not.toBeNull();
    const erase = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${me.token}`, 'idempotency-key': 'erase' } });
    expect([erase.status, JSON.stringify(erase.body).slice(0, 200)]).toEqual([200, expect.any(String)]);
    me = caller(gov, await verifyNewcomer(gov, '钱多多', idNumber, '13900000077'));
    expect((await me.get<BookingsResponse>('/health/bookings')).body.block).not.toBeNull();
  });
});
