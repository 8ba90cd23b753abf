import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, verifiedToken } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { reopenCase } from './case-helpers';
import { call, couple, startMarriage } from './helpers';

const ROUTE = 'packages/civil/pages/cases/cases';
const ABOUT = '关于婚姻登记预约结婚和离婚登记可以在全国任一婚姻登记处办理，不限户籍所在地。双方只需带本人的居民身份证（离婚还需带结婚证），不需要户口簿。婚姻登记不收费。';
const texts = (page: RenderedPage, selector: string): string[] => page.findAll(selector).map((node) => ((node.dom as Element).textContent ?? '').trim());

describe('cases page', () => {
  it('sends a person who has not verified to identity', async () => {
    const page = await renderPage(ROUTE);
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}`)}`);
    expectWithinBudgets(page);
  });

  it('says there are no applications yet, keeps the three ways in, and says what the service is', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#empty')).toBe('您还没有婚姻登记申请。');
    expect(page.find('#case-0')).toBeUndefined();
    expect(page.textOf('#about')).toBe(ABOUT);
    expect(messageAt(page, '#about')).toEqual({ kind: 'info', role: 'status' });
    expect(page.textOf('#start-marriage')).toBe('预约结婚登记');
    await page.tap('#start-marriage');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/civil/pages/start/start?kind=marriage' });
    expect(page.textOf('#start-divorce')).toBe('预约离婚登记');
    await page.tap('#start-divorce');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/civil/pages/start/start?kind=divorce' });
    expect(page.textOf('#join')).toBe('我收到了邀请码');
    await page.tap('#join');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/civil/pages/join/join' });
    expectWithinBudgets(page);
  });

  it('counts down r12\'s seeded divorce in its cooling-off period, and r13\'s in English with large text', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r12');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#case-0 .kind')).toBe('离婚登记');
    expect(page.textOf('#case-0 .chip')).toBe('离婚冷静期');
    expect(page.textOf('#case-0 .other')).toBe('对方：林娜（受邀人）');
    expect(page.textOf('#case-0 .cooling')).toBe('冷静期还剩 20 天，2026-12-13 起可预约领证');
    // The number keeps to its unit: a no-break space between them.
    expect(texts(page, '#case-0 .cooling')).toEqual(['冷静期还剩 20\u00a0天，2026-12-13 起可预约领证']);
    expect(page.textOf('#case-0 .hint')).toBe('申请编号 DV-SEED-R12');
    expect(page.find('#case-0 .when')).toBeUndefined();
    // On day 30 the last day, on day 31 the certificate's days.
    gov.clock.advance(20 * 24 * 3600 * 1000);
    await page.call('retry');
    expect(page.textOf('#case-0 .cooling')).toBe('今天是冷静期最后一天，2026-12-13 起可预约领证');
    gov.clock.advance(24 * 3600 * 1000);
    await page.call('retry');
    expect(page.textOf('#case-0 .chip')).toBe('可预约领证');
    expect(page.textOf('#case-0 .cooling')).toBe('请在 2027-01-11 前预约领取离婚证');
    expectWithinBudgets(page);

    const seeded = createTestGovernment();
    await signInAs(seeded, 'r13');
    fake.storage.set('settings.largeText', true);
    const en = await renderPage(ROUTE, { gov: seeded, language: 'en' });
    expect(String(en.find('.cases-page')?.toJSON().attrs.find((a) => a.name === 'class')?.value)).toContain('large-text');
    expect(en.textOf('#case-0 .kind')).toBe('Divorce registration');
    expect(en.textOf('#case-0 .chip')).toBe('Cooling-off period');
    expect(en.textOf('#case-0 .other')).toBe('With 郑浩 (started it)');
    expect(en.textOf('#case-0 .cooling')).toBe('20 days of cooling-off left; the certificate can be booked from 2026-12-13');
    expect(en.textOf('#start-marriage')).toBe('Book a marriage registration');
    expectWithinBudgets(en);
  });

  it('lists an invited and a booked case, newest first, and opens one', async () => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r04');
    const invited = await startMarriage(gov, token);
    await call(gov, token, 'POST', `/civil/cases/${invited.case.id}/withdraw`);
    gov.clock.advance(60_000);
    const { civilCase: booked } = await couple(gov, 'r04', 'r05', true);
    reopenCase(gov, invited.case.id);
    await signInAs(gov, 'r04');
    const page = await renderPage(ROUTE, { gov });
    const up = booked.upcoming!;
    expect(texts(page, '.chip')).toEqual(['已预约', '等待对方接受邀请']);
    expect(page.textOf('#case-0 .other')).toBe('对方：刘洋（受邀人）');
    expect(page.textOf('#case-0 .when')).toBe(`预约：${up.date} ${up.window.start}\u2060–\u2060${up.window.end}，越秀区婚姻登记处`);
    expect(page.textOf('#case-0 .hint')).toBe(`申请编号 ${booked.reference}`);
    expect(page.find('#case-1 .other')).toBeUndefined();
    expect(page.find('#case-1 .when')).toBeUndefined();
    expect(page.textOf('#case-1 .hint')).toBe(`申请编号 ${invited.case.reference}`);
    expect(page.find('#empty')).toBeUndefined();
    await page.tap('#case-1');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/civil/pages/case/case?id=${invited.case.id}` });
    await page.tap('#case-0');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/civil/pages/case/case?id=${booked.id}` });
    expectWithinBudgets(page);
  });

  it('shows the error with a retry when offline, the ways in still there, and the list after retrying', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r12');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe('网络连接失败，请检查网络后重试');
    expect(page.textOf('#join')).toBe('我收到了邀请码');
    expect(page.find('#case-0')).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.find('#state')).toBeUndefined();
    expect(page.textOf('#case-0 .chip')).toBe('离婚冷静期');
    expectWithinBudgets(page);
  });
});
