import type { Booking } from '../../../miniprogram/contracts/health';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { DEPARTMENT, DOCTOR, call } from './helpers';

const ROUTE = 'packages/hospital/pages/doctor/doctor';

async function signedIn(query: Record<string, string>, language?: string) {
  const gov = createTestGovernment();
  const token = await signInAs(gov, 'r02');
  return { page: await renderPage(ROUTE, { gov, query, language }), gov, token };
}

/** Every setData payload the page sends from now on (the audit keeps only their keys and sizes). */
function payloads(page: RenderedPage): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  const instance = page.comp.instance as unknown as { setData(data: Record<string, unknown>, callback?: () => void): void };
  const counted = instance.setData.bind(instance);
  instance.setData = (data, callback) => {
    seen.push(data);
    counted(data, callback);
  };
  return seen;
}

/** The chosen day of the strip, as its words read. */
const selectedDay = (page: RenderedPage): string => page.findAll('#strip >>> .day-on').map((node) => (node.dom as Element).textContent?.replace(/\s+/g, '')).join('|');
/** Each time of a session as read: its window and its places, e.g. "08:00–08:30 余 1". */
const slotTexts = (page: RenderedPage, session: 'am' | 'pm'): string[] =>
  page.findAll(`#${session} .slot`).map((node) => Array.from((node.dom as Element).children).map((part) => part.textContent).join(' '));

describe('doctor page', () => {
  it('sends a person who has not verified to identity first, carrying the doctor and day', async () => {
    const page = await renderPage(ROUTE, { query: { id: DOCTOR, date: '2026-11-30' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/packages/hospital/pages/doctor/doctor?id=${DOCTOR}&date=2026-11-30`)}` }]);
    expectWithinBudgets(page);
  });

  it('shows the profile and the first open day\'s times by session, and books a free time', async () => {
    const { page } = await signedIn({ id: DOCTOR });
    expect(fake.titles.at(-1)).toBe('马浩霞');
    expect(page.textOf('#head')).toBe('马浩霞主任医师市第一人民医院 · 心血管内科挂号费 ¥50.00擅长：高血压、心律失常主任医师，从事心血管内科临床工作 29 年，擅长高血压、心律失常的诊治。');
    expect(page.findAll('#strip >>> .day')).toHaveLength(14);
    expect(page.textOf('#day-title')).toBe('11月23日 周一 可约时段');
    expect(page.textOf('#am')).toMatch(/^上午/);
    expect(slotTexts(page, 'am')).toHaveLength(8);
    expect(slotTexts(page, 'am')[0]).toBe('08:00–08:30 余 1');
    expect(slotTexts(page, 'pm')).toHaveLength(6);
    expect(slotTexts(page, 'pm')[5]).toBe('16:30–17:00 余 2');
    await page.tap('#pm .slot');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/hospital/pages/book/book?slot=${DOCTOR}.20261123.p0&department=${DEPARTMENT}&doctor=${DOCTOR}` });
    expectWithinBudgets(page);
  });

  it('changes the day in one setData carrying only that day\'s times; a full time says so and cannot be booked', async () => {
    const { page } = await signedIn({ id: DOCTOR });
    const seen = payloads(page);
    await page.tap('#strip >>> #day-2026-11-30');
    expect(seen).toHaveLength(1);
    expect(Object.keys(seen[0]).sort()).toEqual(['am', 'date', 'dayTitle', 'pm', 'slotsNote']);
    const ids = [...(seen[0].am as { id: string }[]), ...(seen[0].pm as { id: string }[])].map((slot) => slot.id);
    expect(ids).toHaveLength(14);
    expect(ids.every((id) => id.startsWith(`${DOCTOR}.20261130.`))).toBe(true);
    expect(page.audit.interactions.at(-1)?.calls.map((c) => c.bytes)[0]).toBeLessThan(4096);

    expect(selectedDay(page)).toBe('周一11月30日约满');
    expect([...slotTexts(page, 'am'), ...slotTexts(page, 'pm')].every((slot) => slot.endsWith('约满'))).toBe(true);
    const full = page.find('#am .slot');
    expect(full?.toJSON().attrs.find((a) => a.name === 'ariaDisabled')?.value).toBe(true);
    // Named by what it shows, under its session's heading (上午): its time and 约满.
    expect(full?.toJSON().attrs.find((a) => a.name === 'ariaLabel')).toBeUndefined();
    expect(page.textOf('#am .slot')).toBe('08:00–08:30约满');
    await page.tap('#am .slot');
    expect(fake.navigations).toEqual([]);
    await page.tap('#pm .slot');
    expect(fake.navigations).toEqual([]);

    // The same day again sends nothing; another day with places books.
    await page.tap('#strip >>> #day-2026-11-30');
    expect(seen).toHaveLength(1);
    await page.tap('#strip >>> #day-2026-11-23');
    expect(seen).toHaveLength(2);
    await page.tap('#pm .slot');
    expect(fake.navigations.pop()?.url).toContain(`slot=${DOCTOR}.20261123.p0&`);
    expectWithinBudgets(page);
  });

  it('opens on the day asked for, and says when a day is full or has no clinic', async () => {
    const { page } = await signedIn({ id: DOCTOR, date: '2026-11-26' });
    expect(selectedDay(page)).toBe('周四11月26日约满');
    expect(page.textOf('#slots-note')).toBe('这一天的号已经约满，请选择其他日期。');
    expect(messageAt(page, '#slots-note')).toEqual({ kind: 'info', role: 'status' });
    expect(slotTexts(page, 'am')).toHaveLength(8);
    expect(page.find('#pm')).toBeUndefined();
    await page.tap('#strip >>> #day-2026-11-29');
    expect(page.textOf('#slots-note')).toBe('医生这一天不出诊，请选择其他日期。');
    expect(page.find('#am')).toBeUndefined();
    expect(page.find('#pm')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('shows the places as they are on coming back, on the day chosen', async () => {
    const { page, gov, token } = await signedIn({ id: DOCTOR, date: '2026-11-23' }, 'en');
    expect(page.textOf('#day-title')).toBe('Times on Mon 23 Nov');
    expect(slotTexts(page, 'pm')[4]).toBe('16:00–16:30 2 left');
    expect(page.text()).not.toMatch(/[\u4e00-\u9fff]/);
    await page.call('onHide');
    await call<Booking>(gov, token, 'POST', '/health/bookings', { slotId: `${DOCTOR}.20261123.p4`, departmentId: DEPARTMENT, patientId: 'self' });
    await page.call('onShow');
    expect(page.textOf('#day-title')).toBe('Times on Mon 23 Nov');
    expect(slotTexts(page, 'pm')[4]).toBe('16:00–16:30 1 left');
    expectWithinBudgets(page);
  });

  it.each([[{}], [{ id: 'h1-cardiology-99' }]])('says the doctor is not there when opened with %j, and leads to all hospitals', async (query) => {
    const { page } = await signedIn(query);
    expect(page.textOf('#state')).toBe('没有找到这位医生。查看全部医院');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/hospital/pages/hospitals/hospitals' });
    expectWithinBudgets(page);
  });

  it('shows an error with a retry when the government is unreachable', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov, query: { id: DOCTOR } });
    expect(page.textOf('#state')).toContain('网络连接失败，请检查网络后重试');
    expect(page.find('#strip')).toBeUndefined();
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(slotTexts(page, 'am')).toHaveLength(8);
    expectWithinBudgets(page);
  });
});
