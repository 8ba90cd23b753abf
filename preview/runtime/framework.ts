// App(), Component(), Behavior(), Page() and getApp() for the browser: each mini program
// component is registered with j-component, exactly once, children before parents.
import jComponent from 'j-component';
import manifest, { type ManifestComponent } from 'pv-manifest';
import { log } from './panel';

type Definition = Record<string, unknown> & { options?: Record<string, unknown>; relations?: Record<string, Record<string, unknown>> };
type GwxFn = (path: string) => unknown;

declare global {
  interface Window {
    __pvGwx: (() => GwxFn) | null;
  }
}

const ids = new Map<string, string>();
const loaded = new Set<string>();
let loading: { key: string; entry: ManifestComponent } | null = null;
let registered = false;
let registeredCount = 0;
let gwx: GwxFn | null = null;
let appInstance: Record<string, unknown> = {};

export function idOf(key: string): string {
  const entry = manifest.components[key];
  if (!entry) throw new Error(`unknown component ${key}`);
  let id = ids.get(key);
  if (!id) {
    id = `pv-${entry.prefix}`;
    ids.set(key, id);
  }
  return id;
}

/** POSIX-style join and normalise, for component paths inside the bundle. */
export function joinPath(base: string, ref: string): string {
  const parts = (ref.startsWith('/') ? ref : `${base}/${ref}`).split('/');
  const out: string[] = [];
  parts.forEach((part) => {
    if (part === '' || part === '.') return;
    if (part === '..') out.pop();
    else out.push(part);
  });
  return out.join('/');
}

const dirOf = (key: string): string => key.split('/').slice(0, -1).join('/');

function templateFor(entry: ManifestComponent): unknown {
  if (manifest.officialWxml) {
    if (!entry.wxml) return '<slot/>';
    if (!gwx) {
      const factory = window.__pvGwx;
      if (!factory) throw new Error('wxml.js (wcc output) did not load');
      gwx = factory();
    }
    return gwx(entry.wxml);
  }
  return entry.template ?? '<slot/>';
}

function isolationShares(entry: ManifestComponent, options: Record<string, unknown>): boolean {
  if (entry.isPage) return true;
  const isolation = typeof options.styleIsolation === 'string' ? options.styleIsolation : entry.json.styleIsolation;
  if (isolation === 'apply-shared' || isolation === 'shared') return true;
  return options.addGlobalClass === true;
}

function register(key: string, entry: ManifestComponent, definition: Definition): void {
  const usingComponents: Record<string, string> = {};
  Object.entries(entry.using).forEach(([tag, child]) => {
    usingComponents[tag] = idOf(child);
  });
  const options = { ...(definition.options ?? {}) };
  const relations: Record<string, Record<string, unknown>> = {};
  Object.entries(definition.relations ?? {}).forEach(([rel, value]) => {
    const target = joinPath(dirOf(key), rel);
    relations[manifest.components[target] ? idOf(target) : rel] = manifest.components[target] ? { ...value, target: idOf(target) } : value;
  });
  jComponent.register({
    ...definition,
    id: idOf(key),
    path: `/${key}`,
    tagName: entry.tagName,
    template: templateFor(entry),
    usingComponents,
    relations,
    options: { ...options, classPrefix: entry.prefix, addGlobalClass: isolationShares(entry, options) },
  });
}

/** Runs a component's code (and its children's first); idempotent. */
export function ensureLoaded(key: string): string {
  const id = idOf(key);
  if (loaded.has(key)) return id;
  loaded.add(key);
  const entry = manifest.components[key];
  Object.values(entry.using).forEach((child) => ensureLoaded(child));
  const previous = loading;
  loading = { key, entry };
  let called = false;
  try {
    if (entry.code) {
      const before = registeredCount;
      entry.code();
      called = registeredCount > before;
    }
    if (!called) register(key, entry, {});
  } finally {
    loading = previous;
  }
  return id;
}

function componentConstructor(definition: Definition): void {
  if (!loading) {
    log('error', 'Component() called outside a component file');
    return;
  }
  registeredCount += 1;
  register(loading.key, loading.entry, definition);
}

/** Page() pages: everything but data becomes a method, which is how WeChat treats them too. */
function pageConstructor(definition: Record<string, unknown>): void {
  const methods: Record<string, unknown> = {};
  Object.entries(definition).forEach(([name, value]) => {
    if (name !== 'data' && typeof value === 'function') methods[name] = value;
  });
  const data = definition.data && typeof definition.data === 'object' ? definition.data : {};
  componentConstructor({ data, methods });
}

export function installGlobals(): void {
  if (registered) return;
  registered = true;
  Object.assign(window, {
    Component: componentConstructor,
    Page: pageConstructor,
    Behavior: (definition: Record<string, unknown>) => jComponent.behavior(definition),
    App: (definition: Record<string, unknown>) => {
      appInstance = definition;
    },
    getApp: () => appInstance,
  });
}

export function app(): Record<string, unknown> {
  return appInstance;
}

export function callApp(name: string, ...args: unknown[]): void {
  const fn = appInstance[name];
  if (typeof fn === 'function') fn.apply(appInstance, args);
}
