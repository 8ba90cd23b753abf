import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { policeState, vehicleIdOf } from '../../helpers/police';
import { PROVINCES } from '../../../miniprogram/core/plates';

const ROUTE = 'packages/fines/pages/bind/bind';

/** Whether the input at `selector` is asked to take focus (its `focus` attribute). */
const hasFocus = (page: RenderedPage, selector: string): boolean => page.find(selector)?.toJSON().attrs.some((attr) => attr.name === 'focus' && attr.value === true) ?? false;

/** The drafts on the phone, whoever's. */
const drafts = (): [string, unknown][] => [...fake.storage.entries()].filter(([key]) => key.startsWith('draft.'));

async function fill(page: RenderedPage, province: string, rest: string, vin: string, type?: string): Promise<void> {
  if (type) await page.tap(`#type-${type}`);
  await page.fire('#province', 'change', { value: PROVINCES.indexOf(province as (typeof PROVINCES)[number]) });
  await page.input('#rest', rest);
  await page.input('#vin', vin);
}

describe('bind a vehicle page', () => {
  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(ROUTE);
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent('/packages/fines/pages/bind/bind')}`);
    expectWithinBudgets(page);
  });

  it('checks the plate and VIN shape before sending, beside each field and in a summary, keeping what was typed', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov });
    await fill(page, '粤', 'b1234', '18o74');
    expect(page.data.rest).toBe('B1234');
    await page.tap('#submit');
    expect(page.textOf('#plate-error')).toBe('小型汽车号牌连同省份简称共 7 位，您输入了 6 位');
    expect(page.textOf('#vin-error')).toBe('请输入车辆识别代号的最后 6 位，您输入了 5 位');
    expect(page.textOf('#error-summary')).toContain('请修改以下内容');
    expect(page.textOf('#error-summary')).toContain('小型汽车号牌连同省份简称共 7 位');

    await page.input('#rest', 'BI2345');
    await page.input('#vin', '18374O');
    await page.tap('#submit');
    expect(page.textOf('#plate-error')).toBe('省份简称后第一位是字母，其余是字母或数字；号牌不使用字母 I 和 O');
    expect(page.textOf('#vin-error')).toBe('车辆识别代号只有数字和字母，不使用 I、O、Q');

    await page.tap('#type-new-energy');
    await page.input('#rest', 'B123456');
    await page.input('#vin', '604219');
    await page.tap('#submit');
    expect(page.textOf('#plate-error')).toBe('新能源号牌的第 3 位或最后一位是 D、F 等字母，例如 粤BD12345');
    expect(page.find('#vin-error')).toBeUndefined();
    expect(page.data.rest).toBe('B123456');
    expect(policeState(gov.government.inspect(), gov.clock.now()).bindings['p-r02']).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('says specifically when the vehicle belongs to someone else, or the VIN does not match', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    await fill(page, '粤', 'A88888', '200001');
    await page.tap('#submit');
    expect(page.textOf('#plate-error')).toBe('This vehicle is not registered in your name. Only the registered owner can handle its violations online.');
    expect(page.textOf('#error-summary')).toContain('not registered in your name');

    await fill(page, '粤', 'B12345', '000000');
    await page.tap('#submit');
    expect(page.find('#plate-error')).toBeUndefined();
    expect(page.textOf('#vin-error')).toBe('These 6 characters do not match the registered VIN; compare them with the vehicle licence');
    expect(page.data.vin).toBe('000000');
    expectWithinBudgets(page);
  });

  it('binds a new energy vehicle and goes to its notices; a network failure first leaves the form to send again', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov });
    await fill(page, '粤', 'bd12345', '604219', 'new-energy');
    gov.transport.setFault('offline');
    await page.tap('#submit');
    expect(page.textOf('#error-summary')).toContain('网络连接失败，请检查网络后重试');
    expect(page.data.rest).toBe('BD12345');
    gov.transport.setFault('none');
    await page.tap('#submit');
    const id = vehicleIdOf('粤BD12345');
    expect(policeState(gov.government.inspect(), gov.clock.now()).bindings['p-r02']).toEqual([id]);
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/packages/fines/pages/notices/notices?vehicle=${id}` });
    expect(fake.toasts).toContain('已绑定 粤BD12345');
    expect(fake.storage.has('fines.bind-draft')).toBe(false);
    expect(drafts()).toEqual([]);
    expectWithinBudgets(page);
  });

  it('keeps a half-typed form as a draft across a restart', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const first = await renderPage(ROUTE, { gov });
    await fill(first, '京', 'n1', '12', 'large');
    const again = await renderPage(ROUTE, { gov });
    expect(again.data).toMatchObject({ province: PROVINCES.indexOf('京'), rest: 'N1', vin: '12' });
    expect((again.find('#type-large')?.dom as Element | undefined)?.className).toContain('type-on');
    expectWithinBudgets(again);
  });

  it('keeps the whole query on the identity detour', async () => {
    const page = await renderPage(ROUTE, { query: { from: 'vehicles' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent('/packages/fines/pages/bind/bind?from=vehicles')}`);
    expectWithinBudgets(page);
  });

  it('takes a tap on a summary line to its field, again on a second tap', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov });
    await fill(page, '粤', 'b1234', '18o74');
    await page.tap('#submit');
    const lines = page.findAll('#error-summary >>> .error-summary-line');
    expect(lines.map((line) => line.dom?.textContent)).toEqual(['小型汽车号牌连同省份简称共 7\u00a0位，您输入了 6\u00a0位', '请输入车辆识别代号的最后 6\u00a0位，您输入了 5\u00a0位']);
    await page.act('tap the VIN line', () => lines[1].dispatchEvent('tap'));
    expect(hasFocus(page, '#vin')).toBe(true);
    expect(hasFocus(page, '#rest')).toBe(false);
    await page.act('tap the plate line', () => lines[0].dispatchEvent('tap'));
    expect(hasFocus(page, '#rest')).toBe(true);
    expect(hasFocus(page, '#vin')).toBe(false);
    await page.act('tap the plate line again', () => lines[0].dispatchEvent('tap'));
    expect(hasFocus(page, '#rest')).toBe(true);

    // A problem no field owns (no network) is a line too, and takes the person to the plate.
    await fill(page, '粤', 'B12345', '183745');
    gov.transport.setFault('offline');
    await page.tap('#submit');
    expect(page.textOf('#error-summary')).toContain('网络连接失败，请检查网络后重试');
    await page.tap('#vin');
    await page.tap('#error-summary >>> .error-summary-line');
    expect(hasFocus(page, '#rest')).toBe(true);
    expectWithinBudgets(page);
  });

  it('forgets the draft when the person signs out', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const first = await renderPage(ROUTE, { gov });
    await fill(first, '京', 'n1', '12', 'large');
    expect(drafts()).toHaveLength(1);
    const me = await renderPage('pages/me/me', { gov });
    await me.tap('#sign-out');
    expect(drafts()).toEqual([]);
    await signInAs(gov, 'r02');
    const again = await renderPage(ROUTE, { gov });
    expect(again.data).toMatchObject({ province: 0, rest: '', vin: '' });
    expect((again.find('#type-small')?.dom as Element | undefined)?.className).toContain('type-on');
    expectWithinBudgets(first);
    expectWithinBudgets(me);
    expectWithinBudgets(again);
  });

  it('does not offer one person\'s draft to another on the same phone', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const li = await renderPage(ROUTE, { gov });
    await fill(li, '京', 'n1', '12', 'large');
    await signInAs(gov, 'r01');
    const wang = await renderPage(ROUTE, { gov });
    expect(wang.data).toMatchObject({ province: 0, rest: '', vin: '' });
    await signInAs(gov, 'r02');
    const liAgain = await renderPage(ROUTE, { gov });
    expect(liAgain.data).toMatchObject({ province: PROVINCES.indexOf('京'), rest: 'N1', vin: '12' });
    // Neither whose draft it is nor anything they typed as an ID shows in the key.
    expect(drafts().map(([key]) => key)).toEqual([expect.stringMatching(/^draft\.p[0-9a-z]+\.fines-bind$/)]);
    expectWithinBudgets(li);
    expectWithinBudgets(wang);
    expectWithinBudgets(liAgain);
  });
});
