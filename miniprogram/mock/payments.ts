// The payments service of the government: one order for items of any agency, paid with WeChat
// Pay, confirmed here, settled with each agency, and listed in the payer's records.
import { CONFIRM_WINDOW_MS, MAX_ORDER_ITEMS, type NotifyAnswer, type OpenOrdersResponse, type PayItemKind, type OrderLine, type PayItemRef, type PaymentOrder, type Settlement, type WxPayParams } from '../contracts/payments';
import type { RecordKind } from '../contracts/records';
import type { Forget } from './erasure';
import { BodyReader, HttpError, conflict, notFound } from './http';
import { NONCE_HEADER, NOTICE_MAX_AGE_MS, NOTIFY_PATH, SIGNATURE_HEADER, TIMESTAMP_HEADER, noticeSignature, payParamsFor, rfc3339Cst, sameSecret, type PaymentNoticeResource } from './wechat-pay';
import { created, ok, type Context, type PayerContext, type Route, type VerifiedContext } from './router';
import { addRecord, agencyState, dict, nextReference, own, peekAgency, type GovernmentState } from './store';

export const ORDER_TTL_MS = 30 * 60 * 1000;
/**
 * An order never paid is dropped this long after it expired: longer than any device remembers a payment
 * it still has to confirm (7 days), so no confirmation can arrive for an order already gone.
 */
export const UNPAID_ORDER_KEEP_MS = 30 * 24 * 3600 * 1000;
/** Paid and refund-due orders are accounting records, kept 30 years (Accounting Archives Measures, art. 14). */
export const PAID_ORDER_KEEP_MS = 30 * 365 * 24 * 3600 * 1000;
/** How far WeChat Pay's success time may lie outside [order created, now] (clocks drift); further is refused. */
export const PAID_AT_SLACK_MS = 2 * 60 * 1000;

export interface ItemQuote {
  /** payable now, already paid, or not payable online (e.g. disputed). */
  state: 'payable' | 'paid' | 'not-payable';
  kind: PayItemKind;
  amountFen: number;
  detail: Record<string, string | number>;
}

/** What an agency offers the payments service for its items. */
export interface PayableSource {
  /** The kind of record the payer sees in Me > records. */
  recordKind: RecordKind;
  /** The item as this person would pay it now, or null when they have no such item. */
  quote(ctx: PayerContext, itemId: string): ItemQuote | null;
  /** Marks the item paid by this order. */
  settle(ctx: PayerContext, itemId: string, payment: Settlement): void;
}

/** What the government keeps of an order: the answer's fields that are stored, plus its owner. */
type OrderRecord = Omit<PaymentOrder, 'payParams' | 'readAt' | 'holdsUntil' | 'resumed'> & {
  personId: string;
  /** WeChat Pay's transaction that settled it (or is owed back), from its notification. */
  transactionId?: string | null;
  /** WeChat Pay's refund, once asked for. */
  refundId?: string | null;
  /** Items of a paid order refunded since (cancelled later), by `agency/itemId`. */
  refunds?: Record<string, ItemRefund>;
  /**
   * Only while pending: a paid or closed order can never be paid again, so they are not kept.
   * `timeExpire` is missing on orders stored before it was added; it is derived from `expiresAt`.
   */
  payParams: (Omit<WxPayParams, 'timeExpire'> & { timeExpire?: string }) | null;
};

/**
 * Orders are kept per payer (`payments.<personId>`, one stored key each, so no key grows with
 * everybody's payments); the `payments` entry only says whose each order is, for WeChat Pay's
 * notification, which names the order alone. `orders` there is the one table of earlier versions.
 */
interface PaymentsIndex { owners: Record<string, string>; orders?: Record<string, OrderRecord> }
interface PayerOrders { orders: Record<string, OrderRecord> }

const PAYER_PREFIX = 'payments.';
const payerEntry = (personId: string): string => `${PAYER_PREFIX}${personId}`;

/** The index, with orders of the one table of earlier versions moved to their payers first. */
function paymentsIndex(state: GovernmentState): PaymentsIndex {
  const index = agencyState<PaymentsIndex>(state, 'payments', () => ({ owners: dict<string>() }));
  if (!index.owners) index.owners = dict<string>();
  if (index.orders) {
    Object.values(index.orders).forEach((order) => {
      ordersOf(state, order.personId)[order.id] = order;
      index.owners[order.id] = order.personId;
    });
    delete index.orders;
  }
  return index;
}

/** One payer's orders (marked changed: call it only where they may change or a request writes anyway). */
const ordersOf = (state: GovernmentState, personId: string): Record<string, OrderRecord> =>
  agencyState<PayerOrders>(state, payerEntry(personId), () => ({ orders: dict<OrderRecord>() })).orders;

/** One payer's orders to read, never marked and never moved (a read changes nothing), with any still in the one table of earlier versions. */
function peekOrdersOf(state: GovernmentState, personId: string): OrderRecord[] {
  const mine = Object.values(peekAgency<PayerOrders>(state, payerEntry(personId))?.orders ?? {});
  const legacy = Object.values(peekAgency<PaymentsIndex>(state, 'payments')?.orders ?? {}).filter((order) => order.personId === personId);
  return [...mine, ...legacy];
}

/** Every payer's entry name. */
const payerEntries = (state: GovernmentState): string[] => Object.keys(state.agencies).filter((name) => name.startsWith(PAYER_PREFIX));

/** Pending and still payable at `now`: WeChat Pay would refuse the prepay id after `expiresAt`. */
const isOpen = (order: OrderRecord, now: number): boolean => order.status === 'pending' && now <= order.expiresAt;

/**
 * Still holding its items at `now`: pending, and either payable or within the confirmation window after
 * expiry (a payment made in time may be confirmed late; a second order for its items could charge twice).
 */
const holds = (order: OrderRecord, now: number): boolean => order.status === 'pending' && now <= order.expiresAt + CONFIRM_WINDOW_MS;

/** WeChat Pay's `time_expire` format: RFC 3339 in China Standard Time. */

/** The order as it stands at `now`: a pending order past its time reads as closed (expired), without pay parameters. */
function view(order: OrderRecord, now: number): PaymentOrder {
  const expired = order.status === 'pending' && !isOpen(order, now);
  return {
    id: order.id,
    status: expired ? 'closed' : order.status,
    closedReason: expired ? 'expired' : order.closedReason,
    lines: order.lines,
    totalFen: order.totalFen,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    paidAt: order.paidAt,
    reference: order.reference,
    payParams: isOpen(order, now) && order.payParams ? { ...order.payParams, timeExpire: order.payParams.timeExpire ?? rfc3339Cst(order.expiresAt) } : null,
    readAt: now,
    holdsUntil: holds(order, now) ? order.expiresAt + CONFIRM_WINDOW_MS : null,
  };
}

const itemKey = (item: PayItemRef): string => `${item.agency}/${item.itemId}`;

function readItems(reader: BodyReader, body: unknown, agencies: string[]): PayItemRef[] {
  const raw = (body as { items?: unknown }).items;
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    reader.flag('items', 'REQUIRED');
    return [];
  }
  if (!Array.isArray(raw)) {
    reader.flag('items', 'WRONG_TYPE');
    return [];
  }
  if (raw.length > MAX_ORDER_ITEMS) {
    reader.flag('items', 'TOO_MANY');
    return [];
  }
  const items: PayItemRef[] = [];
  raw.forEach((item: unknown) => {
    const { agency, itemId } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof agency !== 'string' || typeof itemId !== 'string' || itemId.length === 0 || itemId.length > 64) reader.flag('items', 'WRONG_TYPE');
    else if (!agencies.includes(agency)) reader.flag('items', 'UNKNOWN_AGENCY');
    else items.push({ agency, itemId });
  });
  const keys = items.map(itemKey);
  if (new Set(keys).size !== keys.length) reader.flag('items', 'DUPLICATE');
  return items;
}

/** One of the caller's orders, to read. */
function ownOrder(ctx: VerifiedContext, orderId: string): OrderRecord {
  const order = peekOrdersOf(ctx.state, ctx.person.id).find((mine) => mine.id === orderId);
  // Someone else's order answers exactly like one that does not exist.
  if (!order || order.personId !== ctx.person.id) throw notFound('No such order among yours');
  return order;
}


/** A charge was taken for it: a receipt or an amount owed back, either way an accounting record. */
const isCharged = (order: OrderRecord): boolean => order.status === 'paid' || order.closedReason === 'refund-due';

/** Drops orders nobody can pay or confirm any more; charged ones stay (accounting records). Marks the agency changed only when it drops one. */
export function prunePayments(state: GovernmentState, now: number): void {
  // A withdrawn order goes as soon as no payment made in time can be reported for it any more.
  const keepFor = (order: OrderRecord): number => (order.closedReason === 'withdrawn' ? CONFIRM_WINDOW_MS : UNPAID_ORDER_KEEP_MS);
  payerEntries(state).forEach((entry) => {
    const kept = peekAgency<PayerOrders>(state, entry);
    if (!kept) return;
    const stale = Object.keys(kept.orders).filter((id) => !isCharged(kept.orders[id]) && kept.orders[id].expiresAt + keepFor(kept.orders[id]) <= now);
    if (stale.length === 0) return;
    const personId = entry.slice(PAYER_PREFIX.length);
    const orders = ordersOf(state, personId);
    const owners = paymentsIndex(state).owners;
    stale.forEach((id) => {
      delete orders[id];
      delete owners[id];
    });
    if (Object.keys(orders).length === 0) delete state.agencies[entry];
  });
}

/**
 * Deleting a person's data: orders never charged go; an open one is closed first (withdrawn), and kept
 * only while a charge made in time could still be confirmed, after which pruning drops it. Charged
 * orders are accounting records and stay, shown to nobody.
 */
export const forgetPayments: Forget = (state, personId, now) => {
  const owners = paymentsIndex(state).owners;
  const orders = ordersOf(state, personId);
  let deleted = 0;
  let charged = 0;
  let keptUntil = 0;
  Object.keys(orders).forEach((id) => {
    const order = orders[id];
    if (order.personId !== personId) return;
    if (isCharged(order)) {
      charged += 1;
      keptUntil = Math.max(keptUntil, (order.paidAt ?? order.createdAt) + PAID_ORDER_KEEP_MS);
    } else if (holds(order, now)) {
      order.status = 'closed';
      order.closedReason = 'withdrawn';
      order.payParams = null;
      deleted += 1;
    } else {
      delete orders[id];
      delete owners[id];
      deleted += 1;
    }
  });
  if (Object.keys(orders).length === 0) delete state.agencies[payerEntry(personId)];
  return { deleted: { orders: deleted }, kept: [{ kind: 'payments', count: charged, until: charged > 0 ? keptUntil : null }] };
};

/** A paid item refunded after it was cancelled (a booking, an application): its own reference, once. */
export interface ItemRefund {
  reference: string;
  orderId: string;
  amountFen: number;
  at: number;
  /** WeChat Pay's refund id, or null when WeChat Pay has no such charge. */
  refundId: string | null;
}

/**
 * The agencies' refund hook (AgencyKit.payments.refundItem): the item's line of the person's paid order
 * is refunded once, under its own reference, and the payer's records say so. Asked again, the same
 * refund; an item this person never paid for, null.
 */
export function itemRefunds(merchant: Merchant): (ctx: PayerContext, agency: string, itemId: string) => ItemRefund | null {
  return (ctx, agency, itemId) => {
    const key = itemKey({ agency, itemId });
    const order = peekOrdersOf(ctx.state, ctx.person.id).find((candidate) => candidate.status === 'paid' && candidate.lines.some((line) => itemKey(line) === key));
    const line = order?.lines.find((candidate) => itemKey(candidate) === key);
    if (!order || !line) return null;
    const earlier = order.refunds ? own(order.refunds, key) : undefined;
    if (earlier) return earlier;
    // The order is changed from here on: mark the payer's entry (a legacy order moves there first).
    paymentsIndex(ctx.state);
    const stored = own(ordersOf(ctx.state, ctx.person.id), order.id) ?? order;
    const reference = nextReference(ctx.state, 'RFD', ctx.now);
    // WeChat Pay's refund number is the order and item, not the counter: a request refused after this
    // call (and rolled back, counter included) asks again under the same number, which refunds once.
    const refund: ItemRefund = { reference, orderId: order.id, amountFen: line.amountFen, at: ctx.now, refundId: merchant.refund(order.id, `${order.id}/${key}`, line.amountFen) };
    const refunds = stored.refunds ?? dict<ItemRefund>();
    refunds[key] = refund;
    stored.refunds = refunds;
    addRecord(ctx.state, ctx.person.id, { id: `rec-${ctx.random.hex(10)}`, kind: 'refund', at: ctx.now, reference, amountFen: line.amountFen, detail: { orderId: order.id, paidReference: order.reference ?? '' } });
    return refund;
  };
}

/** The merchant's side of WeChat Pay: the shared key, and the refund call. */
export interface Merchant {
  key: string;
  /** Asks WeChat Pay to refund an order's charge (once per reference); WeChat Pay's refund id, or null when it has no such charge. */
  refund(orderId: string, refundReference: string, amountFen: number): string | null;
}


/** A notice's payment resource, or null when a field is missing or of the wrong type. */
function readNotice(body: unknown): PaymentNoticeResource | null {
  if (typeof body !== 'object' || body === null || !('resource' in body)) return null;
  const resource: unknown = body.resource;
  if (typeof resource !== 'object' || resource === null) return null;
  const field = (name: string): unknown => (name in resource ? (resource as Record<string, unknown>)[name] : undefined);
  const amount = field('amount');
  const total = typeof amount === 'object' && amount !== null && 'total' in amount ? amount.total : undefined;
  const outTradeNo = field('out_trade_no');
  const transactionId = field('transaction_id');
  const successTime = field('success_time');
  if (typeof outTradeNo !== 'string' || typeof transactionId !== 'string' || typeof successTime !== 'string' || field('trade_state') !== 'SUCCESS') return null;
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || outTradeNo.length > 64 || transactionId.length > 64) return null;
  return { out_trade_no: outTradeNo, transaction_id: transactionId, trade_state: 'SUCCESS', success_time: successTime, amount: { total, currency: 'CNY' } };
}

/** `sources` may grow as agencies load: it is read at each request, never copied. */
export function paymentRoutes(sources: Record<string, PayableSource>, merchant: Merchant): Route[] {
  const agencies = (): string[] => Object.keys(sources);

  function createOrder(ctx: VerifiedContext) {
    const reader = new BodyReader(ctx.body);
    const items = readItems(reader, ctx.body, agencies());
    const totalFen = reader.number('totalFen', { min: 1, max: 100_000_000 });
    reader.done();

    const lines: OrderLine[] = items.map(({ agency, itemId }) => {
      const quote = sources[agency].quote(ctx, itemId);
      if (!quote) throw notFound(`Nothing to pay was found for item ${itemId}`);
      if (quote.state === 'paid') throw conflict('ALREADY_PAID', `Item ${itemId} has already been paid`);
      if (quote.state === 'not-payable') throw conflict('NOT_PAYABLE', `Item ${itemId} cannot be paid online`);
      return { agency, itemId, kind: quote.kind, amountFen: quote.amountFen, detail: quote.detail };
    });
    const index = paymentsIndex(ctx.state);
    const orders = ordersOf(ctx.state, ctx.person.id);
    const keys = new Set(lines.map(itemKey));
    const actual = lines.reduce((sum, line) => sum + line.amountFen, 0);
    // An order not settled yet may already have been paid in WeChat Pay (its confirmation lost, even after
    // it expired): never replace it while it holds its items. The same items get that order back (amount
    // held, marked `resumed`), so WeChat Pay sees one prepay id and cannot charge twice.
    const holding = Object.values(orders).filter((other) => other.personId === ctx.person.id && holds(other, ctx.now) && other.lines.some((line) => keys.has(itemKey(line))));
    const same = holding.find((other) => other.lines.length === keys.size && other.lines.every((line) => keys.has(itemKey(line))));
    if (same && holding.length === 1 && !isOpen(same, ctx.now)) {
      // Past its time but maybe paid: reopen the same order (same order number and prepay id) rather
      // than make another, so WeChat Pay, which never takes one order twice, cannot charge twice.
      same.expiresAt = ctx.now + ORDER_TTL_MS;
      same.payParams = payParamsFor(merchant.key, { orderId: same.id, amountFen: same.totalFen, expiresAt: same.expiresAt }, ctx.now, ctx.random.hex(16));
    }
    if (same && holding.length === 1) {
      // The person saw either the amount held by that order or today's: anything else is out of date.
      if (totalFen !== same.totalFen && totalFen !== actual) {
        throw new HttpError(409, 'TOTAL_MISMATCH', `The amount due is now ${actual} fen, not ${totalFen}`, { totalFen: 'TOTAL_MISMATCH' });
      }
      return ok({ ...view(same, ctx.now), resumed: true });
    }
    if (holding.length > 0) {
      const first = holding[0];
      throw conflict('ORDER_PENDING', `An earlier order for some of these items (${first.id}) holds them until ${first.expiresAt + CONFIRM_WINDOW_MS} unless paid or confirmed; finish it first`);
    }
    if (actual !== totalFen) {
      throw new HttpError(409, 'TOTAL_MISMATCH', `The amount due is now ${actual} fen, not ${totalFen}`, { totalFen: 'TOTAL_MISMATCH' });
    }

    const id = `po${ctx.random.hex(16)}`;
    const order: OrderRecord = {
      id,
      personId: ctx.person.id,
      status: 'pending',
      closedReason: null,
      lines,
      totalFen,
      createdAt: ctx.now,
      expiresAt: ctx.now + ORDER_TTL_MS,
      paidAt: null,
      reference: null,
      payParams: payParamsFor(merchant.key, { orderId: id, amountFen: totalFen, expiresAt: ctx.now + ORDER_TTL_MS }, ctx.now, ctx.random.hex(16)),
    };
    orders[id] = order;
    index.owners[id] = ctx.person.id;
    return created(view(order, ctx.now));
  }

  /** Records WeChat Pay's charge for an order that cannot settle its items, and asks for the money back, once. */
  function owedBack(ctx: Context, order: OrderRecord, paidAt: number, transactionId: string): void {
    order.status = 'closed';
    order.closedReason = 'refund-due';
    order.payParams = null;
    order.paidAt = paidAt;
    order.transactionId = transactionId;
    order.reference = nextReference(ctx.state, 'RFD', ctx.now);
    order.refundId = merchant.refund(order.id, order.reference, order.totalFen);
  }

  /** Settles the order's items with their agencies, issues the receipt and puts it in the payer's records. */
  function settle(ctx: PayerContext, order: OrderRecord, paidAt: number, transactionId: string): void {
    const reference = nextReference(ctx.state, 'PAY', ctx.now);
    order.status = 'paid';
    order.closedReason = null;
    order.payParams = null;
    order.paidAt = paidAt;
    order.transactionId = transactionId;
    order.reference = reference;
    order.lines.forEach((line) => {
      sources[line.agency].settle(ctx, line.itemId, { at: paidAt, amountFen: line.amountFen, reference, orderId: order.id });
    });
    agencies().forEach((agency) => {
      const mine = order.lines.filter((line) => line.agency === agency);
      if (mine.length === 0) return;
      addRecord(ctx.state, ctx.person.id, {
        id: `rec-${ctx.random.hex(10)}`,
        kind: sources[agency].recordKind,
        at: paidAt,
        reference,
        amountFen: mine.reduce((sum, line) => sum + line.amountFen, 0),
        detail: { count: mine.length, orderId: order.id },
      });
    });
  }

  /**
   * WeChat Pay's payment notification: the only thing that settles an order. Checked before anything is
   * read: the signature over the exact body under the merchant key, and a timestamp no older than five
   * minutes (a replayed notice). Then the order, the amount, and the transaction: the same transaction
   * again is acknowledged and changes nothing; a charge that can no longer settle its items (paid
   * elsewhere meanwhile, after its time, or for a withdrawn order) is recorded as owed back and refunded.
   */
  function notify(ctx: Context) {
    const timestamp = ctx.headers[TIMESTAMP_HEADER] ?? '';
    const nonce = ctx.headers[NONCE_HEADER] ?? '';
    const signature = ctx.headers[SIGNATURE_HEADER] ?? '';
    if (!/^\d{1,12}$/.test(timestamp) || !nonce || nonce.length > 64 || !signature || !sameSecret(signature, noticeSignature(merchant.key, timestamp, nonce, ctx.rawBody ?? ''))) {
      throw new HttpError(401, 'SIGNATURE_INVALID', 'The notification is not signed by WeChat Pay');
    }
    if (Math.abs(ctx.now - Number(timestamp) * 1000) > NOTICE_MAX_AGE_MS) throw new HttpError(401, 'SIGNATURE_EXPIRED', 'The notification was signed too long ago (a replay?)');
    const notice = readNotice(ctx.body);
    if (!notice) throw new HttpError(400, 'BAD_NOTICE', 'The notification lacks its payment resource');
    const owner = own(paymentsIndex(ctx.state).owners, notice.out_trade_no);
    const order = owner === undefined ? undefined : own(ordersOf(ctx.state, owner), notice.out_trade_no);
    if (!order) throw notFound('No such order');
    const answer: NotifyAnswer = { code: 'SUCCESS' };
    if (order.transactionId === notice.transaction_id) return ok(answer);
    if (order.transactionId) throw conflict('TRANSACTION_MISMATCH', 'This order was settled by another transaction');
    if (notice.amount.total !== order.totalFen) throw new HttpError(400, 'AMOUNT_MISMATCH', `The order is ${order.totalFen} fen, not ${notice.amount.total}`);
    const paidAt = Date.parse(notice.success_time);
    if (!Number.isFinite(paidAt) || paidAt < order.createdAt - PAID_AT_SLACK_MS || paidAt > ctx.now + PAID_AT_SLACK_MS) {
      throw new HttpError(400, 'PAID_AT_INVALID', 'The payment cannot have happened at that time');
    }
    const person = own(ctx.state.people, order.personId);
    const payer: PayerContext | null = person ? { ...ctx, person } : null;
    const unsettleable =
      !payer ||
      paidAt > order.expiresAt ||
      order.closedReason === 'already-paid' ||
      order.closedReason === 'withdrawn' ||
      order.lines.some((line) => sources[line.agency].quote(payer, line.itemId)?.state !== 'payable');
    if (!payer || unsettleable) owedBack(ctx, order, paidAt, notice.transaction_id);
    else settle(payer, order, paidAt, notice.transaction_id);
    return ok(answer);
  }

  function openOrders(ctx: VerifiedContext) {
    const answer: OpenOrdersResponse = {
      items: peekOrdersOf(ctx.state, ctx.person.id)
        .filter((order) => holds(order, ctx.now))
        .map((order) => view(order, ctx.now)),
    };
    return ok(answer);
  }

  return [
    { method: 'POST', path: '/payments/orders', auth: 'verified', summary: 'Create an order for items of any agency (items, totalFen)', handle: createOrder },
    { method: 'GET', path: '/payments/orders', auth: 'verified', summary: 'My orders still holding their items (open for payment, or expired but not yet confirmed)', handle: openOrders },
    { method: 'GET', path: '/payments/orders/:orderId', auth: 'verified', summary: 'One of my orders (pay parameters while pending and in time, receipt once paid)', handle: (ctx) => ok(view(ownOrder(ctx, ctx.params.orderId), ctx.now)) },
    { method: 'POST', path: NOTIFY_PATH, auth: 'none', summary: 'WeChat Pay\'s signed payment notification: settles the order once, or records the charge as owed back and refunds it', handle: notify },
  ];
}
