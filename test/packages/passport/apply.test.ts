import { fake } from '../../helpers/fake-wx';
import { createTestGovernment, expectNoIdNumbers } from '../../helpers/government';
import { jpegPhoto, pngFile } from '../../helpers/photos';
import { expectWithinBudgets, messageAt, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { attr, drafts, isChecked, lastRedirect, watch } from '../civil/start-helpers';
import { APPLICATION_PAGE, APPLY_PAGE, APPLY_ROUTE, OFFICE, applicationsOf, applyAs, choosePhoto, fillForm, firstOpen, texts } from './helpers';

const OFFLINE = '网络连接失败，请检查网络后重试';

async function openAs(key: string, query: Record<string, string> = { kind: 'first' }, language?: string) {
  const gov = createTestGovernment();
  const token = await signInAs(gov, key);
  const page = await renderPage(APPLY_ROUTE, { gov, query, language });
  return { gov, token, page };
}

const summary = (page: RenderedPage): string[] => texts(page, '#error-summary >>> .error-summary-line');
const uploadsIn = (log: { call: string }[]): number => log.filter((l) => l.call === 'POST /exit-entry/photos').length;
const applicationsIn = (log: { call: string }[]): number => log.filter((l) => l.call === 'POST /exit-entry/applications').length;

describe('apply page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(APPLY_ROUTE, { query: { kind: 'first' } });
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${APPLY_ROUTE}?kind=first`)}` }]);
    expectWithinBudgets(page);
  });

  it('lets 张伟 apply for a first passport: photo, office, day, window, check your answers, then checkout for the 120 yuan fee', async () => {
    const { page, gov, token } = await openAs('r04', {});
    expect(page.textOf('#heading')).toBe('首次申领普通护照');
    expect(page.textOf('#validity')).toBe('现在申请，护照有效期为 10 年。');
    expect(page.textOf('#fee')).toBe('申请费 120.00 元，提交后在线缴纳。');
    expect(page.find('#guardian')).toBeUndefined();
    expect(page.textOf('#photo-rules')).toBe('近 6 个月内拍摄的正面免冠彩色照片，白色背景，33×48 毫米，JPEG 格式，30–80 KB。');
    await choosePhoto(page);
    expect(fake.mediaRequests).toEqual([expect.objectContaining({ count: 1, mediaType: ['image'], sizeType: ['original'] })]);
    expect(attr(page, '#photo-preview', 'mode')).toBe('aspectFit');
    expect(attr(page, '#photo-preview', 'ariaLabel')).toBe('您选择的证件照片');
    expect(page.textOf('#photo-details')).toBe('52.0 KB，390×567 像素');
    expect(page.textOf('#choose-photo')).toBe('换一张');
    expect(texts(page, '.pp-office .pp-item-name')).toHaveLength(5);
    await page.tap(`#office-${OFFICE}`);
    expect(page.findAll('.pp-day')).toHaveLength(14);
    // Sunday 22 November: the next Saturday is closed, said so.
    expect(page.textOf('#day-2026-11-28-status')).toBe('休息日不办公');
    const { date, window } = await firstOpen(gov, token);
    await page.tap(`#day-${date}`);
    expect(page.textOf(`#window-${window}-places`)).toMatch(/^余 \d+ 个$/);
    await page.tap(`#window-${window}`);
    await page.tap('#collection-in-person');
    await page.tap('#declaration');
    const log = watch(gov);
    await page.tap('#continue');
    expect(texts(page, '#answers .pp-key')).toEqual(['证件照片', '办理地点', '日期', '时段', '领取方式', '声明']);
    expect(page.textOf('#value-1')).toBe('广州市越秀区出入境办证大厅（越秀区解放南路 155 号）');
    expect(attr(page, '#change-1', 'ariaLabel')).toBe('修改办理地点');
    expect(log).toEqual([]);
    await page.tap('#submit');
    expect(log.map((l) => l.call)).toEqual(['POST /exit-entry/photos', 'POST /exit-entry/applications', 'POST /payments/orders']);
    const mine = await applicationsOf(gov, token);
    expect(mine.map((a) => [a.status, a.fee, a.feeFen, a.appointment.date, a.appointment.window])).toEqual([['payment-due', 'payable', 12000, date, window]]);
    expect(fake.navigations.at(-1)?.url).toMatch(/^\/packages\/pay\/pages\/checkout\/checkout\?order=/);
    expect(drafts()).toEqual([]);
    // The saved photo is removed once the application has it.
    expect([...fake.files.keys()]).toEqual([]);
    expectWithinBudgets(page);
  });

  it('says who holds a valid passport on its own panel, with the masked number and expiry, and offers a renewal instead', async () => {
    const { page, gov } = await openAs('r02');
    expect(messageAt(page, '#panel-HOLDS_VALID_PASSPORT-message').kind).toBe('warning');
    expect(page.textOf('#panel-HOLDS_VALID_PASSPORT')).toContain('您的护照 E****5678 有效期至 2031-08-19，不能再首次申领。');
    expect(page.text()).not.toContain('E12345678');
    expect(page.find('#continue')).toBeUndefined();
    const log = watch(gov);
    await page.tap('#panel-HOLDS_VALID_PASSPORT-action');
    expect(lastRedirect()).toEqual({ path: APPLY_PAGE, query: { kind: 'renewal' } });
    expect(log).toEqual([]);
    expectWithinBudgets(page);
  });

  it('offers a first passport to someone with no passport to renew, and links an open application', async () => {
    const { page, gov, token } = await openAs('r04', { kind: 'renewal' });
    expect(page.textOf('#panel-NO_PASSPORT_HELD')).toContain('没有可换发的护照');
    await page.tap('#panel-NO_PASSPORT_HELD-action');
    expect(lastRedirect()).toEqual({ path: APPLY_PAGE, query: { kind: 'first' } });
    expectWithinBudgets(page);
    const open = await applyAs(gov, token);
    const again = await renderPage(APPLY_ROUTE, { gov, query: { kind: 'first' } });
    expect(again.textOf('#panel-APPLICATION_OPEN')).toContain('您已有一份办理中的申请');
    await again.tap('#panel-APPLICATION_OPEN-action');
    expect(lastRedirect()).toEqual({ path: APPLICATION_PAGE, query: { id: open.id } });
    expectWithinBudgets(again);
  });

  it('lets 黄敏 renew her expired passport, asking why first', async () => {
    const { page, gov, token } = await openAs('r09', { kind: 'renewal' });
    expect(page.textOf('#heading')).toBe('换发普通护照');
    await fillForm(page, gov, token);
    await page.tap('#continue');
    expect(summary(page)).toEqual(['请选择换发护照的原因']);
    expect(page.textOf('#renewalReason-error')).toBe('请选择换发护照的原因');
    await page.tap('#reason-expiring');
    expect(page.find('#renewalReason-error')).toBeUndefined();
    await page.tap('#continue');
    expect(page.textOf('#value-0')).toBe('有效期即将届满或已届满');
    await page.tap('#submit');
    expect((await applicationsOf(gov, token)).map((a) => [a.kind, a.renewalReason])).toEqual([['renewal', 'expiring']]);
    expectWithinBudgets(page);
  });

  it('tells an applicant under 16 that a guardian comes along with the hukou booklet, and the 5 years they get', async () => {
    const { page } = await openAs('r10');
    expect(page.textOf('#validity')).toBe('现在申请，护照有效期为 5 年。');
    expect(messageAt(page, '#guardian').kind).toBe('info');
    expect(page.textOf('#guardian')).toBe('未满 16 周岁申请人未满 16 周岁，须由父母或其他监护人陪同到场，并带上户口簿。');
    expectWithinBudgets(page);
  });

  it.each([
    ['PHOTO_NOT_JPEG', pngFile(52 * 1024), { width: 390, height: 567, type: 'png' }, '这张照片不是 JPEG 格式。请选择 JPEG 格式（扩展名为 jpg）的照片'],
    ['PHOTO_TOO_SMALL', jpegPhoto(390, 567, 20 * 1024), { width: 390, height: 567 }, '这张照片只有 20.0 KB，太小了。照片须在 30–80 KB 之间'],
    ['PHOTO_TOO_LARGE', jpegPhoto(390, 567, 90 * 1024), { width: 390, height: 567 }, '这张照片超过 80 KB。照片须在 30–80 KB 之间'],
    ['PHOTO_NOT_PORTRAIT', jpegPhoto(567, 390, 52 * 1024), { width: 567, height: 390 }, '这张照片不是竖版证件照的比例。照片应为 33×48 毫米的竖版'],
    ['PHOTO_LOW_RESOLUTION', jpegPhoto(240, 349, 52 * 1024), { width: 240, height: 349 }, '这张照片清晰度不够，宽度至少 300 像素'],
  ])('says %s beside the photo and sends nothing', async (_code, bytes, image, words) => {
    const { page, gov } = await openAs('r04');
    const log = watch(gov);
    await choosePhoto(page, bytes, image);
    expect(page.textOf('#photo-error')).toBe(words);
    expect(page.find('#photo')).toBeUndefined();
    expect(uploadsIn(log)).toBe(0);
    expect(log).toEqual([]);
    expect(fake.uploads).toEqual([]);
    // Nothing was kept on the device for it.
    expect(drafts()).toEqual([]);
    // A good one clears the words.
    await choosePhoto(page);
    expect(page.find('#photo-error')).toBeUndefined();
    expect(page.textOf('#photo-details')).toBe('52.0 KB，390×567 像素');
    expectWithinBudgets(page);
  });

  it('changes nothing when the person cancels the picker', async () => {
    const { page, gov } = await openAs('r04');
    await choosePhoto(page);
    const before = { files: [...fake.files.keys()], drafts: drafts(), data: JSON.stringify(page.data) };
    const log = watch(gov);
    fake.media = [];
    await page.tap('#choose-photo');
    expect(fake.mediaRequests).toHaveLength(2);
    expect({ files: [...fake.files.keys()], drafts: drafts(), data: JSON.stringify(page.data) }).toEqual(before);
    expect(page.audit.interactions.at(-1)?.calls).toHaveLength(0);
    expect(log).toEqual([]);
    expectWithinBudgets(page);
  });

  it('keeps the draft through closing the page: the saved photo path and its details, never its bytes nor an ID number', async () => {
    const gov = createTestGovernment();
    const token = await signInAs(gov, 'r04');
    const first = await renderPage(APPLY_ROUTE, { gov, query: { kind: 'first' } });
    await fillForm(first, gov, token, { delivery: true });
    // Choosing another photo removes the one saved before.
    await choosePhoto(first);
    expect([...fake.files.keys()]).toEqual(['wxfile://usr/saved-2.jpg']);
    expectWithinBudgets(first);
    const [[, draft]] = drafts();
    expect(draft).toEqual(expect.objectContaining({ photoPath: 'wxfile://usr/saved-2.jpg', photoBytes: 52 * 1024, photoWidth: 390, photoHeight: 567, officeId: OFFICE }));
    expect(JSON.stringify(draft).length).toBeLessThan(2000);
    expect(JSON.stringify(draft)).not.toContain('declaration');
    expectNoIdNumbers(JSON.stringify([...fake.storage.entries()]));
    const page = await renderPage(APPLY_ROUTE, { gov, query: { kind: 'first' } });
    expect(page.textOf('#photo-details')).toBe('52.0 KB，390×567 像素');
    expect(attr(page, '#photo-preview', 'src')).toBe('wxfile://usr/saved-2.jpg');
    expect(attr(page, `#office-${OFFICE}`, 'ariaChecked')).toBe(true);
    expect(page.findAll('.pp-day-on')).toHaveLength(1);
    expect(attr(page, '#recipient', 'value')).toBe('张伟');
    expect(isChecked(page, '#declaration')).toBe(false);
    expectWithinBudgets(page);
  });

  it('keeps everything when the upload fails offline, and the same tap uploads then applies once', async () => {
    const { page, gov, token } = await openAs('r04');
    await fillForm(page, gov, token);
    await page.tap('#continue');
    const log = watch(gov);
    gov.transport.setFault('offline');
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).toBe(OFFLINE);
    expect(messageAt(page, '#submit-error').kind).toBe('error');
    expect(log).toEqual([]);
    expect(drafts()).toHaveLength(1);
    gov.transport.setFault('none');
    await page.tap('#submit');
    expect(uploadsIn(log)).toBe(1);
    expect(applicationsIn(log)).toBe(1);
    expect(await applicationsOf(gov, token)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('retries only the application when it failed after the upload, and a lost answer gives the same application', async () => {
    const { page, gov, token } = await openAs('r04');
    await fillForm(page, gov, token);
    await page.tap('#continue');
    let failures = 0;
    const log = watch(gov, (req) => {
      if (req.path !== '/exit-entry/applications' || failures >= 2) return null;
      failures += 1;
      return failures === 1 ? 'before' : 'after';
    });
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).toBe(OFFLINE);
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).not.toBe('');
    await page.tap('#submit');
    expect(uploadsIn(log)).toBe(1);
    const tries = log.filter((l) => l.call === 'POST /exit-entry/applications');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((l) => l.key)).size).toBe(1);
    expect(await applicationsOf(gov, token)).toHaveLength(1);
    expect(fake.navigations.at(-1)?.url).toMatch(/checkout\?order=/);
    expectWithinBudgets(page);
  });

  it('makes one application on a double tap of Submit', async () => {
    const { page, gov, token } = await openAs('r04');
    await fillForm(page, gov, token);
    await page.tap('#continue');
    const log = watch(gov);
    await page.act('double tap', () => {
      page.find('#submit')?.dispatchEvent('tap');
      page.find('#submit')?.dispatchEvent('tap');
    });
    expect(uploadsIn(log)).toBe(1);
    expect(applicationsIn(log)).toBe(1);
    expect(await applicationsOf(gov, token)).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('checks every field on Continue and the delivery fields on leaving them, words beside each and in the summary', async () => {
    const { page, gov } = await openAs('r04');
    const log = watch(gov);
    await page.tap('#continue');
    expect(summary(page)).toEqual(['请选择一张证件照片', '请选择办理地点', '请选择日期', '请选择时段', '请选择领取方式', '请勾选声明，确认所填信息真实']);
    await page.tap('#collection-delivery');
    expect(page.textOf('#ems-note')).toBe('邮寄费由收件人在收到护照时支付（到付），不含在申请费中。');
    await page.input('#mobile', '1380000');
    await page.fire('#mobile', 'blur', { value: '1380000' });
    expect(page.textOf('#mobile-error')).toBe('手机号码应为 11 位，以 13–19 开头');
    await page.input('#address', '广州');
    await page.fire('#address', 'blur', { value: '广州' });
    expect(page.textOf('#address-error')).toBe('收件地址应为 8–120 个字，写明省、市、区、街道和门牌号');
    expect(attr(page, '#address', 'value')).toBe('广州');
    await page.input('#mobile', '13800000004');
    expect(page.find('#mobile-error')).toBeUndefined();
    expect(log).toEqual([]);
    expectWithinBudgets(page);
  });

  it('renders with an empty query as a first application', async () => {
    const { page } = await openAs('r04', {});
    expect(page.data.kind).toBe('first');
    expect(page.find('#reason-expiring')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const { page } = await openAs('r10', { kind: 'first' }, 'en');
    expect(page.textOf('#validity')).toBe('Applying now, your passport is valid for 5 years.');
    expect(page.textOf('#guardian')).toContain('a parent or guardian must come to the appointment with them and bring the household register (hukou booklet).');
    await page.tap('#continue');
    expect(page.textOf('#photo-error')).toBe('Choose a passport photo');
    expect(page.textOf('#declaration-error')).toBe('Tick the declaration to confirm your details are true');
    expectWithinBudgets(page);
  });
});

