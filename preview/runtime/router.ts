// The page stack: navigateTo / redirectTo / navigateBack / switchTab / reLaunch with WeChat's
// lifecycle order, tab pages kept alive, and the URL hash as a deep link to the top page.
import jComponent, { type RootComponent } from 'j-component';
import manifest from 'pv-manifest';
import { renderNav, renderTabBar, tabIndexOf } from './chrome';
import { ensureLoaded, joinPath } from './framework';
import { log } from './panel';

type Instance = Record<string, unknown> & { data: Record<string, unknown> };

type MountedComponent = RootComponent;

export interface PageRecord {
  id: number;
  route: string;
  query: Record<string, string>;
  comp: MountedComponent;
  instance: Instance;
  view: HTMLElement;
  scroller: HTMLElement;
  title: string;
  navBackground: string;
  navTextStyle: 'black' | 'white';
  navLoading: boolean;
  customNav: boolean;
  reachedBottom: boolean;
}

const MAX_STACK = 10;
let stack: PageRecord[] = [];
const tabPages = new Map<string, PageRecord>();
let nextId = 1;
let host: HTMLElement | null = null;
const errors: string[] = [];

declare global {
  interface Window {
    /** For tests and `npm run shots`: errors thrown by page code since load. */
    __pvErrors: string[];
    __pvRoute: () => string;
    /** For the browser walks' tap counts: every page shown (pushed, redirected to, back to), in order. */
    __pvScreens: string[];
    /** Taps (trusted clicks) anywhere in the preview since load. */
    __pvTaps: number;
  }
}
window.__pvErrors = errors;
window.__pvScreens = [];
window.__pvTaps = 0;
document.addEventListener('click', (e) => {
  if (e.isTrusted) window.__pvTaps += 1;
}, true);

export class RouteError extends Error {}

export function mountPages(target: HTMLElement): void {
  host = target;
}

export function currentPages(): PageRecord[] {
  return stack;
}

export function topPage(): PageRecord | undefined {
  return stack[stack.length - 1];
}

function reportError(where: string, err: unknown): void {
  const text = `${where}: ${err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err)}`;
  errors.push(text);
  log('error', text);
}

function call(page: PageRecord, name: string, ...args: unknown[]): void {
  const fn = page.instance[name];
  if (typeof fn !== 'function') return;
  try {
    const result: unknown = fn.apply(page.instance, args);
    if (result instanceof Promise) result.catch((err: unknown) => reportError(`${page.route} ${name}`, err));
  } catch (err) {
    reportError(`${page.route} ${name}`, err);
  }
}

function pageLifetime(page: PageRecord, name: 'show' | 'hide'): void {
  try {
    page.comp.triggerPageLifeTime(name);
  } catch (err) {
    reportError(`${page.route} pageLifetimes.${name}`, err);
  }
}

/** Parses '/pages/x/x?a=1' (or relative to the current page) into a known route and query. */
export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [pathPart, search = ''] = url.split('?');
  const base = topPage()?.route.split('/').slice(0, -1).join('/') ?? '';
  const route = joinPath(pathPart.startsWith('/') ? '' : base, pathPart).replace(/\.html$/, '');
  const query: Record<string, string> = {};
  new URLSearchParams(search).forEach((value, key) => {
    query[key] = value;
  });
  return { route, query };
}

function knownRoute(route: string): boolean {
  return manifest.pages.includes(route);
}

function windowDefaults(): Record<string, string | undefined> {
  return manifest.appJson.window ?? {};
}

function createPage(route: string, query: Record<string, string>): PageRecord {
  if (!host) throw new Error('page host not mounted');
  const key = `miniprogram/${route}`;
  const id = ensureLoaded(key);
  const json = manifest.components[key].json;
  const win = windowDefaults();
  const view = document.createElement('div');
  view.className = 'pv-page-view';
  view.dataset.route = route;
  const scroller = document.createElement('div');
  scroller.className = 'pv-page-scroll';
  // Keyboard users scroll the page as a finger does (a scrollable region must be focusable).
  scroller.tabIndex = 0;
  view.appendChild(scroller);
  host.appendChild(view);
  const comp = jComponent.create(id);
  comp.attach(scroller);
  const instance = comp.instance as Instance;
  Object.assign(instance, { route, __route__: route, options: { ...query } });
  const page: PageRecord = {
    id: nextId++,
    route,
    query,
    comp,
    instance,
    view,
    scroller,
    title: json.navigationBarTitleText ?? win.navigationBarTitleText ?? '',
    navBackground: json.navigationBarBackgroundColor ?? win.navigationBarBackgroundColor ?? '#000000',
    navTextStyle: (json.navigationBarTextStyle ?? win.navigationBarTextStyle) === 'white' ? 'white' : 'black',
    navLoading: false,
    customNav: (json.navigationStyle ?? win.navigationStyle) === 'custom',
    reachedBottom: false,
  };
  const background = json.backgroundColor ?? win.backgroundColor;
  if (background) view.style.background = background;
  scroller.addEventListener('scroll', () => onScroll(page), { passive: true });
  return page;
}

function onScroll(page: PageRecord): void {
  const { scrollTop, scrollHeight, clientHeight } = page.scroller;
  call(page, 'onPageScroll', { scrollTop });
  const atBottom = scrollTop + clientHeight >= scrollHeight - 50;
  if (atBottom && !page.reachedBottom) call(page, 'onReachBottom');
  page.reachedBottom = atBottom;
}

function load(page: PageRecord): void {
  call(page, 'onLoad', { ...page.query });
}

function show(page: PageRecord): void {
  window.__pvScreens.push(page.route);
  page.view.hidden = false;
  call(page, 'onShow');
  pageLifetime(page, 'show');
  if (!page.comp.dom?.dataset.pvReady) {
    call(page, 'onReady');
    if (page.comp.dom) page.comp.dom.dataset.pvReady = '1';
  }
}

function hide(page: PageRecord): void {
  call(page, 'onHide');
  pageLifetime(page, 'hide');
  page.view.hidden = true;
}

function unload(page: PageRecord): void {
  call(page, 'onUnload');
  try {
    page.comp.detach();
  } catch (err) {
    reportError(`${page.route} detached`, err);
  }
  page.view.remove();
  if (tabPages.get(page.route) === page) tabPages.delete(page.route);
}

/** Re-draws the chrome for the top page and records it in the URL hash. */
export function refreshChrome(): void {
  const top = topPage();
  if (!top) return;
  renderNav({ title: top.title, background: top.navBackground, textStyle: top.navTextStyle, custom: top.customNav, canGoBack: stack.length > 1, loading: top.navLoading });
  renderTabBar(tabIndexOf(top.route));
  const search = new URLSearchParams(top.query).toString();
  const hash = `#/${top.route}${search ? `?${search}` : ''}`;
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  document.title = `${top.title || top.route} - preview`;
}

function open(route: string, query: Record<string, string>): PageRecord {
  const page = createPage(route, query);
  stack.push(page);
  if (tabIndexOf(route) >= 0) tabPages.set(route, page);
  load(page);
  show(page);
  return page;
}

function check(api: string, route: string, wantTab: boolean | null): void {
  if (!knownRoute(route)) throw new RouteError(`${api}:fail page "${route}" is not found`);
  const isTab = tabIndexOf(route) >= 0;
  if (wantTab === false && isTab) throw new RouteError(`${api}:fail can not ${api} a tabbar page`);
  if (wantTab === true && !isTab) throw new RouteError(`${api}:fail can not switch to no-tabBar page`);
}

export function navigateTo(url: string): void {
  const { route, query } = parseUrl(url);
  check('navigateTo', route, false);
  if (stack.length >= MAX_STACK) throw new RouteError('navigateTo:fail webview count limit exceed');
  const current = topPage();
  if (current) hide(current);
  open(route, query);
  refreshChrome();
}

export function redirectTo(url: string): void {
  const { route, query } = parseUrl(url);
  check('redirectTo', route, false);
  const current = stack.pop();
  if (current) unload(current);
  open(route, query);
  refreshChrome();
}

export function navigateBack(delta = 1): void {
  if (stack.length <= 1) throw new RouteError('navigateBack:fail cannot navigate back at first page.');
  const count = Math.min(Math.max(1, delta), stack.length - 1);
  for (let i = 0; i < count; i += 1) {
    const page = stack.pop();
    if (page) unload(page);
  }
  const top = topPage();
  if (top) show(top);
  refreshChrome();
}

export function switchTab(url: string): void {
  const { route } = parseUrl(url);
  check('switchTab', route, true);
  const current = topPage();
  if (current && current.route === route && stack.length === 1) return;
  // Non-tab pages close (top first); the tab page that was showing is hidden, not unloaded.
  while (stack.length > 0 && tabIndexOf(topPage()?.route ?? '') < 0) {
    const page = stack.pop();
    if (page) unload(page);
  }
  const tabTop = stack.pop();
  if (tabTop && tabTop.route !== route) hide(tabTop);
  stack = [];
  const existing = tabPages.get(route);
  if (existing) {
    stack.push(existing);
    if (existing !== tabTop || current !== tabTop) show(existing);
  } else {
    open(route, {});
  }
  refreshChrome();
}

export function reLaunch(url: string): void {
  const { route, query } = parseUrl(url);
  if (!knownRoute(route)) throw new RouteError(`reLaunch:fail page "${route}" is not found`);
  while (stack.length > 0) {
    const page = stack.pop();
    if (page) unload(page);
  }
  [...tabPages.values()].forEach(unload);
  tabPages.clear();
  open(route, query);
  refreshChrome();
}

export function routeOf(page: PageRecord | undefined): string {
  return page ? page.route : '';
}

window.__pvRoute = () => routeOf(topPage());
