// A resident verifies identity, finds hospital booking from home, books paediatrics for his daughter
// (a family member on his list), pays the fee in the payment sheet, sees the confirmation, cancels it
// free of charge and sees the refund; in zh-CN and in en.
import { test } from '@playwright/test';
import { assert, openFromHome, openPhone, payOnCheckout, verifyIdentity, type Language } from './harness';

const WORDS: Record<Language, { search: string; tile: RegExp; daughter: RegExp; booked: RegExp; refunded: RegExp }> = {
  zh_CN: { search: '挂号', tile: /预约挂号/, daughter: /李小雨/, booked: /已预约/, refunded: /已退款.*RFD/ },
  en: { search: 'hospital', tile: /Hospital booking/, daughter: /李小雨/, booked: /Booked/, refunded: /[Rr]efunded.*RFD/ },
};

async function bookForDaughter(language: Language): Promise<void> {
  const phone = await openPhone(language);
  const words = WORDS[language];
  try {
    const { page } = phone;
    await verifyIdentity(phone);

    // From home: search, then the tile.
    await openFromHome(phone, words.search, words.tile, 'hospital-booking', 'packages/hospital/pages/hospitals/hospitals');

    // The children's hospital, its paediatrics, the first doctor with places, the first free time.
    await phone.tap('#hospitals [data-id="h2"]');
    await phone.waitForRoute('packages/hospital/pages/hospital/hospital');
    await phone.tap('[data-id="h2-paediatrics"]');
    await phone.waitForRoute('packages/hospital/pages/department/department');
    await page.waitForSelector(phone.top('#open .doctor-row'));
    await phone.tap('#open .doctor-row');
    await phone.waitForRoute('packages/hospital/pages/doctor/doctor');
    await page.waitForSelector(phone.top('.slot:not(.slot-full)'));
    await phone.tap('.slot:not(.slot-full)');
    await phone.waitForRoute('packages/hospital/pages/book/book');

    // Book for the daughter (chosen for paediatrics), check the answers, confirm, pay.
    await page.waitForSelector(phone.top('#patient-fm-r02-daughter'));
    await phone.tap('#patient-fm-r02-daughter');
    await phone.waitForText(words.daughter);
    await phone.tap('#confirm');
    await payOnCheckout(phone);
    await phone.tap('#done');

    // Back on the book page, the booking is paid: its confirmation opens.
    await phone.waitForRoute('packages/hospital/pages/booking/booking');
    await phone.waitForText(words.booked);
    await phone.waitForText(words.daughter);
    const reference = ((await page.textContent(phone.top('#reference'))) ?? '').match(/GH\w+/)?.[0];
    assert(reference, 'the confirmation shows no reference number');

    // Cancel free of charge: the fee is refunded.
    await phone.tap('#cancel');
    await page.waitForSelector('[data-pv="modal"]');
    await page.click('[data-pv="modal"] .pv-modal-confirm');
    await phone.waitForText(words.refunded);
    await page.waitForSelector(phone.top('#cancel'), { state: 'detached' });
    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
}

test('zh-CN: verify identity, book paediatrics for a daughter, pay, cancel and see the refund', () => bookForDaughter('zh_CN'));
test('en: verify identity, book paediatrics for a daughter, pay, cancel and see the refund', () => bookForDaughter('en'));

// With an appid that has the reminder template, the confirm tap asks WeChat's subscription sheet once;
// allowed, the confirmation says when the reminder goes out and, from the embedded government, what it says.
test('zh-CN: with a configured appid, the confirm tap asks for the day-before reminder and the booking shows it', async () => {
  const phone = await openPhone('zh_CN', '', 'iphone-x', 'appid=wx5c1c7e5e7a1d0001');
  try {
    const { page } = phone;
    await verifyIdentity(phone);
    await page.evaluate(() => {
      window.location.hash = '#/packages/hospital/pages/doctor/doctor?id=h1-cardiology-1';
    });
    await phone.waitForRoute('packages/hospital/pages/doctor/doctor');
    await page.waitForSelector(phone.top('.slot:not(.slot-full)'));
    await phone.tap('.slot:not(.slot-full)');
    await phone.waitForRoute('packages/hospital/pages/book/book');
    await page.waitForSelector(phone.top('#confirm'));
    await phone.tap('#confirm');
    await page.click('[data-pv="subscribe"] [data-value="accept"]');
    await payOnCheckout(phone);
    await phone.tap('#done');
    await phone.waitForRoute('packages/hospital/pages/booking/booking');
    // Tomorrow's visit booked after 09:00 today: the reminder goes out at once; a later day's, at 09:00 the day before.
    await phone.waitForText(/我们将在 .* 提醒您就诊|已于 .* 发送就诊提醒/);
    await phone.waitForText(/就诊提醒：明天/);
    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
});
