import type { AccountPreview, AccountsResponse } from '../../../miniprogram/contracts/bills';
import type { ApiRequest } from '../../../miniprogram/contracts/http';
import { ServiceError } from '../../../miniprogram/core/errors';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { ACCOUNTS, bindAs, call, landlordFlat } from './helpers';

const ROUTE = 'packages/bills/pages/bind/bind';
const ACCOUNT_PAGE = '/packages/bills/pages/account/account';

const attr = (page: RenderedPage, selector: string, name: string): unknown => page.find(selector)?.toJSON().attrs.find((a) => a.name === name)?.value;
const checked = (page: RenderedPage, selector: string): boolean => attr(page, selector, 'ariaChecked') === true;
const ids = (page: RenderedPage, selector: string): unknown[] => page.findAll(selector).map((node) => node.toJSON().attrs.find((a) => a.name === 'id')?.value);
const accountsOf = (gov: TestGovernment, token: string): Promise<AccountsResponse> => call<AccountsResponse>(gov, token, 'GET', '/bills/accounts');
const drafts = (): [string, unknown][] => [...fake.storage.entries()].filter(([key]) => key.startsWith('draft.'));

/** Every request to the government, in order; `fail` loses one before it arrives or its answer after. */
function watch(gov: TestGovernment, fail?: (req: ApiRequest) => 'before' | 'after' | null) {
  const log: { call: string; key: string }[] = [];
  const handle = gov.government.handle.bind(gov.government);
  jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => {
    log.push({ call: `${req.method} ${req.path}`, key: req.headers?.['idempotency-key'] ?? '' });
    const when = fail?.(req) ?? null;
    if (when === 'before') throw new ServiceError('NETWORK', 'request:fail network unavailable');
    const res = await handle(req);
    if (when === 'after') throw new ServiceError('TIMEOUT', 'request:fail timeout');
    return res;
  });
  return log;
}

async function fill(page: RenderedPage, values: { utility?: string; companyId?: string; accountNumber?: string; proof?: string }): Promise<void> {
  if (values.utility) await page.tap(`#utility-${values.utility}`);
  if (values.companyId) await page.tap(`#company-${values.companyId}`);
  if (values.accountNumber !== undefined) await page.input('#accountNumber', values.accountNumber);
  if (values.proof !== undefined) await page.input('#proof', values.proof);
}

async function openAs(key: string, query: Record<string, string> = {}, language?: string) {
  const gov = createTestGovernment();
  const token = await signInAs(gov, key);
  const page = await renderPage(ROUTE, { gov, query, language });
  return { gov, token, page };
}

describe('bind page', () => {
  it.each([[{}], [{ utility: 'gas' }]])('sends a person who has not verified to identity first, keeping the query %j', async (query: Record<string, string>) => {
    const page = await renderPage(ROUTE, { query });
    const back = `/${ROUTE}${query.utility ? `?utility=${query.utility}` : ''}`;
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(back)}` }]);
    expectWithinBudgets(page);
  });

  it('opens with an empty query on electricity, its only company chosen, with the number\'s shape as hint', async () => {
    const { page } = await openAs('r01');
    expect(fake.navigations).toEqual([]);
    expect(page.findAll('#utilities .choice').map((node) => node.dom?.textContent)).toEqual(['电费', '水费', '燃气费']);
    expect(checked(page, '#utility-electricity')).toBe(true);
    expect(checked(page, '#utility-water')).toBe(false);
    expect(page.findAll('#companies .company')).toHaveLength(1);
    expect(page.textOf('#company-gz-power')).toBe('广州供电局客服电话 95598');
    expect(checked(page, '#company-gz-power')).toBe(true);
    expect(page.textOf('#account-hint')).toBe('10 位数字，如 0300123456');
    expect(page.textOf('#check')).toBe('核对户号');
    expect(page.find('#preview')).toBeUndefined();
    expect(page.find('#error-summary >>> .error-summary-line')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('takes the utility from ?utility and lists only its companies; a company chosen sets the number\'s length', async () => {
    const { page } = await openAs('r01', { utility: 'water' });
    expect(checked(page, '#utility-water')).toBe(true);
    expect(ids(page, '#companies .company')).toEqual(['company-gz-water', 'company-ns-water']);
    expect(checked(page, '#company-gz-water') || checked(page, '#company-ns-water')).toBe(false);
    expect(page.textOf('#account-hint')).toBe('请先选择缴费单位');
    // Check with nothing chosen or typed: each field says what it needs, the summary too, nothing is sent.
    const log = watch(page.gov);
    await page.tap('#check');
    expect(page.textOf('#companyId-error')).toBe('请选择缴费单位');
    expect(page.textOf('#accountNumber-error')).toBe('请输入户号');
    expect(page.textOf('#proof-error')).toBe('请输入户主姓氏或门牌号');
    expect(page.findAll('#error-summary >>> .error-summary-line').map((line) => line.dom?.textContent)).toEqual(['请选择缴费单位', '请输入户号', '请输入户主姓氏或门牌号']);
    expect(log).toEqual([]);

    await page.tap('#company-ns-water');
    expect(checked(page, '#company-ns-water')).toBe(true);
    expect(page.find('#companyId-error')).toBeUndefined();
    expect(page.textOf('#account-hint')).toBe('8 位数字，如 51012345');
    await page.tap('#utility-gas');
    expect(ids(page, '#companies .company')).toEqual(['company-gz-gas', 'company-hk-gas']);
    await page.tap('#company-hk-gas');
    expect(page.textOf('#account-hint')).toBe('12 位数字，如 880012345678');
    expectWithinBudgets(page);
  });

  it('checks the number as typed against the company: letters and too many digits at once, too few on leaving; what was typed stays', async () => {
    const { page } = await openAs('r01');
    const log = watch(page.gov);
    await page.input('#accountNumber', '0300');
    expect(page.find('#accountNumber-error')).toBeUndefined();
    expect(page.textOf('#account-count')).toBe('已输入 4/10 位');
    await page.fire('#accountNumber', 'blur', { value: '0300' });
    expect(page.textOf('#accountNumber-error')).toBe('广州供电局的户号是 10 位数字，您输入了 4 位');
    await page.input('#accountNumber', '030000000');
    expect(page.textOf('#accountNumber-error')).toBe('广州供电局的户号是 10 位数字，您输入了 9 位');
    await page.input('#accountNumber', '0300000001');
    expect(page.find('#accountNumber-error')).toBeUndefined();
    await page.input('#accountNumber', '03000000012');
    expect(page.textOf('#accountNumber-error')).toBe('广州供电局的户号是 10 位数字，您输入了 11 位');
    await page.input('#accountNumber', '03000a0001');
    expect(page.textOf('#accountNumber-error')).toBe('户号只有数字，请去掉字母和其他符号');
    expect(page.data.form).toMatchObject({ accountNumber: '03000a0001' });
    await page.input('#proof', '王');
    await page.tap('#check');
    expect(page.textOf('#error-summary')).toContain('户号只有数字');
    expect(attr(page, '#accountNumber', 'value')).toBe('03000a0001');
    expect(log).toEqual([]);
    expectWithinBudgets(page);
  });

  it('says beside the field when the account does not exist, the proof does not match, or it is already added', async () => {
    const { page, gov, token } = await openAs('r01');
    await fill(page, { accountNumber: '0300009999', proof: '王' });
    await page.tap('#check');
    expect(page.textOf('#accountNumber-error')).toBe('没有找到这个户号。请核对账单或缴费通知单上的户号。');
    expect(page.textOf('#error-summary')).toContain('没有找到这个户号');
    expect(page.find('#preview')).toBeUndefined();

    await fill(page, { accountNumber: '0300000001', proof: '李' });
    expect(page.find('#accountNumber-error')).toBeUndefined();
    await page.tap('#check');
    expect(page.find('#accountNumber-error')).toBeUndefined();
    expect(page.textOf('#proof-error')).toBe('户主姓氏或门牌号与这个户号不一致。');
    expect(page.data.form).toMatchObject({ accountNumber: '0300000001', proof: '李' });

    await bindAs(gov, token, 'wangPower');
    await page.input('#proof', '1203');
    await page.tap('#check');
    expect(page.find('#proof-error')).toBeUndefined();
    expect(page.textOf('#accountNumber-error')).toBe('您已经绑定了这个户号。');
    expect((await accountsOf(gov, token)).items).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('says a company that does not serve the utility beside the company (a mismatch only a changed list could bring)', async () => {
    const { page } = await openAs('r01', {}, 'en');
    await fill(page, { accountNumber: ACCOUNTS.wangWater.accountNumber, proof: '1203' });
    // The list offers only electricity companies: the form state is given a water company directly.
    await page.act('a water company under electricity', () => page.comp.setData({ 'form.companyId': 'gz-water' }));
    const log = watch(page.gov);
    await page.tap('#check');
    expect(log.map((entry) => entry.call)).toEqual(['POST /bills/accounts/check']);
    expect(page.textOf('#companyId-error')).toBe('That company does not supply this utility. Choose the company again.');
    expect(page.textOf('#error-summary')).toContain('does not supply this utility');
    expect(page.find('#preview')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('after ten tries that did not match says when to try again, and refuses even the right account until then', async () => {
    const { page } = await openAs('r01');
    await page.input('#proof', '王');
    for (let i = 0; i < 10; i += 1) {
      await page.input('#accountNumber', `03000099${String(i).padStart(2, '0')}`);
      await page.tap('#check');
      expect(page.textOf('#accountNumber-error')).toContain('没有找到这个户号');
    }
    await page.input('#accountNumber', '0300000001');
    await page.tap('#check');
    const line = page.textOf('#error-summary >>> .error-summary-line');
    expect(line).toMatch(/^今天核对不一致的次数太多。为保护户主信息，请在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 以后再试（约 24 小时后）。$/);
    expect(page.find('#accountNumber-error')).toBeUndefined();
    expect(page.find('#preview')).toBeUndefined();
    expect(page.data.form).toMatchObject({ accountNumber: '0300000001', proof: '王' });
    expectWithinBudgets(page);
  });

  it('shows the holder and address masked to confirm, then names the account and adds it, opening it', async () => {
    const { page, gov, token } = await openAs('r01');
    const expected = await call<AccountPreview>(gov, token, 'POST', '/bills/accounts/check', ACCOUNTS.wangPower);
    expect(expected.holderMasked).toContain('*');
    expect(expected.holderMasked).not.toBe('王芳');
    await fill(page, { accountNumber: '0300000001', proof: '王' });
    await page.tap('#check');
    expect(page.textOf('#preview')).toContain('这是您的户号吗？');
    expect(page.textOf('#preview-holder')).toBe(expected.holderMasked);
    expect(page.textOf('#preview-address')).toBe(expected.addressMasked.zh);
    expect(page.textOf('#preview-address')).not.toContain('1203');
    expect(page.textOf('#preview-number')).toBe(expected.accountMasked);
    expect(page.textOf('#preview-company')).toBe('广州供电局');
    expect(page.find('#check')).toBeUndefined();

    await page.tap('#add');
    expect(page.textOf('#label-error')).toBe('请给这个户号起个名称，如“家”');
    await page.input('#label', '我父母住的那套老房子在海珠区');
    expect(page.textOf('#label-error')).toBe('名称最多 12 个字，您输入了 14 个字');
    await page.tap('#add');
    expect((await accountsOf(gov, token)).items).toEqual([]);
    expect(page.data.form).toMatchObject({ label: '我父母住的那套老房子在海珠区' });
    await page.tap('#suggest-1');
    expect(page.data.form).toMatchObject({ label: '父母家' });
    expect(page.find('#label-error')).toBeUndefined();

    await page.tap('#add');
    const { items } = await accountsOf(gov, token);
    expect(items.map((account) => [account.label, account.companyId, account.accountMasked])).toEqual([['父母家', 'gz-power', expected.accountMasked]]);
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `${ACCOUNT_PAGE}?id=${items[0].id}` }]);
    expect(fake.toasts).toContain('已添加“父母家”');
    expect(drafts()).toEqual([]);
    expectWithinBudgets(page);
  });

  it('takes the preview away when a checked value changes, and "not this account" goes back to the number', async () => {
    const { page } = await openAs('r01', {}, 'en');
    await fill(page, { accountNumber: '0300000001', proof: '王' });
    await page.tap('#check');
    expect(page.textOf('#preview')).toContain('Is this your account?');
    await page.input('#proof', '1203');
    expect(page.find('#preview')).toBeUndefined();
    await page.tap('#check');
    expect(page.find('#preview')).toBeDefined();
    await page.tap('#not-mine');
    expect(page.find('#preview')).toBeUndefined();
    expect(attr(page, '#accountNumber', 'focus')).toBe(true);
    expect(page.data.form).toMatchObject({ accountNumber: '0300000001', proof: '1203' });
    expectWithinBudgets(page);
  });

  it('keeps a draft across reopening, without the proof; ?utility for another utility starts that one afresh', async () => {
    const { page, gov } = await openAs('r01', { utility: 'water' });
    await fill(page, { companyId: 'ns-water', accountNumber: '5101', proof: '1203' });
    expect(drafts()).toHaveLength(1);
    expect(JSON.stringify(drafts())).not.toContain('1203');

    const again = await renderPage(ROUTE, { gov });
    expect(again.data.form).toEqual({ utility: 'water', companyId: 'ns-water', accountNumber: '5101', proof: '', label: '' });
    expect(checked(again, '#utility-water')).toBe(true);
    expect(checked(again, '#company-ns-water')).toBe(true);
    expect(attr(again, '#accountNumber', 'value')).toBe('5101');
    expect(attr(again, '#proof', 'value')).toBe('');

    const gas = await renderPage(ROUTE, { gov, query: { utility: 'gas' } });
    expect(gas.data.form).toMatchObject({ utility: 'gas', companyId: '', accountNumber: '' });
    expectWithinBudgets(page);
    expectWithinBudgets(again);
    expectWithinBudgets(gas);
  });

  it('keeps what was typed through a network failure on Check and on Add, and binds once on retry', async () => {
    const { page, gov, token } = await openAs('r01');
    await fill(page, { accountNumber: '0300000001', proof: '王' });
    gov.transport.setFault('offline');
    await page.tap('#check');
    expect(page.textOf('#error-summary')).toContain('网络连接失败，请检查网络后重试');
    expect(page.data.form).toMatchObject({ accountNumber: '0300000001', proof: '王' });
    expect(page.textOf('#check')).toBe('核对户号');
    gov.transport.setFault('none');
    await page.tap('#check');
    expect(page.find('#preview')).toBeDefined();
    expect(page.find('#error-summary >>> .error-summary-line')).toBeUndefined();

    // The government binds it but the answer is lost: the retry carries the same key and gets the same account.
    let lose = true;
    const log = watch(gov, (req) => (req.method === 'POST' && req.path === '/bills/accounts' && lose ? 'after' : null));
    await page.tap('#suggest-0');
    await page.tap('#add');
    expect(page.textOf('#add-error')).toBe('网络连接失败，请检查网络后重试');
    expect(messageAt(page, '#add-error')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.find('#preview')).toBeDefined();
    expect(page.data.form).toMatchObject({ label: '家' });
    lose = false;
    await page.tap('#add');
    const binds = log.filter((entry) => entry.call === 'POST /bills/accounts');
    expect(binds).toHaveLength(2);
    expect(binds[1].key).toBe(binds[0].key);
    const { items } = await accountsOf(gov, token);
    expect(items).toHaveLength(1);
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `${ACCOUNT_PAGE}?id=${items[0].id}` }]);
    expectWithinBudgets(page);
  });

  it('binds once on a double tap of Add', async () => {
    const { page, gov, token } = await openAs('r02');
    await fill(page, { accountNumber: ACCOUNTS.liPower.accountNumber, proof: '0801' });
    await page.tap('#check');
    await page.tap('#suggest-0');
    const log = watch(gov);
    await page.act('double tap add', () => {
      page.find('#add')?.dispatchEvent('tap');
      page.find('#add')?.dispatchEvent('tap');
    });
    expect(log.filter((entry) => entry.call === 'POST /bills/accounts')).toHaveLength(1);
    expect((await accountsOf(gov, token)).items).toHaveLength(1);
    expect(fake.navigations.filter((n) => n.url.startsWith(ACCOUNT_PAGE))).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('says beside Add that ten accounts are the most, keeping the preview and the name', async () => {
    const { page, gov, token } = await openAs('r06', {}, 'en');
    for (let i = 0; i < 10; i += 1) await bindAs(gov, token, landlordFlat(i), `Flat ${101 + i}`);
    await fill(page, { accountNumber: ACCOUNTS.wangPower.accountNumber, proof: '王' });
    await page.tap('#check');
    await page.input('#label', 'Mum');
    await page.tap('#add');
    expect(page.textOf('#add-error')).toBe('You can add up to 10 accounts. Remove one first.');
    expect(page.find('#preview')).toBeDefined();
    expect(page.data.form).toMatchObject({ label: 'Mum', accountNumber: ACCOUNTS.wangPower.accountNumber });
    expect((await accountsOf(gov, token)).items).toHaveLength(10);
    expect(fake.navigations).toEqual([]);
    expectWithinBudgets(page);
  });

  it('shows an error with retry when the companies cannot be read, then the form', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r01');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov });
    expect(page.data.status).toBe('error');
    expect(page.textOf('#state')).toContain('网络连接失败');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.data.status).toBe('ready');
    expect(checked(page, '#company-gz-power')).toBe(true);
    expectWithinBudgets(page);
  });
});
