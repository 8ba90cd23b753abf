import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { bindAs, noticesOf, orderFor, payOrderOf } from '../fines/helpers';

const ROUTE = 'packages/pay/pages/receipt/receipt';

async function paidOrder() {
  const gov = createTestGovernment();
  const token = await signInAs(gov, 'r02');
  const car = await bindAs(gov, token, '粤B12345');
  const unpaid = (await noticesOf(gov, token, car.id)).items.filter((n) => n.status === 'unpaid');
  const order = await orderFor(gov, token, unpaid.map((n) => n.id), unpaid.reduce((sum, n) => sum + n.dueFen, 0));
  return { gov, token, order };
}

describe('receipt page', () => {
  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(ROUTE, { query: { order: 'po1' } });
    expect(fake.navigations[0].kind).toBe('redirectTo');
    expect(fake.navigations[0].url).toContain('/pages/identity/identity?redirect=');
    expectWithinBudgets(page);
  });

  it('shows the reference, the notices, the amount and the time', async () => {
    const { gov, token, order } = await paidOrder();
    gov.clock.advance(5 * 60 * 1000);
    await payOrderOf(gov, token, order.id);
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    expect(fake.titles).toEqual(['缴费凭证', '缴费成功']);
    expect(page.textOf('#reference')).toBe('PAY20261122000001');
    expect(page.textOf('#paid-at')).toBe('2026-11-22 10:05');
    expect(page.textOf('#total')).toBe('¥848.00');
    expect(page.findAll('.line')).toHaveLength(3);
    expect(page.findAll('.line-title').map((line) => line.dom?.textContent)).toEqual(['驾驶机动车违反道路交通信号灯通行', '驾驶机动车违反禁止标线指示', '驾驶机动车超过规定时速 20% 以上未达 50%']);
    expect(page.findAll('.line-sub').map((line) => line.dom?.textContent)).toEqual(['粤B12345 · 2026-11-17 · 记\u00a06\u00a0分', '粤B12345 · 2026-10-28 · 记\u00a03\u00a0分', '粤B12345 · 2026-08-22 · 记\u00a03\u00a0分']);
    expect(page.textOf('#next')).toBe('罚款已缴清，对应的违法记录现在在“已处理”中。记分按处罚决定记入驾驶证，不需要再到窗口办理。已缴的项目现在显示为已缴款，这笔缴费已记入“我的办事记录”。');
    fake.stack.push({ route: ROUTE, query: { order: order.id }, url: `/${ROUTE}` });
    await page.tap('#done');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateBack', url: '1' });
    expectWithinBudgets(page);
  });

  it('lists the fine payment in Me > records', async () => {
    const { gov, token, order } = await paidOrder();
    await payOrderOf(gov, token, order.id);
    const page = await renderPage('packages/records/pages/records/records', { gov });
    expect(page.text()).toContain('交通违法缴款 3 笔');
    expect(page.text()).toContain('¥848.00');
    expect(page.text()).toContain('PAY20261122000001');
    expectWithinBudgets(page);
  });

  it('says when the order has not been paid, and leads to its payment', async () => {
    const { gov, order } = await paidOrder();
    const page = await renderPage(ROUTE, { gov, query: { order: order.id }, language: 'en' });
    expect(page.textOf('#state')).toBe('This order has not been paid yet, and nothing was charged. You can pay it on the payment page.');
    expect(fake.titles).toEqual(['Payment', 'Not paid yet']);
    await page.tap('#pay-now');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/packages/pay/pages/checkout/checkout?order=${order.id}` });
    expectWithinBudgets(page);
  });

  it('answers an order that is not there with what to do instead of a retry, and keeps a retry for network failures', async () => {
    const { gov, order } = await paidOrder();
    const page = await renderPage(ROUTE, { gov, query: { order: 'po-nobody' }, language: 'en' });
    expect(page.textOf('#state >>> .load-message')).toBe('This payment was not found. Your completed payments are in My records.');
    expect(fake.titles).toEqual(['Payment']);
    expect(page.textOf('#state')).not.toContain('Try again');
    expect(page.textOf('#state >>> #forward')).toBe('Back');
    // Opened on its own, back is home.
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'switchTab', url: '/pages/home/home' });
    expectWithinBudgets(page);

    gov.transport.setFault('timeout');
    const again = await renderPage(ROUTE, { gov, query: { order: order.id }, language: 'en' });
    expect(again.textOf('#state')).toContain('Try again');
    expect(again.find('#state >>> #forward')).toBeUndefined();
    gov.transport.setFault('none');
    await again.tap('#state >>> .load-retry');
    expect(again.textOf('#state')).toBe('This order has not been paid yet, and nothing was charged. You can pay it on the payment page.');
    expectWithinBudgets(again);
  });

  it('leads home as well as back, in both languages', async () => {
    const { gov, token, order } = await paidOrder();
    await payOrderOf(gov, token, order.id);
    const page = await renderPage(ROUTE, { gov, query: { order: order.id }, language: 'en' });
    expect(page.textOf('#done')).toBe('Done');
    expect(page.textOf('#home')).toBe('Back to home');
    expect(page.textOf('#next')).toBe('The fines are paid and their violations are now under "Handled". Points are recorded on the driving licence as decided; there is no need to visit an office.What you paid for now shows as paid, and this payment is in My records.');
    fake.stack.push({ route: ROUTE, query: { order: order.id }, url: `/${ROUTE}` });
    await page.tap('#home');
    expect(fake.navigations.pop()).toEqual({ kind: 'switchTab', url: '/pages/home/home' });
    expectWithinBudgets(page);
  });

  it('shares the amount and the reference only, leading to home, never the plate or a name', async () => {
    const { gov, token, order } = await paidOrder();
    await payOrderOf(gov, token, order.id);
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    expect(page.textOf('#share')).toBe('分享缴费凭证');
    const shared = await shareOf(page);
    expect(shared).toEqual({ title: '已缴费 ¥848.00，缴款编号 PAY20261122000001', path: '/pages/home/home' });
    expect(JSON.stringify(shared)).not.toMatch(/粤B12345|李明|Li Ming|34052419800101001X/);
    expectWithinBudgets(page);
  });

  it('saves the receipt to the album as a picture of what the page says: amount, reference, time, each line, what next', async () => {
    const { gov, token, order } = await paidOrder();
    gov.clock.advance(5 * 60 * 1000);
    await payOrderOf(gov, token, order.id);
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    expect(page.textOf('#save-image')).toBe('保存为图片');
    await page.tap('#save-image');
    expect(fake.toasts.at(-1)).toBe('已保存到相册');
    expect(fake.album).toHaveLength(1);
    const drawn = fake.album[0].texts.join('\n');
    ['缴费成功', '¥848.00', '缴款编号', 'PAY20261122000001', '2026-11-22 10:05', '¥200.00', '¥248.00', '¥400.00', '城市服务'].forEach((words) => expect(drawn).toContain(words));
    // A long line wraps at a character, so the words read on across the lines.
    expect(fake.album[0].texts.join('')).toContain('驾驶机动车违反道路交通信号灯通行');
    expect(drawn).not.toMatch(/李明|34052419800101001X/);
    // Drawn at the phone's pixel ratio, a screen wide, as tall as what it says; no line runs past the edge.
    const canvas = fake.canvases.at(-1);
    expect(canvas?.width).toBe(750);
    expect(canvas?.height ?? 0).toBeGreaterThan(600);
    // Measured as the fake canvas measures (a Chinese character its font size wide, a Latin one about half).
    const size = (font: string): number => Number(/(\d+)px/.exec(font)?.[1] ?? 0);
    const widthOf = (t: { text: string; font: string }): number => [...t.text].reduce((sum, ch) => sum + (/[\u2e80-\uffef]/.test(ch) ? size(t.font) : size(t.font) * 0.55), 0);
    expect(Math.max(...(canvas?.texts ?? []).map(widthOf))).toBeLessThanOrEqual(375 - 48);
    expect(Math.min(...(canvas?.texts ?? []).map((t) => t.x))).toBeGreaterThanOrEqual(24);
    expectWithinBudgets(page);
  });

  it('explains how to allow the album when it is not allowed, opens the settings on request, and says so when saving fails', async () => {
    const { gov, token, order } = await paidOrder();
    await payOrderOf(gov, token, order.id);
    const page = await renderPage(ROUTE, { gov, query: { order: order.id }, language: 'en' });
    fake.albumAnswer = 'auth deny';
    await page.tap('#save-image');
    expect(fake.modals.at(-1)?.title).toBe('Allow saving to photos');
    expect(fake.settingsOpened).toBe(1);
    expect(fake.album).toHaveLength(0);
    fake.albumAnswer = 'fail';
    await page.tap('#save-image');
    expect(fake.toasts.at(-1)).toBe('The image was not saved. Please try again.');
    fake.albumAnswer = 'saved';
    await page.tap('#save-image');
    expect(fake.toasts.at(-1)).toBe('Saved to your photos');
    expect(fake.album[0].texts.join(' ')).toContain('Payment received');
    expect(fake.album[0].texts.join(' ')).not.toContain('缴费成功');
    expectWithinBudgets(page);
  });

  it('shares nothing about an order that is not paid', async () => {
    const { gov, order } = await paidOrder();
    const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
    expect(page.find('#share')).toBeUndefined();
    expect(page.find('#save-image')).toBeUndefined();
    expect(await shareOf(page)).toEqual({ path: '/pages/home/home' });
    expectWithinBudgets(page);
  });
});

/** What WeChat asks the page for when the person shares it (the menu or the share button). */
async function shareOf(page: Awaited<ReturnType<typeof renderPage>>): Promise<unknown> {
  let shared: unknown;
  await page.act('share', () => {
    const share: unknown = Reflect.get(page.comp.instance, 'onShareAppMessage');
    if (typeof share !== 'function') throw new Error('the receipt cannot be shared');
    shared = Reflect.apply(share, page.comp.instance, [{ from: 'menu' }]);
  });
  return shared;
}
