// Order lines in the reader's language; each kind of item (fines, bills, fees) has its own words.
import type { OrderLine, PaymentOrder } from '../../contracts/payments';
import { formatMoney } from '../../core/money';
import { payText, type PayKey } from './i18n';

/** title: what it is; sub: which one (plate and date); note: how the amount was computed. */
export interface LineView { id: string; title: string; sub: string; note: string; amount: string }

export function lineView(line: OrderLine): LineView {
  const key = `item.${line.kind}` as PayKey;
  const detail = line.detail;
  const late = typeof detail.daysLate === 'number' && detail.daysLate > 0 && payText.has(`${key}.late`)
    ? payText.t(`${key}.late` as PayKey, {
      fine: formatMoney(Number(detail.fineFen)),
      surcharge: formatMoney(Number(detail.surchargeFen)),
      days: detail.daysLate,
    })
    : '';
  return {
    id: `${line.agency}/${line.itemId}`,
    title: payText.has(key) ? payText.t(key, detail) : payText.t('item.other'),
    sub: payText.has(`${key}.sub`) ? payText.t(`${key}.sub` as PayKey, detail) : '',
    note: late,
    amount: formatMoney(line.amountFen),
  };
}

/** WeChat Pay charged this order but it settled nothing: the amount comes back; the reference (or order) is what to quote. */
export function refundText(order: PaymentOrder): string {
  return payText.t('refundDue', { amount: formatMoney(order.totalFen), reference: order.reference ?? order.id });
}
