import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { bindAs, noticesOf, orderFor, paidOrders, payOrderOf } from './helpers';

const ROUTE = 'packages/fines/pages/vehicles/vehicles';

describe('my vehicles page', () => {
  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(ROUTE);
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent('/packages/fines/pages/vehicles/vehicles')}` }]);
    expectWithinBudgets(page);
  });

  it('invites a person with no vehicles to bind one', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov });
    expect(page.text()).toContain('还没有绑定车辆');
    await page.tap('#bind');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/fines/pages/bind/bind' });
    expectWithinBudgets(page);
  });

  it('opens the notices of the only car at once, the first time; coming back shows the list to bind another', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const page = await renderPage(ROUTE, { gov });
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/fines/pages/notices/notices?vehicle=${car.id}` }]);
    // The list is behind it (back from the notices), and a reload (after unbinding another, a retry) stays here.
    expect(page.text()).toContain('粤B12345');
    expect(page.find('#bind')).toBeDefined();
    fake.navigations.length = 0;
    await page.call('load');
    expect(fake.navigations).toEqual([]);
    expectWithinBudgets(page);
  });

  it('lists bound vehicles with what is due, opens one, and unbinds after confirming', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    await bindAs(gov, token, '粤BD12345');
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.text()).toContain('粤B12345');
    expect(page.text()).toContain('¥848.00 due');
    expect(page.text()).toContain('3 unpaid · 15 points pending');
    await page.tap('.vehicle-main');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/fines/pages/notices/notices?vehicle=${car.id}` });

    fake.modalAnswer = false;
    await page.tap('.unbind');
    expect(page.text()).toContain('粤B12345');
    fake.modalAnswer = true;
    await page.tap('.unbind');
    expect(fake.modals.map((m) => m.title)).toEqual(['Unbind 粤B12345?', 'Unbind 粤B12345?']);
    expect(page.text()).not.toContain('粤B12345');
    expect(page.findAll('.vehicle')).toHaveLength(1);
    expect(fake.toasts).toContain('粤B12345 unbound');
    expectWithinBudgets(page);
  });

  it('says when three vehicles are bound and offers no more binding', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    for (const plate of ['粤B12345', '粤BD12345', '粤B5Z6R8']) await bindAs(gov, token, plate);
    const page = await renderPage(ROUTE, { gov });
    expect(page.find('#bind')).toBeUndefined();
    expect(page.textOf('#limit')).toBe('已绑定 3 辆车。要绑定其他车辆，请先解绑一辆。');
    expect(messageAt(page, '#limit')).toEqual({ kind: 'info', role: 'status' });
    expectWithinBudgets(page);
  });

  it('shows an error with a retry when the government is unreachable', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov });
    expect(page.text()).toContain('网络连接失败，请检查网络后重试');
    gov.transport.setFault('none');
    await page.call('retry');
    expect(page.text()).toContain('还没有绑定车辆');
    expectWithinBudgets(page);
  });

  it('leads home instead of a retry when the government fails in a way trying again cannot help', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const handle = gov.government.handle.bind(gov.government);
    jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => (
      req.method === 'GET' && req.path === '/fines/vehicles' ? { status: 500, body: { error: { code: 'INTERNAL', message: 'broken' } } } : handle(req)
    ));
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.find('#state >>> .load-retry')).toBeUndefined();
    expect(page.find('#bind')).toBeUndefined();
    expect(page.textOf('#state >>> #forward')).toBe('Back to home');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'switchTab', url: '/pages/home/home' });
    expectWithinBudgets(page);
  });

  it('checks a payment the device still owes a check for before showing what is due', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const car = await bindAs(gov, token, '粤B12345');
    const first = (await noticesOf(gov, token, car.id)).items[0];
    const order = await orderFor(gov, token, [first.id], first.dueFen);
    // WeChat Pay charged this order on the device and notified the government; the app closed before it asked.
    await payOrderOf(gov, token, order.id);
    fake.storage.set('payments.unconfirmed', [{ orderId: order.id, savedAt: Date.now() }]);
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.text()).toContain('2 unpaid');
    expect(page.text()).toContain('¥648.00 due');
    expect(paidOrders(gov)).toHaveLength(1);
    expectWithinBudgets(page);
  });
});
