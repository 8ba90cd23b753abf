import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { BUSY_DEPARTMENT, DEPARTMENT } from './helpers';

const ROUTE = 'packages/hospital/pages/department/department';

async function signedIn(query: Record<string, string>, language?: string) {
  const gov = createTestGovernment();
  await signInAs(gov, 'r02');
  return renderPage(ROUTE, { gov, query, language });
}

/** A day of the strip as a screen reader has it: named by the words it shows (no label of its own), and whether it is the chosen one. */
function dayAt(page: RenderedPage, date: string): { label: unknown; selected: unknown; text: string } {
  const node = page.find(`#strip >>> #day-${date}`);
  const attr = (name: string): unknown => node?.toJSON().attrs.find((a) => a.name === name)?.value;
  return { label: attr('ariaLabel'), selected: attr('ariaSelected'), text: page.textOf(`#strip >>> #day-${date}`) };
}

describe('department page', () => {
  it('sends a person who has not verified to identity first, carrying the department and day', async () => {
    const page = await renderPage(ROUTE, { query: { id: DEPARTMENT, date: '2026-11-25' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/packages/hospital/pages/department/department?id=${DEPARTMENT}&date=2026-11-25`)}` }]);
    expectWithinBudgets(page);
  });

  it('shows 14 days with their availability in words, and the first open day\'s doctors with title, fee and places', async () => {
    const page = await signedIn({ id: DEPARTMENT });
    expect(fake.titles.at(-1)).toBe('心血管内科');
    expect(page.textOf('#head')).toBe('心血管内科市第一人民医院 · 门诊楼 2 楼 A 区');
    expect(page.findAll('#strip >>> .day')).toHaveLength(14);
    expect(dayAt(page, '2026-11-23')).toEqual({ label: undefined, selected: true, text: '周一11月23日有号' });
    expect(dayAt(page, '2026-11-29')).toEqual({ label: undefined, selected: false, text: '周日11月29日不可约' });
    expect(page.textOf('#day-title')).toBe('11月23日 周一 出诊的医生');
    expect(page.findAll('#open .doctor')).toHaveLength(4);
    expect(page.textOf('#open .doctor')).toMatch(/^\S+ 主任医师擅长：.+挂号费 ¥50\.00余 14›预约最早时段 08:00–08:30$/);
    expect(page.textOf('#closed')).toMatch(/主治医师擅长：.+挂号费 ¥20\.00当天不出诊›$/);
    await page.tap('#open .doctor-row');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/hospital/pages/doctor/doctor?id=${DEPARTMENT}-1&date=2026-11-23` });
    expectWithinBudgets(page);
  });

  it('loads the department again for a tapped day, in one setData, and opens a doctor on that day', async () => {
    const page = await signedIn({ id: DEPARTMENT });
    await page.tap('#strip >>> #day-2026-11-29');
    expect(page.audit.interactions.at(-1)?.calls).toHaveLength(1);
    expect(dayAt(page, '2026-11-29').selected).toBe(true);
    expect(dayAt(page, '2026-11-23').selected).toBe(false);
    expect(page.textOf('#none')).toBe('这一天没有医生出诊，请选择其他日期。');
    expect(page.find('#open')).toBeUndefined();
    expect(page.find('#closed')).toBeUndefined();

    await page.tap('#strip >>> #day-2026-11-25');
    expect(page.textOf('#day-title')).toBe('11月25日 周三 出诊的医生');
    expect(page.find('#none')).toBeUndefined();
    await page.tap('#open .doctor-row');
    expect(fake.navigations.pop()?.url).toMatch(new RegExp(`^/packages/hospital/pages/doctor/doctor\\?id=${DEPARTMENT}-\\d&date=2026-11-25$`));
    expectWithinBudgets(page);
  });

  it('books a doctor\'s earliest free time of the day from the list in one tap, and offers none where the day is full', async () => {
    const page = await signedIn({ id: DEPARTMENT });
    const answer = page.data.open as { id: string; first: string }[];
    expect(answer.length).toBeGreaterThan(0);
    answer.forEach((row) => expect(row.first).toMatch(/^预约最早时段 \d{2}:\d{2}–\d{2}:\d{2}$/));
    const first = answer[0];
    await page.tap(`#first-${first.id}`);
    const url = fake.navigations.pop()?.url ?? '';
    expect(url).toMatch(new RegExp(`^/packages/hospital/pages/book/book\\?slot=${first.id}\\.20261123\\.\\w+&department=${DEPARTMENT}&doctor=${first.id}$`));
    // The slot is the doctor's earliest one with places left that day, as the government says.
    const doctor = await page.gov.government.handle({ method: 'GET', path: `/health/doctors/${first.id}`, headers: { authorization: `Bearer ${String(fake.storage.get('session.token') ?? '')}` } });
    const days = (doctor.body as { days: { date: string; slots: { id: string; remaining: number }[] }[] }).days;
    const earliest = days.find((day) => day.date === '2026-11-23')?.slots.find((slot) => slot.remaining > 0)?.id;
    expect(url).toContain(`slot=${earliest ?? 'none'}&`);
    // Doctors without places that day have no such button.
    (page.data.closed as { first: string }[]).forEach((row) => expect(row.first).toBe(''));
    expectWithinBudgets(page);
  });

  it('opens on the day asked for, or on the first open day when that day cannot be booked', async () => {
    const asked = await signedIn({ id: DEPARTMENT, date: '2026-12-01' });
    expect(dayAt(asked, '2026-12-01').selected).toBe(true);
    expect(asked.textOf('#day-title')).toBe('12月1日 周二 出诊的医生');
    expectWithinBudgets(asked);
    // Today: same-day booking is not online (an old link), so the department opens on its first open day.
    const today = await signedIn({ id: DEPARTMENT, date: '2026-11-22' });
    expect(dayAt(today, '2026-11-23').selected).toBe(true);
    expect(today.find('#state')).toBeUndefined();
    expectWithinBudgets(today);
  });

  it('holds the 60 doctors of general practice within the budgets, also on another day and in English', async () => {
    const page = await signedIn({ id: BUSY_DEPARTMENT }, 'en');
    const doctors = page.findAll('.doctor');
    expect(doctors).toHaveLength(60);
    expect(page.text()).not.toMatch(/[\u4e00-\u9fff]/);
    expect(dayAt(page, '2026-11-23').text).toBe('Mon23 NovOpen');
    await page.tap('#strip >>> #day-2026-11-28');
    expect(page.textOf('#day-title')).toBe('Doctors on Sat 28 Nov');
    expect(page.findAll('.doctor')).toHaveLength(60);
    expect(page.findAll('#open .doctor').length).toBeLessThan(60);
    const report = page.audit.report();
    // For the record: the worst page state and the biggest single setData with 60 doctors.
    expect(report.worstNodes).toBeLessThan(800);
    expect(report.worstBytes).toBeLessThan(16 * 1024);
    expect(report.worstCalls).toBeLessThanOrEqual(2);
    expectWithinBudgets(page);
  });

  it.each([[{}], [{ id: 'h1-astrology' }]])('says the department is not there when opened with %j, and leads to all hospitals', async (query) => {
    const page = await signedIn(query);
    expect(page.textOf('#state')).toBe('没有找到这个科室。查看全部医院');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/hospital/pages/hospitals/hospitals' });
    expectWithinBudgets(page);
  });

  it('offers a retry when loading fails, and keeps the day shown when another day fails to load', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov, query: { id: DEPARTMENT } });
    expect(page.textOf('#state')).toContain('网络连接失败，请检查网络后重试');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.findAll('#open .doctor')).toHaveLength(4);

    gov.transport.setFault('offline');
    await page.tap('#strip >>> #day-2026-11-24');
    expect(page.textOf('#day-error')).toContain('网络连接失败');
    expect(messageAt(page, '#day-error')).toEqual({ kind: 'error', role: 'alert' });
    expect(dayAt(page, '2026-11-23').selected).toBe(true);
    expect(page.textOf('#day-title')).toBe('11月23日 周一 出诊的医生');
    gov.transport.setFault('none');
    await page.tap('#day-retry');
    expect(page.find('#day-error')).toBeUndefined();
    expect(dayAt(page, '2026-11-24').selected).toBe(true);
    expect(page.textOf('#day-title')).toBe('11月24日 周二 出诊的医生');
    expectWithinBudgets(page);
  });
});
