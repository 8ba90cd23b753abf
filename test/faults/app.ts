// The app on the resident's phone, as a fresh module registry (a cold start: the client, the session and
// every module's memory new; what the fake wx storage holds survives), and the resident's journeys
// through its services, with the page's "try again" tap (the same idempotency key) after a transient error.
import type { PayItemRef, PaymentOrder } from '../../miniprogram/contracts/payments';
import type { Booking } from '../../miniprogram/contracts/health';
import type { AccountSummary } from '../../miniprogram/contracts/bills';
import type { CivilCase } from '../../miniprogram/contracts/civil';
import type { CreateReportResponse, ServiceDefinition } from '../../miniprogram/contracts/reports';
import type { ServiceError } from '../../miniprogram/core/errors';
import { faultyTransport, type FaultPlan } from './faults';
import { SHARED_ACCOUNT, type PhoneFixture, type World } from './world';

export interface Composer {
  compose: typeof import('../../miniprogram/packages/reports/pages/compose/draft');
  flow: typeof import('../../miniprogram/packages/reports/pages/compose/flow');
}

export interface App {
  api: typeof import('../../miniprogram/services/api');
  payments: typeof import('../../miniprogram/services/payments');
  fines: typeof import('../../miniprogram/services/fines');
  wallet: typeof import('../../miniprogram/packages/pay/wallet');
  bills: typeof import('../../miniprogram/packages/bills/service');
  hospital: typeof import('../../miniprogram/packages/hospital/service');
  reports: typeof import('../../miniprogram/packages/reports/service');
  /** The compose page's draft and journey, loaded when first used (as the page itself is). */
  composer(): Promise<Composer>;
  civil: typeof import('../../miniprogram/packages/civil/service');
  session: typeof import('../../miniprogram/core/session');
  client: typeof import('../../miniprogram/core/client');
  errors: typeof import('../../miniprogram/core/errors');
}

/** A cold start of the app: new modules, the faulty network, the session read back from storage (as the gate does). */
export async function openApp(world: World, plan: FaultPlan): Promise<App> {
  jest.resetModules();
  let composer: Promise<Composer> | undefined;
  const app: App = {
    api: await import('../../miniprogram/services/api'),
    payments: await import('../../miniprogram/services/payments'),
    fines: await import('../../miniprogram/services/fines'),
    wallet: await import('../../miniprogram/packages/pay/wallet'),
    bills: await import('../../miniprogram/packages/bills/service'),
    hospital: await import('../../miniprogram/packages/hospital/service'),
    reports: await import('../../miniprogram/packages/reports/service'),
    composer: () => {
      composer ??= Promise.all([import('../../miniprogram/packages/reports/pages/compose/draft'), import('../../miniprogram/packages/reports/pages/compose/flow')])
        .then(([compose, flow]) => ({ compose, flow }));
      return composer;
    },
    civil: await import('../../miniprogram/packages/civil/service'),
    session: await import('../../miniprogram/core/session'),
    client: await import('../../miniprogram/core/client'),
    errors: await import('../../miniprogram/core/errors'),
  };
  app.api.useTransport(faultyTransport(() => world.wire(), plan, app.errors.ServiceError), { retryBaseDelayMs: 1 });
  await app.session.loadSession();
  return app;
}

/** The first run on this phone: the resident verified (the session as the identity page leaves it). */
export async function signIn(app: App, phone: PhoneFixture): Promise<void> {
  await app.session.saveSession(phone.token, phone.profile);
}

export type Answer<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

/** More than a command's faults can fail in a row: every journey gets its answer. */
export const MAX_TAPS = 8;

/** Taps again (the same call: the same key) while the failure is one a retry may cure. */
export async function tap<T>(app: App, call: () => Promise<T>): Promise<Answer<T>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, value: await call() };
    } catch (raw) {
      const error = app.errors.toServiceError(raw);
      if (!error.transient || attempt >= MAX_TAPS) return { ok: false, error };
    }
  }
}

export type PayResult =
  | { kind: 'refused'; code: string }
  /** Nothing to pay: the order read was already settled. */
  | { kind: 'settled'; order: PaymentOrder }
  /** WeChat Pay did not take money (it refused a second payment of one order). */
  | { kind: 'not-charged'; outcome: string; order: PaymentOrder }
  /** WeChat Pay took it; `order` as the app last read it (pending while the notification is late). */
  | { kind: 'charged'; order: PaymentOrder }
  | { kind: 'killed'; order: PaymentOrder };

/** The checkout: an order (or the earlier one holding these items), WeChat Pay, then the status query. */
export async function payItems(app: App, items: PayItemRef[], totalFen: number, key: string, killAfterPay: boolean): Promise<PayResult> {
  const start = await tap(app, () => app.payments.startPayment(items, totalFen, key));
  if (!start.ok) return { kind: 'refused', code: start.error.code };
  const order = start.value.kind === 'order' ? start.value.order : start.value.earlier;
  if (order.status !== 'pending') return { kind: 'settled', order };
  let outcome: string;
  try {
    outcome = await app.wallet.payWithWeChat(order);
  } catch (raw) {
    return { kind: 'refused', code: app.errors.toServiceError(raw).code };
  }
  if (outcome !== 'paid') return { kind: 'not-charged', outcome, order };
  if (killAfterPay) return { kind: 'killed', order };
  const confirmed = await tap(app, () => app.payments.confirmOrder(order.id));
  return { kind: 'charged', order: confirmed.ok ? confirmed.value : order };
}

/** The notice page: read the notice, pay it if it is unpaid. */
export async function payFine(app: App, noticeId: string, key: string, killAfterPay: boolean): Promise<PayResult | { kind: 'already-paid' }> {
  const notice = await tap(app, () => app.fines.getNotice(noticeId));
  if (!notice.ok) return { kind: 'refused', code: notice.error.code };
  if (notice.value.status !== 'unpaid') return { kind: 'already-paid' };
  return payItems(app, app.fines.noticeItems([noticeId]), notice.value.dueFen, key, killAfterPay);
}

/** The accounts page: the shared flat's account, and everything unpaid on it in one order. */
export async function payBills(app: App, key: string, killAfterPay: boolean): Promise<PayResult | { kind: 'nothing-due' } | { kind: 'not-bound' }> {
  const accounts = await tap(app, () => app.bills.listAccounts());
  if (!accounts.ok) return { kind: 'refused', code: accounts.error.code };
  const account = accounts.value.items.find((a) => a.companyId === SHARED_ACCOUNT.companyId);
  if (!account) return { kind: 'not-bound' };
  const detail = await tap(app, () => app.bills.getAccount(account.id));
  if (!detail.ok) return { kind: 'refused', code: detail.error.code };
  const unpaid = detail.value.unpaid.filter((bill) => bill.status === 'unpaid');
  if (unpaid.length === 0) return { kind: 'nothing-due' };
  const total = unpaid.reduce((sum, bill) => sum + bill.dueFen, 0);
  return payItems(app, app.bills.billItems(unpaid), total, key, killAfterPay);
}

/** The booking page: read the booking, pay its fee if it still waits for it. */
export async function payBooking(app: App, bookingId: string, key: string, killAfterPay: boolean): Promise<PayResult | { kind: 'not-due' }> {
  const booking = await tap(app, () => app.hospital.getBooking(bookingId));
  if (!booking.ok) return { kind: 'refused', code: booking.error.code };
  if (booking.value.status !== 'pending-payment') return { kind: 'not-due' };
  return payItems(app, app.hospital.bookingItems(bookingId), booking.value.feeFen, key, killAfterPay);
}

export function bindAccount(app: App, phone: PhoneFixture, key: string): Promise<Answer<AccountSummary>> {
  return tap(app, () => app.bills.bindAccount({ ...SHARED_ACCOUNT, proof: phone.proof, label: '家里' }, key));
}

export function bookSlot(app: App, slot: { slotId: string; departmentId: string }, key: string): Promise<Answer<Booking>> {
  return tap(app, () => app.hospital.createBooking({ slotId: slot.slotId, departmentId: slot.departmentId, patientId: 'self' }, key));
}

export function cancelBooking(app: App, bookingId: string, key: string): Promise<Answer<Booking>> {
  return tap(app, () => app.hospital.cancelBooking(bookingId, key));
}

/** The join page: open the code, then accept with the declaration signed. */
export async function acceptInvitation(app: App, invitation: { code: string; caseId: string }, key: string): Promise<Answer<CivilCase>> {
  const preview = await tap(app, () => app.civil.openInvitation({ code: invitation.code, caseId: invitation.caseId }));
  if (!preview.ok) return preview;
  return tap(app, () => app.civil.acceptCase(invitation.caseId, { code: invitation.code, declaration: true }, key));
}

async function definitionOf(app: App, serviceCode: string): Promise<Answer<ServiceDefinition>> {
  return tap(app, () => app.reports.getDefinition(serviceCode));
}

/** The compose page as the person types: the description and a typed address, kept as a draft at once. */
export async function typeReport(app: App, serviceCode: string, description: string): Promise<Answer<ServiceDefinition>> {
  const definition = await definitionOf(app, serviceCode);
  if (!definition.ok) return definition;
  const { compose } = await app.composer();
  const { form, progress } = compose.restored(definition.value);
  form.description = description;
  form.place = { mode: 'address', lat: 0, long: 0, label: '', address: '天河路 385 号门前', district: 'tianhe' };
  compose.keepDraft(serviceCode, form, progress);
  return definition;
}

/** What the draft holds now (a fresh read, as the page's first load does), or null. */
export async function draftDescription(app: App, definition: ServiceDefinition): Promise<string | null> {
  const { form } = (await app.composer()).compose.restored(definition);
  return form.description === '' ? null : form.description;
}

export type SubmitResult = { kind: 'filed'; answer: CreateReportResponse; attempts: number } | { kind: 'unfiled'; last: string; attempts: number };

/**
 * "Send report", tapped again after each failure; `restartAfterFailure`: the app is closed after the first
 * failure and opened again (`reopen`), so the next tap starts from the stored draft.
 */
export async function submitReport(app: App, serviceCode: string, reopen: (() => Promise<App>) | null): Promise<SubmitResult> {
  let current = app;
  let last = '';
  for (let attempt = 1; attempt <= MAX_TAPS; attempt += 1) {
    const definition = await definitionOf(current, serviceCode);
    if (!definition.ok) return { kind: 'unfiled', last: definition.error.code, attempts: attempt };
    const { compose, flow } = await current.composer();
    const { form, progress } = compose.restored(definition.value);
    const outcome = await flow.submitReport({ definition: definition.value, form, progress, query: {} }, 'packages/reports/pages/compose/compose');
    if (outcome.kind === 'filed') return { kind: 'filed', answer: outcome.answer, attempts: attempt };
    last = outcome.kind === 'failed' ? outcome.message : outcome.kind;
    if (outcome.kind !== 'failed') return { kind: 'unfiled', last, attempts: attempt };
    if (reopen && attempt === 1) current = await reopen();
  }
  return { kind: 'unfiled', last, attempts: MAX_TAPS };
}
