// Typed storage. Sensitive values (the session token) go through the async API with encrypt: true.
import { toWxApiError } from './errors';

export function readStorageSync<T>(key: string): T | undefined {
  try {
    const value: unknown = wx.getStorageSync(key);
    return value === '' || value === undefined || value === null ? undefined : (value as T);
  } catch {
    return undefined;
  }
}

export function writeStorageSync(key: string, value: unknown): void {
  try {
    wx.setStorageSync(key, value);
  } catch (err) {
    // Storage full or unavailable: the app keeps working with what is in memory.
    console.warn('storage write failed', key, toWxApiError(err).errMsg);
  }
}

/** Like writeStorageSync, but a failed write (full, over 1 MB) throws, so the caller can refuse what it cannot keep. */
export function writeStorageStrict(key: string, value: unknown): void {
  try {
    wx.setStorageSync(key, value);
  } catch (err) {
    throw toWxApiError(err);
  }
}

export function removeStorageSync(key: string): void {
  try {
    wx.removeStorageSync(key);
  } catch {
    // Nothing stored is nothing to remove.
  }
}

export function writeEncrypted(key: string, value: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.setStorage({ key, data: value, encrypt: true, success: () => resolve(), fail: (err) => reject(toWxApiError(err)) });
  });
}

/** Whether the key exists, without reading it (encrypted values need an async read). */
export function hasStorageKey(key: string): boolean {
  try {
    return wx.getStorageInfoSync().keys.includes(key);
  } catch {
    return false;
  }
}

/** Like readEncrypted, but a value that exists and cannot be read is an error, not "nothing". */
export function readEncryptedStrict(key: string): Promise<string | undefined> {
  if (!hasStorageKey(key)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    wx.getStorage<string>({
      key,
      encrypt: true,
      success: (res) => (typeof res.data === 'string' && res.data !== '' ? resolve(res.data) : reject(toWxApiError({ errMsg: 'getStorage:fail empty value' }))),
      fail: (err) => reject(toWxApiError(err)),
    });
  });
}

export function readEncrypted(key: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    wx.getStorage<string>({
      key,
      encrypt: true,
      success: (res) => resolve(typeof res.data === 'string' && res.data !== '' ? res.data : undefined),
      fail: () => resolve(undefined),
    });
  });
}
