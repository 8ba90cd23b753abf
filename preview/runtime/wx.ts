// The wx object in the browser. Implemented APIs act visibly in the frame; a real WeChat API the
// preview does not implement warns in the console panel and fails as WeChat would (fail callback
// or rejected promise with errMsg); a name WeChat does not have is undefined, as in WeChat.
import manifest from 'pv-manifest';
import { backendReady, embeddedTransport } from '../../miniprogram/backend';
import { embeddedWeChatPay } from '../../miniprogram/mock/embedded';
import { api } from '../../miniprogram/services/api';
import type { ApiRequest } from '../../miniprogram/contracts/http';
import { renderTabBar, setTabBadge, setTabBarVisible, setTabText, tabIndexOf } from './chrome';
import { fileUrl, imageType, readBytes, removeFile, saveFile } from './files';
import { app } from './framework';
import { chooseFromSheet, hideLoading, hideToast, showLoading, showModal, showToast } from './overlays';
import { log, unsupported } from './panel';
import { currentPages, navigateBack, navigateTo, redirectTo, refreshChrome, reLaunch, switchTab, topPage } from './router';
import { payOnServer } from './government';
import { fetchRequest, fetchUpload, wireFault } from './http';
import { appId, chrome, device, governmentUrl, language, NAV_BAR_HEIGHT, TAB_BAR_HEIGHT } from './settings';

type Options = Record<string, unknown>;
type Result = Record<string, unknown>;
type Callback = (res: Result) => void;

/** A failure the app sees as `{ errMsg: 'name:fail reason' }`. */
class WxFail extends Error {
  constructor(
    readonly reason: string,
    readonly extra: Result = {},
  ) {
    super(reason);
  }
}

const fn = (value: unknown): Callback | null => (typeof value === 'function' ? (value as Callback) : null);
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : value === undefined || value === null ? fallback : String(value));
const num = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);

/** WeChat's calling convention: callbacks when given, otherwise a promise. */
function asyncApi(name: string, run: (options: Options) => unknown) {
  return (options: Options = {}): Promise<Result> | undefined => {
    const outcome = Promise.resolve()
      .then(() => run(options ?? {}))
      .then(
        (res: unknown) => ({ errMsg: `${name}:ok`, ...(res && typeof res === 'object' ? res : {}) }) as Result,
        (err: unknown) => {
          const reason = err instanceof WxFail ? err.reason : err instanceof Error ? err.message : String(err);
          const errMsg = reason.startsWith(`${name}:`) ? reason : `${name}:fail ${reason}`;
          throw { errMsg, ...(err instanceof WxFail ? err.extra : {}) };
        },
      );
    const success = fn(options?.success);
    const fail = fn(options?.fail);
    const complete = fn(options?.complete);
    if (!success && !fail && !complete) return outcome;
    outcome.then(
      (res) => {
        success?.(res);
        complete?.(res);
      },
      (err: Result) => {
        fail?.(err);
        complete?.(err);
      },
    );
    return undefined;
  };
}

// Storage: browser localStorage, namespaced so the preview never reads another site's keys; against a
// government server a namespace of its own, as another phone would be (no embedded session sent to it).
const NS = governmentUrl ? `pv-storage@${governmentUrl}:` : 'pv-storage:';
const storageKeys = (): string[] => Object.keys(localStorage).filter((k) => k.startsWith(NS)).map((k) => k.slice(NS.length));

function getItem(key: string): unknown {
  const raw = localStorage.getItem(NS + key);
  if (raw === null) return '';
  try {
    return (JSON.parse(raw) as { v: unknown }).v;
  } catch {
    return '';
  }
}

/** WeChat's limits: 1 MB a key, 10 MB in all (counted as UTF-8 bytes of key and JSON, as the test wx does). */
const KEY_LIMIT = 1024 * 1024;
const TOTAL_LIMIT = 10 * 1024 * 1024;
const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;
const itemBytes = (key: string): number => utf8Bytes(key) + utf8Bytes(JSON.stringify(getItem(key)) ?? '');

function setItem(key: string, data: unknown): void {
  if (!key) throw new WxFail('parameter error: key should not be empty');
  const bytes = utf8Bytes(key) + utf8Bytes(JSON.stringify(data) ?? '');
  if (bytes > KEY_LIMIT) throw new WxFail('exceed storage item max length');
  const others = storageKeys().filter((other) => other !== key).reduce((sum, other) => sum + itemBytes(other), 0);
  if (bytes + others > TOTAL_LIMIT) throw new WxFail('exceed storage max size 10Mb');
  try {
    localStorage.setItem(NS + key, JSON.stringify({ v: data }));
  } catch (err) {
    throw new WxFail(`exceed storage max size 10Mb (${err instanceof Error ? err.message : ''})`);
  }
}

export function clearPreviewStorage(): void {
  storageKeys().forEach((key) => localStorage.removeItem(NS + key));
}

// Places in the city for getLocation / chooseLocation.
// Places in Guangzhou, the seed city (GCJ-02): a point outside its district boxes is refused as outside the
// city. The first is a few metres from the seeded broken street light, so the "is this the one?" offer shows.
const PLACES = [
  { name: '太古汇北门', nameEn: 'Taikoo Hui, north gate', address: '天河区天河路 383 号', latitude: 23.1376, longitude: 113.3246 },
  { name: '天河区政务服务中心', nameEn: 'Tianhe Government Service Centre', address: '天河区天府路 1 号', latitude: 23.1252, longitude: 113.3612 },
  { name: '越秀公园', nameEn: 'Yuexiu Park', address: '越秀区解放北路 988 号', latitude: 23.1395, longitude: 113.2668 },
  { name: '广州塔', nameEn: 'Canton Tower', address: '海珠区阅江西路 222 号', latitude: 23.1066, longitude: 113.3245 },
  { name: '广州火车站', nameEn: 'Guangzhou Railway Station', address: '越秀区环市西路 159 号', latitude: 23.1490, longitude: 113.2570 },
];

function windowInfo(): Result {
  const top = topPage();
  const tab = top ? tabIndexOf(top.route) >= 0 : false;
  const custom = top?.customNav ?? false;
  const chromeTop = custom ? 0 : device.statusBar + NAV_BAR_HEIGHT;
  const windowHeight = device.height - chromeTop - (tab ? TAB_BAR_HEIGHT + device.safeBottom : 0);
  return {
    pixelRatio: device.pixelRatio,
    screenWidth: device.width,
    screenHeight: device.height,
    windowWidth: device.width,
    windowHeight,
    statusBarHeight: device.statusBar,
    screenTop: chromeTop,
    safeArea: { left: 0, right: device.width, top: device.statusBar, bottom: device.height - device.safeBottom, width: device.width, height: device.height - device.statusBar - device.safeBottom },
  };
}

function appBaseInfo(): Result {
  return { SDKVersion: '3.5.0', enableDebug: false, host: { env: 'WeChat' }, language, version: '8.0.50', theme: 'light', fontSizeSetting: 16 };
}

function deviceInfo(): Result {
  return {
    abi: '', benchmarkLevel: 1, brand: device.platform === 'ios' ? 'iPhone' : 'Google', model: device.model, platform: device.platform,
    system: device.platform === 'ios' ? 'iOS 17.0' : 'Android 14', pixelRatio: device.pixelRatio, memorySize: 4096,
  };
}

let privacyListener: ((resolve: (res: Result) => void, event: Result) => void) | null = null;
const PRIVACY_KEY = 'pv-privacy-agreed';

async function askPrivacy(): Promise<void> {
  if (localStorage.getItem(PRIVACY_KEY) === 'yes') return;
  if (privacyListener) {
    const listener = privacyListener;
    const answer = await new Promise<Result>((resolve) => listener(resolve, { referrer: 'requirePrivacyAuthorize' }));
    if (answer.event === 'agree') {
      localStorage.setItem(PRIVACY_KEY, 'yes');
      return;
    }
    throw new WxFail('privacy permission is not authorized', { errno: 104 });
  }
  const body = document.createElement('div');
  body.className = 'pv-privacy-body';
  body.textContent = chrome(
    '在使用当前小程序服务之前，请仔细阅读《小程序隐私保护指引》。如你同意《小程序隐私保护指引》，请点击“同意”开始使用。',
    'Before using this Mini Program, please read its Privacy Guidelines carefully. If you agree to the guidelines, tap "Agree" to continue.',
  );
  const choice = await chooseFromSheet({
    kind: 'privacy',
    title: chrome('用户隐私保护提示', 'Privacy Protection Notice'),
    body,
    choices: [{ label: chrome('同意', 'Agree'), value: 'agree', color: '#07c160' }],
    cancelText: chrome('拒绝', 'Decline'),
  });
  if (choice !== 'agree') throw new WxFail('privacy permission is not authorized', { errno: 104 });
  localStorage.setItem(PRIVACY_KEY, 'yes');
}

function pickFiles(accept: string, count: number): Promise<File[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = count > 1;
    input.style.display = 'none';
    input.dataset.pv = 'file-picker';
    document.body.appendChild(input);
    const done = () => input.remove();
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count);
      done();
      if (files.length) resolve(files);
      else reject(new WxFail('cancel'));
    });
    input.addEventListener('cancel', () => {
      done();
      reject(new WxFail('cancel'));
    });
    input.click();
  });
}

/**
 * A sample portrait photo as a camera gives one: a JPEG of 390 x 567 (33 x 48 mm at 300 dpi) on a white
 * background, with grain so that it lands between 30 and 80 KB (what a passport photo must be).
 */
async function samplePhoto(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 390;
  canvas.height = 567;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 390, 567);
    ctx.fillStyle = '#8a9aa8';
    ctx.beginPath();
    ctx.ellipse(195, 230, 90, 115, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillRect(75, 380, 240, 187);
    // Grain, from a fixed sequence so every sample is the same file.
    let seed = 7;
    for (let y = 0; y < 567; y += 3) {
      for (let x = 0; x < 390; x += 3) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const v = 200 + (seed % 56);
        ctx.fillStyle = `rgba(${v},${v},${v},0.35)`;
        ctx.fillRect(x, y, 3, 3);
      }
    }
  }
  const encode = (quality: number): Promise<Blob> => new Promise((resolve) => canvas.toBlob((blob) => resolve(blob ?? new Blob()), 'image/jpeg', quality));
  let quality = 0.8;
  let blob = await encode(quality);
  for (let i = 0; i < 6 && (blob.size < 32 * 1024 || blob.size > 78 * 1024); i += 1) {
    quality = Math.min(1, Math.max(0.1, quality + (blob.size < 32 * 1024 ? 0.1 : -0.15)));
    blob = await encode(quality);
  }
  return new File([blob], 'sample.jpg', { type: 'image/jpeg' });
}

async function chooseImages(name: string, options: Options): Promise<File[]> {
  const count = num(options.count, 9);
  const source = Array.isArray(options.sourceType) ? options.sourceType.map(String) : ['album', 'camera'];
  const choices = [
    { label: chrome('从手机相册选择', 'Choose from Album'), value: 'album' },
    { label: chrome('使用示例照片', 'Use a sample photo'), value: 'sample', detail: chrome('预览专用', 'preview only') },
  ];
  if (source.includes('camera')) choices.unshift({ label: chrome('拍摄（选择文件）', 'Take Photo (pick a file)'), value: 'camera' });
  const picked = await chooseFromSheet({ kind: name, choices });
  if (picked === null) throw new WxFail('cancel');
  if (picked === 'sample') return [await samplePhoto()];
  return pickFiles(str(options.mediaType).includes('video') ? 'image/*,video/*' : 'image/*', count);
}

async function measureImage(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => resolve({ width: 0, height: 0 });
    img.src = url;
  });
}

function toApiRequest(options: Options): ApiRequest {
  const url = new URL(str(options.url), window.location.origin);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    query[key] = value;
  });
  const headers: Record<string, string> = {};
  const header = options.header;
  if (header && typeof header === 'object') Object.entries(header).forEach(([k, v]) => (headers[k.toLowerCase()] = String(v)));
  const method = str(options.method, 'GET').toUpperCase() as ApiRequest['method'];
  return { method, path: url.pathname, query, headers, body: options.data } as ApiRequest;
}

/** wx.request goes to the app's own embedded government, as the default transport would. */
async function requestThroughTransport(options: Options): Promise<Result> {
  api();
  await backendReady();
  const transport = embeddedTransport();
  if (!transport) throw new WxFail('preview routes wx.request to the embedded government only; backend is not embedded');
  try {
    const res = await transport.send(toApiRequest(options));
    return { data: res.body, statusCode: res.status, header: { 'content-type': 'application/json' }, cookies: [] };
  } catch (err) {
    throw new WxFail(err instanceof Error ? err.message : String(err));
  }
}

/** What the app's fail errMsg says when WeChat Pay refuses to take an order. */
function paymentRefused(reason: string): string {
  if (reason === 'ORDER_PAID') return 'order already paid';
  if (reason === 'CONTROL_OFF') return 'payment refused (the government server runs without --control; start it with --control to pay in the preview)';
  return `payment refused (${reason})`;
}

function currentPageOrFail(): NonNullable<ReturnType<typeof topPage>> {
  const top = topPage();
  if (!top) throw new WxFail('no page');
  return top;
}

function tabOp(run: (index: number, options: Options) => boolean): (options: Options) => void {
  return (options) => {
    const top = currentPageOrFail();
    if (tabIndexOf(top.route) < 0) throw new WxFail('not TabBar page');
    if (!run(num(options.index, -1), options)) throw new WxFail('tabbar item not found');
    renderTabBar(tabIndexOf(top.route));
  };
}

const implemented: Record<string, unknown> = {
  // storage
  setStorageSync: (key: string, data: unknown) => setItem(key, data),
  getStorageSync: (key: string) => getItem(key),
  removeStorageSync: (key: string) => localStorage.removeItem(NS + key),
  clearStorageSync: () => clearPreviewStorage(),
  getStorageInfoSync: () => ({ keys: storageKeys(), currentSize: Math.ceil(storageKeys().reduce((n, k) => n + itemBytes(k), 0) / 1024), limitSize: 10240 }),
  setStorage: asyncApi('setStorage', (o) => setItem(str(o.key), o.data)),
  getStorage: asyncApi('getStorage', (o) => {
    const key = str(o.key);
    if (localStorage.getItem(NS + key) === null) throw new WxFail('data not found');
    return { data: getItem(key) };
  }),
  removeStorage: asyncApi('removeStorage', (o) => localStorage.removeItem(NS + str(o.key))),
  clearStorage: asyncApi('clearStorage', () => clearPreviewStorage()),
  getStorageInfo: asyncApi('getStorageInfo', () => ({ keys: storageKeys(), currentSize: 0, limitSize: 10240 })),
  batchGetStorageSync: (keys: string[]) => keys.map(getItem),
  batchSetStorageSync: (items: { key: string; value: unknown }[]) => items.forEach((i) => setItem(i.key, i.value)),

  // routing
  navigateTo: asyncApi('navigateTo', (o) => {
    navigateTo(str(o.url));
  }),
  redirectTo: asyncApi('redirectTo', (o) => {
    redirectTo(str(o.url));
  }),
  navigateBack: asyncApi('navigateBack', (o) => {
    navigateBack(num(o.delta, 1));
  }),
  switchTab: asyncApi('switchTab', (o) => {
    switchTab(str(o.url));
  }),
  reLaunch: asyncApi('reLaunch', (o) => {
    reLaunch(str(o.url));
  }),

  // interaction
  showToast: asyncApi('showToast', (o) => showToast({ title: str(o.title), icon: str(o.icon, 'success'), duration: num(o.duration, 1500), mask: bool(o.mask, false) })),
  hideToast: asyncApi('hideToast', () => {
    hideToast();
  }),
  showLoading: asyncApi('showLoading', (o) => showLoading({ title: str(o.title), mask: bool(o.mask, false) })),
  hideLoading: asyncApi('hideLoading', () => {
    hideLoading();
  }),
  showModal: asyncApi('showModal', (o) =>
    showModal({
      title: str(o.title), content: str(o.content), showCancel: bool(o.showCancel, true),
      cancelText: str(o.cancelText, chrome('取消', 'Cancel')), cancelColor: str(o.cancelColor, '#000000'),
      confirmText: str(o.confirmText, chrome('确定', 'OK')), confirmColor: str(o.confirmColor, '#576b95'),
      editable: bool(o.editable, false), placeholderText: str(o.placeholderText),
    }),
  ),
  showActionSheet: asyncApi('showActionSheet', async (o) => {
    const items = Array.isArray(o.itemList) ? o.itemList.map((x) => String(x)) : [];
    if (items.length === 0 || items.length > 6) throw new WxFail('parameter error: itemList should have 1 to 6 items');
    const picked = await chooseFromSheet({ kind: 'action-sheet', title: str(o.alertText) || undefined, choices: items.map((label, i) => ({ label, value: String(i), color: str(o.itemColor) || undefined })) });
    if (picked === null) throw new WxFail('cancel');
    return { tapIndex: Number(picked) };
  }),

  // navigation bar and tab bar
  setNavigationBarTitle: asyncApi('setNavigationBarTitle', (o) => {
    currentPageOrFail().title = str(o.title);
    refreshChrome();
  }),
  setNavigationBarColor: asyncApi('setNavigationBarColor', (o) => {
    const page = currentPageOrFail();
    page.navBackground = str(o.backgroundColor, page.navBackground);
    page.navTextStyle = str(o.frontColor) === '#ffffff' ? 'white' : 'black';
    refreshChrome();
  }),
  showNavigationBarLoading: asyncApi('showNavigationBarLoading', () => {
    currentPageOrFail().navLoading = true;
    refreshChrome();
  }),
  hideNavigationBarLoading: asyncApi('hideNavigationBarLoading', () => {
    currentPageOrFail().navLoading = false;
    refreshChrome();
  }),
  setTabBarItem: asyncApi('setTabBarItem', tabOp((i, o) => setTabText(i, str(o.text)))),
  setTabBarBadge: asyncApi('setTabBarBadge', tabOp((i, o) => setTabBadge(i, str(o.text)))),
  removeTabBarBadge: asyncApi('removeTabBarBadge', tabOp((i) => setTabBadge(i, null))),
  showTabBarRedDot: asyncApi('showTabBarRedDot', tabOp((i) => setTabBadge(i, ''))),
  hideTabBarRedDot: asyncApi('hideTabBarRedDot', tabOp((i) => setTabBadge(i, null))),
  showTabBar: asyncApi('showTabBar', () => {
    setTabBarVisible(true);
    refreshChrome();
  }),
  hideTabBar: asyncApi('hideTabBar', () => {
    setTabBarVisible(false);
    refreshChrome();
  }),
  pageScrollTo: asyncApi('pageScrollTo', (o) => {
    const page = currentPageOrFail();
    let top = num(o.scrollTop, 0);
    if (typeof o.selector === 'string') {
      const target = page.scroller.querySelector(o.selector.startsWith('#') ? `[id="${o.selector.slice(1)}"]` : o.selector);
      if (target instanceof HTMLElement) top = target.offsetTop;
    }
    page.scroller.scrollTo({ top, behavior: num(o.duration, 300) > 0 ? 'smooth' : 'auto' });
  }),

  // system
  getAppBaseInfo: () => appBaseInfo(),
  getWindowInfo: () => windowInfo(),
  getDeviceInfo: () => deviceInfo(),
  getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: true, wifiEnabled: true, deviceOrientation: 'portrait' }),
  getAppAuthorizeSetting: () => ({ albumAuthorized: 'authorized', cameraAuthorized: 'authorized', locationAuthorized: 'authorized', notificationAuthorized: 'authorized', microphoneAuthorized: 'authorized' }),
  getSystemInfoSync: () => ({ ...deviceInfo(), ...windowInfo(), ...appBaseInfo() }),
  getSystemInfo: asyncApi('getSystemInfo', () => ({ ...deviceInfo(), ...windowInfo(), ...appBaseInfo() })),
  getSystemInfoAsync: asyncApi('getSystemInfoAsync', () => ({ ...deviceInfo(), ...windowInfo(), ...appBaseInfo() })),
  getRandomValues: (o: { length: number; success?: (res: { randomValues: ArrayBuffer }) => void }) => {
    // The browser's crypto is WeChat's cryptographic source here.
    const randomValues = crypto.getRandomValues(new Uint8Array(o.length)).buffer;
    setTimeout(() => o.success?.({ randomValues }), 0);
  },
  getAccountInfoSync: () => ({ miniProgram: { appId, envVersion: 'develop', version: '' } }),
  getLaunchOptionsSync: () => ({ path: manifest.pages[0], query: {}, scene: 1001, referrerInfo: {} }),
  getEnterOptionsSync: () => ({ path: manifest.pages[0], query: {}, scene: 1001, referrerInfo: {} }),
  getNetworkType: asyncApi('getNetworkType', () => ({ networkType: (governmentUrl ? wireFault.get() : embeddedTransport()?.fault) === 'offline' ? 'none' : 'wifi' })),
  onNetworkStatusChange: () => undefined,
  offNetworkStatusChange: () => undefined,
  onAppShow: () => undefined,
  offAppShow: () => undefined,
  onAppHide: () => undefined,
  offAppHide: () => undefined,
  onError: () => undefined,
  offError: () => undefined,
  onUnhandledRejection: () => undefined,
  onThemeChange: () => undefined,
  onWindowResize: () => undefined,
  offWindowResize: () => undefined,
  getUpdateManager: () => ({ onCheckForUpdate: () => undefined, onUpdateReady: () => undefined, onUpdateFailed: () => undefined, applyUpdate: () => undefined }),
  canIUse: (schema: string) => typeof wxObject[str(schema).split('.')[0]] === 'function' && !str(schema).includes('Facial'),
  nextTick: (callback: () => void) => Promise.resolve().then(callback),
  vibrateShort: asyncApi('vibrateShort', () => undefined),
  vibrateLong: asyncApi('vibrateLong', () => undefined),
  setClipboardData: asyncApi('setClipboardData', async (o) => {
    try {
      await navigator.clipboard.writeText(str(o.data));
    } catch {
      log('info', `[preview] clipboard not available; data was: ${str(o.data)}`);
    }
    showToast({ title: chrome('内容已复制', 'Copied'), icon: 'none', duration: 1500, mask: false });
  }),
  makePhoneCall: asyncApi('makePhoneCall', async (o) => {
    const res = await showModal({ title: '', content: str(o.phoneNumber), showCancel: true, cancelText: chrome('取消', 'Cancel'), cancelColor: '#000', confirmText: chrome('呼叫', 'Call'), confirmColor: '#576b95', editable: false, placeholderText: '' });
    if (!res.confirm) throw new WxFail('cancel');
  }),
  getRealtimeLogManager: () => ({ info: (...a: unknown[]) => log('info', a.map(String).join(' ')), warn: (...a: unknown[]) => log('warn', a.map(String).join(' ')), error: (...a: unknown[]) => log('error', a.map(String).join(' ')), setFilterMsg: () => undefined }),
  getLogManager: () => ({ log: (...a: unknown[]) => log('info', a.map(String).join(' ')), info: (...a: unknown[]) => log('info', a.map(String).join(' ')), warn: (...a: unknown[]) => log('warn', a.map(String).join(' ')), debug: () => undefined }),
  reportAnalytics: () => undefined,
  reportEvent: () => undefined,
  createSelectorQuery: () => {
    const top = currentPageOrFail();
    const create = top.instance.createSelectorQuery;
    if (typeof create !== 'function') throw new Error('createSelectorQuery unavailable');
    return create.call(top.instance);
  },
  createIntersectionObserver: (component: Record<string, unknown> | undefined, options?: Options) => {
    const target = component ?? currentPageOrFail().instance;
    const create = target.createIntersectionObserver;
    if (typeof create !== 'function') throw new Error('createIntersectionObserver unavailable');
    return create.call(target, options);
  },

  // open capabilities
  login: asyncApi('login', () => ({ code: `pv-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` })),
  checkSession: asyncApi('checkSession', () => undefined),
  getSetting: asyncApi('getSetting', () => ({ authSetting: { 'scope.userLocation': true, 'scope.camera': true, 'scope.writePhotosAlbum': true } })),
  authorize: asyncApi('authorize', () => undefined),
  openSetting: asyncApi('openSetting', () => ({ authSetting: {} })),
  requestPayment: asyncApi('requestPayment', async (o) => {
    const body = document.createElement('div');
    body.className = 'pv-pay-body';
    body.textContent = chrome(`微信支付（预览模拟）· ${str(o.package)}`, `WeChat Pay (preview) · ${str(o.package)}`);
    const picked = await chooseFromSheet({
      kind: 'payment',
      title: chrome('请选择支付结果', 'Choose the payment outcome'),
      body,
      choices: [
        { label: chrome('支付成功', 'Pay'), value: 'pay', color: '#07c160' },
        { label: chrome('支付失败', 'Fail'), value: 'fail', color: '#fa5151' },
      ],
      cancelText: chrome('取消支付', 'Cancel payment'),
    });
    log('info', `[preview] requestPayment -> ${picked ?? 'cancel'}`);
    if (picked === null) throw new WxFail('cancel');
    if (picked === 'fail') throw new WxFail('payment failed (chosen in the preview)', { errCode: -1 });
    if (governmentUrl) {
      // The server's WeChat Pay takes it through the control channel and notifies the server over HTTP.
      const paid = await payOnServer(str(o.package));
      if (!paid.paid) throw new WxFail(paymentRefused(paid.reason), { errCode: -1 });
      return;
    }
    // "Pay": the simulated WeChat Pay takes it (once per order) and notifies the government, as WeChat Pay would.
    const weChatPay = await embeddedWeChatPay();
    const outcome = weChatPay.pay({ package: str(o.package) });
    if (!outcome.paid) throw new WxFail(paymentRefused(outcome.reason), { errCode: -1 });
    await weChatPay.deliver();
  }),
  requestSubscribeMessage: asyncApi('requestSubscribeMessage', async (o) => {
    const ids = Array.isArray(o.tmplIds) ? o.tmplIds.map((id: unknown) => str(id)) : [];
    if (!ids.length) throw new WxFail('tmplIds empty', { errCode: 10001 });
    const picked = await chooseFromSheet({
      kind: 'subscribe',
      title: chrome('允许发送一次就诊提醒？', 'Allow one reminder message?'),
      choices: [
        { label: chrome('允许', 'Allow'), value: 'accept', color: '#07c160' },
        { label: chrome('拒绝', 'Deny'), value: 'reject', color: '#000' },
      ],
      cancelText: chrome('取消', 'Cancel'),
    });
    log('info', `[preview] requestSubscribeMessage ${ids.join(',')} -> ${picked ?? 'cancel'}`);
    if (picked === null) throw new WxFail('cancel');
    return Object.fromEntries(ids.map((id) => [id, picked]));
  }),
  requirePrivacyAuthorize: asyncApi('requirePrivacyAuthorize', () => askPrivacy()),
  getPrivacySetting: asyncApi('getPrivacySetting', () => ({ needAuthorization: localStorage.getItem(PRIVACY_KEY) !== 'yes', privacyContractName: chrome('《小程序隐私保护指引》', 'Privacy Guidelines') })),
  onNeedPrivacyAuthorization: (listener: (resolve: (res: Result) => void, event: Result) => void) => {
    privacyListener = listener;
  },
  openPrivacyContract: asyncApi('openPrivacyContract', () =>
    showModal({ title: chrome('隐私保护指引', 'Privacy Guidelines'), content: chrome('（预览）此处显示小程序的隐私保护指引。', '(preview) The privacy guidelines would open here.'), showCancel: false, cancelText: '', cancelColor: '', confirmText: chrome('知道了', 'OK'), confirmColor: '#576b95', editable: false, placeholderText: '' }).then(() => undefined),
  ),
  checkIsSupportFacialRecognition: asyncApi('checkIsSupportFacialRecognition', () => {
    unsupported('wx.checkIsSupportFacialRecognition (face verification)');
    throw new WxFail('not supported in the preview: face verification needs WeChat on a phone', { errCode: 10001 });
  }),

  // media and location
  chooseMedia: asyncApi('chooseMedia', async (o) => {
    const files = await chooseImages('chooseMedia', o);
    const tempFiles = await Promise.all(files.map(async (file) => {
      const url = URL.createObjectURL(file);
      const size = await measureImage(url);
      return { tempFilePath: url, size: file.size, fileType: file.type.startsWith('video') ? 'video' : 'image', ...size, duration: 0, thumbTempFilePath: '' };
    }));
    return { tempFiles, type: 'image' };
  }),
  chooseImage: asyncApi('chooseImage', async (o) => {
    const files = await chooseImages('chooseImage', o);
    const paths = files.map((file) => URL.createObjectURL(file));
    return { tempFilePaths: paths, tempFiles: files.map((file, i) => ({ path: paths[i], size: file.size })) };
  }),
  previewImage: asyncApi('previewImage', (o) => {
    const url = str(o.current) || (Array.isArray(o.urls) ? str(o.urls[0]) : '');
    const mask = document.createElement('div');
    mask.className = 'pv-mask pv-image-preview';
    const img = document.createElement('img');
    img.src = url;
    mask.appendChild(img);
    mask.addEventListener('click', () => mask.remove());
    document.getElementById('pv-overlay')?.appendChild(mask);
  }),
  getImageInfo: asyncApi('getImageInfo', async (o) => {
    const src = str(o.src);
    const type = imageType(await readBytes(src).catch(() => new Uint8Array()));
    const size = await measureImage(fileUrl(src));
    if (type === 'unknown' || !size.width) throw new WxFail('invalid image');
    return { ...size, path: src, type, orientation: 'up' };
  }),
  getFileSystemManager: () => fileSystemManager,
  // The receipt picture: a browser canvas stands in for WeChat's off-screen 2d canvas (the same 2d API),
  // its PNG becomes a temporary file, and the browser's downloads stand in for the photo album.
  createOffscreenCanvas: (o: Options = {}) => {
    const canvas = document.createElement('canvas');
    canvas.width = num(o.width, 300);
    canvas.height = num(o.height, 150);
    return canvas;
  },
  canvasToTempFilePath: asyncApi('canvasToTempFilePath', async (o) => {
    const canvas = o.canvas;
    if (!(canvas instanceof HTMLCanvasElement)) throw new WxFail('canvas is empty');
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new WxFail('canvas is empty');
    return { tempFilePath: URL.createObjectURL(blob) };
  }),
  saveImageToPhotosAlbum: asyncApi('saveImageToPhotosAlbum', (o) => {
    const link = document.createElement('a');
    link.href = fileUrl(str(o.filePath));
    link.download = 'city-services-receipt.png';
    link.click();
    log('info', '[preview] saveImageToPhotosAlbum: downloaded as city-services-receipt.png');
  }),
  compressImage: asyncApi('compressImage', (o) => ({ tempFilePath: str(o.src) })),
  getLocation: asyncApi('getLocation', async () => {
    const picked = await chooseFromSheet({
      kind: 'location',
      title: chrome('模拟当前位置', 'Pretend to be at'),
      choices: PLACES.map((p, i) => ({ label: language === 'en' ? p.nameEn : p.name, detail: p.address, value: String(i) })),
    });
    if (picked === null) throw new WxFail('auth deny');
    const place = PLACES[Number(picked)];
    return { latitude: place.latitude, longitude: place.longitude, speed: 0, accuracy: 30, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 30 };
  }),
  chooseLocation: asyncApi('chooseLocation', async () => {
    const picked = await chooseFromSheet({
      kind: 'location',
      title: chrome('选择位置', 'Choose a location'),
      choices: PLACES.map((p, i) => ({ label: language === 'en' ? p.nameEn : p.name, detail: p.address, value: String(i) })),
    });
    if (picked === null) throw new WxFail('cancel');
    const place = PLACES[Number(picked)];
    return { name: language === 'en' ? place.nameEn : place.name, address: place.address, latitude: place.latitude, longitude: place.longitude };
  }),
  openLocation: asyncApi('openLocation', (o) => {
    log('info', `[preview] openLocation ${str(o.name)} (${str(o.latitude)}, ${str(o.longitude)})`);
  }),

  // network: real HTTP against a government server, else through the app's own embedded transport
  request: (options: Options) => {
    let aborted = false;
    const run = asyncApi('request', async (o) => {
      const res = governmentUrl ? await fetchRequest(o) : await requestThroughTransport(o);
      if (aborted) throw new WxFail('abort');
      return res;
    });
    const promise = run(options);
    const task = { abort: () => (aborted = true), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
    return promise ? Object.assign(promise, task) : task;
  },
  uploadFile: asyncApi('uploadFile', async (o) => {
    if (governmentUrl) return fetchUpload(o);
    api();
    await backendReady();
    const transport = embeddedTransport();
    if (!transport) throw new WxFail('preview routes wx.uploadFile to the embedded government only; backend is not embedded');
    const { path, headers } = toApiRequest({ url: o.url, header: o.header });
    const form: Record<string, string> = {};
    if (o.formData && typeof o.formData === 'object') Object.entries(o.formData).forEach(([k, v]) => (form[k] = str(v)));
    const res = await transport.upload({ path, headers, filePath: str(o.filePath), field: str(o.name), form });
    return { data: typeof res.body === 'string' ? res.body : JSON.stringify(res.body), statusCode: res.status };
  }),
};

/** The file system manager's calls the app makes, on the browser's files (./files.ts). */
const fileSystemManager = {
  readFile: asyncApi('readFile', async (o) => ({ data: (await readBytes(str(o.filePath))).slice().buffer })),
  saveFile: asyncApi('saveFile', async (o) => ({ savedFilePath: await saveFile(str(o.tempFilePath)) })),
  unlink: asyncApi('unlink', (o) => removeFile(str(o.filePath))),
  removeSavedFile: asyncApi('removeSavedFile', (o) => removeFile(str(o.filePath))),
  access: asyncApi('access', async (o) => {
    await readBytes(str(o.path));
  }),
  getFileInfo: asyncApi('getFileInfo', async (o) => ({ size: (await readBytes(str(o.filePath))).length })),
};

// Names from miniprogram-api-typings (and the face API it lacks): real WeChat APIs.
const KNOWN = new Set<string>([...manifest.wxApiNames, 'startFacialRecognitionVerify', 'requestFacialVerify']);

function notSupported(name: string): (options?: Options) => unknown {
  if (name.endsWith('Sync')) {
    return () => {
      unsupported(`wx.${name}`);
      throw new Error(`${name}:fail not supported in the preview`);
    };
  }
  if (/^(on|off|create|get\w*Manager)/.test(name)) {
    return () => {
      unsupported(`wx.${name}`);
      return undefined;
    };
  }
  return asyncApi(name, () => {
    unsupported(`wx.${name}`);
    throw new WxFail('not supported in the preview');
  });
}

const wxObject: Record<string, unknown> = new Proxy(implemented, {
  get(target, name) {
    if (typeof name !== 'string') return undefined;
    if (name in target) return target[name];
    if (name === 'env') return { USER_DATA_PATH: 'wxfile://usr' };
    if (KNOWN.has(name)) {
      target[name] = notSupported(name);
      return target[name];
    }
    return undefined;
  },
  has(target, name) {
    return typeof name === 'string' && (name in target || KNOWN.has(name));
  },
});

export function installWx(): void {
  Object.assign(window, {
    wx: wxObject,
    getCurrentPages: () => currentPages().map((page) => page.instance),
  });
  void app;
}
