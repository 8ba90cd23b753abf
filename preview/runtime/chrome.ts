// The phone's chrome: status bar, navigation bar and tab bar, drawn from app.json and page json.
import manifest from 'pv-manifest';
import { device, NAV_BAR_HEIGHT, TAB_BAR_HEIGHT } from './settings';

export interface NavState {
  title: string;
  background: string;
  textStyle: 'black' | 'white';
  custom: boolean;
  canGoBack: boolean;
  loading: boolean;
}

const byId = (id: string): HTMLElement => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from index.html`);
  return node;
};

const tabTexts: (string | null)[] = [];
const tabBadges: (string | null)[] = [];
let tabBarVisible = true;
let onBack: () => void = () => undefined;
let onTab: (index: number) => void = () => undefined;

export function tabList(): { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[] {
  return manifest.appJson.tabBar?.list ?? [];
}

export function tabIndexOf(route: string): number {
  return tabList().findIndex((item) => item.pagePath === route);
}

export function mountChrome(handlers: { back: () => void; tab: (index: number) => void }): void {
  onBack = handlers.back;
  onTab = handlers.tab;
  const screen = byId('pv-screen');
  screen.style.width = `${device.width}px`;
  screen.style.height = `${device.height}px`;
  screen.style.setProperty('--rpx', `${device.width / 750}px`);
  screen.style.setProperty('--pv-status', `${device.statusBar}px`);
  screen.style.setProperty('--pv-nav', `${NAV_BAR_HEIGHT}px`);
  screen.style.setProperty('--pv-tab', `${TAB_BAR_HEIGHT}px`);
  screen.style.setProperty('--pv-safe-bottom', `${device.safeBottom}px`);
  screen.dataset.platform = device.platform;
  byId('pv-back').addEventListener('click', () => onBack());
  byId('pv-clock').textContent = '9:41';
}

export function renderNav(state: NavState): void {
  const nav = byId('pv-nav');
  const status = byId('pv-status');
  nav.hidden = state.custom;
  nav.style.background = state.background;
  status.style.background = state.custom ? 'transparent' : state.background;
  const color = state.textStyle === 'white' ? '#ffffff' : '#000000';
  nav.style.color = color;
  status.style.color = color;
  byId('pv-title').textContent = state.title;
  byId('pv-back').hidden = !state.canGoBack;
  byId('pv-nav-loading').hidden = !state.loading;
  byId('pv-screen').classList.toggle('pv-custom-nav', state.custom);
}

export function renderTabBar(selected: number): void {
  const bar = byId('pv-tabbar');
  const config = manifest.appJson.tabBar;
  const show = Boolean(config) && selected >= 0 && tabBarVisible;
  bar.hidden = !show;
  byId('pv-screen').classList.toggle('pv-has-tabbar', show);
  if (!config || !show) return;
  bar.style.background = config.backgroundColor ?? '#ffffff';
  bar.style.borderTopColor = config.borderStyle === 'white' ? '#ffffff' : 'rgba(0,0,0,0.12)';
  bar.textContent = '';
  config.list.forEach((item, index) => {
    const button = document.createElement('button');
    button.className = 'pv-tab';
    button.dataset.index = String(index);
    button.dataset.path = item.pagePath;
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-selected', String(index === selected));
    button.style.color = index === selected ? (config.selectedColor ?? '#07c160') : (config.color ?? '#7a7e83');
    const icon = index === selected ? item.selectedIconPath ?? item.iconPath : item.iconPath;
    if (icon) {
      const img = document.createElement('img');
      img.className = 'pv-tab-icon';
      img.src = `/${icon.replace(/^\//, '')}`;
      img.alt = '';
      button.appendChild(img);
    } else {
      const dot = document.createElement('span');
      dot.className = 'pv-tab-dot';
      dot.style.background = button.style.color;
      button.appendChild(dot);
    }
    const label = document.createElement('span');
    label.className = 'pv-tab-text';
    label.textContent = tabTexts[index] ?? item.text;
    button.appendChild(label);
    const badge = tabBadges[index];
    if (badge !== null && badge !== undefined) {
      const mark = document.createElement('span');
      mark.className = badge ? 'pv-tab-badge' : 'pv-tab-reddot';
      mark.textContent = badge;
      button.appendChild(mark);
    }
    button.addEventListener('click', () => onTab(index));
    bar.appendChild(button);
  });
}

export function setTabText(index: number, text: string): boolean {
  if (index < 0 || index >= tabList().length) return false;
  tabTexts[index] = text;
  return true;
}

export function setTabBadge(index: number, text: string | null): boolean {
  if (index < 0 || index >= tabList().length) return false;
  tabBadges[index] = text;
  return true;
}

export function setTabBarVisible(visible: boolean): void {
  tabBarVisible = visible;
}
