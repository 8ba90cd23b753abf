// A small seeded generator so the mocked government is the same on every run with the same seed.

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

/**
 * A keyed 128-bit digest for personal data (ID numbers, request bodies). Without the government's
 * secret, which is never part of the persisted state, a digest cannot be matched by trying every
 * possible ID number (an unkeyed hash can: a masked ID leaves only a few million candidates).
 */
export function keyedHash(secret: string, text: string): string {
  const input = `${secret}\u0000${text}\u0000${secret}`;
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  for (let round = 0; round < 2; round += 1) {
    for (let i = 0; i < input.length; i += 1) {
      const c = input.charCodeAt(i);
      for (let l = 0; l < 4; l += 1) {
        let h = Math.imul(lanes[l] ^ c, 0x5bd1e995 + l * 0x1b873593);
        h ^= h >>> 13;
        lanes[l] = Math.imul(h, 0xc2b2ae35) ^ lanes[(l + 1) % 4];
      }
    }
  }
  return `k${lanes.map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('')}`;
}
