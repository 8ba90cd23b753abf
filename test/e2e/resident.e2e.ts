// A resident verifies identity, finds the traffic-fines service from home, binds a car, pays a
// fine through the payment sheet, and sees the payment in Me > records; in zh-CN and in en.
import { test } from '@playwright/test';
import { assert, bindOwnCar, openFromHome, openPhone, payOnCheckout, seeInRecords, verifyIdentity, type Language } from './harness';

const WORDS: Record<Language, { record: RegExp; paid: RegExp }> = {
  zh_CN: { record: /交通违法缴款/, paid: /缴费成功/ },
  en: { record: /traffic/i, paid: /paid|success/i },
};

async function payAFine(language: Language): Promise<void> {
  const phone = await openPhone(language);
  try {
    const { page } = phone;
    await verifyIdentity(phone);

    // Find the service from home (search, then the tile).
    await openFromHome(phone, language === 'en' ? 'traffic' : '交通', language === 'en' ? /Traffic/i : /交通违法/, 'traffic-fines', 'packages/fines/pages/vehicles/vehicles');

    // Bind the resident's own car: plate type, province from the picker sheet, rest, VIN tail.
    await bindOwnCar(phone);

    // Pick the first unpaid fine and pay it; the tester chooses "pay" in the payment sheet.
    await page.waitForSelector(phone.top('#check-0'));
    await phone.tap('#check-0');
    await phone.tap('#pay');
    const reference = await payOnCheckout(phone);
    await phone.waitForText(WORDS[language].paid);

    // The receipt saved as an image: drawn on a canvas, a PNG the browser downloads in place of the album.
    const download = page.waitForEvent('download');
    await phone.tap('#save-image');
    const saved = await download;
    assert(saved.suggestedFilename() === 'city-services-receipt.png', `downloaded ${saved.suggestedFilename()}`);
    const picture = await saved.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of picture) chunks.push(Buffer.from(chunk));
    const png = Buffer.concat(chunks);
    assert(png.subarray(1, 4).toString('latin1') === 'PNG' && png.length > 10_000, `the receipt image is ${png.length} bytes, not a PNG of a drawn receipt`);
    // PNG's IHDR: a screen wide at the phone's pixel ratio.
    assert(png.readUInt32BE(16) >= 375, `the receipt image is ${png.readUInt32BE(16)} px wide`);
    await phone.tap('#done');

    // Me > records shows the payment.
    await seeInRecords(phone, reference, WORDS[language].record);
    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
}

test('zh-CN: verify identity, pay a traffic fine, see it in Me > records', () => payAFine('zh_CN'));
test('en: verify identity, pay a traffic fine, see it in Me > records', () => payAFine('en'));
