// Gaps the passport page tests left, driven like a person: "choose another time" on the application page
// after the unpaid hold lapsed and other residents took the window; a window taken between check your
// answers and submitting (WINDOW_FULL: said beside the window, everything kept, the photo not sent twice);
// the government refusing the photo from its bytes after the app let it through (said beside the photo,
// nothing else lost); and a photo that cannot be saved on the phone (said so, the form kept).
import type { ExitEntryDaysResponse, PassportApplication, PhotoResponse } from '../../../miniprogram/contracts/passport';
import { encodeBase64 } from '../../../miniprogram/mock/base64';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, type TestGovernment } from '../../helpers/government';
import { goodPhoto, jpegPhoto, pngFile } from '../../helpers/photos';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { extraResident } from '../../helpers/residents';
import { call } from '../civil/helpers';
import { attr, drafts, isChecked, watch } from '../civil/start-helpers';
import { APPLICATION_ROUTE, APPLY_ROUTE, OFFICE, applicationsOf, applyAs, choosePhoto } from './helpers';

/** Monday 30 November, 9:00: the window at the office with the fewest places (9 of 20) in the seed. */
const DATE = '2026-11-30';
const WINDOW = 'am1';
const HOLD_MS = 30 * 60 * 1000;

const uploadsIn = (log: { call: string }[]): number => log.filter((l) => l.call === 'POST /exit-entry/photos').length;
const applicationsIn = (log: { call: string }[]): number => log.filter((l) => l.call === 'POST /exit-entry/applications').length;

async function remaining(gov: TestGovernment, token: string, date = DATE, window = WINDOW): Promise<number> {
  const { days } = await call<ExitEntryDaysResponse>(gov, token, 'GET', `/exit-entry/offices/${OFFICE}/days`);
  return days.find((d) => d.date === date)?.windows.find((w) => w.id === window)?.remaining ?? -1;
}

let extras = 0;
/** Other residents apply for the window until no place is left in it; resolves how many did. */
async function fillWindow(gov: TestGovernment, date = DATE, window = WINDOW): Promise<number> {
  let made = 0;
  for (;;) {
    extras += 1;
    const token = await extraResident(gov.government, extras);
    if ((await remaining(gov, token, date, window)) === 0) return made;
    const photo = (await gov.government.handle({
      method: 'POST', path: '/exit-entry/photos', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `fill-${extras}` }, body: '{}',
      file: { field: 'photo', base64: encodeBase64(goodPhoto()) },
    })).body as PhotoResponse;
    await call<PassportApplication>(gov, token, 'POST', '/exit-entry/applications', {
      kind: 'first', photoId: photo.photo.id, officeId: OFFICE, date, window, collection: 'in-person', declaration: true,
    });
    made += 1;
  }
}

async function openApply() {
  const gov = createTestGovernment();
  const token = await signInAs(gov, 'r04');
  const page = await renderPage(APPLY_ROUTE, { gov, query: { kind: 'first' } });
  return { gov, token, page };
}

/** Office, the day and window above, in person, the declaration: the form but the photo. */
async function fillAllButPhoto(page: RenderedPage, window = WINDOW): Promise<void> {
  await page.tap(`#office-${OFFICE}`);
  await page.tap(`#day-${DATE}`);
  await page.tap(`#window-${window}`);
  await page.tap('#collection-in-person');
  await page.tap('#declaration');
}

describe('passport pages: the gaps', () => {
  afterEach(() => jest.restoreAllMocks());

  it('"choose another time" after the unpaid hold lapsed and others took the window: a new day and window, then Pay', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r04');
    const app = await applyAs(gov, token, { date: DATE, window: WINDOW });
    expect(app.fee).toBe('payable');
    gov.clock.advance(HOLD_MS + 60 * 1000);
    // The lapsed hold no longer keeps the place: others fill the window, 9 of them.
    expect(await fillWindow(gov)).toBe(9);
    expect((await applicationsOf(gov, token)).map((a) => [a.status, a.fee, a.holdUntil])).toEqual([['payment-due', 'not-payable', null]]);

    const page = await renderPage(APPLICATION_ROUTE, { gov, query: { id: app.id } });
    expect(page.textOf('#next')).toBe('您没有在保留时间内缴费，这个时段的名额已被约走。请重新选择时间后再缴费。');
    expect(page.find('#pay')).toBeUndefined();
    const log = watch(gov);
    await page.tap('#rebook-open');
    expect(log.map((l) => l.call)).toEqual([`GET /exit-entry/offices/${OFFICE}/days`]);
    expect(page.textOf('#rebook-heading')).toBe('重新选择日期和时段');
    expect(page.findAll('#rebook-days .pp-day')).toHaveLength(14);
    // A closed day cannot be picked; the day of the lapsed place shows its full window.
    await page.tap('#day-2026-11-28');
    expect(page.findAll('.pp-day-on')).toHaveLength(0);
    await page.tap(`#day-${DATE}`);
    expect(attr(page, `#window-${WINDOW}`, 'ariaDisabled')).toBe(true);
    await page.tap(`#window-${WINDOW}`);
    expect(attr(page, `#window-${WINDOW}`, 'ariaChecked')).toBe(false);
    // Confirming without an open window sends nothing.
    await page.tap('#rebook');
    expect(log).toHaveLength(1);
    await page.tap('#day-2026-12-01');
    await page.tap('#window-am2');
    await page.tap('#rebook');
    expect(log.map((l) => l.call)).toEqual([`GET /exit-entry/offices/${OFFICE}/days`, `POST /exit-entry/applications/${app.id}/appointment`]);
    expect(messageAt(page, '#notice').kind).toBe('success');
    expect(page.textOf('#notice')).toBe('已改到新的时间，请在保留时间内缴费。');
    expect(page.find('#rebook-heading')).toBeUndefined();
    expect(page.find('#pay')).toBeDefined();
    expect(page.textOf('#next')).toMatch(/^请在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前缴纳申请费 120.00 元/);
    const [moved] = await applicationsOf(gov, token);
    expect([moved.status, moved.fee, moved.appointment.date, moved.appointment.window, moved.events.map((e) => e.kind)]).toEqual(['payment-due', 'payable', '2026-12-01', 'am2', ['applied', 'rebooked']]);
    // The old window stays full for the others; Pay opens checkout for the one application.
    expect(await remaining(gov, token)).toBe(0);
    await page.tap('#pay');
    expect(fake.navigations.at(-1)?.url).toMatch(/^\/packages\/pay\/pages\/checkout\/checkout\?order=/);
    expectWithinBudgets(page);
  });

  it('says WINDOW_FULL beside the window when it filled before Submit, keeps everything, and does not send the photo twice', async () => {
    const { gov, token, page } = await openApply();
    await choosePhoto(page);
    await fillAllButPhoto(page);
    await page.tap('#continue');
    expect(page.find('#submit')).toBeDefined();
    // Meanwhile the 9 places of the window go to others.
    expect(await fillWindow(gov)).toBe(9);
    const log = watch(gov);
    await page.tap('#submit');
    expect(uploadsIn(log)).toBe(1);
    expect(applicationsIn(log)).toBe(1);
    expect(page.textOf('#window-error')).toBe('这个时段刚刚约满，请另选时段');
    expect(page.find('#submit')).toBeUndefined();
    // Everything else stays: the photo, the office, the day, collection, the declaration, the draft.
    expect(page.textOf('#photo-details')).toBe('52.0 KB，390×567 像素');
    expect(attr(page, `#office-${OFFICE}`, 'ariaChecked')).toBe(true);
    expect(attr(page, `#day-${DATE}`, 'ariaChecked')).toBe(true);
    expect(attr(page, '#collection-in-person', 'ariaChecked')).toBe(true);
    expect(isChecked(page, '#declaration')).toBe(true);
    expect(page.textOf(`#window-${WINDOW}-places`)).toBe('已约满');
    expect(attr(page, `#window-${WINDOW}`, 'ariaDisabled')).toBe(true);
    const [[, draft]] = drafts();
    expect(draft).toEqual(expect.objectContaining({ officeId: OFFICE, date: DATE, window: '', photoId: expect.stringMatching(/^ph-/) }));
    expect(await applicationsOf(gov, token)).toEqual([]);
    // Another window, and the same photo goes with the application: one upload in all.
    await page.tap('#window-am2');
    expect(page.find('#window-error')).toBeUndefined();
    await page.tap('#continue');
    await page.tap('#submit');
    expect(uploadsIn(log)).toBe(1);
    expect(applicationsIn(log)).toBe(2);
    expect((await applicationsOf(gov, token)).map((a) => [a.appointment.date, a.appointment.window])).toEqual([[DATE, 'am2']]);
    expect(fake.navigations.at(-1)?.url).toMatch(/checkout\?order=/);
    expectWithinBudgets(page);
  });

  it.each([
    // getImageInfo says a JPEG of 390 x 567; the bytes are a PNG.
    ['PHOTO_NOT_JPEG', pngFile(52 * 1024), '这张照片不是 JPEG 格式。请选择 JPEG 格式（扩展名为 jpg）的照片'],
    // A JPEG whose frame claims 0 x 0.
    ['PHOTO_UNREADABLE', jpegPhoto(0, 0, 52 * 1024), '无法读取这张照片，请换一张'],
  ])('says the government\'s %s beside the photo after the upload, and loses nothing else', async (_code, bytes, words) => {
    const { gov, token, page } = await openApply();
    await choosePhoto(page, bytes, { width: 390, height: 567, type: 'jpeg' });
    expect(page.find('#photo-error')).toBeUndefined();
    await fillAllButPhoto(page);
    await page.tap('#continue');
    const log = watch(gov);
    await page.tap('#submit');
    expect(uploadsIn(log)).toBe(1);
    expect(applicationsIn(log)).toBe(0);
    expect(page.textOf('#photo-error')).toBe(words);
    expect(page.find('#submit')).toBeUndefined();
    expect(attr(page, `#office-${OFFICE}`, 'ariaChecked')).toBe(true);
    expect(attr(page, `#day-${DATE}`, 'ariaChecked')).toBe(true);
    expect(attr(page, `#window-${WINDOW}`, 'ariaChecked')).toBe(true);
    expect(isChecked(page, '#declaration')).toBe(true);
    expect(drafts()).toHaveLength(1);
    expect(await applicationsOf(gov, token)).toEqual([]);
    // Another photo: the words go, and it is the one sent.
    await choosePhoto(page);
    expect(page.find('#photo-error')).toBeUndefined();
    await page.tap('#continue');
    await page.tap('#submit');
    expect(uploadsIn(log)).toBe(2);
    expect(applicationsIn(log)).toBe(1);
    expect(await applicationsOf(gov, token)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('says so when the phone cannot save the photo, and keeps the form (and a photo chosen before)', async () => {
    const { gov, page } = await openApply();
    await fillAllButPhoto(page);
    const log = watch(gov);
    fake.saveFileFails = true;
    await choosePhoto(page);
    expect(page.textOf('#photo-error')).toBe('手机存储空间不足，照片没能保存。请清理空间后重新选择。');
    expect(page.find('#photo')).toBeUndefined();
    expect(attr(page, `#office-${OFFICE}`, 'ariaChecked')).toBe(true);
    expect(attr(page, `#window-${WINDOW}`, 'ariaChecked')).toBe(true);
    expect(isChecked(page, '#declaration')).toBe(true);
    expect(drafts().map(([, d]) => (d as { officeId: string }).officeId)).toEqual([OFFICE]);
    // Continue keeps the words beside the photo and in the summary.
    await page.tap('#continue');
    expect(page.textOf('#photo-error')).toBe('手机存储空间不足，照片没能保存。请清理空间后重新选择。');
    expect(page.find('#submit')).toBeUndefined();
    fake.saveFileFails = false;
    await choosePhoto(page);
    expect(page.find('#photo-error')).toBeUndefined();
    expect(page.textOf('#photo-details')).toBe('52.0 KB，390×567 像素');
    const saved = [...fake.files.keys()].filter((k) => k.startsWith('wxfile://usr/'));
    // Another save failing keeps the photo chosen before, on the page and on the phone.
    fake.saveFileFails = true;
    await choosePhoto(page, jpegPhoto(390, 567, 60 * 1024));
    expect(page.textOf('#photo-error')).toBe('手机存储空间不足，照片没能保存。请清理空间后重新选择。');
    expect(page.textOf('#photo-details')).toBe('52.0 KB，390×567 像素');
    expect([...fake.files.keys()].filter((k) => k.startsWith('wxfile://usr/'))).toEqual(saved);
    expect(log).toEqual([]);
    expectWithinBudgets(page);
  });
});
