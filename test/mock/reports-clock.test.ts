// Review of issue 13 at the clock's edges: the SLA's expected day across a weekend, a seed holiday and its
// make-up Saturday, a report filed either side of midnight CST, overdue flipping at the first moment after
// the expected day (and clearing the moment a report is fixed), and the other driver's 24-hour window.
import { ACCIDENT_ANGLES, type CreateReportResponse, type Report, type ReportsResponse } from '../../miniprogram/contracts/reports';
import { createWorkflow } from '../../miniprogram/agencies/reports/workflow';
import { createCalendar } from '../../miniprogram/mock/calendar';
import { hashKey } from '../../miniprogram/mock/random';
import { encodeBase64 } from '../../miniprogram/mock/base64';
import { DAY_MS } from '../../miniprogram/core/dates';
import { createClock, createTestGovernment, verifiedToken, type TestGovernment } from '../helpers/government';
import { jpegPhoto } from '../helpers/photos';
import { call, request, type Gov } from '../packages/civil/helpers';

const cst = (text: string): number => Date.parse(`${text}+08:00`);
const HOUR = 3600 * 1000;
const LIGHT = { serviceCode: 'street-light', description: '路灯不亮', location: { lat: 23.1291, long: 113.2644 }, attributes: { 'light-state': 'off' } };
const ROAD = { serviceCode: 'road-damage', description: '路面有坑', location: { lat: 23.1291, long: 113.2644 }, attributes: { 'size-m': 1 } };

let keys = 0;
async function accident(gov: Gov, token: string, responsibility: 'agreed' | 'police-review'): Promise<CreateReportResponse> {
  const ids: string[] = [];
  for (let i = 0; i < ACCIDENT_ANGLES.length; i += 1) {
    const res = await gov.government.handle({ method: 'POST', path: '/reports/photos', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `review13-clock-${(keys += 1)}` }, body: '{}', file: { field: 'photo', base64: encodeBase64(jpegPhoto(800, 600, 4096 + i)) } });
    ids.push((res.body as { photo: { id: string } }).photo.id);
  }
  return call<CreateReportResponse>(gov, token, 'POST', '/reports', {
    serviceCode: 'minor-accident', description: '剐蹭', location: { lat: 23.1291, long: 113.3356 }, photoIds: ids,
    attributes: { 'own-plate': '粤B12345', 'other-plate': '粤A88888', positions: 'rear-end' },
    accident: { responsibility, angles: ACCIDENT_ANGLES.map((angle, i) => ({ photoId: ids[i], angle })) },
  });
}

async function at(moment: number): Promise<{ gov: TestGovernment; li: string }> {
  const gov = createTestGovernment(createClock(moment));
  return { gov, li: await verifiedToken(gov.government, 'r02') };
}

describe('reports at the clock\'s edges', () => {
  it('counts the SLA across the National Day holiday and its make-up Saturday: ordinary 7, complex 15 working days', async () => {
    const { gov, li } = await at(cst('2026-09-30T10:00:00'));
    // 10-01..10-07 off; 10-08 (1), 10-09 (2), Saturday 10-10 worked (3), 10-12 (4) .. 10-15 (7).
    expect((await call<CreateReportResponse>(gov, li, 'POST', '/reports', LIGHT)).report.sla).toMatchObject({ kind: 'ordinary', workingDays: 7, expectedBy: '2026-10-15', overdue: false });
    // .. 10-16 (8), 10-19 (9) .. 10-23 (13), 10-26 (14), 10-27 (15).
    expect((await call<CreateReportResponse>(gov, li, 'POST', '/reports', ROAD)).report.sla).toMatchObject({ kind: 'complex', workingDays: 15, expectedBy: '2026-10-27' });
  });

  it('a report filed at 23:59:59.999 CST Thursday counts from Thursday, one at 00:00 CST Friday from Friday', async () => {
    const { gov, li } = await at(cst('2026-11-19T23:59:59.999'));
    const thursday = await call<CreateReportResponse>(gov, li, 'POST', '/reports', LIGHT);
    expect(thursday.report.sla.expectedBy).toBe('2026-11-30');
    expect(thursday.report.reference).toMatch(/^RP20261119/);
    gov.clock.advance(1);
    const friday = await call<CreateReportResponse>(gov, li, 'POST', '/reports', LIGHT);
    expect(friday.report.sla.expectedBy).toBe('2026-12-01');
    expect(friday.report.reference).toMatch(/^RP20261120/);
    // Saturday's report counts from Monday, the same day as Friday's.
    gov.clock.set(cst('2026-11-21T12:00:00'));
    expect((await call<CreateReportResponse>(gov, li, 'POST', '/reports', LIGHT)).report.sla.expectedBy).toBe('2026-12-01');
  });

  it('overdue flips at 00:00 CST after the expected day, not a millisecond before (the SLA clock itself)', () => {
    const workflow = createWorkflow(createCalendar(), hashKey);
    const start = cst('2026-11-20T09:00:00');
    const sla = workflow.slaOf('ordinary', start, 'in-progress', start);
    expect(sla.expectedBy).toBe('2026-12-01');
    const flip = cst('2026-12-02T00:00:00');
    expect(workflow.slaOf('ordinary', start, 'in-progress', flip - 1).overdue).toBe(false);
    expect(workflow.slaOf('ordinary', start, 'in-progress', flip).overdue).toBe(true);
    expect(workflow.slaOf('ordinary', start, 'fixed', flip + DAY_MS).overdue).toBe(false);
    expect(workflow.slaOf('ordinary', start, 'closed', flip + DAY_MS).overdue).toBe(false);
  });

  it('through the API: a report left waiting is not overdue at 23:59:59.999 CST of its expected day and is at 00:00, in the list too', async () => {
    const { gov, li } = await at(cst('2026-11-20T09:00:00'));
    const { report } = await accident(gov, li, 'police-review');
    expect(report.sla.expectedBy).toBe('2026-12-01');
    gov.clock.set(cst('2026-12-01T23:59:59.999'));
    const token = await verifiedToken(gov.government, 'r02');
    const before = await call<Report>(gov, token, 'GET', `/reports/${report.id}`);
    expect([before.status, before.sla.overdue]).toEqual(['in-progress', false]);
    gov.clock.advance(1);
    expect((await call<Report>(gov, token, 'GET', `/reports/${report.id}`)).sla.overdue).toBe(true);
    expect((await call<ReportsResponse>(gov, token, 'GET', '/reports')).items.find((i) => i.id === report.id)?.overdue).toBe(true);
  });

  it('the seeded road damage is overdue until 17:00 CST of the day it is fixed, then closed and not overdue', async () => {
    const gov = createTestGovernment(createClock());
    const li = await verifiedToken(gov.government, 'r02');
    const before = await call<Report>(gov, li, 'GET', '/reports/rp-seed-road');
    expect([before.status, before.sla.overdue]).toEqual(['action-scheduled', true]);
    const fixedAt = gov.clock.now() + 5 * DAY_MS + 7 * HOUR; // day 5 17:00 CST (the first run at 10:00 CST)
    gov.clock.set(fixedAt - 1);
    const token = await verifiedToken(gov.government, 'r02');
    expect((await call<Report>(gov, token, 'GET', '/reports/rp-seed-road')).sla.overdue).toBe(true);
    gov.clock.set(fixedAt);
    const fixed = await call<Report>(gov, token, 'GET', '/reports/rp-seed-road');
    expect([fixed.status, fixed.open311Status, fixed.sla.overdue]).toEqual(['fixed', 'closed', false]);
  });

  it('the other driver may confirm until the last millisecond of 24 hours; at 24 hours the code has expired and the police review it', async () => {
    const { gov, li } = await at(cst('2026-11-20T16:30:00'));
    const zhao = await verifiedToken(gov.government, 'r06');
    const early = await accident(gov, li, 'agreed');
    const late = await accident(gov, li, 'agreed');
    const confirmBy = late.report.accident?.confirmBy ?? 0;
    expect(confirmBy - gov.clock.now()).toBe(24 * HOUR);
    expect(late.invitation?.expiresAt).toBe(confirmBy);
    gov.clock.set(confirmBy - 1);
    const inTime = await request<Report>(gov, zhao, 'POST', `/reports/accidents/${early.report.id}/confirm`, { code: early.invitation?.code, plate: '粤A88888', agree: true });
    expect([inTime.status, inTime.body.status]).toEqual([200, 'confirmed']);
    expect((await call<Report>(gov, li, 'GET', `/reports/${late.report.id}`)).accident?.confirmation).toBe('awaiting');
    gov.clock.set(confirmBy);
    const tooLate = await request(gov, zhao, 'POST', `/reports/accidents/${late.report.id}/confirm`, { code: late.invitation?.code, plate: '粤A88888', agree: true });
    expect([tooLate.status, tooLate.body.error?.code]).toEqual([410, 'INVITATION_EXPIRED']);
    const expired = await call<Report>(gov, li, 'GET', `/reports/${late.report.id}`);
    expect([expired.status, expired.accident?.confirmation, expired.history[expired.history.length - 1].note]).toEqual(['investigating', 'expired', 'unconfirmed']);
    expect((await request(gov, li, 'POST', `/reports/accidents/${late.report.id}/invitation`)).body.error?.code).toBe('NOT_AWAITING_CONFIRMATION');
    // Decided at 17:00 CST of the next working day after the window closed (Saturday 16:30 -> Monday 17:00).
    expect(expired.accident?.review?.decidedAt).toBeNull();
    gov.clock.set(cst('2026-11-23T16:59:59.999'));
    const token = await verifiedToken(gov.government, 'r02');
    expect((await call<Report>(gov, token, 'GET', `/reports/${late.report.id}`)).accident?.canBook).toBe(false);
    gov.clock.advance(1);
    const decided = await call<Report>(gov, token, 'GET', `/reports/${late.report.id}`);
    expect([decided.status, decided.accident?.review?.decidedAt, decided.accident?.canBook]).toEqual(['in-progress', cst('2026-11-23T17:00:00'), true]);
  });
});
