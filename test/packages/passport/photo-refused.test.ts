// Review of issue 12: the apply page when the government refuses a photo the app let through. The words
// must be whole (no unfilled placeholder) and the refusal must stand until another photo is chosen.
import { fake, offerPhoto } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { jpegPhoto, pngFile } from '../../helpers/photos';
import { renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { watch } from '../civil/start-helpers';
import { APPLY_ROUTE, OFFICE } from './helpers';

async function filledAndSubmitted(bytes: Uint8Array, claimedBytes?: number) {
  const gov = createTestGovernment();
  await signInAs(gov, 'r04');
  const page: RenderedPage = await renderPage(APPLY_ROUTE, { gov, query: { kind: 'first' } });
  offerPhoto(bytes, { width: 390, height: 567, type: 'jpeg' });
  // wx.chooseMedia's size is what the app checks; the file sent is what the government checks.
  if (claimedBytes !== undefined) fake.media[0].size = claimedBytes;
  await page.tap('#choose-photo');
  await page.tap(`#office-${OFFICE}`);
  await page.tap('#day-2026-11-30');
  await page.tap('#window-am2');
  await page.tap('#collection-in-person');
  await page.tap('#declaration');
  await page.tap('#continue');
  const log = watch(gov);
  await page.tap('#submit');
  return { gov, page, log };
}

describe('review: a photo the government refuses after the upload', () => {
  afterEach(() => jest.restoreAllMocks());

  it('PHOTO_TOO_SMALL from the government is worded with the photo\'s size, not a "{size}" placeholder', async () => {
    // The picker said 52 KB; the file that went is 20 KB.
    const { page } = await filledAndSubmitted(jpegPhoto(390, 567, 20 * 1024), 52 * 1024);
    const words = page.textOf('#photo-error');
    expect(words).toContain('太小');
    expect(words).not.toMatch(/\{\w+\}/);
  });

  it('the refusal stands on Continue until another photo is chosen (the same bytes are not sent again)', async () => {
    const { page, log } = await filledAndSubmitted(pngFile(52 * 1024));
    expect(page.textOf('#photo-error')).toBe('这张照片不是 JPEG 格式。请选择 JPEG 格式（扩展名为 jpg）的照片');
    await page.tap('#continue');
    expect(page.textOf('#photo-error')).toBe('这张照片不是 JPEG 格式。请选择 JPEG 格式（扩展名为 jpg）的照片');
    expect(page.find('#submit')).toBeUndefined();
    if (page.find('#submit')) await page.tap('#submit');
    expect(log.filter((l) => l.call === 'POST /exit-entry/photos')).toHaveLength(1);
  });
});
