import { fake } from '../../helpers/fake-wx';
import { DAY_MS, formatCstDate } from '../../../miniprogram/core/dates';
import { TEST_NOW, createTestGovernment, verifiedToken } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { shareOf } from '../civil/case-helpers';
import { attr, drafts, isChecked, lastRedirect, watch } from '../civil/start-helpers';
import { BABY_NAME, BORN, CERTIFICATE, FATHER, REGISTER_ROUTE, REGISTRATION_PAGE, REGISTRATION_ROUTE, fill, registerAs, registrationsOf, texts } from './helpers';

const OFFLINE = '网络连接失败，请检查网络后重试';

async function openAs(key: string, language?: string) {
  const gov = createTestGovernment();
  const token = await signInAs(gov, key);
  const page = await renderPage(REGISTER_ROUTE, { gov, language });
  return { gov, token, page };
}

const summary = (page: RenderedPage): string[] => texts(page, '#error-summary >>> .error-summary-line');

describe('register page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(REGISTER_ROUTE);
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${REGISTER_ROUTE}`)}` }]);
    expectWithinBudgets(page);
  });

  it('lets 孙丽 register as the mother: the form, check your answers, then the registration page; the government has it', async () => {
    const { page, gov, token } = await openAs('r07');
    // No registrations yet: just the form.
    expect(page.find('#mine')).toBeUndefined();
    expect(page.textOf('#father-note')).toBe('由父亲申请时，提交后会得到一个验证码（72 小时内有效）。孩子的母亲用这个验证码确认后，各项登记才开始办理。');
    // No father named yet: the household can only be the mother's.
    await page.tap('#applicant-mother');
    expect(page.find('#hukou-father')).toBeUndefined();
    expect(page.textOf('#hukou-hint')).toBe('登记了父亲时，才可以随父亲落户。');
    await fill(page);
    expect(attr(page, '#applicant-mother', 'ariaChecked')).toBe(true);
    expect(isChecked(page, '#fatherNamed')).toBe(true);
    expect(page.textOf('#birthDate-value')).toBe(BORN);
    expect(attr(page, '#birthDate', 'end')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const log = watch(gov);
    await page.tap('#continue');
    expect(texts(page, '#answers .nb-key')).toEqual(['申请人', '出生医学证明编号', '宝宝的姓名', '性别', '出生日期', '父亲', '宝宝的户口', '宝宝的个人信息']);
    expect(texts(page, '#answers .answer-value')).toEqual(['母亲（本人）', CERTIFICATE, BABY_NAME, '女', BORN, '登记您的丈夫', '随母亲', '已单独同意']);
    expect(attr(page, '#change-babyName', 'ariaLabel')).toBe('修改宝宝的姓名');
    // Change goes back to the field, the answers kept.
    await page.tap('#change-babyName');
    expect(page.data.focused).toBe('babyName');
    expect(attr(page, '#babyName', 'value')).toBe(BABY_NAME);
    await page.tap('#continue');
    expect(page.textOf('#submit')).toBe('提交登记');
    await page.tap('#submit');
    expect(log.map((l) => l.call)).toEqual(['POST /civil/newborn']);
    expect(JSON.parse(log[0].body)).toEqual({
      birthCertificateNumber: CERTIFICATE, babyName: BABY_NAME, babySex: 'female', birthDate: BORN, applicant: 'mother', fatherNamed: true, hukouWith: 'mother', consent: true,
    });
    const to = lastRedirect();
    expect(to?.path).toBe(REGISTRATION_PAGE);
    expect(to?.query.code).toBeUndefined();
    const mine = await registrationsOf(gov, token);
    expect(mine.map((r) => [r.id, r.status, r.father?.name])).toEqual([[to?.query.id, 'processing', '周强']]);
    expect(drafts()).toEqual([]);
    expectWithinBudgets(page);
  });

  it('lists my registrations at the top; a row opens its page', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r07');
    const { registration } = await registerAs(gov, token, 'mother');
    const page = await renderPage(REGISTER_ROUTE, { gov });
    expect(page.textOf('#mine-heading')).toBe('我的出生登记');
    expect(page.textOf('#mine-0')).toBe(`**雨受理编号 ${registration.reference}办理中`);
    expect(page.text()).not.toContain(BABY_NAME);
    await page.tap('#mine-0');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `${REGISTRATION_PAGE}?id=${registration.id}` });
    expectWithinBudgets(page);
  });

  it('says a certificate number of the wrong shape beside the field, keeping what was typed, and every missing answer', async () => {
    const { page, gov } = await openAs('r07');
    const log = watch(gov);
    await page.input('#birthCertificateNumber', '440123456');
    await page.fire('#birthCertificateNumber', 'blur', { value: '440123456' });
    expect(page.textOf('#birthCertificateNumber-error')).toBe('出生医学证明编号是 1 个字母加 9 位数字，如 R440123456');
    await page.tap('#continue');
    expect(summary(page)).toEqual([
      '请选择谁来申请', '出生医学证明编号是 1 个字母加 9 位数字，如 R440123456', '请填写宝宝的姓名', '请选择宝宝的性别', '请选择出生日期', '请选择宝宝的户口随谁',
      '请勾选同意处理宝宝的个人信息，否则无法办理',
    ]);
    expect(attr(page, '#birthCertificateNumber', 'value')).toBe('440123456');
    // Fixed as typed (lower case, a space): accepted, and sent as the certificate prints it.
    await page.input('#birthCertificateNumber', 'r440 123456');
    expect(page.find('#birthCertificateNumber-error')).toBeUndefined();
    expect(log).toEqual([]);
    expectWithinBudgets(page);
  });

  it('will not go on without the separate consent for the child\'s data, and never keeps the box ticked in the draft', async () => {
    const { page } = await openAs('r07');
    await fill(page, { consent: false });
    await page.tap('#continue');
    expect(page.data.step).toBe('form');
    expect(page.textOf('#consent-error')).toBe('请勾选同意处理宝宝的个人信息，否则无法办理');
    expect(summary(page)).toEqual(['请勾选同意处理宝宝的个人信息，否则无法办理']);
    expect(page.textOf('#consent-text')).toBe('宝宝未满 14 周岁，其个人信息属于敏感个人信息。这里只收集办理以上几项登记所需的信息，只用于这几项登记，依照《个人信息保护法》处理和保护。');
    await page.tap('#consent');
    expect(page.find('#consent-error')).toBeUndefined();
    expect(JSON.stringify(drafts())).not.toContain('consent');
    expectWithinBudgets(page);
  });

  it('keeps the draft through closing the page, the consent box unticked', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r07');
    const first = await renderPage(REGISTER_ROUTE, { gov });
    await fill(first);
    expectWithinBudgets(first);
    const page = await renderPage(REGISTER_ROUTE, { gov });
    expect(attr(page, '#birthCertificateNumber', 'value')).toBe(CERTIFICATE);
    expect(attr(page, '#babyName', 'value')).toBe(BABY_NAME);
    expect(attr(page, '#sex-female', 'ariaChecked')).toBe(true);
    expect(page.textOf('#birthDate-value')).toBe(BORN);
    expect(isChecked(page, '#fatherNamed')).toBe(true);
    expect(attr(page, '#hukou-mother', 'ariaChecked')).toBe(true);
    expect(isChecked(page, '#consent')).toBe(false);
    expectWithinBudgets(page);
  });

  it('registers once on a double tap of Submit', async () => {
    const { page, gov, token } = await openAs('r07');
    await fill(page);
    await page.tap('#continue');
    const log = watch(gov);
    await page.act('double tap', () => {
      page.find('#submit')?.dispatchEvent('tap');
      page.find('#submit')?.dispatchEvent('tap');
    });
    expect(log.map((l) => l.call)).toEqual(['POST /civil/newborn']);
    expect(await registrationsOf(gov, token)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('says so when offline, keeps everything, and the same tap registers once with the same key', async () => {
    const { page, gov, token } = await openAs('r07');
    await fill(page);
    await page.tap('#continue');
    const log = watch(gov);
    gov.transport.setFault('offline');
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).toBe(OFFLINE);
    expect(messageAt(page, '#submit-error').kind).toBe('error');
    expect(page.textOf('#value-babyName')).toBe(BABY_NAME);
    expect(lastRedirect()).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#submit');
    expect(lastRedirect()?.path).toBe(REGISTRATION_PAGE);
    expect(new Set(log.map((l) => l.key)).size).toBe(1);
    expect(await registrationsOf(gov, token)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('lets 周强 apply as the father: the registration page with his code for the mother', async () => {
    const { page, gov } = await openAs('r08');
    await fill(page, FATHER);
    expect(page.find('#fatherNamed')).toBeUndefined();
    await page.tap('#continue');
    expect(texts(page, '#answers .answer-value')).toEqual(['父亲（本人）', CERTIFICATE, BABY_NAME, '女', BORN, '随父亲', '已单独同意']);
    await page.tap('#submit');
    const to = lastRedirect();
    expect(to?.path).toBe(REGISTRATION_PAGE);
    expect(to?.query.code).toMatch(/^[0-9A-Z]{8}$/);
    const mother = await registrationsOf(gov, await verifiedToken(gov.government, 'r07'));
    // On the mother's list at once, waiting for her to confirm with his code.
    expect(mother.map((r) => [r.id, r.status, r.applicant])).toEqual([[to?.query.id, 'awaiting-mother', 'other']]);
    expectWithinBudgets(page);
    // Where the redirect goes: his code, spaced for reading out, and the link to share with it.
    const code = to?.query.code ?? '';
    const shown = await renderPage(REGISTRATION_ROUTE, { gov, query: to?.query ?? {} });
    expect(shown.textOf('#code')).toBe(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(await shareOf(shown)).toEqual({ title: '请确认宝宝的出生登记', path: `${REGISTRATION_PAGE}?id=${to?.query.id ?? ''}&code=${code}` });
    expectWithinBudgets(shown);
  });

  it('explains on a panel when there is no spouse to name as the father, the answers kept', async () => {
    const { page, gov, token } = await openAs('r05');
    await fill(page);
    await page.tap('#continue');
    await page.tap('#submit');
    expect(page.data.step).toBe('form');
    expect(messageAt(page, '#panel-NO_SPOUSE').kind).toBe('warning');
    expect(page.textOf('#panel-NO_SPOUSE')).toBe(
      '婚姻登记记录中没有您的配偶要登记孩子的父亲或由父亲申请，父母须在婚姻登记记录中是夫妻。您可以取消勾选“登记我的丈夫为孩子的父亲”，由母亲单独办理；其他情况请带出生医学证明和父母双方的身份证到户籍派出所办理。',
    );
    expect(page.find('#birthCertificateNumber-error')).toBeUndefined();
    expect(attr(page, '#babyName', 'value')).toBe(BABY_NAME);
    // Registering as the mother alone goes through.
    await page.tap('#fatherNamed');
    await page.tap('#continue');
    expect(page.find('#panel-NO_SPOUSE')).toBeUndefined();
    await page.tap('#submit');
    expect(lastRedirect()?.path).toBe(REGISTRATION_PAGE);
    expect((await registrationsOf(gov, token)).map((r) => r.father)).toEqual([null]);
    expectWithinBudgets(page);
  });

  it('explains on a panel when the applicant chosen is not the person, and says refusals about a field beside it', async () => {
    const { page } = await openAs('r08');
    await fill(page);
    await page.tap('#continue');
    await page.tap('#submit');
    expect(page.textOf('#panel-APPLICANT_MISMATCH')).toBe(
      '申请人与您的实名信息不符根据您的实名信息，您不是所选的这位家长。请在“谁来申请”中选择与您本人相符的一项，或请孩子的另一位家长用自己的微信办理。',
    );
    expect(page.find('#applicant-error')).toBeUndefined();
    // A birth date before the mother's own: the government's words beside the date.
    await fill(page, { ...FATHER, born: '1990-01-01' });
    await page.tap('#continue');
    await page.tap('#submit');
    expect(page.textOf('#birthDate-error')).toBe('出生日期早于母亲本人的出生日期，请核对');
    expect(summary(page)).toEqual(['出生日期早于母亲本人的出生日期，请核对']);
    expectWithinBudgets(page);
  });

  it('says a certificate already registered beside the number', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r07');
    await registerAs(gov, token, 'mother', { birthDate: formatCstDate(TEST_NOW - 3 * DAY_MS) });
    const page = await renderPage(REGISTER_ROUTE, { gov });
    await fill(page);
    await page.tap('#continue');
    await page.tap('#submit');
    expect(page.textOf('#birthCertificateNumber-error')).toBe('这张出生医学证明已经登记过了。如果是您登记的，请在“我的出生登记”中查看。');
    expectWithinBudgets(page);
  });

  it('shows the error with a retry when the list cannot load, then the form', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r07');
    gov.transport.setFault('offline');
    const page = await renderPage(REGISTER_ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe(OFFLINE);
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.find('#continue')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const { page } = await openAs('r07', 'en');
    expect(page.textOf('#applicant-heading')).toBe('Who is applying');
    await page.tap('#continue');
    expect(page.textOf('#birthCertificateNumber-error')).toBe('Enter the birth medical certificate number');
    expect(page.textOf('#consent-error')).toBe('Tick the box to consent to the baby\'s information being processed; without it nothing can be registered');
    expectWithinBudgets(page);
  });
});
