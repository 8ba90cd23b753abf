// One way for every form to say what is wrong (GOV.UK's pattern): the words beside each field, the same
// words in an error summary at the top (components/error-summary), in the order of the form, and a tap
// on a summary line focuses its field. A page keeps `errors` and `summary` in its data, sets both from
// `errorView`, adds `fieldFocus` to its behaviors and binds its inputs' `focus` to `focused`.

/** The words beside each field that has a problem; a field without one has no entry (or ''). */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** One line of the error summary: its words, and the field a tap on them focuses. */
export interface SummaryItem<F extends string> {
  field: F;
  text: string;
}

/** What a form shows of its errors, set together in one setData. */
export interface ErrorView<F extends string> {
  errors: FieldErrors<F>;
  summary: SummaryItem<F>[];
}

/** Whether `value` is one of the form's fields (event data and server reasons are only strings). */
export function isField<F extends string>(order: readonly F[], value: unknown): value is F {
  return order.some((field) => field === value);
}

/**
 * The summary lines: one per field with words, in the form's order, then `general`, a problem no field
 * owns (the network failed), which a tap takes to `general.field`.
 */
export function summaryOf<F extends string>(order: readonly F[], errors: FieldErrors<F>, general?: SummaryItem<NoInfer<F>>): SummaryItem<F>[] {
  const items: SummaryItem<F>[] = [];
  order.forEach((field) => {
    const text = errors[field];
    if (text) items.push({ field, text });
  });
  if (general?.text) items.push(general);
  return items;
}

/** The errors (only fields with words) and their summary, for one setData. */
export function errorView<F extends string>(order: readonly F[], errors: FieldErrors<F>, general?: SummaryItem<NoInfer<F>>): ErrorView<F> {
  const kept: FieldErrors<F> = {};
  order.forEach((field) => {
    const text = errors[field];
    if (text) kept[field] = text;
  });
  return { errors: kept, summary: summaryOf(order, kept, general) };
}

/** The errors with one field's words replaced; '' clears the field. */
export function withError<F extends string>(errors: FieldErrors<F>, field: NoInfer<F>, text: string): FieldErrors<F> {
  const next: FieldErrors<F> = { ...errors };
  if (text) next[field] = text;
  else delete next[field];
  return next;
}

/** The words of the form's own fields among `messages` (e.g. the government's reasons in words). */
export function errorsOf<F extends string>(order: readonly F[], messages: Readonly<Record<string, string>>): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  order.forEach((field) => {
    if (messages[field]) errors[field] = messages[field];
  });
  return errors;
}

/**
 * Focus on a summary line's field: `<error-summary bind:pick="focusField">` and
 * `<input focus="{{focused === 'name'}}">`. A second tap on the same line focuses the field again.
 */
export const fieldFocus = Behavior({
  data: {
    focused: '',
  },
  methods: {
    focusField(e: WechatMiniprogram.CustomEvent<{ field: string }>) {
      const field = e.detail.field;
      // The input only reacts to a change of `focus`: off first when it is already the one asked for.
      if (this.data.focused === field) this.setData({ focused: '' });
      this.setData({ focused: field });
    },
  },
});
