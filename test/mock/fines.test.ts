import type { FineNotice, NoticesResponse, VehicleSummary, VehiclesResponse } from '../../miniprogram/contracts/fines';
import { DAY_MS } from '../../miniprogram/core/dates';
import { BUSY_PLATE, lateSurcharge, policeState, vehicleIdOf } from '../helpers/police';
import { createClock, createTestGovernment, verifiedToken, TEST_NOW, type TestGovernment } from '../helpers/government';

type Answer<T> = { status: number; body: T & { error?: { code: string; fields?: Record<string, string> } } };

function caller(gov: TestGovernment, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: async <T>(path: string, query?: Record<string, string>) => (await gov.government.handle({ method: 'GET', path, query, headers })) as Answer<T>,
    send: async <T>(method: 'POST' | 'DELETE', path: string, body?: object) =>
      (await gov.government.handle({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) })) as Answer<T>,
  };
}

const bind = (plate: string, plateType: string, vinLast6: string) => ({ plate, plateType, vinLast6 });

describe('late surcharge (art. 109): 3% of the fine per day after day 15, capped at the fine', () => {
  const noticed = Date.UTC(2026, 9, 1, 2, 0); // 2026-10-01 10:00 CST
  it('is nothing on day 15 and 3% on day 16', () => {
    expect(lateSurcharge(20000, noticed, noticed + 15 * DAY_MS)).toEqual({ daysLate: 0, surchargeFen: 0, capped: false });
    expect(lateSurcharge(20000, noticed, noticed + 16 * DAY_MS)).toEqual({ daysLate: 1, surchargeFen: 600, capped: false });
    expect(lateSurcharge(20000, noticed, noticed + 23 * DAY_MS)).toEqual({ daysLate: 8, surchargeFen: 4800, capped: false });
  });
  it('stops at the fine itself, however late', () => {
    expect(lateSurcharge(20000, noticed, noticed + 48 * DAY_MS).surchargeFen).toBe(19800);
    expect(lateSurcharge(20000, noticed, noticed + 49 * DAY_MS)).toEqual({ daysLate: 34, surchargeFen: 20000, capped: true });
    expect(lateSurcharge(20000, noticed, noticed + 3000 * DAY_MS)).toEqual({ daysLate: 2985, surchargeFen: 20000, capped: true });
  });
  it('counts China Standard Time calendar days, not the machine zone or 24-hour spans', () => {
    // 23:30 CST on Oct 1 is 15:30 UTC; 00:30 CST on Oct 17 is 16:30 UTC on Oct 16.
    const lateEvening = Date.UTC(2026, 9, 1, 15, 30);
    const justAfterMidnight = Date.UTC(2026, 9, 16, 16, 30);
    // In UTC those are 15 calendar days apart and only 15 days and 1 hour: a UTC count would say 0 days late.
    expect(lateSurcharge(20000, lateEvening, justAfterMidnight)).toEqual({ daysLate: 1, surchargeFen: 600, capped: false });
    expect(lateSurcharge(20000, lateEvening, justAfterMidnight - 3600 * 1000).daysLate).toBe(0);
  });
});

describe('police agency', () => {
  let gov: TestGovernment;
  let li: ReturnType<typeof caller>;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
  });

  it('binds a vehicle registered to the person and lists it with amount due and points', async () => {
    expect((await li.get<VehiclesResponse>('/fines/vehicles')).body).toEqual({ vehicles: [], max: 3 });
    const bound = await li.send<VehicleSummary>('POST', '/fines/vehicles', bind('粤b 12345', 'small', '183745'));
    expect(bound.status).toBe(201);
    // Seeded on 粤B12345: unpaid 200 (day 3), 200 (day 23: 8 days late, +48), 200 (day 90: capped, +200); disputed 3 points.
    expect(bound.body).toMatchObject({ plate: '粤B12345', unpaidCount: 3, dueFen: 20000 + 24800 + 40000, pointsPending: 6 + 3 + 3 + 3 });
    const list = await li.get<VehiclesResponse>('/fines/vehicles');
    expect(list.body.vehicles.map((v) => v.plate)).toEqual(['粤B12345']);
  });

  it('answers each wrong binding with its own code, beside the right field', async () => {
    const cases: [object, number, string, Record<string, string> | undefined][] = [
      [bind('粤B1234', 'small', '183745'), 422, 'VALIDATION', { plate: 'PLATE_LENGTH' }],
      [bind('粤BDO2345', 'new-energy', '183745'), 422, 'VALIDATION', { plate: 'PLATE_CHARS' }],
      [bind('粤B123456', 'new-energy', '183745'), 422, 'VALIDATION', { plate: 'PLATE_NEW_ENERGY' }],
      [bind('XB12345', 'small', '183745'), 422, 'VALIDATION', { plate: 'PLATE_PROVINCE' }],
      [bind('粤B12345', 'small', '18374O'), 422, 'VALIDATION', { vinLast6: 'VIN_CHARS' }],
      [bind('粤B12345', 'boat', '183745'), 422, 'VALIDATION', { plateType: 'UNKNOWN_TYPE' }],
      [bind('粤B99999', 'small', '183745'), 422, 'VEHICLE_NOT_FOUND', { plate: 'VEHICLE_NOT_FOUND' }],
      [bind('粤B12345', 'large', '183745'), 422, 'VEHICLE_NOT_FOUND', { plate: 'VEHICLE_NOT_FOUND' }],
      [bind('粤B12345', 'small', '000000'), 422, 'VIN_MISMATCH', { vinLast6: 'VIN_MISMATCH' }],
      [bind('粤A88888', 'small', '200001'), 403, 'NOT_OWNER', { plate: 'NOT_OWNER' }],
    ];
    for (const [body, status, code, fields] of cases) {
      const answer = await li.send('POST', '/fines/vehicles', body);
      expect({ body, status: answer.status, code: answer.body.error?.code, fields: answer.body.error?.fields }).toEqual({ body, status, code, fields });
    }
    expect(policeState(gov.government.inspect(), TEST_NOW).bindings['p-r02'] ?? []).toEqual([]);
  });

  it('binds at most three vehicles, refuses the same one twice, and unbinds', async () => {
    expect((await li.send('POST', '/fines/vehicles', bind('粤B12345', 'small', '183745'))).status).toBe(201);
    expect((await li.send('POST', '/fines/vehicles', bind('粤B12345', 'small', '183745'))).body.error?.code).toBe('ALREADY_BOUND');
    expect((await li.send('POST', '/fines/vehicles', bind('粤BD12345', 'new-energy', '604219'))).status).toBe(201);
    expect((await li.send('POST', '/fines/vehicles', bind('粤B5Z6R8', 'small', '102938'))).status).toBe(201);
    const fourth = await li.send('POST', '/fines/vehicles', bind('粤B2X7K9', 'small', '004352'));
    expect([fourth.status, fourth.body.error?.code]).toEqual([409, 'VEHICLE_LIMIT']);
    expect((await li.send('DELETE', `/fines/vehicles/${vehicleIdOf('粤B5Z6R8')}`)).status).toBe(200);
    expect((await li.send('POST', '/fines/vehicles', bind('粤B2X7K9', 'small', '004352'))).status).toBe(201);
    const plates = (await li.get<VehiclesResponse>('/fines/vehicles')).body.vehicles.map((v) => v.plate);
    expect(plates).toEqual(['粤B12345', '粤BD12345', '粤B2X7K9']);
  });

  it('lists notices unpaid first, then disputed, then paid, in pages', async () => {
    await li.send('POST', '/fines/vehicles', bind('粤B12345', 'small', '183745'));
    const id = vehicleIdOf('粤B12345');
    const page = await li.get<NoticesResponse>(`/fines/vehicles/${id}/notices`, { offset: '0', limit: '50' });
    expect(page.body.items.map((n) => n.status)).toEqual(['unpaid', 'unpaid', 'unpaid', 'disputed', 'paid']);
    expect(page.body.total).toBe(5);
    const late = page.body.items.find((n) => n.daysLate === 8) as FineNotice;
    expect(late).toMatchObject({ fineFen: 20000, surchargeFen: 4800, dueFen: 24800, surchargeCapped: false, payBy: '2026-11-14' });
    const bad = await li.get(`/fines/vehicles/${id}/notices`, { limit: '500' });
    expect(bad.body.error?.fields).toEqual({ limit: 'OUT_OF_RANGE' });
  });

  it('hides another person\'s vehicle and notices behind 404, exactly like ids that do not exist', async () => {
    const zhao = caller(gov, await verifiedToken(gov.government, 'r06'));
    await zhao.send('POST', '/fines/vehicles', bind(BUSY_PLATE, 'small', '200001'));
    const zhaoPage = await zhao.get<NoticesResponse>(`/fines/vehicles/${vehicleIdOf(BUSY_PLATE)}/notices`);
    expect(zhaoPage.body.total).toBe(200);
    const theirNotice = zhaoPage.body.items[0].id;

    const theirs = await li.get(`/fines/notices/${theirNotice}`);
    const nobodys = await li.get('/fines/notices/n0000000000000');
    expect(theirs).toEqual(nobodys);
    expect(theirs.status).toBe(404);
    const theirList = await li.get(`/fines/vehicles/${vehicleIdOf(BUSY_PLATE)}/notices`);
    const noList = await li.get('/fines/vehicles/vnothing/notices');
    expect(theirList).toEqual(noList);
    expect((await li.send('DELETE', `/fines/vehicles/${vehicleIdOf(BUSY_PLATE)}`)).status).toBe(404);
    expect((await li.get('/fines/notices/__proto__')).status).toBe(404);
  });

  it('names every place in English as well: pinyin streets, an English district and city, no Chinese', async () => {
    const zhao = caller(gov, await verifiedToken(gov.government, 'r06'));
    await zhao.send('POST', '/fines/vehicles', bind(BUSY_PLATE, 'small', '200001'));
    const seen = new Map<string, string>();
    for (let offset = 0; offset < 200; offset += 50) {
      const page = await zhao.get<NoticesResponse>(`/fines/vehicles/${vehicleIdOf(BUSY_PLATE)}/notices`, { limit: '50', offset: String(offset) });
      page.body.items.forEach((notice) => seen.set(notice.place, notice.placeEn));
    }
    expect(seen.size).toBe(8);
    seen.forEach((en, zh) => {
      expect(en).not.toMatch(/[\u3400-\u9fff]/);
      expect(en).toMatch(/, (Shenzhen|Guangzhou|Dongguan)$/);
      expect(zh).toMatch(/[\u3400-\u9fff]/);
    });
    expect(new Set(seen.values()).size).toBe(8);
  });

  it('shows the surcharge the government computes at day 15, day 16 and far past the cap', async () => {
    await li.send('POST', '/fines/vehicles', bind('粤B12345', 'small', '183745'));
    const first = (await li.get<NoticesResponse>(`/fines/vehicles/${vehicleIdOf('粤B12345')}/notices`)).body.items[0];
    expect(first.daysLate).toBe(0);
    const at = async (day: number) => {
      gov.clock.set(first.noticedAt + day * DAY_MS);
      // Sessions last 30 days: far ahead, the resident signs in again.
      const fresh = day > 30 ? caller(gov, await verifiedToken(gov.government, 'r02')) : li;
      return (await fresh.get<FineNotice>(`/fines/notices/${first.id}`)).body;
    };
    expect(await at(15)).toMatchObject({ daysLate: 0, surchargeFen: 0, dueFen: 20000 });
    expect(await at(16)).toMatchObject({ daysLate: 1, surchargeFen: 600, dueFen: 20600 });
    expect(await at(400)).toMatchObject({ daysLate: 385, surchargeFen: 20000, dueFen: 40000, surchargeCapped: true });
  });

  it('gives every notice a 16-digit decision number (决定书编号) from its issuing office\'s area, the same on every read', async () => {
    await li.send('POST', '/fines/vehicles', bind('粤B12345', 'small', '183745'));
    const id = vehicleIdOf('粤B12345');
    const first = (await li.get<NoticesResponse>(`/fines/vehicles/${id}/notices`)).body.items;
    first.forEach((notice) => {
      expect(notice.decisionNumber).toMatch(/^\d{16}$/);
      const area = notice.place.startsWith('深圳市') ? '440300' : notice.place.startsWith('广州市') ? '440100' : '441900';
      expect(notice.decisionNumber.slice(0, 6)).toBe(area);
    });
    expect(new Set(first.map((n) => n.decisionNumber)).size).toBe(first.length);
    // A fresh government (a relaunch) and a single read give each notice the same number.
    const again = createTestGovernment(createClock());
    const liAgain = caller(again, await verifiedToken(again.government, 'r02'));
    await liAgain.send('POST', '/fines/vehicles', bind('粤B12345', 'small', '183745'));
    expect((await liAgain.get<NoticesResponse>(`/fines/vehicles/${id}/notices`)).body.items.map((n) => n.decisionNumber)).toEqual(first.map((n) => n.decisionNumber));
    expect((await li.get<FineNotice>(`/fines/notices/${first[0].id}`)).body.decisionNumber).toBe(first[0].decisionNumber);
  });

  it('names the offence and its points on the notice\'s order line', async () => {
    await li.send('POST', '/fines/vehicles', bind('粤B12345', 'small', '183745'));
    const notices = (await li.get<NoticesResponse>(`/fines/vehicles/${vehicleIdOf('粤B12345')}/notices`)).body.items;
    const late = notices.find((n) => n.daysLate === 8) as FineNotice;
    const order = await li.send<{ lines: { kind: string; detail: Record<string, string | number> }[] }>('POST', '/payments/orders', { items: [{ agency: 'police', itemId: late.id }], totalFen: late.dueFen });
    expect(order.status).toBe(201);
    expect(order.body.lines[0]).toMatchObject({ kind: 'traffic-fine', detail: { plate: '粤B12345', offence: 'lane-marking', points: 3, fineFen: 20000, surchargeFen: 4800, daysLate: 8 } });
  });
});
