import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';

const ROUTE = 'packages/hospital/pages/hospital/hospital';

async function signedIn(query: Record<string, string>, language?: string) {
  const gov = createTestGovernment();
  await signInAs(gov, 'r02');
  return renderPage(ROUTE, { gov, query, language });
}

describe('hospital page', () => {
  it('sends a person who has not verified to identity first, carrying the hospital', async () => {
    const page = await renderPage(ROUTE, { query: { id: 'h2' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent('/packages/hospital/pages/hospital/hospital?id=h2')}` }]);
    expectWithinBudgets(page);
  });

  it('shows the hospital and its departments by group, children-only ones marked, and opens one', async () => {
    const page = await signedIn({ id: 'h2' });
    expect(fake.titles.at(-1)).toBe('市妇女儿童医疗中心');
    expect(page.textOf('#head')).toBe('市妇女儿童医疗中心三级甲等天河区 · 天河区金穗路 9 号电话 020-38076666');
    const groups = page.findAll('.section-title').map((node) => (node.dom as Element).textContent);
    expect(groups).toEqual(['内科', '外科', '妇儿', '五官皮肤']);
    expect(page.textOf('#group-women-children')).toBe('妇儿儿科门诊楼 1 楼 A 区 · 3 位医生仅接诊 14 岁以下儿童›妇科门诊楼 1 楼 C 区 · 5 位医生›产科门诊楼 2 楼 A 区 · 4 位医生›');
    expect(page.textOf('#group-internal')).not.toContain('岁以下');
    await page.tap('#group-women-children .row');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/hospital/pages/department/department?id=h2-paediatrics' });
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const page = await signedIn({ id: 'h1' }, 'en');
    expect(page.textOf('#head')).toContain('City No. 1 People\'s Hospital');
    expect(page.textOf('#group-internal')).toContain('Internal medicine');
    expect(page.textOf('#group-internal')).toContain('Fever Clinic');
    expect(page.text()).not.toMatch(/[\u4e00-\u9fff]/);
    expectWithinBudgets(page);
  });

  it.each([[{}], [{ id: 'h99' }]])('says the hospital is not there when opened with %j, and leads to all hospitals', async (query) => {
    const page = await signedIn(query);
    expect(page.textOf('#state')).toBe('没有找到这家医院。查看全部医院');
    expect(page.find('#state >>> .load-retry')).toBeUndefined();
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/hospital/pages/hospitals/hospitals' });
    expectWithinBudgets(page);
  });

  it('shows an error with a retry when the government is unreachable', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    gov.transport.setFault('timeout');
    const page = await renderPage(ROUTE, { gov, query: { id: 'h3' } });
    expect(page.find('#state >>> .load-retry')).toBeDefined();
    expect(page.find('#head')).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.textOf('#head')).toContain('市中医医院');
    expect(page.findAll('.group').length).toBeGreaterThan(1);
    expectWithinBudgets(page);
  });
});
