import type { Booking } from '../../../miniprogram/contracts/health';
import type { PaymentOrder } from '../../../miniprogram/contracts/payments';
import { formatCstDateTime } from '../../../miniprogram/core/dates';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, payOrder, verifiedToken } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { DEPARTMENT, PAEDIATRICS, bookAs, bookedAs, call, doctorOf, payBooking } from './helpers';

const ROUTE = 'packages/hospital/pages/booking/booking';
const DAUGHTER = { patientId: 'fm-r02-daughter', doctorId: `${PAEDIATRICS}-1`, departmentId: PAEDIATRICS };

const remainingOf = async (gov: Parameters<typeof doctorOf>[0], token: string, booking: Booking): Promise<number> =>
  (await doctorOf(gov, token, booking.doctor.id)).days.flatMap((day) => day.slots).find((slot) => slot.id === booking.slotId)?.remaining ?? -1;

describe('booking page', () => {
  it('sends a person who has not verified to identity, carrying the booking', async () => {
    const page = await renderPage(ROUTE, { query: { id: 'bk-1' } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}?id=bk-1`)}`);
    expectWithinBudgets(page);
  });

  it('says what is missing with an empty query, and leads to my bookings', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf('#state >>> .load-message')).toBe('没有找到这个预约，它可能不是您的预约。请在“我的预约”中查看。');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/hospital/pages/bookings/bookings' });
    expectWithinBudgets(page);
  });

  it('answers another person\'s booking like a missing one', async () => {
    const gov = createTestGovernment();
    const theirs = await bookAs(gov, await verifiedToken(gov.government, 'r01'));
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, query: { id: theirs.id } });
    expect(page.textOf('#state >>> .load-message')).toBe('没有找到这个预约，它可能不是您的预约。请在“我的预约”中查看。');
    expect(page.text()).not.toContain(theirs.reference);
    expectWithinBudgets(page);
  });

  it('confirms a paid booking for the daughter, and cancels it after asking and a failed try: refund reference shown, place freed', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const booking = await bookedAs(gov, token, DAUGHTER);
    const page = await renderPage(ROUTE, { gov, query: { id: booking.id } });
    expect(page.textOf('#reference')).toBe(booking.reference);
    expect(page.textOf('#status')).toBe('已预约');
    expect(page.textOf('#patient')).toBe('李小雨（子女）');
    expect(page.textOf('#family')).toBe('家庭成员未实名认证：就诊时姓名和身份证号须与预约一致。');
    expect(page.textOf('#when')).toContain(booking.date);
    expect(page.textOf('#where')).toContain('市妇女儿童医疗中心');
    expect(page.textOf('#bring')).toContain('李小雨的身份证原件');
    expect(page.textOf('#money')).toMatch(/^已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 支付 ¥\d+\.00$/);
    expect(page.textOf('#cancel-until')).toBe(`${booking.date} 00:00 前可免费取消`);
    const before = await remainingOf(gov, token, booking);
    // "Keep it" changes nothing.
    fake.modalAnswer = false;
    await page.tap('#cancel');
    expect(page.textOf('#status')).toBe('已预约');
    fake.modalAnswer = true;
    // A network failure keeps the booking and the button; the retry cancels once.
    gov.transport.setFault('offline');
    await page.tap('#cancel');
    expect(page.textOf('#notice')).toBe('网络连接失败，请检查网络后重试');
    expect(messageAt(page, '#notice')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.textOf('#status')).toBe('已预约');
    gov.transport.setFault('none');
    await page.tap('#cancel');
    expect(fake.modals.map((m) => m.title)).toEqual(['取消这个预约？', '取消这个预约？', '取消这个预约？']);
    expect(fake.modals[2].content).toMatch(/^挂号费 ¥\d+\.00 将原路退回微信支付，号源会立即释放给其他人。$/);
    expect(page.textOf('#status')).toBe('已取消');
    expect(page.textOf('#notice')).toBe('预约已取消。');
    expect(messageAt(page, '#notice')).toEqual({ kind: 'success', role: 'status' });
    expect(page.textOf('#money')).toMatch(/^已退款 ¥\d+\.00，原路退回微信支付。退款单号 RFD\S+$/);
    expect(page.find('#cancel')).toBeUndefined();
    expect(page.find('#cancel-until')).toBeUndefined();
    expect(await remainingOf(gov, token, booking)).toBe(before + 1);
    expectWithinBudgets(page);
  });

  it('replaces cancel with the reason once 00:00 of the visit day has passed, also when the clock passes it on the page', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const booking = await bookedAs(gov, token);
    gov.clock.set(booking.cancelUntil - 60_000);
    const page = await renderPage(ROUTE, { gov, query: { id: booking.id }, language: 'en' });
    expect(page.find('#cancel')).toBeDefined();
    gov.clock.set(booking.cancelUntil + 60_000);
    await page.tap('#cancel');
    expect(page.textOf('#notice')).toBe('Bookings cannot be cancelled online after 00:00 on the day of the visit.');
    expect(messageAt(page, '#notice')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.find('#cancel')).toBeUndefined();
    expect(page.textOf('#no-cancel')).toBe(`It is past 00:00 on the day of the visit, so it can no longer be cancelled online. If you cannot go, call the hospital on ${booking.hospital.phone}.`);
    expect(page.textOf('#status')).toBe('Booked');
    expectWithinBudgets(page);
  });

  it('retries a failed load, offers "Pay now" for a booking not paid yet, and shows it booked after paying', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const booking = await bookAs(gov, token);
    gov.transport.setFault('unavailable');
    const page = await renderPage(ROUTE, { gov, query: { id: booking.id }, language: 'en' });
    expect(page.textOf('#state')).toContain('The service is not available right now; try again shortly');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.textOf('#status')).toBe('Awaiting payment');
    expect(page.textOf('#money')).toMatch(/^Not paid yet\. Pay ¥\d+\.00 by \d{4}-\d{2}-\d{2} \d{2}:\d{2}, or the place is released\.$/);
    await page.tap('#pay');
    const orderId = /order=(po[^&]+)/.exec(fake.navigations.pop()?.url ?? '')?.[1] ?? '';
    expect(orderId).not.toBe('');
    await page.call('onHide');
    await payOrder(gov, await call<PaymentOrder>(gov, token, 'GET', `/payments/orders/${orderId}`));
    await page.call('onShow');
    expect(page.textOf('#status')).toBe('Booked');
    expect(page.find('#pay')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('tells when the reminder goes out, shows the message in the embedded government, says when it went, and when it was refused', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    // A visit after tomorrow, so the reminder (the day before at 09:00) is still to come.
    const slots = (await doctorOf(gov, token)).days.filter((day) => day.ahead > 1).flatMap((day) => day.slots.filter((slot) => slot.remaining > 0));
    const booking = await payBooking(gov, token, await call<Booking>(gov, token, 'POST', '/health/bookings', { slotId: slots[0].id, departmentId: DEPARTMENT, patientId: 'self' }));
    const reminded = await call<Booking>(gov, token, 'POST', `/health/bookings/${booking.id}/reminder`, { result: 'accept', templateId: 'T8cZ3bookingReminder01' });
    const page = await renderPage(ROUTE, { gov, query: { id: booking.id } });
    expect(page.textOf('#reminder')).toBe(`我们将在 ${formatCstDateTime(reminded.reminder.sendAt ?? 0)} 提醒您就诊。`);
    expect(page.textOf('#preview')).toContain('提醒消息预览');
    expect(page.textOf('#preview')).toContain('就诊提醒：明天');
    // The government's clock drives it: past 09:00 the day before, it has gone.
    gov.clock.set((reminded.reminder.sendAt ?? 0) + 60_000);
    await page.call('retry');
    expect(page.textOf('#reminder')).toBe(`已于 ${formatCstDateTime(reminded.reminder.sendAt ?? 0)} 发送就诊提醒。`);
    await call(gov, token, 'POST', `/health/bookings/${booking.id}/reminder`, { result: 'reject', templateId: 'T8cZ3bookingReminder01' });
    await page.call('retry');
    expect(page.textOf('#reminder')).toBe('您选择了不接收就诊提醒，请自行记下就诊时间。');
    expect(page.find('#preview')).toBeUndefined();
    expectWithinBudgets(page);
  });
});
