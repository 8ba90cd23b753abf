// A first passport application as a resident makes it: 张伟 (r04) finds the service from home, starts a
// first application, picks the preview's sample photo (a portrait JPEG of 30-80 KB, checked before upload
// and previewed), an exit-entry office, the first open day and window, collection in person, signs the
// declaration, checks his answers and submits: the photo is uploaded through the transport, then the
// application; the 120 yuan fee is paid on checkout; the application then reads booked with its ready date,
// and the fee is in Me > records.
import { test } from '@playwright/test';
import { assert, backToHome, bookPassportVisit, openFromHome, openPhone, payOnCheckout, seeInRecords, takeSamplePassportPhoto, verifyIdentity, type Resident } from './harness';

const APPLICATIONS = 'packages/passport/pages/applications/applications';
const APPLY = 'packages/passport/pages/apply/apply';
const APPLICATION = 'packages/passport/pages/application/application';
const ZHANG: Resident = { name: '张伟', idNumber: '440106200411230014', mobile: '13800000004' };

test('zh-CN: a first passport application with a photo, an appointment and the fee paid', async () => {
  test.setTimeout(120000);
  const phone = await openPhone('zh_CN');
  try {
    const { page } = phone;
    await verifyIdentity(phone, ZHANG);
    await openFromHome(phone, '护照', /护照/, 'passport-booking', APPLICATIONS);
    await page.waitForSelector(phone.top('#apply-first'));
    await phone.tap('#apply-first');
    await phone.waitForRoute(APPLY);
    await page.waitForSelector(phone.top('#choose-photo'));
    await takeSamplePassportPhoto(phone);
    await bookPassportVisit(phone);
    await phone.tap('#submit');
    const reference = await payOnCheckout(phone);
    await seeInRecords(phone, reference, /护照申请费/);

    // The application: booked, with its reference and the day it will be ready.
    await backToHome(phone);
    await openFromHome(phone, '护照', /护照/, 'passport-booking', APPLICATIONS);
    await page.waitForSelector(phone.top('#row-0'));
    await phone.tap('#row-0');
    await phone.waitForRoute(APPLICATION);
    await page.waitForSelector(phone.top('#reference'));
    const applicationRef = ((await page.textContent(phone.top('#reference'))) ?? '').match(/CR\d+/)?.[0];
    assert(applicationRef, 'the application shows no reference');
    await page.waitForSelector(phone.top('#timeline'));
    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
});
