// Review of issue 12, the exit-entry agency as an attacker tries it: forged tokens, another person's
// Idempotency-Key, malformed JPEGs at the byte level, a restart between applying and paying (WeChat Pay's
// notification reaching the government started again), the CST boundaries of attendance and readiness,
// a paid application cancelled twice at once, paying after cancelling, a rebooking refused after the old
// place was released, and what is kept in storage.
import type { ExitEntryDaysResponse, PassportApplication, PhotoResponse } from '../../miniprogram/contracts/passport';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import { createGovernment } from '../../miniprogram/mock/index';
import { encodeBase64 } from '../../miniprogram/mock/base64';
import { createSecureRandom, defaultRandomBytes } from '../../miniprogram/mock/random';
import { createWeChatPay } from '../../miniprogram/mock/wechat-pay';
import { TEST_MERCHANT_KEY, createClock, createTestGovernment, expectNoIdNumbers, memoryStorage, payOrder, verifiedToken, type TestGovernment } from '../helpers/government';
import { goodPhoto, jpegPhoto } from '../helpers/photos';
import { call, request, type Answer, type Gov } from '../packages/civil/helpers';
import { extraResident, idNumber } from '../helpers/residents';

const OFFICE = 'gz-yuexiu';
const DATE = '2026-11-27';
const cst = (text: string): number => Date.parse(`${text}+08:00`);
let keys = 0;

async function upload(gov: Gov, token: string, bytes: Uint8Array, key = `rv-photo-${(keys += 1)}`): Promise<Answer<PhotoResponse>> {
  return (await gov.government.handle({
    method: 'POST', path: '/exit-entry/photos', headers: { authorization: `Bearer ${token}`, 'idempotency-key': key }, body: '{}',
    file: { field: 'photo', base64: encodeBase64(bytes) },
  })) as Answer<PhotoResponse>;
}
const photoCode = async (gov: Gov, token: string, bytes: Uint8Array): Promise<[number, string | undefined]> => {
  const res = await upload(gov, token, bytes);
  return [res.status, res.body.error?.fields?.photo ?? res.body.error?.code];
};
async function apply(gov: Gov, token: string, more: Record<string, unknown> = {}): Promise<PassportApplication> {
  const photo = (await upload(gov, token, goodPhoto())).body.photo.id;
  return call<PassportApplication>(gov, token, 'POST', '/exit-entry/applications', { kind: 'first', photoId: photo, officeId: OFFICE, date: DATE, window: 'am1', collection: 'in-person', declaration: true, ...more });
}
const order = (gov: Gov, token: string, app: PassportApplication) =>
  request<PaymentOrder>(gov, token, 'POST', '/payments/orders', { items: [{ agency: 'exit-entry', itemId: app.id }], totalFen: app.feeFen });
const get = (gov: Gov, token: string, id: string) => call<PassportApplication>(gov, token, 'GET', `/exit-entry/applications/${id}`);
const remaining = async (gov: Gov, token: string, date: string, window: string, office = OFFICE): Promise<number> =>
  (await call<ExitEntryDaysResponse>(gov, token, 'GET', `/exit-entry/offices/${office}/days`)).days.find((d) => d.date === date)?.windows.find((w) => w.id === window)?.remaining ?? -1;

/** A JPEG head (SOI, APP0) and then `rest`, padded with zeros to 52 KB. */
function jpegWith(rest: number[], bytes = 52 * 1024): Uint8Array {
  const out = new Uint8Array(bytes);
  out.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, ...rest], 0);
  return out;
}

describe('review: the exit-entry agency under attack', () => {
  let gov: TestGovernment;
  let zhang: string;
  let huang: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    zhang = await verifiedToken(gov.government, 'r04');
    huang = await verifiedToken(gov.government, 'r09');
  });

  it('refuses forged, malformed and signed-out tokens with 401 on every exit-entry write, and stores nothing', async () => {
    const before = gov.snapshot();
    const forged = [`Bearer ${zhang.slice(0, -1)}${zhang.endsWith('a') ? 'b' : 'a'}`, `bearer ${zhang}`, `Bearer  ${zhang}`, zhang, `Bearer ${zhang} x`, 'Bearer __proto__', 'Bearer constructor'];
    for (const authorization of forged) {
      const res = await gov.government.handle({ method: 'POST', path: '/exit-entry/photos', headers: { authorization, 'idempotency-key': `f-${(keys += 1)}` }, body: '{}', file: { field: 'photo', base64: encodeBase64(goodPhoto()) } });
      expect([authorization, res.status]).toEqual([authorization, 401]);
    }
    expect(gov.snapshot()).toBe(before);
  });

  it('one person\'s Idempotency-Key replays nothing to another: the same key and body make two applications, each its owner\'s', async () => {
    const a = await upload(gov, zhang, goodPhoto(), 'shared-photo');
    const b = await upload(gov, huang, goodPhoto(), 'shared-photo');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.photo.id).not.toBe(a.body.photo.id);
    const body = { kind: 'first', photoId: a.body.photo.id, officeId: OFFICE, date: DATE, window: 'am1', collection: 'in-person', declaration: true };
    const mine = await request<PassportApplication>(gov, zhang, 'POST', '/exit-entry/applications', body, 'shared-apply');
    const theirs = await request<PassportApplication>(gov, huang, 'POST', '/exit-entry/applications', body, 'shared-apply');
    expect(mine.status).toBe(201);
    // Huang gets her own answer (her photo is not his), never zhang's application.
    expect(theirs.body.id).toBeUndefined();
    expect(theirs.body.error?.fields).toEqual({ photoId: 'PHOTO_NOT_FOUND' });
    expect(JSON.stringify(theirs.body)).not.toContain(mine.body.reference);
  });

  it('reads nothing from a JPEG whose markers lie: a 0x0 frame, a zero height, a segment running past the end, a scan before the frame, an endless fill', async () => {
    expect(await photoCode(gov, zhang, jpegPhoto(0, 0, 52 * 1024))).toEqual([422, 'PHOTO_UNREADABLE']);
    expect(await photoCode(gov, zhang, jpegPhoto(390, 0, 52 * 1024))).toEqual([422, 'PHOTO_UNREADABLE']);
    expect(await photoCode(gov, zhang, jpegPhoto(0, 567, 52 * 1024))).toEqual([422, 'PHOTO_UNREADABLE']);
    // A comment segment that claims 65,535 bytes and the file ends after 100: the frame after it is never reached.
    const past = jpegWith([0xff, 0xfe, 0xff, 0xff], 40 * 1024);
    past.set([0xff, 0xc0, 0x00, 0x11, 8, 0x02, 0x37, 0x01, 0x86, 1, 1, 0x11, 0], 100);
    expect(await photoCode(gov, zhang, past)).toEqual([422, 'PHOTO_UNREADABLE']);
    // The frame's own length runs past the end of the file.
    const frameCut = jpegWith([]);
    frameCut.set([0xff, 0xc0, 0xff, 0xff, 8, 0x02, 0x37, 0x01, 0x86], frameCut.length - 9);
    frameCut.fill(0xff, 20, frameCut.length - 9);
    expect(await photoCode(gov, zhang, frameCut)).toEqual([422, 'PHOTO_UNREADABLE']);
    // SOS (the image data) before any frame.
    expect(await photoCode(gov, zhang, jpegWith([0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0]))).toEqual([422, 'PHOTO_UNREADABLE']);
    // A frame too short to hold a size.
    expect(await photoCode(gov, zhang, jpegWith([0xff, 0xc0, 0x00, 0x04, 8, 0x02]))).toEqual([422, 'PHOTO_UNREADABLE']);
    // Nothing but fill bytes after SOI.
    const fill = new Uint8Array(52 * 1024).fill(0xff);
    fill[1] = 0xd8;
    expect(await photoCode(gov, zhang, fill)).toEqual([422, 'PHOTO_UNREADABLE']);
    // Exactly 1 MB passes the router and is refused by the rules; 1 MB + 1 never reaches them.
    expect(await photoCode(gov, zhang, jpegPhoto(390, 567, 1024 * 1024))).toEqual([422, 'PHOTO_TOO_LARGE']);
    expect(await photoCode(gov, zhang, jpegPhoto(390, 567, 1024 * 1024 + 1))).toEqual([413, 'FILE_TOO_LARGE']);
    // The rules' edges: 30 KB and 80 KB exactly are taken, one byte beyond is not.
    expect((await photoCode(gov, zhang, jpegPhoto(390, 567, 30 * 1024)))[0]).toBe(201);
    expect(await photoCode(gov, zhang, jpegPhoto(390, 567, 30 * 1024 - 1))).toEqual([422, 'PHOTO_TOO_SMALL']);
    expect((await photoCode(gov, zhang, jpegPhoto(390, 567, 80 * 1024)))[0]).toBe(201);
    expect(await photoCode(gov, zhang, jpegPhoto(390, 567, 80 * 1024 + 1))).toEqual([422, 'PHOTO_TOO_LARGE']);
    const wrongField = await gov.government.handle({ method: 'POST', path: '/exit-entry/photos', headers: { authorization: `Bearer ${zhang}`, 'idempotency-key': 'wf-rv' }, body: '{}', file: { field: 'Photo', base64: encodeBase64(goodPhoto()) } });
    expect([wrongField.status, (wrongField.body as { error: { fields: unknown } }).error.fields]).toEqual([422, { photo: 'FILE_REQUIRED' }]);
    const odd = await gov.government.handle({ method: 'POST', path: '/exit-entry/photos', headers: { authorization: `Bearer ${zhang}`, 'idempotency-key': 'odd-rv' }, body: '{}', file: { field: 'photo', base64: 'AQI' } });
    expect(odd.status).toBe(400);
  });

  it('a restart between applying and paying: WeChat Pay\'s notification reaches the government started again and books it once', async () => {
    const app = await apply(gov, zhang);
    const pending = await order(gov, zhang, app);
    expect(pending.status).toBe(201);
    const restarted = createGovernment({
      clock: gov.clock, seed: 7, secret: 'test-secret', storage: memoryStorage(gov.stored), config: { exposeSmsCode: true, allowSimulatedFace: true }, checkWrites: true,
      merchant: { key: TEST_MERCHANT_KEY, refund: (orderId, reference, amountFen) => weChatPay.refund(orderId, reference, amountFen) },
    });
    // WeChat Pay now notifies the government started again.
    const weChatPay = createWeChatPay({ merchantKey: TEST_MERCHANT_KEY, clock: gov.clock, random: createSecureRandom(defaultRandomBytes()), notify: (req) => restarted.handle(req) });
    const again = { government: restarted };
    if (!pending.body.payParams) throw new Error('no pay parameters');
    expect(weChatPay.pay(pending.body.payParams)).toMatchObject({ paid: true });
    await weChatPay.deliver();
    const paid = await get(again, zhang, app.id);
    expect([paid.status, paid.fee, paid.events.filter((e) => e.kind === 'paid').length]).toEqual(['booked', 'paid', 1]);
    // Delivered twice: still one payment.
    await weChatPay.deliver();
    expect((await get(again, zhang, app.id)).events.filter((e) => e.kind === 'paid')).toHaveLength(1);
    expect(weChatPay.inspect().refunds).toHaveLength(0);
  });

  it('a restart between uploading and applying: the photo is there and used once', async () => {
    const photo = (await upload(gov, zhang, goodPhoto())).body.photo.id;
    const restarted = { government: createGovernment({ clock: gov.clock, seed: 7, secret: 'test-secret', storage: memoryStorage(gov.stored), config: { exposeSmsCode: true, allowSimulatedFace: true }, checkWrites: true, merchant: { key: TEST_MERCHANT_KEY, refund: () => null } }) };
    const body = { kind: 'first', photoId: photo, officeId: OFFICE, date: DATE, window: 'am1', collection: 'in-person', declaration: true };
    expect((await request(restarted, zhang, 'POST', '/exit-entry/applications', body)).status).toBe(201);
  });

  it('is booked until the window ends, processing until 17:00 CST of the 7th working day, then ready', async () => {
    // Friday 27 November, 9:00-10:30: 7 working days later is Tuesday 8 December.
    const app = await apply(gov, zhang);
    await payOrder(gov, (await order(gov, zhang, app)).body);
    const status = async (at: string) => {
      gov.clock.set(cst(at));
      return (await get(gov, zhang, app.id)).status;
    };
    const end = (await get(gov, zhang, app.id)).appointment;
    expect(end.start).toBe('09:00');
    expect(await status('2026-11-27T09:00:00')).toBe('booked');
    expect((await get(gov, zhang, app.id)).readyBy).toBe('2026-12-08');
    expect(await status('2026-12-08T16:59:59')).toBe('processing');
    expect(await status('2026-12-08T17:00:00')).toBe('ready');
    const ready = await get(gov, zhang, app.id);
    expect([ready.expiresOn, ready.passportNumberMasked]).toEqual(['2036-12-07', expect.stringMatching(/^E\*{4}\d{4}$/)]);
    // On the register: a first application now is refused, a renewal is offered.
    expect((await call<{ ineligible: { code: string }[] }>(gov, zhang, 'GET', '/exit-entry/eligibility?kind=first')).ineligible.map((i) => i.code)).toEqual(['HOLDS_VALID_PASSPORT']);
  });

  it('gives 5 years the minute before the 16th birthday in CST and 10 years at midnight CST, whatever the UTC date', async () => {
    // Born 2010-11-24: 16 at 2026-11-24 00:00 CST (2026-11-23 16:00 UTC).
    gov.clock.set(cst('2026-11-23T23:59:00'));
    const young = await extraResident(gov.government, 1, '20101124');
    expect((await apply(gov, young, { date: '2026-11-30' })).validity).toEqual({ years: 5, ageAtApplication: 15 });
    gov.clock.set(cst('2026-11-24T00:00:00'));
    const turned = await extraResident(gov.government, 2, '20101124');
    expect((await apply(gov, turned, { date: '2026-11-30' })).validity).toEqual({ years: 10, ageAtApplication: 16 });
    expect(idNumber(5, '20101124')).toHaveLength(18);
  });

  it('a paid application cancelled twice at once: one cancel, one refund', async () => {
    const app = await apply(gov, zhang);
    await payOrder(gov, (await order(gov, zhang, app)).body);
    const [a, b] = await Promise.all([
      request<PassportApplication>(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/cancel`, {}, 'c1'),
      request<PassportApplication>(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/cancel`, {}, 'c2'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(gov.weChatPay.inspect().refunds).toHaveLength(1);
    const records = (await call<{ items: { kind: string }[] }>(gov, zhang, 'GET', '/records')).items;
    expect(records.filter((r) => r.kind === 'refund')).toHaveLength(1);
    expect((await get(gov, zhang, app.id)).events.filter((e) => e.kind === 'refunded')).toHaveLength(1);
  });

  it('paying an order after cancelling: the charge is given back, the application stays cancelled, nothing is booked', async () => {
    const app = await apply(gov, zhang);
    const pending = await order(gov, zhang, app);
    const taken = await remaining(gov, zhang, DATE, 'am1');
    await call(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/cancel`);
    await payOrder(gov, pending.body);
    const after = await get(gov, zhang, app.id);
    expect([after.status, after.fee, after.events.map((e) => e.kind)]).toEqual(['cancelled', 'not-payable', ['applied', 'cancelled']]);
    expect(gov.weChatPay.inspect().refunds).toHaveLength(1);
    expect(await remaining(gov, zhang, DATE, 'am1')).toBe(taken + 1);
    // And no new order can be made for it.
    expect((await order(gov, zhang, app)).body.error?.code).toBe('NOT_PAYABLE');
  });

  it('a rebooking refused after the old place was released (WINDOW_FULL) keeps the old place held', async () => {
    const app = await apply(gov, zhang);
    const held = await remaining(gov, zhang, DATE, 'am1');
    // The busy office's Wednesday is always full.
    const res = await request(gov, zhang, 'POST', `/exit-entry/applications/${app.id}/appointment`, { officeId: 'gz-tianhe', date: '2026-11-25', window: 'am1' });
    expect([res.status, res.body.error?.code]).toEqual([409, 'WINDOW_FULL']);
    const kept = await get(gov, zhang, app.id);
    expect([kept.appointment.date, kept.fee, kept.holdUntil]).toEqual([DATE, 'payable', app.holdUntil]);
    expect(await remaining(gov, zhang, DATE, 'am1')).toBe(held);
  });

  it('keeps no full ID number, delivery mobile or passport number in answers to others, saved answers or storage', async () => {
    const app = await apply(gov, zhang, { collection: 'delivery', delivery: { recipient: '张伟', mobile: '13912345678', address: '广东省广州市天河区体育西路 101 号 1201 房' } });
    await payOrder(gov, (await order(gov, zhang, app)).body);
    const answers = JSON.stringify([
      await get(gov, zhang, app.id),
      await call(gov, zhang, 'GET', '/exit-entry/applications'),
      await call(gov, zhang, 'GET', '/records'),
      await call(gov, huang, 'GET', '/exit-entry/applications'),
    ]);
    expectNoIdNumbers(answers);
    expect(answers).not.toContain('13912345678');
    expect(answers).not.toContain('张伟');
    expectNoIdNumbers(gov.snapshot());
    const saved = JSON.stringify(gov.government.inspect().idempotency);
    expect(saved).not.toContain('13912345678');
    expectNoIdNumbers(saved);
  });
});
