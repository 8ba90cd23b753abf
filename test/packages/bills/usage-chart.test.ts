// The usage chart's numbers as a pure function of the bills: oldest first, heights against the highest
// month (a sliver for a month of almost no use), the latest marked, and nothing drawn without bills.
import type { Bill } from '../../../miniprogram/contracts/bills';
import { setLocaleSetting } from '../../../miniprogram/core/i18n';
import { chartOf } from '../../../miniprogram/packages/bills/components/usage-chart/chart';

const bill = (period: string, usage: number, unit: Bill['unit'] = 'm3'): Pick<Bill, 'id' | 'period' | 'usage' | 'unit'> => ({ id: `b${period}`, period, usage, unit });

describe('usage chart', () => {
  it('draws the history oldest first, heights from usage, with the month and usage a screen reader reads', () => {
    setLocaleSetting('en');
    const chart = chartOf([bill('2026-01', 20), bill('2025-12', 1), bill('2025-11', 10)]);
    expect(chart.unit).toBe('In m³');
    expect(chart.bars.map((b) => [b.month, b.value, b.height, b.latest])).toEqual([['Nov', '10', 50, false], ['Dec', '1', 5, false], ['Jan', '20', 100, true]]);
    expect(chart.bars.map((b) => b.label)).toEqual(['Nov 2025 10\u00a0m³', 'Dec 2025 1\u00a0m³', 'Jan 2026 20\u00a0m³']);
    setLocaleSetting('zh-CN');
    expect(chartOf([bill('2026-01', 100), bill('2025-12', 1)]).bars.map((b) => [b.label, b.height])).toEqual([['2025年12月 1\u00a0立方米', 4], ['2026年1月 100\u00a0立方米', 100]]);
  });

  it('has no bars for an account without bills', () => {
    expect(chartOf([]).bars).toEqual([]);
  });
});
