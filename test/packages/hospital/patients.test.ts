import { fake } from '../../helpers/fake-wx';
import { TEST_NOW, createTestGovernment, expectNoIdNumbers, resident, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { DAY_MS } from '../../../miniprogram/core/dates';
import { idCheckChar } from '../../../miniprogram/core/validation';
import type { PatientsResponse } from '../../../miniprogram/contracts/health';
import { addFamily, bookAs, call } from './helpers';

const ROUTE = 'packages/hospital/pages/patients/patients';
const BOOK_ROUTE = 'packages/hospital/pages/book/book';

/** A valid resident ID from its first 17 digits, and the same with a wrong check character. */
const validId = (first17: string): string => `${first17}${idCheckChar(first17)}`;
const wrongCheck = (first17: string): string => `${first17}${idCheckChar(first17) === '1' ? '2' : '1'}`;
/** A woman born 1985-06-15; a child born 2020-01-01. */
const ADULT = '11010519850615002';
const CHILD = '44030520200101001';

const familyOf = async (gov: TestGovernment, token: string): Promise<string[]> =>
  (await call<PatientsResponse>(gov, token, 'GET', '/health/patients')).items.filter((p) => p.id !== 'self').map((p) => p.name);

const drafts = (): [string, unknown][] => [...fake.storage.entries()].filter(([key]) => key.startsWith('draft.'));

async function fill(page: RenderedPage, name: string, id: string, relationship?: string): Promise<void> {
  await page.input('#name', name);
  await page.input('#idNumber', id);
  if (relationship) await page.tap(`#relationship-${relationship}`);
}

describe('patients page', () => {
  it('sends a person who has not verified to identity first, keeping pick mode', async () => {
    const page = await renderPage(ROUTE, { query: { pick: '1' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}?pick=1`)}` }]);
    expectWithinBudgets(page);
  });

  it('lists the person and the seeded family with masked IDs only (empty query)', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov });
    expect(page.findAll('.person')).toHaveLength(3);
    expect(page.textOf('#person-self')).toContain('李明');
    expect(page.textOf('#person-self')).toContain('本人');
    expect(page.textOf('#person-self')).toContain('身份证 3405**********001X');
    expect(page.textOf('#person-self')).toContain('已实名认证');
    expect(page.textOf('#person-fm-r02-son')).toContain('李小龙');
    expect(page.textOf('#person-fm-r02-son')).toContain('14 岁');
    expect(page.textOf('#person-fm-r02-daughter')).toContain('李小雨');
    expect(page.textOf('#person-fm-r02-daughter')).toContain('子女');
    expect(page.textOf('#person-fm-r02-daughter')).toContain('未实名认证：就诊时姓名和身份证号须与证件一致');
    expect(page.find('#person-self .remove')).toBeUndefined();
    expect(page.findAll('.remove')).toHaveLength(2);
    // Not in pick mode: a person is not a button.
    expect(page.find('.pickable')).toBeUndefined();
    expectNoIdNumbers(page.text(), [validId('44030520190308002')]);
    expectNoIdNumbers(JSON.stringify(page.data));
    expect(page.textOf('#intro')).toBe('可以为本人和最多 5 位家庭成员预约挂号。');
    expect(page.find('#add')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('checks the ID as typed and when left, keeps what was typed, shows the birth date, and adds the member', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r01');
    const page = await renderPage(ROUTE, { gov });
    await fill(page, '张秀英', wrongCheck(ADULT));
    expect(page.find('#idNumber-error')).toBeUndefined();
    await page.fire('#idNumber', 'blur', { value: wrongCheck(ADULT) });
    expect(page.textOf('#idNumber-error')).toBe('身份证号码校验位不符，请逐位核对（最后一位可能是 X）');
    expect(page.data.form).toMatchObject({ idNumber: wrongCheck(ADULT), name: '张秀英' });
    expect(page.find('#birth')).toBeUndefined();

    // Typing updates the error already shown; the right number clears it and says the birth date.
    await page.input('#idNumber', validId(ADULT));
    expect(page.find('#idNumber-error')).toBeUndefined();
    expect(page.textOf('#birth')).toMatch(/^出生日期 1985-06-15（\d+ 岁）$/);
    expect(page.find('#consent-box')).toBeUndefined();

    // No relationship chosen: beside the field and in the summary, nothing sent.
    await page.tap('#submit');
    expect(page.textOf('#relationship-error')).toBe('请选择这位家庭成员与您的关系');
    expect(page.textOf('#error-summary')).toContain('请选择这位家庭成员与您的关系');
    expect(await familyOf(gov, token)).toEqual([]);

    await page.tap('#relationship-parent');
    expect(page.find('#relationship-error')).toBeUndefined();
    await page.tap('#submit');
    expect(await familyOf(gov, token)).toEqual(['张秀英']);
    expect(fake.toasts).toContain('已添加 张秀英');
    expect(page.findAll('.person')).toHaveLength(2);
    expect(page.text()).toContain('1101**********');
    expectNoIdNumbers(page.text(), [validId(ADULT)]);
    expect(page.data.form).toEqual({ name: '', idNumber: '', relationship: '', consent: false });
    expect(page.find('#error-summary >>> .error-summary-line')).toBeUndefined();
    expect(drafts()).toEqual([]);
    expectWithinBudgets(page);
  });

  it('asks for the guardian\'s separate consent for a child under 14, and adds the child once given', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r01');
    const page = await renderPage(ROUTE, { gov });
    await fill(page, '王小花', validId(CHILD), 'child');
    expect(page.textOf('#consent-box')).toContain('儿童个人信息：请您作为监护人单独同意');
    expect(page.textOf('#consent-box')).toContain('只保存预约所需的姓名');
    await page.tap('#submit');
    expect(page.textOf('#consent-error')).toBe('添加 14 岁以下的儿童，需要您作为监护人单独同意。');
    expect(await familyOf(gov, token)).toEqual([]);
    await page.fire('#consent', 'change', { value: ['consent'] });
    expect(page.find('#consent-error')).toBeUndefined();
    await page.tap('#submit');
    expect(await familyOf(gov, token)).toEqual(['王小花']);
    expectWithinBudgets(page);
  });

  it('shows the consent box when the government says the person is a child though the device did not', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r01');
    // Born 2012-03-01: 14 by the device's clock, 13 by the government's (moved back to January 2026).
    const born = '44030520120301003';
    gov.clock.set(TEST_NOW - 300 * DAY_MS);
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    await fill(page, 'Wang Lei', validId(born), 'child');
    expect(page.find('#consent-box')).toBeUndefined();
    await page.tap('#submit');
    expect(page.textOf('#consent-error')).toBe('To add a child under 14, you must consent separately as their guardian.');
    expect(page.textOf('#error-summary')).toContain('consent separately');
    expect(page.data.form).toMatchObject({ name: 'Wang Lei', idNumber: validId(born) });
    await page.fire('#consent', 'change', { value: ['consent'] });
    await page.tap('#submit');
    expect(await familyOf(gov, token)).toEqual(['Wang Lei']);
    expectWithinBudgets(page);
  });

  it('says beside the ID when the person is already on the list, or is oneself', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    await fill(page, '李小龙', resident('r10').idNumber, 'child');
    await page.tap('#submit');
    expect(page.textOf('#idNumber-error')).toBe('This family member is already on your list.');
    await fill(page, '李明', resident('r02').idNumber, 'other');
    await page.tap('#submit');
    expect(page.textOf('#idNumber-error')).toBe('This is your own resident ID; you are already on the list.');
    expect(page.textOf('#error-summary')).toContain('your own resident ID');
    expect(page.data.form).toMatchObject({ name: '李明', idNumber: resident('r02').idNumber });
    expect(page.findAll('.person')).toHaveLength(3);
    expectWithinBudgets(page);
  });

  it('says when 5 family members are on the list and offers no form; a limit reached meanwhile is said in the summary', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    await addFamily(gov, token, { name: '陈静', idNumber: resident('r03').idNumber, relationship: 'spouse' });
    await addFamily(gov, token, { name: '张秀英', idNumber: validId(ADULT), relationship: 'parent' });
    const page = await renderPage(ROUTE, { gov });
    await fill(page, '李强', validId('44030519550101003'), 'parent');
    await addFamily(gov, token, { name: '李华', idNumber: validId('44030519560202004'), relationship: 'other' });
    await page.tap('#submit');
    expect(page.textOf('#error-summary')).toContain('最多添加 5 位家庭成员。请先删除一位。');
    expect(page.data.form).toMatchObject({ name: '李强' });

    const full = await renderPage(ROUTE, { gov });
    expect(full.findAll('.person')).toHaveLength(6);
    expect(full.find('#add')).toBeUndefined();
    expect(full.textOf('#limit')).toBe('已添加 5 位家庭成员，这是最多可添加的人数。要添加其他人，请先删除一位。');
    expect(messageAt(full, '#limit')).toEqual({ kind: 'info', role: 'status' });
    expectWithinBudgets(page);
    expectWithinBudgets(full);
  });

  it('removes a family member after confirming, and says why not while they have an upcoming booking', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    await bookAs(gov, token, { patientId: 'fm-r02-daughter' });
    const page = await renderPage(ROUTE, { gov });
    fake.modalAnswer = false;
    await page.tap('#person-fm-r02-son .remove');
    expect(page.findAll('.person')).toHaveLength(3);
    fake.modalAnswer = true;
    await page.tap('#person-fm-r02-son .remove');
    expect(fake.modals.map((m) => m.title)).toEqual(['删除 李小龙？', '删除 李小龙？']);
    expect(page.find('#person-fm-r02-son')).toBeUndefined();
    expect(fake.toasts).toContain('已删除 李小龙');
    expect(await familyOf(gov, token)).toEqual(['李小雨']);

    await page.tap('#person-fm-r02-daughter .remove');
    expect(page.textOf('#remove-error')).toBe('这位家庭成员还有待就诊的预约，请先取消预约再删除。');
    expect(messageAt(page, '#remove-error')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.find('#person-fm-r02-daughter')).toBeDefined();
    expect(await familyOf(gov, token)).toEqual(['李小雨']);
    expectWithinBudgets(page);
  });

  it('in pick mode goes back to booking on a tap on a person, and after adding one', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    // Opened from the book page: that page is below this one.
    const book = { route: BOOK_ROUTE, query: {}, url: `/${BOOK_ROUTE}` };
    fake.stack = [book, book];
    const page = await renderPage(ROUTE, { gov, query: { pick: '1' } });
    expect(page.textOf('#intro')).toBe('请选择这次就诊的人，或先添加一位家庭成员。');
    await page.tap('#person-fm-r02-daughter .pickable');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateBack', url: '1' });

    fake.stack = [book, { route: ROUTE, query: { pick: '1' }, url: `/${ROUTE}?pick=1` }];
    await fill(page, '陈静', resident('r03').idNumber, 'spouse');
    await page.tap('#submit');
    expect(await familyOf(gov, token)).toEqual(['李小龙', '李小雨', '陈静']);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateBack', url: '1' });
    expectWithinBudgets(page);
  });

  it('in pick mode opened on its own, a tap leads to the hospitals instead of nowhere', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, query: { pick: '1' } });
    await page.tap('#person-self .pickable');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/hospital/pages/hospitals/hospitals' });
    expectWithinBudgets(page);
  });

  it('keeps the name and relationship as a draft across a reopen, never the ID', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r01');
    const first = await renderPage(ROUTE, { gov });
    await fill(first, '张秀英', validId(ADULT), 'parent');
    expect(JSON.stringify(drafts())).not.toContain(ADULT);
    const again = await renderPage(ROUTE, { gov });
    expect(again.data.form).toEqual({ name: '张秀英', idNumber: '', relationship: 'parent', consent: false });
    expect((again.find('#relationship-parent')?.dom as Element | undefined)?.className).toContain('choice-on');
    expectWithinBudgets(first);
    expectWithinBudgets(again);
  });

  it('shows an error with a retry when the list cannot load, then recovers', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov });
    expect(page.text()).toContain('网络连接失败，请检查网络后重试');
    expect(page.find('#add')).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.findAll('.person')).toHaveLength(3);
    expectWithinBudgets(page);
  });

  it('keeps the form when adding fails, and adds once when sent again after a lost answer', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r01');
    const page = await renderPage(ROUTE, { gov });
    await fill(page, '张秀英', validId(ADULT), 'parent');
    gov.transport.setFault('offline');
    await page.tap('#submit');
    expect(page.textOf('#error-summary')).toContain('网络连接失败，请检查网络后重试');
    expect(page.data.form).toMatchObject({ name: '张秀英', idNumber: validId(ADULT), relationship: 'parent' });
    gov.transport.setFault('none');

    // The government adds the member but the answer is lost; the retry carries the same key.
    const handle = gov.government.handle.bind(gov.government);
    let lost = false;
    jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => {
      const res = await handle(req);
      if (!lost && req.method === 'POST' && req.path === '/health/patients') {
        lost = true;
        return { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'lost' } } };
      }
      return res;
    });
    await page.tap('#submit');
    expect(page.textOf('#error-summary')).toContain('服务暂时不可用');
    await page.tap('#submit');
    expect(await familyOf(gov, token)).toEqual(['张秀英']);
    expect(page.findAll('.person')).toHaveLength(2);
    expectWithinBudgets(page);
  });
});
