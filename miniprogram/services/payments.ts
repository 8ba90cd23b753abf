// The shared payment flow: an order from the government, WeChat Pay on the device, confirmation
// by the government. Bills and passport fees use the same calls with their own items.
import type { CreateOrderRequest, PayItemRef, PaymentOrder } from '../contracts/payments';
import { ServiceError, toWxApiError } from '../core/errors';
import { buildUrl } from '../core/gate';
import { backendConfig } from '../config';
import { isDevTools, requestPayment } from '../core/wx';
import { api } from './api';

export const CHECKOUT_PAGE = '/packages/pay/pages/checkout/checkout';
export const RECEIPT_PAGE = '/packages/pay/pages/receipt/receipt';

export const checkoutUrl = (orderId: string): string => buildUrl(CHECKOUT_PAGE, { order: orderId });
export const receiptUrl = (orderId: string): string => buildUrl(RECEIPT_PAGE, { order: orderId });

/**
 * Asks the government for an order. Pass the same key when retrying the same selection (after a
 * timeout or a double tap): the government answers with the same order instead of a second one.
 */
export function createOrder(items: PayItemRef[], totalFen: number, idempotencyKey: string): Promise<PaymentOrder> {
  const body: CreateOrderRequest = { items, totalFen };
  return api().send<PaymentOrder>('POST', '/payments/orders', body, idempotencyKey);
}

export function getOrder(orderId: string): Promise<PaymentOrder> {
  return api().get<PaymentOrder>(`/payments/orders/${encodeURIComponent(orderId)}`);
}

export type WalletOutcome = 'paid' | 'cancelled' | 'failed';

/**
 * Opens WeChat Pay for a pending order; a cancel or a failure charges nothing. In DevTools against
 * the embedded government WeChat Pay cannot run (its order is not a real prepay id), so `simulate`
 * (a sheet where the tester picks the outcome) stands in for it.
 */
export async function payWithWeChat(order: PaymentOrder, simulate?: () => Promise<WalletOutcome>): Promise<WalletOutcome> {
  if (order.status !== 'pending' || !order.payParams) throw new ServiceError('ORDER_CLOSED', 'This order can no longer be paid');
  if (simulate && backendConfig.kind === 'embedded' && isDevTools()) return simulate();
  try {
    await requestPayment(order.payParams);
    return 'paid';
  } catch (raw) {
    return toWxApiError(raw).cancelled ? 'cancelled' : 'failed';
  }
}

/** Tells the government the order was paid. Safe to repeat: a paid order answers with its receipt. */
export function confirmOrder(orderId: string): Promise<PaymentOrder> {
  return api().send<PaymentOrder>('POST', `/payments/orders/${encodeURIComponent(orderId)}/confirm`, {}, `confirm-${orderId}`);
}
