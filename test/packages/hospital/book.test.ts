import type { Booking, BookingsResponse } from '../../../miniprogram/contracts/health';
import type { PaymentOrder } from '../../../miniprogram/contracts/payments';
import type { ApiRequest } from '../../../miniprogram/contracts/http';
import { ServiceError } from '../../../miniprogram/core/errors';
import { idCheckChar } from '../../../miniprogram/core/validation';
import { fake, parseUrl } from '../../helpers/fake-wx';
import { createTestGovernment, payOrder, verifiedToken, type TestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { DEPARTMENT, DOCTOR, PAEDIATRICS, addFamily, bookedAs, call, doctorOf, freeSlot } from './helpers';

const ROUTE = 'packages/hospital/pages/book/book';
const APP_ID = 'wx5c1c7e5e7a1d0001';
const TEMPLATE = 'T8cZ3bookingReminder01';
const FATHER17 = '44030519500101001';
const CHECKOUT = /^\/packages\/pay\/pages\/checkout\/checkout\?order=(po[^&]+)/;

const attr = (page: RenderedPage, selector: string, name: string): unknown => page.find(selector)?.toJSON().attrs.find((a) => a.name === name)?.value;
const bookingsOf = (gov: TestGovernment, token: string): Promise<BookingsResponse> => call<BookingsResponse>(gov, token, 'GET', '/health/bookings');

/** Every request the app sends the government, and each time it asks WeChat for a subscription, in order. */
function watch(gov: TestGovernment, fail?: (req: ApiRequest) => 'before' | 'after' | null) {
  const log: string[] = [];
  const handle = gov.government.handle.bind(gov.government);
  jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => {
    log.push(`${req.method} ${req.path}`);
    const when = fail?.(req) ?? null;
    if (when === 'before') throw new ServiceError('NETWORK', 'request:fail network unavailable');
    const res = await handle(req);
    // The government did it; the answer is lost on the way back.
    if (when === 'after') throw new ServiceError('TIMEOUT', 'request:fail timeout');
    return res;
  });
  const ask = wx.requestSubscribeMessage.bind(wx);
  jest.spyOn(wx, 'requestSubscribeMessage').mockImplementation((options) => {
    log.push('subscribe');
    return ask(options);
  });
  return log;
}

async function openBook(gov: TestGovernment, token: string, options: { doctor?: string; department?: string; language?: string } = {}) {
  const doctor = options.doctor ?? DOCTOR;
  const slot = await freeSlot(gov, token, doctor);
  const page = await renderPage(ROUTE, { gov, query: { slot: slot.id, department: options.department ?? DEPARTMENT, doctor }, language: options.language });
  return { page, slot };
}

const checkoutOrder = (): string => CHECKOUT.exec(fake.navigations.filter((n) => n.url.startsWith('/packages/pay/')).pop()?.url ?? '')?.[1] ?? '';

describe('book page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity, carrying the slot', async () => {
    const page = await renderPage(ROUTE, { query: { slot: 'h1-cardiology-1.20261125.a1', department: DEPARTMENT, doctor: DOCTOR } });
    expect(fake.navigations[0].url).toBe(`/pages/identity/identity?redirect=${encodeURIComponent(`/${ROUTE}?slot=h1-cardiology-1.20261125.a1&department=${DEPARTMENT}&doctor=${DOCTOR}`)}`);
    expectWithinBudgets(page);
  });

  it('says what is missing with an empty query, and leads to the hospitals', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.textOf('#state >>> .load-message')).toBe('We could not find that appointment time. Go back and choose a hospital, doctor and time again.');
    await page.tap('#state >>> #forward');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: '/packages/hospital/pages/hospitals/hospitals' });
    expectWithinBudgets(page);
  });

  it('books for myself: asks for the reminder inside the tap before booking, holds the place until paid, and opens the confirmation when paid', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    fake.appId = APP_ID;
    const { page, slot } = await openBook(gov, token);
    expect(attr(page, '#patient-self', 'ariaChecked')).toBe(true);
    expect(page.textOf('#answers')).toContain('市第一人民医院');
    expect(page.textOf('#answers')).toContain('心血管内科');
    expect(page.textOf('#when')).toContain(slot.date);
    expect(page.textOf('#answer-patient')).toBe('李明（本人）');
    const log = watch(gov);
    await page.tap('#confirm');
    expect(log.slice(0, 2)).toEqual(['subscribe', 'POST /health/bookings']);
    expect(fake.subscribeRequests).toEqual([[TEMPLATE]]);
    const orderId = checkoutOrder();
    expect(orderId).not.toBe('');
    const [booking] = (await bookingsOf(gov, token)).upcoming;
    expect(booking).toEqual(expect.objectContaining({ slotId: slot.id, status: 'pending-payment', patient: expect.objectContaining({ id: 'self' }) }));
    expect(booking.reminder.status).toBe('subscribed');
    // Back from checkout without paying: the place is held, and the next tap pays the same order.
    await page.call('onHide');
    await page.call('onShow');
    expect(page.textOf('#held')).toMatch(/^号源已为您保留到 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，请在此之前完成支付/);
    await page.tap('#confirm');
    expect(checkoutOrder()).toBe(orderId);
    expect(fake.subscribeRequests).toHaveLength(1);
    expect((await bookingsOf(gov, token)).upcoming).toHaveLength(1);
    await page.call('onHide');
    await payOrder(gov, await call<PaymentOrder>(gov, token, 'GET', `/payments/orders/${orderId}`));
    await page.call('onShow');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/packages/hospital/pages/booking/booking?id=${booking.id}` });
    expectWithinBudgets(page);
  });

  it('books paediatrics for the daughter, gives the age rule beside the patient when an adult is chosen, and asks no reminder under the tourist appid', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const { page } = await openBook(gov, token, { doctor: `${PAEDIATRICS}-1`, department: PAEDIATRICS });
    // The son is 14: like his father he is flagged; the daughter (7) is chosen.
    expect(attr(page, '#patient-fm-r02-daughter', 'ariaChecked')).toBe(true);
    expect(page.textOf('#patient-self')).toContain('儿科只接诊 14 岁以下的儿童');
    expect(page.textOf('#patient-fm-r02-daughter')).toContain('未实名：就诊时姓名和身份证号须与预约一致');
    await page.tap('#patient-self');
    await page.tap('#confirm');
    expect(page.textOf('#patient-error')).toBe('儿科只接诊 14 岁以下的儿童，请为这位就诊人选择其他科室。');
    expect(page.textOf('#error-summary')).toContain('儿科只接诊');
    expect(fake.navigations).toEqual([]);
    await page.tap('#patient-fm-r02-daughter');
    expect(page.find('#patient-error')).toBeUndefined();
    await page.tap('#confirm');
    expect(checkoutOrder()).not.toBe('');
    const { upcoming } = await bookingsOf(gov, token);
    expect(upcoming.map((b) => [b.patient.id, b.patient.name, b.department.id])).toEqual([['fm-r02-daughter', '李小雨', PAEDIATRICS]]);
    // The tourist appid has no reminder template: nothing is asked, and the government records it as unavailable.
    expect(fake.subscribeRequests).toEqual([]);
    expect(upcoming[0].reminder.status).toBe('unavailable');
    expectWithinBudgets(page);
  });

  it('makes one booking of a double tap: one POST answered once, one reminder request, one checkout', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    fake.appId = APP_ID;
    const { page } = await openBook(gov, token);
    const log = watch(gov);
    await page.act('double tap confirm', () => {
      page.find('#confirm')?.dispatchEvent('tap');
      page.find('#confirm')?.dispatchEvent('tap');
    });
    expect(log.filter((line) => line === 'POST /health/bookings')).toHaveLength(1);
    expect(fake.subscribeRequests).toHaveLength(1);
    expect(fake.navigations.filter((n) => CHECKOUT.test(n.url))).toHaveLength(1);
    expect((await bookingsOf(gov, token)).upcoming).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('gets the same booking back when retrying after its answer was lost, asking for the reminder once', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    fake.appId = APP_ID;
    const { page } = await openBook(gov, token);
    let losing = true;
    const log = watch(gov, (req) => (losing && req.method === 'POST' && req.path === '/health/bookings' ? 'after' : null));
    await page.tap('#confirm');
    expect(page.textOf('#error-summary')).toContain('网络连接失败，请检查网络后重试');
    expect(attr(page, '#patient-self', 'ariaChecked')).toBe(true);
    losing = false;
    await page.tap('#confirm');
    expect(log.filter((line) => line === 'POST /health/bookings')).toHaveLength(2);
    const { upcoming } = await bookingsOf(gov, token);
    expect(upcoming).toHaveLength(1);
    expect(checkoutOrder()).not.toBe('');
    expect(fake.subscribeRequests).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('says "just taken" when another resident took the last place, offers the next free times, and books one', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const { page, slot } = await openBook(gov, token, { language: 'en' });
    // Other residents take every place left meanwhile.
    for (const key of ['r01', 'r03', 'r04', 'r05']) {
      const left = (await doctorOf(gov, token)).days.flatMap((day) => day.slots).find((s) => s.id === slot.id)?.remaining ?? 0;
      if (left === 0) break;
      await call<Booking>(gov, await verifiedToken(gov.government, key), 'POST', '/health/bookings', { slotId: slot.id, departmentId: DEPARTMENT, patientId: 'self' });
    }
    await page.tap('#confirm');
    expect(page.textOf('#taken')).toContain('Someone has just taken that time.');
    expect(page.textOf('#taken')).toContain('This doctor\'s next free times; tap one to book it instead:');
    const offered = page.findAll('.next-slot');
    expect(offered.length).toBeGreaterThan(0);
    expect(attr(page, '#confirm', 'ariaDisabled')).toBe(true);
    const next = (await freeSlot(gov, token)).id;
    await page.tap('#next-0');
    expect(page.find('#taken')).toBeUndefined();
    expect(page.textOf('#answer-patient')).toBe('李明 (Myself)');
    await page.tap('#confirm');
    const { upcoming } = await bookingsOf(gov, token);
    expect(upcoming.map((b) => b.slotId)).toEqual([next]);
    expectWithinBudgets(page);
  });

  it('gives the last place to exactly one of the page\'s confirm and another resident\'s booking sent at the same moment', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const { page, slot } = await openBook(gov, token);
    const remaining = async (): Promise<number> => (await doctorOf(gov, token)).days.flatMap((day) => day.slots).find((s) => s.id === slot.id)?.remaining ?? -1;
    if ((await remaining()) > 1) await call<Booking>(gov, await verifiedToken(gov.government, 'r01'), 'POST', '/health/bookings', { slotId: slot.id, departmentId: DEPARTMENT, patientId: 'self' });
    expect(await remaining()).toBe(1);
    const rival = await verifiedToken(gov.government, 'r03');
    // Both start before either is answered.
    const [, theirs] = await Promise.all([
      page.tap('#confirm'),
      gov.government.handle({ method: 'POST', path: '/health/bookings', headers: { authorization: `Bearer ${rival}`, 'idempotency-key': 'rival' }, body: JSON.stringify({ slotId: slot.id, departmentId: DEPARTMENT, patientId: 'self' }) }),
    ]);
    expect(await remaining()).toBe(0);
    const pageWon = checkoutOrder() !== '';
    expect(theirs.status).toBe(pageWon ? 409 : 201);
    expect((await bookingsOf(gov, token)).upcoming).toHaveLength(pageWon ? 1 : 0);
    if (!pageWon) {
      expect(page.textOf('#taken')).toContain('这个时段刚刚被约满了。');
      expect(page.findAll('.next-slot').length).toBeGreaterThan(0);
    }
    expectWithinBudgets(page);
  });

  it('remembers a refused reminder and does not ask again on the next booking', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    fake.appId = APP_ID;
    fake.subscribeAnswer = 'reject';
    const first = await openBook(gov, token);
    await first.page.tap('#confirm');
    expect(fake.subscribeRequests).toHaveLength(1);
    expect(fake.storage.get('hospital.reminderDeclined')).toBe(true);
    const second = await openBook(gov, token, { doctor: 'h1-neurology-1', department: 'h1-neurology' });
    await second.page.tap('#confirm');
    expect(fake.subscribeRequests).toHaveLength(1);
    const { upcoming } = await bookingsOf(gov, token);
    expect(upcoming.map((b) => b.reminder.status)).toEqual(['declined', 'declined']);
    expectWithinBudgets(first.page);
    expectWithinBudgets(second.page);
  });

  it('keeps every choice through a network failure at each step, and one retry each finishes with one booking', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    fake.appId = APP_ID;
    gov.transport.setFault('offline');
    const slot = await freeSlot(gov, token, `${PAEDIATRICS}-1`);
    const page = await renderPage(ROUTE, { gov, query: { slot: slot.id, department: PAEDIATRICS, doctor: `${PAEDIATRICS}-1` } });
    expect(page.textOf('#state')).toContain('网络连接失败');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(attr(page, '#patient-fm-r02-daughter', 'ariaChecked')).toBe(true);
    let failing = '';
    const log = watch(gov, (req) => {
      if (req.method !== 'POST' || !failing || !req.path.endsWith(failing)) return null;
      failing = '';
      return 'before';
    });
    for (const step of ['/health/bookings', '/reminder', '/payments/orders']) {
      failing = step;
      await page.tap('#confirm');
      expect(page.textOf('#error-summary')).toContain('网络连接失败，请检查网络后重试');
      expect(attr(page, '#patient-fm-r02-daughter', 'ariaChecked')).toBe(true);
      expect(page.textOf('#when')).toContain(slot.date);
      if (step !== '/health/bookings') expect(page.textOf('#held')).toContain('号源已为您保留到');
    }
    await page.tap('#confirm');
    expect(checkoutOrder()).not.toBe('');
    expect(fake.subscribeRequests).toHaveLength(1);
    expect(log.filter((line) => line === 'POST /health/bookings')).toHaveLength(2);
    expect((await bookingsOf(gov, token)).upcoming).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('shows a blocked patient with their block and cannot choose them', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r09');
    const { page } = await openBook(gov, token);
    expect(page.textOf('#patient-self')).toMatch(/因多次爽约，\d{4}-\d{2}-\d{2} 前不能在线预约/);
    expect(attr(page, '#patient-self', 'ariaDisabled')).toBe(true);
    await page.tap('#patient-self');
    await page.tap('#confirm');
    expect(page.textOf('#patient-error')).toBe('请选择就诊人');
    expect(fake.navigations).toEqual([]);
    expectWithinBudgets(page);
  });

  it('explains the person\'s own no-show block on its panel, and a block that started meanwhile too', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r09');
    const { page } = await openBook(gov, token);
    expect(page.textOf('#block').replace(/\s/g, ' ')).toBe('2026-12-16 前不能在线预约您在 90 天内有 3 次预约没有就诊（2026-10-03、2026-10-28、2026-11-16），按规定暂停在线预约 30 天。这期间请到医院挂号窗口现场挂号；2026-12-16 起可以再在线预约。');
    expect(page.find('#patient-error')).toBeUndefined();

    // The same resident on the day the block ends can choose herself; the clock then goes back into the block.
    gov.clock.set(Date.parse('2026-12-16T08:00:00+08:00'));
    const later = await signInAs(gov, 'r09');
    const { page: open } = await openBook(gov, later);
    expect(open.find('#block')).toBeUndefined();
    expect(attr(open, '#patient-self', 'ariaChecked')).toBe(true);
    gov.clock.set(Date.parse('2026-12-15T20:00:00+08:00'));
    await open.tap('#confirm');
    expect(open.textOf('#block')).toMatch(/^2026-12-16 前不能在线预约/);
    expect(attr(open, '#patient-self', 'ariaChecked')).toBe(false);
    expect(open.find('#patient-error')).toBeUndefined();
    expect(checkoutOrder()).toBe('');
    expectWithinBudgets(page);
    expectWithinBudgets(open);
  });

  it('gives a held place back on "Change time" and returns to the doctor page it came from, so another time that day books', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const doctor = await doctorOf(gov, token);
    const day = doctor.days.find((d) => d.slots.filter((slot) => slot.remaining > 0).length >= 2);
    const [first, second] = (day?.slots ?? []).filter((slot) => slot.remaining > 0);
    fake.stack = [parseUrl('/pages/home/home'), parseUrl(`/packages/hospital/pages/doctor/doctor?id=${DOCTOR}`), parseUrl(`/${ROUTE}`)];
    const page = await renderPage(ROUTE, { gov, query: { slot: first.id, department: DEPARTMENT, doctor: DOCTOR } });
    await page.tap('#confirm');
    expect(checkoutOrder()).not.toBe('');
    // Back from checkout without paying: the person wants another time.
    fake.stack.pop();
    await page.call('onHide');
    await page.call('onShow');
    await page.tap('#change-time');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateBack', url: '1' });
    expect((await bookingsOf(gov, token)).upcoming).toEqual([]);
    const again = await renderPage(ROUTE, { gov, query: { slot: second.id, department: DEPARTMENT, doctor: DOCTOR } });
    await again.tap('#confirm');
    expect(again.find('#patient-error')).toBeUndefined();
    expect((await bookingsOf(gov, token)).upcoming.map((b) => b.slotId)).toEqual([second.id]);
    expectWithinBudgets(page);
    expectWithinBudgets(again);
  });

  it('opens the doctor\'s times on "Change time" when opened from a link, and leads to My bookings when that day is already booked', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r02');
    const booked = await bookedAs(gov, token);
    const other = (await doctorOf(gov, token)).days.find((d) => d.date === booked.date)?.slots.find((slot) => slot.remaining > 0 && slot.id !== booked.slotId);
    const page = await renderPage(ROUTE, { gov, query: { slot: other?.id ?? booked.slotId, department: DEPARTMENT, doctor: DOCTOR }, language: 'en' });
    await page.tap('#confirm');
    expect(page.textOf('#patient-error')).toBe('This patient already has a booking in this department that day; one per department per day.');
    await page.tap('#change-time');
    expect(fake.navigations.pop()).toEqual({ kind: 'redirectTo', url: `/packages/hospital/pages/doctor/doctor?id=${DOCTOR}&date=${booked.date}` });
    await page.tap('#existing');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/hospital/pages/bookings/bookings' });
    expectWithinBudgets(page);
  });

  it('chooses a family member just added on the patients page when coming back', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r03');
    const { page } = await openBook(gov, token);
    await page.tap('#add-patient');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: '/packages/hospital/pages/patients/patients?pick=1' });
    await page.call('onHide');
    const added = await addFamily(gov, token, { name: '陈大山', idNumber: `${FATHER17}${idCheckChar(FATHER17)}`, relationship: 'parent' });
    await page.call('onShow');
    expect(attr(page, `#patient-${added.id}`, 'ariaChecked')).toBe(true);
    expect(page.textOf('#answer-patient')).toBe('陈大山（父母）');
    expectWithinBudgets(page);
  });
});
