// Review of issue 13 as a resident whose upload fails: the draft and every photo survive a failure and a
// restart of the page in the middle, the retry sends only what failed, and a photo the government refuses
// for what it is (a GIF named .jpg) is pointed out beside that photo and not sent again and again.
import type { ReportsResponse } from '../../../miniprogram/contracts/reports';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { jpegPhoto } from '../../helpers/photos';
import { expectWithinBudgets, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { call } from '../civil/helpers';
import { drafts, watch } from '../civil/start-helpers';
import { COMPOSE_ROUTE, YUEXIU_POINT, count } from './helpers';

let offered = 0;
/** wx.chooseMedia offers these files next, each named .jpg whatever its bytes. */
function offer(files: Uint8Array[]): void {
  fake.media = files.map((bytes) => {
    offered += 1;
    const tempFilePath = `wxfile://tmp/review13-${offered}.jpg`;
    fake.files.set(tempFilePath, bytes);
    return { tempFilePath, size: bytes.length, fileType: 'image', width: 800, height: 600 };
  });
}
async function fill(page: RenderedPage): Promise<void> {
  fake.location = { ...YUEXIU_POINT };
  await page.tap('#my-location');
  await page.input('#description', '路灯不亮，晚上很暗。');
  await page.tap('#attr-1-off');
}
const saved = (): string[] => [...fake.files.keys()].filter((path) => path.startsWith('wxfile://usr/'));
const GIF = Uint8Array.from(Buffer.from(`GIF89a${'x'.repeat(2000)}`));

describe('compose when an upload fails', () => {
  afterEach(() => jest.restoreAllMocks());

  it('a failed upload, then the page closed and opened again: the draft and all photos are there, and only what failed is sent', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r04');
    const page = await renderPage(COMPOSE_ROUTE, { gov, query: { service: 'street-light' } });
    await fill(page);
    offer([jpegPhoto(800, 600, 20000), jpegPhoto(800, 600, 20001), jpegPhoto(800, 600, 20002)]);
    await page.tap('#add-photos');
    await page.tap('#continue');
    let uploads = 0;
    const log = watch(gov, (req) => (req.path === '/reports/photos' && ++uploads === 3 ? 'before' : null));
    await page.tap('#submit');
    expect(count(log, 'POST /reports/photos')).toBe(3);
    expect(count(log, 'POST /reports')).toBe(0);
    page.comp.detach();
    const again = await renderPage(COMPOSE_ROUTE, { gov, query: { service: 'street-light' } });
    expect((again.data.form as { description: string }).description).toBe('路灯不亮，晚上很暗。');
    expect(again.findAll('.rp-thumb')).toHaveLength(3);
    expect(saved()).toHaveLength(3);
    await again.tap('#continue');
    await again.tap('#submit');
    // Two were uploaded before: only the third goes again, then the report.
    expect(count(log, 'POST /reports/photos')).toBe(4);
    expect(count(log, 'POST /reports')).toBe(1);
    const list = await call<ReportsResponse>(gov, token, 'GET', '/reports');
    expect(list.total).toBe(1);
    expect(again.find('#done')).toBeDefined();
    expect(drafts()).toEqual([]);
    expectWithinBudgets(again);
  });

  it('a GIF named .jpg refused by the government: the refusal is beside that photo, and it is not sent again on the next tap', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r04');
    const page = await renderPage(COMPOSE_ROUTE, { gov, query: { service: 'street-light' } });
    await fill(page);
    offer([jpegPhoto(800, 600, 20000), GIF, jpegPhoto(800, 600, 20002)]);
    await page.tap('#add-photos');
    expect(page.findAll('.rp-thumb')).toHaveLength(3);
    await page.tap('#continue');
    const log = watch(gov);
    await page.tap('#submit');
    expect(page.textOf('#photos-error')).toContain('JPEG');
    // Every photo and the draft are kept.
    expect(drafts()).toHaveLength(1);
    // Which one: the words sit beside the GIF (the second), or it is taken out with its reason shown.
    const beside = page.textOf('#photo-1');
    const dropped = page.findAll('.rp-thumb').length === 2;
    expect(dropped || /JPEG|PNG/.test(beside)).toBe(true);
    const sentBefore = count(log, 'POST /reports/photos');
    await page.tap('#continue');
    await page.tap('#submit');
    // The same refused bytes are not sent again (the passport's photo was fixed so in issue 12's review).
    expect(count(log, 'POST /reports/photos')).toBe(sentBefore + (dropped ? 1 : 0));
    expectWithinBudgets(page);
  });
});
