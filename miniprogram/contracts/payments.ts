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
/**
 * expired: not paid in time; already-paid: an item was paid elsewhere; superseded: replaced by a newer
 * order (only orders made before open orders stopped being replaced); refund-due: WeChat Pay charged it
 * but its items could not be settled by it (paid elsewhere meanwhile, or charged after `expiresAt`), so
 * the amount is owed back to the payer; withdrawn: the payer deleted their data while it was open.
 */
export type OrderClosedReason = 'superseded' | 'expired' | 'already-paid' | 'refund-due' | 'withdrawn';

/**
 * How long after `expiresAt` an order that was never confirmed still holds its items: WeChat Pay keeps
 * sending its payment notification for about a day, and a payment made in time may be confirmed late.
 */
export const CONFIRM_WINDOW_MS = 24 * 3600 * 1000;

/** Every kind of item that can be paid; each has its words in the pay subpackage, or the type check fails. */
export type PayItemKind = 'traffic-fine' | 'registration-fee' | 'utility-bill' | 'passport-fee';

export interface OrderLine {
  agency: string;
  itemId: string;
  /** What is paid for; the client words it with `detail`. */
  kind: PayItemKind;
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
  /**
   * When WeChat Pay must stop accepting the payment: the order's `expiresAt` as WeChat Pay's `time_expire`
   * (RFC 3339 in +08:00). A real government passes it to WeChat Pay's unified order, so a payment after
   * the government's expiry is refused by WeChat Pay itself.
   */
  timeExpire: string;
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
  /**
   * While not settled: until when this order holds its items (no other order may include them), that is
   * `expiresAt` plus the confirmation window. Null once paid or closed for good.
   */
  holdsUntil?: number | null;
  /** On a create answer only: an earlier order for exactly these items, with its amount held, given back instead of a new one. */
  resumed?: boolean;
}

/**
 * Stand-in for WeChat Pay's payment notification (see docs/api.md): when WeChat Pay succeeded, in the
 * government's time. Without it the government takes the moment the confirmation arrives.
 */
/**
 * What settled an item: when WeChat Pay took the money (its notification's success time), how much, the
 * receipt reference and the order. Every agency whose items can be paid records this.
 */
export interface Settlement { at: number; amountFen: number; reference: string; orderId: string }

/** WeChat Pay's answer to a payment notification, as WeChat Pay expects it. */
export interface NotifyAnswer { code: 'SUCCESS' }

/** My orders still open for payment (to finish one instead of starting another). */
export interface OpenOrdersResponse { items: PaymentOrder[] }

export type PaymentErrorCode =
  | 'ALREADY_PAID'
  | 'NOT_PAYABLE'
  | 'TOTAL_MISMATCH'
  | 'ORDER_CLOSED'
  | 'ORDER_EXPIRED'
  /** An earlier order for some of these items is still open (or unconfirmed) and may have been paid: finish it first. */
  | 'ORDER_PENDING'
  /** Client-side: WeChat Pay charged an order holding some of these items and its confirmation is still owed. */
  | 'PAYMENT_UNCONFIRMED';
