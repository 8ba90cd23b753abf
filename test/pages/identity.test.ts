import { fake } from '../helpers/fake-wx';
import { createTestGovernment, expectNoIdNumbers, resident } from '../helpers/government';
import { setLargeText } from '../../miniprogram/core/display';
import { expectWithinBudgets, renderPage, type RenderedPage } from '../helpers/render';

/** Whether the input at `selector` is asked to take focus (its `focus` attribute). */
const hasFocus = (page: RenderedPage, selector: string): boolean => page.find(selector)?.toJSON().attrs.some((attr) => attr.name === 'focus' && attr.value === true) ?? false;

/** The drafts on the phone, whoever's. */
const drafts = (): [string, unknown][] => [...fake.storage.entries()].filter(([key]) => key.startsWith('draft.'));

async function passConsent(page: RenderedPage): Promise<void> {
  await page.fire('#consent', 'change', { value: ['general', 'id'] });
  await page.tap('#consent-continue');
}

async function fillForm(page: RenderedPage, name: string, id: string, mobile: string): Promise<void> {
  await page.input('#name', name);
  await page.input('#idNumber', id);
  await page.input('#mobile', mobile);
}

/** Sends the code and types what the embedded government told the tester. */
async function typeSentCode(page: RenderedPage): Promise<string> {
  await page.tap('#send-code');
  const hint = page.textOf('#code-hint');
  const code = /(\d{6})/.exec(hint)?.[1];
  if (!code) throw new Error(`no code in "${hint}"`);
  await page.input('#smsCode', code);
  return code;
}

describe('identity page', () => {
  it('asks for both consents, separately, before any field', async () => {
    const page = await renderPage('pages/identity/identity');
    expect(page.text()).toContain('居民身份证号码（敏感个人信息）');
    expect(page.find('#idNumber')).toBeUndefined();
    await page.fire('#consent', 'change', { value: ['general'] });
    await page.tap('#consent-continue');
    expect(page.textOf('#consent-error')).toBe('请勾选两项同意后继续');
    expect(fake.privacyAgreed).toBe(false);
    await page.fire('#consent', 'change', { value: ['general', 'id'] });
    await page.tap('#consent-continue');
    expect(fake.privacyAgreed).toBe(true);
    expect(page.find('#idNumber')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('checks 340524198001010013 when the person leaves the field, not while typing, and keeps it', async () => {
    const page = await renderPage('pages/identity/identity');
    await passConsent(page);
    await page.input('#idNumber', '340524198001010013');
    expect(page.find('#error-idNumber')).toBeUndefined();
    expect(page.findAll('#error-summary >>> .error-summary-line')).toHaveLength(0);
    await page.fire('#idNumber', 'blur', { value: '340524198001010013' });
    expect(page.textOf('#error-idNumber')).toBe('身份证号码校验位不符，请逐位核对（最后一位可能是 X）');
    expect(page.textOf('#error-summary')).toContain('身份证号码校验位不符');
    expect(page.data.form).toMatchObject({ idNumber: '340524198001010013' });
    // An error already shown stays true while the person corrects the field, and goes once it is right.
    await page.input('#idNumber', '3405241980010100');
    expect(page.textOf('#error-idNumber')).toBe('身份证号码应为 18 位，您输入了 16 位');
    await page.input('#idNumber', '34052419800101001x');
    expect(page.find('#error-idNumber')).toBeUndefined();
    await page.input('#idNumber', '340524198013010014');
    expect(page.find('#error-idNumber')).toBeUndefined();
    await page.fire('#idNumber', 'blur', { value: '340524198013010014' });
    expect(page.textOf('#error-idNumber')).toBe('身份证号码第 7–14 位应是真实的出生日期');
    await page.input('#mobile', '12');
    expect(page.find('#error-mobile')).toBeUndefined();
    await page.fire('#mobile', 'blur', { value: '12' });
    expect(page.textOf('#error-mobile')).toBe('手机号码应为 11 位，以 13–19 开头');
    expectWithinBudgets(page);
  });

  it('sends no SMS for an ID number that fails its checksum, and says so beside the ID field', async () => {
    const gov = createTestGovernment();
    const page = await renderPage('pages/identity/identity', { gov });
    const li = resident('r02');
    await passConsent(page);
    await page.input('#name', li.name);
    await page.input('#idNumber', '340524198001010013');
    await page.input('#mobile', li.mobile);
    await page.tap('#send-code');
    expect(gov.government.inspect().limits.sms[li.mobile]).toBeUndefined();
    expect(page.find('#code-hint')).toBeUndefined();
    expect(page.textOf('#error-idNumber')).toBe('身份证号码校验位不符，请逐位核对（最后一位可能是 X）');
    expect(page.find('#error-smsCode')).toBeUndefined();
    expect(page.findAll('#error-summary >>> .error-summary-line').map((line) => line.dom?.textContent)).toEqual(['身份证号码校验位不符，请逐位核对（最后一位可能是 X）']);
    // Put right, the code goes out and the ID error with it.
    await page.input('#idNumber', li.idNumber);
    await page.tap('#send-code');
    expect(gov.government.inspect().limits.sms[li.mobile]).toBeDefined();
    expect(page.textOf('#code-hint')).toMatch(/\d{6}/);
    expect(page.findAll('#error-summary >>> .error-summary-line')).toHaveLength(0);
    expectWithinBudgets(page);
  });

  it('asks only for the mobile number when "get code" is tapped, never for the code still to come', async () => {
    const gov = createTestGovernment();
    const page = await renderPage('pages/identity/identity', { gov, language: 'en' });
    const li = resident('r02');
    await passConsent(page);
    await page.tap('#send-code');
    expect(page.textOf('#error-mobile')).toBe('Enter your mobile number');
    expect(['#error-name', '#error-idNumber', '#error-smsCode'].filter((selector) => page.find(selector))).toEqual([]);
    await page.input('#name', li.name);
    await page.input('#idNumber', li.idNumber);
    await page.input('#mobile', li.mobile);
    expect(page.find('#error-mobile')).toBeUndefined();
    await page.tap('#send-code');
    expect(gov.government.inspect().limits.sms[li.mobile]).toBeDefined();
    expect(page.textOf('#code-hint')).toMatch(/Code sent to/);
    expect(page.find('#error-smsCode')).toBeUndefined();
    expect(page.findAll('#error-summary >>> .error-summary-line')).toHaveLength(0);
    expectWithinBudgets(page);
  });

  it.each([['zh_CN', false], ['en', false], ['zh_CN', true], ['en', true]] as const)('puts each label above its own field (%s, large text %s)', async (language, large) => {
    setLargeText(large);
    const page = await renderPage('pages/identity/identity', { language });
    await passConsent(page);
    expect(page.find('.identity.large-text') !== undefined).toBe(large);
    const boxes = page.findAll('.field');
    expect(boxes).toHaveLength(4);
    ['name', 'idNumber', 'mobile', 'smsCode'].forEach((field, i) => {
      const label = page.find(`#label-${field}`)?.dom;
      const input = page.find(`#${field}`)?.dom;
      expect(label?.textContent).toBe(page.find(`#${field}`)?.toJSON().attrs.find((attr) => attr.name === 'ariaLabel')?.value);
      // The label is a line of its own at the top of its field, before the input: never beside the value.
      const box = boxes[i].dom;
      expect(box?.firstElementChild).toBe(label);
      expect(input && box?.contains(input)).toBe(true);
    });
    expectWithinBudgets(page);
  });

  it('accepts 11010519491231002X, stores only a masked ID and an encrypted token', async () => {
    const gov = createTestGovernment();
    const page = await renderPage('pages/identity/identity', { gov });
    const wang = resident('r01');
    await passConsent(page);
    await fillForm(page, wang.name, '11010519491231002x', wang.mobile);
    expect(page.textOf('#error-idNumber')).toBe('');
    await typeSentCode(page);
    expect(fake.toasts.some((toast) => /测试环境验证码：\d{6}/.test(toast))).toBe(true);
    await page.tap('#submit');
    expect(page.text()).toContain('认证成功');
    expect(page.text()).toContain('1101**********002X');

    const stored = JSON.stringify([...fake.storage.entries()]);
    expectNoIdNumbers(stored);
    expect(stored).not.toContain('11010519491231002');
    // The embedded government persists on the same device: its state must not hold the number either.
    expect(gov.snapshot()).toBeDefined();
    expectNoIdNumbers(gov.snapshot());
    expect(gov.snapshot()).not.toContain('11010519491231002');
    expectNoIdNumbers(JSON.stringify(page.data));
    expect(stored).toContain('1101**********002X');
    expect(fake.encryptedKeys.has('session.token')).toBe(true);
    const sessions = Object.values(gov.government.inspect().sessions);
    expect(sessions.filter((s) => s.level === 'verified')).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('says when the name does not match the record, beside the name', async () => {
    const page = await renderPage('pages/identity/identity');
    const li = resident('r02');
    await passConsent(page);
    await fillForm(page, '李四', li.idNumber, li.mobile);
    await typeSentCode(page);
    await page.tap('#submit');
    expect(page.textOf('#error-name')).toBe('姓名与该身份证号码的户籍信息不一致，请按身份证上的姓名填写');
    expect(page.data.form).toMatchObject({ name: '李四', idNumber: li.idNumber });
    expectWithinBudgets(page);
  });

  it('keeps the form and offers a retry when the network fails', async () => {
    const gov = createTestGovernment();
    const page = await renderPage('pages/identity/identity', { gov });
    const li = resident('r02');
    await passConsent(page);
    await fillForm(page, li.name, li.idNumber, li.mobile);
    await typeSentCode(page);
    gov.transport.setFault('offline');
    await page.tap('#submit');
    expect(page.textOf('#form-error')).toBe('网络不稳定，刚才的请求没有发出。您填写的内容已保留，请重试。');
    expect(page.textOf('#submit')).toBe('重试');
    expect(page.data.form).toMatchObject({ name: li.name, idNumber: li.idNumber, mobile: li.mobile });
    gov.transport.setFault('none');
    await page.tap('#submit');
    expect(page.text()).toContain('认证成功');
    expectWithinBudgets(page);
  });

  it('shows every problem at once on submit, beside each field and in the summary', async () => {
    const page = await renderPage('pages/identity/identity');
    await passConsent(page);
    await page.tap('#submit');
    expect(page.textOf('#error-name')).toBe('请输入姓名');
    expect(page.textOf('#error-idNumber')).toBe('请输入身份证号码');
    expect(page.textOf('#error-mobile')).toBe('请输入手机号码');
    expect(page.textOf('#error-smsCode')).toBe('请输入短信验证码');
    expect(page.findAll('#error-summary >>> .error-summary-line')).toHaveLength(4);
    expectWithinBudgets(page);
  });

  it('returns to where the person was going, with the original query', async () => {
    const gov = createTestGovernment();
    const target = '/packages/records/pages/records/records?from=me&x=1';
    const page = await renderPage('pages/identity/identity', { gov, query: { redirect: encodeURIComponent(target) } });
    const li = resident('r02');
    await passConsent(page);
    await fillForm(page, li.name, li.idNumber, li.mobile);
    await typeSentCode(page);
    await page.tap('#submit');
    await page.tap('#continue');
    expect(fake.navigations[fake.navigations.length - 1]).toEqual({ kind: 'redirectTo', url: target });
    expectWithinBudgets(page);
  });

  it('offers a face step and records it with the government', async () => {
    const gov = createTestGovernment();
    const page = await renderPage('pages/identity/identity', { gov, language: 'en' });
    const li = resident('r02');
    await passConsent(page);
    await fillForm(page, li.name, li.idNumber, li.mobile);
    await typeSentCode(page);
    await page.tap('#submit');
    expect(page.text()).toContain('You are verified');
    await page.tap('#start-face');
    expect(fake.modals[0].title).toBe('Simulated face check');
    expect(page.textOf('#face-done')).toBe('Face verification complete');
    expect(Object.values(gov.government.inspect().sessions).some((s) => s.level === 'face')).toBe(true);
    expectWithinBudgets(page);
  });

  it('takes a tap on a summary line to its field', async () => {
    const page = await renderPage('pages/identity/identity');
    await passConsent(page);
    await page.tap('#submit');
    const lines = page.findAll('#error-summary >>> .error-summary-line');
    expect(lines.map((line) => line.toJSON().attrs.find((attr) => attr.name === 'ariaLabel')?.value)).toEqual(['请输入姓名', '请输入身份证号码', '请输入手机号码', '请输入短信验证码']);
    await page.act('tap the mobile line', () => lines[2].dispatchEvent('tap'));
    expect(['#name', '#idNumber', '#mobile', '#smsCode'].filter((selector) => hasFocus(page, selector))).toEqual(['#mobile']);
    await page.act('tap the ID line', () => lines[1].dispatchEvent('tap'));
    expect(['#name', '#idNumber', '#mobile', '#smsCode'].filter((selector) => hasFocus(page, selector))).toEqual(['#idNumber']);
    // Fixing a field takes its line away; the others stay, in the form's order.
    await page.input('#mobile', '13800000002');
    await page.call('onFieldBlur', { currentTarget: { dataset: { field: 'mobile' } }, detail: { value: '13800000002' } });
    expect(page.findAll('#error-summary >>> .error-summary-line').map((line) => line.dom?.textContent)).toEqual(['请输入姓名', '请输入身份证号码', '请输入短信验证码']);
    expectWithinBudgets(page);
  });

  it('keeps name and mobile as a draft when the page closes, never the ID number', async () => {
    const li = resident('r02');
    const first = await renderPage('pages/identity/identity');
    await passConsent(first);
    await fillForm(first, li.name, li.idNumber, li.mobile);
    const again = await renderPage('pages/identity/identity');
    await passConsent(again);
    expect(again.data.form).toEqual({ name: li.name, idNumber: '', mobile: li.mobile, smsCode: '' });
    expect(drafts().map(([key]) => key)).toEqual(['draft.guest.identity']);
    expect(JSON.stringify(drafts())).not.toContain(li.idNumber);
    expectWithinBudgets(first);
    expectWithinBudgets(again);
  });

  it('leaves an ID number typed into the name field out of the draft', async () => {
    const li = resident('r02');
    const first = await renderPage('pages/identity/identity');
    await passConsent(first);
    await first.input('#mobile', li.mobile);
    await first.input('#name', li.idNumber);
    await first.input('#name', `${li.idNumber.slice(0, 6)} ${li.idNumber.slice(6)}`);
    const stored = JSON.stringify([...fake.storage.entries()]);
    expectNoIdNumbers(stored);
    expect(stored).not.toContain(li.idNumber.slice(0, 15));
    const again = await renderPage('pages/identity/identity');
    expect(again.data.form).toMatchObject({ name: '', mobile: li.mobile });
    expectWithinBudgets(first);
    expectWithinBudgets(again);
  });

  it('drops the draft once verified, so the next person to open it starts afresh', async () => {
    const gov = createTestGovernment();
    const li = resident('r02');
    const page = await renderPage('pages/identity/identity', { gov });
    await passConsent(page);
    await fillForm(page, li.name, li.idNumber, li.mobile);
    await typeSentCode(page);
    expect(drafts()).toHaveLength(1);
    await page.tap('#submit');
    expect(page.text()).toContain('认证成功');
    expect(drafts()).toEqual([]);
    expectWithinBudgets(page);
  });
});
