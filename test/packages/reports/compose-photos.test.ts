import type { ReportsResponse } from '../../../miniprogram/contracts/reports';
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, flush, renderPage, type RenderedPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { call } from '../civil/helpers';
import { drafts, lastRedirect, watch } from '../civil/start-helpers';
import { COMPOSE_ROUTE, LIGHT_POINT, REPORT_PAGE, YUEXIU_POINT, count, offerPhotos } from './helpers';

const OFFLINE = '网络连接失败，请检查网络后重试';

async function openAs(key: string, query: Record<string, string> = { service: 'street-light' }) {
  const gov = createTestGovernment();
  const token = await signInAs(gov, key);
  const page = await renderPage(COMPOSE_ROUTE, { gov, query });
  return { gov, token, page };
}

async function fill(page: RenderedPage, point = YUEXIU_POINT): Promise<void> {
  fake.location = { ...point };
  await page.tap('#my-location');
  await page.input('#description', '路灯不亮，晚上很暗。');
  await page.tap('#attr-1-off');
}

const saved = (): string[] => [...fake.files.keys()].filter((path) => path.startsWith('wxfile://usr/'));
const reportsOf = async (gov: Parameters<typeof call>[0], token: string): Promise<ReportsResponse> => call<ReportsResponse>(gov, token, 'GET', '/reports');

describe('compose page photos', () => {
  afterEach(() => jest.restoreAllMocks());

  it('takes up to 9 photos as saved files, and refuses a 10th with its words', async () => {
    const { page } = await openAs('r04');
    offerPhotos(7);
    await page.tap('#add-photos');
    expect(fake.mediaRequests.at(-1)).toEqual(expect.objectContaining({ count: 9, mediaType: ['image'] }));
    expect(page.findAll('.rp-thumb')).toHaveLength(7);
    // Three more chosen where two fit: two kept, the 10th refused.
    offerPhotos(3);
    await page.tap('#add-photos');
    expect(fake.mediaRequests.at(-1)).toEqual(expect.objectContaining({ count: 2 }));
    expect(page.findAll('.rp-thumb')).toHaveLength(9);
    expect(page.textOf('#photos-error')).toBe('最多可以添加 9 张照片');
    expect(saved()).toHaveLength(9);
    // Full: the picker is not even opened.
    const asked = fake.mediaRequests.length;
    await page.tap('#add-photos');
    expect(fake.mediaRequests).toHaveLength(asked);
    expect(page.textOf('#photos-error')).toBe('最多可以添加 9 张照片');
    expectWithinBudgets(page);
  });

  it('refuses a photo over 10 MB before saving or sending it', async () => {
    const { page, gov } = await openAs('r04');
    const log = watch(gov);
    offerPhotos(1, 10 * 1024 * 1024 + 1);
    await page.tap('#add-photos');
    expect(page.textOf('#photos-error')).toBe('照片不能超过 10 MB，请换一张或压缩后再添加');
    expect(page.findAll('.rp-thumb')).toHaveLength(0);
    expect(saved()).toEqual([]);
    expect(log).toEqual([]);
    // Exactly 10 MB is fine.
    offerPhotos(1, 10 * 1024 * 1024);
    await page.tap('#add-photos');
    expect(page.find('#photos-error')).toBeUndefined();
    expect(page.findAll('.rp-thumb')).toHaveLength(1);
    expectWithinBudgets(page);
  });

  it('removes a photo: its thumbnail, its saved file and its place in the draft', async () => {
    const { page } = await openAs('r04');
    offerPhotos(2);
    await page.tap('#add-photos');
    const [first, second] = saved();
    await page.tap('#remove-0');
    expect(page.findAll('.rp-thumb')).toHaveLength(1);
    expect(saved()).toEqual([second]);
    expect(JSON.stringify(drafts())).not.toContain(first);
    expect(JSON.stringify(drafts())).toContain(second);
    expectWithinBudgets(page);
  });

  it('changes nothing when the person cancels the picker', async () => {
    const { page } = await openAs('r04');
    const before = JSON.stringify(page.data);
    fake.media = [];
    await page.tap('#add-photos');
    expect(JSON.stringify(page.data)).toBe(before);
  });
});

describe('compose page draft', () => {
  afterEach(() => jest.restoreAllMocks());

  it('keeps what was typed and chosen through closing the page and restarting, with only the photos\' paths in storage', async () => {
    const { page, gov } = await openAs('r04');
    await fill(page);
    await page.input('#attr-0-input', 'YX-01');
    await page.input('#contact-name', '张伟');
    await page.input('#contact-mobile', '13800000004');
    await page.tap('#keep-name-private');
    offerPhotos(2);
    await page.tap('#add-photos');
    const [[, stored]] = drafts();
    const json = JSON.stringify(stored);
    saved().forEach((path) => expect(json).toContain(path));
    // Paths and sizes, never the picture.
    expect(json.length).toBeLessThan(2000);
    page.comp.detach();
    const again = await renderPage(COMPOSE_ROUTE, { gov, query: { service: 'street-light' } });
    expect((again.data.form as Record<string, unknown>)).toEqual({ description: '路灯不亮，晚上很暗。', address: '', contactName: '张伟', contactMobile: '13800000004', keepNamePrivate: true });
    expect(again.textOf('#place-text')).toContain('越秀区');
    expect(again.findAll('.rp-thumb')).toHaveLength(2);
    await again.tap('#continue');
    expect(again.textOf('#value-3')).toBe('YX-01');
    expect(again.textOf('#value-4')).toBe('不亮');
    expectWithinBudgets(again);
  });

  it('drops a photo WeChat cleared from the device meanwhile', async () => {
    const { page, gov } = await openAs('r04');
    offerPhotos(2);
    await page.tap('#add-photos');
    fake.files.delete(saved()[0]);
    const again = await renderPage(COMPOSE_ROUTE, { gov, query: { service: 'street-light' } });
    expect(again.findAll('.rp-thumb')).toHaveLength(1);
    expectWithinBudgets(again);
  });
});

describe('compose page submitting', () => {
  afterEach(() => jest.restoreAllMocks());

  it('keeps the draft and every photo when an upload fails, and the retry sends only what failed', async () => {
    const { page, gov, token } = await openAs('r04');
    await fill(page);
    offerPhotos(3);
    await page.tap('#add-photos');
    await page.tap('#continue');
    let uploads = 0;
    const log = watch(gov, (req) => (req.path === '/reports/photos' && ++uploads === 2 ? 'before' : null));
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).toBe(OFFLINE);
    expect(log.map((l) => l.call)).toEqual(['POST /reports/photos', 'POST /reports/photos']);
    expect(saved()).toHaveLength(3);
    expect(drafts()).toHaveLength(1);
    // The first photo's id is kept: a restart would not send it again either.
    expect(JSON.stringify(drafts())).toMatch(/"p0\.id":"rph-/);
    expect(JSON.stringify(drafts())).toContain('"p1.id":""');
    await page.tap('#submit');
    expect(log.map((l) => l.call)).toEqual(['POST /reports/photos', 'POST /reports/photos', 'POST /reports/photos', 'POST /reports/photos', 'POST /reports']);
    // The failed one went again with its own key.
    expect(log[2].key).toBe(log[1].key);
    expect(new Set(log.slice(0, 4).map((l) => l.key)).size).toBe(3);
    const list = await reportsOf(gov, token);
    expect(list.total).toBe(1);
    expect(page.textOf('#done-reference')).toBe(list.items[0].reference);
    expect(drafts()).toEqual([]);
    expect(saved()).toEqual([]);
    expectWithinBudgets(page);
  });

  it('makes one report of a double tap, and of a retry after a lost answer', async () => {
    const { page, gov, token } = await openAs('r04');
    await fill(page);
    await page.tap('#continue');
    let posts = 0;
    const log = watch(gov, (req) => (req.path === '/reports' && req.method === 'POST' && ++posts === 1 ? 'after' : null));
    await page.act('double tap #submit', () => {
      page.find('#submit')?.dispatchEvent('tap');
      page.find('#submit')?.dispatchEvent('tap');
    });
    await flush();
    expect(count(log, 'POST /reports')).toBe(1);
    expect(page.textOf('#submit-error')).toBe(OFFLINE);
    await page.tap('#submit');
    expect(count(log, 'POST /reports')).toBe(2);
    expect(log[1].key).toBe(log[0].key);
    expect((await reportsOf(gov, token)).total).toBe(1);
    expect(page.find('#done')).toBeDefined();
    expectWithinBudgets(page);
  });

  it('keeps everything when the network fails on the report itself, and says so', async () => {
    const { page, gov, token } = await openAs('r04');
    await fill(page);
    await page.tap('#continue');
    gov.transport.setFault('offline');
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).toBe(OFFLINE);
    expect(drafts()).toHaveLength(1);
    gov.transport.setFault('none');
    await page.tap('#submit');
    expect((await reportsOf(gov, token)).total).toBe(1);
    expectWithinBudgets(page);
  });
});

describe('compose page nearby', () => {
  afterEach(() => jest.restoreAllMocks());

  it('offers the open street light already reported within 50 m, and follows it instead', async () => {
    const { page, gov, token } = await openAs('r04');
    await fill(page, LIGHT_POINT);
    offerPhotos(1);
    await page.tap('#add-photos');
    const log = watch(gov);
    await page.tap('#continue');
    expect(page.textOf('#nearby-heading')).toBe('附近已有相同的问题');
    expect(page.textOf('#nearby-0-excerpt')).toContain('天河路太古汇北门外人行道上的路灯');
    expect(page.textOf('#nearby-0-distance')).toMatch(/^距离约 \d+ 米/);
    await page.tap('#nearby-0-follow');
    expect(log.map((l) => l.call)).toEqual(['GET /reports/nearby', 'POST /reports/rp-seed-light/follow']);
    expect(lastRedirect()).toEqual({ path: REPORT_PAGE, query: { id: 'rp-seed-light' } });
    const list = await reportsOf(gov, token);
    expect(list.items.map((r) => [r.id, r.role])).toEqual([['rp-seed-light', 'follower']]);
    // Nothing was filed, and the draft and its photo are done with.
    expect(count(log, 'POST /reports')).toBe(0);
    expect(drafts()).toEqual([]);
    expect(saved()).toEqual([]);
    expectWithinBudgets(page);
  });

  it('files a new one when the person says it is not the one', async () => {
    const { page, gov, token } = await openAs('r04');
    await fill(page, LIGHT_POINT);
    await page.tap('#continue');
    await page.tap('#report-new');
    expect(page.find('#answers')).toBeDefined();
    await page.tap('#submit');
    expect((await reportsOf(gov, token)).items.map((r) => r.role)).toEqual(['reporter']);
    expectWithinBudgets(page);
  });

  it('shows the reporter their own report nearby with a link, not a follow button', async () => {
    const { page } = await openAs('r03');
    await fill(page, LIGHT_POINT);
    await page.tap('#continue');
    expect(page.find('#nearby-0-follow')).toBeUndefined();
    await page.tap('#nearby-0-open');
    expect(fake.navigations.pop()).toEqual({ kind: 'navigateTo', url: `${REPORT_PAGE}?id=rp-seed-light` });
    expectWithinBudgets(page);
  });
});
