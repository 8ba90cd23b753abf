// One fake `wx` for every test: storage, navigation as a page stack, UI feedback, login,
// payment, location, media, privacy and face APIs. Tests steer it through `fake`.
type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };

/** Calls the callbacks the way WeChat does, or returns a promise when none are given. */
function asyncApi<O extends object>(name: string, impl: (options: O) => unknown | Promise<unknown>) {
  return (options: O & Callbacks = {} as O & Callbacks): Promise<unknown> | undefined => {
    const run = Promise.resolve().then(() => impl(options));
    const hasCallbacks = Boolean(options.success || options.fail || options.complete);
    if (!hasCallbacks) return run;
    run.then(
      (res) => {
        options.success?.(res);
        options.complete?.(res);
      },
      (err: unknown) => {
        const e = typeof err === 'object' && err !== null && 'errMsg' in err ? err : { errMsg: `${name}:fail ${String(err)}` };
        options.fail?.(e);
        options.complete?.(e);
      },
    );
    return undefined;
  };
}

export interface FakeRequest { url: string; method?: string; data?: unknown; header?: Record<string, string> }
export interface PageEntry { route: string; query: Record<string, string>; url: string }
export interface NavigationCall { kind: 'navigateTo' | 'redirectTo' | 'navigateBack' | 'switchTab' | 'reLaunch'; url: string }
export type PaymentOutcome = 'success' | 'cancel' | 'fail';

export interface FakeState {
  storage: Map<string, unknown>;
  encryptedKeys: Set<string>;
  stack: PageEntry[];
  navigations: NavigationCall[];
  toasts: string[];
  /** What wx.setClipboardData was given, oldest first. */
  clipboard: string[];
  modals: { title: string; content: string }[];
  modalAnswer: boolean;
  loadingShown: boolean;
  titles: string[];
  tabTexts: Record<number, string>;
  language: string;
  loginCount: number;
  loginFails: boolean;
  paymentOutcome: PaymentOutcome;
  payments: Record<string, unknown>[];
  /** Prepay ids WeChat Pay has taken money for: it never takes the same order twice. */
  charged: string[];
  /** The simulated WeChat Pay behind wx.requestPayment (set by the test government): takes the payment and notifies. */
  payOnWeChat: ((params: { package: string }) => Promise<string | null>) | null;
  faceSupported: boolean;
  faceRequests: { name: string; idCardNumber: string }[];
  /** 'devtools' makes the app use its DevTools stand-ins (simulated WeChat Pay). */
  platform: string;
  /** wx.getAccountInfoSync().miniProgram.envVersion: 'develop', 'trial' or 'release'. */
  envVersion: string;
  actionSheetAnswer: number | null;
  actionSheets: string[][];
  /** wx.getAccountInfoSync().miniProgram.appId ('touristappid' has no subscription templates). */
  appId: string;
  /** What wx.requestSubscribeMessage answers for every template asked; 'fail' fails the call itself. */
  subscribeAnswer: 'accept' | 'reject' | 'fail';
  /** The template ids of each wx.requestSubscribeMessage call. */
  subscribeRequests: string[][];
  privacyAgreed: boolean;
  location: { latitude: number; longitude: number };
  /** Local files by path: temporary ones (wx.chooseMedia) and saved ones (the file system manager). */
  files: Map<string, Uint8Array>;
  /** What wx.getImageInfo answers per path (a file without an entry is not an image). */
  images: Map<string, { width: number; height: number; type: string }>;
  /** What wx.chooseMedia gives next (see `offerPhoto`); empty: the person cancels. */
  media: { tempFilePath: string; size: number; fileType: 'image' | 'video'; width: number; height: number }[];
  /** Each wx.chooseMedia call's options. */
  mediaRequests: Record<string, unknown>[];
  /** Makes the file system manager's saveFile fail (storage full). */
  saveFileFails: boolean;
  /** What wx.uploadFile was given, oldest first (the http transport's uploads). */
  uploads: { url: string; filePath: string; name: string; formData: Record<string, string>; header: Record<string, string> }[];
  /** Every off-screen 2d canvas made (wx.createOffscreenCanvas), with what was drawn on it. */
  canvases: FakeCanvas[];
  /** Pictures saved to the album (wx.saveImageToPhotosAlbum): the exported file's path and the texts drawn. */
  album: { filePath: string; texts: string[] }[];
  /** How wx.saveImageToPhotosAlbum answers: saved, or the person has not allowed the album, or it fails. */
  albumAnswer: 'saved' | 'auth deny' | 'fail';
  settingsOpened: number;
  requestHandler: ((options: FakeRequest) => { statusCode: number; data: unknown } | Promise<{ statusCode: number; data: unknown }>) | null;
}

/** A 2d canvas that keeps what is drawn on it: texts at their places, and the rectangles. */
export interface FakeCanvas {
  width: number;
  height: number;
  texts: { text: string; x: number; y: number; font: string }[];
  rects: number;
  getContext(type: string): unknown;
}

function fakeCanvas(width: number, height: number): FakeCanvas {
  const canvas: FakeCanvas = {
    width,
    height,
    texts: [],
    rects: 0,
    getContext: (type) => (type === '2d' ? context : null),
  };
  const context = {
    fillStyle: '#000' as unknown,
    font: '10px sans-serif',
    textAlign: 'left' as unknown,
    fillRect: () => {
      canvas.rects += 1;
    },
    fillText: (text: string, x: number, y: number) => {
      canvas.texts.push({ text, x, y, font: context.font });
    },
    // A character as wide as half its font size (Latin) or all of it (Chinese): enough to wrap as a phone would.
    measureText: (text: string) => {
      const size = Number(/(\d+)px/.exec(context.font)?.[1] ?? 10);
      return { width: [...text].reduce((sum, ch) => sum + (/[\u2e80-\uffef]/.test(ch) ? size : size * 0.55), 0) };
    },
    scale: () => undefined,
  };
  return canvas;
}

export function parseUrl(url: string): PageEntry {
  const [path, search = ''] = url.split('?');
  const query: Record<string, string> = {};
  search.split('&').filter(Boolean).forEach((pair) => {
    const [k, v = ''] = pair.split('=');
    query[decodeURIComponent(k)] = decodeURIComponent(v);
  });
  return { route: path.replace(/^\//, ''), query, url };
}

function freshState(): FakeState {
  return {
    storage: new Map(),
    encryptedKeys: new Set(),
    stack: [parseUrl('/pages/home/home')],
    navigations: [],
    toasts: [],
    clipboard: [],
    modals: [],
    modalAnswer: true,
    loadingShown: false,
    titles: [],
    tabTexts: {},
    language: 'zh_CN',
    loginCount: 0,
    loginFails: false,
    paymentOutcome: 'success',
    payments: [],
    charged: [],
    payOnWeChat: null,
    faceSupported: false,
    faceRequests: [],
    platform: 'ios',
    envVersion: 'develop',
    actionSheetAnswer: 0,
    actionSheets: [],
    appId: 'touristappid',
    subscribeAnswer: 'accept',
    subscribeRequests: [],
    privacyAgreed: false,
    location: { latitude: 23.1291, longitude: 113.2644 },
    files: new Map(),
    images: new Map(),
    media: [],
    mediaRequests: [],
    saveFileFails: false,
    uploads: [],
    canvases: [],
    album: [],
    albumAnswer: 'saved',
    settingsOpened: 0,
    requestHandler: null,
  };
}

let savedFiles = 0;

/** Puts a photo where wx.chooseMedia will offer it next: its bytes as a file, its size for getImageInfo. */
export function offerPhoto(bytes: Uint8Array, image: { width: number; height: number; type?: string }, name = `photo-${fake.files.size + 1}.jpg`): string {
  const tempFilePath = `wxfile://tmp/${name}`;
  fake.files.set(tempFilePath, bytes);
  fake.images.set(tempFilePath, { width: image.width, height: image.height, type: image.type ?? 'jpeg' });
  fake.media = [{ tempFilePath, size: bytes.length, fileType: 'image', width: image.width, height: image.height }];
  return tempFilePath;
}

const fsFail = (name: string, path: string): { errMsg: string } => ({ errMsg: `${name}:fail no such file or directory ${path}` });

/** An in-memory wx.getFileSystemManager(): files live in `fake.files`; saveFile moves a temporary file under wxfile://usr/. */
function fileSystemManager() {
  return {
    readFile: asyncApi('readFile', (o: { filePath: string }) => {
      const bytes = fake.files.get(o.filePath);
      if (!bytes) throw fsFail('readFile', o.filePath);
      return { data: new Uint8Array(bytes).buffer, errMsg: 'readFile:ok' };
    }),
    saveFile: asyncApi('saveFile', (o: { tempFilePath: string; filePath?: string }) => {
      const bytes = fake.files.get(o.tempFilePath);
      if (!bytes) throw fsFail('saveFile', o.tempFilePath);
      if (fake.saveFileFails) throw { errMsg: 'saveFile:fail the maximum size of the file storage limit is exceeded' };
      savedFiles += 1;
      const savedFilePath = o.filePath ?? `wxfile://usr/saved-${savedFiles}${o.tempFilePath.replace(/^.*(\.[a-z]+)$/, '$1')}`;
      fake.files.delete(o.tempFilePath);
      fake.files.set(savedFilePath, bytes);
      const image = fake.images.get(o.tempFilePath);
      if (image) fake.images.set(savedFilePath, image);
      return { savedFilePath, errMsg: 'saveFile:ok' };
    }),
    unlink: asyncApi('unlink', (o: { filePath: string }) => {
      if (!fake.files.delete(o.filePath)) throw fsFail('unlink', o.filePath);
      return { errMsg: 'unlink:ok' };
    }),
    access: asyncApi('access', (o: { path: string }) => {
      if (!fake.files.has(o.path)) throw fsFail('access', o.path);
      return { errMsg: 'access:ok' };
    }),
    getFileInfo: asyncApi('getFileInfo', (o: { filePath: string }) => {
      const bytes = fake.files.get(o.filePath);
      if (!bytes) throw fsFail('getFileInfo', o.filePath);
      return { size: bytes.length, errMsg: 'getFileInfo:ok' };
    }),
  };
}

export const fake: FakeState = freshState();

export function resetFakeWx(): void {
  savedFiles = 0;
  Object.assign(fake, freshState());
}

const clone = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const TAB_ROUTES = ['pages/home/home', 'pages/me/me'];

function navigate(kind: NavigationCall['kind'], url: string): { errMsg: string } {
  fake.navigations.push({ kind, url });
  const entry = parseUrl(url.startsWith('/') ? url : `/${url}`);
  if (kind === 'switchTab' && !TAB_ROUTES.includes(entry.route)) throw { errMsg: `switchTab:fail can not switch to no-tabBar page` };
  if ((kind === 'navigateTo' || kind === 'redirectTo') && TAB_ROUTES.includes(entry.route)) throw { errMsg: `${kind}:fail can not ${kind} a tabbar page` };
  if (kind === 'navigateTo') fake.stack.push(entry);
  else if (kind === 'redirectTo') fake.stack[fake.stack.length - 1] = entry;
  else fake.stack = [entry];
  return { errMsg: `${kind}:ok` };
}

/** WeChat's storage limits: 1 MB a key, 10 MB in all (counted here as UTF-8 bytes of key and JSON). */
export const STORAGE_KEY_LIMIT = 1024 * 1024;
export const STORAGE_TOTAL_LIMIT = 10 * 1024 * 1024;
const storedBytes = (key: string, data: unknown): number => Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(data) ?? '');

/** Why WeChat would refuse to store this, in its words, or null. */
function storageRefusal(key: string, data: unknown): string | null {
  const bytes = storedBytes(key, data);
  if (bytes > STORAGE_KEY_LIMIT) return 'exceed storage item max length';
  let total = bytes;
  fake.storage.forEach((value, other) => {
    if (other !== key) total += storedBytes(other, value);
  });
  return total > STORAGE_TOTAL_LIMIT ? 'exceed storage max size 10Mb' : null;
}

function storageTotalKb(): number {
  let total = 0;
  fake.storage.forEach((value, key) => {
    total += storedBytes(key, value);
  });
  return Math.ceil(total / 1024);
}

export function createFakeWx() {
  return {
    getStorageSync: (key: string) => (fake.storage.has(key) ? clone(fake.storage.get(key)) : ''),
    setStorageSync: (key: string, data: unknown) => {
      const refusal = storageRefusal(key, data);
      if (refusal) throw new Error(`setStorageSync:fail ${refusal}`);
      fake.storage.set(key, clone(data));
    },
    removeStorageSync: (key: string) => {
      fake.storage.delete(key);
      fake.encryptedKeys.delete(key);
    },
    clearStorageSync: () => fake.storage.clear(),
    getStorageInfoSync: () => ({ keys: [...fake.storage.keys()], currentSize: storageTotalKb(), limitSize: 10240 }),
    setStorage: asyncApi('setStorage', (o: { key: string; data: unknown; encrypt?: boolean }) => {
      const refusal = storageRefusal(o.key, o.data);
      if (refusal) throw { errMsg: `setStorage:fail ${refusal}` };
      fake.storage.set(o.key, clone(o.data));
      if (o.encrypt) fake.encryptedKeys.add(o.key);
      else fake.encryptedKeys.delete(o.key);
      return { errMsg: 'setStorage:ok' };
    }),
    getStorage: asyncApi('getStorage', (o: { key: string; encrypt?: boolean }) => {
      if (!fake.storage.has(o.key)) throw { errMsg: 'getStorage:fail data not found' };
      if (fake.encryptedKeys.has(o.key) && !o.encrypt) throw { errMsg: 'getStorage:fail encrypted data needs encrypt: true' };
      return { data: clone(fake.storage.get(o.key)), errMsg: 'getStorage:ok' };
    }),
    removeStorage: asyncApi('removeStorage', (o: { key: string }) => {
      fake.storage.delete(o.key);
      return { errMsg: 'removeStorage:ok' };
    }),
    request: asyncApi('request', async (o: FakeRequest) => {
      if (!fake.requestHandler) throw { errMsg: 'request:fail no network in tests' };
      const res = await fake.requestHandler(o);
      return { ...res, header: {}, errMsg: 'request:ok' };
    }),
    login: asyncApi('login', () => {
      if (fake.loginFails) throw { errMsg: 'login:fail network' };
      fake.loginCount += 1;
      return { code: `code-${fake.loginCount}`, errMsg: 'login:ok' };
    }),
    navigateTo: asyncApi('navigateTo', (o: { url: string }) => navigate('navigateTo', o.url)),
    redirectTo: asyncApi('redirectTo', (o: { url: string }) => navigate('redirectTo', o.url)),
    switchTab: asyncApi('switchTab', (o: { url: string }) => navigate('switchTab', o.url)),
    reLaunch: asyncApi('reLaunch', (o: { url: string }) => navigate('reLaunch', o.url)),
    navigateBack: asyncApi('navigateBack', (o: { delta?: number }) => {
      const delta = o.delta ?? 1;
      if (fake.stack.length <= 1) throw { errMsg: 'navigateBack:fail cannot navigate back at first page.' };
      fake.navigations.push({ kind: 'navigateBack', url: String(delta) });
      fake.stack = fake.stack.slice(0, Math.max(1, fake.stack.length - delta));
      return { errMsg: 'navigateBack:ok' };
    }),
    showToast: asyncApi('showToast', (o: { title: string }) => {
      fake.toasts.push(o.title);
      return { errMsg: 'showToast:ok' };
    }),
    hideToast: asyncApi('hideToast', () => ({ errMsg: 'hideToast:ok' })),
    setClipboardData: asyncApi('setClipboardData', (o: { data: string }) => {
      fake.clipboard.push(o.data);
      return { errMsg: 'setClipboardData:ok' };
    }),
    showLoading: asyncApi('showLoading', () => {
      fake.loadingShown = true;
      return { errMsg: 'showLoading:ok' };
    }),
    hideLoading: asyncApi('hideLoading', () => {
      fake.loadingShown = false;
      return { errMsg: 'hideLoading:ok' };
    }),
    showModal: asyncApi('showModal', (o: { title?: string; content?: string }) => {
      fake.modals.push({ title: o.title ?? '', content: o.content ?? '' });
      return { confirm: fake.modalAnswer, cancel: !fake.modalAnswer, errMsg: 'showModal:ok' };
    }),
    showActionSheet: asyncApi('showActionSheet', (o: { itemList: string[] }) => {
      fake.actionSheets.push(o.itemList);
      if (fake.actionSheetAnswer === null) throw { errMsg: 'showActionSheet:fail cancel' };
      return { tapIndex: fake.actionSheetAnswer, errMsg: 'showActionSheet:ok' };
    }),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', (o: { title: string }) => {
      fake.titles.push(o.title);
      return { errMsg: 'setNavigationBarTitle:ok' };
    }),
    setTabBarItem: asyncApi('setTabBarItem', (o: { index: number; text?: string }) => {
      if (o.text !== undefined) fake.tabTexts[o.index] = o.text;
      return { errMsg: 'setTabBarItem:ok' };
    }),
    requestPayment: asyncApi('requestPayment', async (o: Record<string, unknown>) => {
      fake.payments.push(o);
      if (fake.paymentOutcome === 'cancel') throw { errMsg: 'requestPayment:fail cancel' };
      if (fake.paymentOutcome === 'fail') throw { errMsg: 'requestPayment:fail insufficient balance' };
      const prepay = String(o.package);
      if (fake.charged.includes(prepay)) throw { errMsg: 'requestPayment:fail order already paid' };
      const refused = fake.payOnWeChat ? await fake.payOnWeChat({ package: prepay }) : null;
      if (refused) throw { errMsg: `requestPayment:fail ${refused}` };
      fake.charged.push(prepay);
      return { errMsg: 'requestPayment:ok' };
    }),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', (o: { tmplIds: string[] }) => {
      fake.subscribeRequests.push(o.tmplIds);
      if (fake.subscribeAnswer === 'fail') throw { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20004 };
      const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
      o.tmplIds.forEach((id) => {
        answer[id] = fake.subscribeAnswer;
      });
      return answer;
    }),
    requirePrivacyAuthorize: asyncApi('requirePrivacyAuthorize', () => {
      fake.privacyAgreed = true;
      return { errMsg: 'requirePrivacyAuthorize:ok' };
    }),
    onNeedPrivacyAuthorization: () => undefined,
    getPrivacySetting: asyncApi('getPrivacySetting', () => ({ needAuthorization: !fake.privacyAgreed, privacyContractName: '《隐私保护指引》' })),
    checkIsSupportFacialRecognition: asyncApi('checkIsSupportFacialRecognition', () => {
      if (!fake.faceSupported) throw { errMsg: 'checkIsSupportFacialRecognition:fail not supported', errCode: 10001 };
      return { errMsg: 'checkIsSupportFacialRecognition:ok' };
    }),
    startFacialRecognitionVerify: asyncApi('startFacialRecognitionVerify', (o: { name: string; idCardNumber: string }) => {
      fake.faceRequests.push({ name: o.name, idCardNumber: o.idCardNumber });
      return { verifyResult: 'wx-verify-result', errMsg: 'startFacialRecognitionVerify:ok' };
    }),
    getLocation: asyncApi('getLocation', () => ({ ...fake.location, accuracy: 30, errMsg: 'getLocation:ok' })),
    chooseLocation: asyncApi('chooseLocation', () => ({ name: '天河区政务服务中心', address: '广州市天河区', ...fake.location, errMsg: 'chooseLocation:ok' })),
    chooseMedia: asyncApi('chooseMedia', (o: Record<string, unknown>) => {
      fake.mediaRequests.push(o);
      if (!fake.media.length) throw { errMsg: 'chooseMedia:fail cancel' };
      return { tempFiles: fake.media, type: 'image', errMsg: 'chooseMedia:ok' };
    }),
    getImageInfo: asyncApi('getImageInfo', (o: { src: string }) => {
      const image = fake.images.get(o.src);
      if (!image) throw { errMsg: 'getImageInfo:fail invalid image' };
      return { ...image, path: o.src, orientation: 'up', errMsg: 'getImageInfo:ok' };
    }),
    getFileSystemManager: () => fileSystemManager(),
    createOffscreenCanvas: (o: { type?: string; width?: number; height?: number }) => {
      const canvas = fakeCanvas(o.width ?? 300, o.height ?? 150);
      fake.canvases.push(canvas);
      return canvas;
    },
    canvasToTempFilePath: asyncApi('canvasToTempFilePath', (o: { canvas?: unknown }) => {
      const index = fake.canvases.findIndex((canvas) => canvas === o.canvas);
      if (index < 0) throw { errMsg: 'canvasToTempFilePath:fail canvas is empty' };
      const tempFilePath = `wxfile://tmp/canvas-${index}.png`;
      fake.files.set(tempFilePath, new Uint8Array(64));
      return { tempFilePath, errMsg: 'canvasToTempFilePath:ok' };
    }),
    saveImageToPhotosAlbum: asyncApi('saveImageToPhotosAlbum', (o: { filePath: string }) => {
      if (fake.albumAnswer === 'auth deny') throw { errMsg: 'saveImageToPhotosAlbum:fail auth deny' };
      if (fake.albumAnswer === 'fail') throw { errMsg: 'saveImageToPhotosAlbum:fail cancel' };
      const canvas = fake.canvases[Number(/canvas-(\d+)/.exec(o.filePath)?.[1] ?? -1)];
      fake.album.push({ filePath: o.filePath, texts: canvas ? canvas.texts.map((t) => t.text) : [] });
      return { errMsg: 'saveImageToPhotosAlbum:ok' };
    }),
    openSetting: asyncApi('openSetting', () => {
      fake.settingsOpened += 1;
      return { authSetting: {}, errMsg: 'openSetting:ok' };
    }),
    uploadFile: asyncApi('uploadFile', async (o: { url: string; filePath: string; name: string; formData?: Record<string, string>; header?: Record<string, string> }) => {
      fake.uploads.push({ url: o.url, filePath: o.filePath, name: o.name, formData: o.formData ?? {}, header: o.header ?? {} });
      if (!fake.files.has(o.filePath)) throw { errMsg: `uploadFile:fail file not found ${o.filePath}` };
      if (!fake.requestHandler) throw { errMsg: 'uploadFile:fail no server' };
      const res = await fake.requestHandler({ url: o.url, method: 'POST', data: o.formData, header: o.header });
      return { statusCode: res.statusCode, data: typeof res.data === 'string' ? res.data : JSON.stringify(res.data), errMsg: 'uploadFile:ok' };
    }),
    chooseImage: asyncApi('chooseImage', () => ({ tempFilePaths: ['wxfile://tmp/photo-1.jpg'], tempFiles: [{ path: 'wxfile://tmp/photo-1.jpg', size: 52000 }], errMsg: 'chooseImage:ok' })),
    getAppBaseInfo: () => ({ language: fake.language, SDKVersion: '3.5.0', version: '8.0.50', theme: 'light', enableDebug: false, host: { env: 'WeChat' } }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2, screenWidth: 375, screenHeight: 812, statusBarHeight: 44, safeArea: { top: 44, bottom: 778, left: 0, right: 375, width: 375, height: 734 } }),
    // Node's crypto stands in for WeChat's cryptographic source.
    getRandomValues: asyncApi('getRandomValues', (o: { length: number }) => ({ randomValues: globalThis.crypto.getRandomValues(new Uint8Array(o.length)).buffer, errMsg: 'getRandomValues:ok' })),
    getSystemInfoSync: () => ({ language: fake.language, windowWidth: 375, windowHeight: 812, pixelRatio: 2, platform: fake.platform, SDKVersion: '3.5.0' }),
    getAccountInfoSync: () => ({ miniProgram: { appId: fake.appId, envVersion: fake.envVersion, version: '' } }),
    getDeviceInfo: () => ({ platform: fake.platform, system: 'iOS 17.0', model: 'iPhone X', brand: 'Apple', benchmarkLevel: 1 }),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
  };
}
