import type { Booking, BookingsResponse } from '../../../miniprogram/contracts/health';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { bookAs, bookedAs, call } from './helpers';

const ROUTE = 'packages/hospital/pages/bookings/bookings';
const statuses = (page: Awaited<ReturnType<typeof renderPage>>, list: 'upcoming' | 'past'): string[] =>
  page.findAll(`.item-${list} .status`).map((node) => (node.dom as Element).textContent ?? '');

describe('bookings page', () => {
  it('sends a person who has not verified to identity', async () => {
    const page = await renderPage(ROUTE);
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}`)}`);
    expectWithinBudgets(page);
  });

  it('says there are none yet and leads to the hospitals', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r03');
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.textOf('#empty')).toBe('You have no bookings yet.Book an appointment');
    await page.tap('#book');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/hospital/pages/hospitals/hospitals' });
    expectWithinBudgets(page);
  });

  it('lists upcoming and past bookings with their status, and opens one', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r01');
    const pending = await bookAs(gov, token, { doctorId: 'h1-neurology-1', departmentId: 'h1-neurology' });
    const booked = await bookedAs(gov, token);
    const cancelled = await bookedAs(gov, token, { doctorId: 'h1-ent-1', departmentId: 'h1-ent' });
    await call<Booking>(gov, token, 'POST', `/health/bookings/${cancelled.id}/cancel`);
    const page = await renderPage(ROUTE, { gov });
    expect(statuses(page, 'upcoming').sort()).toEqual(['已预约', '待支付']);
    // r01's visit a month ago is attended (the seeded clock moved it past).
    expect(statuses(page, 'past').sort()).toEqual(['已取消', '已就诊']);
    expect(page.text()).toContain('就诊人 王芳');
    expect(page.find('#block')).toBeUndefined();
    const { upcoming } = await call<BookingsResponse>(gov, token, 'GET', '/health/bookings');
    expect(upcoming.map((b) => b.id).sort()).toEqual([pending.id, booked.id].sort());
    await page.tap('#upcoming-0');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/hospital/pages/booking/booking?id=${upcoming[0].id}` });
    expectWithinBudgets(page);
  });

  it('explains a no-show block on its own panel (why, until when, what to do), after a retried failed load', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r09');
    gov.transport.setFault('offline');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#state')).toContain('网络连接失败');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(messageAt(page, '#block')).toEqual({ kind: 'warning', role: 'alert' });
    expect(page.textOf('#block')).toMatch(/^(\d{4}-\d{2}-\d{2}) 前不能在线预约您在 90 天内有 3 次预约没有就诊（\d{4}-\d{2}-\d{2}、\d{4}-\d{2}-\d{2}、\d{4}-\d{2}-\d{2}），按规定暂停在线预约 30 天。这期间请到医院挂号窗口现场挂号；\1 起可以再在线预约。$/);
    expect(statuses(page, 'past')).toEqual(['爽约', '爽约', '爽约']);
    expect(page.textOf('#no-upcoming')).toBe('没有待就诊的预约。');
    expectWithinBudgets(page);
  });
});
