// Two sources of randomness: a seeded generator for seed data only (the same test data on every
// run), and a cryptographic one for everything a caller must not predict (tokens, codes, ids).

/** Fills `count` cryptographically random bytes, synchronously. */
export type RandomBytes = (count: number) => Uint8Array;

/** What handlers may draw: unpredictable, from a cryptographic source. */
export interface SecureRandom {
  hex(count: number): string;
  digits(count: number): string;
}

interface CryptoLike { getRandomValues(array: Uint8Array): Uint8Array }

function isCryptoLike(value: unknown): value is CryptoLike {
  return typeof value === 'object' && value !== null && typeof (value as Partial<CryptoLike>).getRandomValues === 'function';
}

/**
 * The runtime's crypto.getRandomValues (node, browsers). The mini program has none: the embedded
 * backend passes bytes drawn ahead from wx.getRandomValues instead.
 */
export function defaultRandomBytes(): RandomBytes {
  // eslint-disable-next-line no-restricted-globals -- the standard crypto where the runtime has one (mock code only)
  const crypto: unknown = Reflect.get(globalThis, 'crypto');
  return (count) => {
    if (!isCryptoLike(crypto)) throw new Error('No cryptographic random source');
    return crypto.getRandomValues(new Uint8Array(count));
  };
}

export function createSecureRandom(bytes: RandomBytes): SecureRandom {
  return {
    hex: (count) =>
      Array.from(bytes(Math.ceil(count / 2)), (b) => b.toString(16).padStart(2, '0'))
        .join('')
        .slice(0, count),
    digits: (count) => {
      let out = '';
      while (out.length < count) {
        // Bytes of 250 and above are dropped, so every digit is equally likely.
        bytes(count).forEach((b) => {
          if (b < 250 && out.length < count) out += String(b % 10);
        });
      }
      return out;
    },
  };
}

export interface Random {
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  digits(count: number): string;
  hex(count: number): string;
}

export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    digits: (count) => Array.from({ length: count }, () => String(int(0, 9))).join(''),
    hex: (count) => Array.from({ length: count }, () => int(0, 15).toString(16)).join(''),
  };
}

/** A stable short key for ids that are not secret (plates, notices). Not for personal data: see keyedHash. */
export function hashKey(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `h${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

const K256 = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** SHA-256 (FIPS 180-4) of a byte list. The mini program has no digest API, so the mock carries one. */
export function sha256(message: number[]): number[] {
  const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
  const bytes = [...message, 0x80];
  while (bytes.length % 64 !== 56) bytes.push(0);
  const bits = message.length * 8;
  for (let i = 7; i >= 0; i -= 1) bytes.push(i >= 4 ? Math.floor(bits / 2 ** (8 * i)) & 0xff : (bits >>> (8 * i)) & 0xff);
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const w = new Array<number>(64);
  for (let block = 0; block < bytes.length; block += 64) {
    for (let t = 0; t < 16; t += 1) {
      const i = block + t * 4;
      w[t] = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    }
    for (let t = 16; t < 64; t += 1) {
      const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
      const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, k] = h;
    for (let t = 0; t < 64; t += 1) {
      const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t] + w[t]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    [a, b, c, d, e, f, g, k].forEach((v, i) => {
      h[i] = (h[i] + v) >>> 0;
    });
  }
  return h.flatMap((v) => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
}

/** HMAC-SHA-256 (RFC 2104) as lowercase hex. */
export function hmacSha256Hex(key: string, text: string): string {
  let keyBytes = utf8(key);
  if (keyBytes.length > 64) keyBytes = sha256(keyBytes);
  const padded = [...keyBytes, ...new Array<number>(64 - keyBytes.length).fill(0)];
  const inner = sha256([...padded.map((b) => b ^ 0x36), ...utf8(text)]);
  const outer = sha256([...padded.map((b) => b ^ 0x5c), ...inner]);
  return outer.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A keyed digest for personal data (ID numbers, request bodies): HMAC-SHA-256, shortened to 128
 * bits. Without the government's secret, which is never part of its persisted state, a digest
 * cannot be matched by trying every possible ID number (an unkeyed hash can: a masked ID leaves
 * only a few million candidates).
 */
export function keyedHash(secret: string, text: string): string {
  return `k${hmacSha256Hex(secret, text).slice(0, 32)}`;
}
