// A simulated WeChat Pay, beside the mocked government and not inside it. The government asks it for a
// prepay id per order (unified order); the payer's sheet pays that prepay id, at most once per order;
// WeChat Pay then tells the government with a signed payment notification, again until the government
// acknowledges it, and refunds what the government asks it to, once per refund.
//
// Real WeChat Pay API v3 signs its notifications with its RSA platform key (the merchant checks them with
// WeChat's platform certificate) and encrypts the resource with AES-256-GCM under the merchant's APIv3
// key. Here both sides share one merchant key: notifications are signed with HMAC-SHA-256 under it and the
// resource travels in the clear. The checks the government makes are the same: signature, timestamp,
// order, amount, and exactly one settlement however often the notice comes.
import type { ApiRequest, ApiResponse } from '../contracts/http';
import type { WxPayParams } from '../contracts/payments';
import type { Clock } from '../core/dates';
import { hmacSha256Hex, type SecureRandom } from './random';
import { dict, own, parseStored } from './store';

export const NOTIFY_PATH = '/payments/notify';
export const SIGNATURE_HEADER = 'wechatpay-signature';
export const TIMESTAMP_HEADER = 'wechatpay-timestamp';
export const NONCE_HEADER = 'wechatpay-nonce';
/** A notification signed longer ago than this is refused (a replay); WeChat signs every delivery afresh. */
export const NOTICE_MAX_AGE_MS = 5 * 60 * 1000;

/** What WeChat Pay knows of an order from the unified order: carried in the prepay id, which it signs. */
export interface Prepay { orderId: string; amountFen: number; expiresAt: number }

/** The notification's resource (decrypted, in real WeChat Pay). Times are RFC 3339 in +08:00. */
export interface PaymentNoticeResource {
  out_trade_no: string;
  transaction_id: string;
  trade_state: 'SUCCESS';
  success_time: string;
  amount: { total: number; currency: 'CNY' };
}
export interface PaymentNotice { id: string; event_type: 'TRANSACTION.SUCCESS'; resource: PaymentNoticeResource }

/** WeChat Pay's `time_expire` / `success_time` format: RFC 3339 in China Standard Time. */
export const rfc3339Cst = (at: number): string => `${new Date(at + 8 * 3600 * 1000).toISOString().slice(0, 19)}+08:00`;

/** The signature of a notification body, as the headers carry it. */
export const noticeSignature = (merchantKey: string, timestamp: string, nonce: string, body: string): string =>
  hmacSha256Hex(merchantKey, `${timestamp}\n${nonce}\n${body}\n`);

/** Equal strings, compared in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const PREPAY_PREFIX = 'prepay_id=wx';

/** The pay parameters for an order: a prepay id WeChat Pay can read back, signed, and the payer's sheet signature. */
export function payParamsFor(merchantKey: string, prepay: Prepay, now: number, nonce: string): WxPayParams {
  const body = `${prepay.orderId}.${prepay.amountFen}.${prepay.expiresAt}`;
  const pkg = `${PREPAY_PREFIX}.${body}.${hmacSha256Hex(merchantKey, `prepay|${body}`).slice(0, 32)}`;
  const timeStamp = String(Math.floor(now / 1000));
  return {
    timeStamp,
    nonceStr: nonce,
    package: pkg,
    signType: 'RSA',
    paySign: hmacSha256Hex(merchantKey, `pay|${timeStamp}|${nonce}|${pkg}`),
    timeExpire: rfc3339Cst(prepay.expiresAt),
  };
}

/** The order a prepay id names, or null when WeChat Pay never issued it (forged or altered). */
export function readPrepay(merchantKey: string, pkg: string): Prepay | null {
  if (!pkg.startsWith(`${PREPAY_PREFIX}.`)) return null;
  const parts = pkg.slice(PREPAY_PREFIX.length + 1).split('.');
  if (parts.length !== 4) return null;
  const [orderId, amount, expires, mac] = parts;
  if (!sameSecret(mac, hmacSha256Hex(merchantKey, `prepay|${orderId}.${amount}.${expires}`).slice(0, 32))) return null;
  return { orderId, amountFen: Number(amount), expiresAt: Number(expires) };
}

interface Transaction { transactionId: string; orderId: string; amountFen: number; paidAt: number; acknowledged: boolean }
interface Refund { refundId: string; orderId: string; amountFen: number; at: number }
interface WeChatPayState { transactions: Record<string, Transaction>; refunds: Record<string, Refund> }

/** What WeChat Pay stored, read back: two tables of its own making. */
const isTable = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isAmount = (value: unknown): boolean => Number.isSafeInteger(value) && Number(value) >= 0;

function isTransaction(value: unknown): boolean {
  return isTable(value) && typeof value.transactionId === 'string' && typeof value.orderId === 'string' && isAmount(value.amountFen) && isAmount(value.paidAt) && typeof value.acknowledged === 'boolean';
}

function isRefund(value: unknown): boolean {
  return isTable(value) && typeof value.refundId === 'string' && typeof value.orderId === 'string' && isAmount(value.amountFen) && isAmount(value.at);
}

/** Tables of whole records only: an array or a record of the wrong shape would drop charges when stored again. */
function isWeChatPayState(value: unknown): value is WeChatPayState {
  if (!isTable(value) || !isTable(value.transactions) || !isTable(value.refunds)) return false;
  return Object.values(value.transactions).every(isTransaction) && Object.values(value.refunds).every(isRefund);
}

/** Whether stored text is WeChat Pay's records as it writes them (a server refuses to start on other text). */
export function readableWeChatPayState(text: string): boolean {
  try {
    return isWeChatPayState(parseStored(text));
  } catch {
    return false;
  }
}

/** Where WeChat Pay keeps what it took and refunded (its own key, apart from the government's). */
export interface WeChatPayStorage { read(): string | undefined; write(text: string): void }

export type PayOutcome = { paid: true; transactionId: string } | { paid: false; reason: 'INVALID' | 'EXPIRED' | 'ORDER_PAID' };

export interface WeChatPay {
  /** The payer confirms on WeChat Pay's sheet. A second payment of one order is refused (ORDER_PAID), never charged. */
  pay(params: Pick<WxPayParams, 'package'>): PayOutcome;
  /** Sends every notification the government has not acknowledged yet (or only that order's); resolves how many it acknowledged now. */
  deliver(orderId?: string): Promise<number>;
  /** The merchant's refund call: refunds an order's charge once per refund reference; the same reference again gets the same refund. */
  refund(orderId: string, refundReference: string, amountFen: number): string | null;
  /** For tests: what was taken and refunded. */
  inspect(): { transactions: Transaction[]; refunds: Refund[] };
}

export interface WeChatPayOptions {
  merchantKey: string;
  clock: Clock;
  random: SecureRandom;
  /** The government's notification endpoint (its handle). Set later with `connect` when made after this. */
  notify?: (req: ApiRequest) => Promise<ApiResponse>;
  storage?: WeChatPayStorage;
}

export function createWeChatPay(options: WeChatPayOptions): WeChatPay & { connect(notify: (req: ApiRequest) => Promise<ApiResponse>): void } {
  let notify = options.notify;
  const state = load();

  function load(): WeChatPayState {
    const fresh: WeChatPayState = { transactions: dict(), refunds: dict() };
    const text = options.storage?.read();
    if (text === undefined) return fresh;
    try {
      const parsed = parseStored(text);
      if (isWeChatPayState(parsed)) return parsed;
    } catch {
      // WeChat Pay's own records cannot be lost on the merchant's device in reality; start empty here.
    }
    return fresh;
  }

  const save = (): void => options.storage?.write(JSON.stringify(state));

  function noticeFor(tx: Transaction): { body: string; headers: Record<string, string> } {
    const notice: PaymentNotice = {
      id: `EV-${options.random.hex(12)}`,
      event_type: 'TRANSACTION.SUCCESS',
      resource: { out_trade_no: tx.orderId, transaction_id: tx.transactionId, trade_state: 'SUCCESS', success_time: rfc3339Cst(tx.paidAt), amount: { total: tx.amountFen, currency: 'CNY' } },
    };
    const body = JSON.stringify(notice);
    const timestamp = String(Math.floor(options.clock.now() / 1000));
    const nonce = options.random.hex(16);
    return { body, headers: { [TIMESTAMP_HEADER]: timestamp, [NONCE_HEADER]: nonce, [SIGNATURE_HEADER]: noticeSignature(options.merchantKey, timestamp, nonce, body) } };
  }

  return {
    connect(next) {
      notify = next;
    },
    pay(params) {
      const prepay = readPrepay(options.merchantKey, params.package);
      if (!prepay) return { paid: false, reason: 'INVALID' };
      if (own(state.transactions, prepay.orderId)) return { paid: false, reason: 'ORDER_PAID' };
      const now = options.clock.now();
      if (now > prepay.expiresAt) return { paid: false, reason: 'EXPIRED' };
      const tx: Transaction = { transactionId: `42000${options.random.digits(23)}`, orderId: prepay.orderId, amountFen: prepay.amountFen, paidAt: now, acknowledged: false };
      state.transactions[prepay.orderId] = tx;
      save();
      return { paid: true, transactionId: tx.transactionId };
    },
    async deliver(orderId) {
      if (!notify) return 0;
      let acknowledged = 0;
      for (const tx of Object.values(state.transactions)) {
        if (tx.acknowledged || (orderId !== undefined && tx.orderId !== orderId)) continue;
        const { body, headers } = noticeFor(tx);
        try {
          const answer = await notify({ method: 'POST', path: NOTIFY_PATH, headers, body });
          if (answer.status === 200) {
            tx.acknowledged = true;
            acknowledged += 1;
          }
        } catch {
          // Not reached: WeChat Pay tries again later (on the next delivery).
        }
      }
      if (acknowledged > 0) save();
      return acknowledged;
    },
    refund(orderId, refundReference, amountFen) {
      const earlier = own(state.refunds, refundReference);
      // The same refund number again is the same refund; for another order or amount it is refused.
      if (earlier) return earlier.orderId === orderId && earlier.amountFen === amountFen ? earlier.refundId : null;
      const tx = own(state.transactions, orderId);
      if (!tx || amountFen > tx.amountFen) return null;
      const refund: Refund = { refundId: `50300${options.random.digits(23)}`, orderId, amountFen, at: options.clock.now() };
      state.refunds[refundReference] = refund;
      save();
      return refund.refundId;
    },
    inspect: () => ({ transactions: Object.values(state.transactions), refunds: Object.values(state.refunds) }),
  };
}
