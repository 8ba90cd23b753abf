import type { FineNotice, NoticesResponse, VehicleSummary } from '../../miniprogram/contracts/fines';
import { CONFIRM_WINDOW_MS, type PaymentOrder } from '../../miniprogram/contracts/payments';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { ORDER_TTL_MS } from '../../miniprogram/mock/payments';
import { createClock, createTestGovernment, verifiedToken, type TestGovernment } from '../helpers/government';

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
  const payments = gov.government.inspect().agencies.payments as { orders: Record<string, PaymentOrder> } | undefined;
  return Object.values(payments?.orders ?? {}).filter((order) => order.status === 'paid');
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

  it('creates an order, confirms it, marks the notices paid and lists the payment in records', async () => {
    const total = unpaid[0].dueFen + unpaid[1].dueFen;
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0]), fine(unpaid[1])], totalFen: total });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: 'pending', totalFen: total, reference: null });
    expect(order.body.payParams?.package).toMatch(/^prepay_id=wx/);
    expect(order.body.lines[1]).toMatchObject({ kind: 'traffic-fine', amountFen: 24800, detail: { plate: '粤B12345', fineFen: 20000, surchargeFen: 4800, daysLate: 8 } });

    const paid = await li.post<PaymentOrder>(`/payments/orders/${order.body.id}/confirm`, {});
    expect(paid.body).toMatchObject({ status: 'paid', reference: 'PAY20261122000001', paidAt: gov.clock.now(), payParams: null });
    const notice = await li.get<FineNotice>(`/fines/notices/${unpaid[1].id}`);
    expect(notice.body).toMatchObject({ status: 'paid', dueFen: 0, payment: { reference: 'PAY20261122000001', amountFen: 24800, orderId: order.body.id } });
    const records = await li.get<RecordsResponse>('/records', { kind: 'fine-payment' });
    expect(records.body.items).toEqual([expect.objectContaining({ kind: 'fine-payment', amountFen: total, reference: 'PAY20261122000001', detail: { count: 2, orderId: order.body.id } })]);

    // Confirming again (a retry) answers the same receipt and charges nothing more.
    const again = await li.post<PaymentOrder>(`/payments/orders/${order.body.id}/confirm`, {});
    expect(again.body.reference).toBe('PAY20261122000001');
    expect(paidOrders(gov)).toHaveLength(1);
    expect((await li.get<RecordsResponse>('/records')).body.items.filter((r) => r.kind === 'fine-payment')).toHaveLength(1);
  });

  it('refuses a notice already paid in another order, and a total that does not match', async () => {
    const first = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    await li.post(`/payments/orders/${first.body.id}/confirm`, {});
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
    expect((await zhou.post(`/payments/orders/${order.body.id}/confirm`, {})).status).toBe(404);
    expect(paidOrders(gov)).toHaveLength(0);
  });

  it('replays a retried create with the same idempotency key instead of making a second order', async () => {
    const body = { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen };
    const a = await li.post<PaymentOrder>('/payments/orders', body, 'key-1');
    const b = await li.post<PaymentOrder>('/payments/orders', body, 'key-1');
    expect(b.body.id).toBe(a.body.id);
    const payments = gov.government.inspect().agencies.payments as { orders: Record<string, PaymentOrder> };
    expect(Object.keys(payments.orders)).toHaveLength(1);
  });

  it('answers a second request for the same notices with the open order, and refuses an overlapping one, so one payment cannot be lost to another', async () => {
    const body = { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen };
    const first = await li.post<PaymentOrder>('/payments/orders', body, 'key-a');
    // Paid in WeChat Pay, confirmation lost; the person goes back and pays "again" with a new key.
    const again = await li.post<PaymentOrder>('/payments/orders', body, 'key-b');
    expect([again.status, again.body.id, again.body.status]).toEqual([200, first.body.id, 'pending']);
    expect(again.body.payParams).toEqual(first.body.payParams);
    const overlapping = await li.post('/payments/orders', { items: [fine(unpaid[0]), fine(unpaid[1])], totalFen: unpaid[0].dueFen + unpaid[1].dueFen });
    expect([overlapping.status, overlapping.body.error?.code]).toEqual([409, 'ORDER_PENDING']);
    const open = await li.get<{ items: PaymentOrder[] }>('/payments/orders');
    expect(open.body.items.map((order) => order.id)).toEqual([first.body.id]);

    // The late confirmation of the first order still settles; nothing else can be charged for it.
    expect((await li.post<PaymentOrder>(`/payments/orders/${first.body.id}/confirm`, {})).body.status).toBe('paid');
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.status).toBe('paid');
    expect(paidOrders(gov)).toHaveLength(1);
    expect((await li.get<{ items: PaymentOrder[] }>('/payments/orders')).body.items).toEqual([]);
  });

  it('settles an order replaced before this fix (superseded) when its notices are still unpaid', async () => {
    const older = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    // State as the old rule left it: closed as superseded although WeChat Pay may have charged it.
    const stored = (gov.government.inspect().agencies.payments as { orders: Record<string, { status: string; closedReason: string | null }> }).orders[older.body.id];
    Object.assign(stored, { status: 'closed', closedReason: 'superseded' });
    const paid = await li.post<PaymentOrder>(`/payments/orders/${older.body.id}/confirm`, { paidAt: gov.clock.now() });
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

  it('settles an order paid just before it expired even when the confirmation comes after, at the time WeChat Pay succeeded', async () => {
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    const paidAt = order.body.expiresAt - 60_000;
    gov.clock.set(order.body.expiresAt + 10 * 60_000);
    const paid = await li.post<PaymentOrder>(`/payments/orders/${order.body.id}/confirm`, { paidAt });
    expect(paid.body).toMatchObject({ status: 'paid', paidAt });
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.payment).toMatchObject({ at: paidAt, orderId: order.body.id });
  });

  it('refuses confirmations that cannot be true: paid after expiry, before the order, in the future, or an order closed for a paid notice', async () => {
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    const path = `/payments/orders/${order.body.id}/confirm`;
    const before = await li.post(path, { paidAt: order.body.createdAt - 10 * 60_000 });
    expect([before.status, before.body.error?.code, before.body.error?.fields]).toEqual([422, 'PAID_AT_INVALID', { paidAt: 'OUT_OF_RANGE' }]);
    const future = await li.post(path, { paidAt: gov.clock.now() + 10 * 60_000 });
    expect(future.body.error?.code).toBe('PAID_AT_INVALID');
    expect((await li.post(path, { paidAt: 'soon' })).body.error?.fields).toEqual({ paidAt: 'WRONG_TYPE' });
    gov.clock.advance(ORDER_TTL_MS + 5 * 60_000);
    expect((await li.post(path, {})).body.error?.code).toBe('ORDER_EXPIRED');
    // WeChat Pay charged it after expiry: not settled, but owed back to the payer, never dropped.
    const late = await li.post<PaymentOrder>(path, { paidAt: order.body.expiresAt + 60_000 });
    expect([late.status, late.body.status, late.body.closedReason, late.body.reference]).toEqual([200, 'closed', 'refund-due', 'RFD20261122000001']);
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.status).toBe('unpaid');

    // A second order pays the notice; the first, closed for that reason, never settles again.
    const second = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    const third = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[1])], totalFen: unpaid[1].dueFen });
    expect((await li.post(`/payments/orders/${second.body.id}/confirm`, {})).status).toBe(200);
    const orders = () => (gov.government.inspect().agencies.payments as { orders: Record<string, { status: string; closedReason: string | null; lines: unknown[] }> }).orders;
    gov.government.amend(() => {
      orders()[third.body.id].lines.push(...orders()[second.body.id].lines);
    });
    expect((await li.post(`/payments/orders/${third.body.id}/confirm`, {})).body.error?.code).toBe('ALREADY_PAID');
    // A refusal changes nothing: asked again, the same answer, and the order still only holds its items.
    expect((await li.post(`/payments/orders/${third.body.id}/confirm`, {})).body.error?.code).toBe('ALREADY_PAID');
    expect(orders()[third.body.id].status).toBe('pending');
    expect(paidOrders(gov)).toHaveLength(1);
  });

  it('lets an order expire unpaid, and keeps the amount of the order when midnight adds a surcharge day', async () => {
    const late = unpaid[1];
    const stale = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    gov.clock.advance(ORDER_TTL_MS + 1);
    expect((await li.post(`/payments/orders/${stale.body.id}/confirm`, {})).body.error?.code).toBe('ORDER_EXPIRED');
    expect((await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.status).toBe('unpaid');

    gov.clock.set(Date.UTC(2026, 10, 22, 15, 50)); // 23:50 CST
    const order = await li.post<PaymentOrder>('/payments/orders', { items: [fine(late)], totalFen: late.dueFen });
    gov.clock.advance(20 * 60 * 1000); // 00:10 CST, one more day late
    expect((await li.get<FineNotice>(`/fines/notices/${late.id}`)).body.dueFen).toBe(late.dueFen + 600);
    const paid = await li.post<PaymentOrder>(`/payments/orders/${order.body.id}/confirm`, {});
    expect(paid.body.totalFen).toBe(late.dueFen);
    expect((await li.post('/payments/orders', { items: [fine(unpaid[2])], totalFen: unpaid[2].dueFen })).status).toBe(201);
  });

  it('keeps an expired order that was never confirmed holding its notice: the same notice reopens that order, another combination waits', async () => {
    const first = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    gov.clock.advance(ORDER_TTL_MS + 60_000);
    // The confirmation of a payment made in time may still come, so no second order for the notice:
    // the same notice gets the same order (and prepay id) back, open again; WeChat Pay never takes one order twice.
    const again = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    expect([again.status, again.body.id, again.body.resumed, again.body.status]).toEqual([200, first.body.id, true, 'pending']);
    expect(again.body.payParams?.package).toBe(first.body.payParams?.package);
    expect(again.body.expiresAt).toBe(gov.clock.now() + ORDER_TTL_MS);
    const wider = await li.post('/payments/orders', { items: [fine(unpaid[0]), fine(unpaid[1])], totalFen: unpaid[0].dueFen + unpaid[1].dueFen });
    expect([wider.status, wider.body.error?.code]).toEqual([409, 'ORDER_PENDING']);
    gov.clock.advance(20 * 3600 * 1000);
    const paid = await li.post<PaymentOrder>(`/payments/orders/${first.body.id}/confirm`, { paidAt: first.body.createdAt + 60_000 });
    expect(paid.body.status).toBe('paid');
    expect(paidOrders(gov)).toHaveLength(1);
  });

  it('records a WeChat Pay charge whose notice was meanwhile paid by another order as refund-due, and answers it again the same', async () => {
    const first = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: unpaid[0].dueFen });
    // Past the confirmation window a second order is accepted and paid.
    gov.clock.set(first.body.expiresAt + CONFIRM_WINDOW_MS + 1);
    const due = (await li.get<FineNotice>(`/fines/notices/${unpaid[0].id}`)).body.dueFen;
    const second = await li.post<PaymentOrder>('/payments/orders', { items: [fine(unpaid[0])], totalFen: due });
    expect((await li.post<PaymentOrder>(`/payments/orders/${second.body.id}/confirm`, {})).body.status).toBe('paid');
    // The first was charged in time too; its confirmation arrives last: not dropped, owed back.
    const late = await li.post<PaymentOrder>(`/payments/orders/${first.body.id}/confirm`, { paidAt: first.body.createdAt + 60_000 });
    expect([late.status, late.body.status, late.body.closedReason, late.body.paidAt]).toEqual([200, 'closed', 'refund-due', first.body.createdAt + 60_000]);
    expect(late.body.reference).toMatch(/^RFD\d{14}$/);
    const again = await li.post<PaymentOrder>(`/payments/orders/${first.body.id}/confirm`, { paidAt: first.body.createdAt + 60_000 });
    expect(again.body).toMatchObject({ closedReason: 'refund-due', reference: late.body.reference });
    expect((await li.get<PaymentOrder>(`/payments/orders/${first.body.id}`)).body.closedReason).toBe('refund-due');
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
});
