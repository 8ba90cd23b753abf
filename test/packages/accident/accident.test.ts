import { ACCIDENT_ANGLES } from '../../../miniprogram/contracts/reports';
import { fake, offerPhoto } from '../../helpers/fake-wx';
import { createTestGovernment, expectNoIdNumbers } from '../../helpers/government';
import { goodPhoto, jpegPhoto } from '../../helpers/photos';
import { expectWithinBudgets, messageAt, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { attr, drafts, watch, type Sent } from '../civil/start-helpers';
import { ACCIDENT_ROUTE, OTHER, OWN, fillAccident, takePhoto, texts } from './helpers';

const OFFLINE = '网络连接失败，请检查网络后重试';

async function openAs(key = 'r02', language?: string) {
  const gov = createTestGovernment();
  const token = await signInAs(gov, key);
  const page = await renderPage(ACCIDENT_ROUTE, { gov, language });
  return { gov, token, page };
}

const uploadsIn = (log: Sent[]) => log.filter((l) => l.call === 'POST /reports/photos');
const reportsIn = (log: Sent[]) => log.filter((l) => l.call === 'POST /reports');
const summary = (page: Awaited<ReturnType<typeof openAs>>['page']) => texts(page, '#error-summary >>> .error-summary-line');

describe('accident page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a person who has not verified to identity first', async () => {
    const page = await renderPage(ACCIDENT_ROUTE);
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages/identity/identity?redirect=${encodeURIComponent(`/${ACCIDENT_ROUTE}`)}` }]);
    expectWithinBudgets(page);
  });

  it('lets 李明 report an agreed accident: plates, positions, the five angles, his place; check your answers; the code shown once', async () => {
    const { page, gov } = await openAs();
    expect(messageAt(page, '#safety').kind).toBe('warning');
    // The fields come from the police's service definition, in its order.
    expect(texts(page, '.ac-field .ac-label').slice(0, 3)).toEqual(['本车车牌', '对方车牌', '事故时双方位置']);
    expect(page.findAll('.ac-angle')).toHaveLength(ACCIDENT_ANGLES.length);
    expect(page.findAll('.ac-outline')).toHaveLength(5);
    await fillAccident(page);
    expect(page.findAll('.ac-outline')).toHaveLength(0);
    expect(attr(page, '#photo-other-plate', 'src')).toMatch(/^wxfile:\/\/usr\/saved-\d+\.jpg$/);
    expect(fake.mediaRequests.every((r) => r.count === 1)).toBe(true);
    expect(page.textOf('#place-found')).toBe('已定位（23.12910，113.26440）');
    const log = watch(gov);
    await page.tap('#continue');
    expect(texts(page, '#answers .ac-key')).toEqual(['本车车牌', '对方车牌', '事故时双方位置', '现场照片', '责任认定', '事故地点']);
    expect(page.textOf('#value-2')).toBe('同车道追尾');
    expect(page.textOf('#value-3')).toBe('已拍 5/5 张');
    expect(log).toEqual([]);
    await page.tap('#submit');
    expect(log.map((l) => l.call)).toEqual([...ACCIDENT_ANGLES.map(() => 'POST /reports/photos'), 'POST /reports']);
    expect(new Set(uploadsIn(log).map((l) => l.key)).size).toBe(5);
    expect(page.textOf('#move-now')).toContain('请双方现在就把车移到不妨碍交通的地方');
    expect(page.textOf('#reference')).toMatch(/^RP\d+/);
    expect(page.textOf('#code')).toMatch(/^[0-9A-Z]{4} [0-9A-Z]{4}$/);
    expect(texts(page, '.ac-next')).toEqual(['请双方立即把车移到不妨碍交通的地方。', '请对方在 24 小时内用确认码确认责任。']);
    const body = JSON.parse(reportsIn(log)[0].body) as { attributes: Record<string, string>; accident: { angles: { angle: string }[] } };
    expect(body.attributes).toEqual({ 'own-plate': OWN, 'other-plate': OTHER, positions: 'rear-end' });
    expect(body.accident.angles.map((a) => a.angle)).toEqual([...ACCIDENT_ANGLES]);
    expect(drafts()).toEqual([]);
    expect([...fake.files.keys()]).toEqual([]);
    expectWithinBudgets(page);
    // The share card carries the report and its code, for the other driver's confirmation.
    const share = await page.comp.instance.onShareAppMessage();
    expect(share.path).toMatch(/^\/packages\/accident\/pages\/confirm\/confirm\?report=rp-[0-9a-f]+&code=[0-9A-Z]{8}$/);
    // Opened again, the page is a fresh form: the code is never shown a second time.
    const again = await renderPage(ACCIDENT_ROUTE, { gov });
    expect(again.find('#code')).toBeUndefined();
    expectWithinBudgets(again);
  });

  it('says which angle is missing, beside it and in the summary, and sends nothing', async () => {
    const { page, gov } = await openAs();
    await fillAccident(page, { skip: ['other-plate'] });
    const log = watch(gov);
    await page.tap('#continue');
    expect(page.textOf('#angle-other-plate-error')).toBe('请拍摄：对方车牌');
    expect(summary(page)).toEqual(['请拍摄：对方车牌']);
    expect(log).toEqual([]);
    await takePhoto(page, 'other-plate');
    expect(page.find('#angle-other-plate-error')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('checks every answer on Continue: plates, positions, angles, responsibility, the place', async () => {
    const { page } = await openAs();
    await page.tap('#continue');
    expect(summary(page)).toEqual([
      '请输入本车车牌', '请输入对方车牌', '请填写：事故时双方位置', '请拍摄：现场前方全景', '请拍摄：现场后方全景', '请拍摄：本车碰撞部位', '请拍摄：对方车辆碰撞部位', '请拍摄：对方车牌',
      '请选择责任如何认定', '请告诉我们事故地点',
    ]);
    await page.input('#input-own-plate', '粤B1234');
    await page.fire('#input-own-plate', 'blur', { value: '粤B1234' });
    expect(page.textOf('#attr-own-plate-error')).toBe('本车车牌应为 7 位（新能源车 8 位），包括省份简称');
    expect(attr(page, '#input-own-plate', 'value')).toBe('粤B1234');
    expectWithinBudgets(page);
  });

  it('says PLATES_SAME on the other plate when both plates are the same', async () => {
    const { page, gov } = await openAs();
    await fillAccident(page, { other: '粤b 12345' });
    const log = watch(gov);
    await page.tap('#continue');
    expect(page.textOf('#attr-other-plate-error')).toBe('对方车牌不能与本车车牌相同');
    expect(page.find('#attr-own-plate-error')).toBeUndefined();
    expect(log).toEqual([]);
    await page.input('#input-other-plate', OTHER);
    expect(page.find('#attr-other-plate-error')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('refuses a photo over 10 MB before sending it, beside its angle', async () => {
    const { page, gov } = await openAs();
    const log = watch(gov);
    offerPhoto(goodPhoto(), { width: 1600, height: 1200 });
    fake.media = [{ ...fake.media[0], size: 10 * 1024 * 1024 + 1 }];
    await page.tap('#take-scene-front');
    expect(page.textOf('#angle-scene-front-error')).toBe('这张照片超过 10 MB，请换一张或降低相机分辨率');
    expect(page.find('#photo-scene-front')).toBeUndefined();
    expect(log).toEqual([]);
    expectWithinBudgets(page);
  });

  it('gives a district and an address when the person refuses their location, and a point outside the city the same way', async () => {
    const { page, gov } = await openAs();
    jest.spyOn(wx, 'getLocation').mockImplementation((options) => {
      options.fail?.({ errMsg: 'getLocation:fail auth deny' });
    });
    await page.tap('#use-location');
    expect(page.textOf('#place-notice')).toBe('没有获取到您的位置。请选择所在区并填写地址。');
    expect(page.findAll('.ac-district')).toHaveLength(11);
    await fillAccident(page, { place: false });
    await page.tap('#continue');
    expect(summary(page)).toEqual(['请选择事故所在的区', '请填写事故地点，例如路名和门牌号']);
    await page.tap('#district-tianhe');
    await page.input('#address', '天河路与体育西路路口');
    await page.tap('#continue');
    expect(page.textOf('#value-5')).toBe('天河区 天河路与体育西路路口');
    const log = watch(gov);
    await page.tap('#submit');
    expect(JSON.parse(reportsIn(log)[0].body).location).toEqual({ address: '天河路与体育西路路口', district: 'tianhe' });
    expect(page.textOf('#reference')).toMatch(/^RP/);
    // Hefei is not in Guangzhou: said beside the place, and the district path is open.
    const other = await renderPage(ACCIDENT_ROUTE, { gov });
    fake.location = { latitude: 31.8206, longitude: 117.2272 };
    jest.restoreAllMocks();
    await other.tap('#use-location');
    expect(other.textOf('#location-error')).toBe('这个位置不在广州市内。请选择所在区并填写地址');
    expect(other.find('#district-tianhe')).toBeDefined();
    expectWithinBudgets(other);
  });

  it('keeps the draft through closing the page: answers and the saved photos\' paths, never their bytes', async () => {
    const gov = createTestGovernment();
    await signInAs(gov, 'r02');
    const first = await renderPage(ACCIDENT_ROUTE, { gov });
    await fillAccident(first, { skip: ['scene-rear'] });
    await first.input('#note', '对方倒车时碰到我的前保险杠');
    const [[, draft]] = drafts();
    expect(draft).toEqual(expect.objectContaining({ 'a.own-plate': OWN, 'a.positions': 'rear-end', responsibility: 'agreed', mode: 'point', 'p.other-plate.bytes': 52 * 1024 }));
    expect(JSON.stringify(draft).length).toBeLessThan(3000);
    expectNoIdNumbers(JSON.stringify([...fake.storage.entries()]));
    // Another photo for an angle removes the one saved before.
    const before = fake.files.size;
    await takePhoto(first, 'scene-front', jpegPhoto(1600, 1200, 60 * 1024));
    expect(fake.files.size).toBe(before);
    const page = await renderPage(ACCIDENT_ROUTE, { gov });
    expect(attr(page, '#input-own-plate', 'value')).toBe(OWN);
    expect(attr(page, '#option-positions-rear-end', 'ariaChecked')).toBe(true);
    expect(page.findAll('.ac-photo')).toHaveLength(4);
    expect(page.find('#photo-scene-rear')).toBeUndefined();
    expect(attr(page, '#note', 'value')).toBe('对方倒车时碰到我的前保险杠');
    expectWithinBudgets(page);
  });

  it('keeps every photo when an upload fails, and the retry uploads only what failed, then files one report', async () => {
    const { page, gov } = await openAs();
    await fillAccident(page);
    await page.tap('#continue');
    let uploads = 0;
    const log = watch(gov, (req) => {
      if (req.path !== '/reports/photos') return null;
      uploads += 1;
      return uploads === 3 ? 'before' : null;
    });
    await page.tap('#submit');
    expect(page.textOf('#submit-error')).toBe(OFFLINE);
    expect(uploadsIn(log)).toHaveLength(3);
    expect(reportsIn(log)).toHaveLength(0);
    expect(drafts()).toHaveLength(1);
    expect(fake.files.size).toBe(5);
    const sentFirst = uploadsIn(log).map((l) => l.key);
    await page.tap('#submit');
    const retried = uploadsIn(log).slice(3).map((l) => l.key);
    // The two that came back are not sent again; the failed one keeps its key.
    expect(retried).toHaveLength(3);
    expect(retried[0]).toBe(sentFirst[2]);
    expect(new Set([...sentFirst, ...retried]).size).toBe(5);
    expect(reportsIn(log)).toHaveLength(1);
    expect(page.textOf('#reference')).toMatch(/^RP/);
    expectWithinBudgets(page);
  });

  it('empties the slot of a picture the government refused, says so beside that angle, and never sends it again', async () => {
    const { page, gov } = await openAs();
    await fillAccident(page, { skip: [ACCIDENT_ANGLES[1]] });
    // A GIF saved as .jpg: WeChat says it is an image; only the government reads what it is.
    await takePhoto(page, ACCIDENT_ANGLES[1], Uint8Array.from(Buffer.from(`GIF89a${'x'.repeat(2000)}`)));
    await page.tap('#continue');
    const log = watch(gov);
    await page.tap('#submit');
    expect(reportsIn(log)).toHaveLength(0);
    const sent = uploadsIn(log).length;
    expect(sent).toBe(2);
    expect(page.text()).toMatch(/JPEG|PNG/);
    expect(fake.files.size).toBe(4);
    // Going on again: the refused picture is not sent again; its angle asks for another.
    await page.tap('#continue');
    expect(page.find('#submit')).toBeUndefined();
    expect(uploadsIn(log)).toHaveLength(sent);
    expect(reportsIn(log)).toHaveLength(0);
    expect(summary(page)).toEqual(['请拍摄：现场后方全景']);
    // Another picture for that angle: only it is sent, then the report.
    await takePhoto(page, ACCIDENT_ANGLES[1]);
    await page.tap('#continue');
    await page.tap('#submit');
    expect(uploadsIn(log)).toHaveLength(sent + 4);
    expect(reportsIn(log)).toHaveLength(1);
    expect(page.textOf('#reference')).toMatch(/^RP/);
    expectWithinBudgets(page);
  });

  it('files one report on a double tap of Submit, and a lost answer retried gives the same report', async () => {
    const { page, gov } = await openAs();
    await fillAccident(page);
    await page.tap('#continue');
    let lost = 0;
    const log = watch(gov, (req) => (req.path === '/reports' && req.method === 'POST' && lost++ === 0 ? 'after' : null));
    await page.act('double tap', () => {
      page.find('#submit')?.dispatchEvent('tap');
      page.find('#submit')?.dispatchEvent('tap');
    });
    expect(uploadsIn(log)).toHaveLength(5);
    expect(reportsIn(log)).toHaveLength(1);
    expect(page.find('#submit-error')).toBeDefined();
    await page.tap('#submit');
    expect(reportsIn(log)).toHaveLength(2);
    expect(new Set(reportsIn(log).map((l) => l.key)).size).toBe(1);
    const mine = await gov.government.handle({ method: 'GET', path: '/reports', headers: { authorization: `Bearer ${fake.storage.get('session.token')}` } });
    expect((mine.body as { items: { service_code: string }[] }).items.filter((r) => r.service_code === 'minor-accident')).toHaveLength(1);
    // The replay carries no code: it was shown on the first answer only, and that answer was lost.
    expect(page.find('#code')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('leaves responsibility to the police: no code, and the police review next', async () => {
    const { page } = await openAs();
    await fillAccident(page, { responsibility: 'police-review' });
    await page.tap('#continue');
    await page.tap('#submit');
    expect(page.find('#code')).toBeUndefined();
    expect(texts(page, '.ac-next')).toEqual(['请双方立即把车移到不妨碍交通的地方。', '交警会在下一个工作日 17:00 前在线认定责任。']);
    expectWithinBudgets(page);
  });

  it('reads in English', async () => {
    const { page } = await openAs('r02', 'en');
    expect(page.textOf('#angle-scene-front-label')).toBe('The scene from the front');
    await page.tap('#continue');
    expect(page.textOf('#angle-other-plate-error')).toBe('Take a photo of The other vehicle\'s plate');
    expect(page.textOf('#responsibility-error')).toBe('Choose how responsibility is decided');
    expect(page.textOf('#attr-own-plate-error')).toBe('Enter Your plate');
    expectWithinBudgets(page);
  });
});
