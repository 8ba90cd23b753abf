// The error summary on its own, in a host as a page uses it: a title and one line per item, read out as
// an alert, each line a link named by its words; a tap fires `pick` with the line's field; no items,
// nothing shown.
import * as path from 'path';
import * as simulate from 'miniprogram-simulate';
import { APP_ROOT } from '../helpers/render';

type Node = simulate.Component<Record<string, unknown>, Record<string, never>, Record<string, never>>;

const ITEMS = [{ field: 'plate', text: '请输入号牌号码' }, { field: 'vinLast6', text: '请输入车辆识别代号的最后 6 位' }];
const summaryId = simulate.load(path.join(APP_ROOT, 'components/error-summary/error-summary'), { rootPath: APP_ROOT });

function render(items: typeof ITEMS) {
  const picked: unknown[] = [];
  const host = simulate.load({
    usingComponents: { 'error-summary': summaryId },
    template: '<error-summary id="summary" title="请修改以下内容" items="{{items}}" bind:pick="onPick" />',
    data: { items },
    methods: {
      onPick(e: WechatMiniprogram.CustomEvent<{ field: string }>) {
        picked.push(e.detail);
      },
    },
  });
  const comp = simulate.render(host);
  comp.attach(document.createElement('parent-wrapper'));
  const inside = (selector: string): Node | undefined => comp.querySelector('#summary')?.querySelector(selector);
  const lines = (): Node[] => comp.querySelector('#summary')?.querySelectorAll('.error-summary-line') ?? [];
  return { comp, picked, inside, lines };
}
const attr = (node: Node | undefined, name: string): unknown => node?.toJSON().attrs.find((a) => a.name === name)?.value;

describe('error summary', () => {
  it('shows the title and one line per problem, as an alert of links named by their words', () => {
    const { inside, lines } = render(ITEMS);
    expect(inside('.error-summary-title')?.dom?.textContent).toBe('请修改以下内容');
    expect(attr(inside('.error-summary'), 'ariaRole')).toBe('alert');
    expect(lines().map((line) => line.dom?.textContent)).toEqual(ITEMS.map((item) => item.text));
    expect(lines().map((line) => [attr(line, 'ariaRole'), attr(line, 'ariaLabel')])).toEqual(ITEMS.map((item) => ['link', item.text]));
  });

  it('tells the page which field a tapped line is about', async () => {
    const { picked, lines } = render(ITEMS);
    lines()[1].dispatchEvent('tap');
    await simulate.sleep(0);
    lines()[0].dispatchEvent('tap');
    await simulate.sleep(0);
    expect(picked).toEqual([{ field: 'vinLast6' }, { field: 'plate' }]);
  });

  it('shows nothing without problems, and follows the items it is given', () => {
    const { comp, inside, lines } = render([]);
    expect(comp.dom?.textContent).toBe('');
    expect(inside('.error-summary')).toBeUndefined();
    comp.setData({ items: ITEMS.slice(1) });
    expect(lines().map((line) => line.dom?.textContent)).toEqual([ITEMS[1].text]);
  });
});
