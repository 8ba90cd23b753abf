import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { addRecord } from '../../../miniprogram/mock/store';
import { loadSession } from '../../../miniprogram/core/session';
import { useTransport } from '../../../miniprogram/services/api';
import { bindVehicle, listNotices, noticeItems } from '../../../miniprogram/services/fines';
import { createOrder } from '../../../miniprogram/services/payments';
import { payWithWeChat } from '../../../miniprogram/packages/pay/wallet';
import type { RecordsResponse } from '../../../miniprogram/contracts/records';
import { bookedAs, call } from '../hospital/helpers';
import { bindAs, payAccount } from '../bills/helpers';
import { applyAs, payFee } from '../passport/helpers';

const ROUTE = 'packages/records/pages/records/records';

describe('my records page', () => {
  it('sends an unverified person to identity, carrying the page and its query', async () => {
    const page = await renderPage(ROUTE, { query: { from: 'me', tab: '2' } });
    expect(fake.navigations).toEqual([
      { kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent('/packages/records/pages/records/records?from=me&tab=2')}` },
    ]);
    expect(page.data.status).toBe('loading');
    expectWithinBudgets(page);
  });

  it('lists the verification record for a newly verified person', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r01');
    const page = await renderPage(ROUTE, { gov });
    expect(page.text()).toContain('实名认证（1101**********002X）');
    expect(page.text()).toMatch(/2026-11-22 10:00\s*编号 ID20261122000001/);
    expect(page.textOf('#end')).toBe('没有更多记录了');
    expectWithinBudgets(page);
  });

  it('says so when there is nothing yet', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r03');
    const state = gov.government.inspect();
    Object.keys(state.records).forEach((id) => {
      state.records[id] = [];
    });
    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.text()).toContain('No records yet. Payments, bookings and reports will appear here.');
    expectWithinBudgets(page);
  });

  it('shows an error with a retry when the government is unreachable, then recovers', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    gov.transport.setFault('unavailable');
    const page = await renderPage(ROUTE, { gov });
    expect(page.text()).toContain('服务暂时不可用，请稍后重试');
    gov.transport.setFault('none');
    await page.tap('#state >>> .load-retry');
    expect(page.text()).toContain('实名认证');
    expectWithinBudgets(page);
  });

  it('loads 20 at a time and appends only the new rows', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r06');
    gov.government.amend((state) => {
      for (let i = 0; i < 45; i += 1) {
        addRecord(state, 'p-r06', { id: `rec-x${i}`, kind: 'fine-payment', at: gov.clock.now() - i * 60000, reference: `FP${i}`, amountFen: 20000, detail: { count: 1 } });
      }
    });
    const page = await renderPage(ROUTE, { gov });
    expect(page.findAll('.record')).toHaveLength(20);
    expect(page.text()).toContain('¥200.00');
    await page.tap('#load-more');
    expect(page.findAll('.record')).toHaveLength(40);
    const appendCall = page.audit.interactions[page.audit.interactions.length - 1].calls.at(-1);
    expect(appendCall?.keys.filter((k) => k.startsWith('items['))).toHaveLength(20);
    await page.tap('#load-more');
    expect(page.findAll('.record')).toHaveLength(46);
    expect(page.textOf('#end')).toBe('没有更多记录了');
    expectWithinBudgets(page);
  });

  it('says when more cannot load, as an error, and loads them on a retry', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r06');
    gov.government.amend((state) => {
      for (let i = 0; i < 25; i += 1) {
        addRecord(state, 'p-r06', { id: `rec-y${i}`, kind: 'fine-payment', at: gov.clock.now() - i * 60000, reference: `FQ${i}`, amountFen: 20000, detail: { count: 1 } });
      }
    });
    const page = await renderPage(ROUTE, { gov });
    gov.transport.setFault('timeout');
    await page.tap('#load-more');
    expect(page.textOf('#more-error')).not.toBe('');
    expect(messageAt(page, '#more-error')).toEqual({ kind: 'error', role: 'alert' });
    expect(page.textOf('#load-more')).toBe('重试');
    gov.transport.setFault('none');
    await page.tap('#load-more');
    expect(page.find('#more-error')).toBeUndefined();
    expect(page.findAll('.record').length).toBeGreaterThan(20);
    expect(page.textOf('#end')).toBe('没有更多记录了');
    expectWithinBudgets(page);
  });
});

describe('my records and payments not yet confirmed', () => {
  it('lists a payment WeChat Pay took whose notification came late, once it is in', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    useTransport(gov.transport);
    await loadSession();
    const car = await bindVehicle({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' });
    const unpaid = (await listNotices(car.id)).items.filter((n) => n.status === 'unpaid');
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-records');
    gov.holdNotices(true);
    expect(await payWithWeChat(order)).toBe('paid');
    // WeChat Pay's notification has not reached the government yet: nothing recorded.
    expect(Object.values(gov.government.inspect().records).flat().filter((r) => r.kind === 'fine-payment')).toEqual([]);
    await gov.weChatPay.deliver();
    const page = await renderPage(ROUTE, { gov });
    expect(page.text()).toContain('交通违法缴款 1 笔');
    expect(page.text()).toContain('¥200.00');
    // The payment opens its receipt.
    await page.tap('.record-link');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/receipt/receipt?order=${order.id}` });
    expectWithinBudgets(page);
  });
});

describe('my records of hospital bookings', () => {
  it('opens a booking at its confirmation, and its fee and refund at the receipt', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r01');
    const booking = await bookedAs(gov, token);
    await call(gov, token, 'POST', `/health/bookings/${booking.id}/cancel`);
    const records = (await call<RecordsResponse>(gov, token, 'GET', '/records')).items;
    const of = (kind: string): string => records.find((r) => r.kind === kind)?.id ?? `no ${kind} record`;
    const orderId = records.find((r) => r.kind === 'booking-fee')?.detail.orderId;
    expect(typeof orderId).toBe('string');

    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf(`#record-${of('booking')}`)).toContain(`预约挂号：心血管内科 ${booking.date}`);
    await page.tap(`#record-${of('booking')}`);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/hospital/pages/booking/booking?id=${booking.id}` });
    expect(page.textOf(`#record-${of('booking-fee')}`)).toContain('挂号费');
    await page.tap(`#record-${of('booking-fee')}`);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/receipt/receipt?order=${String(orderId)}` });
    expect(page.textOf(`#record-${of('refund')}`)).toContain('退款');
    await page.tap(`#record-${of('refund')}`);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/receipt/receipt?order=${String(orderId)}` });

    // Those three are links to a screen reader; the verification opens nothing and is no link.
    const role = (id: string): unknown => page.find(`#record-${id}`)?.toJSON().attrs.find((a) => a.name === 'ariaRole')?.value;
    expect(role(of('booking'))).toBe('link');
    expect(role(of('identity-verified'))).toBeUndefined();
    await page.tap(`#record-${of('identity-verified')}`);
    expect(fake.navigations).toEqual([]);
    expect(page.findAll('.record-link')).toHaveLength(3);
    expectWithinBudgets(page);
  });

  it('lists a bill payment and opens its receipt', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r01');
    const account = await bindAs(gov, token, 'wangPower');
    const paid = await payAccount(gov, token, account.id);
    const orderId = paid.history[0].payment?.orderId ?? 'no order';
    const record = (await call<RecordsResponse>(gov, token, 'GET', '/records')).items.find((r) => r.kind === 'bill-payment');
    expect(record?.detail).toEqual({ count: 2, orderId });

    const page = await renderPage(ROUTE, { gov, language: 'en' });
    expect(page.textOf(`#record-${record?.id ?? ''}`)).toContain('Bill paid');
    await page.tap(`#record-${record?.id ?? ''}`);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/receipt/receipt?order=${orderId}` });
    expectWithinBudgets(page);
  });

  it('lists a newborn registration with its reference and opens it', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r07');
    const started = await call<{ registration: { id: string; reference: string } }>(gov, token, 'POST', '/civil/newborn', {
      birthCertificateNumber: 'R440123456', babyName: '周小雨', babySex: 'female', birthDate: '2026-11-12', applicant: 'mother', fatherNamed: true, hukouWith: 'mother', consent: true,
    });
    const record = (await call<RecordsResponse>(gov, token, 'GET', '/records')).items.find((r) => r.kind === 'newborn-registration');
    expect(record?.detail).toEqual({ registrationId: started.registration.id, reference: started.registration.reference });

    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf(`#record-${record?.id ?? ''}`)).toMatch(new RegExp(`^新生儿出生登记.*编号 ${started.registration.reference}`));
    await page.tap(`#record-${record?.id ?? ''}`);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/newborn/pages/registration/registration?id=${started.registration.id}` });
    expect(page.text()).not.toContain('周小雨');
    expectWithinBudgets(page);
  });

  it('lists a passport application and its fee: the application opens its page, the fee its receipt', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r04');
    const app = await applyAs(gov, token);
    await payFee(gov, token, app);
    const records = (await call<RecordsResponse>(gov, token, 'GET', '/records')).items;
    const application = records.find((r) => r.kind === 'passport-application');
    const fee = records.find((r) => r.kind === 'passport-fee');
    expect(application?.detail).toMatchObject({ applicationId: app.id, date: app.appointment.date, start: app.appointment.start });

    const page = await renderPage(ROUTE, { gov });
    expect(page.textOf(`#record-${application?.id ?? ''}`)).toContain(`护照申请：${app.appointment.date} ${app.appointment.start}`);
    await page.tap(`#record-${application?.id ?? ''}`);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/passport/pages/application/application?id=${app.id}` });
    expect(page.textOf(`#record-${fee?.id ?? ''}`)).toContain('护照申请费');
    await page.tap(`#record-${fee?.id ?? ''}`);
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `/packages/pay/pages/receipt/receipt?order=${String(fee?.detail.orderId)}` });
    expectWithinBudgets(page);
  });
});
