// The receipt picture's layout: words wrap inside the picture, in Chinese at a character, in English at a word.
import { PICTURE_WIDTH, isDrawing, paintReceipt, wrap, type ReceiptPicture } from '../../../miniprogram/packages/pay/receipt-image';
import { fake } from '../../helpers/fake-wx';

/** A character is 10 wide, Chinese or not, for round numbers. */
const even = { measureText: (text: string) => ({ width: [...text].length * 10 }) };

describe('receipt picture', () => {
  it('wraps English at words and Chinese at characters, and keeps a word too long for a line whole', () => {
    expect(wrap(even, 'Paid for two fines today', 100)).toEqual(['Paid for', 'two fines', 'today']);
    expect(wrap(even, '罚款已缴清对应的违法记录', 50)).toEqual(['罚款已缴清', '对应的违法', '记录']);
    expect(wrap(even, 'PAY20261122000001 paid', 100)).toEqual(['PAY20261122000001', 'paid']);
    expect(wrap(even, '', 100)).toEqual([]);
  });

  it('measures the height it draws, and draws every part once', () => {
    const picture: ReceiptPicture = {
      title: 'Payment received',
      total: '¥848.00',
      rows: [['Reference', 'PAY20261122000001'], ['Paid on', '2026-11-22 10:05']],
      lines: [{ title: 'Drove through a red light', amount: '¥200.00', sub: '粤B12345 · 2026-11-17 · 6 pts' }],
      next: 'What you paid for now shows as paid.',
      footer: 'City Services',
    };
    const measuring = fake.canvases.length;
    const ctx: unknown = wx.createOffscreenCanvas({ type: '2d', width: PICTURE_WIDTH, height: 10 }).getContext('2d');
    expect(fake.canvases.length).toBe(measuring + 1);
    if (!isDrawing(ctx)) throw new Error('no 2d context');
    const drawn = fake.canvases[measuring];
    const height = paintReceipt(ctx, picture, false);
    expect(drawn.texts).toEqual([]);
    expect(paintReceipt(ctx, picture, true)).toBe(height);
    expect(drawn.texts.map((t) => t.text)).toEqual(['Payment received', '¥848.00', 'Reference', 'PAY20261122000001', 'Paid on', '2026-11-22 10:05', '¥200.00', 'Drove through a red light', '粤B12345 · 2026-11-17 · 6 pts', 'What you paid for now shows as paid.', 'City Services']);
    expect(Math.max(...drawn.texts.map((t) => t.y))).toBeLessThan(height);
  });
});
