// Cryptographic random bytes for synchronous code. wx.getRandomValues answers asynchronously, so a
// pool is filled ahead (before each request the embedded government handles) and drawn from at once.
import { toWxApiError } from './errors';

export interface EntropyPool {
  /** Tops the pool up to its size; resolves when it is full. */
  fill(): Promise<void>;
  /** `count` bytes from the pool; throws when it has too few (never falls back to a weak source). */
  take(count: number): Uint8Array;
  /** Bytes left. */
  readonly available: number;
}

/** wx.getRandomValues (base library 2.15.0+) as a promise. */
export function wxRandomBytes(length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    wx.getRandomValues({
      length,
      success: (res) => resolve(new Uint8Array(res.randomValues)),
      fail: (err) => reject(toWxApiError(err)),
    });
  });
}

export function createEntropyPool(source: (length: number) => Promise<Uint8Array>, size = 2048): EntropyPool {
  let bytes = new Uint8Array(0);
  let filling: Promise<void> | null = null;
  return {
    get available() {
      return bytes.length;
    },
    fill() {
      if (bytes.length >= size / 2) return Promise.resolve();
      if (!filling) {
        filling = source(size - bytes.length)
          .then((fresh) => {
            const next = new Uint8Array(bytes.length + fresh.length);
            next.set(bytes);
            next.set(fresh, bytes.length);
            bytes = next;
          })
          .finally(() => {
            filling = null;
          });
      }
      return filling;
    },
    take(count) {
      if (count > bytes.length) throw new Error('The random pool is empty; try again');
      const out = bytes.slice(0, count);
      // Drawn bytes are gone: never handed out twice.
      bytes = bytes.slice(count);
      return out;
    },
  };
}
