// DELETE /identity/me as an attacker would try it, and the pruning of orders nobody can pay any more.
import { DAY_MS } from '../../miniprogram/core/dates';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import { UNPAID_ORDER_KEEP_MS } from '../../miniprogram/mock/payments';
import { createTestGovernment, payOrder, savedAnswers, verifiedToken, type TestGovernment, storedOrders } from '../helpers/government';
import { bindAs, noticesOf, orderFor } from '../packages/fines/helpers';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const orders = (gov: TestGovernment): PaymentOrder[] =>
  Object.values(storedOrders(gov.government));
const erase = (gov: TestGovernment, headers: Record<string, string>) => gov.government.handle({ method: 'DELETE', path: '/identity/me', headers });

describe('deleting one\'s data', () => {
  it('deletes only the caller\'s data, whoever else is named, and a replay finds nothing', async () => {
    const gov = createTestGovernment();
    const li = await verifiedToken(gov.government, 'r02');
    const zhou = await verifiedToken(gov.government, 'r08');
    await bindAs(gov, li, '粤B12345');
    await bindAs(gov, zhou, '粤E12345');
    const bindings = () => Object.keys((gov.government.inspect().agencies.police as { bindings: Record<string, string[]> }).bindings).sort();
    expect(bindings()).toEqual(['p-r02', 'p-r08']);

    // The path and body name nobody: there is no way to aim it at another person.
    const answer = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { ...auth(zhou), 'idempotency-key': 'k1' }, body: JSON.stringify({ personId: 'p-r02' }) });
    expect(answer.status).toBe(200);
    expect(bindings()).toEqual(['p-r02']);
    const again = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { ...auth(zhou), 'idempotency-key': 'k1' } });
    expect([again.status, (again.body as { error: { code: string } }).error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const li2 = await gov.government.handle({ method: 'GET', path: '/fines/vehicles', headers: auth(li) });
    expect((li2.body as { vehicles: unknown[] }).vehicles).toHaveLength(1);
  });

  it('refuses without a verified person, and changes nothing', async () => {
    const gov = createTestGovernment();
    await verifiedToken(gov.government, 'r02');
    const started = await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
    const anonymous = (started.body as { token: string }).token;
    const before = gov.snapshot();
    for (const headers of [{}, auth('forged'), auth('__proto__'), auth(anonymous), { authorization: 'Basic x' }]) {
      const answer = await erase(gov, headers);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect((answer.body as { error: { code: string } }).error.code).toMatch(/^(UNAUTHENTICATED|NOT_VERIFIED)$/);
    }
    expect(gov.snapshot()).toBe(before);
  });

  it('keeps failed bind tries until their day ends, so deleting cannot reset the limit', async () => {
    const gov = createTestGovernment();
    const li = await verifiedToken(gov.government, 'r02');
    await gov.government.handle({ method: 'POST', path: '/fines/vehicles', headers: auth(li), body: JSON.stringify({ plate: '粤E12345', plateType: 'large', vinLast6: '000000' }) });
    const answer = await erase(gov, auth(li));
    expect((answer.body as { kept: unknown[] }).kept).toContainEqual({ kind: 'security-limits', count: 1, until: gov.clock.now() + DAY_MS });
    expect(gov.government.inspect().limits.bind['p-r02']).toEqual({ count: 1, since: gov.clock.now() });
  });

  it('settles a charge reported for a withdrawn order as owed back, never as a receipt', async () => {
    const gov = createTestGovernment();
    const li = await verifiedToken(gov.government, 'r02');
    const car = await bindAs(gov, li, '粤B12345');
    const unpaid = (await noticesOf(gov, li, car.id)).items.filter((n) => n.status === 'unpaid');
    const order = await orderFor(gov, li, [unpaid[0].id], unpaid[0].dueFen);
    await erase(gov, auth(li));
    // WeChat Pay had taken the money just before; its notification comes after the deletion.
    await payOrder(gov, order);
    expect(orders(gov)[0]).toMatchObject({ status: 'closed', closedReason: 'refund-due' });
    expect(gov.weChatPay.inspect().refunds).toEqual([expect.objectContaining({ orderId: order.id, amountFen: order.totalFen })]);
  });
});

describe('saved answers and counters after deleting', () => {
  it('deletes the answers saved before verification too (the SMS code, the profile), and lets the day\'s counter lapse', async () => {
    const gov = createTestGovernment();
    const person = { name: '林新', idNumber: '440106199001010013', mobile: '13900000011' };
    const key = (k: string) => ({ 'idempotency-key': k });
    const started = await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
    const token = (started.body as { token: string }).token;
    const sms = await gov.government.handle({ method: 'POST', path: '/identity/sms', headers: { ...auth(token), ...key('k-sms') }, body: JSON.stringify({ mobile: person.mobile }) });
    const code = (sms.body as { devCode: string }).devCode;
    await gov.government.handle({ method: 'POST', path: '/identity/verify', headers: { ...auth(token), ...key('k-verify') }, body: JSON.stringify({ ...person, smsCode: code }) });
    await gov.government.handle({ method: 'POST', path: '/fines/vehicles', headers: { ...auth(token), ...key('k-bind') }, body: JSON.stringify({ plate: '粤E12345', plateType: 'large', vinLast6: '000000' }) });
    expect(savedAnswers(gov.government)).toHaveLength(2);
    const answer = await erase(gov, auth(token));
    expect((answer.body as { deleted: Record<string, number> }).deleted).toMatchObject({ savedAnswers: 2, person: 1 });
    expect(savedAnswers(gov.government)).toEqual([]);
    expect(gov.government.inspect().idempotency).toEqual({});
    expect(gov.snapshot()).not.toContain(code);
    // The failed bind's counter stays its day, then goes with the next write.
    expect(Object.keys(gov.government.inspect().limits.bind)).toHaveLength(1);
    gov.clock.advance(DAY_MS);
    await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
    expect(gov.government.inspect().limits.bind).toEqual({});
  });
});

describe('orders nobody can pay or confirm', () => {
  it('are dropped within an hour once 30 days past their expiry, while paid ones stay', async () => {
    const gov = createTestGovernment();
    const li = await verifiedToken(gov.government, 'r02');
    const car = await bindAs(gov, li, '粤B12345');
    const unpaid = (await noticesOf(gov, li, car.id)).items.filter((n) => n.status === 'unpaid');
    const paid = await orderFor(gov, li, [unpaid[0].id], unpaid[0].dueFen);
    await payOrder(gov, paid);
    const left = await orderFor(gov, li, [unpaid[1].id], unpaid[1].dueFen);
    gov.clock.set(left.expiresAt + UNPAID_ORDER_KEEP_MS - 1);
    const fresh = await verifiedToken(gov.government, 'r02');
    expect(orders(gov).map((order) => order.id).sort()).toEqual([paid.id, left.id].sort());
    // Agencies prune at most hourly: the next write an hour on drops it.
    gov.clock.advance(3600 * 1000);
    await gov.government.handle({ method: 'DELETE', path: '/identity/session', headers: auth(fresh) });
    expect(orders(gov).map((order) => order.id)).toEqual([paid.id]);
  });
});
