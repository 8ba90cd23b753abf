import type { Report } from '../../../miniprogram/contracts/reports';
import { DAY_MS } from '../../../miniprogram/core/dates';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { call } from '../civil/helpers';
import { watch } from '../civil/start-helpers';
import { OTHER, SETTLE_ROUTE, fileAccidentAs, texts } from './helpers';

/** 李明 reports; 周强 confirms straight at the government when `confirmed`. */
async function accident(confirmed: boolean, responsibility: 'agreed' | 'police-review' = 'agreed') {
  const gov = createTestGovernment();
  const reporter = await signInAs(gov, 'r02');
  const filed = await fileAccidentAs(gov, reporter, responsibility);
  if (confirmed) {
    const other = await signInAs(gov, 'r08');
    await call<Report>(gov, other, 'POST', `/reports/accidents/${filed.report.id}/confirm`, { code: filed.invitation?.code, plate: OTHER, agree: true });
    await signInAs(gov, 'r02');
  }
  return { gov, reporter, filed };
}

describe('settle page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('renders with an empty query: no such case, and the way to report one', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(SETTLE_ROUTE, { gov });
    expect(page.data.status).toBe('error');
    expect(page.data.message).toBe('没有找到这起事故，或它不是您上报的。');
    expect(page.data.forwardText).toBe('上报交通事故');
    expectWithinBudgets(page);
  });

  it('shows the reporter a new code while the other driver has not confirmed (the first was shown once)', async () => {
    const { gov, filed } = await accident(false);
    const page = await renderPage(SETTLE_ROUTE, { gov, query: { report: filed.report.id } });
    expect(page.textOf('#confirmation')).toMatch(/^等待对方确认，截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(page.textOf('#code-gone')).toContain('确认码只显示一次');
    expect(page.find('#desk-kc-tianhe')).toBeUndefined();
    await page.tap('#new-code');
    expect(page.textOf('#code')).toMatch(/^[0-9A-Z]{4} [0-9A-Z]{4}$/);
    expect(page.textOf('#notice')).toBe('已生成新的确认码，之前的确认码已失效。');
    expectWithinBudgets(page);
  });

  it('books the settlement once the other driver agreed: desk, day, window with places, check, then what to bring', async () => {
    const { gov, filed, reporter } = await accident(true);
    const page = await renderPage(SETTLE_ROUTE, { gov, query: { report: filed.report.id } });
    expect(page.textOf('#status')).toBe('责任已确定');
    expect(page.textOf('#plates')).toBe(`本车 粤B12345，对方 ${OTHER}`);
    expect(page.findAll('.ac-option')).toHaveLength(3);
    await page.tap('#continue');
    expect(page.textOf('#deskId-error')).toBe('请选择服务中心');
    await page.tap('#desk-kc-tianhe');
    expect(page.findAll('.ac-day')).toHaveLength(8);
    // Sunday 22 November 10:00: today is closed, Monday is open.
    expect(page.textOf('#day-2026-11-22-status')).toBe('不办公');
    await page.tap('#day-2026-11-23');
    expect(page.textOf('#window-am1-places')).toMatch(/^余 \d+ 个$/);
    await page.tap('#window-am1');
    await page.tap('#continue');
    expect(texts(page, '#answers .ac-key')).toEqual(['服务中心', '日期', '时段']);
    expect(page.textOf('#value-1')).toBe('11月23日 周一');
    const log = watch(gov);
    await page.act('double tap', () => {
      page.find('#book')?.dispatchEvent('tap');
      page.find('#book')?.dispatchEvent('tap');
    });
    expect(log.map((l) => l.call)).toEqual([`POST /reports/accidents/${filed.report.id}/appointment`, `GET /reports/${filed.report.id}`].slice(0, log.length));
    expect(log.filter((l) => l.call.startsWith('POST'))).toHaveLength(1);
    expect(messageAt(page, '#booked').kind).toBe('success');
    expect(page.textOf('#appointment-ref')).toMatch(/^KC/);
    expect(page.textOf('#appointment-window')).toBe('09:00–10:30');
    expect(texts(page, '#bring .ac-next')).toHaveLength(4);
    const now = await call<Report>(gov, reporter, 'GET', `/reports/${filed.report.id}`);
    expect(now.accident?.appointment?.date).toBe('2026-11-23');
    expectWithinBudgets(page);
  });

  it('lets the reporter book after the police decided online, and tells the other driver the reporter books', async () => {
    const { gov, filed } = await accident(false, 'police-review');
    const waiting = await renderPage(SETTLE_ROUTE, { gov, query: { report: filed.report.id } });
    expect(waiting.textOf('#status')).toBe('交警认定中');
    expect(waiting.find('#desk-kc-tianhe')).toBeUndefined();
    expect(waiting.find('#code')).toBeUndefined();
    expectWithinBudgets(waiting);
    // Decided by 17:00 of the next working day (Monday 23 November).
    gov.clock.advance(DAY_MS + 8 * 3600 * 1000);
    const page = await renderPage(SETTLE_ROUTE, { gov, query: { report: filed.report.id } });
    expect(page.find('#desk-kc-tianhe')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('tells the other driver that the reporter books the claim', async () => {
    const { gov, filed } = await accident(true);
    await signInAs(gov, 'r08');
    const page = await renderPage(SETTLE_ROUTE, { gov, query: { report: filed.report.id } });
    expect(page.textOf('#other-books')).toContain('理赔由上报事故的一方预约');
    expect(page.find('#desk-kc-tianhe')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const { gov, filed } = await accident(true);
    const page = await renderPage(SETTLE_ROUTE, { gov, query: { report: filed.report.id }, language: 'en' });
    expect(page.textOf('#status')).toBe('Responsibility settled');
    await page.tap('#continue');
    expect(page.textOf('#deskId-error')).toBe('Choose a centre');
    expectWithinBudgets(page);
  });
});
