import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { COMPOSE_PAGE, SERVICES_ROUTE, texts } from './helpers';

async function openAs(key: string, query: Record<string, string> = {}, language?: string) {
  const gov = createTestGovernment();
  await signInAs(gov, key);
  return renderPage(SERVICES_ROUTE, { gov, query, language });
}

const names = (page: Awaited<ReturnType<typeof openAs>>): string[] => texts(page, '.rp-item-name');

describe('services page', () => {
  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(SERVICES_ROUTE, { query: { group: 'city' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${SERVICES_ROUTE}?group=city`)}` }]);
    expectWithinBudgets(page);
  });

  it('lists the 12345 hotline\'s categories in their groups, and a row opens the form for it', async () => {
    const page = await openAs('r04', { group: 'city' });
    expect(texts(page, '.section-title')).toEqual(['市容设施', '市政设施', '环境', '园林绿化']);
    expect(names(page)).toEqual(['路灯不亮', '下水道堵塞', '道路破损', '夜间噪音', '树木倒伏', '我的上报']);
    expect(page.textOf('#service-street-light')).toContain('广州市城市照明管理中心');
    await page.tap('#service-street-light');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `${COMPOSE_PAGE}?service=street-light` });
    expectWithinBudgets(page);
  });

  it('lists the police\'s, where the minor accident opens the accident pages', async () => {
    const page = await openAs('r04', { group: 'police' });
    expect(names(page)).toEqual(['违法停车', '轻微交通事故快处', '我的上报']);
    await page.tap('#service-minor-accident');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/accident/pages/accident/accident' });
    await page.tap('#side-all');
    expect(names(page)).toHaveLength(8);
    expectWithinBudgets(page);
  });

  it('finds a category by the words people use, and says when nothing matches', async () => {
    const page = await openAs('r04');
    await page.input('#search', '积水');
    expect(names(page)).toEqual(['下水道堵塞', '我的上报']);
    await page.input('#search', 'pothole');
    expect(names(page)).toEqual(['道路破损', '我的上报']);
    await page.input('#search', '火箭');
    expect(page.textOf('#no-match')).toBe('没有找到与“火箭”相关的问题类型。您可以换个说法，或者拨打 12345。');
    await page.tap('#mine');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/reports/pages/reports/reports' });
    expectWithinBudgets(page);
  });

  it('shows the error with a retry when the list cannot load, then the list', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    gov.transport.setFault('offline');
    const page = await renderPage(SERVICES_ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe('网络连接失败，请检查网络后重试');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(names(page)).toHaveLength(8);
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const page = await openAs('r04', { group: 'city' }, 'en');
    expect(names(page)[0]).toBe('Broken street light');
    expect(page.textOf('#side-city')).toBe('12345 city hotline');
    expectWithinBudgets(page);
  });
});
