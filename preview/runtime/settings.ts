// Preview settings (device, WeChat language, the government), read from the URL query so a link reproduces a view.

export interface Device {
  id: string;
  label: string;
  width: number;
  height: number;
  statusBar: number;
  safeBottom: number;
  pixelRatio: number;
  platform: 'ios' | 'android';
  model: string;
}

export const DEVICES: Device[] = [
  { id: 'iphone-x', label: 'iPhone X / 11 Pro (375 x 812)', width: 375, height: 812, statusBar: 44, safeBottom: 34, pixelRatio: 3, platform: 'ios', model: 'iPhone X' },
  { id: 'iphone-se', label: 'iPhone 8 / SE (375 x 667)', width: 375, height: 667, statusBar: 20, safeBottom: 0, pixelRatio: 2, platform: 'ios', model: 'iPhone 8' },
  { id: 'iphone-pro-max', label: 'iPhone 14 Pro Max (430 x 932)', width: 430, height: 932, statusBar: 47, safeBottom: 34, pixelRatio: 3, platform: 'ios', model: 'iPhone 14 Pro Max' },
  { id: 'android', label: 'Android (360 x 800)', width: 360, height: 800, statusBar: 24, safeBottom: 0, pixelRatio: 3, platform: 'android', model: 'Pixel' },
  { id: 'small', label: 'Small (320 x 568)', width: 320, height: 568, statusBar: 20, safeBottom: 0, pixelRatio: 2, platform: 'ios', model: 'iPhone SE (1st)' },
];

export type WechatLanguage = 'zh_CN' | 'en';

export const NAV_BAR_HEIGHT = 44;
export const TAB_BAR_HEIGHT = 50;

const query = new URLSearchParams(window.location.search);

export const device: Device = DEVICES.find((d) => d.id === query.get('device')) ?? DEVICES[0];
export const language: WechatLanguage = query.get('lang') === 'en' ? 'en' : 'zh_CN';
/**
 * The mini program's appid as WeChat reports it: the project's tourist appid unless `?appid=` names one
 * (a tester trying what a configured appid has, such as the hospital's reminder templates).
 */
export const appId: string = /^wx[0-9a-f]{16}$/.test(query.get('appid') ?? '') ? query.get('appid') ?? 'touristappid' : 'touristappid';

/**
 * The government server the app talks to over HTTP (`?government=http://127.0.0.1:8787`, which
 * `npm start -- --government URL` adds to every page it serves), or null for the embedded government.
 */
export const governmentUrl: string | null = governmentFrom(query.get('government'));

function governmentFrom(value: string | null): string | null {
  if (!value || value === 'embedded') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}

/** Reloads the preview with one setting changed (WeChat restarts the mini program on such changes too). */
export function reloadWith(name: 'device' | 'lang', value: string): void {
  const next = new URLSearchParams(window.location.search);
  next.set(name, value);
  window.location.search = next.toString();
}

/** Labels of WeChat's own UI (modal buttons, sheets) in WeChat's language. */
export function chrome(zh: string, en: string): string {
  return language === 'en' ? en : zh;
}
