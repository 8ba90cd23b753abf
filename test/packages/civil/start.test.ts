import type { CasesResponse } from '../../../miniprogram/contracts/civil';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { AGREEMENT, CERTIFICATES, call, caseOf, startMarriage } from './helpers';
import { attr, drafts, isChecked, lastRedirect, watch } from './start-helpers';

const ROUTE = 'packages/civil/pages/start/start';
const CASE_PAGE = '/packages/civil/pages/case/case';
const CASES_PAGE = '/packages/civil/pages/cases/cases';

const casesOf = (gov: TestGovernment, token: string): Promise<CasesResponse> => call<CasesResponse>(gov, token, 'GET', '/civil/cases');
const lines = (page: RenderedPage, selector: string): string[] => page.findAll(selector).map((node) => (node.dom?.textContent ?? '').replace(/\s+/g, ' ').trim());

async function openAs(key: string, query: Record<string, string> = {}, language?: string) {
  const gov = createTestGovernment();
  const token = await signInAs(gov, key);
  const page = await renderPage(ROUTE, { gov, query, language });
  return { gov, token, page };
}

/** Types a divorce's answers and ticks the box. */
async function fillDivorce(page: RenderedPage, certificate: string, agreement = AGREEMENT): Promise<void> {
  await page.input('#certificateNumber', certificate);
  await page.input('#agreement', agreement);
  if (!isChecked(page, '#agreementAcknowledged')) await page.tap('#agreementAcknowledged');
}

describe('start page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity first, keeping the kind', async () => {
    const page = await renderPage(ROUTE, { query: { kind: 'divorce' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}?kind=divorce`)}` }]);
    expectWithinBudgets(page);
  });

  it('offers the two kinds with an empty query, and goes on with the one tapped on the same page', async () => {
    const { page } = await openAs('r04');
    expect(page.textOf('#choose-heading')).toBe('您要办理哪一项？');
    expect(lines(page, '#kinds .kind-name')).toEqual(['结婚登记', '离婚登记']);
    expect(page.textOf('#kind-marriage')).toBe('结婚登记双方都没有配偶，男满 22 周岁、女满 20 周岁');
    expect(attr(page, '#kind-marriage', 'ariaRole')).toBe('radio');
    expect(page.find('#continue')).toBeUndefined();
    await page.tap('#kind-marriage');
    expect(fake.navigations).toEqual([]);
    expect(page.data.step).toBe('form');
    expect(page.textOf('#declaration-text')).toBe('本人声明：本人无配偶，与对方没有直系血亲和三代以内旁系血亲关系，完全出于自愿结婚。以上声明真实，如有虚假，愿承担法律责任。');
    expect(isChecked(page, '#declaration')).toBe(false);
    expectWithinBudgets(page);
  });

  it('sets large text on the page when the person asked for it', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    fake.storage.set('settings.largeText', true);
    const page = await renderPage(ROUTE, { gov, query: { kind: 'marriage' } });
    expect(String(attr(page, '.start', 'class'))).toContain('large-text');
    expectWithinBudgets(page);
  });

  it('starts r04\'s marriage: what happens, the declaration signed, check your answers, then the case page with the code', async () => {
    const { page, gov, token } = await openAs('r04', { kind: 'marriage' });
    expect(lines(page, '#how .step')).toEqual([
      '由您发起申请，提交后会得到一个邀请码，有效期 72 小时。',
      '把邀请码发给对方，对方用自己的微信实名认证后打开邀请码。',
      '双方都要签署下面的声明。',
      '双方都签署后，任何一方都可以预约登记日期（1 到 15 天后），双方本人一同到场办理。',
      '2025年5月10日起，只需带双方本人的居民身份证，无需户口簿。结婚登记不收费。',
    ]);
    // Not signed: the words beside the box and in the summary; nothing is sent.
    const log = watch(gov);
    await page.tap('#continue');
    expect(page.textOf('#declaration-error')).toBe('请阅读声明并勾选签署');
    expect(lines(page, '#error-summary >>> .error-summary-line')).toEqual(['请阅读声明并勾选签署']);
    expect(page.data.step).toBe('form');
    await page.tap('#declaration');
    expect(isChecked(page, '#declaration')).toBe(true);
    expect(page.find('#declaration-error')).toBeUndefined();
    await page.tap('#continue');
    expect(page.textOf('#answer-kind')).toBe('结婚登记');
    expect(page.textOf('#answer-signed')).toBe('已阅读并签署');
    expect(page.textOf('#answer-fee')).toBe('免费');
    expect(attr(page, '#change-signed', 'ariaLabel')).toBe('修改签署');
    // "Change" goes back to the box, still ticked.
    await page.tap('#change-signed');
    expect(isChecked(page, '#declaration')).toBe(true);
    await page.tap('#continue');
    expect(page.textOf('#submit')).toBe('发起申请并获取邀请码');
    await page.tap('#submit');
    expect(log.map((entry) => entry.call)).toEqual(['POST /civil/cases']);
    expect(JSON.parse(log[0].body)).toEqual({ kind: 'marriage', declaration: true });
    const to = lastRedirect();
    expect(to?.path).toBe(CASE_PAGE);
    expect(to?.query.code).toMatch(/^[0-9A-Z]{8}$/);
    const started = await caseOf(gov, token, to?.query.id ?? '');
    expect(started).toEqual(expect.objectContaining({ kind: 'marriage', status: 'invited' }));
    expect(started.parties.map((p) => p.role)).toEqual(['first']);
    expect(drafts()).toEqual([]);
    expectWithinBudgets(page);
  });

  it('starts r02\'s divorce after a number of the wrong shape and one not on the register, keeping what was typed', async () => {
    const { page, gov, token } = await openAs('r02', { kind: 'divorce' });
    await page.input('#certificateNumber', 'J4403052008');
    expect(page.find('#certificateNumber-error')).toBeUndefined();
    await page.fire('#certificateNumber', 'blur', { value: 'J4403052008' });
    expect(page.textOf('#certificateNumber-error')).toBe('结婚证字号的格式是 J、6 位地区代码、4 位年份和 6 位顺序号，如 J440106-2020-004512');
    await page.input('#agreement', '双方自愿离婚。');
    expect(page.textOf('#agreement-count')).toBe('已输入 7/2000 个字');
    await page.tap('#continue');
    expect(page.textOf('#agreement-error')).toBe('离婚协议至少写 20 个字：子女抚养、财产分割和债务如何处理');
    expect(page.textOf('#agreementAcknowledged-error')).toBe('请确认您已阅读并同意离婚协议');
    expect(lines(page, '#error-summary >>> .error-summary-line')).toEqual([
      '结婚证字号的格式是 J、6 位地区代码、4 位年份和 6 位顺序号，如 J440106-2020-004512',
      '离婚协议至少写 20 个字：子女抚养、财产分割和债务如何处理',
      '请确认您已阅读并同意离婚协议',
    ]);
    expect(attr(page, '#certificateNumber', 'value')).toBe('J4403052008');
    expect(page.data.step).toBe('form');

    // A number of the right shape that is not his marriage's: beside the field, when the government says so.
    await fillDivorce(page, 'J440305-2008-000317');
    expect(page.find('#certificateNumber-error')).toBeUndefined();
    expect(page.find('#agreement-error')).toBeUndefined();
    await page.tap('#continue');
    expect(page.textOf('#answer-certificate')).toBe('J440305-2008-000317');
    expect(page.textOf('#answer-agreement')).toBe(AGREEMENT);
    expect(page.textOf('#answer-signed')).toBe('已阅读并同意离婚协议');
    await page.tap('#submit');
    expect(page.data.step).toBe('form');
    expect(page.textOf('#certificateNumber-error')).toBe('婚姻登记记录中没有您的这张结婚证，请核对字号');
    expect(lines(page, '#error-summary >>> .error-summary-line')).toEqual(['婚姻登记记录中没有您的这张结婚证，请核对字号']);
    expect(attr(page, '#certificateNumber', 'value')).toBe('J440305-2008-000317');
    expect(attr(page, '#agreement', 'value')).toBe(AGREEMENT);
    expect((await casesOf(gov, token)).items).toEqual([]);

    // Typed as printed, with spaces and in lower case: sent as the register writes it.
    await page.input('#certificateNumber', 'j440305 2008 000316');
    expect(page.find('#certificateNumber-error')).toBeUndefined();
    await page.tap('#continue');
    expect(page.textOf('#answer-certificate')).toBe(CERTIFICATES.r02r03);
    await page.tap('#submit');
    const to = lastRedirect();
    expect(to?.path).toBe(CASE_PAGE);
    const started = await caseOf(gov, token, to?.query.id ?? '');
    expect(started).toEqual(expect.objectContaining({ kind: 'divorce', status: 'invited', certificateNumber: CERTIFICATES.r02r03, agreement: AGREEMENT }));
    expect(drafts()).toEqual([]);
    expectWithinBudgets(page);
  });

  it.each([
    ['r10', 'marriage', 'TOO_YOUNG', '您还未到法定婚龄', '《民法典》第一千零四十七条规定：男不得早于 22 周岁，女不得早于 20 周岁。您从 2034-06-01 起满 22 周岁，届时可以预约登记（最早可提前 15 天预约）。'],
    ['r02', 'marriage', 'ALREADY_MARRIED', '您登记为已婚', '婚姻登记记录显示您有配偶，不能再办理结婚登记。如果记录有误，请带身份证和离婚证或配偶死亡证明到任一婚姻登记处更正。'],
    ['r06', 'marriage', 'NO_SHOW_BLOCKED', '您暂时不能预约', '30 天内 2 次预约后未到场，2026-12-01 前不能在线预约。如有急事，可以直接到婚姻登记处现场咨询。'],
    ['r12', 'divorce', 'COOLING_OFF', '正在离婚冷静期', '《民法典》第一千零七十七条规定，提交离婚登记申请之日起 30 日内为冷静期，任何一方都可以撤回申请。冷静期届满后，从 2026-12-13 起可以预约领取离婚证。'],
  ])('shows %s starting a %s why not (%s) on its own panel, with no form, and the way to My cases', async (key, kind, code, title, words) => {
    const { page } = await openAs(key, { kind });
    expect(page.data.panels).toHaveLength(1);
    expect(page.textOf(`#panel-${code}`)).toBe(`${title}${words}`);
    expect(page.textOf(`#panel-${code} >>> .message-title`)).toBe(title);
    expect(messageAt(page, `#panel-${code}`)).toEqual({ kind: 'warning', role: 'alert' });
    expect(page.find('#continue')).toBeUndefined();
    expect(page.find('#certificateNumber')).toBeUndefined();
    expect(page.find('#declaration')).toBeUndefined();
    await page.tap('#cases');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: CASES_PAGE });
    await page.tap('#home');
    expect(fake.navigations.pop()).toEqual({ kind: 'switchTab', url: '/pages/home/home' });
    expectWithinBudgets(page);
  });

  it('shows the panel when the government refuses the start for a reason of its own (a case started meanwhile)', async () => {
    const { page, gov, token } = await openAs('r04', { kind: 'marriage' });
    await page.tap('#declaration');
    await page.tap('#continue');
    await startMarriage(gov, token);
    await page.tap('#submit');
    expect(page.textOf('#panel-CASE_OPEN')).toBe('您已有一个进行中的申请同一类申请同时只能有一个。请先在“我的婚姻登记”中完成或撤回进行中的申请。');
    expect(page.find('#submit')).toBeUndefined();
    expect((await casesOf(gov, token)).items).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('keeps the kind, the number and the agreement when the page is closed, but never the box', async () => {
    const { page, gov } = await openAs('r02', { kind: 'divorce' });
    await fillDivorce(page, 'J440305-2008-000316');
    expect(drafts()).toHaveLength(1);
    expect(JSON.stringify(drafts())).not.toContain('true');

    // Opened again without a kind: the draft's.
    const again = await renderPage(ROUTE, { gov });
    expect(again.data.step).toBe('form');
    expect(attr(again, '#certificateNumber', 'value')).toBe('J440305-2008-000316');
    expect(attr(again, '#agreement', 'value')).toBe(AGREEMENT);
    expect(again.textOf('#agreement-count')).toBe(`已输入 ${Array.from(AGREEMENT).length}/2000 个字`);
    expect(isChecked(again, '#agreementAcknowledged')).toBe(false);
    await again.tap('#agreementAcknowledged');
    await again.tap('#continue');
    expect(again.textOf('#answer-certificate')).toBe('J440305-2008-000316');
    expectWithinBudgets(page);
    expectWithinBudgets(again);
  });

  it('starts one case of a double tap on "Start"', async () => {
    const { page, gov, token } = await openAs('r04', { kind: 'marriage' });
    await page.tap('#declaration');
    await page.tap('#continue');
    const log = watch(gov);
    await page.act('double tap start', () => {
      page.find('#submit')?.dispatchEvent('tap');
      page.find('#submit')?.dispatchEvent('tap');
    });
    expect(log.filter((entry) => entry.call === 'POST /civil/cases')).toHaveLength(1);
    expect((await casesOf(gov, token)).items).toHaveLength(1);
    expect(fake.navigations.filter((n) => n.url.startsWith(CASE_PAGE))).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('shows an error with retry when the eligibility cannot be read, then the form', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov, query: { kind: 'marriage' } });
    expect(page.data.status).toBe('error');
    expect(page.textOf('#state')).toContain('网络连接失败，请检查网络后重试');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.data.status).toBe('ready');
    expect(page.find('#declaration')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('keeps the answers through a network failure on "Start", and starts one case when tapped again, even after a lost answer', async () => {
    const { page, gov, token } = await openAs('r02', { kind: 'divorce' });
    await fillDivorce(page, CERTIFICATES.r02r03);
    await page.tap('#continue');
    gov.transport.setFault('offline');
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).toBe('网络连接失败，请检查网络后重试');
    expect(messageAt(page, '#submit-error')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.textOf('#answer-certificate')).toBe(CERTIFICATES.r02r03);
    expect(page.textOf('#submit')).toBe('发起申请并获取邀请码');
    gov.transport.setFault('none');

    // The government starts it but the answer is lost: the next tap carries the same key and gets the same case.
    let lose = true;
    const log = watch(gov, (req) => (lose && req.method === 'POST' && req.path === '/civil/cases' ? 'after' : null));
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).toBe('网络连接失败，请检查网络后重试');
    lose = false;
    await page.tap('#submit');
    const starts = log.filter((entry) => entry.call === 'POST /civil/cases');
    expect(starts).toHaveLength(2);
    expect(starts[1].key).toBe(starts[0].key);
    const { items } = await casesOf(gov, token);
    expect(items).toHaveLength(1);
    // The replayed answer has no code (only its digest is kept): the case page makes a new one.
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `${CASE_PAGE}?id=${items[0].id}` });
    expectWithinBudgets(page);
  });

  it('reads in English, and "change" leads from check your answers back to the field or the kind', async () => {
    const { page } = await openAs('r02', { kind: 'divorce' }, 'en');
    expect(page.textOf('#how')).toContain('The 30 days after the application are a cooling-off period');
    await page.tap('#continue');
    expect(page.textOf('#certificateNumber-error')).toBe('Enter the marriage certificate number');
    expect(page.textOf('#agreement-error')).toBe('Write down what you have agreed');
    await fillDivorce(page, CERTIFICATES.r02r03);
    await page.tap('#continue');
    expect(page.textOf('#answers')).toContain('ApplicationDivorce registration');
    expect(page.textOf('#answer-signed')).toBe('Read and agreed');
    expect(page.textOf('#submit')).toBe('Start and get the invitation code');
    await page.tap('#change-agreement');
    expect(attr(page, '#agreement', 'focus')).toBe(true);
    await page.tap('#continue');
    await page.tap('#change-kind');
    expect(isChecked(page, '#kind-divorce')).toBe(true);
    // He is married: a marriage has its panel instead of the form.
    await page.tap('#kind-marriage');
    expect(page.textOf('#panel-ALREADY_MARRIED >>> .message-title')).toBe('Recorded as married: you');
    expect(page.find('#declaration')).toBeUndefined();
    expect(page.textOf('#cases')).toBe('My marriage registrations');
    expectWithinBudgets(page);
  });
});
