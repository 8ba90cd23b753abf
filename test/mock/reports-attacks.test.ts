// The reports agency against someone trying it on: no token, an unverified session, another person's report
// on every endpoint, a followed report treated as one's own, replays and reused keys, oversized bodies and
// files, malformed fields of every kind (never a 500, and a refusal changes nothing), the caps on photos and
// reports, and a government restarted in the middle.
import type { CreateReportResponse, Report, ReportPhotoResponse } from '../../miniprogram/contracts/reports';
import { createGovernment } from '../../miniprogram/mock/index';
import { encodeBase64 } from '../../miniprogram/mock/base64';
import { TEST_MERCHANT_KEY, createClock, createTestGovernment, memoryStorage, verifiedToken, type TestGovernment } from '../helpers/government';
import { jpegPhoto } from '../helpers/photos';
import { call, request, type Answer, type Gov } from '../packages/civil/helpers';

let keys = 0;
async function upload(gov: Gov, token: string | null, bytes: Uint8Array | null): Promise<Answer<ReportPhotoResponse>> {
  const headers: Record<string, string> = { 'idempotency-key': `reports-attack-${(keys += 1)}` };
  if (token) headers.authorization = `Bearer ${token}`;
  return (await gov.government.handle({ method: 'POST', path: '/reports/photos', headers, body: '{}', ...(bytes ? { file: { field: 'photo', base64: encodeBase64(bytes) } } : {}) })) as Answer<ReportPhotoResponse>;
}

const body = (more: Record<string, unknown> = {}): Record<string, unknown> => ({
  serviceCode: 'street-light', description: '路灯不亮', location: { lat: 23.1375, long: 113.3245 }, attributes: { 'light-state': 'off' }, ...more,
});
const ID = 'rp-0123456789abcdef';

describe('incident reports under attack', () => {
  let gov: TestGovernment;
  let li: string;
  let huang: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = await verifiedToken(gov.government, 'r02');
    huang = await verifiedToken(gov.government, 'r09');
  });

  const endpoints: ['GET' | 'POST' | 'DELETE', string][] = [
    ['GET', '/reports/services'],
    ['GET', '/reports/services/street-light'],
    ['GET', '/reports/districts'],
    ['GET', '/reports/nearby'],
    ['GET', '/reports'],
    ['POST', '/reports'],
    ['GET', `/reports/${ID}`],
    ['POST', `/reports/${ID}/follow`],
    ['DELETE', `/reports/${ID}/follow`],
    ['POST', `/reports/${ID}/rating`],
    ['POST', `/reports/${ID}/reopen`],
    ['GET', '/reports/accidents/desks'],
    ['GET', '/reports/accidents/desks/kc-tianhe/days'],
    ['POST', `/reports/accidents/${ID}/confirm`],
    ['POST', `/reports/accidents/${ID}/invitation`],
    ['POST', `/reports/accidents/${ID}/appointment`],
  ];

  it.each(endpoints)('%s %s: 401 without a token, 403 NOT_VERIFIED for an unverified session', async (method, path) => {
    const none = await gov.government.handle({ method, path, headers: { 'idempotency-key': 'k' }, body: '{}' });
    expect([none.status, (none.body as { error: { code: string } }).error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const session = await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
    const token = (session.body as { token: string }).token;
    const unverified = await gov.government.handle({ method, path, headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'k' }, body: '{}' });
    expect([unverified.status, (unverified.body as { error: { code: string } }).error.code]).toEqual([403, 'NOT_VERIFIED']);
  });

  it('the photo upload: 401, 403 (with a file), 413 over 10 MB before any work, 422 without the file, 429 past 20 waiting', async () => {
    expect((await upload(gov, null, jpegPhoto(100, 100, 1024))).status).toBe(401);
    const session = await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
    expect((await upload(gov, (session.body as { token: string }).token, jpegPhoto(100, 100, 1024))).body.error?.code).toBe('NOT_VERIFIED');
    const huge = await upload(gov, li, jpegPhoto(4000, 3000, 10 * 1024 * 1024 + 1));
    expect([huge.status, huge.body.error?.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(gov.government.inspect().agencies.reports).toBeUndefined();
    const missing = await upload(gov, li, null);
    expect([missing.status, missing.body.error?.fields]).toEqual([422, { photo: 'FILE_REQUIRED' }]);
    for (let i = 0; i < 20; i += 1) expect((await upload(gov, li, jpegPhoto(100, 100, 1024 + i))).status).toBe(201);
    const capped = await upload(gov, li, jpegPhoto(100, 100, 999));
    expect([capped.status, capped.body.error?.code]).toEqual([429, 'TOO_MANY_PHOTOS']);
    // Another person's count is their own.
    expect((await upload(gov, huang, jpegPhoto(100, 100, 999))).status).toBe(201);
  });

  it('another person\'s report reads as missing on every endpoint; a followed one is readable but neither rateable nor reopenable', async () => {
    const { report } = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body({ contact: { name: '李明', mobile: '13800000002' } }));
    for (const [method, path, sent] of [
      ['GET', `/reports/${report.id}`, undefined],
      ['POST', `/reports/${report.id}/rating`, { stars: 1 }],
      ['POST', `/reports/${report.id}/reopen`, { reason: '没修好' }],
      ['POST', `/reports/accidents/${report.id}/invitation`, undefined],
      ['POST', `/reports/accidents/${report.id}/appointment`, { deskId: 'kc-tianhe', date: '2026-11-23', window: 'am1' }],
    ] as const) {
      const res = await request(gov, huang, method, path, sent);
      expect([path, res.status]).toEqual([path, 404]);
      expect(JSON.stringify(res.body)).not.toMatch(/李明|13800000002|RP2026/);
    }
    const followed = await call<Report>(gov, huang, 'POST', `/reports/${report.id}/follow`);
    expect(followed.reporter).toBeNull();
    expect(JSON.stringify(followed)).not.toMatch(/李明|13800000002|0002/);
    gov.clock.advance(20 * 24 * 3600 * 1000);
    expect((await request(gov, huang, 'POST', `/reports/${report.id}/rating`, { stars: 1 })).body.error?.code).toBe('NOT_REPORTER');
    expect((await request(gov, huang, 'POST', `/reports/${report.id}/reopen`, { reason: '没修好' })).body.error?.code).toBe('NOT_REPORTER');
    expect((await request(gov, huang, 'GET', '/reports/rp-seed-drain')).status).toBe(404);
  });

  it('a double tap (the same Idempotency-Key) makes one report; the same key for another body is refused', async () => {
    const first = await request<CreateReportResponse>(gov, li, 'POST', '/reports', body(), 'double-tap');
    const again = await request<CreateReportResponse>(gov, li, 'POST', '/reports', body(), 'double-tap');
    expect([first.status, again.status, again.body.report.id]).toEqual([201, 201, first.body.report.id]);
    const filed = Object.keys((gov.government.inspect().agencies.reports as { reports: Record<string, unknown> }).reports).filter((id) => !id.startsWith('rp-seed'));
    expect(filed).toEqual([first.body.report.id]);
    const other = await request(gov, li, 'POST', '/reports', body({ description: '另一盏灯' }), 'double-tap');
    expect([other.status, other.body.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses a body over 64K characters with 413, and an 11th report in a day with 429', async () => {
    const res = await request(gov, li, 'POST', '/reports', body({ description: '灯'.repeat(70 * 1024) }));
    expect([res.status, res.body.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    for (let i = 0; i < 10; i += 1) expect((await request(gov, li, 'POST', '/reports', body({ description: `第 ${i} 盏灯` }))).status).toBe(201);
    const capped = await request(gov, li, 'POST', '/reports', body());
    expect([capped.status, capped.body.error?.code]).toEqual([429, 'TOO_MANY_REPORTS']);
  });

  it('names every malformed field at once, and changes nothing', async () => {
    await call(gov, li, 'GET', '/reports');
    const photo = await upload(gov, li, jpegPhoto(100, 100, 2048));
    const before = gov.snapshot();
    const res = await request(gov, li, 'POST', '/reports', {
      serviceCode: 'street-light', description: 42, location: { lat: 'north', long: 113 }, photoIds: 'rph-1', contact: { name: '', mobile: '1' }, keepNamePrivate: 1, attributes: { 'light-state': 'broken', constructor: 'x', 'a b': 1 },
    });
    expect(res.status).toBe(422);
    expect(res.body.error?.fields).toEqual({
      description: 'WRONG_TYPE', 'location.lat': 'WRONG_TYPE', photoIds: 'WRONG_TYPE', 'contact.name': 'REQUIRED', 'contact.mobile': 'MOBILE_FORMAT',
      keepNamePrivate: 'WRONG_TYPE', 'attributes.light-state': 'ATTRIBUTE_VALUE', 'attributes.constructor': 'ATTRIBUTE_UNKNOWN', attributes: 'ATTRIBUTE_UNKNOWN',
    });
    expect((await request(gov, li, 'POST', '/reports', body({ photoIds: ['rph-0000000000000000'] }))).body.error?.fields).toEqual({ photoIds: 'PHOTO_NOT_FOUND' });
    expect(gov.snapshot()).toBe(before);
    expect(photo.status).toBe(201);
  });

  it('never answers 500, whatever the body, query or path', async () => {
    const odd: unknown[] = [
      [], 'text', 42, null, { serviceCode: null }, { serviceCode: ['street-light'] }, body({ location: [] }), body({ location: null }), body({ attributes: null }),
      body({ attributes: { 'light-state': { toString: 1 } } }), body({ photoIds: [null] }), body({ photoIds: ['__proto__'] }), body({ serviceCode: 'constructor' }),
      body({ serviceCode: 'minor-accident', accident: [] }), body({ serviceCode: 'minor-accident', accident: { responsibility: ['agreed'], angles: [null, 1, 'x'] } }),
      body({ location: { lat: 1e308, long: -1e308 } }), body({ location: { address: { zh: 'x' }, district: '__proto__' } }), body({ contact: [] }),
    ];
    for (const sent of odd) {
      const res = await gov.government.handle({ method: 'POST', path: '/reports', headers: { authorization: `Bearer ${li}`, 'idempotency-key': `odd-${(keys += 1)}` }, body: JSON.stringify(sent) });
      expect(res.status).toBeLessThan(500);
    }
    const paths = ['/reports/__proto__', '/reports/constructor', '/reports/services/__proto__', '/reports/%E4%B8%AD', '/reports/accidents/desks/__proto__/days', '/reports/nearby?serviceCode=__proto__&lat=1&long=1', '/reports/nearby?serviceCode=street-light&lat=abc&long=', '/reports?offset=-1'];
    for (const path of paths) expect((await request(gov, li, 'GET', path)).status).toBeLessThan(500);
    for (const [path, sent] of [
      ['/reports/constructor/follow', {}], ['/reports/rp-seed-drain/rating', { stars: '5' }], ['/reports/rp-seed-drain/reopen', { reason: ['x'] }],
      ['/reports/accidents/__proto__/confirm', { code: 1, plate: null, agree: 'yes' }], ['/reports/accidents/rp-seed-drain/confirm', { code: 'ABCDEFGH', plate: '粤A88888', agree: true }],
      ['/reports/accidents/rp-seed-drain/appointment', { deskId: 'kc-tianhe', date: '2026-11-23', window: 'am1' }], ['/reports/accidents/rp-seed-drain/invitation', {}],
    ] as const) {
      const res = await request(gov, li, 'POST', path, sent);
      expect([path, res.status < 500]).toEqual([path, true]);
    }
    expect((await request(gov, li, 'GET', '/reports/nearby?serviceCode=street-light&lat=abc&long=')).body.error?.fields).toEqual({ lat: 'WRONG_TYPE', long: 'REQUIRED' });
    expect((await request(gov, li, 'GET', '/reports/nearby?serviceCode=ufo&lat=91&long=1')).body.error?.fields).toEqual({ serviceCode: 'SERVICE_UNKNOWN', lat: 'OUT_OF_RANGE' });
    // Decimal degrees only: hexadecimal, exponents, padding and Infinity are not places.
    for (const [lat, long] of [['0x17', '113.3'], ['2.3e1', '113.3'], [' 23.1', '113.3'], ['23.1', 'Infinity'], ['23.1.1', '113']]) {
      const res = await request(gov, li, 'GET', `/reports/nearby?serviceCode=street-light&lat=${encodeURIComponent(lat)}&long=${encodeURIComponent(long)}`);
      expect([lat, long, res.status, Object.values(res.body.error?.fields ?? {})]).toEqual([lat, long, 422, ['WRONG_TYPE']]);
    }
    expect((await request(gov, li, 'GET', '/reports/nearby?serviceCode=street-light&lat=-23.1&long=113')).status).toBe(200);
  });

  it('takes only whole pictures: a bare JPEG or PNG signature, or a JPEG cut off before its end, is not a photo', async () => {
    const whole = jpegPhoto(640, 480, 20 * 1024);
    const cut = whole.slice(0, whole.length - 100);
    for (const bytes of [new Uint8Array([0xff, 0xd8, 0xff]), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xd9]), cut, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])]) {
      const res = await upload(gov, li, bytes);
      expect([bytes.length, res.status]).toEqual([bytes.length, 422]);
    }
    expect((await upload(gov, li, whole)).status).toBe(201);
  });

  it('a government restarted in the middle keeps every report, follow, photo and code', async () => {
    const photo = await upload(gov, li, jpegPhoto(100, 100, 4096));
    const { report } = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body({ photoIds: [photo.body.photo.id] }));
    await call(gov, huang, 'POST', `/reports/${report.id}/follow`);
    const spare = await upload(gov, li, jpegPhoto(100, 100, 4097));
    const restarted = createGovernment({
      clock: gov.clock, seed: 7, secret: 'test-secret', storage: memoryStorage(gov.stored), config: { exposeSmsCode: true, allowSimulatedFace: true }, checkWrites: true,
      merchant: { key: TEST_MERCHANT_KEY, refund: () => null },
    });
    const again = { government: restarted };
    expect(await call<Report>(again, li, 'GET', `/reports/${report.id}`)).toEqual(await call<Report>(gov, li, 'GET', `/reports/${report.id}`));
    expect((await call<Report>(again, huang, 'GET', `/reports/${report.id}`)).followers).toBe(1);
    expect((await request(again, li, 'POST', '/reports', body({ photoIds: [photo.body.photo.id] }))).body.error?.fields).toEqual({ photoIds: 'PHOTO_USED' });
    expect((await call<CreateReportResponse>(again, li, 'POST', '/reports', body({ photoIds: [spare.body.photo.id] }))).report.photos).toHaveLength(1);
  });
});
