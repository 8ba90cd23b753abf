/** @jest-environment node */
// Passport applications through the passport package's service, on both targets: the photo sent as
// wx.uploadFile sends it (multipart over HTTP), an application and its fee, replays of both, photos
// the government refuses, another person's application or photo, and a restart between the steps.
import type { PassportApplicationRequest } from '../../miniprogram/contracts/passport';
import { confirmOrder, startPayment } from '../../miniprogram/services/payments';
import { payWithWeChat } from '../../miniprogram/packages/pay/wallet';
import { applyForPassport, cancelApplication, feeItems, getApplication, getEligibility, getOfficeDays, listApplications, uploadPhoto } from '../../miniprogram/packages/passport/service';
import { fake } from '../helpers/fake-wx';
import { goodPhoto, jpegPhoto, pngFile } from '../helpers/photos';
import { codeOf, raw, refusal, refused, signIn, targets, useTarget } from './suite';

/** A photo saved on the device, as the apply page keeps it. */
function savedPhoto(name: string, bytes: Uint8Array = goodPhoto()): string {
  const path = `wxfile://usr/${name}.jpg`;
  fake.files.set(path, bytes);
  return path;
}

/** An application for the first open window at 广州越秀, `skip` open windows on. */
async function request(photoId: string, skip = 0): Promise<PassportApplicationRequest> {
  const { days } = await getOfficeDays('gz-yuexiu');
  const open = days.flatMap((day) => day.windows.filter((w) => w.remaining > 0).map((w) => ({ date: day.date, window: w.id })));
  const pick = open[skip];
  if (!pick) throw new Error('no open window');
  return { kind: 'first', photoId, officeId: 'gz-yuexiu', date: pick.date, window: pick.window, collection: 'in-person', declaration: true };
}

describe.each(targets())('passport (%s)', (_name, target) => {
  useTarget(target);

  it('r04 uploads a photo, applies and pays the fee: booked, with the photo\'s frame on it', async () => {
    await signIn(target, 'r04');
    expect((await getEligibility('first')).ineligible).toEqual([]);
    const { photo } = await uploadPhoto(savedPhoto('r04'), `photo-${target.name}-1`);
    expect([photo.width, photo.height, photo.bytes]).toEqual([390, 567, 52 * 1024]);
    const application = await applyForPassport(await request(photo.id), `apply-${target.name}-1`);
    expect([application.status, application.fee, application.feeFen]).toEqual(['payment-due', 'payable', 12000]);
    const started = await startPayment(feeItems(application.id), application.feeFen, `fee-${target.name}-1`);
    if (started.kind !== 'order') throw new Error('expected an order');
    expect(await payWithWeChat(started.order)).toBe('paid');
    expect((await confirmOrder(started.order.id)).status).toBe('paid');
    expect(await getApplication(application.id)).toMatchObject({ status: 'booked', fee: 'paid', photo: { width: 390, height: 567 } });
  });

  it('a replayed upload is the same photo, a replayed application the same application; another is APPLICATION_OPEN', async () => {
    await signIn(target, 'r05');
    const file = savedPhoto('r05');
    const { photo } = await uploadPhoto(file, `photo-${target.name}-2`);
    expect((await uploadPhoto(file, `photo-${target.name}-2`)).photo.id).toBe(photo.id);
    const body = await request(photo.id, 1);
    const key = `apply-${target.name}-2`;
    const [a, b] = await Promise.all([applyForPassport(body, key), applyForPassport(body, key)]);
    expect(b.id).toBe(a.id);
    expect((await listApplications()).items).toHaveLength(1);
    expect(await refused(applyForPassport(body, `apply-${target.name}-3`))).toEqual([403, 'APPLICATION_OPEN']);
  });

  it('photos the government refuses: a PNG, a landscape one, over 1 MB, and a file no longer on the device', async () => {
    await signIn(target, 'r06');
    const png = await refusal(uploadPhoto(savedPhoto('png', pngFile(40 * 1024)), `photo-${target.name}-3`));
    expect([png.status, png.fields]).toEqual([422, { photo: 'PHOTO_NOT_JPEG' }]);
    const wide = await refusal(uploadPhoto(savedPhoto('wide', jpegPhoto(567, 390, 52 * 1024)), `photo-${target.name}-4`));
    expect([wide.status, wide.fields]).toEqual([422, { photo: 'PHOTO_NOT_PORTRAIT' }]);
    const large = await refusal(uploadPhoto(savedPhoto('large', jpegPhoto(390, 567, 1024 * 1024 + 1)), `photo-${target.name}-5`));
    expect([large.status, large.code]).toEqual([413, 'FILE_TOO_LARGE']);
    const gone = await refusal(uploadPhoto('wxfile://usr/deleted.jpg', `photo-${target.name}-6`));
    expect(gone.code).toBe('NETWORK');
  });

  it('another person\'s application is not found, and their photo cannot be used', async () => {
    await signIn(target, 'r03');
    const { photo } = await uploadPhoto(savedPhoto('r03'), `photo-${target.name}-7`);
    const application = await applyForPassport(await request(photo.id, 2), `apply-${target.name}-4`);
    await signIn(target, 'r07');
    expect(await refused(getApplication(application.id))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(cancelApplication(application.id, `cancel-${target.name}-0`))).toEqual([404, 'NOT_FOUND']);
    const stolen = await refusal(applyForPassport(await request(photo.id, 3), `apply-${target.name}-5`));
    expect([stolen.status, stolen.fields.photoId]).toEqual([422, 'PHOTO_NOT_FOUND']);
  });

  it('a photo uploaded before the government restarts is used after it; the application survives another', async () => {
    await signIn(target, 'r10');
    const { photo } = await uploadPhoto(savedPhoto('r10'), `photo-${target.name}-8`);
    await target.restart();
    const application = await applyForPassport(await request(photo.id, 4), `apply-${target.name}-6`);
    expect(application.validity.years).toBe(5);
    await target.restart();
    expect((await getApplication(application.id)).status).toBe('payment-due');
    expect((await cancelApplication(application.id, `cancel-${target.name}-1`)).status).toBe('cancelled');
  });

  it('who may not apply is told why, and bad bodies are 4xx with a code', async () => {
    const token = await signIn(target, 'r02');
    expect(await refused(applyForPassport(await request('ph-none'), `apply-${target.name}-7`))).toEqual([403, 'HOLDS_VALID_PASSPORT']);
    const fields = await refusal(applyForPassport({ ...(await request('ph-none')), kind: 'renewal', declaration: false }, `apply-${target.name}-8`));
    expect([fields.status, fields.fields.declaration, fields.fields.renewalReason]).toEqual([422, 'DECLARATION_REQUIRED', 'REQUIRED']);
    const broken = await raw(target, 'POST', '/exit-entry/applications', { token, body: '{"kind":"renewal",}' });
    expect([broken.status, codeOf(broken)]).toEqual([400, 'BAD_REQUEST']);
    const noFile = await raw(target, 'POST', '/exit-entry/photos', { token, body: '{}' });
    expect([noFile.status, codeOf(noFile)]).toEqual([422, 'VALIDATION']);
  });
});
