// The 14-day strip of the department and doctor pages: each day's weekday, date and availability word,
// told apart by colour and by the word (and read out whole: date, weekday, status, selected). A tap fires
// `pick` with the day's date; the page decides what a day shows. Cells come from ../../days.ts.

Component({
  options: { addGlobalClass: true },
  properties: {
    /** DayCell[] (days.ts dayCells). */
    days: { type: Array, value: [] },
    /** The chosen day, YYYY-MM-DD. */
    selected: { type: String, value: '' },
    /** The strip's name for screen readers, e.g. "Choose a day". */
    label: { type: String, value: '' },
  },
  methods: {
    onPick(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { date: string }>) {
      this.triggerEvent('pick', { date: e.currentTarget.dataset.date });
    },
  },
});
