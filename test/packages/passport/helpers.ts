// What the passport page tests share: the routes, applications made straight at the government (photo
// uploaded, then the application), the first open day and window, and the form filled like a person.
import type { ExitEntryDaysResponse, PassportApplication, PassportApplicationRequest, PassportApplicationsResponse, PhotoResponse } from '../../../miniprogram/contracts/passport';
import type { PaymentOrder } from '../../../miniprogram/contracts/payments';
import { encodeBase64 } from '../../../miniprogram/mock/base64';
import { offerPhoto } from '../../helpers/fake-wx';
import { payOrder, type TestGovernment } from '../../helpers/government';
import { goodPhoto } from '../../helpers/photos';
import type { RenderedPage } from '../../helpers/render';
import { call, request } from '../civil/helpers';

export const APPLICATIONS_ROUTE = 'packages/passport/pages/applications/applications';
export const APPLY_ROUTE = 'packages/passport/pages/apply/apply';
export const APPLICATION_ROUTE = 'packages/passport/pages/application/application';
export const APPLY_PAGE = `/${APPLY_ROUTE}`;
export const APPLICATION_PAGE = `/${APPLICATION_ROUTE}`;
export const OFFICE = 'gz-yuexiu';

let keys = 0;

/** The first day with places at the office (or the one `skip` open days later), and its first window with places. */
export async function firstOpen(gov: TestGovernment, token: string, office = OFFICE, skip = 0): Promise<{ date: string; window: 'am1' | 'am2' | 'pm1' | 'pm2' }> {
  const { days } = await call<ExitEntryDaysResponse>(gov, token, 'GET', `/exit-entry/offices/${office}/days`);
  const day = days.filter((d) => d.status === 'available' || d.status === 'few')[skip];
  const window = day?.windows.find((w) => w.remaining > 0);
  if (!day || !window) throw new Error(`no open day at ${office}`);
  return { date: day.date, window: window.id };
}

/** Uploads a good photo and applies, as the app would, straight at the government. */
/** `skip` open days later than the first: a later appointment can still be cancelled (until the day before). */
export async function applyAs(gov: TestGovernment, token: string, more: Partial<PassportApplicationRequest> = {}, skip = 0): Promise<PassportApplication> {
  keys += 1;
  const uploaded = (await gov.government.handle({
    method: 'POST', path: '/exit-entry/photos', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `pp-photo-${keys}` }, body: '{}',
    file: { field: 'photo', base64: encodeBase64(goodPhoto()) },
  })).body as PhotoResponse;
  const { date, window } = await firstOpen(gov, token, OFFICE, skip);
  return call<PassportApplication>(gov, token, 'POST', '/exit-entry/applications', {
    kind: 'first', photoId: uploaded.photo.id, officeId: OFFICE, date, window, collection: 'in-person', declaration: true, ...more,
  });
}

/** Pays an application's fee straight through the government and WeChat Pay. */
export async function payFee(gov: TestGovernment, token: string, app: PassportApplication): Promise<void> {
  const order = await request<PaymentOrder>(gov, token, 'POST', '/payments/orders', { items: [{ agency: 'exit-entry', itemId: app.id }], totalFen: app.feeFen });
  await payOrder(gov, order.body);
}

export const applicationsOf = async (gov: TestGovernment, token: string): Promise<PassportApplication[]> =>
  (await call<PassportApplicationsResponse>(gov, token, 'GET', '/exit-entry/applications')).items;

/** Offers the good photo to wx.chooseMedia and taps "choose a photo". */
export async function choosePhoto(page: RenderedPage, bytes: Uint8Array = goodPhoto(), image: { width: number; height: number; type?: string } = { width: 390, height: 567 }): Promise<void> {
  offerPhoto(bytes, image);
  await page.tap('#choose-photo');
}

/** Fills the first-passport form as a person would: photo, office, first open day and window, collection, declaration. */
export async function fillForm(page: RenderedPage, gov: TestGovernment, token: string, options: { delivery?: boolean } = {}): Promise<void> {
  await choosePhoto(page);
  await page.tap(`#office-${OFFICE}`);
  const { date, window } = await firstOpen(gov, token);
  await page.tap(`#day-${date}`);
  if (page.find(`#window-${window}`)) await page.tap(`#window-${window}`);
  if (options.delivery) {
    await page.tap('#collection-delivery');
    await page.input('#recipient', '张伟');
    await page.input('#mobile', '13800000004');
    await page.input('#address', '广东省广州市天河区体育西路 101 号 1201 房');
  } else {
    await page.tap('#collection-in-person');
  }
  await page.tap('#declaration');
}

export const texts = (page: RenderedPage, selector: string): string[] => page.findAll(selector).map((node) => ((node.dom as Element).textContent ?? '').replace(/\s+/g, ' ').trim());
