// Boots the preview: shell, globals (wx, App, Component, getApp, getCurrentPages), built-in
// components, the app's own code, then the page in the URL hash (or the first page).
import * as exparser from 'miniprogram-exparser';
import jUtils from 'j-component/src/tool/utils';
import manifest from 'pv-manifest';
import { backendReady, embeddedTransport } from '../../miniprogram/backend';
import { api } from '../../miniprogram/services/api';
import type { NetworkFault } from '../../miniprogram/core/transport';
import './builtins';
import { mountChrome } from './chrome';
import { callApp, installGlobals } from './framework';
import { mountOverlays } from './overlays';
import { captureConsole, log, mountLog } from './panel';
import { mountPages, navigateBack, reLaunch, switchTab, topPage } from './router';
import { mountGovernment, useGovernmentServer } from './government';
import { wireFault } from './http';
import { DEVICES, device, governmentUrl, language, reloadWith } from './settings';
import { clearPreviewStorage, installWx } from './wx';

declare const __PV_DEV__: boolean;

declare global {
  interface Window {
    __pvReady: boolean;
    __pvBootMs: number;
    __pvSetFault: (fault: NetworkFault) => Promise<void>;
  }
}

const $ = (id: string): HTMLElement => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing`);
  return node;
};

// rpx in inline styles (style="width: {{w}}rpx") scales with the frame, as in WeChat.
const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx/gi;
Object.assign(jUtils, { transformRpx: (style: string) => style.replace(RPX, (_m, n: string) => `calc(${n} * var(--rpx))`) });

/** Mouse clicks become taps (j-component turns touch sequences into taps itself). */
function wireTaps(root: HTMLElement): void {
  let lastTouch = 0;
  root.addEventListener('touchend', () => (lastTouch = Date.now()), { capture: true, passive: true });
  root.addEventListener('click', (event) => {
    if (Date.now() - lastTouch < 800) return;
    const target = event.target;
    if (!(target instanceof Node)) return;
    const touch = { clientX: event.clientX, clientY: event.clientY, pageX: event.pageX, pageY: event.pageY, identifier: 0, force: 1 };
    exparser.Event.dispatchEvent(
      target,
      exparser.Event.create('tap', { x: event.pageX, y: event.pageY }, { originalEvent: event, bubbles: true, capturePhase: true, composed: true, extraFields: { touches: [], changedTouches: [touch] } }),
    );
  });
}

function fillSelect(select: HTMLSelectElement, options: { value: string; label: string }[], selected: string, onChange: (value: string) => void): void {
  options.forEach((o) => {
    const option = document.createElement('option');
    option.value = o.value;
    option.textContent = o.label;
    select.appendChild(option);
  });
  select.value = selected;
  select.addEventListener('change', () => onChange(select.value));
}

async function setFault(fault: NetworkFault): Promise<void> {
  if (governmentUrl) {
    // Against a server the switch acts on the wire: no request leaves the browser while it is on.
    wireFault.set(fault);
  } else {
    api();
    await backendReady();
    const transport = embeddedTransport();
    if (!transport) {
      log('warn', '[preview] the app does not use the embedded government; network faults are not available');
      return;
    }
    transport.setFault(fault);
  }
  log('info', `[preview] network: ${fault}`);
  const select = document.getElementById('pv-fault');
  if (select instanceof HTMLSelectElement) select.value = fault;
}

function mountControls(): void {
  fillSelect($('pv-device') as HTMLSelectElement, DEVICES.map((d) => ({ value: d.id, label: d.label })), device.id, (v) => reloadWith('device', v));
  fillSelect($('pv-lang') as HTMLSelectElement, [{ value: 'zh_CN', label: '简体中文 (zh_CN)' }, { value: 'en', label: 'English (en)' }], language, (v) => reloadWith('lang', v));
  fillSelect(
    $('pv-fault') as HTMLSelectElement,
    [{ value: 'none', label: 'Normal' }, { value: 'unavailable', label: 'Government unavailable (503)' }, { value: 'offline', label: 'Offline' }, { value: 'timeout', label: 'Timeout' }],
    'none',
    (v) => void setFault(v as NetworkFault),
  );
  fillSelect($('pv-goto') as HTMLSelectElement, [{ value: '', label: 'Open page…' }, ...manifest.pages.map((p) => ({ value: p, label: p }))], '', (v) => {
    if (v) window.location.hash = `#/${v}`;
  });
  $('pv-clear').addEventListener('click', () => {
    clearPreviewStorage();
    localStorage.removeItem('pv-privacy-agreed');
    window.location.reload();
  });
  window.__pvSetFault = setFault;
}

function routeFromHash(): string | null {
  const hash = decodeURIComponent(window.location.hash.replace(/^#\/?/, ''));
  return hash ? `/${hash}` : null;
}

function openFromHash(): void {
  const url = routeFromHash();
  const first = `/${manifest.appJson.entryPagePath ?? manifest.pages[0]}`;
  try {
    reLaunch(url ?? first);
  } catch (err) {
    log('error', `${err instanceof Error ? err.message : String(err)}; opening ${first}`);
    reLaunch(first);
  }
}

function connectLiveReload(): void {
  if (!__PV_DEV__ || typeof EventSource === 'undefined') return;
  const source = new EventSource('/__pv/events');
  source.addEventListener('reload', () => window.location.reload());
  source.addEventListener('build-error', (event) => log('error', `[preview] build failed: ${(event as MessageEvent<string>).data}`));
}

function boot(): void {
  const started = performance.now();
  captureConsole();
  mountLog($('pv-log'));
  mountControls();
  mountChrome({
    back: () => navigateBack(1),
    tab: (index) => {
      const item = manifest.appJson.tabBar?.list[index];
      if (item) switchTab(`/${item.pagePath}`);
    },
  });
  mountOverlays($('pv-overlay'));
  mountPages($('pv-pages'));
  wireTaps($('pv-pages'));
  installGlobals();
  installWx();
  mountGovernment($('pv-government'));
  if (governmentUrl) useGovernmentServer(governmentUrl);
  else if ((new URLSearchParams(window.location.search).get('government') ?? 'embedded') !== 'embedded') log('warn', '[preview] ?government= is not an http(s) address: the embedded government runs');
  manifest.appCode();
  const entry = routeFromHash() ?? `/${manifest.pages[0]}`;
  const [path, search = ''] = entry.slice(1).split('?');
  callApp('onLaunch', { path, query: Object.fromEntries(new URLSearchParams(search)), scene: 1001, referrerInfo: {} });
  callApp('onShow', { path, query: {}, scene: 1001, referrerInfo: {} });
  openFromHash();
  window.addEventListener('hashchange', () => {
    const url = routeFromHash();
    const top = topPage();
    if (url && top && url !== `/${top.route}${Object.keys(top.query).length ? `?${new URLSearchParams(top.query).toString()}` : ''}`) openFromHash();
  });
  connectLiveReload();
  window.__pvBootMs = performance.now() - started;
  window.__pvReady = true;
  log('info', `[preview] ${manifest.pages.length} pages, WXML via ${manifest.officialWxml ? 'wcc' : "j-component's compiler"}, booted in ${Math.round(window.__pvBootMs)} ms`);
}

boot();
