// What the reports page tests share: the routes, several photos offered to wx.chooseMedia at once, reports
// filed straight at the government (photos uploaded first), every request watched, and texts read.
import type { CreateReportRequest, CreateReportResponse, ReportPhotoResponse } from '../../../miniprogram/contracts/reports';
import { encodeBase64 } from '../../../miniprogram/mock/base64';
import { fake } from '../../helpers/fake-wx';
import type { TestGovernment } from '../../helpers/government';
import { jpegPhoto } from '../../helpers/photos';
import type { RenderedPage } from '../../helpers/render';
import { call } from '../civil/helpers';

export const SERVICES_ROUTE = 'packages/reports/pages/services/services';
export const COMPOSE_ROUTE = 'packages/reports/pages/compose/compose';
export const REPORTS_ROUTE = 'packages/reports/pages/reports/reports';
export const REPORT_ROUTE = 'packages/reports/pages/report/report';
export const REPORT_PAGE = `/${REPORT_ROUTE}`;
export const COMPOSE_PAGE = `/${COMPOSE_ROUTE}`;
/** The seeded open street light's point (agencies/reports/seed.ts SEEDED_LIGHT_POINT). */
export const LIGHT_POINT = { latitude: 23.1375, longitude: 113.3245 };
/** A point on Dongfeng Road, Yuexiu, with no open street light near it. */
export const YUEXIU_POINT = { latitude: 23.1291, longitude: 113.2644 };
/** Hong Kong: outside Guangzhou's districts. */
export const OUTSIDE_POINT = { latitude: 22.3193, longitude: 114.1694 };

let offered = 0;
let keys = 0;

/** Makes wx.chooseMedia offer these photos next, all at once (a size of its own may say a file is larger than its bytes). */
export function offerPhotos(count: number, size?: number): string[] {
  const paths: string[] = [];
  fake.media = [];
  for (let i = 0; i < count; i += 1) {
    offered += 1;
    const tempFilePath = `wxfile://tmp/report-${offered}.jpg`;
    const bytes = jpegPhoto(800, 600, 20 * 1024);
    fake.files.set(tempFilePath, bytes);
    fake.media.push({ tempFilePath, size: size ?? bytes.length, fileType: 'image', width: 800, height: 600 });
    paths.push(tempFilePath);
  }
  return paths;
}

/** Files a report as the app would, straight at the government (photos uploaded first). */
export async function fileAs(gov: TestGovernment, token: string, request: Partial<CreateReportRequest> = {}, photos = 0): Promise<CreateReportResponse> {
  const photoIds: string[] = [];
  for (let i = 0; i < photos; i += 1) {
    keys += 1;
    const res = await gov.government.handle({
      method: 'POST', path: '/reports/photos', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `rp-photo-${keys}` }, body: '{}',
      file: { field: 'photo', base64: encodeBase64(jpegPhoto(800, 600, 20 * 1024)) },
    });
    photoIds.push((res.body as ReportPhotoResponse).photo.id);
  }
  return call<CreateReportResponse>(gov, token, 'POST', '/reports', {
    serviceCode: 'street-light', description: '路灯不亮。', location: { lat: YUEXIU_POINT.latitude, long: YUEXIU_POINT.longitude }, attributes: { 'light-state': 'off' }, photoIds, ...request,
  });
}

export const texts = (page: RenderedPage, selector: string): string[] => page.findAll(selector).map((node) => ((node.dom as Element).textContent ?? '').replace(/\s+/g, ' ').trim());
export const summary = (page: RenderedPage): string[] => texts(page, '#error-summary >>> .error-summary-line');
export const count = (log: { call: string }[], call: string): number => log.filter((l) => l.call === call).length;
