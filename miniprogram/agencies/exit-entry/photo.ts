// The passport photo as the government checks it from its bytes: a JPEG (SOI then a marker), of 30 to 80 KB,
// whose frame (read from the SOF marker, walking the segments) is portrait and wide enough. Nothing is
// decoded: only the markers and the size are read.
import { PHOTO_RULES, type PhotoProblem } from '../../contracts/passport';

export interface JpegFrame { width: number; height: number }

/** SOF0..SOF15 carry the frame's size; C4 (DHT), C8 (JPG extension) and CC (DAC) share the range but do not. */
const isFrameMarker = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers without a length: TEM, RST0..7 (and SOI). */
const isStandalone = (marker: number): boolean => marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7);

export const isJpeg = (bytes: Uint8Array): boolean => bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

/** The frame's size from the first SOF marker, or null when the segments end, break or reach the scan first. */
export function readJpegFrame(bytes: Uint8Array): JpegFrame | null {
  if (!isJpeg(bytes)) return null;
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    let next = at + 1;
    while (next < bytes.length && bytes[next] === 0xff) next += 1;
    if (next >= bytes.length) return null;
    const marker = bytes[next];
    if (isStandalone(marker)) {
      at = next + 1;
      continue;
    }
    // The image data (SOS) or its end before any frame: no size to read.
    if (marker === 0xda || marker === 0xd9 || marker === 0x00) return null;
    if (next + 2 >= bytes.length) return null;
    const length = (bytes[next + 1] << 8) | bytes[next + 2];
    if (length < 2 || next + 1 + length > bytes.length) return null;
    if (isFrameMarker(marker)) {
      if (length < 7) return null;
      const height = (bytes[next + 4] << 8) | bytes[next + 5];
      const width = (bytes[next + 6] << 8) | bytes[next + 7];
      return width > 0 && height > 0 ? { width, height } : null;
    }
    at = next + 1 + length;
  }
  return null;
}

/** Why the photo is refused, or its frame: the type, the size, the frame, portrait, then the width. */
export function checkPhoto(bytes: Uint8Array): { problem: PhotoProblem } | { frame: JpegFrame } {
  if (!isJpeg(bytes)) return { problem: 'PHOTO_NOT_JPEG' };
  if (bytes.length < PHOTO_RULES.minBytes) return { problem: 'PHOTO_TOO_SMALL' };
  if (bytes.length > PHOTO_RULES.maxBytes) return { problem: 'PHOTO_TOO_LARGE' };
  const frame = readJpegFrame(bytes);
  if (!frame) return { problem: 'PHOTO_UNREADABLE' };
  const ratio = frame.width / frame.height;
  if (ratio < PHOTO_RULES.minRatio || ratio > PHOTO_RULES.maxRatio) return { problem: 'PHOTO_NOT_PORTRAIT' };
  if (frame.width < PHOTO_RULES.minWidth) return { problem: 'PHOTO_LOW_RESOLUTION' };
  return { frame };
}

/** The bytes as a string of char codes 0..255, for the keyed digest (which takes text). */
export function binaryText(bytes: Uint8Array): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += 8192) out += String.fromCharCode(...bytes.subarray(at, at + 8192));
  return out;
}
