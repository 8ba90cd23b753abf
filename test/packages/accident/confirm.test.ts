import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { call } from '../civil/helpers';
import { watch } from '../civil/start-helpers';
import type { Report } from '../../../miniprogram/contracts/reports';
import { CONFIRM_ROUTE, OTHER, fileAccidentAs } from './helpers';

/** 李明 (r02) reports an agreed accident; 周强 (r08), the other driver, opens the link on his own phone. */
async function reported(query: (id: string, code: string) => Record<string, string> = (report, code) => ({ report, code }), language?: string) {
  const gov = createTestGovernment();
  const reporter = await signInAs(gov, 'r02');
  const filed = await fileAccidentAs(gov, reporter);
  const other = await signInAs(gov, 'r08');
  const page = await renderPage(CONFIRM_ROUTE, { gov, query: query(filed.report.id, filed.invitation?.code ?? ''), language });
  return { gov, reporter, other, filed, page };
}

describe('confirm page (the other driver)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity first, keeping the link', async () => {
    const page = await renderPage(CONFIRM_ROUTE, { query: { report: 'rp-1', code: 'ABCD2345' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent(`/${CONFIRM_ROUTE}?report=rp-1&code=ABCD2345`)}`);
    expectWithinBudgets(page);
  });

  it('renders with an empty query, saying to open the shared link', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r08');
    const page = await renderPage(CONFIRM_ROUTE, { gov });
    expect(page.textOf('#no-link')).toContain('请打开对方分享给您的链接');
    expect(page.find('#agree')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('lets 周强 confirm with the code from the link and his own plate: responsibility settled, the reporter may book', async () => {
    const { page, gov, reporter, filed } = await reported();
    expect(page.data.code).toMatch(/^[0-9A-Z]{4} [0-9A-Z]{4}$/);
    await page.input('#plate', '粤e12345');
    const log = watch(gov);
    await page.tap('#agree');
    expect(log.map((l) => l.call)).toEqual([`POST /reports/accidents/${filed.report.id}/confirm`]);
    expect(messageAt(page, '#result').kind).toBe('success');
    expect(page.textOf('#result')).toContain('您已确认责任。请立即把车移到不妨碍交通的地方。');
    expect(page.textOf('#plate-mine')).toBe(OTHER);
    expect(page.textOf('#reference')).toBe(filed.report.reference);
    const now = await call<Report>(gov, reporter, 'GET', `/reports/${filed.report.id}`);
    expect([now.accident?.confirmation, now.accident?.canBook]).toEqual(['agreed', true]);
    expectWithinBudgets(page);
  });

  it('types the code when the link has none, and disagreeing sends the case to the police', async () => {
    const { page, reporter, gov, filed } = await reported((report) => ({ report }));
    await page.tap('#disagree');
    expect(page.textOf('#code-error')).toBe('请输入确认码');
    expect(page.textOf('#plate-error')).toBe('请输入您的车牌');
    await page.input('#code', `${(filed.invitation?.code ?? '').slice(0, 4)} ${(filed.invitation?.code ?? '').slice(4)}`);
    await page.input('#plate', OTHER);
    await page.tap('#disagree');
    expect(page.textOf('#result')).toContain('已转交警在线认定');
    const now = await call<Report>(gov, reporter, 'GET', `/reports/${filed.report.id}`);
    expect([now.status, now.accident?.confirmation]).toEqual(['investigating', 'disagreed']);
    expectWithinBudgets(page);
  });

  it('says beside the code that it belongs to another accident (INVITATION_OTHER_CASE)', async () => {
    const gov = createTestGovernment();
    const reporter = await signInAs(gov, 'r02');
    const first = await fileAccidentAs(gov, reporter);
    const second = await fileAccidentAs(gov, reporter, 'agreed', '粤A12345');
    await signInAs(gov, 'r08');
    const page = await renderPage(CONFIRM_ROUTE, { gov, query: { report: first.report.id, code: second.invitation?.code ?? '' } });
    await page.input('#plate', OTHER);
    await page.tap('#agree');
    expect(page.textOf('#code-error')).toBe('这个确认码属于另一起事故，与您打开的链接不符');
    expect(page.find('#result')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('says beside the plate when it is not the plate reported for the other vehicle', async () => {
    const { page } = await reported();
    await page.input('#plate', '粤A88888');
    await page.tap('#agree');
    expect(page.textOf('#plate-error')).toBe('这不是报告中对方车辆的车牌，请核对您的车牌');
    expect(page.find('#code-error')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('tells the reporter the code is his own to show', async () => {
    const gov = createTestGovernment();
    const reporter = await signInAs(gov, 'r02');
    const filed = await fileAccidentAs(gov, reporter);
    const page = await renderPage(CONFIRM_ROUTE, { gov, query: { report: filed.report.id, code: filed.invitation?.code ?? '' } });
    await page.input('#plate', OTHER);
    await page.tap('#agree');
    expect(page.textOf('#code-error')).toBe('这是您自己上报的事故，请把确认码出示给对方');
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const { page } = await reported(undefined, 'en');
    await page.input('#plate', OTHER);
    await page.tap('#agree');
    expect(page.textOf('#result')).toContain('You confirmed responsibility.');
    expect(page.textOf('#reference')).toMatch(/^RP/);
    expect(page.text()).toContain('Your plate');
    expectWithinBudgets(page);
  });
});
