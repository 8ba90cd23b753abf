// zh-CN and en. The language follows WeChat unless the person picks one in Me > Settings.
import { readStorageSync, writeStorageSync } from './storage';

export type Locale = 'zh-CN' | 'en';
export type LocaleSetting = 'system' | Locale;
export const LOCALE_STORAGE_KEY = 'settings.locale';

let current: Locale | null = null;
const listeners: ((locale: Locale) => void)[] = [];

function systemLocale(): Locale {
  let language = 'zh_CN';
  try {
    language = wx.getAppBaseInfo().language || language;
  } catch {
    // Older base libraries: fall back to the default language.
  }
  return /^zh/i.test(language) ? 'zh-CN' : 'en';
}

export function getLocaleSetting(): LocaleSetting {
  const stored = readStorageSync<string>(LOCALE_STORAGE_KEY);
  return stored === 'zh-CN' || stored === 'en' ? stored : 'system';
}

export function getLocale(): Locale {
  if (current === null) {
    const setting = getLocaleSetting();
    current = setting === 'system' ? systemLocale() : setting;
  }
  return current;
}

export function setLocaleSetting(setting: LocaleSetting): Locale {
  writeStorageSync(LOCALE_STORAGE_KEY, setting);
  current = setting === 'system' ? systemLocale() : setting;
  const locale = current;
  listeners.forEach((listener) => listener(locale));
  return locale;
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

export type Params = Record<string, string | number>;

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** One message table per language; `en` must have every key `zh-CN` has. */
export interface MessageTables<K extends string> {
  'zh-CN': Record<K, string>;
  en: Record<K, string>;
}

export interface Translator<K extends string> {
  t(key: K, params?: Params): string;
  /** The strings a template needs, keyed as the template reads them (`{{t.homeTitle}}`). */
  pick<P extends K>(keys: readonly P[]): Record<P, string>;
  has(key: string): key is K;
}

export function createTranslator<K extends string>(tables: MessageTables<K>): Translator<K> {
  return {
    t: (key, params) => interpolate(tables[getLocale()][key], params),
    pick: (keys) => {
      const table = tables[getLocale()];
      const out = {} as Record<(typeof keys)[number], string>;
      keys.forEach((key) => {
        out[key] = table[key];
      });
      return out;
    },
    has: (key: string): key is K => key in tables['zh-CN'],
  };
}

/** For tests: forget the cached language so the next read consults storage and WeChat again. */
export function resetLocaleCache(): void {
  current = null;
}

/** Words the government sends in both languages (LocalText), in the reader's. */
export const localText = (words: { zh: string; en: string }): string => (getLocale() === 'en' ? words.en : words.zh);
