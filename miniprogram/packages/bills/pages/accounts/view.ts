// What the accounts page shows, as pure functions of the government's answer: the summary card, one row
// per account, the pay-all bar and the add button; and the order that pays everything due.
import { UTILITIES, type AccountDetail, type AccountSummary, type AccountsResponse, type Utility } from '../../../../contracts/bills';
import type { PayItemRef } from '../../../../contracts/payments';
import { formatMoney } from '../../../../core/money';
import { billsText } from '../../i18n';
import { billItems, local } from '../../service';

export interface AccountRow {
  id: string;
  utility: Utility;
  icon: string;
  utilityName: string;
  label: string;
  company: string;
  number: string;
  /** The amount due, or "paid up". */
  due: string;
  /** How many bills and by when (or since when, overdue); empty when paid up. */
  dueLine: string;
  /** "Overdue" in words beside the colour; empty when not. */
  overdue: string;
  clean: boolean;
}

export interface SummaryCard {
  clear: boolean;
  title: string;
  total: string;
  bills: string;
  next: string;
  overdue: string;
}

export function rowOf(account: AccountSummary): AccountRow {
  const clean = account.unpaidCount === 0;
  const due = clean ? billsText.t('accountsPaidUp') : billsText.t('accountsDue', { amount: formatMoney(account.dueFen) });
  const when = { count: account.unpaidCount, date: account.nextDue ?? '' };
  const overdue = account.overdue ? billsText.t('status.overdue') : '';
  const utilityName = billsText.t(`utility.${account.utility}`);
  const company = local(account.company);
  return {
    id: account.id,
    utility: account.utility,
    icon: billsText.t(`accountsIcon.${account.utility}`),
    utilityName,
    label: account.label,
    company,
    number: billsText.t('accountsNumber', { number: account.accountMasked }),
    due,
    dueLine: clean ? '' : billsText.t(account.overdue ? 'accountsDueOverdue' : 'accountsDueCount', when),
    overdue,
    clean,
  };
}

export function summaryCard(answer: AccountsResponse): SummaryCard {
  const { summary } = answer;
  const clear = summary.unpaidCount === 0;
  const overdue = answer.items.filter((account) => account.overdue).length;
  return {
    clear,
    title: billsText.t(clear ? 'accountsSummaryClear' : 'accountsSummaryTitle'),
    total: clear ? '' : formatMoney(summary.dueFen),
    bills: clear ? billsText.t('accountsSummaryClearHint') : billsText.t('accountsSummaryBills', { count: summary.unpaidCount, accounts: summary.accountsDue }),
    next: clear || overdue ? '' : billsText.t('accountsSummaryNext', { date: summary.nextDue ?? '' }),
    overdue: overdue ? billsText.t('accountsSummaryOverdue', { count: overdue, date: summary.nextDue ?? '' }) : '',
  };
}

/** A utility named in the page's query (the service tile that opened it), or null. */
export function utilityOf(value: string | undefined): Utility | null {
  return UTILITIES.find((utility) => utility === value) ?? null;
}

/** Everything the page shows once loaded, for one setData. */
export function pageView(answer: AccountsResponse, utility: Utility | null) {
  const rows = answer.items.map(rowOf);
  const canAdd = rows.length < answer.max;
  const { summary } = answer;
  const canPay = summary.unpaidCount > 0;
  return {
    intro: billsText.t('accountsIntro', { max: answer.max }),
    summary: rows.length ? summaryCard(answer) : null,
    accounts: rows,
    canPay,
    payAllText: canPay ? billsText.t('accountsPayAll', { amount: formatMoney(summary.dueFen) }) : '',
    payCovers: canPay ? billsText.t('accountsPayCovers', { count: summary.unpaidCount, accounts: summary.accountsDue, amount: formatMoney(summary.dueFen) }) : '',
    canAdd,
    addText: billsText.t(utility ? `accountsAddUtility.${utility}` : 'accountsAdd'),
    limitText: canAdd ? '' : billsText.t('accountsLimit', { max: answer.max }),
  };
}

/** The order paying every unpaid bill of these accounts, and the request it makes (for its idempotency key). */
export function payAllOrder(details: readonly AccountDetail[], totalFen: number): { items: PayItemRef[]; request: string } {
  const items = billItems(details.flatMap((detail) => detail.unpaid));
  return { items, request: `${items.map((item) => item.itemId).sort().join(',')}=${totalFen}` };
}
