// The account page driven like a person: r01's electricity account (two unpaid bills, the older 33 days
// late) with its tiers, late fees in words, the rule and the amount due; paying it all in one order; a
// new day re-pricing it; an account shared by r02 and r03; the 12-month chart; renaming and removing the
// account; the gate, an empty query, someone else's id, and a network failure.
import type { AccountSummary } from '../../../miniprogram/contracts/bills';
import type { PaymentOrder } from '../../../miniprogram/contracts/payments';
import { fake, parseUrl } from '../../helpers/fake-wx';
import { createTestGovernment, payOrder, storedOrders, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { accountOf, bindAs, call, payAccount } from './helpers';

const ROUTE = 'packages/bills/pages/account/account';
const ACCOUNTS_URL = '/packages/bills/pages/accounts/accounts';

const attr = (page: RenderedPage, selector: string, name: string): unknown => page.find(selector)?.toJSON().attrs.find((a) => a.name === name)?.value;
const texts = (page: RenderedPage, selector: string): string[] => page.findAll(selector).map((n) => ((n.dom as Element).textContent ?? '').replace(/\s+/g, ' ').trim());

/** 王芳 (r01) with her electricity account bound, signed in on the phone. */
async function wangPower(gov: TestGovernment = createTestGovernment()): Promise<{ gov: TestGovernment; token: string; account: AccountSummary }> {
  const token = await signInAs(gov, 'r01');
  return { gov, token, account: await bindAs(gov, token, 'wangPower') };
}

async function payOrderOf(gov: TestGovernment, token: string, orderId: string): Promise<void> {
  await payOrder(gov, await call<PaymentOrder>(gov, token, 'GET', `/payments/orders/${orderId}`));
}

describe('account page', () => {
  it('sends a person who has not verified to identity, carrying the account', async () => {
    const page = await renderPage(ROUTE, { query: { id: 'ac-1' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}?id=ac-1`)}`);
    expectWithinBudgets(page);
  });

  it('opened without an account says so and leads to the accounts, asking the government nothing', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r01');
    const handle = jest.spyOn(gov.government, 'handle');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe('没有选择户号。请在“我的户号”中选择一个。');
    expect(page.textOf('#state')).not.toContain('重试');
    expect(handle.mock.calls.filter(([req]) => req.path.startsWith('/bills/'))).toEqual([]);
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: ACCOUNTS_URL });
    expectWithinBudgets(page);
  });

  it('answers an account that is not yours like a missing one, showing nothing of it', async () => {
    const { gov, account } = await wangPower();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, query: { id: account.id }, language: 'en' });
    expect(page.textOf('#state >>> .load-message')).toBe('This account is not among yours; it may have been removed.');
    expect(page.textOf('#state')).not.toContain('Try again');
    expect(page.text()).not.toContain('0001');
    expect(page.textOf('#state >>> #forward')).toBe('See my accounts');
    expectWithinBudgets(page);
  });

  it('shows r01\'s electricity bill with its tiers, both unpaid bills with their late fees in words, the rule and the amount due', async () => {
    const { gov, token, account } = await wangPower();
    const detail = await accountOf(gov, token, account.id);
    const page = await renderPage(ROUTE, { gov, query: { id: account.id } });
    expect(texts(page, '#header .tag, #label-shown, #header .hint')).toEqual(['电费', '家', '广州供电局 · 户号 ******0001', '户主 *芳 · 广州市天河区体育东路**号**房']);
    expect(texts(page, '#current .cell, #current .hint')).toEqual([
      '2026年10月', '已逾期', '抄表期 2026-10-01 至 2026-10-31', '用量', '341 度', '本期金额', '¥207.66', '缴费截止日', '2026-11-20',
    ]);
    // Each tier: its usage times its price is its amount, and the tiers add up to the bill.
    expect(texts(page, '#current .tier-name, #current .tier-line')).toEqual([
      '第 1 档（0–200 度）', '200 度 × 0.5883 元/度 = ¥117.66',
      '第 2 档（201–400 度）', '141 度 × 0.6383 元/度 = ¥90.00',
    ]);
    expect(detail.current?.tiers.reduce((sum, tier) => sum + tier.amountFen, 0)).toBe(20766);
    // Oldest first, the late fee computed by the government and said in words.
    expect(texts(page, '#due .due-text, #due .due-amount')).toEqual([
      '2026年9月账单：欠费 ¥241.49 + 滞纳金 ¥7.96（逾期 33 天）', '¥249.45',
      '2026年10月账单：欠费 ¥207.66 + 滞纳金 ¥1.00（逾期 2 天）', '¥208.66',
    ]);
    expect(page.textOf('#total-label')).toBe('应缴合计（2 笔账单）');
    expect(page.textOf('#rule')).toBe('滞纳金由广州供电局按规定计算：每天按欠费的 1‰ 计收，不足 ¥1.00 按 ¥1.00 收取。');
    expect(page.textOf('#total')).toBe('¥458.11');
    expect(detail.account.dueFen).toBe(45811);
    expect(page.textOf('#pay')).toBe('缴纳 ¥458.11');
    expect(page.textOf('#no-partial')).toBe('账单需一次缴清，不能只缴一部分：应缴金额包括所有未缴账单和滞纳金。');
    // The history: the two due (overdue said in words, not only colour), the rest paid before the app.
    expect(page.findAll('.bill')).toHaveLength(12);
    expect(texts(page, '#bill-0 .cell, #bill-1 .cell, #bill-2 .cell')).toEqual([
      '2026年10月', '¥208.66', '341 度', '已逾期',
      '2026年9月', '¥249.45', '394 度', '已逾期',
      '2026年8月', '¥239.58', '391 度', '已缴 · 在其他渠道缴纳',
    ]);
    expect(page.find('#history .link')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('draws the 12-month chart in one setData: a bar per month, oldest first, with the numbers and what a screen reader reads', async () => {
    const { gov, token, account } = await wangPower();
    const history = (await accountOf(gov, token, account.id)).history;
    const page = await renderPage(ROUTE, { gov, query: { id: account.id } });
    const bars = page.findAll('#chart >>> .bar-item');
    expect(bars).toHaveLength(12);
    const oldestFirst = [...history].reverse();
    expect(texts(page, '#chart >>> .bar-value')).toEqual(oldestFirst.map((bill) => String(bill.usage)));
    expect(texts(page, '#chart >>> .bar-month')).toEqual(['11月', '12月', '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月']);
    const labels = bars.map((bar) => bar.toJSON().attrs.find((a) => a.name === 'ariaLabel')?.value);
    expect(labels[0]).toBe(`2025年11月 ${oldestFirst[0].usage}\u00a0度`);
    expect(labels[11]).toBe('2026年10月 341\u00a0度');
    expect(labels).toEqual(oldestFirst.map((bill) => `${Number(bill.period.slice(0, 4))}年${Number(bill.period.slice(5))}月 ${bill.usage}\u00a0度`));
    // Heights follow usage: the highest month is the full height.
    const most = Math.max(...history.map((bill) => bill.usage));
    const heights = page.findAll('#chart >>> .bar').map((bar) => Number(/height: (\d+)%/.exec(String(bar.toJSON().attrs.find((a) => a.name === 'style')?.value))?.[1]));
    expect(heights).toEqual(oldestFirst.map((bill) => Math.max(4, Math.round((bill.usage / most) * 100))));
    expect(heights).toContain(100);
    // Set once, with the rest of the page.
    expect(page.audit.interactions.flatMap((i) => i.calls).filter((c) => c.keys.includes('chart'))).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('reads the chart in English and draws rows in large text', async () => {
    const { gov, account } = await wangPower();
    fake.storage.set('settings.largeText', true);
    const page = await renderPage(ROUTE, { gov, query: { id: account.id }, language: 'en' });
    const bars = page.findAll('#chart >>> .bar-item');
    expect(bars.at(-1)?.toJSON().attrs.find((a) => a.name === 'ariaLabel')?.value).toBe('Oct 2026 341\u00a0kWh');
    expect(texts(page, '#chart >>> .chart-title, .chart-unit')).toEqual(['Usage over the last 12 months', 'In kWh']);
    expect(String(page.find('#chart >>> .chart')?.toJSON().attrs.find((a) => a.name === 'class')?.value)).toContain('chart-rows');
    expect(String(page.find('#chart >>> .bar')?.toJSON().attrs.find((a) => a.name === 'style')?.value)).toMatch(/^width: \d+%$/);
    expect(texts(page, '#due .due-text')[0]).toBe('Sep 2026 bill: arrears ¥241.49 + late fee ¥7.96 (33 days)');
    expectWithinBudgets(page);
  });

  it('pays every unpaid bill in one order on a double tap, and then shows them paid by you with a receipt', async () => {
    const { gov, token, account } = await wangPower();
    const page = await renderPage(ROUTE, { gov, query: { id: account.id } });
    await page.act('double tap pay', () => {
      page.find('#pay')?.dispatchEvent('tap');
      page.find('#pay')?.dispatchEvent('tap');
    });
    const orders = Object.values(storedOrders(gov.government));
    expect(orders).toHaveLength(1);
    expect(orders[0].totalFen).toBe(45811);
    expect(orders[0].lines.map((line) => line.itemId)).toEqual(['gz-power.0300000001.202609', 'gz-power.0300000001.202610']);
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/pay/pages/checkout/checkout?order=${orders[0].id}` }]);

    await page.call('onHide');
    await payOrderOf(gov, token, orders[0].id);
    await page.call('onShow');
    expect(page.textOf('#paid-up')).toBe('这个户号的账单都已缴清，没有应缴金额。');
    expect(page.find('#pay')).toBeUndefined();
    expect(page.textOf('#current')).toContain('已缴 · 您缴纳');
    expect(texts(page, '#bill-0 .state, #bill-1 .state')).toEqual(['已缴 · 您缴纳', '已缴 · 您缴纳']);
    expect(attr(page, '#bill-1 .link', 'ariaLabel')).toBe('查看2026年9月账单的收据');
    await page.tap('#bill-1 .link');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/receipt/receipt?order=${orders[0].id}` });
    expectWithinBudgets(page);
  });

  it('re-prices when a day began before paying (the late fee grew), says so, and pays the new amount on the next tap', async () => {
    const { gov, token, account } = await wangPower();
    const page = await renderPage(ROUTE, { gov, query: { id: account.id } });
    gov.clock.set(Date.UTC(2026, 10, 22, 16, 5)); // 00:05 CST: one more day late
    const now = await accountOf(gov, token, account.id);
    expect(now.account.dueFen).toBeGreaterThan(45811);
    await page.tap('#pay');
    expect(page.textOf('#pay-message')).toBe('应缴金额有变化（滞纳金按天计算），已按今天的金额更新，请核对后再缴。');
    expect(messageAt(page, '#pay-message')).toEqual({ kind: 'warning', role: 'alert' });
    expect(page.textOf('#total')).toBe(`¥${(now.account.dueFen / 100).toFixed(2)}`);
    expect(texts(page, '#due .due-text')[0]).toContain('（逾期 34 天）');
    expect(Object.values(storedOrders(gov.government))).toEqual([]);
    expect(fake.navigations).toEqual([]);
    await page.tap('#pay');
    const orders = Object.values(storedOrders(gov.government));
    expect(orders).toEqual([expect.objectContaining({ totalFen: now.account.dueFen })]);
    expect(page.find('#pay-message')).toBeUndefined();
    expect(fake.navigations.pop()?.url).toBe(`/packages/pay/pages/checkout/checkout?order=${orders[0].id}`);
    expectWithinBudgets(page);
  });

  it('keeps the amount after a network failure when paying and sends the same order again', async () => {
    const { gov, account } = await wangPower();
    const page = await renderPage(ROUTE, { gov, query: { id: account.id } });
    gov.transport.setFault('unavailable');
    await page.tap('#pay');
    expect(page.textOf('#pay-message')).toBe('服务暂时不可用，请稍后重试');
    expect(messageAt(page, '#pay-message')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.textOf('#pay')).toBe('缴纳 ¥458.11');
    gov.transport.setFault('none');
    await page.tap('#pay');
    expect(Object.values(storedOrders(gov.government))).toHaveLength(1);
    expect(fake.navigations.pop()?.url).toMatch(/^\/packages\/pay\/pages\/checkout\/checkout\?order=po/);
    expectWithinBudgets(page);
  });

  it('shows a bill paid by someone else who shares the account as theirs, with no receipt', async () => {
    const gov = createTestGovernment();
    const li = await signInAs(gov, 'r02');
    const mine = await bindAs(gov, li, 'liPower');
    const chen = await signInAs(gov, 'r03');
    const hers = await bindAs(gov, chen, 'liPower', '家里');
    const paid = await payAccount(gov, chen, hers.id);
    expect(paid.history[0].paidBy).toBe('you');
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, query: { id: mine.id } });
    expect(page.textOf('#paid-up')).toBe('这个户号的账单都已缴清，没有应缴金额。');
    expect(page.textOf('#bill-0 .state')).toBe('已由共同使用这个户号的家人缴纳');
    expect(page.find('#bill-0 .link')).toBeUndefined();
    expect(page.find('#history .link')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('renames the account: a name too long is said beside the field and kept, a good one is saved', async () => {
    const { gov, token, account } = await wangPower();
    const page = await renderPage(ROUTE, { gov, query: { id: account.id } });
    expect(page.data.form).toEqual({ label: '家' });
    await page.input('#label', '我父母在天河区体育东路的家');
    await page.tap('#rename');
    expect(page.textOf('#label-error')).toBe('名称最多 12 个字，您输入了 13 个字');
    expect(page.textOf('#error-summary')).toContain('名称最多 12 个字，您输入了 13 个字');
    expect(page.data.form).toEqual({ label: '我父母在天河区体育东路的家' });
    expect((await accountOf(gov, token, account.id)).account.label).toBe('家');
    // The words go as the name is corrected.
    await page.input('#label', '父母家');
    expect(page.find('#label-error')).toBeUndefined();
    await page.tap('#rename');
    expect(page.textOf('#label-shown')).toBe('父母家');
    expect(fake.toasts).toContain('已改名');
    expect((await accountOf(gov, token, account.id)).account.label).toBe('父母家');
    const save = page.audit.interactions.filter((i) => i.label === 'tap #rename').at(-1);
    expect(save?.calls.map((c) => c.keys)).toEqual([['renaming', 'errors', 'summary', 'manageError'], ['header.label', 'form.label', 'renaming']]);
    await page.input('#label', '');
    await page.tap('#rename');
    expect(page.textOf('#label-error')).toBe('请输入名称');
    expectWithinBudgets(page);
  });

  it('removes the account only after the person confirms, then goes back to the accounts', async () => {
    const { gov, token, account } = await wangPower();
    // Opened from the accounts page, which is below it.
    fake.stack = [parseUrl(ACCOUNTS_URL), parseUrl(`/${ROUTE}`)];
    const page = await renderPage(ROUTE, { gov, query: { id: account.id } });
    fake.modalAnswer = false;
    await page.tap('#unbind');
    expect(fake.modals).toEqual([{ title: '解绑“家”？', content: '解绑后这里不再显示这个户号的账单。已缴的记录仍保留在“我的 > 办事记录”中，以后也可以重新绑定。' }]);
    expect((await call<{ items: unknown[] }>(gov, token, 'GET', '/bills/accounts')).items).toHaveLength(1);
    expect(fake.navigations).toEqual([]);
    fake.modalAnswer = true;
    await page.tap('#unbind');
    expect((await call<{ items: unknown[] }>(gov, token, 'GET', '/bills/accounts')).items).toEqual([]);
    expect(fake.toasts).toContain('已解绑');
    expect(fake.navigations).toEqual([{ kind: 'navigateBack', url: '1' }]);
    expectWithinBudgets(page);
  });

  it('shows an error with a retry when the account cannot load, then the account', async () => {
    const { gov, account } = await wangPower();
    gov.transport.setFault('unavailable');
    const page = await renderPage(ROUTE, { gov, query: { id: account.id } });
    expect(page.textOf('#state >>> .load-message')).toBe('服务暂时不可用，请稍后重试');
    expect(page.find('#state >>> #forward')).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.textOf('#label-shown')).toBe('家');
    expect(page.textOf('#total')).toBe('¥458.11');
    expectWithinBudgets(page);
  });
});
