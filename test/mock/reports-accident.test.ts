// A minor traffic accident settled on the spot: both plates, photos from the angles the police ask for,
// the other driver confirming with the code and their own plate (or disagreeing, or never answering, or
// the police's review chosen at once), both told to move the cars, then the settlement booked at a desk
// through the shared appointment engine and attended.
import { ACCIDENT_ANGLES, type AccidentDesksResponse, type AccidentInvitation, type CreateReportResponse, type DeskDaysResponse, type Report, type ReportsResponse } from '../../miniprogram/contracts/reports';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { encodeBase64 } from '../../miniprogram/mock/base64';
import { TEST_NOW, createClock, createTestGovernment, verifiedToken, type TestGovernment } from '../helpers/government';
import { jpegPhoto } from '../helpers/photos';
import { call, request } from '../packages/civil/helpers';

const cst = (text: string): number => Date.parse(`${text}+08:00`);
const HOUR = 3600 * 1000;
const LI_PLATE = '粤B12345';
const ZHAO_PLATE = '粤A88888';

let keys = 0;
async function photos(gov: TestGovernment, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await gov.government.handle({
      method: 'POST',
      path: '/reports/photos',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': `accident-photo-${(keys += 1)}` },
      body: '{}',
      file: { field: 'photo', base64: encodeBase64(jpegPhoto(1600, 1200, 64 * 1024 + i)) },
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    ids.push((res.body as { photo: { id: string } }).photo.id);
  }
  return ids;
}

async function accidentBody(gov: TestGovernment, token: string, responsibility: 'agreed' | 'police-review' = 'agreed', more: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const ids = await photos(gov, token, ACCIDENT_ANGLES.length);
  return {
    serviceCode: 'minor-accident',
    description: '变道时与对方车辆右后方剐蹭，无人受伤。',
    location: { lat: 23.1291, long: 113.3356, address: '天河路与体育东路路口' },
    photoIds: ids,
    attributes: { 'own-plate': '粤b 12345', 'other-plate': ZHAO_PLATE, positions: 'lane-change' },
    accident: { responsibility, angles: ACCIDENT_ANGLES.map((angle, i) => ({ photoId: ids[i], angle })) },
    ...more,
  };
}

const reportOf = (gov: TestGovernment, token: string, id: string) => call<Report>(gov, token, 'GET', `/reports/${id}`);
const confirm = (gov: TestGovernment, token: string, id: string, body: Record<string, unknown>) => request<Report>(gov, token, 'POST', `/reports/accidents/${id}/confirm`, body);

describe('a minor traffic accident', () => {
  let gov: TestGovernment;
  let li: string;
  let zhao: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = await verifiedToken(gov.government, 'r02');
    zhao = await verifiedToken(gov.government, 'r06');
  });

  it('agreed on the spot: both told to move the cars, the other driver confirms, the settlement is booked and attended', async () => {
    const { report, invitation } = await call<CreateReportResponse>(gov, li, 'POST', '/reports', await accidentBody(gov, li));
    expect(invitation?.code).toMatch(/^[0-9A-Z]{8}$/);
    expect(invitation?.expiresAt).toBe(TEST_NOW + 24 * HOUR);
    expect(report).toMatchObject({ service_code: 'minor-accident', status: 'submitted', department: { id: 'traffic-police' }, next: ['move-vehicles', 'other-driver-confirms'] });
    expect(report.accident).toMatchObject({
      responsibility: 'agreed', confirmation: 'awaiting', confirmBy: TEST_NOW + 24 * HOUR, review: null, plates: { own: LI_PLATE, other: ZHAO_PLATE },
      otherDriver: null, appointment: null, canBook: false, moveVehicles: true,
    });
    expect(report.accident?.angles.map((a) => a.angle)).toEqual([...ACCIDENT_ANGLES]);
    // Between the parties only: never offered nearby, never followed.
    expect((await call<{ items: unknown[] }>(gov, zhao, 'GET', '/reports/nearby?serviceCode=minor-accident&lat=23.1291&long=113.3356')).items).toEqual([]);
    expect((await request(gov, zhao, 'POST', `/reports/${report.id}/follow`)).status).toBe(404);
    expect((await request(gov, zhao, 'GET', `/reports/${report.id}`)).status).toBe(404);

    gov.clock.advance(10 * 60 * 1000);
    const confirmed = await confirm(gov, zhao, report.id, { code: invitation?.code.toLowerCase(), plate: '粤a·88888', agree: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ role: 'other-driver', status: 'confirmed', reporter: null, canRate: false, next: [] });
    expect(confirmed.body.accident?.plates).toEqual({ own: LI_PLATE, other: ZHAO_PLATE });
    expect((await call<ReportsResponse>(gov, zhao, 'GET', '/reports')).items.map((r) => [r.id, r.role])).toEqual([[report.id, 'other-driver']]);
    expect((await call<RecordsResponse>(gov, zhao, 'GET', '/records')).items.filter((r) => r.kind === 'report').map((r) => r.reference)).toEqual([report.reference]);
    // Asking again after a lost answer gives the case as it is.
    expect((await confirm(gov, zhao, report.id, { code: invitation?.code, plate: ZHAO_PLATE, agree: true })).status).toBe(200);
    const mine = await reportOf(gov, li, report.id);
    expect(mine.accident).toMatchObject({ confirmation: 'agreed', otherDriver: { name: '*磊' }, canBook: true });
    expect(mine.history.map((e) => [e.status, e.note])).toEqual([['submitted', undefined], ['confirmed', 'agreed']]);
    expect(mine.next).toEqual(['book-settlement']);

    const desks = (await call<AccidentDesksResponse>(gov, li, 'GET', '/reports/accidents/desks')).items;
    expect(desks.map((d) => d.id)).toEqual(['kc-tianhe', 'kc-baiyun', 'kc-panyu']);
    const { days } = await call<DeskDaysResponse>(gov, li, 'GET', '/reports/accidents/desks/kc-tianhe/days');
    // Sunday today: closed; Monday's four windows ahead.
    expect(days).toHaveLength(8);
    expect([days[0].date, days[0].status, days[1].date]).toEqual(['2026-11-22', 'closed', '2026-11-23']);
    expect(days[1].windows.map((w) => w.id)).toEqual(['am1', 'am2', 'pm1', 'pm2']);
    const before = days[1].windows[0].remaining;
    expect(before).toBeGreaterThan(0);
    expect((await request(gov, zhao, 'POST', `/reports/accidents/${report.id}/appointment`, { deskId: 'kc-tianhe', date: '2026-11-23', window: 'am1' })).body.error?.code).toBe('NOT_REPORTER');
    const booked = await request<Report>(gov, li, 'POST', `/reports/accidents/${report.id}/appointment`, { deskId: 'kc-tianhe', date: '2026-11-23', window: 'am1' });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ status: 'action-scheduled', next: ['attend-settlement'] });
    expect(booked.body.accident?.appointment).toMatchObject({ desk: { id: 'kc-tianhe' }, date: '2026-11-23', window: 'am1', start: '09:00', end: '10:30', startsAt: cst('2026-11-23T09:00:00'), status: 'booked' });
    expect(booked.body.accident?.appointment?.reference).toMatch(/^KC20261122\d{6}$/);
    expect(booked.body.accident?.canBook).toBe(false);
    const after = await call<DeskDaysResponse>(gov, li, 'GET', '/reports/accidents/desks/kc-tianhe/days');
    expect(after.days[1].windows[0].remaining).toBe(before - 1);
    expect((await request(gov, li, 'POST', `/reports/accidents/${report.id}/appointment`, { deskId: 'kc-tianhe', date: '2026-11-23', window: 'am2' })).body.error?.code).toBe('ALREADY_BOOKED');
    // The other driver sees the appointment too.
    expect((await reportOf(gov, zhao, report.id)).next).toEqual(['attend-settlement']);

    gov.clock.set(cst('2026-11-23T10:30:00'));
    const settled = await reportOf(gov, li, report.id);
    expect(settled).toMatchObject({ status: 'fixed', open311Status: 'closed', canRate: true, canReopen: false, next: ['rate-or-reopen'] });
    expect(settled.history.slice(-2)).toEqual([{ status: 'action-scheduled', at: TEST_NOW + 10 * 60 * 1000, note: 'settlement-booked' }, { status: 'fixed', at: cst('2026-11-23T10:30:00'), note: 'settled' }]);
    expect(settled.accident?.appointment?.status).toBe('attended');
    expect((await request(gov, li, 'POST', `/reports/${report.id}/reopen`, { reason: '对方不认' })).body.error?.code).toBe('NOT_REOPENABLE');
    expect((await call<Report>(gov, li, 'POST', `/reports/${report.id}/rating`, { stars: 5 })).rating?.stars).toBe(5);
  });

  it('disagreeing sends the case to the police\'s online review, decided by 17:00 of the next working day; then the settlement can be booked', async () => {
    const { report, invitation } = await call<CreateReportResponse>(gov, li, 'POST', '/reports', await accidentBody(gov, li));
    const disagreed = await confirm(gov, zhao, report.id, { code: invitation?.code, plate: ZHAO_PLATE, agree: false });
    expect(disagreed.body).toMatchObject({ status: 'investigating' });
    const mine = await reportOf(gov, li, report.id);
    expect(mine.accident).toMatchObject({ confirmation: 'disagreed', review: { startedAt: TEST_NOW, decidedAt: null }, canBook: false });
    expect(mine.next).toEqual(['move-vehicles', 'police-review']);
    const early = await request(gov, li, 'POST', `/reports/accidents/${report.id}/appointment`, { deskId: 'kc-baiyun', date: '2026-11-24', window: 'pm1' });
    expect([early.status, early.body.error?.code]).toEqual([409, 'RESPONSIBILITY_PENDING']);
    gov.clock.set(cst('2026-11-23T17:00:00'));
    const decided = await reportOf(gov, li, report.id);
    expect(decided).toMatchObject({ status: 'in-progress', next: ['book-settlement'] });
    expect(decided.accident?.review).toEqual({ startedAt: TEST_NOW, decidedAt: cst('2026-11-23T17:00:00') });
    expect(decided.history.map((e) => e.note)).toEqual([undefined, 'disagreed', 'review-decided']);
    expect((await request(gov, li, 'POST', `/reports/accidents/${report.id}/appointment`, { deskId: 'kc-baiyun', date: '2026-11-24', window: 'pm1' })).status).toBe(201);
  });

  it('nobody confirming within 24 hours, or the police\'s review chosen at once, goes to the review without a code', async () => {
    const { report, invitation } = await call<CreateReportResponse>(gov, li, 'POST', '/reports', await accidentBody(gov, li));
    gov.clock.set(TEST_NOW + 24 * HOUR);
    const late = await confirm(gov, zhao, report.id, { code: invitation?.code, plate: ZHAO_PLATE, agree: true });
    expect([late.status, late.body.error?.code]).toEqual([410, 'INVITATION_EXPIRED']);
    const unconfirmed = await reportOf(gov, li, report.id);
    expect(unconfirmed.accident).toMatchObject({ confirmation: 'expired', review: { startedAt: TEST_NOW + 24 * HOUR, decidedAt: null } });
    expect(unconfirmed.history.map((e) => [e.status, e.note])).toEqual([['submitted', undefined], ['investigating', 'unconfirmed']]);
    expect((await request(gov, li, 'POST', `/reports/accidents/${report.id}/invitation`)).body.error?.code).toBe('NOT_AWAITING_CONFIRMATION');

    const review = await call<CreateReportResponse>(gov, li, 'POST', '/reports', await accidentBody(gov, li, 'police-review'));
    expect(review.invitation).toBeNull();
    expect(review.report).toMatchObject({ status: 'investigating', next: ['move-vehicles', 'police-review'] });
    expect(review.report.accident).toMatchObject({ responsibility: 'police-review', confirmation: 'not-asked' });
  });

  it('refuses a missing angle, the same plate twice, a bad plate, a code of another case, the wrong plate and one\'s own code, each with its own code', async () => {
    const body = await accidentBody(gov, li);
    const ids = body.photoIds as string[];
    const fields = async (more: Record<string, unknown>) => (await request(gov, li, 'POST', '/reports', { ...body, ...more })).body.error?.fields;
    expect(await fields({ accident: { responsibility: 'agreed', angles: [{ photoId: ids[0], angle: 'scene-front' }, { photoId: ids[1], angle: 'own-vehicle' }] } })).toEqual({
      'accident.angles.scene-rear': 'PHOTO_ANGLE_MISSING', 'accident.angles.other-vehicle': 'PHOTO_ANGLE_MISSING', 'accident.angles.other-plate': 'PHOTO_ANGLE_MISSING',
    });
    expect(await fields({ attributes: { 'own-plate': ZHAO_PLATE, 'other-plate': '粤A 88888', positions: 'rear-end' } })).toEqual({ 'attributes.other-plate': 'PLATES_SAME' });
    expect(await fields({ attributes: { 'own-plate': '粤BI2345', 'other-plate': '沪A1234', positions: 'flying' } })).toEqual({
      'attributes.own-plate': 'PLATE_CHARS', 'attributes.other-plate': 'PLATE_LENGTH', 'attributes.positions': 'ATTRIBUTE_VALUE',
    });
    expect(await fields({ accident: undefined })).toEqual({ accident: 'REQUIRED' });
    expect(await fields({ accident: { responsibility: 'mine', angles: [{ photoId: 'rph-elsewhere', angle: 'scene-front' }] } })).toEqual({ 'accident.responsibility': 'UNKNOWN_RESPONSIBILITY', 'accident.angles': 'PHOTO_NOT_LISTED' });
    expect(await fields({ accident: { responsibility: 'agreed', angles: [{ photoId: ids[0], angle: 'roof' }] } })).toEqual({ 'accident.angles': 'ANGLE_UNKNOWN' });

    const first = await call<CreateReportResponse>(gov, li, 'POST', '/reports', body);
    const second = await call<CreateReportResponse>(gov, li, 'POST', '/reports', await accidentBody(gov, li));
    const other = await confirm(gov, zhao, first.report.id, { code: second.invitation?.code, plate: ZHAO_PLATE, agree: true });
    expect([other.status, other.body.error?.code]).toEqual([409, 'INVITATION_OTHER_CASE']);
    const wrongPlate = await confirm(gov, zhao, first.report.id, { code: first.invitation?.code, plate: '粤B54321', agree: true });
    expect([wrongPlate.status, wrongPlate.body.error?.fields]).toEqual([422, { plate: 'PLATE_MISMATCH' }]);
    expect((await confirm(gov, zhao, first.report.id, { code: first.invitation?.code, plate: '粤', agree: true })).body.error?.fields).toEqual({ plate: 'PLATE_LENGTH' });
    expect((await confirm(gov, zhao, first.report.id, { code: 'ZZZZZZZZ', plate: ZHAO_PLATE, agree: true })).body.error?.code).toBe('INVITATION_NOT_FOUND');
    expect((await confirm(gov, li, first.report.id, { code: first.invitation?.code, plate: ZHAO_PLATE, agree: true })).body.error?.code).toBe('INVITATION_OWN');
    expect((await confirm(gov, zhao, first.report.id, { code: first.invitation?.code, plate: ZHAO_PLATE })).body.error?.fields).toEqual({ agree: 'REQUIRED' });
    // A new code for the other driver: the first stops working.
    const fresh = await call<AccidentInvitation>(gov, li, 'POST', `/reports/accidents/${first.report.id}/invitation`);
    expect(fresh.expiresAt).toBe(TEST_NOW + 24 * HOUR);
    expect((await confirm(gov, zhao, first.report.id, { code: first.invitation?.code, plate: ZHAO_PLATE, agree: true })).body.error?.code).toBe('INVITATION_REVOKED');
    expect((await confirm(gov, zhao, first.report.id, { code: fresh.code, plate: ZHAO_PLATE, agree: true })).status).toBe(200);
    // Someone else with the same code afterwards: used.
    const huang = await verifiedToken(gov.government, 'r09');
    expect((await confirm(gov, huang, first.report.id, { code: fresh.code, plate: ZHAO_PLATE, agree: true })).body.error?.code).toBe('INVITATION_USED');
    // A street light is no accident.
    const light = await call<CreateReportResponse>(gov, li, 'POST', '/reports', { serviceCode: 'street-light', description: '灯坏了', location: { address: '天河路', district: 'tianhe' }, attributes: { 'light-state': 'off' } });
    expect((await request(gov, li, 'POST', `/reports/accidents/${light.report.id}/appointment`, { deskId: 'kc-tianhe', date: '2026-11-23', window: 'am1' })).body.error?.code).toBe('NOT_AN_ACCIDENT');
  });

  it('replays the filing without the code, and checks the settlement\'s desk, day and window', async () => {
    const body = await accidentBody(gov, li);
    const first = await request<CreateReportResponse>(gov, li, 'POST', '/reports', body, 'accident-key');
    const again = await request<CreateReportResponse>(gov, li, 'POST', '/reports', body, 'accident-key');
    expect([first.status, again.status, again.body.report.id]).toEqual([201, 201, first.body.report.id]);
    expect(first.body.invitation?.code).toHaveLength(8);
    expect(again.body.invitation).toEqual({ code: '', expiresAt: TEST_NOW + 24 * HOUR });
    expect(JSON.stringify(gov.government.inspect())).not.toContain(first.body.invitation?.code);
    const id = first.body.report.id;
    await confirm(gov, zhao, id, { code: first.body.invitation?.code, plate: ZHAO_PLATE, agree: true });
    const book = async (more: Record<string, unknown>) => (await request(gov, li, 'POST', `/reports/accidents/${id}/appointment`, { deskId: 'kc-tianhe', date: '2026-11-23', window: 'am1', ...more })).body.error?.fields;
    expect(await book({ deskId: 'kc-nowhere', date: '2026-13-01', window: 'night' })).toEqual({ deskId: 'DESK_NOT_FOUND', date: 'DATE_FORMAT', window: 'WINDOW_UNKNOWN' });
    expect(await book({ date: '2026-11-21' })).toEqual({ date: 'DATE_PAST' });
    expect(await book({ date: '2026-12-01' })).toEqual({ date: 'DATE_TOO_FAR' });
    expect(await book({ date: '2026-11-28' })).toEqual({ date: 'DESK_CLOSED' });
    expect((await request(gov, li, 'GET', '/reports/accidents/desks/kc-nowhere/days')).status).toBe(404);
  });
});
