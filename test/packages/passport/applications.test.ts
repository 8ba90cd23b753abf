import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { APPLICATIONS_ROUTE, APPLICATION_PAGE, APPLY_PAGE, applyAs } from './helpers';

describe('applications page', () => {
  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(APPLICATIONS_ROUTE);
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${APPLICATIONS_ROUTE}`)}` }]);
    expectWithinBudgets(page);
  });

  it('says there are none yet, and offers both ways to apply', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    const page = await renderPage(APPLICATIONS_ROUTE, { gov });
    expect(page.textOf('#empty')).toBe('您还没有护照申请。');
    await page.tap('#apply-renewal');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `${APPLY_PAGE}?kind=renewal` });
    await page.tap('#apply-first');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `${APPLY_PAGE}?kind=first` });
    expectWithinBudgets(page);
  });

  it('lists my applications with status, reference, office and date, and when ready; a row opens it', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r04');
    const application = await applyAs(gov, token);
    const page = await renderPage(APPLICATIONS_ROUTE, { gov });
    expect(page.find('#empty')).toBeUndefined();
    expect(page.findAll('.pp-item')).toHaveLength(1);
    expect(page.textOf('#row-0-status')).toBe('待缴费');
    expect(page.textOf('#row-0-reference')).toBe(application.reference);
    expect(page.textOf('#row-0-appointment')).toMatch(/^广州市越秀区出入境办证大厅 · \d{4}年\d{1,2}月\d{1,2}日（周.） \d{2}:\d{2}–\d{2}:\d{2}$/);
    expect(page.textOf('#row-0-ready')).toMatch(/^预计 .+ 制证完成$/);
    await page.tap('#row-0');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `${APPLICATION_PAGE}?id=${application.id}` });
    expectWithinBudgets(page);
  });

  it('shows the error with a retry when the list cannot load, then the list', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    gov.transport.setFault('offline');
    const page = await renderPage(APPLICATIONS_ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe('网络连接失败，请检查网络后重试');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.textOf('#empty')).toBe('您还没有护照申请。');
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    const page = await renderPage(APPLICATIONS_ROUTE, { gov, language: 'en' });
    expect(page.textOf('#mine-heading')).toBe('My passport applications');
    expect(page.textOf('#apply-renewal')).toContain('Renew a passport');
    expectWithinBudgets(page);
  });
});
