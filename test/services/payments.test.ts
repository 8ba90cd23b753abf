// The payments and fines services against the embedded government, including an answer lost on
// the way back: the retry with the same key must not make a second order or a second payment.
import type { ApiRequest, ApiResponse } from '../../miniprogram/contracts/http';
import { ServiceError } from '../../miniprogram/core/errors';
import { currentToken, saveSession } from '../../miniprogram/core/session';
import type { Transport } from '../../miniprogram/core/transport';
import { useTransport } from '../../miniprogram/services/api';
import { bindVehicle, listNotices, noticeItems } from '../../miniprogram/services/fines';
import { confirmOrder, createOrder, getOrder, payWithWeChat, settleInBackground, settleUnconfirmedPayments, startPayment, unconfirmedPayment } from '../../miniprogram/services/payments';
import { ORDER_TTL_MS } from '../../miniprogram/mock/payments';
import { fake } from '../helpers/fake-wx';
import { createTestGovernment, verifiedToken, type TestGovernment } from '../helpers/government';
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
  useTransport(lossy.transport);
  const token = await verifiedToken(gov.government, 'r02');
  await saveSession(token, null);
  const car = await bindVehicle({ plate: ' 粤b12345 ', plateType: 'small', vinLast6: '183745' });
  const unpaid = (await listNotices(car.id)).items.filter((n) => n.status === 'unpaid');
  return { gov, lossy, unpaid };
}

const orderCount = (gov: TestGovernment): number =>
  Object.keys((gov.government.inspect().agencies.payments as { orders: object } | undefined)?.orders ?? {}).length;

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

  it('retrying a confirmation whose answer was lost returns the receipt and records one payment', async () => {
    const { gov, lossy, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id, unpaid[1].id]), unpaid[0].dueFen + unpaid[1].dueFen, 'k-2');
    expect(await payWithWeChat(order)).toBe('paid');
    lossy.loseNext(/confirm$/, 2);
    await expect(confirmOrder(order.id)).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(confirmOrder(order.id)).rejects.toMatchObject({ code: 'TIMEOUT' });
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

  it('confirm is the embedded stand-in for WeChat Pay\'s notification: it carries when WeChat Pay succeeded, and has no proof of payment', async () => {
    const { gov, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-5');
    gov.clock.advance(60_000);
    const read = await getOrder(order.id);
    // The device's clock is set, not read: it says 1.2 s passed while WeChat Pay ran, so no real time is measured.
    const deviceNow = jest.spyOn(Date, 'now').mockReturnValueOnce(1_000_000).mockReturnValue(1_001_200);
    expect(await payWithWeChat(read)).toBe('paid');
    // The payment time is the government's time of the read plus what passed on the device.
    const owed = unconfirmedPayment(order.id);
    expect(owed?.paidAt).toBe(read.readAt + 1_200);
    expect(owed?.paidAt).toBeGreaterThanOrEqual(gov.clock.now());
    gov.clock.advance(1_200);
    expect((await confirmOrder(order.id)).paidAt).toBe(gov.clock.now());
    deviceNow.mockRestore();
    expect(unconfirmedPayment(order.id)).toBeUndefined();
    // Honestly: the embedded government cannot see WeChat Pay, so a confirm for an order nobody paid
    // settles too. In production only WeChat Pay's server notification settles (docs/api.md, Payments).
    const unpaidOrder = await createOrder(noticeItems([unpaid[1].id]), unpaid[1].dueFen, 'k-6');
    expect((await confirmOrder(unpaidOrder.id)).status).toBe('paid');
    expect(fake.payments).toHaveLength(1);
  });

  it('remembers a payment whose confirmation was lost, and confirms it before any new order, so paying again cannot charge twice', async () => {
    const { gov, lossy, unpaid } = await setUp();
    const items = noticeItems([unpaid[0].id]);
    const order = await createOrder(items, unpaid[0].dueFen, 'k-7');
    expect(await payWithWeChat(order)).toBe('paid');
    lossy.loseNext(/confirm$/);
    await expect(confirmOrder(order.id)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(fake.storage.get('payments.unconfirmed')).toEqual([expect.objectContaining({ orderId: order.id })]);
    // The app restarts; the person asks to pay the same notice again with a fresh key.
    await expect(startPayment(items, unpaid[0].dueFen, 'k-8')).rejects.toMatchObject({ code: 'ALREADY_PAID' });
    expect(paidOrders(gov)).toHaveLength(1);
    expect(fake.storage.get('payments.unconfirmed')).toEqual([]);
    expect(await settleUnconfirmedPayments()).toBe(0);
    expect(fake.payments).toHaveLength(1);
  });

  it('when the remembered confirmation still cannot get through, a new request for the same notice gets the same order back', async () => {
    const { gov, lossy, unpaid } = await setUp();
    const items = noticeItems([unpaid[0].id]);
    const order = await createOrder(items, unpaid[0].dueFen, 'k-9');
    expect(await payWithWeChat(order)).toBe('paid');
    lossy.dropNext(/confirm$/, 4);
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
    // Once the network is back the remembered payment settles.
    expect(await settleUnconfirmedPayments()).toBe(1);
    expect(paidOrders(gov)).toHaveLength(1);
    expect(fake.payments).toHaveLength(1);
  });

  it('after a lost confirmation and the order\'s expiry, refuses a second order on the device and at the government, so WeChat Pay charges once', async () => {
    const { gov, lossy, unpaid } = await setUp();
    const items = noticeItems([unpaid[0].id]);
    const first = await createOrder(items, unpaid[0].dueFen, 'k-a');
    expect(await payWithWeChat(first)).toBe('paid');
    lossy.dropNext(/confirm$/, 2);
    await expect(confirmOrder(first.id)).rejects.toMatchObject({ code: 'NETWORK' });
    gov.clock.advance(ORDER_TTL_MS + 60_000);
    // The settling before the order fails too: the device refuses, and says how to finish.
    await expect(createOrder(items, unpaid[0].dueFen, 'k-b')).rejects.toMatchObject({ code: 'PAYMENT_UNCONFIRMED' });
    // Another device (nothing remembered) gets the same order back, not a second one, and WeChat Pay
    // never takes one order twice.
    fake.storage.delete('payments.unconfirmed');
    const reopened = await createOrder(items, unpaid[0].dueFen, 'k-c');
    expect([reopened.id, reopened.resumed, reopened.payParams?.package]).toEqual([first.id, true, first.payParams?.package]);
    expect(await payWithWeChat(reopened)).toBe('failed');
    expect(fake.charged).toEqual([first.payParams?.package]);
    expect(paidOrders(gov)).toHaveLength(0);
  });

  it('keeps a payment WeChat Pay took just after expiry until the government records it as refund-due', async () => {
    const { gov, lossy, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-d');
    gov.clock.set(order.expiresAt - 1);
    const fresh = await getOrder(order.id);
    // WeChat Pay's sheet takes a moment; it succeeds after the government's expiry.
    const started = Date.now();
    jest.spyOn(Date, 'now').mockReturnValueOnce(started).mockReturnValue(started + 5_000);
    expect(await payWithWeChat(fresh)).toBe('paid');
    jest.restoreAllMocks();
    gov.clock.advance(60_000);
    lossy.dropNext(/confirm$/);
    await expect(confirmOrder(order.id)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(unconfirmedPayment(order.id)).toBeDefined();
    const answered = await confirmOrder(order.id);
    expect(answered).toMatchObject({ status: 'closed', closedReason: 'refund-due' });
    expect(unconfirmedPayment(order.id)).toBeUndefined();
    expect((await listNotices(unpaid[0].vehicleId)).items.find((n) => n.id === unpaid[0].id)?.status).toBe('unpaid');
  });

  it('settles only the signed-in person\'s unconfirmed payments', async () => {
    const { gov, lossy, unpaid } = await setUp();
    const profile = { level: 'verified' as const, nameMasked: '*四', idMasked: '4403**********1234', mobileMasked: '138****0000', sex: 'male' as const, age: 40, newResident: false };
    await saveSession(currentToken() ?? '', profile);
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-e');
    await payWithWeChat(order);
    lossy.dropNext(/confirm$/);
    await expect(confirmOrder(order.id)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(fake.storage.get('payments.unconfirmed')).toEqual([expect.objectContaining({ orderId: order.id, person: profile.idMasked, items: [`police/${unpaid[0].id}`] })]);
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

  it('does not hold a page up on a slow confirmation: reports later when it settles', async () => {
    const { gov, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-f');
    await payWithWeChat(order);
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const send = gov.transport.send.bind(gov.transport);
    jest.spyOn(gov.transport, 'send').mockImplementation(async (req) => {
      if (req.path.endsWith('/confirm')) await slow;
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
