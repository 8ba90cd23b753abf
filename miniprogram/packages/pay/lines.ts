// Order lines in the reader's language; each kind of item (fines, bills, fees) has its own words.
import type { OrderLine, PayItemKind, PaymentOrder } from '../../contracts/payments';
import { formatMoney } from '../../core/money';
import { payText, type PayKey } from './i18n';

/** How each kind of item reads: what it is, which one (from its detail), and how a late amount was made up. */
interface KindWords { title: PayKey; sub: PayKey | null; late: PayKey | null; lateOneDay?: PayKey }
const KIND_WORDS: Record<PayItemKind, KindWords> = {
  'traffic-fine': { title: 'item.traffic-fine', sub: 'item.traffic-fine.sub', late: 'item.traffic-fine.late' },
  'registration-fee': { title: 'item.registration-fee', sub: 'item.registration-fee.sub', late: null },
  'utility-bill': { title: 'item.utility-bill', sub: 'item.utility-bill.sub', late: 'item.utility-bill.late', lateOneDay: 'item.utility-bill.late.one' },
};
const BY_KIND = new Map<string, KindWords>(Object.entries(KIND_WORDS));
const OTHER_WORDS: KindWords = { title: 'item.other', sub: null, late: null };

/** A kind this app version does not know (a newer government) reads as a plain payment item. */
const wordsOf = (kind: string): KindWords => BY_KIND.get(kind) ?? OTHER_WORDS;

/** title: what it is; sub: which one (plate and date); note: how the amount was computed. */
export interface LineView { id: string; title: string; sub: string; note: string; amount: string }

export function lineView(line: OrderLine): LineView {
  const words = wordsOf(line.kind);
  const detail = line.detail;
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
    title: payText.t(words.title, detail),
    sub: words.sub ? payText.t(words.sub, detail) : '',
    note: late,
    amount: formatMoney(line.amountFen),
  };
}

/** WeChat Pay charged this order but it settled nothing: the amount comes back; the reference (or order) is what to quote. */
export function refundText(order: PaymentOrder): string {
  return payText.t('refundDue', { amount: formatMoney(order.totalFen), reference: order.reference ?? order.id });
}
