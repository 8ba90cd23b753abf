import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';

const ROUTE = 'packages/hospital/pages/hospitals/hospitals';

async function signedIn(language?: string, query?: Record<string, string>) {
  const gov = createTestGovernment();
  await signInAs(gov, 'r02');
  return renderPage(ROUTE, { gov, language, query });
}

describe('hospitals page', () => {
  it('sends a person who has not verified to identity first, carrying the search', async () => {
    const page = await renderPage(ROUTE, { query: { q: '发烧' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/packages/hospital/pages/hospitals/hospitals?q=${encodeURIComponent('发烧')}`)}` }]);
    expectWithinBudgets(page);
  });

  it('lists the hospitals with level, district, address and departments, and opens one', async () => {
    const page = await signedIn();
    expect(fake.titles).toEqual(['预约挂号']);
    const rows = page.findAll('#hospitals .row');
    expect(rows).toHaveLength(4);
    expect(page.textOf('#hospitals')).toContain('市第一人民医院三级甲等');
    expect(page.textOf('#hospitals')).toContain('越秀区 · 越秀区盘福路 1 号');
    expect(page.textOf('#hospitals')).toContain('13 个科室');
    expect(page.textOf('#hospitals')).toContain('南沙区人民医院二级甲等');
    await page.tap('#hospitals .row');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/hospital/pages/hospital/hospital?id=h1' });
    await page.tap('#bookings');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/hospital/pages/bookings/bookings' });
    await page.tap('#patients');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/hospital/pages/patients/patients' });
    expectWithinBudgets(page);
  });

  it('finds departments by a symptom and says which symptom led there, then opens one', async () => {
    const page = await signedIn();
    await page.input('#search', '发烧');
    await page.tap('#search-go');
    const found = page.textOf('#found-departments');
    expect(found).toContain('发热门诊适合“发烧”');
    expect(found).toContain('呼吸内科适合“发烧”');
    expect(found).toContain('市第一人民医院 · 门诊楼 1 楼 B 区');
    expect(page.find('#hospitals')).toBeUndefined();
    // One setData for the search, with only what the results need.
    expect(page.audit.interactions.at(-1)?.calls).toHaveLength(1);
    await page.tap('#found-departments .row');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/hospital/pages/department/department?id=h1-fever' });
    await page.tap('#search-clear');
    expect(page.findAll('#hospitals .row')).toHaveLength(4);
    expect(page.data.query).toBe('');
    expectWithinBudgets(page);
  });

  it('finds departments and doctors by name in English, opened with ?q', async () => {
    const page = await signedIn('en', { q: 'cardiology' });
    expect(page.data.query).toBe('cardiology');
    const found = page.textOf('#found-departments');
    expect(found).toContain('Cardiology');
    expect(found).not.toContain('For "');
    expect(page.findAll('#found-departments .row')).toHaveLength(3);
    expect(page.text()).not.toMatch(/[\u4e00-\u9fff]/);

    await page.input('#search', 'wang');
    await page.call('search');
    const doctors = page.findAll('#found-doctors .row');
    expect(doctors.length).toBeGreaterThan(0);
    expect(page.textOf('#found-doctors')).toMatch(/Wang \w+/);
    await page.tap('#found-doctors .row');
    expect(fake.navigations.pop()?.url).toMatch(/^\/packages\/hospital\/pages\/doctor\/doctor\?id=h\d-[a-z-]+-\d+$/);
    expectWithinBudgets(page);
  });

  it('says when nothing matches and offers symptoms to try, which search when tapped', async () => {
    const page = await signedIn();
    await page.input('#search', '火箭发射');
    await page.tap('#search-go');
    expect(page.textOf('#search-empty')).toBe('没有找到与“火箭发射”相关的科室或医生。');
    expect(messageAt(page, '#search-empty')).toEqual({ kind: 'info', role: 'status' });
    const chips = page.findAll('.chip');
    expect(chips.map((chip) => (chip.dom as Element).textContent)).toEqual(['发烧', '咳嗽', '肚子痛', '牙疼', '头晕']);
    await page.act('tap 牙疼', () => chips[3].dispatchEvent('tap'));
    expect(page.find('#search-empty')).toBeUndefined();
    expect(page.textOf('#found-departments')).toContain('口腔科适合“牙疼”');
    expect(page.data.query).toBe('牙疼');
    expectWithinBudgets(page);
  });

  it('shows an error with a retry when the government is unreachable, then the list', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#state')).toContain('网络连接失败，请检查网络后重试');
    expect(page.find('#search')).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.findAll('#hospitals .row')).toHaveLength(4);

    // A search that fails keeps what was typed and offers to try again.
    gov.transport.setFault('offline');
    await page.input('#search', '咳嗽');
    await page.tap('#search-go');
    expect(page.textOf('#search-error')).toContain('网络连接失败');
    expect(messageAt(page, '#search-error')).toEqual({ kind: 'error', role: 'alert' });
    gov.transport.setFault('none');
    await page.tap('#search-retry');
    expect(page.find('#search-error')).toBeUndefined();
    expect(page.textOf('#found-departments')).toContain('呼吸内科适合“咳嗽”');
    expectWithinBudgets(page);
  });
});
