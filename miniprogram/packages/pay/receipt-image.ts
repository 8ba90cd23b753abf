// The receipt as a picture to keep in the phone's album: drawn on an off-screen 2d canvas (base library
// 2.16.1+), exported with wx.canvasToTempFilePath and saved with wx.saveImageToPhotosAlbum. It shows what
// the receipt page shows (the amount, the reference, the time, each line and what happens next), never a
// name or an ID number; the drawing is a pure function of the words, so tests read what it wrote.

/** What the receipt picture says, in the reader's language. */
export interface ReceiptPicture {
  title: string;
  total: string;
  rows: readonly (readonly [key: string, value: string])[];
  lines: readonly { title: string; amount: string; sub: string }[];
  next: string;
  footer: string;
}

/** The part of a 2d drawing context the receipt uses (WeChat's canvas 2d and the browser's alike). */
export interface Drawing {
  fillStyle: unknown;
  font: string;
  textAlign: unknown;
  fillRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  scale(x: number, y: number): void;
}

/** CSS pixels: the picture is a phone screen wide, drawn at the screen's pixel ratio. */
export const PICTURE_WIDTH = 375;
const PAD = 24;
const INK = '#1a1a1a';
const GREY = '#5f6368';
const BRAND = '#07814a';

interface Style { size: number; weight: string; color: string; gap: number }
const STYLES = {
  title: { size: 20, weight: '600', color: INK, gap: 8 },
  total: { size: 30, weight: '700', color: BRAND, gap: 16 },
  body: { size: 15, weight: '400', color: INK, gap: 6 },
  small: { size: 13, weight: '400', color: GREY, gap: 6 },
  key: { size: 15, weight: '400', color: GREY, gap: 6 },
} satisfies Record<string, Style>;

const fontOf = (style: Style): string => `${style.weight} ${style.size}px sans-serif`;

/** Words broken into what may end a line: a Chinese character each, a Latin word with its space. */
const pieces = (text: string): string[] => text.match(/[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];

/** The text in lines no wider than `width` at the context's current font. */
export function wrap(ctx: Pick<Drawing, 'measureText'>, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  pieces(text).forEach((piece) => {
    const next = line + piece;
    if (line && ctx.measureText(next.trimEnd()).width > width) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line = next;
    }
  });
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/**
 * Lays the receipt out from the top and, with `draw`, paints it; answers the height it takes. Called
 * once to measure (the canvas is then made that tall) and once to draw.
 */
export function paintReceipt(ctx: Drawing, picture: ReceiptPicture, draw: boolean): number {
  const inner = PICTURE_WIDTH - PAD * 2;
  let y = PAD;
  const text = (words: string, style: Style, x = PAD, width = inner, align: 'left' | 'right' = 'left'): number => {
    ctx.font = fontOf(style);
    const lines = wrap(ctx, words, width);
    lines.forEach((line) => {
      y += style.size * 1.35;
      if (!draw) return;
      ctx.fillStyle = style.color;
      ctx.textAlign = align;
      ctx.fillText(line, align === 'right' ? x + width : x, y);
    });
    y += style.gap;
    return lines.length;
  };
  const rule = (): void => {
    y += 8;
    if (draw) {
      ctx.fillStyle = '#e5e5e5';
      ctx.fillRect(PAD, y, inner, 1);
    }
    y += 12;
  };
  if (draw) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, PICTURE_WIDTH, 100000);
  }
  text(picture.title, STYLES.title);
  text(picture.total, STYLES.total);
  rule();
  picture.rows.forEach(([key, value]) => {
    // The key on the left, its value on the right; a long value wraps under itself.
    const top = y;
    text(key, STYLES.key, PAD, inner * 0.35);
    const afterKey = y;
    y = top;
    text(value, STYLES.body, PAD + inner * 0.35, inner * 0.65, 'right');
    y = Math.max(y, afterKey);
  });
  rule();
  picture.lines.forEach((line) => {
    const top = y;
    text(line.amount, STYLES.body, PAD + inner * 0.7, inner * 0.3, 'right');
    const afterAmount = y;
    y = top;
    text(line.title, STYLES.body, PAD, inner * 0.68);
    y = Math.max(y, afterAmount);
    if (line.sub) text(line.sub, STYLES.small);
    y += 6;
  });
  rule();
  text(picture.next, STYLES.small);
  text(picture.footer, STYLES.small);
  return Math.ceil(y + PAD);
}

export type SaveOutcome = 'saved' | 'denied' | 'failed';

export const isDrawing = (value: unknown): value is Drawing =>
  typeof value === 'object' && value !== null && 'fillText' in value && typeof value.fillText === 'function' && 'measureText' in value && typeof value.measureText === 'function';

/** The picture drawn and saved to the album; 'denied' when the person has not let the app save photos. */
export async function saveReceiptPicture(picture: ReceiptPicture): Promise<SaveOutcome> {
  const ratio = Math.min(3, Math.max(1, wx.getWindowInfo().pixelRatio || 2));
  const measuring = wx.createOffscreenCanvas({ type: '2d', width: PICTURE_WIDTH, height: 10 });
  const measure: unknown = measuring.getContext('2d');
  if (!isDrawing(measure)) return 'failed';
  const height = paintReceipt(measure, picture, false);
  const canvas = wx.createOffscreenCanvas({ type: '2d', width: PICTURE_WIDTH * ratio, height: height * ratio });
  const ctx: unknown = canvas.getContext('2d');
  if (!isDrawing(ctx)) return 'failed';
  ctx.scale(ratio, ratio);
  paintReceipt(ctx, picture, true);
  const filePath = await new Promise<string | null>((resolve) => {
    wx.canvasToTempFilePath({ canvas, fileType: 'png', success: (res) => resolve(res.tempFilePath), fail: () => resolve(null) });
  });
  if (!filePath) return 'failed';
  return new Promise<SaveOutcome>((resolve) => {
    wx.saveImageToPhotosAlbum({
      filePath,
      success: () => resolve('saved'),
      // "saveImageToPhotosAlbum:fail auth deny" (or "authorize no response"): the album is not allowed; a
      // cancel or anything else is a plain failure.
      fail: (err) => resolve(/auth|authoriz|privacy/i.test(err.errMsg) ? 'denied' : 'failed'),
    });
  });
}
