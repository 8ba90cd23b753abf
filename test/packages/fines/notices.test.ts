import type { NoticesResponse } from '../../../miniprogram/contracts/fines';
import { ServiceError } from '../../../miniprogram/core/errors';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, storedOrders } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { bindAs, noticesOf, orderFor, paidOrders, payOrderOf } from './helpers';

const ROUTE = 'packages/fines/pages/notices/notices';

describe('notices page', () => {
  it('sends a person who has not verified to identity, carrying the vehicle', async () => {
    const page = await renderPage(ROUTE, { query: { vehicle: 'v1' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent('/packages/fines/pages/notices/notices?vehicle=v1')}`);
    expectWithinBudgets(page);
  });

  it('lists unpaid first with the total due and points, and opens a notice', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    expect(page.textOf('.plate')).toBe('粤B12345');
    expect(page.textOf('.summary-text')).toBe('3 条未缴 · 应缴 ¥848.00 · 待记 15 分');
    // The first tab holds what is still to handle: unpaid, then the disputed one under review.
    const statuses = page.findAll('.status').map((n) => (n.dom as Element).textContent);
    expect(statuses).toEqual(['未缴款', '未缴款', '未缴款', '申诉审核中']);
    expect(page.text()).toContain('含滞纳金 ¥48.00');
    expect(page.find('#check-3')).toBeUndefined();
    await page.tap('#notice-1');
    const opened = (await noticesOf(gov, token, car.id)).items[1].id;
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/fines/pages/notice/notice?id=${opened}` });
    expectWithinBudgets(page);
  });

  it('says so when a vehicle has no notices', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B5Z6R8');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id }, language: 'en' });
    expect(page.text()).toContain('This vehicle has no traffic violations.');
    expectWithinBudgets(page);
  });

  it('keeps 200 notices on 粤A88888 inside the budgets, 20 to a page', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r06');
    const car = await bindAs(gov, token, '粤A88888');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    expect(page.findAll('.notice')).toHaveLength(20);
    // 119 to handle (107 unpaid, 12 under review) and 81 handled: 200 in the two tabs.
    expect(page.textOf('#tab-open')).toBe('待处理119');
    expect(page.textOf('#tab-done')).toBe('已处理81');
    expect(page.text()).toContain('第 1–20 条，共 119 条');
    for (let i = 0; i < 5; i += 1) await page.tap('#next');
    expect(page.text()).toContain('第 101–119 条，共 119 条');
    expect(page.findAll('.status').map((n) => (n.dom as Element).textContent).slice(-1)).toEqual(['申诉审核中']);
    expect((page.find('#next')?.dom as Element | undefined)?.className).toContain('disabled');
    await page.tap('#prev');
    expect(page.text()).toContain('第 81–100 条，共 119 条');
    await page.tap('#tab-done');
    expect(page.text()).toContain('第 1–20 条，共 81 条');
    expect(new Set(page.findAll('.status').map((n) => (n.dom as Element).textContent))).toEqual(new Set(['已缴款']));
    for (let i = 0; i < 4; i += 1) await page.tap('#next');
    expect(page.text()).toContain('第 81–81 条，共 81 条');
    const report = page.audit.report();
    // Numbers for the record: the worst page state and the biggest single setData.
    expect(report.worstNodes).toBeLessThan(400);
    expect(report.worstBytes).toBeLessThan(12 * 1024);
    expectWithinBudgets(page);
  });

  it('selects notices across pages, totals them, and pays them through the shared checkout', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    expect(page.textOf('#selection')).toBe('勾选要缴纳的罚款');
    await page.tap('#check-0');
    await page.tap('#check-1');
    expect(page.textOf('#selection')).toBe('已选 2 条，合计 ¥448.00');
    // One setData per tap, with path updates for the ticked row.
    const tick = page.audit.interactions.find((i) => i.label === 'tap #check-1');
    expect(tick?.calls.map((c) => c.keys)).toEqual([['items[1].selected', 'selection', 'canPay', 'payError']]);
    await page.tap('#check-1');
    await page.tap('#select-page');
    expect(page.textOf('#selection')).toBe('已选 3 条，合计 ¥848.00');

    await page.act('double tap pay', () => {
      page.find('#pay')?.dispatchEvent('tap');
      page.find('#pay')?.dispatchEvent('tap');
    });
    const orders = Object.values(storedOrders(gov.government));
    expect(orders).toHaveLength(1);
    expect(orders[0].totalFen).toBe(84800);
    expect(fake.navigations.filter((n) => n.url.startsWith('/packages/pay/'))).toEqual([
      { kind: 'navigateTo', url: `/packages/pay/pages/checkout/checkout?order=${orders[0].id}` },
    ]);
    expectWithinBudgets(page);
  });

  it('shows notices as paid when the person comes back from paying', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    await page.tap('#check-0');
    await page.tap('#pay');
    const orderId = (fake.navigations.pop()?.url ?? '').split('order=')[1];
    await page.call('onHide');
    await payOrderOf(gov, token, orderId);
    await page.call('onShow');
    expect(page.textOf('.summary-text')).toBe('2 条未缴 · 应缴 ¥648.00 · 待记 9 分');
    // The paid notice has left the first tab for the second, and the selection.
    expect(page.findAll('.status').map((n) => (n.dom as Element).textContent)).toEqual(['未缴款', '未缴款', '申诉审核中']);
    expect(page.textOf('#tab-open')).toBe('待处理3');
    expect(page.textOf('#tab-done')).toBe('已处理2');
    expect(page.textOf('#selection')).toBe('勾选要缴纳的罚款');
    expectWithinBudgets(page);
  });

  it('reloads with a specific message when a notice was paid elsewhere, and charges nothing', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    await page.tap('#check-0');
    // Meanwhile the same notice is paid from another phone.
    const first = (await noticesOf(gov, token, car.id)).items[0];
    const other = await orderFor(gov, token, [first.id], first.dueFen);
    await payOrderOf(gov, token, other.id);
    await page.tap('#pay');
    expect(page.textOf('#pay-error')).toBe('其中有罚款已经缴纳，列表已更新，请重新选择');
    expect(messageAt(page, '#pay-error')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.textOf('#summary')).toContain('2 条未缴');
    expect(page.textOf('#selection')).toBe('勾选要缴纳的罚款');
    expect(paidOrders(gov)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('re-prices a selection made on another page when midnight adds a surcharge day, so paying works on the next tap', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r06');
    const car = await bindAs(gov, token, '粤A88888');
    const first = (await noticesOf(gov, token, car.id)).items;
    const growing = first.findIndex((n) => n.status === 'unpaid' && n.daysLate > 0 && !n.surchargeCapped);
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    await page.tap(`#check-${growing}`);
    await page.tap('#next');
    await page.tap('#check-0');
    gov.clock.set(Date.UTC(2026, 10, 22, 16, 5)); // 00:05 CST: one more day late for the notice on page 1
    await page.tap('#pay');
    expect(page.textOf('#pay-error')).toBe('应缴金额有变化（滞纳金按天增加），列表已更新，请核对后再缴');
    const headers = { authorization: `Bearer ${token}` };
    const dueNow = async (id: string) => ((await gov.government.handle({ method: 'GET', path: `/fines/notices/${id}`, headers })).body as { dueFen: number }).dueFen;
    const secondId = ((await gov.government.handle({ method: 'GET', path: `/fines/vehicles/${car.id}/notices`, query: { offset: '20', limit: '20' }, headers })).body as NoticesResponse).items[0].id;
    const total = (await dueNow(first[growing].id)) + (await dueNow(secondId));
    expect(await dueNow(first[growing].id)).toBe(first[growing].dueFen + 600);
    expect(page.textOf('#selection')).toBe(`已选 2 条，合计 ¥${(total / 100).toFixed(2)}`);
    await page.tap('#pay');
    const orders = Object.values(storedOrders(gov.government));
    expect(orders).toEqual([expect.objectContaining({ totalFen: total })]);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/checkout/checkout?order=${orders[0].id}` });
    expectWithinBudgets(page);
  });

  it('keeps the selection after a network failure and sends the same order again', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    await page.tap('#check-0');
    gov.transport.setFault('unavailable');
    await page.tap('#pay');
    expect(page.textOf('#pay-error')).toBe('服务暂时不可用，请稍后重试');
    expect(page.textOf('#selection')).toBe('已选 1 条，合计 ¥200.00');
    gov.transport.setFault('none');
    await page.tap('#pay');
    expect(fake.navigations.pop()?.url).toMatch(/^\/packages\/pay\/pages\/checkout\/checkout\?order=po/);
    expectWithinBudgets(page);
  });

  it('shows an error with a retry when the list cannot load', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    gov.transport.setFault('unavailable');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    expect(page.text()).toContain('服务暂时不可用');
    expect(page.textOf('#state')).toContain('重试');
    expect(page.find('#state >>> #forward')).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.findAll('.notice')).toHaveLength(4);
    expectWithinBudgets(page);
  });

  it('answers a vehicle that is not yours like one that does not exist, and leads back to my vehicles instead of a retry', async () => {
    const gov = createTestGovernment();
    const zhao = await signInAs(gov, 'r06');
    const theirs = await bindAs(gov, zhao, '粤A88888');
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: theirs.id }, language: 'en' });
    expect(page.textOf('#state >>> .load-message')).toBe('This vehicle is not bound to your account; it may have been unbound. See your vehicles.');
    expect(page.textOf('#state')).not.toContain('Try again');
    expect(page.text()).not.toContain('粤A88888');
    expect(page.textOf('#state >>> #forward')).toBe('See my vehicles');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/fines/pages/vehicles/vehicles' });
    expectWithinBudgets(page);
  });

  it('keeps a smaller selection when an earlier order holds some of it, says until when, and offers to finish that order', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const unpaid = (await noticesOf(gov, token, car.id)).items.filter((n) => n.status === 'unpaid');
    const earlier = await orderFor(gov, token, [unpaid[0].id, unpaid[1].id], unpaid[0].dueFen + unpaid[1].dueFen);
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    await page.tap('#check-0');
    await page.tap('#pay');
    expect(page.textOf('#pay-error')).toBe('您选的罚款中有 1 条在之前一笔 ¥448.00 的订单中，这笔订单还没有完成（它可能已经支付，所以不能另开订单）。您可以完成那笔订单，或在 2026-11-23 10:30 之后按现在的选择重新缴款。您的选择已保留。');
    // Not a refusal: a warning with the way on (finish that order).
    expect(messageAt(page, '#pay-error')).toEqual({ kind: 'warning', role: 'alert' });
    expect(page.textOf('#selection')).toBe('已选 1 条，合计 ¥200.00');
    expect(fake.navigations).toEqual([]);
    await page.tap('#open-earlier');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/checkout/checkout?order=${earlier.id}&resumed=1` });
    expect(Object.keys(storedOrders(gov.government))).toHaveLength(1);
    expect(fake.payments).toHaveLength(0);
    expectWithinBudgets(page);
  });

  it('sends a re-priced selection with a new key after a create whose answer was lost, so it is not refused as a reused key', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r06');
    const car = await bindAs(gov, token, '粤A88888');
    const first = (await noticesOf(gov, token, car.id)).items;
    const growing = first.findIndex((n) => n.status === 'unpaid' && n.daysLate > 0 && !n.surchargeCapped);
    gov.clock.set(Date.UTC(2026, 10, 22, 15, 50)); // 23:50 CST
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    await page.tap(`#check-${growing}`);
    // The government makes the order; its answers are lost.
    const handle = gov.government.handle.bind(gov.government);
    let losing = true;
    jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => {
      const res = await handle(req);
      if (losing && req.method === 'POST' && req.path === '/payments/orders') throw new ServiceError('TIMEOUT', 'request:fail timeout');
      return res;
    });
    await page.tap('#pay');
    expect(page.textOf('#pay-error')).toBe('网络连接失败，请检查网络后重试');
    losing = false;
    // Past midnight the list shows the new amount for the selected notice.
    gov.clock.set(Date.UTC(2026, 10, 22, 16, 5));
    await page.tap('#next');
    await page.tap('#prev');
    await page.tap('#pay');
    const orders = Object.values(storedOrders(gov.government));
    expect(orders).toEqual([expect.objectContaining({ totalFen: first[growing].dueFen })]);
    expect(page.find('#pay-error')).toBeUndefined();
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/checkout/checkout?order=${orders[0].id}&resumed=1` });
    expectWithinBudgets(page);
  });
});

describe('notices page: to handle and handled, as 12123 shows them', () => {
  it('puts notices in two tabs with the count in each, and a tap on a tab shows its notices', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    expect(page.textOf('#tab-open')).toBe('待处理4');
    expect(page.textOf('#tab-done')).toBe('已处理1');
    expect(page.data.tabs).toEqual([
      { id: 'open', name: '待处理', count: '4' },
      { id: 'done', name: '已处理', count: '1' },
    ]);
    expect(page.data.tab).toBe('open');
    await page.tap('#tab-done');
    expect(page.data.tab).toBe('done');
    expect(page.findAll('.notice')).toHaveLength(1);
    expect(page.textOf('.status')).toBe('已缴款');
    // Nothing handled can be ticked or paid: no tick, no pay bar.
    expect(page.find('#check-0')).toBeUndefined();
    expect(page.find('#pay')).toBeUndefined();
    const paid = (await noticesOf(gov, token, car.id)).items.find((n) => n.status === 'paid');
    expect(page.textOf('.decision')).toBe(`决定书编号 ${paid?.decisionNumber}`);
    await page.tap('#notice-0');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/fines/pages/notice/notice?id=${paid?.id}` });
    await page.tap('#tab-open');
    expect(page.findAll('.notice')).toHaveLength(4);
    expect(page.find('#pay')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('reads the tabs in English, and keeps a selection while the other tab is looked at', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id }, language: 'en' });
    expect(page.textOf('#tab-open')).toBe('To handle4');
    expect(page.data.tabs).toEqual([
      expect.objectContaining({ name: 'To handle', count: '4' }),
      expect.objectContaining({ name: 'Handled', count: '1' }),
    ]);
    expect(page.findAll('.status').map((n) => (n.dom as Element).textContent)).toEqual(['Unpaid', 'Unpaid', 'Unpaid', 'Under review']);
    // Where it happened reads in English too: pinyin streets, English districts and cities; no Chinese on the page.
    expect(page.text()).toMatch(/(Road|Avenue|Interchange)[^·]*, [A-Z][a-z']+, (Shenzhen|Guangzhou|Dongguan)/);
    expect(page.text()).not.toMatch(/[区市路道]/);
    await page.tap('#check-0');
    await page.tap('#tab-done');
    expect(page.textOf('.status')).toBe('Paid');
    await page.tap('#tab-open');
    expect(page.textOf('#selection')).toBe('1 selected, ¥200.00 in total');
    expect(page.data.items).toEqual(expect.arrayContaining([expect.objectContaining({ selected: true })]));
    expectWithinBudgets(page);
  });

  it('shows a disputed notice\'s fine under review, not ¥0.00 due, and a paid one at the amount actually paid', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const late = (await noticesOf(gov, token, car.id)).items.find((n) => n.daysLate === 8);
    const order = await orderFor(gov, token, [late?.id ?? ''], late?.dueFen ?? 0);
    await payOrderOf(gov, token, order.id);
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    const disputed = page.findAll('.notice-disputed');
    expect(disputed).toHaveLength(1);
    expect(page.textOf('.notice-disputed .amount')).toBe('¥200.00');
    expect(page.textOf('.notice-disputed .status')).toBe('申诉审核中');
    expect(page.text()).not.toContain('¥0.00');
    await page.tap('#tab-done');
    // The late one was paid with its surcharge: ¥248.00, although its fine is ¥200.00.
    expect(page.findAll('.amount').map((n) => (n.dom as Element).textContent)).toEqual(['¥248.00', '¥200.00']);
    expect(page.findAll('.decision')).toHaveLength(2);
    expectWithinBudgets(page);
  });

  it('says when a tab is empty and keeps both tabs to go back', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤BD12345');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    expect(page.textOf('#tab-done')).toBe('已处理0');
    await page.tap('#tab-done');
    expect(page.textOf('#state >>> .load-message')).toBe('这辆车还没有已处理的违法记录。缴款后的记录会显示在这里。');
    expect(page.find('#pay')).toBeUndefined();
    await page.tap('#tab-open');
    expect(page.findAll('.notice')).toHaveLength(2);
    // Everything paid: the first tab is empty and says where the notices went.
    await page.tap('#select-page');
    await page.tap('#pay');
    const orderId = (fake.navigations.pop()?.url ?? '').split('order=')[1];
    await page.call('onHide');
    await payOrderOf(gov, token, orderId);
    await page.call('onShow');
    expect(page.textOf('#state >>> .load-message')).toBe('这辆车没有待处理的违法记录。已缴款的记录在“已处理”中。');
    expect(page.textOf('#tab-open')).toBe('待处理0');
    await page.tap('#tab-done');
    expect(page.findAll('.notice')).toHaveLength(2);
    expectWithinBudgets(page);
  });

  it('shows an error with a retry when a tab cannot load, and the tab once the network is back', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const page = await renderPage(ROUTE, { gov, query: { vehicle: car.id } });
    const before = gov.snapshot();
    gov.transport.setFault('unavailable');
    await page.tap('#tab-done');
    expect(page.textOf('#state >>> .load-message')).toBe('服务暂时不可用，请稍后重试');
    expect(page.textOf('#state')).toContain('重试');
    expect(page.find('#tab-done')).toBeDefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.data.tab).toBe('done');
    expect(page.textOf('.status')).toBe('已缴款');
    expect(gov.snapshot()).toEqual(before);
    expectWithinBudgets(page);
  });
});
