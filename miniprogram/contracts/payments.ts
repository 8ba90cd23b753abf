// The shared payment flow: the government makes an order for items of any agency, the client
// pays it with wx.requestPayment, the government confirms it and issues a receipt.

export interface PayItemRef {
  /** The agency that owns the item, e.g. 'police'. */
  agency: string;
  itemId: string;
}

export interface CreateOrderRequest {
  items: PayItemRef[];
  /** The total the person saw; the government refuses the order when it no longer matches. */
  totalFen: number;
}

export const MAX_ORDER_ITEMS = 50;

export type OrderStatus = 'pending' | 'paid' | 'closed';
/** expired: not paid in time; already-paid: an item was paid elsewhere; superseded: replaced by a newer order (only orders made before open orders stopped being replaced). */
export type OrderClosedReason = 'superseded' | 'expired' | 'already-paid';

export interface OrderLine {
  agency: string;
  itemId: string;
  /** What is paid for (e.g. 'traffic-fine'); the client words it with `detail`. */
  kind: string;
  amountFen: number;
  detail: Record<string, string | number>;
}

/** The parameters wx.requestPayment takes, as WeChat Pay's unified order returns them. */
export interface WxPayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'MD5' | 'HMAC-SHA256' | 'RSA';
  paySign: string;
}

export interface PaymentOrder {
  id: string;
  status: OrderStatus;
  closedReason: OrderClosedReason | null;
  lines: OrderLine[];
  totalFen: number;
  createdAt: number;
  /** A pending order can be paid until then. */
  expiresAt: number;
  paidAt: number | null;
  /** The receipt reference, once paid. */
  reference: string | null;
  /** Only while pending and not past `expiresAt`: an order past it reads as closed (`expired`). */
  payParams: WxPayParams | null;
  /** The government's time when it answered; the app measures the moment WeChat Pay succeeded from it. */
  readAt: number;
}

/**
 * Stand-in for WeChat Pay's payment notification (see docs/api.md): when WeChat Pay succeeded, in the
 * government's time. Without it the government takes the moment the confirmation arrives.
 */
export interface ConfirmOrderRequest { paidAt?: number }

/** My orders still open for payment (to finish one instead of starting another). */
export interface OpenOrdersResponse { items: PaymentOrder[] }

export type PaymentErrorCode =
  | 'ALREADY_PAID'
  | 'NOT_PAYABLE'
  | 'TOTAL_MISMATCH'
  | 'ORDER_CLOSED'
  | 'ORDER_EXPIRED'
  /** An earlier order for some of these items is still open and may have been paid: finish it first. */
  | 'ORDER_PENDING';
