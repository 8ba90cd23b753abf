// The shared payment flow: an order from the government, WeChat Pay on the device, confirmation
// by the government. Bills and passport fees use the same calls with their own items.
import type { CreateOrderRequest, OpenOrdersResponse, PayItemRef, PaymentOrder } from '../contracts/payments';
import { ServiceError } from '../core/errors';
import { currentSession } from '../core/session';
import { readStorageSync, writeStorageSync } from '../core/storage';
import { buildUrl } from '../core/gate';
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
/** How long a page waits for owed confirmations before showing what it has (they go on in the background). */
export const SETTLE_WAIT_MS = 1500;

/**
 * savedAt: device time, for dropping old entries; items: `agency/itemId` of what the order holds (no new order may include them until it is
 * settled); person: whose payment it is (the masked ID of the session), so another sign-in leaves it alone;
 * totalFen: what WeChat Pay charged, for the person's messages.
 */
export interface UnconfirmedPayment { orderId: string; savedAt: number; items: string[]; person: string; totalFen: number }

/** The signed-in person, as entries are marked (the masked ID: the device never keeps the full one). */
const currentPerson = (): string => currentSession().profile?.idMasked ?? '';

const itemKey = (item: { agency: string; itemId: string }): string => `${item.agency}/${item.itemId}`;

function readUnconfirmed(): UnconfirmedPayment[] {
  const stored = readStorageSync<unknown>(UNCONFIRMED_KEY);
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((entry: unknown): UnconfirmedPayment[] => {
    const e = entry as Partial<UnconfirmedPayment> | null;
    if (typeof e !== 'object' || e === null || typeof e.orderId !== 'string' || typeof e.savedAt !== 'number') return [];
    // Entries saved before items and person were kept: tried under any sign-in, holding no items.
    const items = Array.isArray(e.items) ? e.items.filter((item): item is string => typeof item === 'string') : [];
    return [{ orderId: e.orderId, savedAt: e.savedAt, items, person: typeof e.person === 'string' ? e.person : '', totalFen: typeof e.totalFen === 'number' ? e.totalFen : 0 }];
  }).filter((entry) => Date.now() - entry.savedAt < UNCONFIRMED_KEEP_MS);
}

/** Entries of the signed-in person (and old entries that name nobody). */
function mine(entries: UnconfirmedPayment[]): UnconfirmedPayment[] {
  const person = currentPerson();
  return entries.filter((entry) => entry.person === '' || entry.person === person);
}

function rememberUnconfirmed(entry: UnconfirmedPayment): void {
  writeStorageSync(UNCONFIRMED_KEY, [...readUnconfirmed().filter((e) => e.orderId !== entry.orderId), entry]);
}

function forgetUnconfirmed(orderId: string): void {
  writeStorageSync(UNCONFIRMED_KEY, readUnconfirmed().filter((e) => e.orderId !== orderId));
}

/** The payment WeChat Pay made for this order (by the signed-in person), if its confirmation is still owed. */
export function unconfirmedPayment(orderId: string): UnconfirmedPayment | undefined {
  return mine(readUnconfirmed()).find((entry) => entry.orderId === orderId);
}

/** Whether the signed-in person has a payment WeChat Pay took whose confirmation is still owed. */
export function hasUnconfirmedPayments(): boolean {
  return mine(readUnconfirmed()).length > 0;
}

/** The signed-in person's owed confirmation for an order holding any of these items. */
export function unconfirmedPaymentFor(items: PayItemRef[]): UnconfirmedPayment | undefined {
  const wanted = new Set(items.map(itemKey));
  return mine(readUnconfirmed()).find((entry) => entry.items.some((item) => wanted.has(item)));
}

let settling: Promise<number> | null = null;

/**
 * Confirms every order the signed-in person paid in WeChat Pay whose confirmation was lost, so its items
 * show as paid and are not paid again. An entry is kept until the government answers paid or refund-due.
 * Calls made while one runs share it. Resolves how many were settled (paid or refund-due).
 */
export function settleUnconfirmedPayments(): Promise<number> {
  if (!settling) {
    settling = (async () => {
      let settled = 0;
      for (const entry of mine(readUnconfirmed())) {
        try {
          const order = await confirmOrder(entry.orderId);
          if (order.status === 'paid' || isRefundDue(order)) settled += 1;
        } catch {
          // Kept; the next page that shows, or "Check payment", tries again.
        }
      }
      return settled;
    })().finally(() => {
      settling = null;
    });
  }
  return settling;
}

/**
 * Settles owed confirmations without making a page wait on a slow one: resolves with how many were
 * settled if that took under `waitMs`, otherwise with 0 (settling goes on) and calls `later` with the
 * count when it ends, so the page can load again.
 */
export function settleInBackground(later: (settled: number) => void, waitMs = SETTLE_WAIT_MS): Promise<number> {
  const run = settleUnconfirmedPayments();
  let waited = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    run,
    new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        waited = true;
        resolve(0);
      }, waitMs);
    }),
  ]).then((settled) => {
    if (timer !== undefined) clearTimeout(timer);
    if (waited) {
      void run.then((n) => {
        if (n > 0) later(n);
      });
    }
    return settled;
  });
}

/** Refused on the device: an order WeChat Pay charged holds some of these items and is not confirmed yet. */
export class PaymentUnconfirmedError extends ServiceError {
  readonly owed: UnconfirmedPayment;

  constructor(owed: UnconfirmedPayment) {
    super('PAYMENT_UNCONFIRMED', `Order ${owed.orderId} was paid in WeChat Pay and is not confirmed yet; check that payment first`, 409);
    this.name = 'PaymentUnconfirmedError';
    this.owed = owed;
  }
}

/**
 * Asks the government for an order, after confirming any payment still owed a confirmation. Refused
 * (`PAYMENT_UNCONFIRMED`) while an order WeChat Pay charged for some of these items is unconfirmed: it
 * may be settled yet, and a second order could be charged again. Pass the same key when retrying the
 * same selection (after a timeout or a double tap): the government answers with the same order.
 */
export async function createOrder(items: PayItemRef[], totalFen: number, idempotencyKey: string): Promise<PaymentOrder> {
  await settleUnconfirmedPayments();
  const owed = unconfirmedPaymentFor(items);
  if (owed) throw new PaymentUnconfirmedError(owed);
  const body: CreateOrderRequest = { items, totalFen };
  return api().send<PaymentOrder>('POST', '/payments/orders', body, idempotencyKey);
}

export function openOrders(): Promise<OpenOrdersResponse> {
  return api().get<OpenOrdersResponse>('/payments/orders');
}

/**
 * What starting a payment led to. `order`: checkout for it (`resumed` when it is an earlier order for
 * exactly these items, amount held, or one paid in WeChat Pay whose confirmation is owed: checkout then
 * offers only "Check payment"). `earlier`: an earlier order holds some but not all of these items; it is
 * never replaced or closed on the app's word (it may have been paid), so the person chooses between
 * finishing it and choosing again once it stops holding them (`holdsUntil`).
 */
export type PaymentStart =
  | { kind: 'order'; order: PaymentOrder; resumed: boolean }
  | { kind: 'earlier'; earlier: PaymentOrder };

export async function startPayment(items: PayItemRef[], totalFen: number, idempotencyKey: string): Promise<PaymentStart> {
  try {
    const order = await createOrder(items, totalFen, idempotencyKey);
    return { kind: 'order', order, resumed: order.resumed === true };
  } catch (err) {
    if (err instanceof PaymentUnconfirmedError) return { kind: 'order', order: await getOrder(err.owed.orderId), resumed: true };
    if (!(err instanceof ServiceError) || err.code !== 'ORDER_PENDING') throw err;
    const wanted = new Set(items.map(itemKey));
    const earlier = (await openOrders()).items.find((order) => order.lines.some((line) => wanted.has(itemKey(line))));
    if (!earlier) throw err;
    return { kind: 'earlier', earlier };
  }
}

export function getOrder(orderId: string): Promise<PaymentOrder> {
  return api().get<PaymentOrder>(`/payments/orders/${encodeURIComponent(orderId)}`);
}

/** WeChat Pay took the payment for this order: remembered on the device until the government confirms it. */
export function rememberPaid(order: PaymentOrder): void {
  rememberUnconfirmed({ orderId: order.id, savedAt: Date.now(), items: order.lines.map(itemKey), person: currentPerson(), totalFen: order.totalFen });
}

/** WeChat Pay charged it, but it settles nothing: the government owes the amount back. */
export const isRefundDue = (order: PaymentOrder): boolean => order.status === 'closed' && order.closedReason === 'refund-due';

/**
 * Asks the government whether the order is settled. Only WeChat Pay's signed notification settles an
 * order (the app cannot: it could claim anything), so this is a status query, safe to repeat: a paid
 * order answers with its receipt, a refund-due one with the amount owed back, and an order WeChat Pay
 * charged whose notification has not reached the government yet is still pending. The device forgets a
 * payment it made only on a final answer (paid or refund-due).
 */
export async function confirmOrder(orderId: string): Promise<PaymentOrder> {
  const order = await getOrder(orderId);
  if (order.status === 'paid' || isRefundDue(order)) forgetUnconfirmed(orderId);
  return order;
}
