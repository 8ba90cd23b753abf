import type { RecordsResponse } from '../../../miniprogram/contracts/records';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { ORDER_TTL_MS } from '../../../miniprogram/mock/payments';
import { bindAs, noticesOf, orderFor, paidOrders, payOrderOf } from '../fines/helpers';

const ROUTE = 'packages/pay/pages/checkout/checkout';

async function setUp() {
  const gov = createTestGovernment();
  const token = await signInAs(gov, 'r02');
  const car = await bindAs(gov, token, '粤B12345');
  const unpaid = (await noticesOf(gov, token, car.id)).items.filter((n) => n.status === 'unpaid');
  const order = await orderFor(gov, token, [unpaid[0].id, unpaid[1].id], unpaid[0].dueFen + unpaid[1].dueFen);
  return { gov, token, order, unpaid };
}

/** WeChat Pay charges, then the network drops before the confirmation reaches the government. */
function dropNetworkAfterWeChatPay(gov: TestGovernment): void {
  const record = fake.payments.push.bind(fake.payments);
  jest.spyOn(fake.payments, 'push').mockImplementation((...items) => {
    gov.transport.setFault('unavailable');
    return record(...items);
  });
}

async function fineRecords(gov: TestGovernment, token: string) {
  const res = await gov.government.handle({ method: 'GET', path: '/records', query: { kind: 'fine-payment' }, headers: { authorization: `Bearer ${token}` } });
  return (res.body as RecordsResponse).items;
}

describe('checkout page', () => {
  it('sends a person who has not verified to identity, carrying the order', async () => {
    const page = await renderPage(ROUTE, { query: { order: 'po1' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent('/packages/pay/pages/checkout/checkout?order=po1')}`);
    expectWithinBudgets(page);
  });

  it('shows the lines and total, pays with WeChat Pay, and goes to the receipt', async () => {
    const { gov, token, order } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { order: order.id }, language: 'en' });
    // Each line names its offence, and the points it records.
    expect(page.findAll('.line-title').map((line) => line.dom?.textContent)).toEqual(['Drove through a red light', 'Crossed a no-crossing road marking']);
    expect(page.findAll('.line-sub').map((line) => line.dom?.textContent)).toEqual(['粤B12345 · 2026-11-17 · 6\u00a0points', '粤B12345 · 2026-10-28 · 3\u00a0points']);
    expect(page.textOf('#next')).toBe('After paying you get a receipt with a reference number; the payment also appears in My records.');
    expect(page.text()).toContain('fine ¥200.00 + surcharge ¥48.00 (8 days late)');
    expect(page.textOf('#total')).toBe('¥448.00');
    expect(page.textOf('#pay')).toBe('Pay ¥448.00 with WeChat Pay');
    await page.tap('#pay');
    expect(fake.payments).toEqual([expect.objectContaining({ package: order.payParams?.package, signType: 'RSA' })]);
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/packages/pay/pages/receipt/receipt?order=${order.id}` });
    expect(paidOrders(gov)).toHaveLength(1);
    expect(await fineRecords(gov, token)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('pays once for a double tap: WeChat Pay opens once, and the government records one payment', async () => {
    const { gov, token, order, unpaid } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    await page.act('double tap pay', () => {
      page.find('#pay')?.dispatchEvent('tap');
      page.find('#pay')?.dispatchEvent('tap');
    });
    expect(fake.payments).toHaveLength(1);
    const records = await fineRecords(gov, token);
    expect(records).toEqual([expect.objectContaining({ amountFen: 44800, detail: { count: 2, orderId: order.id } })]);
    const after = (await noticesOf(gov, token, unpaid[0].vehicleId)).items;
    const paidNow = after.filter((n) => n.payment?.orderId === order.id);
    expect(paidNow.map((n) => n.id).sort()).toEqual([unpaid[0].id, unpaid[1].id].sort());
    expect(paidNow.map((n) => n.payment?.reference)).toEqual([records[0].reference, records[0].reference]);
    expectWithinBudgets(page);
  });

  it('leaves everything unpaid and payable again after a cancel or a failure', async () => {
    const { gov, token, order, unpaid } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    fake.paymentOutcome = 'cancel';
    await page.tap('#pay');
    expect(page.textOf('#notice')).toBe('您取消了支付，没有扣款。准备好后可以再次支付。');
    // A cancel is the person's choice: information, read out politely, not an error.
    expect(messageAt(page, '#notice')).toEqual({ kind: 'info', role: 'status' });
    fake.paymentOutcome = 'fail';
    await page.tap('#pay');
    expect(page.textOf('#notice')).toBe('支付没有成功，没有扣款。请重试。');
    // A failure looks like one, and is read out at once.
    expect(messageAt(page, '#notice')).toEqual({ kind: 'error', role: 'alert' });
    expect(paidOrders(gov)).toHaveLength(0);
    expect((await noticesOf(gov, token, unpaid[0].vehicleId)).vehicle.unpaidCount).toBe(3);
    fake.paymentOutcome = 'success';
    await page.tap('#pay');
    expect(fake.payments).toHaveLength(3);
    expect(paidOrders(gov)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('after WeChat Pay succeeds but its result cannot be checked yet, offers to check again and never pays again', async () => {
    const { gov, token, order } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    // WeChat Pay takes the money, but its notification is late and the app's network drops.
    gov.holdNotices(true);
    dropNetworkAfterWeChatPay(gov);
    await page.tap('#pay');
    expect(page.textOf('#notice')).toContain('微信支付已扣款 ¥448.00，但缴费结果还没有确认。请不要重复支付');
    expect(messageAt(page, '#notice')).toEqual({ kind: 'warning', role: 'alert' });
    expect(page.find('#pay')).toBeUndefined();
    expect(paidOrders(gov)).toHaveLength(0);
    await page.tap('#check-again');
    expect(page.textOf('#notice')).toContain('缴费结果还没有确认');
    gov.transport.setFault('none');
    // Online again, but the notification is still to come: still waiting, still no second payment.
    await page.tap('#check-again');
    expect(page.textOf('#notice')).toContain('缴费结果还没有确认');
    await gov.weChatPay.deliver();
    await page.tap('#check-again');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/packages/pay/pages/receipt/receipt?order=${order.id}` });
    expect(fake.payments).toHaveLength(1);
    expect(paidOrders(gov)).toHaveLength(1);
    expect(await fineRecords(gov, token)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('going back from "unconfirmed" and paying again never charges twice', async () => {
    const { gov, token, order, unpaid } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    gov.holdNotices(true);
    dropNetworkAfterWeChatPay(gov);
    await page.tap('#pay');
    expect(page.find('#check-again')).toBeDefined();
    gov.transport.setFault('none');
    // Back on the notices, the same two fines are ticked and paid again (a new key): the government
    // answers the open order, and its checkout offers only to check the payment, not to pay.
    const again = await orderFor(gov, token, [unpaid[0].id, unpaid[1].id], unpaid[0].dueFen + unpaid[1].dueFen);
    expect(again.id).toBe(order.id);
    const second = await renderPage(ROUTE, { gov, query: { order: again.id } });
    expect(second.find('#pay')).toBeUndefined();
    expect(second.textOf('#notice')).toContain('请不要重复支付');
    await gov.weChatPay.deliver();
    await second.tap('#check-again');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/packages/pay/pages/receipt/receipt?order=${order.id}` });
    expect(fake.payments).toHaveLength(1);
    expect(await fineRecords(gov, token)).toHaveLength(1);
    expectWithinBudgets(page);
    expectWithinBudgets(second);
  });

  it('settles an order paid just before it expired when WeChat Pay\'s notification gets through after', async () => {
    const { gov, token, order } = await setUp();
    gov.clock.set(order.expiresAt - 60_000);
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    gov.holdNotices(true);
    dropNetworkAfterWeChatPay(gov);
    await page.tap('#pay');
    expect(page.find('#check-again')).toBeDefined();
    gov.clock.advance(10 * 60_000);
    await gov.weChatPay.deliver();
    gov.transport.setFault('none');
    await page.tap('#check-again');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/packages/pay/pages/receipt/receipt?order=${order.id}` });
    expect(paidOrders(gov)).toEqual([expect.objectContaining({ id: order.id })]);
    expect(paidOrders(gov)[0].paidAt).toBeLessThanOrEqual(order.expiresAt);
    expect(await fineRecords(gov, token)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('cannot pay an order that expired while the page was open, and charges nothing', async () => {
    const { gov, order } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { order: order.id }, language: 'en' });
    expect(page.find('#pay')).toBeDefined();
    gov.clock.advance(ORDER_TTL_MS + 1);
    await page.tap('#pay');
    expect(fake.payments).toHaveLength(0);
    expect(page.textOf('#notice')).toBe('The time to pay this order has passed; nothing was charged. Go back and start again.');
    expect(messageAt(page, '#notice').kind).toBe('error');
    expect(page.find('#pay')).toBeUndefined();
    fake.stack.push({ route: ROUTE, query: { order: order.id }, url: `/${ROUTE}` });
    await page.tap('#back');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateBack', url: '1' });

    const reopened = await renderPage(ROUTE, { gov, query: { order: order.id }, language: 'en' });
    expect(reopened.textOf('#notice')).toBe('The time to pay this order has passed; nothing was charged. Go back and start again.');
    expect(reopened.find('#pay')).toBeUndefined();
    expect(paidOrders(gov)).toHaveLength(0);
    expectWithinBudgets(page);
    expectWithinBudgets(reopened);
  });

  it('says when an earlier open order is shown instead of a new one', async () => {
    const { gov, order } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { order: order.id, resumed: '1' }, language: 'en' });
    expect(page.textOf('#notice')).toBe('This is the order you started earlier for these items; its amount, ¥448.00, is held as it was then. Pay it here by 2026-11-22 10:30.');
    expect(messageAt(page, '#notice')).toEqual({ kind: 'info', role: 'status' });
    expect(page.find('#pay')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('keeps the whole query, resumed included, when the government has forgotten the session', async () => {
    const { gov, token, order } = await setUp();
    gov.government.amend((state) => {
      delete state.sessions[token];
    });
    await renderPage(ROUTE, { gov, query: { order: order.id, resumed: '1' } });
    const back = `/packages/pay/pages/checkout/checkout?order=${order.id}&resumed=1`;
    expect(fake.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(back)}` });
  });

  it('goes straight to the receipt for an order already paid', async () => {
    const { gov, token, order } = await setUp();
    await payOrderOf(gov, token, order.id);
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/packages/pay/pages/receipt/receipt?order=${order.id}` });
    expect(fake.payments).toHaveLength(0);
    expectWithinBudgets(page);
  });

  it('answers another person\'s order like one that does not exist, with a way back instead of a retry, and retries a failed load', async () => {
    const { gov, order } = await setUp();
    await signInAs(gov, 'r08');
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    expect(page.textOf('#state >>> .load-message')).toBe('没有找到这笔订单，没有扣款。请返回重新选择缴费项目。');
    expect(page.textOf('#state')).not.toContain('重试');
    expect(page.text()).not.toContain('粤B12345');
    fake.stack.push({ route: ROUTE, query: { order: order.id }, url: `/${ROUTE}` });
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateBack', url: '1' });
    expectWithinBudgets(page);

    await signInAs(gov, 'r02');
    gov.transport.setFault('offline');
    const again = await renderPage(ROUTE, { gov, query: { order: order.id } });
    expect(again.text()).toContain('网络连接失败');
    expect(again.textOf('#state')).toContain('重试');
    expect(again.find('#state >>> #forward')).toBeUndefined();
    gov.transport.setFault('none');
    await again.tap('#state >>> .load-retry');
    expect(again.textOf('#total')).toBe('¥448.00');
    expectWithinBudgets(again);
  });
});
