/** @jest-environment node */
// Traffic fines through the app's fines service, on both targets: binding a vehicle as its owner, its
// notices, and what a guesser, a replay or a broken body gets.
import { bindVehicle, getNotice, listNotices, listVehicles, unbindVehicle } from '../../miniprogram/services/fines';
import { api } from '../../miniprogram/services/api';
import { VEHICLES, carOf, codeOf, raw, refusal, refused, signIn, targets, unpaidNotices, useTarget } from './suite';

describe.each(targets())('fines (%s)', (_name, target) => {
  useTarget(target);

  it('the owner binds a vehicle typed loosely and sees its notices, unpaid first', async () => {
    await signIn(target, 'r02');
    const car = await carOf({ ...VEHICLES.liSmall, plate: ' 粤b12345 ' });
    expect(car).toMatchObject({ plate: '粤B12345', plateType: 'small', unpaidCount: 3 });
    const notices = await listNotices(car.id);
    expect(notices.total).toBe(5);
    expect(notices.items.map((n) => n.status)).toEqual(['unpaid', 'unpaid', 'unpaid', 'disputed', 'paid']);
    const first = await getNotice(notices.items[0].id);
    expect(first).toMatchObject({ id: notices.items[0].id, plate: '粤B12345', dueFen: notices.items[0].dueFen });
    expect(first.decisionNumber).toMatch(/^\d{16}$/);
    expect((await listVehicles()).vehicles.map((v) => v.plate)).toContain('粤B12345');
  });

  it('pages of notices: offset and limit, and a limit out of range is 422 with the field', async () => {
    await signIn(target, 'r06');
    const car = await carOf(VEHICLES.zhaoSmall);
    const [a, b] = await Promise.all([listNotices(car.id, 0, 20), listNotices(car.id, 20, 20)]);
    expect([a.total, a.items.length, b.items.length]).toEqual([200, 20, 20]);
    expect(new Set([...a.items, ...b.items].map((n) => n.id)).size).toBe(40);
    const wide = await refusal(listNotices(car.id, 0, 51));
    expect([wide.status, wide.code, wide.fields]).toEqual([422, 'VALIDATION', { limit: 'OUT_OF_RANGE' }]);
  });

  it('a wrong VIN, someone else\'s car and a plate that is not one are refused with their codes', async () => {
    await signIn(target, 'r02');
    const vin = await refusal(bindVehicle({ ...VEHICLES.liSpare, vinLast6: '000000' }));
    expect([vin.status, vin.code, vin.fields]).toEqual([422, 'VIN_MISMATCH', { vinLast6: 'VIN_MISMATCH' }]);
    const other = await refusal(bindVehicle(VEHICLES.zhaoSmall));
    expect([other.status, other.code]).toEqual([403, 'NOT_OWNER']);
    const plate = await refusal(bindVehicle({ plate: 'XX12', plateType: 'small', vinLast6: '183745' }));
    expect([plate.status, plate.code, Object.keys(plate.fields)]).toEqual([422, 'VALIDATION', ['plate']]);
    expect((await listVehicles()).vehicles.map((v) => v.plate)).not.toContain('粤A88888');
  });

  it('a replayed bind (same key) answers the same vehicle once; the same key for another body is 409', async () => {
    await signIn(target, 'r08');
    const key = `bind-${target.name}-1`;
    const first = await bindVehicle(VEHICLES.zhouLarge, key);
    const again = await bindVehicle(VEHICLES.zhouLarge, key);
    expect(again).toEqual(first);
    expect((await listVehicles()).vehicles.filter((v) => v.plate === '粤E12345')).toHaveLength(1);
    expect(await refused(bindVehicle({ ...VEHICLES.zhouLarge, vinLast6: '512346' }, key))).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    // A new key for a car already bound: the government says so.
    expect(await refused(bindVehicle(VEHICLES.zhouLarge))).toEqual([409, 'ALREADY_BOUND']);
  });

  it('another person\'s notice and vehicle read as not found, never as forbidden', async () => {
    await signIn(target, 'r02');
    const car = await carOf(VEHICLES.liSmall);
    const [notice] = await unpaidNotices(car.id);
    await signIn(target, 'r06');
    expect(await refused(getNotice(notice.id))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(listNotices(car.id))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(getNotice('n-does-not-exist'))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(unbindVehicle(car.id))).toEqual([404, 'NOT_FOUND']);
  });

  it('a body that is not JSON, a wrong type and a malformed path each get a 4xx with a code', async () => {
    const token = await signIn(target, 'r02');
    const broken = await raw(target, 'POST', '/fines/vehicles', { token, body: '{plate: 粤B12345}' });
    expect([broken.status, codeOf(broken)]).toEqual([400, 'BAD_REQUEST']);
    const typed = await refusal(api().send('POST', '/fines/vehicles', { plate: 12345, plateType: 'small', vinLast6: '183745' }));
    expect([typed.status, typed.code, typed.fields.plate]).toEqual([422, 'VALIDATION', 'WRONG_TYPE']);
    const encoded = await raw(target, 'GET', '/fines/notices/%zz', { token });
    expect([encoded.status, codeOf(encoded)]).toEqual([400, 'BAD_ENCODING']);
  });

  it('a binding made before the government restarts is still there after, and unbinding it sticks', async () => {
    await signIn(target, 'r02');
    const car = await carOf(VEHICLES.liNewEnergy);
    await target.restart();
    expect((await listVehicles()).vehicles.map((v) => v.id)).toContain(car.id);
    await unbindVehicle(car.id);
    await target.restart();
    expect((await listVehicles()).vehicles.map((v) => v.id)).not.toContain(car.id);
    expect(await refused(listNotices(car.id))).toEqual([404, 'NOT_FOUND']);
  });
});
