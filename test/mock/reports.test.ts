// Incident reports as residents meet them: the service list and a category's extra fields (a category
// added to the seed list is filed with no code change), photos uploaded as files, a report with a point or
// a typed address, the workflow moving it with the clock on the working-day calendar, the SLA clock and the
// overdue flag, open reports nearby to follow instead, my list a page at a time, rating and reopening once,
// and deleting one's data.
import type {
  CreateReportResponse,
  DistrictsResponse,
  NearbyResponse,
  Report,
  ReportPhotoResponse,
  ReportsResponse,
  ServiceDefinition,
  ServicesResponse,
} from '../../miniprogram/contracts/reports';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { DAY_MS } from '../../miniprogram/core/dates';
import { SEEDED_LIGHT_POINT, SERVICES, type ServiceSeed } from '../../miniprogram/agencies/reports/seed';
import { encodeBase64 } from '../../miniprogram/mock/base64';
import { TEST_NOW, createClock, createTestGovernment, verifiedToken, type TestGovernment } from '../helpers/government';
import { jpegPhoto, pngFile } from '../helpers/photos';
import { call, request, type Answer } from '../packages/civil/helpers';

const cst = (text: string): number => Date.parse(`${text}+08:00`);
const HOUR = 3600 * 1000;
/** About 20 m north of the seeded street light (0.00018 degrees of latitude). */
const NEAR_LIGHT = { lat: SEEDED_LIGHT_POINT.lat + 0.00018, long: SEEDED_LIGHT_POINT.long };

let keys = 0;
async function upload(gov: TestGovernment, token: string, bytes: Uint8Array): Promise<Answer<ReportPhotoResponse>> {
  return (await gov.government.handle({
    method: 'POST',
    path: '/reports/photos',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': `report-photo-${(keys += 1)}` },
    body: '{}',
    file: { field: 'photo', base64: encodeBase64(bytes) },
  })) as Answer<ReportPhotoResponse>;
}

async function photoId(gov: TestGovernment, token: string, bytes = jpegPhoto(1600, 1200, 120 * 1024)): Promise<string> {
  const res = await upload(gov, token, bytes);
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.photo.id;
}

const lightBody = (more: Record<string, unknown> = {}): Record<string, unknown> => ({
  serviceCode: 'street-light', description: '路灯不亮，晚上很暗。', location: { ...NEAR_LIGHT, address: '天河路 383 号' }, attributes: { 'light-state': 'off' }, ...more,
});

const file = (gov: TestGovernment, token: string, body: Record<string, unknown>) => call<CreateReportResponse>(gov, token, 'POST', '/reports', body);
const reportOf = (gov: TestGovernment, token: string, id: string) => call<Report>(gov, token, 'GET', `/reports/${id}`);
const fieldsOf = async (gov: TestGovernment, token: string, body: Record<string, unknown>) => {
  const res = await request(gov, token, 'POST', '/reports', body);
  expect(res.status).toBe(422);
  return res.body.error?.fields;
};
const nearby = (gov: TestGovernment, token: string, service: string, point: { lat: number; long: number }) =>
  call<NearbyResponse>(gov, token, 'GET', `/reports/nearby?serviceCode=${service}&lat=${point.lat}&long=${point.long}`);

describe('incident reports: the whole way', () => {
  let gov: TestGovernment;
  let li: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = await verifiedToken(gov.government, 'r02');
  });

  it('lists the services (Open311 names) with their departments, each definition with its fields in order, and the districts', async () => {
    const { items } = await call<ServicesResponse>(gov, li, 'GET', '/reports/services');
    expect(items.map((s) => s.service_code)).toEqual(['street-light', 'illegal-parking', 'blocked-drain', 'night-noise', 'road-damage', 'fallen-tree', 'minor-accident']);
    expect(new Set(items.map((s) => s.department.id))).toEqual(new Set(['city-lighting', 'traffic-police', 'water-affairs', 'ecology-environment', 'roads', 'parks-forestry']));
    expect(items.find((s) => s.service_code === 'road-damage')).toMatchObject({ sla: 'complex', metadata: true, group: { en: 'City works' } });
    expect(items.find((s) => s.service_code === 'minor-accident')?.department.phone).toBe('122');
    const light = await call<ServiceDefinition>(gov, li, 'GET', '/reports/services/street-light');
    expect(light.attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([['pole-number', 'string', false, 1], ['light-state', 'singlevaluelist', true, 2]]);
    expect(light.attributes[1].values?.map((v) => v.key)).toEqual(['off', 'flickering', 'on-by-day', 'pole-damaged']);
    const noise = await call<ServiceDefinition>(gov, li, 'GET', '/reports/services/night-noise');
    expect(noise.attributes[0]).toMatchObject({ code: 'started-at', datatype: 'datetime', required: true });
    expect((await request(gov, li, 'GET', '/reports/services/graffiti')).status).toBe(404);
    const districts = await call<DistrictsResponse>(gov, li, 'GET', '/reports/districts');
    expect(districts.city.en).toBe('Guangzhou');
    expect(districts.items).toHaveLength(11);
    expect(districts.items[0]).toMatchObject({ code: 'yuexiu', name: { zh: '越秀区' } });
  });

  it('files a street light with a photo and a point: the reference, the department, the SLA day, a record, and the photo used up', async () => {
    const photo = await photoId(gov, li);
    const { report, invitation } = await file(gov, li, lightBody({ photoIds: [photo], contact: { name: '李明', mobile: '138 0000 0002' }, keepNamePrivate: true }));
    expect(invitation).toBeNull();
    expect(report).toMatchObject({
      service_code: 'street-light', role: 'reporter', status: 'submitted', open311Status: 'open', closedReason: null, description: '路灯不亮，晚上很暗。',
      department: { id: 'city-lighting' }, photos: [{ id: photo, bytes: 120 * 1024 }], attributes: [{ code: 'light-state', value: 'off' }],
      location: { lat: NEAR_LIGHT.lat, long: NEAR_LIGHT.long, address: '天河路 383 号', district: { code: 'tianhe' } },
      reporter: { contact: { name: '李明', mobile: '138****0002' }, keepNamePrivate: true },
      // Sunday 22 November: 7 working days end on Tuesday 1 December.
      sla: { kind: 'ordinary', workingDays: 7, startedAt: TEST_NOW, expectedBy: '2026-12-01', overdue: false },
      history: [{ status: 'submitted', at: TEST_NOW }], followers: 0, rating: null, reopened: null, canRate: false, canReopen: false, next: ['department-reviews'], accident: null,
    });
    expect(report.reference).toMatch(/^RP20261122\d{6}$/);
    expect(report.id).toMatch(/^rp-[0-9a-f]{16}$/);
    const records = (await call<RecordsResponse>(gov, li, 'GET', '/records')).items;
    expect(records.filter((r) => r.kind === 'report').map((r) => [r.reference, r.detail])).toEqual([[report.reference, { reportId: report.id, service: '路灯不亮', serviceEn: 'Broken street light' }]]);
    expect(await fieldsOf(gov, li, lightBody({ photoIds: [photo] }))).toEqual({ photoIds: 'PHOTO_USED' });
    // A typed address in a district when location is refused.
    const typed = await file(gov, li, lightBody({ location: { address: '越秀区东风中路 268 号门口', district: 'yuexiu' } }));
    expect(typed.report.location).toEqual({ lat: null, long: null, address: '越秀区东风中路 268 号门口', district: { code: 'yuexiu', name: { zh: '越秀区', en: 'Yuexiu' } } });
  });

  it('moves a report with the clock: confirmed after an hour, investigating at 10:00 of the next working day, then fixed or closed, the same on every read', async () => {
    const { report } = await file(gov, li, lightBody());
    gov.clock.set(TEST_NOW + HOUR);
    expect((await reportOf(gov, li, report.id)).status).toBe('confirmed');
    gov.clock.set(cst('2026-11-23T09:59:59'));
    expect((await reportOf(gov, li, report.id)).status).toBe('confirmed');
    gov.clock.set(cst('2026-11-23T10:00:00'));
    const investigating = await reportOf(gov, li, report.id);
    expect(investigating.history.map((e) => [e.status, e.at])).toEqual([['submitted', TEST_NOW], ['confirmed', TEST_NOW + HOUR], ['investigating', cst('2026-11-23T10:00:00')]]);
    // Whatever the department's outcome for this report, it is fixed or closed within 28 days (9 working days at most).
    gov.clock.set(TEST_NOW + 28 * DAY_MS);
    const later = await verifiedToken(gov.government, 'r02');
    const done = await reportOf(gov, later, report.id);
    expect(['fixed', 'closed']).toContain(done.status);
    expect(done.open311Status).toBe('closed');
    expect(done.sla.overdue).toBe(false);
    expect([done.canRate, done.canReopen, done.next]).toEqual([true, true, ['rate-or-reopen']]);
    const statuses = done.history.map((e) => e.status);
    expect(statuses.slice(0, 3)).toEqual(['submitted', 'confirmed', 'investigating']);
    expect(done.history.map((e) => e.at)).toEqual([...done.history.map((e) => e.at)].sort((a, b) => a - b));
    expect(done.updatedAt).toBe(done.history[done.history.length - 1].at);
    if (done.status === 'closed') expect(['not-responsible', 'duplicate', 'unable-to-fix']).toContain(done.closedReason);
    expect(await reportOf(gov, later, report.id)).toEqual(done);
  });

  it('takes a category added to the seed list, rendering and checking its extra fields generically, in whatever order they come', async () => {
    const graffiti: ServiceSeed = {
      code: 'graffiti',
      name: { zh: '乱涂乱画', en: 'Graffiti' },
      group: { zh: '市容设施', en: 'Street furniture' },
      description: { zh: '墙面、设施上的涂鸦', en: 'Graffiti on walls and street furniture' },
      keywords: ['涂鸦', 'graffiti'],
      department: 'city-lighting',
      sla: 'complex',
      attributes: [
        { code: 'surfaces', datatype: 'multivaluelist', required: true, order: 3, description: { zh: '在哪里', en: 'Where' }, values: [{ key: 'wall', name: { zh: '墙面', en: 'Wall' } }, { key: 'pole', name: { zh: '灯杆', en: 'Pole' } }] },
        { code: 'area-m2', datatype: 'number', required: true, order: 2, min: 0.1, max: 500, description: { zh: '面积（平方米）', en: 'Area in m²' } },
        { code: 'seen-at', datatype: 'datetime', required: false, order: 4, description: { zh: '发现时间', en: 'When you saw it' } },
        { code: 'words', datatype: 'text', required: false, order: 5, description: { zh: '写了什么', en: 'What it says' } },
        { code: 'offensive', datatype: 'singlevaluelist', required: true, order: 1, description: { zh: '是否冒犯', en: 'Is it offensive' }, values: [{ key: 'yes', name: { zh: '是', en: 'Yes' } }, { key: 'no', name: { zh: '否', en: 'No' } }] },
        { code: 'building', datatype: 'string', required: false, order: 6, description: { zh: '楼名', en: 'Building' } },
      ],
    };
    SERVICES.push(graffiti);
    try {
      expect((await call<ServicesResponse>(gov, li, 'GET', '/reports/services')).items.map((s) => s.service_code)).toContain('graffiti');
      const definition = await call<ServiceDefinition>(gov, li, 'GET', '/reports/services/graffiti');
      expect(definition.attributes.map((a) => a.code)).toEqual(['offensive', 'area-m2', 'surfaces', 'seen-at', 'words', 'building']);
      const body = (attributes: Record<string, unknown>) => ({ serviceCode: 'graffiti', description: '桥墩上有大面积涂鸦', location: { address: '海珠桥北桥墩', district: 'haizhu' }, attributes });
      const { report } = await file(gov, li, body({ words: '  某某到此一游 ', surfaces: ['pole', 'wall'], 'seen-at': '2026-11-22T09:30:00+08:00', offensive: 'no', 'area-m2': 2.5 }));
      expect(report.attributes).toEqual([
        { code: 'offensive', value: 'no' }, { code: 'area-m2', value: 2.5 }, { code: 'surfaces', value: ['pole', 'wall'] }, { code: 'seen-at', value: '2026-11-22T09:30:00+08:00' }, { code: 'words', value: '某某到此一游' },
      ]);
      expect(report).toMatchObject({ service_code: 'graffiti', sla: { kind: 'complex', workingDays: 15 } });
      expect(await fieldsOf(gov, li, body({}))).toEqual({ 'attributes.offensive': 'ATTRIBUTE_REQUIRED', 'attributes.area-m2': 'ATTRIBUTE_REQUIRED', 'attributes.surfaces': 'ATTRIBUTE_REQUIRED' });
      expect(await fieldsOf(gov, li, body({ offensive: 'maybe', 'area-m2': '2', surfaces: ['wall', 'roof'], 'seen-at': 'yesterday', words: 7, building: ['A'], colour: 'red' }))).toEqual({
        'attributes.offensive': 'ATTRIBUTE_VALUE', 'attributes.area-m2': 'ATTRIBUTE_TYPE', 'attributes.surfaces': 'ATTRIBUTE_VALUE', 'attributes.seen-at': 'ATTRIBUTE_TYPE',
        'attributes.words': 'ATTRIBUTE_TYPE', 'attributes.building': 'ATTRIBUTE_TYPE', 'attributes.colour': 'ATTRIBUTE_UNKNOWN',
      });
      expect(await fieldsOf(gov, li, body({ offensive: 'no', 'area-m2': 900, surfaces: ['wall', 'wall'], 'seen-at': '2026-11-23T09:30:00+08:00' }))).toEqual({
        'attributes.area-m2': 'ATTRIBUTE_VALUE', 'attributes.surfaces': 'ATTRIBUTE_VALUE', 'attributes.seen-at': 'ATTRIBUTE_VALUE',
      });
      expect(await fieldsOf(gov, li, body({ offensive: 'no', 'area-m2': 1, surfaces: [], 'seen-at': '2026-02-30T09:30:00+08:00' }))).toEqual({ 'attributes.surfaces': 'ATTRIBUTE_REQUIRED', 'attributes.seen-at': 'ATTRIBUTE_TYPE' });
      expect(await fieldsOf(gov, li, { ...body({ offensive: 'no', 'area-m2': 1, surfaces: ['wall'] }), attributes: ['no'] })).toEqual({ attributes: 'WRONG_TYPE' });
    } finally {
      SERVICES.splice(SERVICES.indexOf(graffiti), 1);
    }
  });

  it('checks the description, the place and the contact, each with its own code', async () => {
    expect(await fieldsOf(gov, li, lightBody({ description: '  \u200b ' }))).toEqual({ description: 'DESCRIPTION_REQUIRED' });
    expect(await fieldsOf(gov, li, lightBody({ description: undefined }))).toEqual({ description: 'DESCRIPTION_REQUIRED' });
    expect(await fieldsOf(gov, li, lightBody({ description: '灯'.repeat(4001) }))).toEqual({ description: 'DESCRIPTION_TOO_LONG' });
    const longest = await file(gov, li, lightBody({ description: ` ${'灯'.repeat(4000)}\n` }));
    expect(Array.from(longest.report.description)).toHaveLength(4000);
    const lines = await file(gov, li, lightBody({ description: '第一行\r\n第二行' }));
    expect(lines.report.description).toBe('第一行\n第二行');
    // Shenzhen and Beijing are outside Guangzhou's districts; an unknown district is its own code.
    expect(await fieldsOf(gov, li, lightBody({ location: { lat: 22.5431, long: 114.0579 } }))).toEqual({ location: 'OUTSIDE_CITY' });
    expect(await fieldsOf(gov, li, lightBody({ location: { lat: 39.9042, long: 116.4074 } }))).toEqual({ location: 'OUTSIDE_CITY' });
    expect(await fieldsOf(gov, li, lightBody({ location: { address: '某路 1 号', district: 'futian' } }))).toEqual({ 'location.district': 'DISTRICT_UNKNOWN' });
    expect(await fieldsOf(gov, li, lightBody({ location: {} }))).toEqual({ 'location.address': 'REQUIRED', 'location.district': 'REQUIRED' });
    expect(await fieldsOf(gov, li, lightBody({ location: { lat: 123, long: 'east' } }))).toEqual({ 'location.lat': 'OUT_OF_RANGE', 'location.long': 'WRONG_TYPE' });
    expect(await fieldsOf(gov, li, lightBody({ location: undefined }))).toEqual({ location: 'REQUIRED' });
    expect(await fieldsOf(gov, li, lightBody({ location: 'Tianhe' }))).toEqual({ location: 'WRONG_TYPE' });
    expect(await fieldsOf(gov, li, lightBody({ location: { address: '路'.repeat(201), district: 'tianhe' } }))).toEqual({ 'location.address': 'TOO_LONG' });
    expect(await fieldsOf(gov, li, lightBody({ contact: { name: 'Li1', mobile: '12345' } }))).toEqual({ 'contact.name': 'NAME_CHARS', 'contact.mobile': 'MOBILE_FORMAT' });
    expect(await fieldsOf(gov, li, lightBody({ contact: '13800000002' }))).toEqual({ contact: 'WRONG_TYPE' });
    expect(await fieldsOf(gov, li, lightBody({ serviceCode: 'ufo' }))).toEqual({ serviceCode: 'SERVICE_UNKNOWN' });
    expect(await fieldsOf(gov, li, lightBody({ keepNamePrivate: 'yes' }))).toEqual({ keepNamePrivate: 'WRONG_TYPE' });
  });

  it('takes JPEG and PNG photos up to 9 a report, each the caller\'s and unexpired', async () => {
    const png = await upload(gov, li, pngFile(4096));
    expect([png.status, png.body.photo.type, png.body.photo.expiresAt]).toEqual([201, 'png', TEST_NOW + 72 * HOUR]);
    const gif = await upload(gov, li, new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0]));
    expect([gif.status, gif.body.error?.fields]).toEqual([422, { photo: 'PHOTO_TYPE' }]);
    const ten: string[] = [];
    for (let i = 0; i < 10; i += 1) ten.push(await photoId(gov, li, jpegPhoto(640, 480, 2048 + i)));
    expect(await fieldsOf(gov, li, lightBody({ photoIds: ten }))).toEqual({ photoIds: 'PHOTOS_TOO_MANY' });
    expect(await fieldsOf(gov, li, lightBody({ photoIds: [ten[0], ten[0]] }))).toEqual({ photoIds: 'PHOTO_DUPLICATE' });
    const nine = await file(gov, li, lightBody({ photoIds: ten.slice(0, 9) }));
    expect(nine.report.photos).toHaveLength(9);
    const chen = await verifiedToken(gov.government, 'r03');
    expect(await fieldsOf(gov, chen, lightBody({ photoIds: [ten[9]] }))).toEqual({ photoIds: 'PHOTO_NOT_FOUND' });
    // Unused for 72 hours, the last one is gone; the nine with the report stay.
    gov.clock.advance(72 * HOUR);
    expect(await fieldsOf(gov, li, lightBody({ photoIds: [ten[9]] }))).toEqual({ photoIds: 'PHOTO_NOT_FOUND' });
    expect((await reportOf(gov, li, nine.report.id)).photos).toHaveLength(9);
  });

  it('offers open reports of the same category within 50 m, masked; following one puts it in my list, readable but not mine to rate', async () => {
    const offered = await nearby(gov, li, 'street-light', NEAR_LIGHT);
    expect(offered.radiusMetres).toBe(50);
    expect(offered.items.map((r) => [r.id, r.status, r.mine, r.following])).toEqual([['rp-seed-light', 'investigating', false, false]]);
    expect(offered.items[0].distanceMetres).toBeGreaterThanOrEqual(19);
    expect(offered.items[0].distanceMetres).toBeLessThanOrEqual(21);
    expect(JSON.stringify(offered)).not.toMatch(/陈静|13800000003|0003/);
    // 60 m away, or another category at the same place: nothing.
    expect((await nearby(gov, li, 'street-light', { lat: SEEDED_LIGHT_POINT.lat + 0.00054, long: SEEDED_LIGHT_POINT.long })).items).toEqual([]);
    expect((await nearby(gov, li, 'fallen-tree', SEEDED_LIGHT_POINT)).items).toEqual([]);

    const followed = await call<Report>(gov, li, 'POST', '/reports/rp-seed-light/follow');
    expect(followed).toMatchObject({ id: 'rp-seed-light', role: 'follower', reporter: null, followers: 1, canRate: false, canReopen: false });
    expect((await call<Report>(gov, li, 'POST', '/reports/rp-seed-light/follow')).followers).toBe(1);
    expect((await nearby(gov, li, 'street-light', NEAR_LIGHT)).items[0]).toMatchObject({ following: true, followers: 1 });
    const list = await call<ReportsResponse>(gov, li, 'GET', '/reports');
    expect(list.items[0]).toMatchObject({ id: 'rp-seed-light', role: 'follower', status: 'investigating' });
    const chen = await verifiedToken(gov.government, 'r03');
    expect((await request(gov, chen, 'POST', '/reports/rp-seed-light/follow')).body.error?.code).toBe('OWN_REPORT');
    expect((await reportOf(gov, chen, 'rp-seed-light')).reporter).toEqual({ contact: { name: '陈静', mobile: '138****0003' }, keepNamePrivate: true });

    // Fixed at 17:00 on the sixth day: no longer offered; a new follower is refused; mine stays readable, not rateable.
    gov.clock.set(cst('2026-11-28T17:00:00'));
    expect((await nearby(gov, li, 'street-light', NEAR_LIGHT)).items).toEqual([]);
    const huang = await verifiedToken(gov.government, 'r09');
    expect((await request(gov, huang, 'POST', '/reports/rp-seed-light/follow')).body.error?.code).toBe('REPORT_CLOSED');
    expect((await reportOf(gov, li, 'rp-seed-light')).status).toBe('fixed');
    expect((await request(gov, li, 'POST', '/reports/rp-seed-light/rating', { stars: 5 })).body.error?.code).toBe('NOT_REPORTER');
    const stop = await gov.government.handle({ method: 'DELETE', path: '/reports/rp-seed-light/follow', headers: { authorization: `Bearer ${li}`, 'idempotency-key': 'unfollow' } });
    expect(stop).toEqual({ status: 200, body: { unfollowed: true } });
    expect((await request(gov, li, 'GET', '/reports/rp-seed-light')).status).toBe(404);
  });

  it('lists mine newest first, a page at a time, with the seeded overdue report flagged until it is fixed', async () => {
    const first = await file(gov, li, lightBody());
    gov.clock.advance(HOUR);
    const second = await file(gov, li, lightBody({ serviceCode: 'fallen-tree', attributes: { blocking: 'footpath' } }));
    const all = await call<ReportsResponse>(gov, li, 'GET', '/reports');
    expect(all.items.map((r) => r.id)).toEqual([second.report.id, first.report.id, 'rp-seed-drain', 'rp-seed-road']);
    expect([all.total, all.offset, all.limit]).toEqual([4, 0, 20]);
    const page = await call<ReportsResponse>(gov, li, 'GET', '/reports?offset=1&limit=2');
    expect(page.items.map((r) => r.id)).toEqual([first.report.id, 'rp-seed-drain']);
    expect((await request(gov, li, 'GET', '/reports?limit=0')).body.error?.fields).toEqual({ limit: 'OUT_OF_RANGE' });
    // The road damage (complex, 15 working days) was due on 18 November and is still being worked on.
    const road = all.items[3];
    expect(road).toMatchObject({ status: 'action-scheduled', open311Status: 'open', expectedBy: '2026-11-18', overdue: true, department: { id: 'roads' } });
    gov.clock.set(cst('2026-11-27T17:00:00'));
    const fixed = await reportOf(gov, li, 'rp-seed-road');
    expect([fixed.status, fixed.sla.overdue, fixed.history.map((e) => e.status)]).toEqual(['fixed', false, ['submitted', 'confirmed', 'investigating', 'in-progress', 'action-scheduled', 'fixed']]);
  });

  it('rates a fixed report once (a poor rating always taken) and reopens it once as not fixed, with a new SLA', async () => {
    const drain = await reportOf(gov, li, 'rp-seed-drain');
    expect([drain.status, drain.canRate, drain.canReopen, drain.next]).toEqual(['fixed', true, true, ['rate-or-reopen']]);
    const rated = await call<Report>(gov, li, 'POST', '/reports/rp-seed-drain/rating', { stars: 1 });
    expect(rated.rating).toEqual({ stars: 1, comment: '', at: TEST_NOW, poor: true });
    expect(rated.canRate).toBe(false);
    expect((await request(gov, li, 'POST', '/reports/rp-seed-drain/rating', { stars: 5, comment: '其实修好了' })).body.error?.code).toBe('ALREADY_RATED');

    const reopened = await call<Report>(gov, li, 'POST', '/reports/rp-seed-drain/reopen', { reason: '下雨时还是积水' });
    expect(reopened).toMatchObject({ status: 'in-progress', open311Status: 'open', reopened: { at: TEST_NOW, reason: '下雨时还是积水' }, canReopen: false, next: ['department-reviews'] });
    expect(reopened.history[reopened.history.length - 1]).toEqual({ status: 'in-progress', at: TEST_NOW, note: 'reopened' });
    expect(reopened.sla).toEqual({ kind: 'ordinary', workingDays: 7, startedAt: TEST_NOW, expectedBy: '2026-12-01', overdue: false });
    expect((await request(gov, li, 'POST', '/reports/rp-seed-drain/reopen', { reason: '还是没修好' })).body.error?.code).toBe('REPORT_OPEN');
    gov.clock.advance(20 * DAY_MS);
    const again = await reportOf(gov, li, 'rp-seed-drain');
    expect(['fixed', 'closed']).toContain(again.status);
    expect((await request(gov, li, 'POST', '/reports/rp-seed-drain/reopen', { reason: '还是没修好' })).body.error?.code).toBe('ALREADY_REOPENED');

    const { report } = await file(gov, li, lightBody());
    expect((await request(gov, li, 'POST', `/reports/${report.id}/rating`, { stars: 4 })).body.error?.code).toBe('REPORT_OPEN');
    expect((await request(gov, li, 'POST', '/reports/rp-seed-drain/reopen', {})).body.error?.fields).toEqual({ reason: 'REQUIRED' });
    for (const stars of [0, 6]) expect((await request(gov, li, 'POST', `/reports/${report.id}/rating`, { stars })).body.error?.fields).toEqual({ stars: 'STARS_RANGE' });
    expect((await request(gov, li, 'POST', `/reports/${report.id}/rating`, { stars: 2.5 })).body.error?.fields).toEqual({ stars: 'WRONG_TYPE' });
    // 40 days after the start: the session has ended, so verify again.
    gov.clock.advance(20 * DAY_MS);
    li = await verifiedToken(gov.government, 'r02');
    const praised = await call<Report>(gov, li, 'POST', `/reports/${report.id}/rating`, { stars: 5, comment: ' 很快就修好了 ' });
    expect(praised.rating).toMatchObject({ stars: 5, comment: '很快就修好了', poor: false });
  });

  it('deleting one\'s data leaves the reports with the department without the name or contact, and drops follows and waiting photos', async () => {
    const chen = await verifiedToken(gov.government, 'r03');
    await call<Report>(gov, li, 'POST', '/reports/rp-seed-light/follow');
    const waiting = await photoId(gov, chen);
    const { report } = await file(gov, chen, lightBody({ contact: { name: '陈静', mobile: '13800000003' } }));
    const res = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${chen}`, 'idempotency-key': 'forget' } });
    expect(res.status).toBe(200);
    const body = res.body as { deleted: Record<string, number>; kept: { kind: string; count: number; until: number | null }[] };
    // Her seeded light and the one just filed; she followed the seeded road damage.
    expect(body.deleted).toMatchObject({ reportContacts: 2, reportFollows: 1, reportPhotos: 1 });
    expect(body.kept).toContainEqual({ kind: 'reports-register', count: 2, until: null });
    const stored = JSON.stringify(gov.government.inspect().agencies.reports);
    expect(stored).not.toContain('13800000003');
    expect(stored).not.toContain('陈静');
    expect(stored).not.toContain(waiting);
    // Still open and offered nearby, still followed by Li; Chen, verifying again, finds none of it hers.
    expect((await nearby(gov, li, 'street-light', NEAR_LIGHT)).items.map((r) => r.id)).toEqual([report.id, 'rp-seed-light']);
    expect((await reportOf(gov, li, 'rp-seed-light')).followers).toBe(1);
    expect((await reportOf(gov, li, 'rp-seed-road')).followers).toBe(0);
    const back = await verifiedToken(gov.government, 'r03');
    expect((await call<ReportsResponse>(gov, back, 'GET', '/reports')).items).toEqual([]);
    expect((await request(gov, back, 'GET', `/reports/${report.id}`)).status).toBe(404);
  });
});
