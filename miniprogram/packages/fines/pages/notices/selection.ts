// What the notices page shows and lets a person tick and pay, and what it costs, as pure functions of what
// the government answered: the list and its rows, which notices can be selected, the selection kept across
// pages and re-priced as the government prices it now, its total and its line, and the order request it
// makes. The page only wires these to the government and the view.
import { localText } from '../../../../core/i18n';
import type { FineNotice, NoticesResponse, VehicleSummary } from '../../../../contracts/fines';
import { MAX_ORDER_ITEMS, type PaymentOrder } from '../../../../contracts/payments';
import { formatCstDateTime } from '../../../../core/dates';
import { formatMoney } from '../../../../core/money';
import { finesText } from '../../i18n';

/** Selected unpaid notices, across pages: id -> amount due (fen) as last priced. */
export type Selection = ReadonlyMap<string, number>;

/** One row of the list, formatted for the view. */
export interface NoticeRow {
  id: string;
  when: string;
  place: string;
  what: string;
  /** The penalty decision's number, with its label. */
  decision: string;
  /** Unpaid: the amount due; paid: the amount actually paid; disputed: the fine (nothing is due under review). */
  fine: string;
  late: string;
  points: string;
  status: string;
  statusText: string;
  payable: boolean;
  selected: boolean;
}

/** Only an unpaid notice can be paid, so only it can be ticked (a disputed one waits for its decision). */
export function isPayable(notice: Pick<FineNotice, 'status'>): boolean {
  return notice.status === 'unpaid';
}

/** The amount a row shows: what is due, what was paid, or (under review) the fine itself. */
export function shownFen(notice: FineNotice): number {
  if (isPayable(notice)) return notice.dueFen;
  if (notice.status === 'paid' && notice.payment) return notice.payment.amountFen;
  return notice.fineFen;
}

export function rowOf(notice: FineNotice, selection: Selection): NoticeRow {
  const payable = isPayable(notice);
  return {
    id: notice.id,
    when: formatCstDateTime(notice.occurredAt),
    place: localText({ zh: notice.place, en: notice.placeEn }),
    what: finesText.t(`offence.${notice.offence}`),
    decision: finesText.t('noticeDecision', { number: notice.decisionNumber }),
    fine: formatMoney(shownFen(notice)),
    late: notice.surchargeFen > 0 ? finesText.t('noticesLate', { amount: formatMoney(notice.surchargeFen) }) : '',
    points: finesText.t('noticePoints', { points: notice.points }),
    status: notice.status,
    statusText: finesText.t(`status.${notice.status}`),
    payable,
    selected: selection.has(notice.id),
  };
}

/**
 * The selection against notices as the government shows them now: one no longer payable drops out, one
 * still payable takes its amount of now (a surcharge day may have passed). Notices not shown stay as they are.
 */
export function refreshed(selection: Selection, shown: readonly FineNotice[]): Selection {
  const next = new Map(selection);
  shown.forEach((notice) => {
    if (next.has(notice.id)) repriceInto(next, notice.id, notice);
  });
  return next;
}

/** The selection with one notice priced as the government answered for it; null when it is not there any more. */
export function repriced(selection: Selection, id: string, notice: FineNotice | null): Selection {
  const next = new Map(selection);
  repriceInto(next, id, notice);
  return next;
}

function repriceInto(selection: Map<string, number>, id: string, notice: FineNotice | null): void {
  if (notice && isPayable(notice)) selection.set(id, notice.dueFen);
  else selection.delete(id);
}

/** Selected notices that are not on the page shown, so only the government can price them now. */
export function pricedElsewhere(selection: Selection, shownDues: ReadonlyMap<string, number>): string[] {
  return [...selection.keys()].filter((id) => !shownDues.has(id));
}

/** The selection with a notice ticked or unticked; null when ticking it would pass what one order may hold. */
export function toggled(selection: Selection, id: string, dueFen: number): Selection | null {
  const next = new Map(selection);
  if (next.has(id)) next.delete(id);
  else if (next.size >= MAX_ORDER_ITEMS) return null;
  else next.set(id, dueFen);
  return next;
}

/** Ticks every payable row not ticked yet, as far as one order may hold; `added` are their indexes. */
export function withRows(selection: Selection, rows: readonly Pick<NoticeRow, 'id' | 'payable'>[], shownDues: ReadonlyMap<string, number>): { selection: Selection; added: number[] } {
  const next = new Map(selection);
  const added: number[] = [];
  rows.forEach((row, index) => {
    if (row.payable && !next.has(row.id) && next.size < MAX_ORDER_ITEMS) {
      next.set(row.id, shownDues.get(row.id) ?? 0);
      added.push(index);
    }
  });
  return { selection: next, added };
}

export function totalFen(selection: Selection): number {
  let total = 0;
  selection.forEach((fen) => {
    total += fen;
  });
  return total;
}

/** The pay bar: how many are ticked and what they cost (or what to do), and whether they can be paid. */
export function payBar(selection: Selection): { selection: string; canPay: boolean } {
  return {
    selection: selection.size === 0
      ? finesText.t('noticesNoneSelected')
      : finesText.t('noticesSelected', { count: selection.size, amount: formatMoney(totalFen(selection)) }),
    canPay: selection.size > 0,
  };
}

export function tooManyLine(): string {
  return finesText.t('noticesSelectMax', { max: MAX_ORDER_ITEMS });
}

/** An order request's idempotency key and the request (ids and amounts) it was first sent with. */
export interface OrderKey { key: string; request: string }

/**
 * The key to send the selection's order under: the same for the very same request (a retry cannot make a
 * second order), a new one when the selection or an amount changed (after a reload, a re-price, a new
 * day), or the government refuses it as IDEMPOTENCY_KEY_REUSED.
 */
export function orderKey(selection: Selection, last: OrderKey, newKey: () => string): OrderKey {
  const request = [...selection.entries()].map(([id, fen]) => `${id}:${fen}`).sort().join(',');
  return request === last.request ? last : { key: newKey(), request };
}

/** The vehicle's line at the top: what is unpaid, due and pending, or that nothing is. */
function vehicleLine(vehicle: VehicleSummary): string {
  return vehicle.unpaidCount
    ? finesText.t('noticesSummary', { count: vehicle.unpaidCount, amount: formatMoney(vehicle.dueFen), points: vehicle.pointsPending })
    : finesText.t('noticesClean');
}

export interface ListView {
  plate: string;
  summary: string;
  items: NoticeRow[];
  /** Which notices of how many are shown; empty when they all fit on one page. */
  pageText: string;
  anyPayable: boolean;
  hasPrev: boolean;
  hasNext: boolean;
}

/** One page of the list as shown from `offset`, ticks as in the selection. */
export function listView(page: NoticesResponse, offset: number, pageSize: number, selection: Selection): ListView {
  const end = offset + page.items.length;
  return {
    plate: page.vehicle.plate,
    summary: vehicleLine(page.vehicle),
    items: page.items.map((notice) => rowOf(notice, selection)),
    pageText: page.total > pageSize ? finesText.t('noticesPage', { from: offset + 1, to: Math.min(page.total, end), total: page.total }) : '',
    anyPayable: page.items.some(isPayable),
    hasPrev: offset > 0,
    hasNext: end < page.total,
  };
}

/** An earlier order holds some of the selection: how many, its amount, and until when it holds them. */
export function earlierLine(selection: Selection, earlier: PaymentOrder): string {
  const count = earlier.lines.filter((line) => selection.has(line.itemId)).length;
  return finesText.t('noticesEarlier', { count, amount: formatMoney(earlier.totalFen), time: formatCstDateTime(earlier.holdsUntil ?? earlier.expiresAt) });
}
