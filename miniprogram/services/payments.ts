// The shared payment flow: an order from the government, WeChat Pay on the device, confirmation
// by the government. Bills and passport fees use the same calls with their own items.
import type { ConfirmOrderRequest, CreateOrderRequest, OpenOrdersResponse, PayItemRef, PaymentOrder } from '../contracts/payments';
import { ServiceError, toWxApiError } from '../core/errors';
import { readStorageSync, writeStorageSync } from '../core/storage';
import { buildUrl } from '../core/gate';
import { backendConfig } from '../config';
import { isDevTools, requestPayment } from '../core/wx';
import { api } from './api';

export const CHECKOUT_PAGE = '/packages/pay/pages/checkout/checkout';
export const RECEIPT_PAGE = '/packages/pay/pages/receipt/receipt';

/** `resumed`: an earlier open order for these items, shown instead of a new one. */
export const checkoutUrl = (orderId: string, resumed = false): string => buildUrl(CHECKOUT_PAGE, resumed ? { order: orderId, resumed: '1' } : { order: orderId });
export const receiptUrl = (orderId: string): string => buildUrl(RECEIPT_PAGE, { order: orderId });

/** Orders WeChat Pay has charged whose confirmation has not reached the government yet, kept on the device. */
const UNCONFIRMED_KEY = 'payments.unconfirmed';
/** Past this a remembered payment is dropped (the government forgets idempotency keys sooner anyway). */
const UNCONFIRMED_KEEP_MS = 7 * 24 * 3600 * 1000;
/** Answers after which confirming again cannot help: the order is settled or can never be. */
const FINAL_CODES = ['ORDER_CLOSED', 'ORDER_EXPIRED', 'ALREADY_PAID', 'PAID_AT_INVALID'];

/** paidAt: when WeChat Pay succeeded, in the government's time; savedAt: device time, for dropping old entries. */
export interface UnconfirmedPayment { orderId: string; paidAt: number; savedAt: number }

function readUnconfirmed(): UnconfirmedPayment[] {
  const stored = readStorageSync<unknown>(UNCONFIRMED_KEY);
  if (!Array.isArray(stored)) return [];
  return stored.filter((entry: unknown): entry is UnconfirmedPayment => {
    const e = entry as Partial<UnconfirmedPayment> | null;
    return typeof e === 'object' && e !== null && typeof e.orderId === 'string' && typeof e.paidAt === 'number' && typeof e.savedAt === 'number';
  }).filter((entry) => Date.now() - entry.savedAt < UNCONFIRMED_KEEP_MS);
}

function rememberUnconfirmed(entry: UnconfirmedPayment): void {
  writeStorageSync(UNCONFIRMED_KEY, [...readUnconfirmed().filter((e) => e.orderId !== entry.orderId), entry]);
}

function forgetUnconfirmed(orderId: string): void {
  writeStorageSync(UNCONFIRMED_KEY, readUnconfirmed().filter((e) => e.orderId !== orderId));
}

/** The payment WeChat Pay made for this order, if its confirmation is still owed. */
export function unconfirmedPayment(orderId: string): UnconfirmedPayment | undefined {
  return readUnconfirmed().find((entry) => entry.orderId === orderId);
}

/**
 * Confirms every order paid in WeChat Pay whose confirmation was lost, so its items show as paid and
 * are not paid again. Failures stay remembered for the next try. Resolves how many were settled.
 */
export async function settleUnconfirmedPayments(): Promise<number> {
  let settled = 0;
  for (const entry of readUnconfirmed()) {
    try {
      await confirmOrder(entry.orderId);
      settled += 1;
    } catch {
      // Kept (or dropped by confirmOrder when final); the next page that shows tries again.
    }
  }
  return settled;
}

/**
 * Asks the government for an order, after confirming any payment still owed a confirmation (it may
 * be for these very items). Pass the same key when retrying the same selection (after a timeout or a
 * double tap): the government answers with the same order instead of a second one.
 */
export async function createOrder(items: PayItemRef[], totalFen: number, idempotencyKey: string): Promise<PaymentOrder> {
  await settleUnconfirmedPayments();
  const body: CreateOrderRequest = { items, totalFen };
  return api().send<PaymentOrder>('POST', '/payments/orders', body, idempotencyKey);
}

export function openOrders(): Promise<OpenOrdersResponse> {
  return api().get<OpenOrdersResponse>('/payments/orders');
}

/**
 * An order for these items: a new one, or, when an earlier order holding some of them is still open
 * (it may have been paid already), that one, with `resumed` so checkout can say so.
 */
export async function startPayment(items: PayItemRef[], totalFen: number, idempotencyKey: string): Promise<{ order: PaymentOrder; resumed: boolean }> {
  try {
    return { order: await createOrder(items, totalFen, idempotencyKey), resumed: false };
  } catch (err) {
    if (!(err instanceof ServiceError) || err.code !== 'ORDER_PENDING') throw err;
    const wanted = new Set(items.map((item) => `${item.agency}/${item.itemId}`));
    const open = (await openOrders()).items.find((order) => order.lines.some((line) => wanted.has(`${line.agency}/${line.itemId}`)));
    if (!open) throw err;
    return { order: open, resumed: true };
  }
}

export function getOrder(orderId: string): Promise<PaymentOrder> {
  return api().get<PaymentOrder>(`/payments/orders/${encodeURIComponent(orderId)}`);
}

export type WalletOutcome = 'paid' | 'cancelled' | 'failed';

/**
 * Opens WeChat Pay for a pending order; a cancel or a failure charges nothing. Pass an order read just
 * now: its `readAt` anchors the payment time the confirmation reports. Success is remembered on the
 * device until the government confirms it. In DevTools against the embedded government WeChat Pay
 * cannot run (its order is not a real prepay id), so `simulate` (a sheet where the tester picks the
 * outcome) stands in for it.
 */
export async function payWithWeChat(order: PaymentOrder, simulate?: () => Promise<WalletOutcome>): Promise<WalletOutcome> {
  if (order.status !== 'pending' || !order.payParams) throw new ServiceError('ORDER_CLOSED', 'This order can no longer be paid');
  const started = Date.now();
  let outcome: WalletOutcome;
  if (simulate && backendConfig.kind === 'embedded' && isDevTools()) outcome = await simulate();
  else {
    try {
      await requestPayment(order.payParams);
      outcome = 'paid';
    } catch (raw) {
      outcome = toWxApiError(raw).cancelled ? 'cancelled' : 'failed';
    }
  }
  // Measured on the device from the government's own time, so the device's clock setting does not matter.
  if (outcome === 'paid') rememberUnconfirmed({ orderId: order.id, paidAt: order.readAt + Math.max(0, Date.now() - started), savedAt: Date.now() });
  return outcome;
}

/**
 * Tells the government the order was paid, with when WeChat Pay succeeded if this device paid it.
 * Safe to repeat: a paid order answers with its receipt. Stands in for WeChat Pay's notification.
 */
export async function confirmOrder(orderId: string): Promise<PaymentOrder> {
  const owed = unconfirmedPayment(orderId);
  const body: ConfirmOrderRequest = owed ? { paidAt: owed.paidAt } : {};
  try {
    const order = await api().send<PaymentOrder>('POST', `/payments/orders/${encodeURIComponent(orderId)}/confirm`, body, `confirm-${orderId}`);
    if (owed) forgetUnconfirmed(orderId);
    return order;
  } catch (err) {
    if (owed && err instanceof ServiceError && FINAL_CODES.includes(err.code)) forgetUnconfirmed(orderId);
    throw err;
  }
}
