// Passport applications as applicants meet them: the photo checked from its bytes, eligibility (a valid
// passport held, a renewal, an open application), an application held while its fee is paid, attended and
// ready by the working-day calendar (a weekend, the Spring Festival and its make-up day), the validity at
// the 16th birthday in CST, cancelling until the day before with the refund, a payment that failed and
// was made again, another time chosen, and deleting one's data.
import type {
  ExitEntryDaysResponse,
  ExitEntryOfficesResponse,
  PassportApplication,
  PassportApplicationRequest,
  PassportApplicationsResponse,
  PassportEligibilityResponse,
  PhotoResponse,
} from '../../miniprogram/contracts/passport';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { readJpegFrame } from '../../miniprogram/agencies/exit-entry/photo';
import { encodeBase64 } from '../../miniprogram/mock/base64';
import { TEST_NOW, createClock, createTestGovernment, payOrder, verifiedToken, type TestGovernment } from '../helpers/government';
import { goodPhoto, jpegPhoto, pngFile } from '../helpers/photos';
import { call, request, type Answer } from '../packages/civil/helpers';

const OFFICE = 'gz-yuexiu';
const cst = (text: string): number => Date.parse(`${text}+08:00`);

let keys = 0;
/** Uploads a photo's bytes as the app's upload would (the file in the form field "photo"). */
async function upload(gov: TestGovernment, token: string, bytes: Uint8Array, key = `photo-${(keys += 1)}`): Promise<Answer<PhotoResponse>> {
  return (await gov.government.handle({
    method: 'POST',
    path: '/exit-entry/photos',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: '{}',
    file: { field: 'photo', base64: encodeBase64(bytes) },
  })) as Answer<PhotoResponse>;
}

async function photoId(gov: TestGovernment, token: string): Promise<string> {
  const res = await upload(gov, token, goodPhoto());
  if (res.status !== 201) throw new Error(`upload: ${JSON.stringify(res.body)}`);
  return res.body.photo.id;
}

const applicationBody = (photo: string, date: string, more: Partial<PassportApplicationRequest> = {}): PassportApplicationRequest => ({
  kind: 'first', photoId: photo, officeId: OFFICE, date, window: 'am1', collection: 'in-person', declaration: true, ...more,
});

async function apply(gov: TestGovernment, token: string, date: string, more: Partial<PassportApplicationRequest> = {}): Promise<PassportApplication> {
  return call<PassportApplication>(gov, token, 'POST', '/exit-entry/applications', applicationBody(await photoId(gov, token), date, more));
}

async function pay(gov: TestGovernment, token: string, app: PassportApplication): Promise<PassportApplication> {
  const order = await request<PaymentOrder>(gov, token, 'POST', '/payments/orders', { items: [{ agency: 'exit-entry', itemId: app.id }], totalFen: app.feeFen });
  expect(order.status).toBe(201);
  await payOrder(gov, order.body);
  return call<PassportApplication>(gov, token, 'GET', `/exit-entry/applications/${app.id}`);
}

const eligibility = (gov: TestGovernment, token: string, kind: 'first' | 'renewal') => call<PassportEligibilityResponse>(gov, token, 'GET', `/exit-entry/eligibility?kind=${kind}`);
const remaining = async (gov: TestGovernment, token: string, date: string, window = 'am1', office = OFFICE): Promise<number | undefined> =>
  (await call<ExitEntryDaysResponse>(gov, token, 'GET', `/exit-entry/offices/${office}/days`)).days.find((d) => d.date === date)?.windows.find((w) => w.id === window)?.remaining;

describe('passport applications: the whole way', () => {
  let gov: TestGovernment;
  let zhang: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    zhang = await verifiedToken(gov.government, 'r04');
  });

  it('a first passport: eligible, photo, application held, fee paid, attended, ready with its validity, then on the register', async () => {
    expect(await eligibility(gov, zhang, 'first')).toEqual({ kind: 'first', ineligible: [], held: null, validityYears: 10, ageToday: 21, guardianNeeded: false, feeFen: 12000 });
    const offices = (await call<ExitEntryOfficesResponse>(gov, zhang, 'GET', '/exit-entry/offices')).items;
    expect(offices.map((o) => o.id)).toEqual(['gz-tianhe', 'gz-yuexiu', 'sz-futian', 'fs-chancheng', 'bj-chaoyang']);
    expect(new Set(offices.map((o) => o.city.en))).toEqual(new Set(['Guangzhou', 'Shenzhen', 'Foshan', 'Beijing']));

    // Sunday 2026-11-22: the 14 days from Monday the 23rd, weekends closed.
    const { days } = await call<ExitEntryDaysResponse>(gov, zhang, 'GET', `/exit-entry/offices/${OFFICE}/days`);
    expect(days).toHaveLength(14);
    expect([days[0].date, days[13].date]).toEqual(['2026-11-23', '2026-12-06']);
    expect(days.filter((d) => d.status === 'closed').map((d) => d.date)).toEqual(['2026-11-28', '2026-11-29', '2026-12-05', '2026-12-06']);
    const friday = days.find((d) => d.date === '2026-11-27');
    expect(friday?.windows.map((w) => w.id)).toEqual(['am1', 'am2', 'pm1', 'pm2']);
    const before = friday?.windows[0].remaining ?? 0;
    expect(before).toBeGreaterThan(0);

    const uploaded = await upload(gov, zhang, goodPhoto());
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.photo).toMatchObject({ bytes: 52 * 1024, width: 390, height: 567, uploadedAt: TEST_NOW, expiresAt: TEST_NOW + 72 * 3600 * 1000 });
    expect(uploaded.body.photo.id).toMatch(/^ph-[0-9a-f]{16}$/);

    const app = await call<PassportApplication>(gov, zhang, 'POST', '/exit-entry/applications', applicationBody(uploaded.body.photo.id, '2026-11-27'));
    expect(app).toMatchObject({
      kind: 'first', renewalReason: null, status: 'payment-due', fee: 'payable', feeFen: 12000, holdUntil: TEST_NOW + 30 * 60 * 1000,
      applicant: { name: '*伟', idMasked: '4401**********0014', sex: 'male' }, validity: { years: 10, ageAtApplication: 21 }, guardianNeeded: false,
      photo: { bytes: 52 * 1024, width: 390, height: 567 }, collection: 'in-person', delivery: null, expiresOn: null, cancellable: true,
      // A Friday appointment: 7 working days skip the weekend, to Tuesday 2026-12-08.
      readyBy: '2026-12-08',
      appointment: { date: '2026-11-27', window: 'am1', start: '09:00', end: '10:30', startsAt: cst('2026-11-27T09:00:00'), cancelUntil: cst('2026-11-26T00:00:00') },
    });
    expect(app.appointment.office.id).toBe(OFFICE);
    expect(app.reference).toMatch(/^CR20261122\d{6}$/);
    expect(app.id).toMatch(/^pp-[0-9a-f]{16}$/);
    expect(await remaining(gov, zhang, '2026-11-27')).toBe(before - 1);

    const paid = await pay(gov, zhang, app);
    expect([paid.status, paid.fee, paid.holdUntil, paid.events.map((e) => e.kind)]).toEqual(['booked', 'paid', null, ['applied', 'paid']]);
    const records = (await call<RecordsResponse>(gov, zhang, 'GET', '/records')).items;
    expect(records.find((r) => r.kind === 'passport-application')?.detail).toEqual({ applicationId: app.id, date: '2026-11-27', start: '09:00' });
    expect(records.filter((r) => r.kind === 'passport-fee')).toHaveLength(1);
    expect((await eligibility(gov, zhang, 'first')).ineligible).toEqual([{ code: 'APPLICATION_OPEN', applicationId: app.id }]);

    gov.clock.set(cst('2026-11-27T10:30:00'));
    const attended = await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`);
    expect([attended.status, attended.cancellable, attended.events.map((e) => e.kind)]).toEqual(['processing', false, ['applied', 'paid', 'attended']]);
    gov.clock.set(cst('2026-12-08T16:59:59'));
    expect((await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`)).status).toBe('processing');
    gov.clock.set(cst('2026-12-08T17:00:00'));
    const ready = (await call<PassportApplicationsResponse>(gov, zhang, 'GET', '/exit-entry/applications')).items;
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ status: 'ready', expiresOn: '2036-12-07', fee: 'paid' });
    expect(ready[0].passportNumberMasked).toMatch(/^E\*{4}\d{4}$/);
    expect(ready[0].events.map((e) => [e.kind, e.at])).toEqual([['applied', TEST_NOW], ['paid', expect.any(Number)], ['attended', cst('2026-11-27T10:30:00')], ['ready', cst('2026-12-08T17:00:00')]]);

    // The new passport is on the register: a first application now is refused, a renewal is open.
    const first = await eligibility(gov, zhang, 'first');
    expect(first.ineligible).toEqual([{ code: 'HOLDS_VALID_PASSPORT' }]);
    expect(first.held).toEqual({ numberMasked: ready[0].passportNumberMasked, issuedOn: '2026-12-08', expiresOn: '2036-12-07', valid: true });
    expect((await eligibility(gov, zhang, 'renewal')).ineligible).toEqual([]);
  });

  it('delivery by EMS: the address is checked and the answer masks the recipient and mobile; ready means dispatched', async () => {
    const delivery = { recipient: '张伟', mobile: '138 0000 0004', address: '广东省广州市天河区天河北路 618 号 1201 房' };
    const app = await apply(gov, zhang, '2026-11-24', { collection: 'delivery', delivery });
    expect(app.delivery).toEqual({ recipient: '*伟', mobile: '138****0004', address: delivery.address });
    await pay(gov, zhang, app);
    gov.clock.set(cst(`${app.readyBy}T17:00:00`));
    const ready = await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`);
    expect(ready.events.slice(-2).map((e) => e.kind)).toEqual(['ready', 'dispatched']);
  });

  it('counts 7 working days past the Spring Festival holiday, onto its Saturday make-up day', async () => {
    gov.clock.set(cst('2027-01-25T10:00:00'));
    // More than 30 days on: the session ended, so verify again.
    const token = await verifiedToken(gov.government, 'r04');
    const { days } = await call<ExitEntryDaysResponse>(gov, token, 'GET', `/exit-entry/offices/${OFFICE}/days`);
    const status = (date: string) => days.find((d) => d.date === date)?.status;
    // Sunday 2027-01-31 is a make-up working day; 6 to 13 February are the holiday.
    expect(status('2027-01-31')).not.toBe('closed');
    expect(['2027-02-06', '2027-02-07', '2027-02-08'].map(status)).toEqual(['closed', 'closed', 'closed']);
    expect(days.map((d) => d.date).slice(-1)).toEqual(['2027-02-08']);
    // Thursday 4 February: Friday the 5th, then the 15th to the 19th, then Saturday the 20th (make-up).
    const app = await apply(gov, token, '2027-02-04');
    expect(app.readyBy).toBe('2027-02-20');
  });

  it('gives 5 years to an applicant under 16 and 10 from the 16th birthday, at midnight CST', async () => {
    // 李小龙 (r10) was born on 2012-06-01: 16 at 00:00 CST on 2028-06-01, which is 16:00 UTC on 31 May.
    gov.clock.set(Date.parse('2028-05-31T15:59:59Z'));
    const li = await verifiedToken(gov.government, 'r10');
    expect(await eligibility(gov, li, 'first')).toMatchObject({ validityYears: 5, ageToday: 15, guardianNeeded: true });
    const { days } = await call<ExitEntryDaysResponse>(gov, li, 'GET', `/exit-entry/offices/${OFFICE}/days`);
    // Two days ahead at least, so that it can still be cancelled (until 00:00 CST of the day before).
    const open = days.slice(1).find((d) => d.status === 'available' || d.status === 'few');
    const young = await apply(gov, li, open?.date ?? '');
    expect([young.validity, young.guardianNeeded]).toEqual([{ years: 5, ageAtApplication: 15 }, true]);
    expect((await request(gov, li, 'POST', `/exit-entry/applications/${young.id}/cancel`)).status).toBe(200);

    gov.clock.set(Date.parse('2028-05-31T16:00:00Z'));
    expect(await eligibility(gov, li, 'first')).toMatchObject({ validityYears: 10, ageToday: 16, guardianNeeded: false });
    const adult = await apply(gov, li, open?.date ?? '', { window: 'pm1' });
    expect([adult.validity, adult.guardianNeeded]).toEqual([{ years: 10, ageAtApplication: 16 }, false]);
    gov.clock.set(cst(`${adult.readyBy}T17:00:00`));
    // Unpaid, its appointment passed: missed, never ready.
    expect((await call<PassportApplication>(gov, li, 'GET', `/exit-entry/applications/${adult.id}`)).status).toBe('missed');
  });
});

describe('passport applications: eligibility', () => {
  let gov: TestGovernment;
  beforeEach(() => {
    gov = createTestGovernment(createClock());
  });

  it('李明 (r02) holds a valid passport: a first application is refused with the passport shown; a renewal is open', async () => {
    const li = await verifiedToken(gov.government, 'r02');
    const first = await eligibility(gov, li, 'first');
    expect(first).toMatchObject({ ineligible: [{ code: 'HOLDS_VALID_PASSPORT' }], held: { numberMasked: 'E****5678', issuedOn: '2021-08-20', expiresOn: '2031-08-19', valid: true } });
    expect((await eligibility(gov, li, 'renewal')).ineligible).toEqual([]);
    const refused = await request(gov, li, 'POST', '/exit-entry/applications', applicationBody(await photoId(gov, li), '2026-11-24'));
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'HOLDS_VALID_PASSPORT']);
    const renewal = await apply(gov, li, '2026-11-24', { kind: 'renewal', renewalReason: 'pages-full' });
    expect([renewal.kind, renewal.renewalReason]).toEqual(['renewal', 'pages-full']);
  });

  it('黄敏 (r09) holds an expired passport: she renews; somebody without one is told to apply for a first', async () => {
    const huang = await verifiedToken(gov.government, 'r09');
    const renewal = await eligibility(gov, huang, 'renewal');
    expect(renewal).toMatchObject({ ineligible: [], held: { numberMasked: 'E****2187', expiresOn: '2022-03-04', valid: false }, validityYears: 10, ageToday: 67 });
    const missing = await request(gov, huang, 'POST', '/exit-entry/applications', applicationBody(await photoId(gov, huang), '2026-11-24', { kind: 'renewal' }));
    expect(missing.body.error?.fields).toEqual({ renewalReason: 'REQUIRED' });
    expect((await apply(gov, huang, '2026-11-24', { kind: 'renewal', renewalReason: 'expiring' })).status).toBe('payment-due');

    const zhang = await verifiedToken(gov.government, 'r04');
    expect((await eligibility(gov, zhang, 'renewal')).ineligible).toEqual([{ code: 'NO_PASSPORT_HELD' }]);
    const refused = await request(gov, zhang, 'POST', '/exit-entry/applications', applicationBody(await photoId(gov, zhang), '2026-11-24', { kind: 'renewal', renewalReason: 'other' }));
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'NO_PASSPORT_HELD']);
  });

  it('an open application (payment-due, booked or processing) is named; a second is refused until it is cancelled', async () => {
    const zhang = await verifiedToken(gov.government, 'r04');
    const app = await apply(gov, zhang, '2026-11-24');
    expect((await eligibility(gov, zhang, 'first')).ineligible).toEqual([{ code: 'APPLICATION_OPEN', applicationId: app.id }]);
    const second = await request(gov, zhang, 'POST', '/exit-entry/applications', applicationBody(await photoId(gov, zhang), '2026-11-25'));
    expect([second.status, second.body.error?.code]).toEqual([403, 'APPLICATION_OPEN']);
    await call(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/cancel`);
    expect((await eligibility(gov, zhang, 'first')).ineligible).toEqual([]);
    expect((await request(gov, zhang, 'GET', '/exit-entry/eligibility?kind=second')).body.error?.fields).toEqual({ kind: 'UNKNOWN_KIND' });
    expect((await request(gov, zhang, 'GET', '/exit-entry/eligibility')).body.error?.fields).toEqual({ kind: 'REQUIRED' });
  });
});

describe('passport applications: the photo', () => {
  let gov: TestGovernment;
  let zhang: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    zhang = await verifiedToken(gov.government, 'r04');
  });

  const problem = async (bytes: Uint8Array): Promise<[number, string | undefined]> => {
    const res = await upload(gov, zhang, bytes);
    return [res.status, res.body.error?.fields?.photo];
  };

  it('refuses each problem with its own code, from the bytes', async () => {
    expect(await problem(pngFile(50 * 1024))).toEqual([422, 'PHOTO_NOT_JPEG']);
    expect(await problem(jpegPhoto(390, 567, 30 * 1024 - 1))).toEqual([422, 'PHOTO_TOO_SMALL']);
    expect(await problem(jpegPhoto(390, 567, 80 * 1024 + 1))).toEqual([422, 'PHOTO_TOO_LARGE']);
    expect(await problem(jpegPhoto(567, 390, 52 * 1024))).toEqual([422, 'PHOTO_NOT_PORTRAIT']);
    expect(await problem(jpegPhoto(500, 500, 52 * 1024))).toEqual([422, 'PHOTO_NOT_PORTRAIT']);
    expect(await problem(jpegPhoto(280, 400, 52 * 1024))).toEqual([422, 'PHOTO_LOW_RESOLUTION']);
    // A file cut short: its first segment claims more bytes than there are, and no frame follows.
    const truncated = new Uint8Array(40 * 1024);
    truncated.set(jpegPhoto(390, 567, 30 * 1024).subarray(0, 20));
    truncated.set([0xff, 0xfe, 0xff, 0xff], 20);
    expect(await problem(truncated)).toEqual([422, 'PHOTO_UNREADABLE']);
    // The edges are allowed.
    expect((await upload(gov, zhang, jpegPhoto(390, 567, 30 * 1024))).status).toBe(201);
    expect((await upload(gov, zhang, jpegPhoto(300, 440, 80 * 1024))).status).toBe(201);
    // Nothing refused was kept.
    const record = (gov.government.inspect().agencies['exit-entry'] as { photos: Record<string, unknown> }).photos;
    expect(Object.keys(record)).toHaveLength(2);
  });

  it('keeps the digest and the frame, never the bytes, and drops an unused photo after 72 hours', async () => {
    const uploaded = await upload(gov, zhang, goodPhoto());
    expect(gov.snapshot()?.length ?? 0).toBeLessThan(20 * 1024);
    expect(gov.snapshot()).toContain(uploaded.body.photo.id);
    gov.clock.advance(72 * 3600 * 1000);
    const late = await request(gov, zhang, 'POST', '/exit-entry/applications', applicationBody(uploaded.body.photo.id, '2026-11-27'));
    expect(late.body.error?.fields).toEqual({ photoId: 'PHOTO_NOT_FOUND' });
    // Pruning (at most hourly, on a write) drops it from storage.
    gov.clock.advance(2 * 3600 * 1000);
    await upload(gov, zhang, goodPhoto());
    expect(gov.snapshot()).not.toContain(uploaded.body.photo.id);
  });

  it('a photo used by a passport stays and cannot be used again; one of a cancelled application can', async () => {
    const id = await photoId(gov, zhang);
    const first = await call<PassportApplication>(gov, zhang, 'POST', '/exit-entry/applications', applicationBody(id, '2026-11-24'));
    await call(gov, zhang, 'POST', `/exit-entry/applications/${first.id}/cancel`);
    const second = await call<PassportApplication>(gov, zhang, 'POST', '/exit-entry/applications', applicationBody(id, '2026-11-25'));
    await pay(gov, zhang, second);
    gov.clock.set(cst(`${second.readyBy}T17:00:00`));
    const renewal = await request(gov, zhang, 'POST', '/exit-entry/applications', applicationBody(id, '2026-12-16', { kind: 'renewal', renewalReason: 'other' }));
    expect(renewal.body.error?.fields).toEqual({ photoId: 'PHOTO_USED' });
  });

  it('reads the frame from any SOF marker after other segments and fill bytes, and nothing from a scan first', () => {
    const frame = (marker: number, w: number, h: number) => [0xff, marker, 0, 11, 8, h >> 8, h & 255, w >> 8, w & 255, 1, 1, 0x11, 0];
    const table = [0xff, 0xc4, 0, 4, 0, 0];
    const progressive = Uint8Array.from([0xff, 0xd8, ...table, 0xff, 0xff, ...frame(0xc2, 400, 560), 0xff, 0xd9]);
    expect(readJpegFrame(progressive)).toEqual({ width: 400, height: 560 });
    expect(readJpegFrame(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2, ...frame(0xc0, 400, 560)]))).toBeNull();
    expect(readJpegFrame(Uint8Array.from([0xff, 0xd8, ...frame(0xc0, 0, 560)]))).toBeNull();
    expect(readJpegFrame(Uint8Array.from([0xff, 0xd8, 0xff]))).toBeNull();
    expect(readJpegFrame(pngFile(100))).toBeNull();
  });
});

describe('passport applications: paying, another time, cancelling', () => {
  let gov: TestGovernment;
  let zhang: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    zhang = await verifiedToken(gov.government, 'r04');
  });

  it('a payment given up and one that failed leave it payment-due and payable; paying later books it', async () => {
    const app = await apply(gov, zhang, '2026-11-27');
    const order = await request<PaymentOrder>(gov, zhang, 'POST', '/payments/orders', { items: [{ agency: 'exit-entry', itemId: app.id }], totalFen: 12000 });
    expect(order.status).toBe(201);
    // The resident closes WeChat Pay's sheet: nothing is paid.
    expect((await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`)).fee).toBe('payable');
    // 31 minutes on, the hold has lapsed and the order expired: WeChat Pay refuses it; the place is still free.
    gov.clock.advance(31 * 60 * 1000);
    expect(gov.weChatPay.pay(order.body.payParams!)).toMatchObject({ paid: false, reason: 'EXPIRED' });
    const lapsed = await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`);
    expect([lapsed.status, lapsed.fee, lapsed.holdUntil]).toEqual(['payment-due', 'payable', null]);
    const again = await request<PaymentOrder>(gov, zhang, 'POST', '/payments/orders', { items: [{ agency: 'exit-entry', itemId: app.id }], totalFen: 12000 });
    expect(again.status).toBeLessThan(300);
    await payOrder(gov, again.body);
    const paid = await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`);
    expect([paid.status, paid.fee]).toEqual(['booked', 'paid']);
    expect(paid.events.filter((e) => e.kind === 'paid')).toHaveLength(1);
    const paidAgain = await request(gov, zhang, 'POST', '/payments/orders', { items: [{ agency: 'exit-entry', itemId: app.id }], totalFen: 12000 });
    expect(paidAgain.body.error?.code).toBe('ALREADY_PAID');
  });

  it('a lapsed hold past its cancelling deadline is not payable; choosing another time releases the old place and holds the new', async () => {
    // Tomorrow's appointment: its deadline (00:00 today) has passed, so only the 30-minute hold makes it payable.
    const app = await apply(gov, zhang, '2026-11-23');
    // Unpaid, it can still be cancelled (it costs nothing) until the appointment.
    expect([app.fee, app.cancellable]).toEqual(['payable', true]);
    const held23 = await remaining(gov, zhang, '2026-11-23');
    gov.clock.advance(31 * 60 * 1000);
    expect((await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`)).fee).toBe('not-payable');
    const quoted = await request(gov, zhang, 'POST', '/payments/orders', { items: [{ agency: 'exit-entry', itemId: app.id }], totalFen: 12000 });
    expect(quoted.body.error?.code).toBe('NOT_PAYABLE');
    const before = await remaining(gov, zhang, '2026-11-30', 'pm2');
    const moved = await call<PassportApplication>(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/appointment`, { officeId: OFFICE, date: '2026-11-30', window: 'pm2' });
    expect(moved).toMatchObject({ status: 'payment-due', fee: 'payable', readyBy: '2026-12-09', appointment: { date: '2026-11-30', window: 'pm2', start: '15:30' } });
    expect(moved.holdUntil).toBe(gov.clock.now() + 30 * 60 * 1000);
    expect(moved.events.map((e) => e.kind)).toEqual(['applied', 'rebooked']);
    expect(await remaining(gov, zhang, '2026-11-30', 'pm2')).toBe((before ?? 0) - 1);
    expect(await remaining(gov, zhang, '2026-11-23')).toBe((held23 ?? 0) + 1);
    const refused = await request(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/appointment`, { officeId: OFFICE, date: '2026-11-28', window: 'am1' });
    expect(refused.body.error?.fields).toEqual({ date: 'OFFICE_CLOSED' });
    // The refusal changed nothing: the new place is still held.
    expect((await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`)).appointment.date).toBe('2026-11-30');
    await pay(gov, zhang, moved);
    const paid = await request(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/appointment`, { officeId: OFFICE, date: '2026-12-01', window: 'am1' });
    expect([paid.status, paid.body.error?.code]).toEqual([409, 'NOT_REBOOKABLE']);
  });

  it('cancels until 00:00 CST of the day before, refunding a paid fee once and freeing the place', async () => {
    const app = await pay(gov, zhang, await apply(gov, zhang, '2026-11-27'));
    const taken = await remaining(gov, zhang, '2026-11-27');
    gov.clock.set(cst('2026-11-25T23:59:59'));
    const cancelled = await call<PassportApplication>(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/cancel`);
    expect([cancelled.status, cancelled.fee, cancelled.cancellable, cancelled.events.map((e) => e.kind)]).toEqual(['cancelled', 'refunded', false, ['applied', 'paid', 'cancelled', 'refunded']]);
    expect(cancelled.refund).toEqual({ reference: expect.stringMatching(/^RFD/), amountFen: 12000 });
    expect(await remaining(gov, zhang, '2026-11-27')).toBe((taken ?? 0) + 1);
    const again = await request(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/cancel`);
    expect([again.status, again.body.error?.code]).toEqual([409, 'NOT_CANCELLABLE']);
    const records = (await call<RecordsResponse>(gov, zhang, 'GET', '/records')).items;
    expect(records.filter((r) => r.kind === 'refund')).toHaveLength(1);
    expect(gov.weChatPay.inspect().refunds).toHaveLength(1);
  });

  it('lets an unpaid application be cancelled until its appointment, even after the paid deadline', async () => {
    const app = await apply(gov, zhang, '2026-11-27');
    gov.clock.set(cst('2026-11-26T10:00:00'));
    const seen = await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`);
    expect([seen.status, seen.cancellable]).toEqual(['payment-due', true]);
    const cancelled = await call<PassportApplication>(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/cancel`);
    expect([cancelled.status, cancelled.fee, cancelled.refund ?? null]).toEqual(['cancelled', 'not-payable', null]);
    expect(gov.weChatPay.inspect().refunds).toHaveLength(0);
  });

  it('refuses to cancel from 00:00 CST of the day before the appointment', async () => {
    const app = await pay(gov, zhang, await apply(gov, zhang, '2026-11-27'));
    gov.clock.set(cst('2026-11-26T00:00:00'));
    const late = await request(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/cancel`);
    expect([late.status, late.body.error?.code]).toEqual([409, 'TOO_LATE_TO_CANCEL']);
    expect((await call<PassportApplication>(gov, zhang, 'GET', `/exit-entry/applications/${app.id}`))).toMatchObject({ status: 'booked', cancellable: false });
  });

  it('deleting one\'s data cancels an application before its appointment, refunds it and drops the photos', async () => {
    const app = await pay(gov, zhang, await apply(gov, zhang, '2026-11-27'));
    await photoId(gov, zhang);
    const res = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${zhang}`, 'idempotency-key': 'forget' } });
    expect(res.status).toBe(200);
    expect((res.body as { deleted: Record<string, number> }).deleted).toMatchObject({ passportApplications: 1, passportPhotos: 2 });
    const record = gov.government.inspect().agencies['exit-entry'] as { applications: Record<string, { cancelledAt: number | null; refund: unknown }>; photos: Record<string, unknown> };
    expect(record.applications[app.id]).toMatchObject({ cancelledAt: TEST_NOW, refund: { amountFen: 12000 } });
    expect(Object.keys(record.photos)).toHaveLength(0);
    expect(gov.weChatPay.inspect().refunds).toHaveLength(1);
  });

  it('deleting one\'s data keeps an attended application as the register of passports issued, and says so', async () => {
    const app = await pay(gov, zhang, await apply(gov, zhang, '2026-11-27'));
    gov.clock.set(cst('2026-11-30T12:00:00'));
    zhang = await verifiedToken(gov.government, 'r04');
    const res = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${zhang}`, 'idempotency-key': 'forget-kept' } });
    expect(res.status).toBe(200);
    const body = res.body as { deleted: Record<string, number>; kept: { kind: string; count: number; until: number | null }[] };
    expect(body.deleted.passportApplications).toBe(0);
    expect(body.kept).toContainEqual({ kind: 'passport-register', count: 1, until: null });
    const record = gov.government.inspect().agencies['exit-entry'] as { applications: Record<string, { cancelledAt: number | null }> };
    expect(record.applications[app.id].cancelledAt).toBeNull();
  });
});
