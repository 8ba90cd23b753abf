// The message on its own, in a host as a page uses it: each kind with its icon, its class (colour and
// edge) and how a screen reader hears it (alert for errors and warnings, a polite status otherwise), an
// optional title, and nothing at all without text.
import * as path from 'path';
import * as simulate from 'miniprogram-simulate';
import type { MessageKind } from '../../miniprogram/components/message/message';
import { APP_ROOT } from '../helpers/render';

type Node = simulate.Component<Record<string, unknown>, Record<string, never>, Record<string, never>>;

const messageId = simulate.load(path.join(APP_ROOT, 'components/message/message'), {
  rootPath: APP_ROOT,
  compilerOptions: { wxmlList: ['components/message/message.wxml'] },
});

function render(shown: { kind: MessageKind; text: string; title?: string }) {
  const host = simulate.load({
    usingComponents: { message: messageId },
    template: '<message id="box" kind="{{kind}}" title="{{title}}" text="{{text}}" />',
    data: { title: '', ...shown },
  });
  const comp = simulate.render(host);
  comp.attach(document.createElement('parent-wrapper'));
  const inside = (selector: string): Node | undefined => comp.querySelector('#box')?.querySelector(selector);
  const text = (selector: string): string => (inside(selector)?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return { comp, inside, text };
}
const attr = (node: Node | undefined, name: string): unknown => node?.toJSON().attrs.find((a) => a.name === name)?.value;
const classes = (node: Node | undefined): string[] => String(attr(node, 'class') ?? '').split(/\s+/);

describe('message', () => {
  it.each([
    ['error', 'warn', '#c5221f', 'alert', 'assertive', '支付没有成功，没有扣款。请重试。'],
    ['warning', 'warn', '#a15c00', 'alert', 'assertive', '微信支付已完成，但暂时无法确认缴费结果。'],
    ['info', 'info', '#1a73e8', 'status', 'polite', '您取消了支付，没有扣款。'],
    ['success', 'success', '#07814a', 'status', 'polite', 'Payment received'],
  ] as const)('shows %s with its icon, colour and role', (kind, icon, colour, role, live, words) => {
    const { inside, text } = render({ kind, text: words });
    const box = inside('.message');
    expect(classes(box)).toEqual(['message', `message-${kind}`]);
    expect([attr(box, 'ariaRole'), attr(box, 'ariaLive')]).toEqual([role, live]);
    const glyph = inside('.message-icon');
    expect([attr(glyph, 'type'), attr(glyph, 'color'), attr(glyph, 'ariaHidden')]).toEqual([icon, colour, 'true']);
    expect(text('.message')).toBe(words);
    expect(text('.message-text')).toBe(words);
    expect(inside('.message-title')).toBeUndefined();
  });

  it('puts a title above the text when given one', () => {
    const { text } = render({ kind: 'error', title: '缴费没有成功', text: '没有扣款。' });
    expect(text('.message-title')).toBe('缴费没有成功');
    expect(text('.message-text')).toBe('没有扣款。');
  });

  it('renders nothing without text, and follows the kind and text it is given', () => {
    const { comp, inside, text } = render({ kind: 'error', text: '' });
    expect(inside('.message')).toBeUndefined();
    expect((comp.dom?.textContent ?? '').trim()).toBe('');
    comp.setData({ kind: 'info', text: 'You cancelled the payment.' });
    expect(attr(inside('.message'), 'ariaRole')).toBe('status');
    expect(text('.message')).toBe('You cancelled the payment.');
    comp.setData({ kind: 'error', text: 'The payment did not go through.' });
    expect(classes(inside('.message'))).toContain('message-error');
    expect(attr(inside('.message'), 'ariaRole')).toBe('alert');
    comp.setData({ text: '' });
    expect(inside('.message')).toBeUndefined();
  });
});
