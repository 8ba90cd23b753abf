// The error summary at the top of a form (GOV.UK's pattern): a title and one line per problem, read out
// as an alert. Tapping a line fires `pick` with its field, and the page focuses that field (core/form.ts
// `fieldFocus`). Renders nothing without items.
Component({
  options: { addGlobalClass: true },
  properties: {
    title: { type: String, value: '' },
    /** SummaryItem[] (core/form.ts): `{ field, text }`, in the order of the form. */
    items: { type: Array, value: [] },
  },
  methods: {
    onPick(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { field: string }>) {
      this.triggerEvent('pick', { field: e.currentTarget.dataset.field });
    },
  },
});
