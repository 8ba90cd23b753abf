// What the account page shows, as pure functions of what the government answered: the header, the
// current bill with its price tiers, each unpaid bill with its late fee in words and the rule, the amount
// due, the history with who paid, and what the rename field accepts. The page wires them to the view.
import { LABEL_MAX_CHARS, type AccountDetail, type AccountSummary, type Bill, type LateFeeRule } from '../../../../contracts/bills';
import { fieldMessages } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { periodWords, usageWords } from '../../components/usage-chart/chart';
import { billsText, billsWords } from '../../i18n';
import { local } from '../../service';

const { t } = billsText;

export interface HeaderView { utility: string; label: string; company: string; number: string; holder: string }

export function headerView(account: AccountSummary): HeaderView {
  return {
    utility: t(`utility.${account.utility}`),
    label: account.label,
    company: local(account.company),
    number: t('detailNumber', { number: account.accountMasked }),
    holder: t('detailHolder', { holder: account.holderMasked, address: local(account.addressMasked) }),
  };
}

/** unpaid, overdue (in words too, not only colour), paid by you / someone sharing the account / elsewhere. */
export type BillState = 'unpaid' | 'overdue' | 'paid' | 'paid-other';

function stateOf(bill: Bill): { state: BillState; text: string } {
  if (bill.status === 'unpaid') return bill.daysLate > 0 ? { state: 'overdue', text: t('status.overdue') } : { state: 'unpaid', text: t('status.unpaid') };
  if (bill.paidBy === 'other') return { state: 'paid-other', text: t('paidByOther') };
  return { state: 'paid', text: t(bill.paidBy === 'you' ? 'detailPaidYou' : bill.paidBy === 'elsewhere' ? 'detailPaidElsewhere' : 'status.paid') };
}

export interface TierView { id: string; name: string; line: string }

/** A tier ("第 2 档（201–400 度）") and its usage times its price, which is its amount: "141 度 × 0.6383 元/度 = ¥90.00". */
function tiersOf(bill: Bill): TierView[] {
  return bill.tiers.map((tier) => ({
    id: `tier-${tier.tier}`,
    name: bill.tiers.length > 1
      ? t('detailTier', { tier: tier.tier, range: tier.to === null ? t('detailTierOver', { from: usageWords(tier.from, bill.unit) }) : usageWords(`${tier.from === 0 ? 0 : tier.from + 1}–${tier.to}`, bill.unit) })
      : '',
    line: t('detailTierLine', {
      usage: usageWords(tier.usage, bill.unit),
      price: t(`detailPrice.${bill.unit}`, { price: (tier.price / 10000).toFixed(4) }),
      amount: formatMoney(tier.amountFen),
    }),
  }));
}

export interface CurrentView { period: string; readings: string; usage: string; tiers: TierView[]; amount: string; dueDate: string; state: BillState; stateText: string }

export function currentView(bill: Bill | null): CurrentView | null {
  if (!bill) return null;
  const { state, text } = stateOf(bill);
  return {
    period: periodWords(bill.period),
    readings: t('detailReadings', { from: bill.readFrom, to: bill.readTo }),
    usage: usageWords(bill.usage, bill.unit),
    tiers: tiersOf(bill),
    amount: formatMoney(bill.amountFen),
    dueDate: bill.dueDate,
    state,
    stateText: text,
  };
}

/** The late fee's rule in words: "1‰ of the arrears a day, at least ¥1.00". */
export function ruleWords(rule: LateFeeRule, company: string): string {
  return t('lateFeeRule', { company, rate: t('detailRate', { perMille: rule.ratePerDay / 10, percent: rule.ratePerDay / 100 }), min: formatMoney(rule.minFen) });
}

export interface DueRow { id: string; text: string; amount: string; late: boolean }
export interface DueView { rows: DueRow[]; rule: string; total: string; totalLabel: string; pay: string }

/** Each unpaid bill (oldest first) with its late fee in words, the rule, and the total of all of them; null when nothing is due. */
export function dueView(detail: Pick<AccountDetail, 'unpaid' | 'lateFee' | 'account'>): DueView | null {
  if (!detail.unpaid.length) return null;
  const total = totalFen(detail.unpaid);
  return {
    rows: detail.unpaid.map((bill) => ({
      id: bill.id,
      text: bill.daysLate > 0
        ? t('detailUnpaidLate', { period: periodWords(bill.period), words: t(bill.daysLate === 1 ? 'lateFeeWordsOneDay' : 'lateFeeWords', { arrears: formatMoney(bill.amountFen), fee: formatMoney(bill.lateFeeFen), days: bill.daysLate }) })
        : t('detailUnpaidOnTime', { period: periodWords(bill.period), amount: formatMoney(bill.amountFen), date: bill.dueDate }),
      amount: formatMoney(bill.dueFen),
      late: bill.daysLate > 0,
    })),
    rule: ruleWords(detail.lateFee, local(detail.account.company)),
    total: formatMoney(total),
    totalLabel: t(detail.unpaid.length === 1 ? 'detailTotalOne' : 'detailTotal', { count: detail.unpaid.length }),
    pay: t('detailPay', { amount: formatMoney(total) }),
  };
}

export interface HistoryRow { id: string; period: string; usage: string; amount: string; state: BillState; stateText: string; receipt: string; receiptLabel: string }

/** The last bills, newest first: what each cost (or costs now) and who paid it; a receipt only for the person's own payments. */
export function historyView(history: readonly Bill[]): HistoryRow[] {
  return history.map((bill) => {
    const { state, text } = stateOf(bill);
    const period = periodWords(bill.period);
    return {
      id: bill.id,
      period,
      usage: usageWords(bill.usage, bill.unit),
      amount: formatMoney(bill.status === 'unpaid' ? bill.dueFen : bill.payment?.amountFen ?? bill.amountFen),
      state,
      stateText: text,
      receipt: bill.payment?.orderId ?? '',
      receiptLabel: bill.payment ? t('detailReceiptLabel', { period }) : '',
    };
  });
}

export const totalFen = (bills: readonly Pick<Bill, 'dueFen'>[]): number => bills.reduce((sum, bill) => sum + bill.dueFen, 0);

/** The order a payment asks for, to keep one idempotency key for the very same request. */
export const orderRequest = (bills: readonly Pick<Bill, 'id' | 'dueFen'>[]): string => bills.map((bill) => `${bill.id}:${bill.dueFen}`).join(',');

/** The words beside the name field, or '' when the name is fine (1..12 characters, as the government counts them). */
export function labelMessage(label: string, serverCode = ''): string {
  const length = Array.from(label.trim()).length;
  const code = serverCode || (length === 0 ? 'REQUIRED' : length > LABEL_MAX_CHARS ? 'TOO_LONG' : '');
  if (code === 'REQUIRED') return t('detailLabel.REQUIRED');
  if (code === 'TOO_LONG') return t('detailLabel.TOO_LONG', { length });
  return code ? fieldMessages({ label: code }, billsWords).label : '';
}
