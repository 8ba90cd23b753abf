// The payments and fines services against the embedded government and the simulated WeChat Pay beside
// it, including answers lost on the way back and WeChat Pay's notification arriving late: a retry must
// never make a second order or a second payment, and only WeChat Pay's notification settles an order.
import type { ApiRequest, ApiResponse } from '../../miniprogram/contracts/http';
import { ServiceError } from '../../miniprogram/core/errors';
import { currentToken, saveSession } from '../../miniprogram/core/session';
import type { Transport } from '../../miniprogram/core/transport';
import { useTransport } from '../../miniprogram/services/api';
import { bindVehicle, listNotices, noticeItems } from '../../miniprogram/services/fines';
import { confirmOrder, createOrder, getOrder, settleInBackground, settleUnconfirmedPayments, startPayment, unconfirmedPayment } from '../../miniprogram/services/payments';
import { payWithWeChat } from '../../miniprogram/packages/pay/wallet';
import { ORDER_TTL_MS } from '../../miniprogram/mock/payments';
import { fake } from '../helpers/fake-wx';
import { createTestGovernment, verifiedToken, type TestGovernment, storedOrders } from '../helpers/government';
import { paidOrders } from '../packages/fines/helpers';

/** Delivers requests, but loses the answers of the next `n` matching ones after the government acted, or drops the requests themselves. */
function lossyTransport(gov: TestGovernment) {
  let lose: { path: RegExp; left: number } | null = null;
  let drop: { path: RegExp; left: number } | null = null;
  const transport: Transport = {
    async send(req: ApiRequest): Promise<ApiResponse> {
      if (drop && drop.left > 0 && drop.path.test(req.path)) {
        drop.left -= 1;
        throw new ServiceError('NETWORK', 'request:fail');
      }
      const res = await gov.transport.send(req);
      if (lose && lose.left > 0 && lose.path.test(req.path)) {
        lose.left -= 1;
        throw new ServiceError('TIMEOUT', 'request:fail timeout');
      }
      return res;
    },
    upload: (req) => gov.transport.upload(req),
  };
  return {
    transport,
    loseNext: (path: RegExp, n = 1) => { lose = { path, left: n }; },
    dropNext: (path: RegExp, n = 1) => { drop = { path, left: n }; },
  };
}

async function setUp() {
  const gov = createTestGovernment();
  const lossy = lossyTransport(gov);
  useTransport(lossy.transport, { retryBaseDelayMs: 1 });
  const token = await verifiedToken(gov.government, 'r02');
  await saveSession(token, null);
  const car = await bindVehicle({ plate: ' 粤b12345 ', plateType: 'small', vinLast6: '183745' });
  const unpaid = (await listNotices(car.id)).items.filter((n) => n.status === 'unpaid');
  return { gov, lossy, unpaid };
}

const orderCount = (gov: TestGovernment): number =>
  Object.keys(storedOrders(gov.government)).length;

/** The app's status query for one order. */
const ORDER_READ = /^\/payments\/orders\/po[0-9a-f]+$/;

describe('payments service', () => {
  it('retrying a create whose answer was lost gets the same order, not a second one', async () => {
    const { gov, lossy, unpaid } = await setUp();
    lossy.loseNext(/^\/payments\/orders$/);
    const items = noticeItems([unpaid[0].id]);
    await expect(createOrder(items, unpaid[0].dueFen, 'k-1')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(orderCount(gov)).toBe(1);
    const order = await createOrder(items, unpaid[0].dueFen, 'k-1');
    expect(orderCount(gov)).toBe(1);
    expect((await getOrder(order.id)).status).toBe('pending');
  });

  it('asks again when the answer to its status query is lost, and finds one payment, one record', async () => {
    const { gov, lossy, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id, unpaid[1].id]), unpaid[0].dueFen + unpaid[1].dueFen, 'k-2');
    expect(await payWithWeChat(order)).toBe('paid');
    lossy.loseNext(ORDER_READ, 2);
    const receipt = await confirmOrder(order.id);
    expect(receipt).toMatchObject({ status: 'paid', reference: 'PAY20261122000001', totalFen: 44800 });
    expect(paidOrders(gov)).toHaveLength(1);
    expect(gov.government.inspect().records['p-r02'].filter((r) => r.kind === 'fine-payment')).toHaveLength(1);
    expect(fake.payments).toHaveLength(1);
  });

  it('reports a cancel and a failure of WeChat Pay without touching the order', async () => {
    const { gov, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-3');
    fake.paymentOutcome = 'cancel';
    expect(await payWithWeChat(order)).toBe('cancelled');
    fake.paymentOutcome = 'fail';
    expect(await payWithWeChat(order)).toBe('failed');
    expect((await getOrder(order.id)).status).toBe('pending');
    expect(paidOrders(gov)).toHaveLength(0);
  });

  it('refuses to open WeChat Pay for an order that is no longer pending', async () => {
    const { unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-4');
    expect(await payWithWeChat(order)).toBe('paid');
    await confirmOrder(order.id);
    await expect(payWithWeChat(await getOrder(order.id))).rejects.toMatchObject({ code: 'ORDER_CLOSED' });
    expect(fake.payments).toHaveLength(1);
  });

  it('settles only on WeChat Pay\'s notification: before it arrives the order reads pending and the device keeps the payment', async () => {
    const { gov, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-5');
    gov.holdNotices(true);
    expect(await payWithWeChat(order)).toBe('paid');
    expect((await confirmOrder(order.id)).status).toBe('pending');
    expect(unconfirmedPayment(order.id)).toBeDefined();
    // The notification arrives (WeChat Pay sends it again until taken): the same query now finds the receipt.
    await gov.weChatPay.deliver();
    expect(await confirmOrder(order.id)).toMatchObject({ status: 'paid', paidAt: gov.clock.now() });
    expect(unconfirmedPayment(order.id)).toBeUndefined();
    // Nobody paid this one: asking settles nothing (the app has no say).
    const unpaidOrder = await createOrder(noticeItems([unpaid[1].id]), unpaid[1].dueFen, 'k-6');
    expect((await confirmOrder(unpaidOrder.id)).status).toBe('pending');
    expect(paidOrders(gov)).toHaveLength(1);
    expect(fake.payments).toHaveLength(1);
  });

  it('checks a remembered payment before any new order, so paying again cannot charge twice', async () => {
    const { gov, unpaid } = await setUp();
    const items = noticeItems([unpaid[0].id]);
    const order = await createOrder(items, unpaid[0].dueFen, 'k-7');
    gov.holdNotices(true);
    expect(await payWithWeChat(order)).toBe('paid');
    expect((await confirmOrder(order.id)).status).toBe('pending');
    expect(fake.storage.get('payments.unconfirmed')).toEqual([expect.objectContaining({ orderId: order.id })]);
    // The notification arrives; the app restarts and the person asks to pay the same notice again with a fresh key.
    await gov.weChatPay.deliver();
    await expect(startPayment(items, unpaid[0].dueFen, 'k-8')).rejects.toMatchObject({ code: 'ALREADY_PAID' });
    expect(paidOrders(gov)).toHaveLength(1);
    expect(fake.storage.get('payments.unconfirmed')).toEqual([]);
    expect(await settleUnconfirmedPayments()).toBe(0);
    expect(fake.payments).toHaveLength(1);
  });

  it('while the notification has not come, a new request for the same notice gets the same order back', async () => {
    const { gov, lossy, unpaid } = await setUp();
    const items = noticeItems([unpaid[0].id]);
    const order = await createOrder(items, unpaid[0].dueFen, 'k-9');
    gov.holdNotices(true);
    expect(await payWithWeChat(order)).toBe('paid');
    lossy.dropNext(ORDER_READ, 4);
    await expect(confirmOrder(order.id)).rejects.toMatchObject({ code: 'NETWORK' });
    // The device refuses a new order for what WeChat Pay charged, and leads to that order ("Check payment").
    await expect(createOrder(items, unpaid[0].dueFen, 'k-10')).rejects.toMatchObject({ code: 'PAYMENT_UNCONFIRMED' });
    const again = await startPayment(items, unpaid[0].dueFen, 'k-10');
    expect(again).toMatchObject({ kind: 'order', order: { id: order.id }, resumed: true });
    expect(unconfirmedPayment(order.id)).toBeDefined();
    // Overlapping selections lead to the unconfirmed order instead of a second one.
    const wider = await startPayment(noticeItems([unpaid[0].id, unpaid[1].id]), unpaid[0].dueFen + unpaid[1].dueFen, 'k-11');
    expect(wider).toMatchObject({ kind: 'order', order: { id: order.id }, resumed: true });
    expect(paidOrders(gov)).toHaveLength(0);
    // Once the notification is in, the remembered payment settles.
    await gov.weChatPay.deliver();
    expect(await settleUnconfirmedPayments()).toBe(1);
    expect(paidOrders(gov)).toHaveLength(1);
    expect(fake.payments).toHaveLength(1);
  });

  it('after the order\'s expiry without a notification, refuses a second order on the device and at the government, so WeChat Pay charges once', async () => {
    const { gov, unpaid } = await setUp();
    const items = noticeItems([unpaid[0].id]);
    const first = await createOrder(items, unpaid[0].dueFen, 'k-a');
    gov.holdNotices(true);
    expect(await payWithWeChat(first)).toBe('paid');
    gov.clock.advance(ORDER_TTL_MS + 60_000);
    // The check before the order still finds it pending: the device refuses, and says how to finish.
    await expect(createOrder(items, unpaid[0].dueFen, 'k-b')).rejects.toMatchObject({ code: 'PAYMENT_UNCONFIRMED' });
    // Another device (nothing remembered) gets the same order back, not a second one, and WeChat Pay
    // never takes one order twice.
    fake.storage.delete('payments.unconfirmed');
    const reopened = await createOrder(items, unpaid[0].dueFen, 'k-c');
    expect([reopened.id, reopened.resumed]).toEqual([first.id, true]);
    expect(await payWithWeChat(reopened)).toBe('failed');
    expect(fake.charged).toEqual([first.payParams?.package]);
    expect(paidOrders(gov)).toHaveLength(0);
    // The late notification settles it at the time WeChat Pay took the money.
    await gov.weChatPay.deliver();
    expect(paidOrders(gov)).toHaveLength(1);
  });

  it('a payment made just before expiry settles when its notification comes after', async () => {
    const { gov, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-d');
    gov.clock.set(order.expiresAt - 1);
    const fresh = await getOrder(order.id);
    gov.holdNotices(true);
    expect(await payWithWeChat(fresh)).toBe('paid');
    gov.clock.advance(60_000);
    expect((await confirmOrder(order.id)).status).toBe('closed');
    expect(unconfirmedPayment(order.id)).toBeDefined();
    await gov.weChatPay.deliver();
    // WeChat Pay's success_time is to the second.
    expect(await confirmOrder(order.id)).toMatchObject({ status: 'paid', paidAt: Math.floor((order.expiresAt - 1) / 1000) * 1000 });
    expect(unconfirmedPayment(order.id)).toBeUndefined();
    expect((await listNotices(unpaid[0].vehicleId)).items.find((n) => n.id === unpaid[0].id)?.status).toBe('paid');
  });

  it('settles only the signed-in person\'s unconfirmed payments', async () => {
    const { gov, unpaid } = await setUp();
    const profile = { level: 'verified' as const, nameMasked: '*四', idMasked: '4403**********1234', mobileMasked: '138****0000', sex: 'male' as const, age: 40, newResident: false };
    await saveSession(currentToken() ?? '', profile);
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-e');
    gov.holdNotices(true);
    await payWithWeChat(order);
    expect(fake.storage.get('payments.unconfirmed')).toEqual([expect.objectContaining({ orderId: order.id, person: profile.idMasked, items: [`police/${unpaid[0].id}`] })]);
    await gov.weChatPay.deliver();
    // Someone else signs in on the device: the entry is kept for its owner and never sent under their session.
    await saveSession(await verifiedToken(gov.government, 'r01'), { ...profile, idMasked: '1101**********0011' });
    expect(await settleUnconfirmedPayments()).toBe(0);
    expect(unconfirmedPayment(order.id)).toBeUndefined();
    expect(fake.storage.get('payments.unconfirmed')).toHaveLength(1);
    // Its owner signs in again: it settles.
    await saveSession(await verifiedToken(gov.government, 'r02'), profile);
    expect(await settleUnconfirmedPayments()).toBe(1);
    expect(paidOrders(gov)).toHaveLength(1);
  });

  it('does not hold a page up on a slow status query: reports later when it settles', async () => {
    const { gov, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-f');
    await payWithWeChat(order);
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const send = gov.transport.send.bind(gov.transport);
    jest.spyOn(gov.transport, 'send').mockImplementation(async (req) => {
      if (ORDER_READ.test(req.path)) await slow;
      return send(req);
    });
    const later = jest.fn();
    expect(await settleInBackground(later, 20)).toBe(0);
    expect(later).not.toHaveBeenCalled();
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(later).toHaveBeenCalledWith(1);
    expect(paidOrders(gov)).toHaveLength(1);
  });
});
