// Callback wx APIs as typed promises. Failures reject with WxApiError, never a raw object.
import { toWxApiError } from './errors';

type Callbacks<R> = {
  success: (res: R) => void;
  fail: (err: WechatMiniprogram.GeneralCallbackResult) => void;
};

function call<R>(invoke: (callbacks: Callbacks<R>) => void): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    try {
      invoke({ success: resolve, fail: (err) => reject(toWxApiError(err)) });
    } catch (err) {
      reject(toWxApiError(err));
    }
  });
}

export function login(): Promise<WechatMiniprogram.LoginSuccessCallbackResult> {
  return call((cb) => wx.login({ timeout: 10000, ...cb }));
}

export function navigateTo(url: string): Promise<unknown> {
  return call((cb) => wx.navigateTo({ url, ...cb }));
}

export function redirectTo(url: string): Promise<unknown> {
  return call((cb) => wx.redirectTo({ url, ...cb }));
}

export function switchTab(url: string): Promise<unknown> {
  return call((cb) => wx.switchTab({ url, ...cb }));
}

export function reLaunch(url: string): Promise<unknown> {
  return call((cb) => wx.reLaunch({ url, ...cb }));
}

export function navigateBack(delta = 1): Promise<unknown> {
  return call((cb) => wx.navigateBack({ delta, ...cb }));
}

export function showToast(title: string, icon: 'success' | 'error' | 'none' = 'none', duration = 2000): void {
  wx.showToast({ title, icon, duration });
}

export function showLoading(title: string): void {
  wx.showLoading({ title, mask: true });
}

export function hideLoading(): void {
  wx.hideLoading({});
}

/** Without `cancelText`, the dialog has the one button (a notice, not a question). */
export interface ConfirmOptions { title: string; content: string; confirmText: string; cancelText?: string; danger?: boolean }

/** Resolves true when the person confirms. */
export async function confirm(options: ConfirmOptions): Promise<boolean> {
  const res = await call<WechatMiniprogram.ShowModalSuccessCallbackResult>((cb) =>
    wx.showModal({
      title: options.title,
      content: options.content,
      confirmText: options.confirmText,
      showCancel: options.cancelText !== undefined,
      cancelText: options.cancelText ?? '',
      confirmColor: options.danger ? '#d93026' : '#07c160',
      ...cb,
    }),
  );
  return res.confirm;
}

export function setNavigationTitle(title: string): void {
  wx.setNavigationBarTitle({ title, fail: () => undefined });
}

export function setTabText(index: number, text: string): void {
  // Only valid while a tab page is showing; elsewhere WeChat fails it, which is harmless.
  wx.setTabBarItem({ index, text, fail: () => undefined });
}

/** True inside WeChat DevTools, where WeChat Pay and face verification cannot really run. */
export function isDevTools(): boolean {
  try {
    return wx.getDeviceInfo().platform === 'devtools';
  } catch {
    return false;
  }
}

/** Index of the chosen item, or null when the person cancels the sheet. */
export function chooseAction(itemList: string[]): Promise<number | null> {
  return call<WechatMiniprogram.ShowActionSheetSuccessCallbackResult>((cb) => wx.showActionSheet({ itemList, ...cb })).then(
    (res) => res.tapIndex,
    () => null,
  );
}

/** Puts text on the clipboard (WeChat shows its own "copied" toast). */
export function copyText(data: string): Promise<unknown> {
  return call<WechatMiniprogram.GeneralCallbackResult>((cb) => wx.setClipboardData({ data, ...cb }));
}

export interface PaymentParams { timeStamp: string; nonceStr: string; package: string; signType: 'MD5' | 'HMAC-SHA256' | 'RSA'; paySign: string }

export function requestPayment(params: PaymentParams): Promise<unknown> {
  return call((cb) => wx.requestPayment({ ...params, ...cb }));
}

/** This mini program's appid ('touristappid' in DevTools without one). */
export function appId(): string {
  try {
    return wx.getAccountInfoSync().miniProgram.appId;
  } catch {
    return 'touristappid';
  }
}

/**
 * Asks to send subscription messages of these templates (only inside a tap: WeChat refuses it otherwise);
 * resolves each template's answer: 'accept', 'reject', 'ban' or 'filter'.
 */
export function requestSubscribe(tmplIds: string[]): Promise<Record<string, string>> {
  return call<WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult>((cb) => wx.requestSubscribeMessage({ tmplIds, ...cb })).then((result) => {
    const answers: Record<string, string> = {};
    tmplIds.forEach((id) => {
      const answer: unknown = Reflect.get(result, id);
      answers[id] = typeof answer === 'string' ? answer : 'reject';
    });
    return answers;
  });
}

/** Resolves when the person has agreed to the privacy guide (WeChat shows it if needed). */
export function requirePrivacyAuthorize(): Promise<unknown> {
  return call((cb) => wx.requirePrivacyAuthorize({ ...cb }));
}

export function isFaceVerificationSupported(): Promise<boolean> {
  if (typeof wx.checkIsSupportFacialRecognition !== 'function' || typeof wx.startFacialRecognitionVerify !== 'function') {
    return Promise.resolve(false);
  }
  return call((cb) => wx.checkIsSupportFacialRecognition({ ...cb })).then(
    () => true,
    () => false,
  );
}

export function startFaceVerification(name: string, idCardNumber: string): Promise<WechatMiniprogram.StartFacialRecognitionVerifySuccess> {
  const start = wx.startFacialRecognitionVerify;
  if (typeof start !== 'function') return Promise.reject(toWxApiError({ errMsg: 'startFacialRecognitionVerify:fail not supported' }));
  return call((cb) => start.call(wx, { name, idCardNumber, checkAliveType: 2, ...cb }));
}

/** Photos from the album or camera at their original size; null when the person cancels the picker. */
export async function chooseImages(count: number): Promise<WechatMiniprogram.MediaFile[] | null> {
  try {
    const chosen = await call<WechatMiniprogram.ChooseMediaSuccessCallbackResult>((cb) => wx.chooseMedia({ count, mediaType: ['image'], sizeType: ['original'], ...cb }));
    return chosen.tempFiles;
  } catch (err) {
    if (toWxApiError(err).cancelled) return null;
    throw err;
  }
}

export function imageInfo(src: string): Promise<WechatMiniprogram.GetImageInfoSuccessCallbackResult> {
  return call((cb) => wx.getImageInfo({ src, ...cb }));
}

/** Moves a temporary file where it survives closing the page and restarting; resolves its saved path. */
export async function saveFile(tempFilePath: string): Promise<string> {
  return (await call<WechatMiniprogram.SaveFileSuccessCallbackResult>((cb) => wx.getFileSystemManager().saveFile({ tempFilePath, ...cb }))).savedFilePath;
}

/** Removes a saved file no longer needed; one already gone is fine. */
export async function removeFile(filePath: string): Promise<void> {
  if (filePath) await call((cb) => wx.getFileSystemManager().unlink({ filePath, ...cb })).catch(() => undefined);
}

/** Whether a saved file is still on the device (WeChat may clear saved files). */
export function fileExists(path: string): Promise<boolean> {
  return path ? call((cb) => wx.getFileSystemManager().access({ path, ...cb })).then(() => true, () => false) : Promise.resolve(false);
}

/** Where the phone is (GCJ-02, as the government's district boxes are), or null when the person refuses it or the phone cannot tell. */
export function currentLocation(): Promise<{ lat: number; long: number } | null> {
  return call<WechatMiniprogram.GetLocationSuccessCallbackResult>((cb) => wx.getLocation({ type: 'gcj02', ...cb })).then((res) => ({ lat: res.latitude, long: res.longitude }), () => null);
}
