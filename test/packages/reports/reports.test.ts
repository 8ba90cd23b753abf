import { DAY_MS } from '../../../miniprogram/core/dates';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { watch } from '../civil/start-helpers';
import { REPORTS_ROUTE, REPORT_PAGE, fileAs, texts } from './helpers';

async function openAs(key: string, language?: string) {
  const gov = createTestGovernment();
  await signInAs(gov, key);
  return renderPage(REPORTS_ROUTE, { gov, language });
}

describe('my reports page', () => {
  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(REPORTS_ROUTE);
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${REPORTS_ROUTE}`)}` }]);
    expectWithinBudgets(page);
  });

  it('says there are none yet, and offers to report a problem', async () => {
    const page = await openAs('r04');
    expect(page.textOf('#empty')).toBe('您还没有上报或关注过问题。');
    await page.tap('#report-problem');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/reports/pages/services/services' });
    expectWithinBudgets(page);
  });

  it('lists 李明\'s reports newest first with status, department and the expected date, flagging the overdue one; a row opens it', async () => {
    const page = await openAs('r02');
    expect(texts(page, '.rp-item-name')).toEqual(['下水道堵塞', '道路破损', '上报问题']);
    expect(page.textOf('#row-0-status')).toBe('已解决');
    expect(page.textOf('#row-0-department')).toBe('广州市水务局');
    // Fixed: nothing is expected any more.
    expect(page.find('#row-0-expected')).toBeUndefined();
    expect(page.textOf('#row-1-status')).toBe('已安排处理');
    expect(page.textOf('#row-1-expected')).toMatch(/^已超期：应于 \d{4}年\d{1,2}月\d{1,2}日 前办结$/);
    expect(page.find('#row-0-role')).toBeUndefined();
    await page.tap('#row-1');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `${REPORT_PAGE}?id=rp-seed-road` });
    expectWithinBudgets(page);
  });

  it('marks the reports I follow', async () => {
    const page = await openAs('r03');
    expect(texts(page, '.rp-item-name').slice(0, 2)).toEqual(['路灯不亮', '道路破损']);
    expect(page.textOf('#row-1-role')).toBe('我关注的');
    expectWithinBudgets(page);
  });

  it('shows 20 at a time, and the rest on "show more" (counted)', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r04');
    for (let i = 0; i < 22; i += 1) {
      // At most 10 a day: the next day for the next ten.
      if (i > 0 && i % 10 === 0) gov.clock.advance(DAY_MS);
      await fileAs(gov, token, { description: `路灯不亮 ${i + 1}` });
    }
    const page = await renderPage(REPORTS_ROUTE, { gov });
    expect(page.findAll('#mine .rp-item')).toHaveLength(20);
    const log = watch(gov);
    await page.tap('#more');
    expect(log.map((l) => l.call)).toEqual(['GET /reports']);
    expect(page.findAll('#mine .rp-item')).toHaveLength(22);
    expect(page.find('#more')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('shows the error with a retry when the list cannot load, then the list', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    gov.transport.setFault('offline');
    const page = await renderPage(REPORTS_ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe('网络连接失败，请检查网络后重试');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.textOf('#empty')).toBe('您还没有上报或关注过问题。');
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const page = await openAs('r02', 'en');
    expect(page.textOf('#mine-heading')).toBe('Reports I made or follow');
    expect(page.textOf('#row-0-status')).toBe('Fixed');
    expect(page.textOf('#row-1-expected')).toMatch(/^Overdue: it was due by \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expectWithinBudgets(page);
  });
});
