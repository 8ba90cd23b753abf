// What the accident page tests share: the routes, an accident filed straight at the government (five
// photos uploaded, then the report), and the form filled like a person: plates, who was where, a photo
// per angle, responsibility and the place.
import { ACCIDENT_ANGLES, type CreateReportResponse, type ReportPhotoResponse, type Responsibility } from '../../../miniprogram/contracts/reports';
import { encodeBase64 } from '../../../miniprogram/mock/base64';
import { offerPhoto } from '../../helpers/fake-wx';
import type { TestGovernment } from '../../helpers/government';
import { goodPhoto } from '../../helpers/photos';
import type { RenderedPage } from '../../helpers/render';
import { call } from '../civil/helpers';

export const ACCIDENT_ROUTE = 'packages/accident/pages/accident/accident';
export const CONFIRM_ROUTE = 'packages/accident/pages/confirm/confirm';
export const SETTLE_ROUTE = 'packages/accident/pages/settle/settle';
/** 李明 (r02) drives 粤B12345; 周强 (r08) his large vehicle 粤E12345. */
export const OWN = '粤B12345';
export const OTHER = '粤E12345';

let keys = 0;

/** Files a minor accident as the app would, straight at the government: five photos, then the report. */
export async function fileAccidentAs(gov: TestGovernment, token: string, responsibility: Responsibility = 'agreed', other = OTHER): Promise<CreateReportResponse> {
  const ids: string[] = [];
  for (const angle of ACCIDENT_ANGLES) {
    keys += 1;
    const res = await gov.government.handle({
      method: 'POST', path: '/reports/photos', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `ac-photo-${keys}-${angle}` }, body: '{}',
      file: { field: 'photo', base64: encodeBase64(goodPhoto()) },
    });
    ids.push((res.body as ReportPhotoResponse).photo.id);
  }
  return call<CreateReportResponse>(gov, token, 'POST', '/reports', {
    serviceCode: 'minor-accident', description: '追尾', location: { lat: 23.1291, long: 113.2644 }, photoIds: ids,
    attributes: { 'own-plate': OWN, 'other-plate': other, positions: 'rear-end' },
    accident: { responsibility, angles: ACCIDENT_ANGLES.map((angle, i) => ({ photoId: ids[i], angle })) },
  });
}

/** Offers a photo to wx.chooseMedia and taps that angle's "take photo". */
export async function takePhoto(page: RenderedPage, angle: string, bytes: Uint8Array = goodPhoto()): Promise<void> {
  offerPhoto(bytes, { width: 1600, height: 1200 });
  await page.tap(`#take-${angle}`);
}

export interface Fill { own?: string; other?: string; skip?: string[]; responsibility?: Responsibility | ''; place?: boolean }

/** Fills the form as a person would; `skip` leaves those angles without a photo. */
export async function fillAccident(page: RenderedPage, fill: Fill = {}): Promise<void> {
  await page.input('#input-own-plate', fill.own ?? OWN);
  await page.input('#input-other-plate', fill.other ?? OTHER);
  await page.tap('#option-positions-rear-end');
  for (const angle of ACCIDENT_ANGLES) {
    if (!(fill.skip ?? []).includes(angle)) await takePhoto(page, angle);
  }
  if (fill.responsibility !== '') await page.tap(`#resp-${fill.responsibility ?? 'agreed'}`);
  if (fill.place !== false) await page.tap('#use-location');
}

export const texts = (page: RenderedPage, selector: string): string[] => page.findAll(selector).map((node) => ((node.dom as Element).textContent ?? '').replace(/\s+/g, ' ').trim());
