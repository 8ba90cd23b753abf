import type { FineNotice, NoticesResponse, VehicleSummary } from '../../miniprogram/contracts/fines';
import { CONFIRM_WINDOW_MS, type PaymentOrder } from '../../miniprogram/contracts/payments';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { ORDER_TTL_MS } from '../../miniprogram/mock/payments';
import { createClock, createTestGovernment, paymentNotice, payOrder, verifiedToken, type TestGovernment, storedOrders } from '../helpers/government';

type Answer<T> = { status: number; body: T & { error?: { code: string; fields?: Record<string, string> } } };

function caller(gov: TestGovernment, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: async <T>(path: string, query?: Record<string, string>) => (await gov.government.handle({ method: 'GET', path, query, headers })) as Answer<T>,
    post: async <T>(path: string, body: object, key?: string) =>
      (await gov.government.handle({ method: 'POST', path, headers: key ? { ...headers, 'idempotency-key': key } : headers, body: JSON.stringify(body) })) as Answer<T>,
  };
}

const paidOrders = (gov: TestGovernment) => {
  return Object.values(storedOrders(gov.government)).filter((order) => order.status === 'paid');
};

describe('payments', () => {
  let gov: TestGovernment;
  let li: ReturnType<typeof caller>;
  let unpaid: FineNotice[];
  const fine = (notice: FineNotice) => ({ agency: 'police', itemId: notice.id });

  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    li = caller(gov, await verifiedToken(gov.government, 'r02'));
    const vehicle = await li.post<VehicleSummary>('/fines/vehicles', { plate: '粤B12345', plateType: 'small', vinLast6: '183745' });
    unpaid = (await li.get<NoticesResponse>(`/fines/vehicles/${vehicle.body.id}/notices`)).body.items.filter((n) => n.status === 'unpaid');
  });

  it('creates an order, settles it on WeChat Pay\'s notification, marks the notices paid and lists the payment in records', async () => {
    const total = unpaid[0].dueFen + unpaid[1].dueFen;
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0]), fine(unpaid[1])], totalFen: total });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: 'pending', totalFen: total, reference: null });
    expect(order.body.payParams?.package).toMatch(/^prepay_id=wx/);
    expect(order.body.lines[1]).toMatchObject({ kind: 'traffic-fine', amountFen: 24800, detail: { plate: '粤B12345', fineFen: 20000, surchargeFen: 4800, daysLate: 8 } });

    const transactionId = await payOrder(gov, order.body);
    const paid = await li.get<PaymentOrder>(`/payments/orders/${order.body.id}`);
    expect(paid.body).toMatchObject({ status: 'paid', reference: 'PAY20261122000001', paidAt: gov.clock.now(), payParams: null });
    const notice = await li.get<FineNotice>(`/fines/notices/${unpaid[1].id}`);
    expect(notice.body).toMatchObject({ status: 'paid', dueFen: 0, payment: { reference: 'PAY20261122000001', amountFen: 24800, orderId: order.body.id } });
    const records = await li.get<RecordsResponse>('/records', { kind: 'fine-payment' });
    expect(records.body.items).toEqual([expect.objectContaining({ kind: 'fine-payment', amountFen: total, reference: 'PAY20261122000001', detail: { count: 2, orderId: order.body.id } })]);

    // WeChat Pay sends the same notification again (it retries until acknowledged): acknowledged, nothing more.
    const again = await gov.government.handle(paymentNotice(gov, { orderId: order.body.id, transactionId, amountFen: total, paidAt: gov.clock.now() }));
    expect([again.status, again.body]).toEqual([200, { code: 'SUCCESS' }]);
    expect((await li.get<PaymentOrder>(`/payments/orders/${order.body.id}`)).body.reference).toBe('PAY20261122000001');
    expect(paidOrders(gov)).toHaveLength(1);
    expect((await li.get<RecordsResponse>('/records')).body.items.filter((r) => r.kind === 'fine-payment')).toHaveLength(1);
  });

  it('refuses a notice already paid in another order, and a total that does not match', async () => {
    const first = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    await payOrder(gov, first.body);
    const again = await li.post('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    expect([again.status, again.body.error?.code]).toEqual([409, 'ALREADY_PAID']);

    const wrong = await li.post('/payments/orders', { items: [fine(unpaid[1])], totalFen: 20000 });
    expect([wrong.status, wrong.body.error?.code, wrong.body.error?.fields]).toEqual([409, 'TOTAL_MISMATCH', { totalFen: 'TOTAL_MISMATCH' }]);
    expect(paidOrders(gov)).toHaveLength(1);
  });

  it('refuses disputed notices, duplicates, empty orders, unknown agencies', async () => {
    const all = (await li.get<NoticesResponse>(`/fines/vehicles/${unpaid[0].vehicleId}/notices`)).body.items;
    const disputed = all.find((n) => n.status === 'disputed') as FineNotice;
    expect((await li.post('/payments/orders', { items: [fine(disputed)], totalFen: 1 })).body.error?.code).toBe('NOT_PAYABLE');
    expect((await li.post('/payments/orders', { items: [fine(unpaid[0]), fine(unpaid[0])], totalFen: 40000 })).body.error?.fields).toEqual({ items: 'DUPLICATE' });
    expect((await li.post('/payments/orders', { items: [], totalFen: 1 })).body.error?.fields).toEqual({ items: 'REQUIRED' });
    expect((await li.post('/payments/orders', { items: [{ agency: 'casino', itemId: 'x' }], totalFen: 1 })).body.error?.fields).toEqual({ items: 'UNKNOWN_AGENCY' });
  });

  it('answers 404 for another person\'s notice or order, the same as for one that does not exist', async () => {
    const zhou = caller(gov, await verifiedToken(gov.government, 'r08'));
    const theirs = await zhou.post('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    const nobodys = await zhou.post('/payments/orders', { items: [{ agency: 'police', itemId: 'n0000' }], totalFen: unpaid[0].dueFen });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error?.code).toBe(nobodys.body.error?.code);
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    expect((await zhou.get(`/payments/orders/${order.body.id}`)).status).toBe(404);
    expect(paidOrders(gov)).toHaveLength(0);
  });

  it('replays a retried create with the same idempotency key instead of making a second order', async () => {
    const body = { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen };
    const a = await li.post<PaymentOrder>('/payments/orders', body, 'key-1');
    const b = await li.post<PaymentOrder>('/payments/orders', body, 'key-1');
    expect(b.body.id).toBe(a.body.id);
    expect(Object.keys(storedOrders(gov.government))).toHaveLength(1);
  });

  it('answers a second request for the same notices with the open order, and refuses an overlapping one, so one payment cannot be lost to another', async () => {
    const body = { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen };
    const first = await li.post<PaymentOrder>('/payments/orders', body, 'key-a');
    // Paid in WeChat Pay, its notification not here yet; the person goes back and pays "again" with a new key.
    await payOrder(gov, first.body, false);
    const again = await li.post<PaymentOrder>('/payments/orders', body, 'key-b');
    expect([again.status, again.body.id, again.body.status]).toEqual([200, first.body.id, 'pending']);
    expect(again.body.payParams).toEqual(first.body.payParams);
    const overlapping = await li.post('/payments/orders', { items: [fine(unpaid[0]), fine(unpaid[1])], totalFen: unpaid[0].dueFen + unpaid[1].dueFen });
    expect([overlapping.status, overlapping.body.error?.code]).toEqual([409, 'ORDER_PENDING']);
    const open = await li.get<{ items: PaymentOrder[] }>('/payments/orders');
    expect(open.body.items.map((order) => order.id)).toEqual([first.body.id]);

    // WeChat Pay refuses to take the same order twice; its late notification still settles it.
    expect(gov.weChatPay.pay(again.body.payParams ?? { package: '' })).toEqual({ paid: false, reason: 'ORDER_PAID' });
    await gov.weChatPay.deliver();
    expect((await li.get<PaymentOrder>(`/payments/orders/${first.body.id}`)).body.status).toBe('paid');
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.status).toBe('paid');
    expect(paidOrders(gov)).toHaveLength(1);
    expect((await li.get<{ items: PaymentOrder[] }>('/payments/orders')).body.items).toEqual([]);
  });

  it('settles an order replaced before this fix (superseded) when its notices are still unpaid', async () => {
    const older = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    // State as the old rule left it: closed as superseded although WeChat Pay may have charged it.
    const stored = storedOrders(gov.government)[older.body.id];
    gov.government.amend(() => Object.assign(stored, { status: 'closed', closedReason: 'superseded' }));
    await payOrder(gov, older.body);
    const paid = await li.get<PaymentOrder>(`/payments/orders/${older.body.id}`);
    expect(paid.body).toMatchObject({ status: 'paid', closedReason: null, reference: 'PAY20261122000001' });
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.status).toBe('paid');
  });

  it('reads an order past its time as expired, without pay parameters', async () => {
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    gov.clock.advance(ORDER_TTL_MS);
    expect((await li.get<PaymentOrder>(`/payments/orders/${order.body.id}`)).body).toMatchObject({ status: 'pending', readAt: gov.clock.now() });
    gov.clock.advance(1);
    expect((await li.get<PaymentOrder>(`/payments/orders/${order.body.id}`)).body).toMatchObject({ status: 'closed', closedReason: 'expired', payParams: null });
    // Not confirmed, it may still have been paid in time: it holds its notice for the confirmation window.
    expect((await li.get<{ items: PaymentOrder[] }>('/payments/orders')).body.items).toEqual([expect.objectContaining({ id: order.body.id, holdsUntil: order.body.expiresAt + CONFIRM_WINDOW_MS })]);
    // Another combination including its notice waits for it.
    expect((await li.post('/payments/orders', { items: [fine(unpaid[0]), fine(unpaid[1])], totalFen: unpaid[0].dueFen + unpaid[1].dueFen })).body.error?.code).toBe('ORDER_PENDING');
    // After it, its notices can be ordered afresh.
    gov.clock.set(order.body.expiresAt + CONFIRM_WINDOW_MS + 1);
    expect((await li.get<{ items: PaymentOrder[] }>('/payments/orders')).body.items).toEqual([]);
    const due = (await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.dueFen;
    expect((await li.post('/payments/orders', { items: [fine(unpaid[0])], totalFen: due })).status).toBe(201);
  });

  it('settles an order paid just before it expired even when the notification comes after, at the time WeChat Pay succeeded', async () => {
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    const paidAt = order.body.expiresAt - 60_000;
    gov.clock.set(paidAt);
    await payOrder(gov, order.body, false);
    gov.clock.set(order.body.expiresAt + 10 * 60_000);
    await gov.weChatPay.deliver();
    const paid = await li.get<PaymentOrder>(`/payments/orders/${order.body.id}`);
    expect(paid.body).toMatchObject({ status: 'paid', paidAt });
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.payment).toMatchObject({ at: paidAt, orderId: order.body.id });
  });

  it('takes no payment after expiry, and records a charge that cannot settle its items as owed back, refunded once', async () => {
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    gov.clock.advance(ORDER_TTL_MS + 5 * 60_000);
    // WeChat Pay itself refuses the prepay id past its time_expire.
    expect(gov.weChatPay.pay(order.body.payParams ?? { package: '' })).toEqual({ paid: false, reason: 'EXPIRED' });
    // A charge reported after expiry (WeChat Pay's word, signed): not settled, owed back, never dropped.
    const late = await gov.government.handle(paymentNotice(gov, { orderId: order.body.id, transactionId: '4200000000000000000000000001', amountFen: unpaid[0].dueFen, paidAt: order.body.expiresAt + 60_000 }));
    expect(late.status).toBe(200);
    const owed = (await li.get<PaymentOrder>(`/payments/orders/${order.body.id}`)).body;
    expect([owed.status, owed.closedReason, owed.reference]).toEqual(['closed', 'refund-due', 'RFD20261122000001']);
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.status).toBe('unpaid');

    // A second order pays the notice; a third whose items overlap it and is then charged is owed back too.
    const second = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    const third = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[1])], totalFen: unpaid[1].dueFen });
    await payOrder(gov, second.body);
    const orders = () => storedOrders(gov.government);
    gov.government.amend(() => {
      orders()[third.body.id].lines.push(...orders()[second.body.id].lines);
    });
    await payOrder(gov, third.body);
    expect(orders()[third.body.id]).toMatchObject({ status: 'closed', closedReason: 'refund-due' });
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[1].id}`)).body.status).toBe('unpaid');
    expect(paidOrders(gov)).toHaveLength(1);
    // WeChat Pay was asked to refund the third order's charge, once, under its own reference.
    expect(gov.weChatPay.inspect().refunds).toEqual([expect.objectContaining({ orderId: third.body.id, amountFen: unpaid[1].dueFen })]);
  });

  it('lets an order expire unpaid, and keeps the amount of the order when midnight adds a surcharge day', async () => {
    const late = unpaid[1];
    const stale = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    gov.clock.advance(ORDER_TTL_MS + 1);
    expect(gov.weChatPay.pay(stale.body.payParams ?? { package: '' })).toEqual({ paid: false, reason: 'EXPIRED' });
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.status).toBe('unpaid');

    gov.clock.set(Date.UTC(2026, 10, 22, 15, 50)); // 23:50 CST
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(late)], totalFen: late.dueFen });
    gov.clock.advance(20 * 60 * 1000); // 00:10 CST, one more day late
    expect((await li.get<FineNotice>(`/fines/notices/${late.id}`)).body.dueFen).toBe(late.dueFen + 600);
    await payOrder(gov, order.body);
    const paid = await li.get<PaymentOrder>(`/payments/orders/${order.body.id}`);
    expect([paid.body.status, paid.body.totalFen]).toEqual(['paid', late.dueFen]);
    expect((await li.post('/payments/orders', { items: [fine(unpaid[2])], totalFen: unpaid[2].dueFen })).status).toBe(201);
  });

  it('keeps an expired order that was never confirmed holding its notice: the same notice reopens that order, another combination waits', async () => {
    const first = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    gov.clock.advance(60_000);
    await payOrder(gov, first.body, false);
    gov.clock.advance(ORDER_TTL_MS);
    // The notification of a payment made in time may still come, so no second order for the notice:
    // the same notice gets the same order back, open again; WeChat Pay never takes one order twice.
    const again = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    expect([again.status, again.body.id, again.body.resumed, again.body.status]).toEqual([200, first.body.id, true, 'pending']);
    expect(again.body.expiresAt).toBe(gov.clock.now() + ORDER_TTL_MS);
    expect(gov.weChatPay.pay(again.body.payParams ?? { package: '' })).toEqual({ paid: false, reason: 'ORDER_PAID' });
    const wider = await li.post('/payments/orders', { items: [fine(unpaid[0]), fine(unpaid[1])], totalFen: unpaid[0].dueFen + unpaid[1].dueFen });
    expect([wider.status, wider.body.error?.code]).toEqual([409, 'ORDER_PENDING']);
    gov.clock.advance(20 * 3600 * 1000);
    await gov.weChatPay.deliver();
    const paid = await li.get<PaymentOrder>(`/payments/orders/${first.body.id}`);
    expect([paid.body.status, paid.body.paidAt]).toEqual(['paid', first.body.createdAt + 60_000]);
    expect(paidOrders(gov)).toHaveLength(1);
  });

  it('records a WeChat Pay charge whose notice was meanwhile paid by another order as refund-due, and answers it again the same', async () => {
    const first = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    gov.clock.advance(60_000);
    const firstCharge = await payOrder(gov, first.body, false);
    // Past the confirmation window a second order is accepted and paid.
    gov.clock.set(first.body.expiresAt + CONFIRM_WINDOW_MS + 1);
    const due = (await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.dueFen;
    const second = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: due });
    await payOrder(gov, second.body, false);
    await gov.weChatPay.deliver(second.body.id);
    expect((await li.get<PaymentOrder>(`/payments/orders/${second.body.id}`)).body.status).toBe('paid');
    // The first was charged in time too; its notification arrives last: not dropped, owed back.
    await gov.weChatPay.deliver(first.body.id);
    const late = (await li.get<PaymentOrder>(`/payments/orders/${first.body.id}`)).body;
    expect([late.status, late.closedReason, late.paidAt]).toEqual(['closed', 'refund-due', first.body.createdAt + 60_000]);
    expect(late.reference).toMatch(/^RFD\d{14}$/);
    // The same notification again changes nothing: the same refund, asked for once.
    const again = await gov.government.handle(paymentNotice(gov, { orderId: first.body.id, transactionId: firstCharge, amountFen: first.body.totalFen, paidAt: first.body.createdAt + 60_000 }));
    expect(again.status).toBe(200);
    expect((await li.get<PaymentOrder>(`/payments/orders/${first.body.id}`)).body).toMatchObject({ closedReason: 'refund-due', reference: late.reference });
    expect(gov.weChatPay.inspect().refunds).toHaveLength(1);
    expect(paidOrders(gov)).toHaveLength(1);
  });

  it('gives an earlier order for the same notices back marked resumed, and checks the total against it or today\'s amount', async () => {
    const first = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen }, 'key-a');
    expect(first.body.resumed).toBeUndefined();
    const wrong = await li.post('/payments/orders', { items: [fine(unpaid[0])], totalFen: 1 }, 'key-b');
    expect([wrong.status, wrong.body.error?.code]).toEqual([409, 'TOTAL_MISMATCH']);
    const again = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen }, 'key-c');
    expect([again.status, again.body.id, again.body.resumed]).toEqual([200, first.body.id, true]);
  });

  it('puts the government\'s expiry in the pay parameters, so WeChat Pay itself refuses a payment after it', async () => {
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    expect(order.body.payParams?.timeExpire).toBe('2026-11-22T10:30:00+08:00');
    expect(Date.parse(order.body.payParams?.timeExpire ?? '')).toBe(order.body.expiresAt);
  });

  it('keeps orders per payer, and reads and moves orders stored in the one table of earlier versions', async () => {
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    expect(JSON.parse(gov.stored.get('g1.agencies.payments.p-r02') ?? '{}')).toMatchObject({ orders: { [order.body.id]: { status: 'pending' } } });
    // As an earlier version stored it: every order in one table under the payments agency.
    gov.government.amend((state) => {
      const legacy = storedOrders(gov.government);
      state.agencies.payments = { orders: legacy };
      delete state.agencies['payments.p-r02'];
    });
    expect((await li.get<PaymentOrder>(`/payments/orders/${order.body.id}`)).body.status).toBe('pending');
    expect((await li.get<{ items: PaymentOrder[] }>('/payments/orders')).body.items.map((o) => o.id)).toEqual([order.body.id]);
    // The next write moves them to their payer; the notification still finds the order.
    await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[1])], totalFen: unpaid[1].dueFen });
    expect(Object.keys(storedOrders(gov.government))).toHaveLength(2);
    expect(gov.government.inspect().agencies.payments).toEqual({ owners: expect.objectContaining({ [order.body.id]: 'p-r02' }) });
    await payOrder(gov, order.body);
    expect((await li.get<PaymentOrder>(`/payments/orders/${order.body.id}`)).body.status).toBe('paid');
  });
});
