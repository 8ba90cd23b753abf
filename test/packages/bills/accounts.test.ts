import type { PaymentOrder } from '../../../miniprogram/contracts/payments';
import { DAY_MS } from '../../../miniprogram/core/dates';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, storedOrders, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { accountOf, bindAs, call, landlordFlat, payAccount } from './helpers';

const ROUTE = 'packages/bills/pages/accounts/accounts';
const CHECKOUT = '/packages/pay/pages/checkout/checkout';

/** Wang Fang (r01) with her three accounts: electricity (two unpaid, one 33 days late), water (one, not due yet), gas (paid up). */
async function wangWithAll(gov: TestGovernment) {
  const token = await signInAs(gov, 'r01');
  const power = await bindAs(gov, token, 'wangPower', '家');
  const water = await bindAs(gov, token, 'wangWater', '父母家');
  const gas = await bindAs(gov, token, 'wangGas', '家');
  return { token, power, water, gas };
}

/** Every unpaid bill of these accounts as the government prices them now: ids (sorted) and their total. */
async function unpaidOf(gov: TestGovernment, token: string, ids: string[]): Promise<{ items: string[]; totalFen: number }> {
  const bills = (await Promise.all(ids.map((id) => accountOf(gov, token, id)))).flatMap((detail) => detail.unpaid);
  return { items: bills.map((bill) => bill.id).sort(), totalFen: bills.reduce((sum, bill) => sum + bill.dueFen, 0) };
}

const orders = (gov: TestGovernment) => Object.values(storedOrders(gov.government));
const checkouts = () => fake.navigations.filter((n) => n.url.startsWith(CHECKOUT));
const rows = (page: RenderedPage) => page.findAll('.account');
/** The words of each element with no element inside it, in order: what is read, piece by piece. */
const pieces = (page: RenderedPage, selector: string): string[] => Array.from((page.find(selector)?.dom as Element | undefined)?.querySelectorAll('*') ?? [])
  .filter((el) => el.children.length === 0)
  .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
  .filter(Boolean);
const attr = (page: RenderedPage, selector: string, name: string): unknown => page.find(selector)?.toJSON().attrs.find((a) => a.name === name)?.value;

describe('accounts page', () => {
  it.each([[{}], [{ utility: 'water' }]])('sends a person who has not verified to identity first, keeping the query %j', async (query: Record<string, string>) => {
    const page = await renderPage(ROUTE, { query });
    const back = `/${ROUTE}${query.utility ? `?utility=${query.utility}` : ''}`;
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(back)}` }]);
    expectWithinBudgets(page);
  });

  it('invites a person with no accounts to add one', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r01');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#state')).toBe('还没有添加户号。添加电费、水费或燃气费户号后，就能在这里查看和缴纳账单。');
    expect(page.find('#summary')).toBeUndefined();
    expect(page.find('#pay-all')).toBeUndefined();
    expect(page.textOf('#add')).toBe('添加户号');
    await page.tap('#add');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/bills/pages/bind/bind' });
    expectWithinBudgets(page);
  });

  it('shows what is due across Wang Fang\'s three accounts, overdue said in words, and opens one', async () => {
    const gov = createTestGovernment();
    const { token, power, water, gas } = await wangWithAll(gov);
    const due = await unpaidOf(gov, token, [power.id, water.id]);
    expect(due).toEqual({ items: ['gz-power.0300000001.202609', 'gz-power.0300000001.202610', 'gz-water.1100000001.202610'], totalFen: 51001 });
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#summary-total')).toBe('¥510.01');
    expect(page.textOf('#summary-bills')).toBe('2 个户号共 3 笔账单待缴');
    expect(page.textOf('#summary-overdue')).toBe('已逾期：1 个户号（最早一笔 2026-10-20 到期），滞纳金每天增加');
    expect(page.textOf('#pay-covers')).toBe('一笔订单缴清 2 个户号的全部 3 笔待缴账单，合计 ¥510.01。');
    expect(page.textOf('#pay-all')).toBe('全部缴清 ¥510.01');

    expect(rows(page)).toHaveLength(3);
    expect(pieces(page, '#account-0')).toEqual(['电', '电费', '家', '已逾期', '广州供电局 · 户号 ******0001', '应缴 ¥458.11', '2 笔待缴 · 2026-10-20 已到期，含滞纳金', '›']);
    expect(pieces(page, '#account-1')).toEqual(['水', '水费', '父母家', '广州市自来水公司 · 户号 ******0001', '应缴 ¥51.90', '1 笔待缴 · 2026-11-28 前缴', '›']);
    expect(pieces(page, '#account-2')).toEqual(['气', '燃气费', '家', '广州燃气集团 · 户号 ******0001', '已缴清', '›']);
    // Overdue is in words (a tag and the line), not only the red edge; a screen reader hears it too.
    expect(page.findAll('.tag-overdue')).toHaveLength(1);
    // A link named by what it shows (axe: the visible words are its name), overdue in words among them.
    expect(attr(page, '#account-0', 'ariaLabel')).toBeUndefined();
    expect(page.textOf('#account-0')).toContain('已逾期');
    expect(attr(page, '#account-2', 'ariaRole')).toBe('link');

    await page.tap('#account-1');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/bills/pages/account/account?id=${water.id}` });
    await page.tap('#account-2');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/bills/pages/account/account?id=${gas.id}` });
    expect(page.textOf('#add')).toBe('添加户号');
    expectWithinBudgets(page);
  });

  it('gives the nearest due date once nothing is overdue, and says nothing is due when all is paid (en)', async () => {
    const gov = createTestGovernment();
    const { token, power, water } = await wangWithAll(gov);
    await payAccount(gov, token, power.id);
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.textOf('#summary-total')).toBe('¥51.90');
    expect(page.textOf('#summary-bills')).toBe('Unpaid bills: 1 (on 1 of your accounts)');
    expect(page.textOf('#summary-next')).toBe('Nearest due date: 2026-11-28');
    expect(page.find('#summary-overdue')).toBeUndefined();
    expect(page.find('.tag-overdue')).toBeUndefined();
    expect(page.textOf('#account-0')).toContain('Paid up');

    // Paid elsewhere meanwhile; coming back to the page shows it.
    await page.call('onHide');
    await payAccount(gov, token, water.id);
    await page.call('onShow');
    expect(pieces(page, '#summary')).toEqual(['Nothing due', 'Every account is paid up. New bills show here once they are issued.']);
    expect(page.find('#pay-all')).toBeUndefined();
    expect(page.findAll('.due-clean')).toHaveLength(3);
    expectWithinBudgets(page);
  });

  it('pays every unpaid bill of every account in one order, once for a double tap', async () => {
    const gov = createTestGovernment();
    const { token, power, water } = await wangWithAll(gov);
    const due = await unpaidOf(gov, token, [power.id, water.id]);
    const page = await renderPage(ROUTE, { gov });
    await page.act('double tap pay all', () => {
      page.find('#pay-all')?.dispatchEvent('tap');
      page.find('#pay-all')?.dispatchEvent('tap');
    });
    const made = orders(gov);
    expect(made).toHaveLength(1);
    expect(made[0].lines.map((line) => line.itemId).sort()).toEqual(due.items);
    expect(made[0].lines.every((line) => line.agency === 'utilities' && line.kind === 'utility-bill')).toBe(true);
    expect(made[0].totalFen).toBe(51001);
    expect(checkouts()).toEqual([{ kind: 'navigateTo', url: `${CHECKOUT}?order=${made[0].id}` }]);
    const tap = page.audit.interactions.find((i) => i.label === 'double tap pay all');
    expect(tap?.calls.map((c) => c.keys)).toEqual([['paying', 'payError', 'earlier'], ['paying']]);
    expectWithinBudgets(page);
  });

  it('reloads and says the amount was re-priced when a day began before paying, then pays the new total', async () => {
    const gov = createTestGovernment();
    const { token, power, water } = await wangWithAll(gov);
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.textOf('#summary-total')).toBe('¥510.01');
    gov.clock.advance(DAY_MS); // one more day late: the late fee of the overdue bills grows
    const now = await unpaidOf(gov, token, [power.id, water.id]);
    expect(now.totalFen).toBeGreaterThan(51001);
    const creates: string[] = [];
    const handle = gov.government.handle.bind(gov.government);
    jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => {
      const res = await handle(req);
      if (req.method === 'POST' && req.path === '/payments/orders') creates.push(`${res.status}${JSON.stringify(res.body).includes('TOTAL_MISMATCH') ? ' TOTAL_MISMATCH' : ''}`);
      return res;
    });
    await page.tap('#pay-all');
    expect(creates).toEqual(['409 TOTAL_MISMATCH']);
    expect(page.textOf('#pay-error')).toBe('The amount due has changed (the late fee is counted by the day, or a new bill was issued). It is worked out again as of now: check it and pay again. Nothing was charged.');
    expect(messageAt(page, '#pay-error')).toEqual({ kind: 'warning', role: 'alert' });
    const shown = `¥${(now.totalFen / 100).toFixed(2)}`;
    expect(page.textOf('#summary-total')).toBe(shown);
    expect(page.textOf('#pay-all')).toBe(`Pay all ${shown}`);
    expect(orders(gov)).toEqual([]);
    expect(checkouts()).toEqual([]);

    await page.tap('#pay-all');
    expect(creates).toEqual(['409 TOTAL_MISMATCH', '201']);
    const made = orders(gov);
    expect(made).toHaveLength(1);
    expect(made[0].totalFen).toBe(now.totalFen);
    expect(made[0].lines.map((line) => line.itemId).sort()).toEqual(now.items);
    expect(checkouts()).toEqual([{ kind: 'navigateTo', url: `${CHECKOUT}?order=${made[0].id}` }]);
    expect(page.find('#pay-error')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('keeps ten accounts with twelve bills each within the budgets, says the limit, and pays all fourteen bills in one order', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r06');
    const flats = [];
    for (let i = 0; i < 10; i += 1) flats.push(await bindAs(gov, token, landlordFlat(i), `${101 + i}房`));
    const due = await unpaidOf(gov, token, flats.map((flat) => flat.id));
    expect(due.items).toHaveLength(14);
    expect((await accountOf(gov, token, flats[0].id)).history).toHaveLength(12);

    const page = await renderPage(ROUTE, { gov });
    expect(rows(page)).toHaveLength(10);
    expect(page.find('#add')).toBeUndefined();
    expect(page.textOf('#limit')).toBe('已添加 10 个户号，已达上限。要添加其他户号，请先打开一个户号解绑。');
    expect(messageAt(page, '#limit')).toEqual({ kind: 'info', role: 'status' });
    expect(page.textOf('#summary-bills')).toBe('10 个户号共 14 笔账单待缴');
    // Opening: the loading words and large text, then the whole list in one setData.
    expect(page.audit.interactions[0].calls).toHaveLength(2);

    await page.tap('#pay-all');
    const made = orders(gov);
    expect(made).toHaveLength(1);
    expect(made[0].lines.map((line) => line.itemId).sort()).toEqual(due.items);
    expect(made[0].totalFen).toBe(due.totalFen);
    expect(page.audit.interactions.find((i) => i.label === 'tap #pay-all')?.calls).toHaveLength(2);
    const report = page.audit.report();
    expect(report.worstCalls).toBe(2);
    expect(report.worstNodes).toBeLessThan(300);
    expect(report.worstBytes).toBeLessThan(8 * 1024);
    expectWithinBudgets(page);
  });

  it('shows an error with a retry when the list cannot load, and keeps one order when paying fails and is tried again', async () => {
    const gov = createTestGovernment();
    const { token, power } = await wangWithAll(gov);
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#state')).toContain('网络连接失败，请检查网络后重试');
    expect(page.find('#add')).toBeUndefined();
    expect(page.find('#summary')).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(rows(page)).toHaveLength(3);

    gov.transport.setFault('unavailable');
    await page.tap('#pay-all');
    expect(page.textOf('#pay-error')).toBe('服务暂时不可用，请稍后重试');
    expect(messageAt(page, '#pay-error')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.textOf('#pay-all')).toBe('全部缴清 ¥510.01');
    gov.transport.setFault('none');
    await page.tap('#pay-all');
    await page.tap('#pay-all');
    expect(orders(gov)).toHaveLength(1);
    expect(checkouts()).toHaveLength(2);
    expect(new Set(checkouts().map((n) => n.url.split('order=')[1].split('&')[0])).size).toBe(1);
    expect((await accountOf(gov, token, power.id)).unpaid).toHaveLength(2);
    expectWithinBudgets(page);
  });

  it('offers to finish an earlier order that holds some of the bills instead of making another', async () => {
    const gov = createTestGovernment();
    const { token, power } = await wangWithAll(gov);
    const detail = await accountOf(gov, token, power.id);
    const earlier = await call<PaymentOrder>(gov, token, 'POST', '/payments/orders', {
      items: detail.unpaid.map((bill) => ({ agency: 'utilities', itemId: bill.id })),
      totalFen: detail.unpaid.reduce((sum, bill) => sum + bill.dueFen, 0),
    });
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    await page.tap('#pay-all');
    expect(orders(gov)).toHaveLength(1);
    expect(messageAt(page, '#pay-error')).toEqual({ kind: 'warning', role: 'alert' });
    expect(page.textOf('#pay-error')).toMatch(/^An earlier order for ¥458\.11 that is not finished holds 2 of these bills .* after \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.$/);
    await page.tap('#open-earlier');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `${CHECKOUT}?order=${earlier.id}&resumed=1` });
    expectWithinBudgets(page);
  });

  it('passes the utility of the service tile on to the bind page, and ignores one it does not know', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const water = await renderPage(ROUTE, { gov, query: { utility: 'water' } });
    expect(water.textOf('#add')).toBe('添加水费户号');
    await water.tap('#add');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/bills/pages/bind/bind?utility=water' });
    expectWithinBudgets(water);

    const odd = await renderPage(ROUTE, { gov, query: { utility: 'telephone' }, language: 'en' });
    expect(odd.textOf('#add')).toBe('Add an account');
    await odd.tap('#add');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/bills/pages/bind/bind' });
    expectWithinBudgets(odd);
  });
});
