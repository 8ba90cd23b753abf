/** @jest-environment node */
// Payments through the app's payments service and WeChat Pay on the device, on both targets: an order,
// the charge, the government's confirmation from WeChat Pay's signed notification, and never a second
// order or charge for a double tap, a replay or a restart in between.
import { listRecords } from '../../miniprogram/services/records';
import { getNotice, listNotices, noticeItems } from '../../miniprogram/services/fines';
import { confirmOrder, createOrder, getOrder, openOrders, startPayment, unconfirmedPayment } from '../../miniprogram/services/payments';
import { payWithWeChat } from '../../miniprogram/packages/pay/wallet';
import { api } from '../../miniprogram/services/api';
import type { FineNotice } from '../../miniprogram/contracts/fines';
import { storedOrders } from '../helpers/government';
import { VEHICLES, carOf, codeOf, raw, refusal, refused, signIn, targets, unpaidNotices, useTarget, type ContractTarget } from './suite';

/** How many orders the government keeps (of this status): one per selection, however often asked. */
const ordersOf = (target: ContractTarget, status?: string): number =>
  Object.values(storedOrders(target.government())).filter((order) => !status || order.status === status).length;

/** Unpaid notices of the signed-in resident's vehicle that no open order of theirs holds. */
async function unheld(vehicleId: string): Promise<FineNotice[]> {
  const held = new Set((await openOrders()).items.flatMap((order) => order.lines.map((line) => line.itemId)));
  return (await unpaidNotices(vehicleId)).filter((notice) => !held.has(notice.id));
}

describe.each(targets())('payments (%s)', (_name, target) => {
  useTarget(target);

  it('two fines paid in one order: WeChat Pay charges, its notification settles them, a receipt and one record', async () => {
    await signIn(target, 'r06');
    const car = await carOf(VEHICLES.zhaoSmall);
    const [a, b] = await unheld(car.id);
    const started = await startPayment(noticeItems([a.id, b.id]), a.dueFen + b.dueFen, `pay-${target.name}-1`);
    if (started.kind !== 'order') throw new Error('expected an order');
    expect([started.order.status, started.order.totalFen, started.resumed]).toEqual(['pending', a.dueFen + b.dueFen, false]);
    expect(await payWithWeChat(started.order)).toBe('paid');
    const receipt = await confirmOrder(started.order.id);
    expect(receipt.status).toBe('paid');
    expect(receipt.reference).toMatch(/^PAY\d{8}\d{6}$/);
    expect(unconfirmedPayment(started.order.id)).toBeUndefined();
    expect((await getNotice(a.id)).payment).toMatchObject({ orderId: started.order.id, reference: receipt.reference });
    const records = (await listRecords()).items.filter((r) => r.kind === 'fine-payment' && r.reference === receipt.reference);
    expect(records).toHaveLength(1);
  });

  it('a double tap (the same key twice) is one order; paying it again is refused by WeChat Pay, charged once', async () => {
    await signIn(target, 'r06');
    const car = await carOf(VEHICLES.zhaoSmall);
    const [notice] = await unheld(car.id);
    const before = ordersOf(target);
    const key = `pay-${target.name}-2`;
    const [first, second] = await Promise.all([createOrder(noticeItems([notice.id]), notice.dueFen, key), createOrder(noticeItems([notice.id]), notice.dueFen, key)]);
    expect(second.id).toBe(first.id);
    expect(ordersOf(target)).toBe(before + 1);
    expect(await payWithWeChat(first)).toBe('paid');
    expect((await confirmOrder(first.id)).status).toBe('paid');
    const paidOnce = ordersOf(target, 'paid');
    // The stale order on the page, paid again: WeChat Pay never takes one order twice.
    expect(await payWithWeChat(first)).toBe('failed');
    expect(ordersOf(target, 'paid')).toBe(paidOnce);
    // The key replayed after the payment answers the order as it was made, and makes nothing new.
    expect((await createOrder(noticeItems([notice.id]), notice.dueFen, key)).id).toBe(first.id);
    expect(ordersOf(target)).toBe(before + 1);
    expect(await refused(createOrder(noticeItems([notice.id]), notice.dueFen, `pay-${target.name}-3`))).toEqual([409, 'ALREADY_PAID']);
  });

  it('a total that is not what is due, a disputed notice and another person\'s notice are refused', async () => {
    await signIn(target, 'r02');
    const car = await carOf(VEHICLES.liSmall);
    const [notice] = await unheld(car.id);
    const mismatch = await refusal(createOrder(noticeItems([notice.id]), notice.dueFen - 1, `pay-${target.name}-4`));
    expect([mismatch.status, mismatch.code, mismatch.fields]).toEqual([409, 'TOTAL_MISMATCH', { totalFen: 'TOTAL_MISMATCH' }]);
    const { items } = await listNotices(car.id);
    const disputed = items.find((n) => n.status === 'disputed');
    if (!disputed) throw new Error('the seed has a disputed notice');
    expect(await refused(createOrder(noticeItems([disputed.id]), 100, `pay-${target.name}-5`))).toEqual([409, 'NOT_PAYABLE']);
    await signIn(target, 'r08');
    expect(await refused(createOrder(noticeItems([notice.id]), notice.dueFen, `pay-${target.name}-6`))).toEqual([404, 'NOT_FOUND']);
  });

  it('another person\'s order is not found, and its pay parameters are never shown to them', async () => {
    await signIn(target, 'r06');
    const car = await carOf(VEHICLES.zhaoSmall);
    const [notice] = await unheld(car.id);
    const order = await createOrder(noticeItems([notice.id]), notice.dueFen, `pay-${target.name}-7`);
    await signIn(target, 'r08');
    const other = await refusal(getOrder(order.id));
    expect([other.status, other.code]).toEqual([404, 'NOT_FOUND']);
    expect(JSON.stringify(other)).not.toContain(order.payParams?.package ?? 'none');
    expect((await openOrders()).items.map((o) => o.id)).not.toContain(order.id);
  });

  it('a malformed order body is a 4xx with a code: not JSON, no items, an unknown agency', async () => {
    const token = await signIn(target, 'r06');
    const broken = await raw(target, 'POST', '/payments/orders', { token, body: '{"items": [' });
    expect([broken.status, codeOf(broken)]).toEqual([400, 'BAD_REQUEST']);
    const empty = await refusal(api().send('POST', '/payments/orders', { totalFen: 100 }));
    expect([empty.status, empty.code, empty.fields.items]).toEqual([422, 'VALIDATION', 'REQUIRED']);
    const agency = await refusal(api().send('POST', '/payments/orders', { items: [{ agency: 'casino', itemId: 'x' }], totalFen: 100 }));
    expect([agency.status, agency.fields.items]).toEqual([422, 'UNKNOWN_AGENCY']);
  });

  it('WeChat Pay\'s notification without its signature is refused and settles nothing', async () => {
    await signIn(target, 'r06');
    const car = await carOf(VEHICLES.zhaoSmall);
    const [notice] = await unheld(car.id);
    const order = await createOrder(noticeItems([notice.id]), notice.dueFen, `pay-${target.name}-8`);
    const forged = await raw(target, 'POST', '/payments/notify', {
      body: JSON.stringify({ id: 'EV-forged', event_type: 'TRANSACTION.SUCCESS', resource: { out_trade_no: order.id, transaction_id: '4200000000000000000000000001', trade_state: 'SUCCESS', success_time: '2026-11-22T10:00:00+08:00', amount: { total: order.totalFen, currency: 'CNY' } } }),
    });
    expect([forged.status, codeOf(forged)]).toEqual([401, 'SIGNATURE_INVALID']);
    expect((await getOrder(order.id)).status).toBe('pending');
  });

  it('the government restarting between the charge and the app\'s confirmation loses nothing', async () => {
    await signIn(target, 'r06');
    const car = await carOf(VEHICLES.zhaoSmall);
    const [notice] = await unheld(car.id);
    const order = await createOrder(noticeItems([notice.id]), notice.dueFen, `pay-${target.name}-9`);
    expect(await payWithWeChat(order)).toBe('paid');
    expect(unconfirmedPayment(order.id)).toBeDefined();
    await target.restart();
    const receipt = await confirmOrder(order.id);
    expect(receipt.status).toBe('paid');
    expect(unconfirmedPayment(order.id)).toBeUndefined();
    expect((await getNotice(notice.id)).status).toBe('paid');
    expect((await listRecords()).items.filter((r) => r.reference === receipt.reference)).toHaveLength(1);
    // After the restart the key still answers the same order, not a second one.
    expect((await createOrder(noticeItems([notice.id]), notice.dueFen, `pay-${target.name}-9`)).id).toBe(order.id);
  });
});
