// Review of issue 13 as an attacker: forged tokens, another person's report, photo and code, a follower
// trying the reporter's actions, the other driver with another case's code, a replayed confirmation, one
// Idempotency-Key from two people, bodies at and past their limits (4,000 characters with emoji and
// combining marks, wrong attribute types, unknown list keys, odd coordinates, 10 and duplicate photos,
// files that are not what their name says), a restart between photo and report, rating and reopening
// twice, and nothing leaked (no contact to followers or nearby, no full ID number anywhere, never a 500).
import { ACCIDENT_ANGLES, type CreateReportResponse, type NearbyResponse, type Report, type ReportPhotoResponse, type ReportsResponse } from '../../miniprogram/contracts/reports';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { DAY_MS } from '../../miniprogram/core/dates';
import { encodeBase64 } from '../../miniprogram/mock/base64';
import { createGovernment } from '../../miniprogram/mock/index';
import { TEST_MERCHANT_KEY, createClock, createTestGovernment, expectNoIdNumbers, memoryStorage, verifiedToken, type TestGovernment } from '../helpers/government';
import { jpegPhoto, pngFile } from '../helpers/photos';
import { call, request, type Answer, type Gov } from '../packages/civil/helpers';

let keys = 0;
async function upload(gov: Gov, token: string | null, bytes: Uint8Array, key = `review13-photo-${(keys += 1)}`, auth?: string): Promise<Answer<ReportPhotoResponse>> {
  const headers: Record<string, string> = { 'idempotency-key': key };
  if (auth !== undefined) headers.authorization = auth;
  else if (token) headers.authorization = `Bearer ${token}`;
  return (await gov.government.handle({ method: 'POST', path: '/reports/photos', headers, body: '{}', file: { field: 'photo', base64: encodeBase64(bytes) } })) as Answer<ReportPhotoResponse>;
}
async function photoIds(gov: Gov, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await upload(gov, token, jpegPhoto(800, 600, 8 * 1024 + i));
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    ids.push(res.body.photo.id);
  }
  return ids;
}
const raw = async (gov: Gov, token: string, method: 'GET' | 'POST', path: string, text: string, key = `review13-raw-${(keys += 1)}`) =>
  (await gov.government.handle({ method, path, headers: { authorization: `Bearer ${token}`, 'idempotency-key': key }, body: text })) as Answer<Record<string, never>>;

const LIGHT = { lat: 23.1291, long: 113.2644 };
const body = (more: Record<string, unknown> = {}): Record<string, unknown> => ({
  serviceCode: 'street-light', description: '路灯不亮', location: LIGHT, attributes: { 'light-state': 'off' }, ...more,
});
const ZHAO_PLATE = '粤A88888';
async function accident(gov: Gov, token: string, responsibility: 'agreed' | 'police-review' = 'agreed', other = ZHAO_PLATE): Promise<CreateReportResponse> {
  const ids = await photoIds(gov, token, ACCIDENT_ANGLES.length);
  return call<CreateReportResponse>(gov, token, 'POST', '/reports', {
    serviceCode: 'minor-accident', description: '变道时剐蹭，无人受伤。', location: { lat: 23.1291, long: 113.3356 }, photoIds: ids,
    attributes: { 'own-plate': '粤B12345', 'other-plate': other, positions: 'lane-change' },
    accident: { responsibility, angles: ACCIDENT_ANGLES.map((angle, i) => ({ photoId: ids[i], angle })) },
  });
}
const reportsOf = (gov: TestGovernment): Record<string, { owner: string; description: string }> =>
  (gov.government.inspect().agencies.reports as { reports: Record<string, { owner: string; description: string }> } | undefined)?.reports ?? {};
const filedCount = (gov: TestGovernment): number => Object.keys(reportsOf(gov)).filter((id) => !id.startsWith('rp-seed')).length;
const fieldsOf = (res: Answer<unknown>) => res.body.error?.fields;

describe('reports under attack', () => {
  let gov: TestGovernment;
  let li: string;
  let huang: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = await verifiedToken(gov.government, 'r02');
    huang = await verifiedToken(gov.government, 'r09');
  });

  it('refuses forged and mangled tokens on filing and uploading with 401, storing nothing', async () => {
    const forged = ['Bearer ', 'Bearer forged-token', `Bearer ${li.slice(0, -1)}${li.endsWith('a') ? 'b' : 'a'}`, `bearer${li}`, li, `Bearer ${li} extra`, 'Basic bGk6bGk='];
    for (const auth of forged) {
      const res = await gov.government.handle({ method: 'POST', path: '/reports', headers: { authorization: auth, 'idempotency-key': `forged-${(keys += 1)}` }, body: JSON.stringify(body()) });
      expect([auth, res.status]).toEqual([auth, 401]);
      expect((await upload(gov, null, jpegPhoto(100, 100, 2048), undefined, auth)).status).toBe(401);
    }
    expect(filedCount(gov)).toBe(0);
  });

  it('another person\'s photo id is not found, and stays usable by its owner', async () => {
    const [mine] = await photoIds(gov, li, 1);
    const stolen = await request(gov, huang, 'POST', '/reports', body({ photoIds: [mine] }));
    expect([stolen.status, fieldsOf(stolen)]).toEqual([422, { photoIds: 'PHOTO_NOT_FOUND' }]);
    const { report } = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body({ photoIds: [mine] }));
    expect(report.photos.map((p) => p.id)).toEqual([mine]);
    // Using someone else's photo in an accident's angles reads the same.
    const ids = await photoIds(gov, huang, ACCIDENT_ANGLES.length - 1);
    const theirs = [...ids, (await photoIds(gov, li, 1))[0]];
    const res = await request(gov, huang, 'POST', '/reports', {
      serviceCode: 'minor-accident', description: '剐蹭', location: LIGHT, photoIds: theirs,
      attributes: { 'own-plate': '粤B12345', 'other-plate': ZHAO_PLATE, positions: 'rear-end' },
      accident: { responsibility: 'agreed', angles: ACCIDENT_ANGLES.map((angle, i) => ({ photoId: theirs[i], angle })) },
    });
    expect([res.status, fieldsOf(res)?.photoIds]).toEqual([422, 'PHOTO_NOT_FOUND']);
  });

  it('another person\'s accident: not followable, not bookable, its code useless with the wrong plate', async () => {
    const { report, invitation } = await accident(gov, li);
    expect((await request(gov, huang, 'POST', `/reports/${report.id}/follow`)).status).toBe(404);
    expect((await request(gov, huang, 'GET', `/reports/${report.id}`)).status).toBe(404);
    expect((await request(gov, huang, 'POST', `/reports/accidents/${report.id}/appointment`, { deskId: 'kc-tianhe', date: '2026-11-23', window: 'am1' })).status).toBe(404);
    const wrong = await request(gov, huang, 'POST', `/reports/accidents/${report.id}/confirm`, { code: invitation?.code, plate: '粤A66666', agree: true });
    expect([wrong.status, fieldsOf(wrong)]).toEqual([422, { plate: 'PLATE_MISMATCH' }]);
    expect((await call<Report>(gov, li, 'GET', `/reports/${report.id}`)).accident?.confirmation).toBe('awaiting');
  });

  it('the other driver with another case\'s code: INVITATION_OTHER_CASE, and that other code still works on its own case', async () => {
    const zhao = await verifiedToken(gov.government, 'r06');
    const first = await accident(gov, li);
    const second = await accident(gov, li, 'agreed', '粤A77777');
    const crossed = await request(gov, zhao, 'POST', `/reports/accidents/${first.report.id}/confirm`, { code: second.invitation?.code, plate: ZHAO_PLATE, agree: true });
    expect([crossed.status, crossed.body.error?.code]).toEqual([409, 'INVITATION_OTHER_CASE']);
    expect(JSON.stringify(crossed.body)).not.toContain(second.report.reference);
    expect((await call<Report>(gov, li, 'GET', `/reports/${first.report.id}`)).accident?.confirmation).toBe('awaiting');
    expect((await call<Report>(gov, li, 'GET', `/reports/${second.report.id}`)).accident?.confirmation).toBe('awaiting');
    const own = await request<Report>(gov, zhao, 'POST', `/reports/accidents/${first.report.id}/confirm`, { code: first.invitation?.code, plate: ZHAO_PLATE, agree: true });
    expect(own.status).toBe(200);
    expect((await call<ReportsResponse>(gov, zhao, 'GET', '/reports')).items.map((i) => i.id)).toEqual([first.report.id]);
  });

  it('a replayed confirmation changes nothing (not even a flipped answer), and a third person with the used code is refused', async () => {
    const zhao = await verifiedToken(gov.government, 'r06');
    const { report, invitation } = await accident(gov, li);
    const code = invitation?.code ?? '';
    expect((await request(gov, zhao, 'POST', `/reports/accidents/${report.id}/confirm`, { code, plate: ZHAO_PLATE, agree: true })).status).toBe(200);
    const again = await request<Report>(gov, zhao, 'POST', `/reports/accidents/${report.id}/confirm`, { code, plate: ZHAO_PLATE, agree: false });
    expect(again.status).toBe(200);
    expect(again.body.accident?.confirmation).toBe('agreed');
    expect((await call<Report>(gov, li, 'GET', `/reports/${report.id}`)).accident?.confirmation).toBe('agreed');
    const mine = await call<ReportsResponse>(gov, zhao, 'GET', '/reports');
    expect(mine.total).toBe(1);
    const records = await call<RecordsResponse>(gov, zhao, 'GET', '/records');
    expect(records.items.filter((r) => r.kind === 'report')).toHaveLength(1);
    const third = await request(gov, huang, 'POST', `/reports/accidents/${report.id}/confirm`, { code, plate: ZHAO_PLATE, agree: false });
    expect([third.status, third.body.error?.code]).toEqual([409, 'INVITATION_USED']);
    expect((await call<ReportsResponse>(gov, huang, 'GET', '/reports')).total).toBe(0);
  });

  it('one Idempotency-Key from two people: each gets their own report, never the other\'s answer', async () => {
    const a = await request<CreateReportResponse>(gov, li, 'POST', '/reports', body({ contact: { name: '李明', mobile: '13800000002' } }), 'shared-key');
    const b = await request<CreateReportResponse>(gov, huang, 'POST', '/reports', body({ contact: { name: '黄磊', mobile: '13800000009' } }), 'shared-key');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.report.id).not.toBe(a.body.report.id);
    expect(JSON.stringify(b.body)).not.toMatch(/李明|138\*{4}0002/);
    expect(filedCount(gov)).toBe(2);
    const pa = await upload(gov, li, jpegPhoto(100, 100, 3000), 'shared-photo-key');
    const pb = await upload(gov, huang, jpegPhoto(100, 100, 3000), 'shared-photo-key');
    expect([pa.status, pb.status]).toEqual([201, 201]);
    expect(pb.body.photo.id).not.toBe(pa.body.photo.id);
    expect((await call<CreateReportResponse>(gov, huang, 'POST', '/reports', body({ photoIds: [pb.body.photo.id] }))).report.photos).toHaveLength(1);
  });

  it('the description at 4,000 characters: code points, emoji and combining marks counted as sent', async () => {
    const ok = async (description: unknown) => (await request<CreateReportResponse>(gov, li, 'POST', '/reports', body({ description }))).status;
    const too = async (description: unknown) => fieldsOf(await request(gov, li, 'POST', '/reports', body({ description })));
    expect(await ok('灯'.repeat(4000))).toBe(201);
    expect(await too('灯'.repeat(4001))).toEqual({ description: 'DESCRIPTION_TOO_LONG' });
    expect(await ok('😀'.repeat(4000))).toBe(201);
    expect(await too('😀'.repeat(4001))).toEqual({ description: 'DESCRIPTION_TOO_LONG' });
    // A combining mark is a code point of its own: 3,999 + e + U+0301 is 4,001.
    expect(await ok(`${'a'.repeat(3998)}e\u0301`)).toBe(201);
    expect(await too(`${'a'.repeat(3999)}e\u0301`)).toEqual({ description: 'DESCRIPTION_TOO_LONG' });
    // Blank ends and invisible characters do not count; nothing visible is DESCRIPTION_REQUIRED.
    expect(await ok(`  ${'灯'.repeat(4000)}\n\u200b `)).toBe(201);
    expect(await too('\u200b\u200e \n\t')).toEqual({ description: 'DESCRIPTION_REQUIRED' });
    expect(await too(['x'])).toEqual({ description: 'WRONG_TYPE' });
  });

  it('keeps an emoji joined with U+200D (a family, a profession) and a ZWNJ word as the person wrote them', async () => {
    const description = '路灯下有人摔倒 👨‍👩‍👧 🧑‍🚒 می\u200cخواهم';
    const { report } = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body({ description }));
    expect(report.description).toBe(description);
  });

  it('attribute values of the wrong type, unknown list keys and impossible times: each its own code', async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [body({ attributes: { 'light-state': 1 } }), { 'attributes.light-state': 'ATTRIBUTE_TYPE' }],
      [body({ attributes: { 'light-state': ['off'] } }), { 'attributes.light-state': 'ATTRIBUTE_TYPE' }],
      [body({ attributes: { 'light-state': 'off', 'pole-number': 123 } }), { 'attributes.pole-number': 'ATTRIBUTE_TYPE' }],
      [body({ attributes: { 'light-state': 'off', 'pole-number': 'x'.repeat(201) } }), { 'attributes.pole-number': 'ATTRIBUTE_VALUE' }],
      [body({ attributes: [] }), { attributes: 'WRONG_TYPE' }],
      [body({ attributes: {} }), { 'attributes.light-state': 'ATTRIBUTE_REQUIRED' }],
      [body({ attributes: { 'light-state': '  ' } }), { 'attributes.light-state': 'ATTRIBUTE_REQUIRED' }],
      [body({ serviceCode: 'illegal-parking', attributes: { plate: '粤A12345', blocking: ['footpath', 'moon'] } }), { 'attributes.blocking': 'ATTRIBUTE_VALUE' }],
      [body({ serviceCode: 'illegal-parking', attributes: { plate: '粤A12345', blocking: ['footpath', 'footpath'] } }), { 'attributes.blocking': 'ATTRIBUTE_VALUE' }],
      [body({ serviceCode: 'illegal-parking', attributes: { plate: '粤A12345', blocking: 'footpath' } }), { 'attributes.blocking': 'ATTRIBUTE_TYPE' }],
      [body({ serviceCode: 'illegal-parking', attributes: { plate: '粤A12345', blocking: [1] } }), { 'attributes.blocking': 'ATTRIBUTE_TYPE' }],
      [body({ serviceCode: 'road-damage', attributes: { 'size-m': '1.5' } }), { 'attributes.size-m': 'ATTRIBUTE_TYPE' }],
      [body({ serviceCode: 'road-damage', attributes: { 'size-m': 0 } }), { 'attributes.size-m': 'ATTRIBUTE_VALUE' }],
      [body({ serviceCode: 'road-damage', attributes: { 'size-m': 100.01 } }), { 'attributes.size-m': 'ATTRIBUTE_VALUE' }],
      [body({ serviceCode: 'night-noise', attributes: { 'started-at': '2026-11-22T01:00' } }), { 'attributes.started-at': 'ATTRIBUTE_TYPE' }],
      [body({ serviceCode: 'night-noise', attributes: { 'started-at': '2026-02-30T01:00:00+08:00' } }), { 'attributes.started-at': 'ATTRIBUTE_TYPE' }],
      [body({ serviceCode: 'night-noise', attributes: { 'started-at': '2026-11-23T01:00:00+08:00' } }), { 'attributes.started-at': 'ATTRIBUTE_VALUE' }],
      [body({ serviceCode: 'night-noise', attributes: { 'started-at': 1763740800000 } }), { 'attributes.started-at': 'ATTRIBUTE_TYPE' }],
    ];
    for (const [sent, fields] of cases) {
      const res = await request(gov, li, 'POST', '/reports', sent);
      expect([JSON.stringify(sent.attributes), res.status, fieldsOf(res)]).toEqual([JSON.stringify(sent.attributes), 422, fields]);
    }
    // The right ones are taken as sent, a multivaluelist in the order given.
    const parked = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body({ serviceCode: 'illegal-parking', attributes: { blocking: ['bus-stop', 'footpath'], plate: '粤a 12345' } }));
    expect(parked.report.attributes).toEqual([{ code: 'plate', value: '粤A12345' }, { code: 'blocking', value: ['bus-stop', 'footpath'] }]);
    expect(filedCount(gov)).toBe(1);
  });

  it('coordinates that are strings, missing, infinite, swapped or outside the city: a code each, never a 500', async () => {
    const cases: [unknown, Record<string, string>][] = [
      [{ lat: '23.1291', long: '113.2644' }, { 'location.lat': 'WRONG_TYPE', 'location.long': 'WRONG_TYPE' }],
      [{ lat: 23.1291 }, { 'location.long': 'REQUIRED' }],
      [{ lat: null, long: 113.2644 }, { 'location.lat': 'REQUIRED' }],
      [{ lat: 113.2644, long: 23.1291 }, { 'location.lat': 'OUT_OF_RANGE' }],
      [{ lat: 22.3193, long: 114.1694 }, { location: 'OUTSIDE_CITY' }],
      [{ lat: 0, long: 0 }, { location: 'OUTSIDE_CITY' }],
      [{ address: '天河路 1 号', district: 'shenzhen' }, { 'location.district': 'DISTRICT_UNKNOWN' }],
      [{ address: '', district: 'tianhe' }, { 'location.address': 'REQUIRED' }],
      [{ address: '路'.repeat(201), district: 'tianhe' }, { 'location.address': 'TOO_LONG' }],
    ];
    for (const [location, fields] of cases) {
      const res = await request(gov, li, 'POST', '/reports', body({ location }));
      expect([JSON.stringify(location), res.status, fieldsOf(res)]).toEqual([JSON.stringify(location), 422, fields]);
    }
    // NaN cannot be JSON; Infinity arrives as a number too large (1e400): refused, never a 500.
    for (const text of ['{"lat":NaN,"long":113.26}', '{"lat":1e400,"long":113.26}', '{"lat":-Infinity,"long":113.26}']) {
      const res = await raw(gov, li, 'POST', '/reports', `{"serviceCode":"street-light","description":"x","attributes":{"light-state":"off"},"location":${text}}`);
      expect([text, res.status >= 400 && res.status < 500]).toEqual([text, true]);
    }
    for (const query of ['lat=NaN&long=113.26', 'lat=Infinity&long=113.26', 'lat=1e400&long=113.26']) {
      const res = await request(gov, li, 'GET', `/reports/nearby?serviceCode=street-light&${query}`);
      expect([query, res.status, fieldsOf(res)]).toEqual([query, 422, { lat: 'WRONG_TYPE' }]);
    }
    for (const query of ['lat=0x17&long=113.26', 'lat=23.1&long=113.2&lat=1', 'lat=%20&long=%00']) {
      expect((await request(gov, li, 'GET', `/reports/nearby?serviceCode=street-light&${query}`)).status).toBeLessThan(500);
    }
    // A box's edge is inside (the first box in list order wins).
    const edge = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body({ location: { lat: 23.105, long: 113.235 } }));
    expect(edge.report.location.district.code).toBe('yuexiu');
  });

  it('10 photos, the same photo twice, a GIF or text named .jpg: refused and nothing used up; a PNG named .jpg is taken as PNG', async () => {
    const ten = await photoIds(gov, li, 10);
    expect(fieldsOf(await request(gov, li, 'POST', '/reports', body({ photoIds: ten })))).toEqual({ photoIds: 'PHOTOS_TOO_MANY' });
    expect(fieldsOf(await request(gov, li, 'POST', '/reports', body({ photoIds: [ten[0], ten[1], ten[0]] })))).toEqual({ photoIds: 'PHOTO_DUPLICATE' });
    const nine = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body({ photoIds: ten.slice(0, 9) }));
    expect(nine.report.photos).toHaveLength(9);
    const gif = Uint8Array.from(Buffer.from(`GIF89a${'x'.repeat(500)}`));
    const text = Uint8Array.from(Buffer.from('not a photo at all, just text renamed photo.jpg'));
    for (const bytes of [gif, text, new Uint8Array([0xff, 0xd8]), new Uint8Array([0x89, 0x50, 0x4e, 0x47])]) {
      const res = await upload(gov, li, bytes);
      expect([res.status, fieldsOf(res)]).toEqual([422, { photo: 'PHOTO_TYPE' }]);
    }
    const png = await upload(gov, li, pngFile(5000));
    expect([png.status, png.body.photo.type]).toEqual([201, 'png']);
  });

  it('a restart between the photo upload and the report: the replayed upload gives the same photo, the report files once', async () => {
    const restart = (): Gov => ({
      government: createGovernment({ clock: gov.clock, seed: 7, secret: 'test-secret', storage: memoryStorage(gov.stored), config: { exposeSmsCode: true, allowSimulatedFace: true }, checkWrites: true, merchant: { key: TEST_MERCHANT_KEY, refund: () => null } }),
    });
    const first = await upload(gov, li, jpegPhoto(800, 600, 9000), 'restart-photo');
    const after = restart();
    const replayed = await upload(after, li, jpegPhoto(800, 600, 9000), 'restart-photo');
    expect([replayed.status, replayed.body.photo.id]).toEqual([201, first.body.photo.id]);
    const filed = await request<CreateReportResponse>(after, li, 'POST', '/reports', body({ photoIds: [first.body.photo.id] }), 'restart-report');
    expect(filed.status).toBe(201);
    const again = restart();
    const replay = await request<CreateReportResponse>(again, li, 'POST', '/reports', body({ photoIds: [first.body.photo.id] }), 'restart-report');
    expect([replay.status, replay.body.report.id]).toEqual([201, filed.body.report.id]);
    expect((await call<ReportsResponse>(again, li, 'GET', '/reports')).items.filter((r) => !r.id.startsWith('rp-seed'))).toHaveLength(1);
    // The used photo no longer waits: 20 more may wait (one upload, not two).
    for (let i = 0; i < 20; i += 1) expect((await upload(again, li, jpegPhoto(100, 100, 1100 + i))).status).toBe(201);
  });

  it('rating twice, bad stars, reopening twice, a follower trying either: each refused with its own code', async () => {
    const { report } = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body());
    expect((await request(gov, li, 'POST', `/reports/${report.id}/rating`, { stars: 5 })).body.error?.code).toBe('REPORT_OPEN');
    await call(gov, huang, 'POST', `/reports/${report.id}/follow`);
    gov.clock.advance(28 * DAY_MS);
    const li2 = await verifiedToken(gov.government, 'r02');
    const huang2 = await verifiedToken(gov.government, 'r09');
    for (const stars of [0, 6, -1]) expect(fieldsOf(await request(gov, li2, 'POST', `/reports/${report.id}/rating`, { stars }))).toEqual({ stars: 'STARS_RANGE' });
    for (const stars of ['5', 4.5, null, [5]]) expect(fieldsOf(await request(gov, li2, 'POST', `/reports/${report.id}/rating`, { stars }))?.stars).toBeDefined();
    expect(fieldsOf(await request(gov, li2, 'POST', `/reports/${report.id}/rating`, { stars: 3, comment: '评'.repeat(501) }))).toEqual({ comment: 'TOO_LONG' });
    expect((await request(gov, huang2, 'POST', `/reports/${report.id}/rating`, { stars: 1 })).body.error?.code).toBe('NOT_REPORTER');
    expect((await request(gov, huang2, 'POST', `/reports/${report.id}/reopen`, { reason: '没修好' })).body.error?.code).toBe('NOT_REPORTER');
    expect((await request(gov, li2, 'POST', `/reports/${report.id}/rating`, { stars: 1 })).status).toBe(200);
    const twice = await request(gov, li2, 'POST', `/reports/${report.id}/rating`, { stars: 5 });
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'ALREADY_RATED']);
    expect(fieldsOf(await request(gov, li2, 'POST', `/reports/${report.id}/reopen`, { reason: '  ' }))).toEqual({ reason: 'REQUIRED' });
    const reopened = await request<Report>(gov, li2, 'POST', `/reports/${report.id}/reopen`, { reason: '又不亮了' });
    expect([reopened.status, reopened.body.status, reopened.body.canReopen]).toEqual([200, 'in-progress', false]);
    expect((await request(gov, li2, 'POST', `/reports/${report.id}/reopen`, { reason: '还是不亮' })).body.error?.code).toBe('REPORT_OPEN');
    // A reopened report is fixed or closed again within four weeks (the seeded workflow's bound).
    gov.clock.advance(28 * DAY_MS);
    const li3 = await verifiedToken(gov.government, 'r02');
    const final = await call<Report>(gov, li3, 'GET', `/reports/${report.id}`);
    expect(['fixed', 'closed']).toContain(final.status);
    expect([final.canRate, final.canReopen]).toEqual([false, false]);
    expect((await request(gov, li3, 'POST', `/reports/${report.id}/reopen`, { reason: '还是不亮' })).body.error?.code).toBe('ALREADY_REOPENED');
    expect((await request(gov, li3, 'POST', `/reports/${report.id}/rating`, { stars: 5 })).body.error?.code).toBe('ALREADY_RATED');
  });

  it('follows: one\'s own report, twice, a closed one, and stopping what one does not follow', async () => {
    const { report } = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body());
    expect((await request(gov, li, 'POST', `/reports/${report.id}/follow`)).body.error?.code).toBe('OWN_REPORT');
    expect((await call<Report>(gov, huang, 'POST', `/reports/${report.id}/follow`)).followers).toBe(1);
    expect((await call<Report>(gov, huang, 'POST', `/reports/${report.id}/follow`)).followers).toBe(1);
    expect((await call<ReportsResponse>(gov, huang, 'GET', '/reports')).total).toBe(1);
    expect((await request(gov, huang, 'POST', '/reports/rp-seed-drain/follow')).body.error?.code).toBe('REPORT_CLOSED');
    const res = await gov.government.handle({ method: 'DELETE', path: '/reports/rp-seed-light/follow', headers: { authorization: `Bearer ${huang}`, 'idempotency-key': 'unfollow-x' } });
    expect(res.status).toBe(404);
  });

  it('leaks nothing: no reporter\'s name or mobile to followers or nearby, no full ID number in any answer or in storage', async () => {
    const zhao = await verifiedToken(gov.government, 'r06');
    const answers: string[] = [];
    const keep = <T>(value: T): T => {
      answers.push(JSON.stringify(value));
      return value;
    };
    const { report } = keep(await call<CreateReportResponse>(gov, li, 'POST', '/reports', body({ description: '路灯坏了，请尽快修。', contact: { name: '李明', mobile: '13800000002' }, keepNamePrivate: false })));
    const near = keep(await call<NearbyResponse>(gov, huang, 'GET', `/reports/nearby?serviceCode=street-light&lat=${LIGHT.lat}&long=${LIGHT.long}`));
    expect(near.items.map((i) => i.id)).toContain(report.id);
    const followed = keep(await call<Report>(gov, huang, 'POST', `/reports/${report.id}/follow`));
    const listed = keep(await call<ReportsResponse>(gov, huang, 'GET', '/reports'));
    for (const text of [JSON.stringify(near), JSON.stringify(followed), JSON.stringify(listed)]) expect(text).not.toMatch(/李明|Li Ming|13800000002|138\*+0002|0002/);
    const crash = keep(await accident(gov, li));
    keep(await call<Report>(gov, zhao, 'POST', `/reports/accidents/${crash.report.id}/confirm`, { code: crash.invitation?.code, plate: ZHAO_PLATE, agree: true }));
    const seenByZhao = keep(await call<Report>(gov, zhao, 'GET', `/reports/${crash.report.id}`));
    expect(JSON.stringify(seenByZhao)).not.toMatch(/李明|13800000002/);
    expect(seenByZhao.reporter).toBeNull();
    const seenByLi = keep(await call<Report>(gov, li, 'GET', `/reports/${crash.report.id}`));
    expect(seenByLi.accident?.otherDriver?.name).not.toBe('赵敏');
    keep(await call(gov, li, 'GET', '/records'));
    keep(await call(gov, zhao, 'GET', '/records'));
    answers.forEach((text) => expectNoIdNumbers(text));
    expectNoIdNumbers(gov.snapshot());
  });

  it('never a 500 on the accident, rating, paging and desk endpoints, whatever is sent', async () => {
    const { report } = await accident(gov, li);
    const posts: [string, string][] = [
      [`/reports/accidents/${report.id}/confirm`, '{"code":12345678,"plate":["粤A88888"],"agree":"yes"}'],
      [`/reports/accidents/${report.id}/confirm`, '{"code":"ABCDEFGH","plate":"粤A88888","agree":true,"extra":1}'],
      [`/reports/accidents/${report.id}/confirm`, '[]'],
      [`/reports/accidents/${report.id}/appointment`, '{"deskId":"kc-tianhe","date":"2026-13-45","window":"x"}'],
      [`/reports/accidents/${report.id}/appointment`, '{"deskId":{"a":1},"date":20261123,"window":null}'],
      [`/reports/accidents/${report.id}/appointment`, '{"deskId":"kc-tianhe","date":"2026-11-23","window":"am1"}'],
      [`/reports/accidents/${report.id}/invitation`, 'not json'],
      [`/reports/${report.id}/rating`, '{"stars":1e400}'],
      [`/reports/${report.id}/reopen`, '{"reason":{"zh":"x"}}'],
      ['/reports', '{"serviceCode":"minor-accident","accident":{"responsibility":"agreed","angles":[{"photoId":{"x":1},"angle":"scene-front"}]}}'],
      ['/reports', '{"serviceCode":"street-light","__proto__":{"admin":true},"description":"x","location":{"lat":23.13,"long":113.26},"attributes":{"light-state":"off"}}'],
      ['/reports', `{"serviceCode":"street-light","description":"x","location":{"lat":23.13,"long":113.26},"attributes":{${Array.from({ length: 41 }, (_, i) => `"a${i}":1`).join(',')}}}`],
      ['/reports/photos', '{}'],
    ];
    for (const [path, text] of posts) {
      const res = await raw(gov, li, 'POST', path, text);
      expect([path, text.slice(0, 40), res.status < 500]).toEqual([path, text.slice(0, 40), true]);
    }
    for (const path of ['/reports?limit=1e9', '/reports?offset=abc&limit=-5', '/reports?limit=0', '/reports/accidents/desks/kc-tianhe/days?x=1', '/reports/services/minor-accident', '/reports/nearby?serviceCode=minor-accident&lat=23.13&long=113.33']) {
      const res = await request(gov, li, 'GET', path);
      expect([path, res.status < 500]).toEqual([path, true]);
    }
    // The private accident is never offered nearby.
    expect((await call<NearbyResponse>(gov, huang, 'GET', '/reports/nearby?serviceCode=minor-accident&lat=23.1291&long=113.3356')).items).toEqual([]);
  });
});
