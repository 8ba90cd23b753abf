// The load state on its own, in a host as a page uses it: loading (WeUI's spinner and the words, read out),
// an error with its one action (a retry that fires `retry`, or, laid out as WeUI's msg page, the way forward that fires `forward`),
// empty, and nothing at all once ready.
import * as path from 'path';
import * as simulate from 'miniprogram-simulate';
import type { LoadStatus } from '../../miniprogram/core/load-error';
import { APP_ROOT } from '../helpers/render';

type Node = simulate.Component<Record<string, unknown>, Record<string, never>, Record<string, never>>;

interface Shown { status: LoadStatus; message: string; retryText?: string; forwardText?: string }

// WeUI's loading, which load-state wraps, lives outside the app: its template is compiled with the app's.
const WEUI_LOADING = path.relative(APP_ROOT, path.resolve(__dirname, '../../node_modules/weui-miniprogram/miniprogram_dist/loading/loading')).split(path.sep).join('/');
const stateId = simulate.load(path.join(APP_ROOT, 'components/load-state/load-state'), {
  rootPath: APP_ROOT,
  usingComponents: { 'mp-loading': `/${WEUI_LOADING}` },
  compilerOptions: { wxmlList: ['components/load-state/load-state.wxml', `${WEUI_LOADING}.wxml`] },
});

function render(shown: Shown) {
  const fired: string[] = [];
  const host = simulate.load({
    usingComponents: { 'load-state': stateId },
    template: '<load-state id="state" status="{{status}}" message="{{message}}" retry-text="{{retryText}}" forward-text="{{forwardText}}" bind:retry="onRetry" bind:forward="onForward" />',
    data: { retryText: '', forwardText: '', ...shown },
    methods: {
      onRetry() {
        fired.push('retry');
      },
      onForward() {
        fired.push('forward');
      },
    },
  });
  const comp = simulate.render(host);
  comp.attach(document.createElement('parent-wrapper'));
  const inside = (selector: string): Node | undefined => comp.querySelector('#state')?.querySelector(selector);
  const text = (selector: string): string => (inside(selector)?.dom?.textContent ?? '').trim();
  const tap = async (selector: string): Promise<void> => {
    inside(selector)?.dispatchEvent('tap');
    await simulate.sleep(0);
  };
  return { comp, fired, inside, text, tap };
}
const attr = (node: Node | undefined, name: string): unknown => node?.toJSON().attrs.find((a) => a.name === name)?.value;

describe('load state', () => {
  it('shows WeUI\'s spinner and the words while loading, read out, with no action', () => {
    const { inside, text } = render({ status: 'loading', message: '加载中…', retryText: '重试', forwardText: '查看我的车辆' });
    expect(inside('.loading')?.dom?.querySelector('mp-loading')).not.toBeNull();
    expect(text('.load-message')).toBe('加载中…');
    expect([attr(inside('.loading'), 'ariaRole'), attr(inside('.loading'), 'ariaLabel')]).toEqual(['alert', '加载中…']);
    expect(inside('.load-retry')).toBeUndefined();
    expect(inside('#forward')).toBeUndefined();
  });

  it('shows an error with a retry where trying again can help, and a tap on it asks the page to retry', async () => {
    const { inside, text, tap, fired } = render({ status: 'error', message: '服务暂时不可用，请稍后重试', retryText: '重试' });
    expect(text('.load-message')).toBe('服务暂时不可用，请稍后重试');
    expect(attr(inside('.error'), 'ariaRole')).toBe('alert');
    expect(text('.load-retry')).toBe('重试');
    expect(attr(inside('.load-retry'), 'ariaRole')).toBe('button');
    expect(inside('#forward')).toBeUndefined();
    // Not the msg page: the words stay an error's, in red, with the retry under them.
    expect(inside('.load-msg')).toBeUndefined();
    expect(attr(inside('.load-icon'), 'type')).toBe('warn');
    await tap('.load-retry');
    expect(fired).toEqual(['retry']);
  });

  it('shows an error with the way forward where retrying cannot help, and a tap on it asks the page to go there', async () => {
    const { inside, text, tap, fired } = render({ status: 'error', message: 'This vehicle is not bound to your account.', forwardText: 'See my vehicles' });
    expect(text('.load-message')).toBe('This vehicle is not bound to your account.');
    expect(inside('.load-retry')).toBeUndefined();
    expect(text('#forward')).toBe('See my vehicles');
    expect(attr(inside('#forward'), 'ariaRole')).toBe('button');
    // WeUI's msg page: a large warning icon, hidden from screen readers, the words as its title, one primary action.
    expect(inside('.load-msg')).toBeDefined();
    expect([attr(inside('.load-msg-icon'), 'type'), attr(inside('.load-msg-icon'), 'size'), attr(inside('.load-msg-icon'), 'ariaHidden')]).toEqual(['warn', '64', 'true']);
    expect(text('.load-msg-title')).toBe('This vehicle is not bound to your account.');
    expect(String(attr(inside('#forward'), 'class')).split(' ')).toContain('btn-primary');
    expect(inside('.btn-secondary')).toBeUndefined();
    await tap('#forward');
    await tap('#forward');
    expect(fired).toEqual(['forward', 'forward']);
  });

  it('says what is missing when there is nothing to show, with no action', () => {
    const { inside, text } = render({ status: 'empty', message: '暂无办事记录', retryText: '重试', forwardText: '查看我的车辆' });
    expect(text('.empty')).toBe('暂无办事记录');
    expect(attr(inside('.empty'), 'ariaRole')).toBeUndefined();
    expect(inside('.load-retry')).toBeUndefined();
    expect(inside('#forward')).toBeUndefined();
  });

  it('renders nothing once ready, and follows the status it is given', () => {
    const { comp, inside, text } = render({ status: 'ready', message: '', forwardText: 'Back' });
    expect(comp.dom?.textContent).toBe('');
    expect(inside('.load-state')).toBeUndefined();
    comp.setData({ status: 'error', message: 'This order was not found.' });
    expect(text('.load-message')).toBe('This order was not found.');
    expect(text('#forward')).toBe('Back');
    comp.setData({ status: 'ready' });
    expect(inside('.load-state')).toBeUndefined();
  });
});
