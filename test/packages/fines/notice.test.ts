import { DAY_MS } from '../../../miniprogram/core/dates';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, storedOrders } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { bindAs, noticesOf, orderFor, payOrderOf } from './helpers';

const ROUTE = 'packages/fines/pages/notice/notice';

async function setUp(plate = '粤B12345') {
  const gov = createTestGovernment();
  const token = await signInAs(gov, 'r02');
  const car = await bindAs(gov, token, plate);
  const notices = (await noticesOf(gov, token, car.id)).items;
  return { gov, token, notices };
}

describe('notice detail page', () => {
  it('sends a person who has not verified to identity, carrying the notice', async () => {
    const page = await renderPage(ROUTE, { query: { id: 'n1' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent('/packages/fines/pages/notice/notice?id=n1')}`);
    expectWithinBudgets(page);
  });

  it('explains the amount due: fine 200 + surcharge 48 (8 days late)', async () => {
    const { gov, notices } = await setUp();
    const late = notices.find((n) => n.daysLate === 8);
    const page = await renderPage(ROUTE, { gov, query: { id: late?.id ?? '' }, language: 'en' });
    expect(page.textOf('#how')).toBe('fine ¥200.00 + surcharge ¥48.00 (8 days late)');
    expect(page.text()).toContain('¥248.00');
    expect(page.text()).toContain('Crossed a no-crossing road marking');
    expect(page.text()).toContain('2026-11-14');
    expect(page.text()).toContain(late?.placeEn ?? 'no place');
    expect(page.text()).not.toContain(late?.place ?? 'no place');
    expect(page.textOf('#pay')).toBe('Pay ¥248.00');
    expectWithinBudgets(page);
  });

  it('follows the government at day 15, day 16 and far past the cap', async () => {
    const { gov, notices } = await setUp();
    const fresh = notices[0];
    gov.clock.set(fresh.noticedAt + 15 * DAY_MS);
    let page = await renderPage(ROUTE, { gov, query: { id: fresh.id } });
    expect(page.find('#how')).toBeUndefined();
    expect(page.textOf('#note')).toBe(`${fresh.payBy} 前缴纳不产生滞纳金`);
    expect(page.textOf('#pay')).toBe('缴纳 ¥200.00');
    expectWithinBudgets(page);

    gov.clock.set(fresh.noticedAt + 16 * DAY_MS);
    page = await renderPage(ROUTE, { gov, query: { id: fresh.id } });
    expect(page.textOf('#how')).toBe('罚款 ¥200.00 + 滞纳金 ¥6.00（逾期 1 天）');
    expectWithinBudgets(page);

    // Seeded 90 days before today, now 13 days later: 88 days late, far past the cap (reached on day 34 late).
    const capped = notices[2];
    page = await renderPage(ROUTE, { gov, query: { id: capped.id } });
    expect(page.textOf('#how')).toBe('罚款 ¥200.00 + 滞纳金 ¥200.00（逾期 88 天，滞纳金已达罚款数额，不再增加）');
    expect(page.textOf('#pay')).toBe('缴纳 ¥400.00');
    expectWithinBudgets(page);
  });

  it('shows paid and disputed notices without a pay button', async () => {
    const { gov, notices } = await setUp();
    const paid = notices.find((n) => n.status === 'paid');
    let page = await renderPage(ROUTE, { gov, query: { id: paid?.id ?? '' } });
    expect(page.textOf('#status')).toBe('已缴款');
    expect(page.textOf('#note')).toMatch(/^已于 .* 缴纳 ¥200.00，缴款编号 /);
    expect(page.find('#pay')).toBeUndefined();
    expectWithinBudgets(page);
    const disputed = notices.find((n) => n.status === 'disputed');
    page = await renderPage(ROUTE, { gov, query: { id: disputed?.id ?? '' } });
    expect(page.textOf('#note')).toBe('申诉审核中。审核完成前不能缴款，审核结果会在这里显示。');
    expect(page.find('#pay')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('shows a disputed notice\'s fine under review instead of ¥0.00 due, in both languages', async () => {
    const { gov, notices } = await setUp();
    const disputed = notices.find((n) => n.status === 'disputed');
    expect(disputed?.dueFen).toBe(0);
    let page = await renderPage(ROUTE, { gov, query: { id: disputed?.id ?? '' } });
    expect(page.textOf('#due-label')).toBe('罚款');
    expect(page.textOf('#due-amount')).toBe('¥200.00');
    expect(page.textOf('#status')).toBe('申诉审核中');
    expect(page.text()).not.toContain('¥0.00');
    expectWithinBudgets(page);
    page = await renderPage(ROUTE, { gov, query: { id: disputed?.id ?? '' }, language: 'en' });
    expect(page.textOf('#due-label')).toBe('Fine');
    expect(page.textOf('#status')).toBe('Under review');
    expect(page.textOf('#note')).toBe('Under review: the dispute of this violation is being reviewed. It cannot be paid until the review ends, and the outcome will show here.');
    expectWithinBudgets(page);
  });

  it('shows the amount actually paid, with its surcharge, and the decision number', async () => {
    const { gov, token, notices } = await setUp();
    const late = notices.find((n) => n.daysLate === 8);
    const order = await orderFor(gov, token, [late?.id ?? ''], late?.dueFen ?? 0);
    await payOrderOf(gov, token, order.id);
    const page = await renderPage(ROUTE, { gov, query: { id: late?.id ?? '' } });
    expect(page.textOf('#due-label')).toBe('实缴金额');
    expect(page.textOf('#due-amount')).toBe('¥248.00');
    expect(page.textOf('#note')).toMatch(/^已于 .* 缴纳 ¥248.00，缴款编号 PAY/);
    expect(page.textOf('#decision')).toMatch(/^4403\d{12}$/);
    expect(page.textOf('#decision')).toBe(late?.decisionNumber);
    expect(page.text()).toContain('决定书编号');
    expectWithinBudgets(page);
  });

  it('pays this one notice through checkout; a retry after a failure makes one order only', async () => {
    const { gov, notices } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { id: notices[0].id } });
    gov.transport.setFault('offline');
    await page.tap('#pay');
    expect(page.textOf('#pay-error')).toBe('网络连接失败，请检查网络后重试');
    expect(messageAt(page, '#pay-error')).toEqual({ kind: 'error', role: 'alert' });
    gov.transport.setFault('none');
    await page.tap('#pay');
    const orders = Object.values(storedOrders(gov.government));
    expect(orders).toHaveLength(1);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/checkout/checkout?order=${orders[0].id}` });
    expectWithinBudgets(page);
  });

  it('says when the notice was paid in the meantime and shows it paid', async () => {
    const { gov, token, notices } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { id: notices[0].id } });
    const other = await orderFor(gov, token, [notices[0].id], notices[0].dueFen);
    await payOrderOf(gov, token, other.id);
    await page.tap('#pay');
    expect(page.textOf('#pay-error')).toBe('其中有罚款已经缴纳，列表已更新，请重新选择');
    expect(page.textOf('#status')).toBe('已缴款');
    expect(page.find('#pay')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('shows the notice paid when the person comes back from paying it', async () => {
    const { gov, token, notices } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { id: notices[0].id } });
    await page.tap('#pay');
    const orderId = (fake.navigations.pop()?.url ?? '').split('order=')[1];
    await page.call('onHide');
    await payOrderOf(gov, token, orderId);
    await page.call('onShow');
    expect(page.textOf('#status')).toBe('已缴款');
    expect(page.textOf('#note')).toMatch(/^已于 .* 缴纳 ¥200.00，缴款编号 PAY20261122000001$/);
    expect(page.find('#pay')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('checks a payment the device still owes a check for when the notice shows, instead of offering to pay again', async () => {
    const { gov, token, notices } = await setUp();
    const order = await orderFor(gov, token, [notices[0].id], notices[0].dueFen);
    // WeChat Pay took it and notified the government; the app closed before it asked.
    await payOrderOf(gov, token, order.id);
    fake.storage.set('payments.unconfirmed', [{ orderId: order.id, savedAt: Date.now() }]);
    const page = await renderPage(ROUTE, { gov, query: { id: notices[0].id } });
    expect(page.textOf('#status')).toBe('已缴款');
    expect(page.find('#pay')).toBeUndefined();
    expect(fake.storage.get('payments.unconfirmed')).toEqual([]);
    expectWithinBudgets(page);
  });

  it('drops the pay button when the notice became disputed, or is no longer among mine', async () => {
    const { gov, token, notices } = await setUp();
    const page = await renderPage(ROUTE, { gov, query: { id: notices[0].id } });
    gov.government.amend((state) => {
      (state.agencies.police as { changes: Record<string, { status: string; payment: null }> }).changes[notices[0].id] = { status: 'disputed', payment: null };
    });
    await page.tap('#pay');
    expect(page.textOf('#pay-error')).toBe('其中有正在申诉的罚款，暂不能缴纳');
    expect(page.textOf('#status')).toBe('申诉审核中');
    expect(page.find('#pay')).toBeUndefined();
    expectWithinBudgets(page);

    const other = await renderPage(ROUTE, { gov, query: { id: notices[1].id } });
    await gov.government.handle({ method: 'DELETE', path: `/fines/vehicles/${notices[1].vehicleId}`, headers: { authorization: `Bearer ${token}` } });
    await other.tap('#pay');
    expect(other.find('#pay')).toBeUndefined();
    expect(other.textOf('#state >>> .load-message')).toBe('您绑定的车辆中没有这条违法记录。请在“我的车辆”中查看违法记录。');
    expectWithinBudgets(other);
  });

  it('answers another person\'s notice like one that does not exist, and leads to my vehicles instead of a retry', async () => {
    const gov = createTestGovernment();
    const zhao = await signInAs(gov, 'r06');
    const car = await bindAs(gov, zhao, '粤A88888');
    const theirs = (await noticesOf(gov, zhao, car.id)).items[0];
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, query: { id: theirs.id } });
    expect(page.textOf('#state >>> .load-message')).toBe('您绑定的车辆中没有这条违法记录。请在“我的车辆”中查看违法记录。');
    expect(page.textOf('#state')).not.toContain('重试');
    expect(page.text()).not.toContain(theirs.place);
    expect(page.textOf('#state >>> #forward')).toBe('查看我的车辆');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/fines/pages/vehicles/vehicles' });
    expectWithinBudgets(page);
  });

  it('keeps a retry when the network fails, and shows the notice once it is back', async () => {
    const { gov, notices } = await setUp();
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov, query: { id: notices[0].id }, language: 'en' });
    expect(page.textOf('#state')).toContain('Try again');
    expect(page.find('#state >>> #forward')).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.textOf('#plate')).toBe('粤B12345');
    expect(page.textOf('#pay')).toBe('Pay ¥200.00');
    expectWithinBudgets(page);
  });
});
