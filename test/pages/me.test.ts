import { fake } from '../helpers/fake-wx';
import { createTestGovernment } from '../helpers/government';
import { expectWithinBudgets, renderPage } from '../helpers/render';
import { signInAs } from '../helpers/session';

describe('me page', () => {
  it('invites a guest to verify, and that returns to Me', async () => {
    const page = await renderPage('pages/me/me');
    expect(page.textOf('#guest')).toBe('未实名认证');
    expect(page.find('#sign-out')).toBeUndefined();
    await page.tap('#verify');
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages/identity/identity?redirect=%2Fpages%2Fme%2Fme' });
    expectWithinBudgets(page);
  });

  it('shows the verified person masked, and opens my records', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage('pages/me/me', { gov });
    expect(page.textOf('#level')).toBe('已实名认证');
    expect(page.textOf('#id-masked')).toBe('3405**********001X');
    expect(page.text()).not.toContain('34052419800101001X');
    await page.tap('#records');
    expect(fake.stack.at(-1)?.route).toBe('packages/records/pages/records/records');
    expectWithinBudgets(page);
  });

  it('switches to English and remembers it', async () => {
    const page = await renderPage('pages/me/me');
    await page.fire('#language', 'change', { value: '2' });
    expect(page.textOf('#guest')).toBe('Not verified');
    expect(page.textOf('#language-value')).toBe('English ›');
    expect(fake.tabTexts).toEqual({ 0: 'Home', 1: 'Me' });
    expect(fake.storage.get('settings.locale')).toBe('en');
    const again = await renderPage('pages/me/me');
    expect(again.textOf('#guest')).toBe('Not verified');
    expectWithinBudgets(page);
    expectWithinBudgets(again);
  });

  it('is titled in the language chosen, then and on coming back, and draws itself again only when shown again', async () => {
    const page = await renderPage('pages/me/me');
    expect(fake.titles).toEqual(['我的']);
    await page.fire('#language', 'change', { value: '2' });
    expect(fake.titles.at(-1)).toBe('Me');
    await page.call('onShow');
    expect(page.audit.interactions.at(-1)?.calls).toEqual([]);
    await page.tap('#records');
    await page.call('onHide');
    await page.call('onShow');
    expect(fake.titles.at(-1)).toBe('Me');
    expect(page.textOf('#guest')).toBe('Not verified');
    expect(page.audit.interactions.at(-1)?.calls).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('signs out after confirming and forgets the session', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    fake.storage.set('draft.identity', { name: '李明', mobile: '13800000002' });
    fake.storage.set('home.recent', ['my-records']);
    fake.storage.set('settings.locale', 'zh-CN');
    fake.storage.set('payments.unconfirmed', [{ orderId: 'po1', paidAt: 1 }]);
    const page = await renderPage('pages/me/me', { gov });
    fake.modalAnswer = false;
    await page.tap('#sign-out');
    expect(page.textOf('#level')).toBe('已实名认证');
    fake.modalAnswer = true;
    await page.tap('#sign-out');
    expect(fake.modals.at(-1)?.title).toBe('退出登录？');
    expect(page.textOf('#guest')).toBe('未实名认证');
    expect(fake.storage.has('session.token')).toBe(false);
    expect(fake.storage.has('session.profile')).toBe(false);
    // Drafts and recently used go too; settings and payments still to be confirmed stay.
    expect([...fake.storage.keys()].sort()).toEqual(['payments.unconfirmed', 'settings.locale']);
    expect(gov.government.inspect().sessions[token]).toBeUndefined();
    expect(fake.toasts).toContain('已退出登录');
    expectWithinBudgets(page);
  });

  it('lets a tester make the embedded government unavailable', async () => {
    const gov = createTestGovernment();
    const page = await renderPage('pages/me/me', { gov });
    await page.fire('#fault', 'change', { value: true });
    expect(gov.transport.fault).toBe('unavailable');
    await page.fire('#fault', 'change', { value: false });
    expect(gov.transport.fault).toBe('none');
    expectWithinBudgets(page);
  });

  it('shows the fault switch in develop and trial builds only, never to residents of the released version', async () => {
    for (const envVersion of ['develop', 'trial'] as const) {
      fake.envVersion = envVersion;
      const page = await renderPage('pages/me/me');
      expect(page.find('#fault')).toBeDefined();
      expect(page.text()).toContain('模拟网络故障（测试）');
    }
    // A released version never loads the embedded government, so it has neither its stand-ins nor its switches.
    fake.envVersion = 'release';
    const released = await renderPage('pages/me/me', { realGovernment: true });
    expect(released.find('#fault')).toBeUndefined();
    expect(released.find('#clock-day')).toBeUndefined();
    expect(released.text()).not.toMatch(/网络故障|模拟/);
  });
});

describe('larger text', () => {
  it('is remembered and applied to every page', async () => {
    const page = await renderPage('pages/me/me');
    expect(page.find('.large-text')).toBeUndefined();
    await page.fire('#large-text', 'change', { value: true });
    expect(page.find('.large-text')).toBeDefined();
    const home = await renderPage('pages/home/home');
    expect(home.find('.large-text')).toBeDefined();
    const identity = await renderPage('pages/identity/identity');
    expect(identity.find('.large-text')).toBeDefined();
    [page, home, identity].forEach(expectWithinBudgets);
  });

  it('lets a tester move the government\'s date forward, and shows no such setting against a real government', async () => {
    const gov = createTestGovernment();
    const page = await renderPage('pages/me/me', { gov });
    expect(page.textOf('#clock-value')).toBe('2026-11-22');
    await page.tap('#clock-day');
    expect(page.textOf('#clock-value')).toBe('2026-11-23（已往后调 1 天）');
    await page.tap('#clock-week');
    expect(page.textOf('#clock-value')).toBe('2026-11-30（已往后调 8 天）');
    expect(fake.toasts.at(-1)).toBe('政务日期已调到 2026-11-30');
    expect(gov.clock.now()).toBe(Date.UTC(2026, 10, 30, 2, 0, 0));
    expectWithinBudgets(page);

    const real = await renderPage('pages/me/me', { gov, realGovernment: true });
    expect(real.find('#clock-value')).toBeUndefined();
    expect(real.find('#clock-day')).toBeUndefined();
  });
});
