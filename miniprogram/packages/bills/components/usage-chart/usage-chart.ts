// The 12-month usage chart of an account, drawn with views: one bar per month, oldest first, its number
// above and its month below (in large text, one row per month, so the numbers keep their size). Each bar
// is read out as its month and usage. It only draws what it is given (./chart.ts makes it), so the page
// sets the whole chart in one setData.
import type { ChartView } from './chart';

Component({
  options: { addGlobalClass: true },
  properties: {
    chart: { type: Object, value: { title: '', unit: '', bars: [] } as ChartView },
    /** Large text: a row per month instead of a column. */
    large: { type: Boolean, value: false },
  },
});
