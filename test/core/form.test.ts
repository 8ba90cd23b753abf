// The one field-errors shape: summary lines in the form's order, errors set and cleared without
// mutation, and fieldFocus taking a summary tap to its field (again on a second tap).
import * as simulate from 'miniprogram-simulate';
import { errorView, errorsOf, fieldFocus, isField, summaryOf, withError, type FieldErrors } from '../../miniprogram/core/form';

const ORDER = ['name', 'idNumber', 'mobile'] as const;
type Field = (typeof ORDER)[number];

describe('field errors', () => {
  it('summarise in the form\'s order, skipping fields without words, with a general line last', () => {
    const errors: FieldErrors<Field> = { mobile: 'Mobile wrong', name: 'Name missing', idNumber: '' };
    expect(summaryOf(ORDER, errors)).toEqual([{ field: 'name', text: 'Name missing' }, { field: 'mobile', text: 'Mobile wrong' }]);
    expect(summaryOf(ORDER, {}, { field: 'name', text: 'No network' })).toEqual([{ field: 'name', text: 'No network' }]);
    expect(summaryOf(ORDER, {}, { field: 'name', text: '' })).toEqual([]);
  });

  it('give a view with only the fields that have words, and its summary', () => {
    expect(errorView(ORDER, { idNumber: '', mobile: 'Mobile wrong' })).toEqual({ errors: { mobile: 'Mobile wrong' }, summary: [{ field: 'mobile', text: 'Mobile wrong' }] });
  });

  it('change one field at a time without touching the errors shown', () => {
    const shown: FieldErrors<Field> = { name: 'Name missing' };
    const more = withError(shown, 'mobile', 'Mobile wrong');
    expect(more).toEqual({ name: 'Name missing', mobile: 'Mobile wrong' });
    expect(withError(more, 'name', '')).toEqual({ mobile: 'Mobile wrong' });
    expect(shown).toEqual({ name: 'Name missing' });
  });

  it('take only the form\'s own fields from words keyed by field', () => {
    expect(errorsOf(ORDER, { mobile: 'Mobile wrong', smsCode: 'Wrong code', name: '' })).toEqual({ mobile: 'Mobile wrong' });
    expect(isField(ORDER, 'mobile')).toBe(true);
    expect(isField(ORDER, 'smsCode')).toBe(false);
    expect(isField(ORDER, 3)).toBe(false);
  });
});

describe('fieldFocus', () => {
  const render = () => {
    const id = simulate.load({
      behaviors: [fieldFocus],
      template: '<input id="name" focus="{{focused === \'name\'}}" /><input id="mobile" focus="{{focused === \'mobile\'}}" />',
    });
    const comp = simulate.render(id);
    comp.attach(document.createElement('parent-wrapper'));
    return comp;
  };
  const focusOf = (comp: ReturnType<typeof render>, selector: string): unknown => comp.querySelector(selector)?.toJSON().attrs.find((attr) => attr.name === 'focus')?.value;

  it('focuses the field a summary line names, and again when the same line is tapped twice', () => {
    const comp = render();
    const values: unknown[] = [];
    const setData = comp.instance.setData.bind(comp.instance);
    comp.instance.setData = (data: Record<string, unknown>) => {
      values.push(data.focused);
      setData(data);
    };
    comp.instance.focusField({ detail: { field: 'mobile' } });
    expect([focusOf(comp, '#name'), focusOf(comp, '#mobile')]).toEqual([false, true]);
    comp.instance.focusField({ detail: { field: 'name' } });
    expect([focusOf(comp, '#name'), focusOf(comp, '#mobile')]).toEqual([true, false]);
    comp.instance.focusField({ detail: { field: 'name' } });
    expect(focusOf(comp, '#name')).toBe(true);
    // The input only reacts to a change: off, then on.
    expect(values).toEqual(['mobile', 'name', '', 'name']);
  });
});
