// Only WeChat Pay's signed notification settles an order, exactly once: forged, altered, replayed,
// wrong-amount and misdirected notifications are refused with a code and change nothing.
import type { NoticesResponse, VehicleSummary } from '../../miniprogram/contracts/fines';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import { NOTICE_MAX_AGE_MS } from '../../miniprogram/mock/wechat-pay';
import { createTestGovernment, paymentNotice, payOrder, verifiedToken, type TestGovernment } from '../helpers/government';

async function openOrder(): Promise<{ gov: TestGovernment; order: PaymentOrder; token: string }> {
  const gov = createTestGovernment();
  const token = await verifiedToken(gov.government, 'r02');
  const headers = { authorization: `Bearer ${token}` };
  const car = (await gov.government.handle({ method: 'POST', path: '/fines/vehicles', headers, body: JSON.stringify({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' }) })).body as VehicleSummary;
  const notices = (await gov.government.handle({ method: 'GET', path: `/fines/vehicles/${car.id}/notices`, headers })).body as NoticesResponse;
  const unpaid = notices.items.find((n) => n.status === 'unpaid');
  const order = (await gov.government.handle({ method: 'POST', path: '/payments/orders', headers, body: JSON.stringify({ items: [{ agency: 'police', itemId: unpaid?.id }], totalFen: unpaid?.dueFen }) })).body as PaymentOrder;
  return { gov, order, token };
}

const codeOf = (body: unknown): string | undefined => (body as { error?: { code: string } }).error?.code;
const statusOf = async (gov: TestGovernment, token: string, id: string): Promise<string> =>
  ((await gov.government.handle({ method: 'GET', path: `/payments/orders/${id}`, headers: { authorization: `Bearer ${token}` } })).body as PaymentOrder).status;

describe('payment notifications', () => {
  it('refuses forged, altered, stale and unsigned notifications, and they settle nothing', async () => {
    const { gov, order, token } = await openOrder();
    const resource = { orderId: order.id, transactionId: '4200000000000000000000000042', amountFen: order.totalFen, paidAt: gov.clock.now() };
    const genuine = paymentNotice(gov, resource);
    const tries: [string, Parameters<TestGovernment['government']['handle']>[0], number, string][] = [
      ['signed with another key', paymentNotice(gov, resource, { key: 'guessed-merchant-key' }), 401, 'SIGNATURE_INVALID'],
      ['body altered after signing', { ...genuine, body: String(genuine.body).replace(`"total":${order.totalFen}`, '"total":1') }, 401, 'SIGNATURE_INVALID'],
      ['no signature', { ...genuine, headers: {} }, 401, 'SIGNATURE_INVALID'],
      ['signed too long ago (a replay)', paymentNotice(gov, resource, { signedAt: gov.clock.now() - NOTICE_MAX_AGE_MS - 1000 }), 401, 'SIGNATURE_EXPIRED'],
      ['signed for the future', paymentNotice(gov, resource, { signedAt: gov.clock.now() + NOTICE_MAX_AGE_MS + 1000 }), 401, 'SIGNATURE_EXPIRED'],
      ['wrong amount, signed', paymentNotice(gov, { ...resource, amountFen: order.totalFen - 1 }), 400, 'AMOUNT_MISMATCH'],
      ['unknown order, signed', paymentNotice(gov, { ...resource, orderId: 'po0000000000000000' }), 404, 'NOT_FOUND'],
      ['prototype order id, signed', paymentNotice(gov, { ...resource, orderId: '__proto__' }), 404, 'NOT_FOUND'],
      ['before the order existed', paymentNotice(gov, { ...resource, paidAt: order.createdAt - 3600 * 1000 }), 400, 'PAID_AT_INVALID'],
      ['no resource, signed', paymentNotice(gov, resource, { body: '{"id":"EV-1"}' }), 400, 'BAD_NOTICE'],
      ['not JSON, signed', paymentNotice(gov, resource, { body: '{' }), 400, 'BAD_REQUEST'],
    ];
    const before = gov.snapshot();
    for (const [what, req, status, code] of tries) {
      const answer = await gov.government.handle(req);
      expect([what, answer.status, codeOf(answer.body)]).toEqual([what, status, code]);
    }
    expect(gov.snapshot()).toBe(before);
    expect(await statusOf(gov, token, order.id)).toBe('pending');

    // The genuine one settles; sent again (WeChat Pay retries) it is acknowledged and changes nothing.
    expect((await gov.government.handle(genuine)).body).toEqual({ code: 'SUCCESS' });
    const settled = gov.snapshot();
    expect((await gov.government.handle(paymentNotice(gov, resource))).body).toEqual({ code: 'SUCCESS' });
    expect(gov.snapshot()).toBe(settled);
    // Another transaction for a settled order is refused.
    const other = await gov.government.handle(paymentNotice(gov, { ...resource, transactionId: '4200000000000000000000000043' }));
    expect([other.status, codeOf(other.body)]).toEqual([409, 'TRANSACTION_MISMATCH']);
    expect(await statusOf(gov, token, order.id)).toBe('paid');
  });

  it('the app cannot settle an order: there is no confirm endpoint', async () => {
    const { gov, order, token } = await openOrder();
    const headers = { authorization: `Bearer ${token}` };
    const confirm = await gov.government.handle({ method: 'POST', path: `/payments/orders/${order.id}/confirm`, headers, body: '{}' });
    expect(confirm.status).toBe(404);
    expect(await statusOf(gov, token, order.id)).toBe('pending');
  });

  it('keeps sending an unacknowledged notification until the government takes it, and settles once', async () => {
    const { gov, order, token } = await openOrder();
    gov.transport.setFault('none');
    await payOrder(gov, order, false);
    // The government is unreachable for WeChat Pay's first try (its storage refuses the write).
    const failing = jest.spyOn(gov.government, 'handle').mockResolvedValueOnce({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'down' } } });
    expect(await gov.weChatPay.deliver()).toBe(0);
    failing.mockRestore();
    expect(await statusOf(gov, token, order.id)).toBe('pending');
    expect(await gov.weChatPay.deliver()).toBe(1);
    expect(await gov.weChatPay.deliver()).toBe(0);
    expect(await statusOf(gov, token, order.id)).toBe('paid');
    expect(gov.weChatPay.inspect().transactions).toHaveLength(1);
  });
});
