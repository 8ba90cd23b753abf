// Test photos: byte-exact JPEG files of a chosen size and frame, built from the markers a reader checks
// (SOI, a JFIF APP0, the baseline frame SOF0 with its height and width, comment segments as filler, EOI).
// They are not decodable pictures; the government and the app read only the markers and the size.

const segment = (marker: number, payload: number[]): number[] => [0xff, marker, ((payload.length + 2) >> 8) & 255, (payload.length + 2) & 255, ...payload];

/** A JPEG of exactly `bytes` bytes whose frame is `width` x `height`. */
export function jpegPhoto(width: number, height: number, bytes: number): Uint8Array {
  const head = [0xff, 0xd8, ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])];
  const frame = segment(0xc0, [8, (height >> 8) & 255, height & 255, (width >> 8) & 255, width & 255, 1, 1, 0x11, 0]);
  const tail = [0xff, 0xd9];
  const out = new Uint8Array(bytes);
  out.set(head, 0);
  let at = head.length;
  out.set(frame, at);
  at += frame.length;
  // Fill with comment segments (each at most 65,535 bytes long) up to the EOI.
  while (at < bytes - tail.length) {
    const room = bytes - tail.length - at;
    const length = Math.min(65535, room - 2);
    if (length < 2) {
      out.fill(0, at, bytes - tail.length);
      break;
    }
    out.set([0xff, 0xfe, (length >> 8) & 255, length & 255], at);
    out.fill(0x20, at + 4, at + 2 + length);
    at += 2 + length;
  }
  out.set(tail, bytes - tail.length);
  return out;
}

/** A PNG's signature, padding, and its closing IEND chunk: what a resident might pick instead of a JPEG. */
export function pngFile(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  out.set([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], bytes - 12);
  return out;
}

/** A good passport photo: 390 x 567 (33 x 48 mm at 300 dpi), 52 KB. */
export const goodPhoto = (): Uint8Array => jpegPhoto(390, 567, 52 * 1024);
