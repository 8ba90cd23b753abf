// What the usage chart shows, as a pure function of an account's bills: one bar per month, oldest first,
// its height from the month's usage against the highest month, the number above it and the month
// below it, and what a screen reader reads for it ("2026年10月 341 度"). The page sets the whole chart in
// one setData; the component only draws it.
import type { Bill } from '../../../../contracts/bills';
import { billsText, type BillsKey } from '../../i18n';

export interface ChartBar {
  id: string;
  /** The month under the bar ("10月", "Oct"). */
  month: string;
  /** The number above the bar. */
  value: string;
  /** What a screen reader reads: the month and the usage with its unit. */
  label: string;
  /** Height in percent of the tallest bar (a month of little use still shows a sliver). */
  height: number;
  /** The latest month, drawn stronger. */
  latest: boolean;
}

export interface ChartView {
  title: string;
  unit: string;
  bars: ChartBar[];
}

/** The lowest bar drawn, in percent, so a month of very little use is still seen. */
const MIN_HEIGHT = 4;

const monthKey = (month: number): BillsKey => {
  const key = `chart.month.${month}`;
  return billsText.has(key) ? key : 'chart.month.1';
};

/** A bill's month ("2026-10") in words: "2026年10月", "Oct 2026". */
export function periodWords(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return billsText.t('detailPeriod', { year, month, monthName: billsText.t(monthKey(month)) });
}

/** Usage with its unit: "341 度", "15 m³". */
export const usageWords = (usage: number | string, unit: Bill['unit']): string => billsText.t(`unit.${unit}`, { usage });

/** The chart of the bills (the history, newest first, as the government sends it). */
export function chartOf(history: readonly Pick<Bill, 'id' | 'period' | 'usage' | 'unit'>[]): ChartView {
  const months = [...history].reverse();
  const most = Math.max(1, ...months.map((bill) => bill.usage));
  const unit = months[0]?.unit ?? 'kWh';
  return {
    title: billsText.t('chartTitle'),
    unit: billsText.t(`chartUnit.${unit}`),
    bars: months.map((bill, i) => ({
      id: bill.id,
      month: billsText.t(monthKey(Number(bill.period.slice(5)))),
      value: String(bill.usage),
      label: billsText.t('chartBar', { period: periodWords(bill.period), usage: usageWords(bill.usage, bill.unit) }),
      height: Math.max(MIN_HEIGHT, Math.round((bill.usage / most) * 100)),
      latest: i === months.length - 1,
    })),
  };
}
