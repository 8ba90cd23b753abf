// Order lines in the reader's language; each kind of item (fines, bills, fees) has its own words.
import type { OrderLine, PayItemKind, PaymentOrder } from '../../contracts/payments';
import { formatMoney } from '../../core/money';
import { payText, type PayKey } from './i18n';

/** How each kind of item reads: what it is, which one (from its detail), and how a late amount was made up. */
interface KindWords { title: PayKey; sub: PayKey | null; late: PayKey | null; lateOneDay?: PayKey }
const KIND_WORDS: Record<PayItemKind, KindWords> = {
  'traffic-fine': { title: 'item.traffic-fine', sub: 'item.traffic-fine.sub', late: 'item.traffic-fine.late' },
  'registration-fee': { title: 'item.registration-fee', sub: 'item.registration-fee.sub', late: null },
  'passport-fee': { title: 'item.passport-fee', sub: 'item.passport-fee.sub', late: null },
  'utility-bill': { title: 'item.utility-bill', sub: 'item.utility-bill.sub', late: 'item.utility-bill.late', lateOneDay: 'item.utility-bill.late.one' },
};
const BY_KIND = new Map<string, KindWords>(Object.entries(KIND_WORDS));
const OTHER_WORDS: KindWords = { title: 'item.other', sub: null, late: null };

/** A kind this app version does not know (a newer government) reads as a plain payment item. */
const wordsOf = (kind: string): KindWords => BY_KIND.get(kind) ?? OTHER_WORDS;

/** title: what it is; sub: which one (plate and date); note: how the amount was computed. */
export interface LineView { id: string; title: string; sub: string; note: string; amount: string }

type Detail = OrderLine['detail'];

/** A traffic fine names its offence (a code this version has no words for reads as a traffic fine). */
function fineTitle(detail: Detail): string {
  const key = `offence.${String(detail.offence)}`;
  return payText.has(key) ? payText.t(key) : payText.t('item.traffic-fine');
}

/** Which fine: plate and date, and the points it records (an order made before points were sent has none). */
function fineSub(detail: Detail): string {
  if (typeof detail.points !== 'number') return payText.t('item.traffic-fine.sub', detail);
  const key = detail.points === 0 ? 'item.traffic-fine.noPoints' : detail.points === 1 ? 'item.traffic-fine.onePoint' : 'item.traffic-fine.points';
  return payText.t(key, detail);
}

export function lineView(line: OrderLine): LineView {
  const words = wordsOf(line.kind);
  const detail = line.detail;
  const fine = line.kind === 'traffic-fine';
  const late = typeof detail.daysLate === 'number' && detail.daysLate > 0 && words.late
    ? payText.t(detail.daysLate === 1 && words.lateOneDay ? words.lateOneDay : words.late, {
      fine: formatMoney(Number(detail.fineFen)),
      surcharge: formatMoney(Number(detail.surchargeFen)),
      arrears: formatMoney(Number(detail.arrearsFen)),
      fee: formatMoney(Number(detail.lateFeeFen)),
      days: detail.daysLate,
    })
    : '';
  return {
    id: `${line.agency}/${line.itemId}`,
    title: fine ? fineTitle(detail) : payText.t(words.title, detail),
    sub: fine ? fineSub(detail) : words.sub ? payText.t(words.sub, detail) : '',
    note: late,
    amount: formatMoney(line.amountFen),
  };
}

/** WeChat Pay charged this order but it settled nothing: the amount comes back; the reference (or order) is what to quote. */
export function refundText(order: PaymentOrder): string {
  return payText.t('refundDue', { amount: formatMoney(order.totalFen), reference: order.reference ?? order.id });
}
