import type { StartCaseResponse } from '../../../miniprogram/contracts/civil';
import { maskIdNumber } from '../../../miniprogram/core/validation';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, resident, verifiedToken, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { AGREEMENT, CERTIFICATES, caseOf, startDivorce, startMarriage } from './helpers';
import { attr, isChecked, lastRedirect, watch } from './start-helpers';

const ROUTE = 'packages/civil/pages/join/join';
const CASE_PAGE = '/packages/civil/pages/case/case';
const HOUR = 3600 * 1000;
const DECLARATION = '本人声明：本人无配偶，与对方没有直系血亲和三代以内旁系血亲关系，完全出于自愿结婚。以上声明真实，如有虚假，愿承担法律责任。';

/** A code as people type it: in lower case, with a dash in the middle. */
const asTyped = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();

/** r04 (or `first`) has started a case; `key` has the page open, from the share card's query unless told otherwise. */
async function invitedAs(key: string, options: { first?: string; divorce?: boolean; query?: (started: StartCaseResponse) => Record<string, string>; language?: string; before?: (gov: TestGovernment) => void } = {}) {
  const gov = createTestGovernment();
  const a = await verifiedToken(gov.government, options.first ?? 'r04');
  const started = options.divorce ? await startDivorce(gov, a) : await startMarriage(gov, a);
  const b = await signInAs(gov, key);
  options.before?.(gov);
  const query = options.query ? options.query(started) : { case: started.case.id, code: started.invitation.code };
  const page = await renderPage(ROUTE, { gov, query, language: options.language });
  return { gov, a, b, started, page };
}

const openCode = async (page: RenderedPage, code: string): Promise<void> => {
  await page.input('#code', code);
  await page.tap('#open');
};

describe('join page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity first, keeping the case and the code', async () => {
    const page = await renderPage(ROUTE, { query: { case: 'cs-0123456789', code: 'K7QM2XPD' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}?case=cs-0123456789&code=K7QM2XPD`)}` }]);
    expectWithinBudgets(page);
  });

  it('asks for the code with an empty query, says what is wrong with it beside the field, and opens it as typed', async () => {
    const { page, gov, started } = await invitedAs('r05', { query: () => ({}) });
    expect(page.textOf('#intro')).toBe('对方发起结婚或离婚登记申请后，会把 8 位邀请码发给您。输入邀请码，查看申请内容，确认无误后接受。');
    expect(attr(page, '#code', 'value')).toBe('');
    expect(page.find('#preview')).toBeUndefined();
    const log = watch(gov);
    await page.tap('#open');
    expect(page.textOf('#code-error')).toBe('请输入邀请码');
    expect(page.textOf('#error-summary >>> .error-summary-line')).toBe('请输入邀请码');
    await page.input('#code', 'k7qm-2xp');
    expect(page.textOf('#code-error')).toBe('邀请码是 8 位字母和数字，您输入了 7 位');
    await page.tap('#open');
    expect(log).toEqual([]);
    expect(attr(page, '#code', 'value')).toBe('k7qm-2xp');
    await openCode(page, asTyped(started.invitation.code));
    expect(log.map((entry) => entry.call)).toEqual(['POST /civil/invitations/open']);
    expect(page.find('#code-error')).toBeUndefined();
    expect(page.textOf('#preview-reference')).toBe(started.case.reference);
    expectWithinBudgets(page);
  });

  it('opens r04\'s code from the share card for r05 at once, and accepts once the declaration is signed', async () => {
    const { page, gov, b, started } = await invitedAs('r05');
    expect(attr(page, '#code', 'value')).toBe(started.invitation.code);
    expect(page.textOf('#preview-kind')).toBe('结婚登记');
    expect(page.textOf('#preview-reference')).toBe(started.case.reference);
    expect(page.textOf('#preview-from')).toBe('*伟');
    expect(page.textOf('#preview-from-id')).toBe(maskIdNumber(resident('r04').idNumber));
    expect(page.text()).not.toContain('张伟');
    expect(page.text()).not.toContain(resident('r04').idNumber);
    expect(page.textOf('#preview-expires')).toBe('2026-11-25 10:00');
    expect(page.textOf('#preview-declaration')).toBe(DECLARATION);
    expect(page.find('#preview-agreement')).toBeUndefined();
    expect(page.find('#open')).toBeUndefined();

    const log = watch(gov);
    await page.tap('#accept');
    expect(page.textOf('#signed-error')).toBe('请阅读声明并勾选签署');
    expect(page.textOf('#error-summary >>> .error-summary-line')).toBe('请阅读声明并勾选签署');
    expect(log).toEqual([]);
    await page.tap('#signed');
    expect(isChecked(page, '#signed')).toBe(true);
    expect(page.find('#signed-error')).toBeUndefined();
    await page.tap('#accept');
    expect(log.map((entry) => entry.call)).toEqual([`POST /civil/cases/${started.case.id}/accept`]);
    expect(JSON.parse(log[0].body)).toEqual({ code: started.invitation.code, declaration: true });
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `${CASE_PAGE}?id=${started.case.id}` });
    const joined = await caseOf(gov, b, started.case.id);
    expect(joined.status).toBe('accepted');
    expect(joined.parties.map((p) => [p.role, p.you])).toEqual([['second', true], ['first', false]]);

    // Opened again after accepting: the way to the case instead of the buttons.
    const again = await renderPage(ROUTE, { gov, query: { case: started.case.id, code: started.invitation.code } });
    expect(again.textOf('#accepted')).toBe('您已经接受了这份申请。');
    expect(again.find('#accept')).toBeUndefined();
    expect(again.find('#decline')).toBeUndefined();
    await again.tap('#open-case');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `${CASE_PAGE}?id=${started.case.id}` });
    expectWithinBudgets(page);
    expectWithinBudgets(again);
  });

  it.each([
    ['r04 opening his own code', 'r04', undefined, '这是您自己发出的邀请码，请发给对方，由对方用自己的微信实名后打开。'],
    ['the code 73 hours later', 'r05', (gov: TestGovernment) => gov.clock.advance(73 * HOUR), '这个邀请码已经过期（有效期 72 小时），请让对方重新发送。'],
  ])('says beside the code field what is wrong with %s', async (_what, key, before, words) => {
    const { page, gov, a, started } = await invitedAs(key, { before });
    expect(page.textOf('#code-error')).toBe(words);
    expect(page.textOf('#error-summary >>> .error-summary-line')).toBe(words);
    expect(page.find('#preview')).toBeUndefined();
    expect(page.find('#open')).toBeDefined();
    // Nothing changed: the case still waits for the other person.
    expect((await caseOf(gov, a, started.case.id)).status).toBe('invited');
    expectWithinBudgets(page);
  });

  it('refuses a code that belongs to another case than the link\'s', async () => {
    const gov = createTestGovernment();
    const other = await startDivorce(gov, await verifiedToken(gov.government, 'r02'));
    const started = await startMarriage(gov, await verifiedToken(gov.government, 'r04'));
    await signInAs(gov, 'r05');
    const page = await renderPage(ROUTE, { gov, query: { case: other.case.id, code: started.invitation.code } });
    expect(page.textOf('#code-error')).toBe('这个邀请码属于另一份申请，与您打开的链接不符。请使用对方最新发来的邀请。');
    expect(page.find('#preview')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it.each([
    ['r02', 'ALREADY_MARRIED', '您登记为已婚婚姻登记记录显示您有配偶，不能再办理结婚登记。如果记录有误，请带身份证和离婚证或配偶死亡证明到任一婚姻登记处更正。'],
    ['r11', 'TOO_YOUNG', '您还未到法定婚龄《民法典》第一千零四十七条规定：男不得早于 22 周岁，女不得早于 20 周岁。您从 2027-03-15 起满 20 周岁，届时可以预约登记（最早可提前 15 天预约）。'],
  ])('shows %s opening r04\'s marriage code why they cannot accept (%s), with no box and no Accept', async (key, code, words) => {
    const { page } = await invitedAs(key);
    expect(page.textOf('#preview-from')).toBe('*伟');
    expect(page.textOf(`#panel-${code}`)).toBe(words);
    expect(messageAt(page, `#panel-${code}`)).toEqual({ kind: 'warning', role: 'alert' });
    expect(page.find('#accept')).toBeUndefined();
    expect(page.find('#signed')).toBeUndefined();
    expect(page.find('#decline')).toBeDefined();
    await page.tap('#cases');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/civil/pages/cases/cases' });
    expectWithinBudgets(page);
  });

  it('shows the panel when the government refuses the accept for a reason of its own (a case of hers started meanwhile)', async () => {
    const { page, gov, a, started } = await invitedAs('r05');
    await startMarriage(gov, await verifiedToken(gov.government, 'r05'));
    await page.tap('#signed');
    await page.tap('#accept');
    expect(page.textOf('#panel-CASE_OPEN')).toBe('您已有一个进行中的申请同一类申请同时只能有一个。请先在“我的婚姻登记”中完成或撤回进行中的申请。');
    expect(page.find('#accept')).toBeUndefined();
    expect(fake.navigations).toEqual([]);
    expect((await caseOf(gov, a, started.case.id)).status).toBe('invited');
    expectWithinBudgets(page);
  });

  it('declines only after the confirm, then says so with the way home', async () => {
    const { page, gov, a, started } = await invitedAs('r05');
    const log = watch(gov);
    fake.modalAnswer = false;
    await page.tap('#decline');
    expect(fake.modals).toEqual([expect.objectContaining({ title: '拒绝这份申请？', content: '拒绝后这份申请就结束了，邀请码也不能再用。如需办理，对方要重新发起申请。' })]);
    expect(log).toEqual([]);
    expect(page.find('#preview')).toBeDefined();
    fake.modalAnswer = true;
    await page.tap('#decline');
    expect(log.map((entry) => entry.call)).toEqual([`POST /civil/cases/${started.case.id}/decline`]);
    expect(page.textOf('#declined')).toBe('您已拒绝这份申请申请已经结束，对方会看到您拒绝了。');
    expect(messageAt(page, '#declined')).toEqual({ kind: 'success', role: 'status' });
    expect(page.find('#preview')).toBeUndefined();
    expect((await caseOf(gov, a, started.case.id)).status).toBe('declined');
    await page.tap('#home');
    expect(fake.navigations.pop()).toEqual({ kind: 'switchTab', url: '/pages/home/home' });
    expectWithinBudgets(page);
  });

  it('accepts once on a double tap, and never says "already accepted"', async () => {
    const { page, gov, b, started } = await invitedAs('r05');
    await page.tap('#signed');
    const log = watch(gov);
    await page.act('double tap accept', () => {
      page.find('#accept')?.dispatchEvent('tap');
      page.find('#accept')?.dispatchEvent('tap');
    });
    expect(log.filter((entry) => entry.call.endsWith('/accept'))).toHaveLength(1);
    expect(page.text()).not.toContain('您已经接受过这份申请');
    expect(fake.navigations.filter((n) => n.url.startsWith(CASE_PAGE))).toHaveLength(1);
    expect((await caseOf(gov, b, started.case.id)).status).toBe('accepted');
    expectWithinBudgets(page);
  });

  it('shows an error with retry when the share card\'s code cannot be opened, and the Open button\'s error when typed', async () => {
    const { page, gov, started } = await invitedAs('r05', { before: (g) => g.transport.setFault('offline') });
    expect(page.data.status).toBe('error');
    expect(page.textOf('#state')).toContain('网络连接失败，请检查网络后重试');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.textOf('#preview-reference')).toBe(started.case.reference);

    await page.input('#code', asTyped(started.invitation.code).replace('-', ' '));
    expect(page.find('#preview')).toBeUndefined();
    gov.transport.setFault('offline');
    await page.tap('#open');
    expect(page.textOf('#open-error')).toBe('网络连接失败，请检查网络后重试');
    expect(attr(page, '#code', 'value')).toBe(asTyped(started.invitation.code).replace('-', ' '));
    gov.transport.setFault('none');
    await page.tap('#open');
    expect(page.find('#open-error')).toBeUndefined();
    expect(page.textOf('#preview-reference')).toBe(started.case.reference);
    expectWithinBudgets(page);
  });

  it('keeps the accept through a network failure and accepts once on the next tap', async () => {
    const { page, gov, b, started } = await invitedAs('r05');
    await page.tap('#signed');
    gov.transport.setFault('offline');
    await page.tap('#accept');
    expect(page.textOf('#action-error')).toBe('网络连接失败，请检查网络后重试');
    expect(isChecked(page, '#signed')).toBe(true);
    gov.transport.setFault('none');
    await page.tap('#accept');
    expect(lastRedirect()).toEqual({ path: CASE_PAGE, query: { id: started.case.id } });
    expect((await caseOf(gov, b, started.case.id)).status).toBe('accepted');
    expectWithinBudgets(page);
  });

  it('after ten codes that did not match says to wait, beside the field', async () => {
    const { page } = await invitedAs('r05', { query: () => ({}) });
    for (let i = 0; i < 10; i += 1) {
      await openCode(page, `ZZZZ-ZZZ${i}`);
      expect(page.textOf('#code-error')).toBe('没有找到这个邀请码，请核对后重新输入（8 位字母和数字）。');
    }
    await openCode(page, 'ZZZZ-ZZZZ');
    expect(page.textOf('#code-error')).toBe('今天输错邀请码的次数太多（每天最多 10 次），请明天再试，或请对方把邀请直接分享给您。');
    expectWithinBudgets(page);
  });

  it('reads in English: r03 opens r02\'s divorce with its certificate number and agreement, and acknowledges it', async () => {
    const { page, gov, b, started } = await invitedAs('r03', { first: 'r02', divorce: true, language: 'en' });
    expect(page.textOf('#preview-kind')).toBe('Divorce registration');
    expect(page.textOf('#preview-from')).toBe('*明');
    expect(page.textOf('#preview-certificate')).toBe(CERTIFICATES.r02r03);
    expect(page.textOf('#preview-agreement')).toBe(AGREEMENT);
    expect(page.find('#preview-declaration')).toBeUndefined();
    expect(page.textOf('#signed')).toBe('I have read and agree to this divorce agreement');
    await page.tap('#accept');
    expect(page.textOf('#signed-error')).toBe('Confirm that you have read and agree to the agreement');
    await page.tap('#signed');
    await page.tap('#accept');
    expect(lastRedirect()).toEqual({ path: CASE_PAGE, query: { id: started.case.id } });
    expect((await caseOf(gov, b, started.case.id)).status).toBe('accepted');
    expectWithinBudgets(page);
  });
});
