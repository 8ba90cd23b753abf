import { DAY_MS, formatCstDate } from '../../../miniprogram/core/dates';
import { fake } from '../../helpers/fake-wx';
import { TEST_NOW, createTestGovernment, expectNoIdNumbers, verifiedToken, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { shareOf } from '../civil/case-helpers';
import { attr } from '../civil/start-helpers';
import { BABY_NAME, CERTIFICATE, REGISTER_PAGE, REGISTRATION_PAGE, REGISTRATION_ROUTE, registerAs } from './helpers';

const MISSING = '没有找到这份出生登记，它可能不是您的。请在“我的出生登记”中查看。';
const OFFLINE = '网络连接失败，请检查网络后重试';
const spaced = (code: string): string => `${code.slice(0, 4)} ${code.slice(4)}`;
/** Each item: name, status, and its date line. */
const items = (page: RenderedPage): string[] => ['birth-record', 'hukou', 'medical-insurance', 'social-security-card'].map((item) => page.textOf(`#item-${item}`));

/** 周强 has applied as the father; who is on this phone is up to the test. */
async function fatherApplied(gov: TestGovernment) {
  const started = await registerAs(gov, await verifiedToken(gov.government, 'r08'), 'father');
  return { id: started.registration.id, code: started.invitation?.code ?? '', reference: started.registration.reference };
}

describe('registration page: getting there', () => {
  it('sends a person who has not verified to identity, carrying the registration and its code', async () => {
    const page = await renderPage(REGISTRATION_ROUTE, { query: { id: 'nb-1', code: 'ABCD2345' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent(`/${REGISTRATION_ROUTE}?id=nb-1&code=ABCD2345`)}`);
    expectWithinBudgets(page);
  });

  it('says what is missing with an empty query, and leads to my registrations', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r07');
    const page = await renderPage(REGISTRATION_ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe(MISSING);
    expect(page.textOf('#state >>> #forward')).toBe('查看我的出生登记');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: REGISTER_PAGE });
    expectWithinBudgets(page);
  });

  it('answers another person\'s registration like a missing one', async () => {
    const gov = createTestGovernment();
    const theirs = await fatherApplied(gov);
    await signInAs(gov, 'r02');
    const page = await renderPage(REGISTRATION_ROUTE, { gov, query: { id: theirs.id, code: theirs.code } });
    expect(page.textOf('#state >>> .load-message')).toBe(MISSING);
    expect(page.text()).not.toContain(theirs.reference);
    expect(page.text()).not.toContain(theirs.code);
    expectWithinBudgets(page);
  });

  it('shows the error with a retry when offline, then the registration', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r07');
    const { registration } = await registerAs(gov, token, 'mother');
    gov.transport.setFault('offline');
    const page = await renderPage(REGISTRATION_ROUTE, { gov, query: { id: registration.id } });
    expect(page.textOf('#state >>> .load-message')).toBe(OFFLINE);
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.textOf('#status')).toBe('办理中');
    expectWithinBudgets(page);
  });
});

describe('registration page: the mother registered', () => {
  it('shows the registration masked, the four items with their dates, and moves them as the working days pass', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r07');
    const { registration } = await registerAs(gov, token, 'mother');
    const open = () => renderPage(REGISTRATION_ROUTE, { gov, query: { id: registration.id } });
    const page = await open();
    expect(page.textOf('#reference')).toBe(registration.reference);
    expect(page.textOf('#status')).toBe('办理中');
    expect(page.textOf('#next')).toBe('各项登记正在办理，每项办结后这里会更新，无需再跑腿。');
    expect([page.textOf('#baby'), page.textOf('#sex'), page.textOf('#birth-month'), page.textOf('#certificate')]).toEqual(['**雨', '女', '2026-11', 'R44*****456']);
    expect([page.textOf('#mother'), page.textOf('#mother-id'), page.textOf('#father'), page.textOf('#father-id')]).toEqual(['孙丽（您）', '4403**********0049', '周强', '4406**********0054']);
    expect([page.textOf('#hukou'), page.textOf('#hukou-area')]).toEqual(['随母亲', '广东省深圳市****']);
    expect(page.find('#late')).toBeUndefined();
    expect(page.find('#invite')).toBeUndefined();
    expect(page.find('#confirm')).toBeUndefined();
    expect(page.find('#withdraw')).toBeUndefined();
    expect(items(page)).toEqual([
      '出生信息登记办理中预计 2026-11-23 前办结', '户口登记办理中预计 2026-11-25 前办结', '城乡居民医保参保办理中预计 2026-11-26 前办结', '社会保障卡申领办理中预计 2026-11-27 前办结',
    ]);
    const text = page.text();
    expect(text).not.toContain(BABY_NAME);
    expect(text).not.toContain(CERTIFICATE);
    expectNoIdNumbers(text);
    expectWithinBudgets(page);

    gov.clock.set(Date.parse('2026-11-25T18:00:00+08:00'));
    const later = await open();
    expect(items(later)).toEqual([
      '出生信息登记已办结已于 2026-11-23 办结', '户口登记已办结已于 2026-11-25 办结', '城乡居民医保参保办理中预计 2026-11-26 前办结', '社会保障卡申领办理中预计 2026-11-27 前办结',
    ]);
    expectWithinBudgets(later);

    gov.clock.set(Date.parse('2026-11-27T17:00:00+08:00'));
    const done = await open();
    expect(done.textOf('#status')).toBe('已全部办结');
    expect(done.findAll('.item .tag-ok')).toHaveLength(4);
    // The timeline: her application (she confirms as she applies: no second line), then each item done at 17:00.
    expect(done.findAll('#timeline .item')).toHaveLength(5);
    expect(done.textOf('#event-submitted')).toMatch(/^您提交了申请2026-11-22 \d{2}:\d{2}$/);
    expect(done.find('#event-confirmed')).toBeUndefined();
    expect(done.textOf('#event-done-hukou')).toBe('户口登记已办结2026-11-25 17:00');
    expect(done.textOf('#event-done-social-security-card')).toBe('社会保障卡申领已办结2026-11-27 17:00');
    expectWithinBudgets(done);
  });

  it('explains a registration more than a month after the birth, still accepted, with the due date', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r07');
    const { registration } = await registerAs(gov, token, 'mother', { birthDate: formatCstDate(TEST_NOW - 40 * DAY_MS) });
    const page = await renderPage(REGISTRATION_ROUTE, { gov, query: { id: registration.id } });
    expect(messageAt(page, '#late').kind).toBe('info');
    expect(page.textOf('#late')).toBe('超过一个月登记宝宝的户口应在出生后一个月内（2026-11-13 前）申报登记。超过期限仍然受理，照常办理；户籍部门可能会向您了解晚登记的原因。');
    expect(page.textOf('#status')).toBe('办理中');
    expectWithinBudgets(page);
  });
});

describe('registration page: the father applied', () => {
  it('shows the father his code to read out and share, then withdraws after a confirm', async () => {
    const gov = createTestGovernment();
    const { id, code } = await fatherApplied(gov);
    await signInAs(gov, 'r08');
    const page = await renderPage(REGISTRATION_ROUTE, { gov, query: { id, code } });
    expect(page.textOf('#status')).toBe('等待母亲确认');
    expect(page.textOf('#next')).toBe('请把验证码发给孩子的母亲。她确认后，各项登记才开始办理。');
    expect(page.textOf('#code')).toBe(spaced(code));
    expect(attr(page, '#code', 'ariaLabel')).toBe(code.split('').join(' '));
    expect(attr(page, '#share', 'openType')).toBe('share');
    expect(await shareOf(page)).toEqual({ title: '请确认宝宝的出生登记', path: `${REGISTRATION_PAGE}?id=${id}&code=${code}` });
    expect(page.textOf('#father')).toBe('周强（您）');
    expect(page.textOf('#item-hukou')).toBe('户口登记未开始孩子的母亲确认后开始办理');
    expect(page.textOf('#hukou-area')).toBe('广东省佛山市****');

    fake.modalAnswer = false;
    await page.tap('#withdraw');
    expect(fake.modals.pop()).toEqual({ title: '撤回这份申请？', content: '撤回后验证码失效，各项登记不会办理。需要时可以重新提交。' });
    expect(page.textOf('#status')).toBe('等待母亲确认');
    fake.modalAnswer = true;
    await page.tap('#withdraw');
    expect(page.textOf('#status')).toBe('已撤回');
    expect(page.textOf('#notice')).toBe('已撤回这份申请。');
    expect(page.textOf('#event-withdrawn')).toMatch(/^申请已撤回/);
    expect(page.find('#code')).toBeUndefined();
    expect(await shareOf(page)).toEqual({ title: '新生儿出生登记', path: REGISTER_PAGE });
    expectWithinBudgets(page);
  });

  it('gives the father a new code when his is gone (it is shown once): the earlier one stops working', async () => {
    const gov = createTestGovernment();
    const { id, code } = await fatherApplied(gov);
    await signInAs(gov, 'r08');
    // Opened from his list: no code in the link.
    const page = await renderPage(REGISTRATION_ROUTE, { gov, query: { id } });
    expect(page.find('#code')).toBeUndefined();
    expect(page.textOf('#code-gone')).toBe('为了安全，验证码只显示一次。如果孩子的母亲没有收到，请获取新的验证码，之前的验证码随即失效。');
    await page.tap('#new-code');
    const fresh = page.textOf('#code').replace(' ', '');
    expect(fresh).toMatch(/^[0-9A-Z]{8}$/);
    expect(fresh).not.toBe(code);
    expect(page.textOf('#notice')).toBe('已生成新的验证码，之前的验证码已失效。');
    expect(await shareOf(page)).toEqual({ title: '请确认宝宝的出生登记', path: `${REGISTRATION_PAGE}?id=${id}&code=${fresh}` });
    // The mother: the old code is refused, the new one confirms.
    const mother = await verifiedToken(gov.government, 'r07');
    const call = (c: string) => gov.government.handle({ method: 'POST', path: `/civil/newborn/${id}/confirm`, headers: { authorization: `Bearer ${mother}` }, body: { code: c } });
    expect((await call(code)).body).toMatchObject({ error: { code: 'INVITATION_REVOKED' } });
    expect((await call(fresh)).status).toBe(200);
    expectWithinBudgets(page);
  });

  it('lets the mother open the shared link and confirm: the items start', async () => {
    const gov = createTestGovernment();
    const { id, code } = await fatherApplied(gov);
    await signInAs(gov, 'r07');
    const page = await renderPage(REGISTRATION_ROUTE, { gov, query: { id, code } });
    expect(page.textOf('#next')).toBe('孩子的父亲提交了出生登记。请核对下面的信息，再用他发给您的验证码确认。');
    expect(page.find('#code')).toBeUndefined();
    expect(page.find('#withdraw')).toBeUndefined();
    expect(page.find('#code-input')).toBeUndefined();
    expect(page.textOf('#mother')).toBe('孙丽（您）');
    await page.tap('#confirm');
    expect(page.textOf('#status')).toBe('办理中');
    expect(page.textOf('#notice')).toBe('已确认，各项登记开始办理。');
    expect(messageAt(page, '#notice').kind).toBe('success');
    expect(page.textOf('#item-birth-record')).toBe('出生信息登记办理中预计 2026-11-23 前办结');
    expect(page.find('#confirm')).toBeUndefined();
    expect(page.textOf('#event-submitted')).toMatch(/^孩子的父亲提交了申请/);
    expect(page.textOf('#event-confirmed')).toMatch(/^孩子的母亲确认了申请，开始办理/);
    expectWithinBudgets(page);
  });

  it('lets the mother type the code when the link has none, a wrong one said beside it', async () => {
    const gov = createTestGovernment();
    const { id, code } = await fatherApplied(gov);
    await signInAs(gov, 'r07');
    const page = await renderPage(REGISTRATION_ROUTE, { gov, query: { id } });
    await page.tap('#confirm');
    expect(page.textOf('#code-error')).toBe('请输入验证码');
    await page.input('#code-input', 'ABC');
    await page.tap('#confirm');
    expect(page.textOf('#code-error')).toBe('验证码是 8 位，您输入了 3 位');
    await page.input('#code-input', 'ZZZZ 2222');
    await page.tap('#confirm');
    expect(page.textOf('#code-error')).toBe('没有找到这个验证码，请核对后重新输入（8 位字母和数字）。');
    expect(attr(page, '#code-input', 'value')).toBe('ZZZZ 2222');
    expect(page.textOf('#status')).toBe('等待母亲确认');
    await page.input('#code-input', spaced(code.toLowerCase()));
    await page.tap('#confirm');
    expect(page.textOf('#status')).toBe('办理中');
    expectWithinBudgets(page);
  });

  it('keeps the mother\'s tap when offline, and the same tap confirms', async () => {
    const gov = createTestGovernment();
    const { id, code } = await fatherApplied(gov);
    await signInAs(gov, 'r07');
    const page = await renderPage(REGISTRATION_ROUTE, { gov, query: { id, code } });
    gov.transport.setFault('offline');
    await page.tap('#confirm');
    expect(page.textOf('#notice')).toBe(OFFLINE);
    expect(messageAt(page, '#notice').kind).toBe('error');
    gov.transport.setFault('none');
    await page.tap('#confirm');
    expect(page.textOf('#status')).toBe('办理中');
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const gov = createTestGovernment();
    const { id, code } = await fatherApplied(gov);
    await signInAs(gov, 'r08');
    const page = await renderPage(REGISTRATION_ROUTE, { gov, query: { id, code }, language: 'en' });
    expect(page.textOf('#status')).toBe('Waiting for the mother');
    expect(page.textOf('#share')).toBe('Share with the child\'s mother');
    expect(page.textOf('#item-hukou')).toBe('Hukou registrationNot startedStarts once the child\'s mother confirms');
    expectWithinBudgets(page);
  });
});
