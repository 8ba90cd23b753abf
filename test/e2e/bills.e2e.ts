// A resident verifies identity, finds the electricity bill service from home, binds the account of his
// flat (number and surname, the masked holder and address to confirm, a label), pays everything due in
// one order in the payment sheet, sees the receipt, and finds the payment in Me > records; in zh-CN and en.
import { test } from '@playwright/test';
import { assert, openFromHome, openPhone, payOnCheckout, seeInRecords, verifyIdentity, type Language } from './harness';

const WORDS: Record<Language, { search: string; tile: RegExp; paid: RegExp; record: RegExp; clear: RegExp }> = {
  zh_CN: { search: '电费', tile: /电费/, paid: /缴费成功/, record: /生活缴费/, clear: /没有待缴|已缴清/ },
  en: { search: 'electricity', tile: /Electricity/, paid: /paid|success/i, record: /Bill paid/, clear: /Nothing due|[Pp]aid up/ },
};

async function bindAndPayAll(language: Language): Promise<void> {
  const phone = await openPhone(language);
  const words = WORDS[language];
  try {
    const { page } = phone;
    await verifyIdentity(phone);

    await openFromHome(phone, words.search, words.tile, 'electricity-bill', 'packages/bills/pages/accounts/accounts');

    // Bind Li Ming's flat: number, surname, check, confirm the masked holder, a label, add.
    await page.waitForSelector(phone.top('#add'));
    await phone.tap('#add');
    await phone.waitForRoute('packages/bills/pages/bind/bind');
    await page.waitForSelector(phone.top('#company-gz-power'));
    await phone.fill('#accountNumber', '0300000002');
    await phone.fill('#proof', '李');
    await phone.tap('#check');
    await page.waitForSelector(phone.top('#preview'));
    await phone.waitForText(/\*明/);
    await phone.tap('#suggest-0');
    await phone.tap('#add');
    await phone.waitForRoute('packages/bills/pages/account/account');
    await page.waitForSelector(phone.top('#chart'));

    // Back to the accounts, pay everything due in one order.
    await page.click('#pv-back');
    await phone.waitForRoute('packages/bills/pages/accounts/accounts');
    await page.waitForSelector(phone.top('#pay-all'));
    await phone.tap('#pay-all');
    const reference = await payOnCheckout(phone);
    await phone.waitForText(words.paid);
    await phone.tap('#done');
    await phone.waitForRoute('packages/bills/pages/accounts/accounts');
    await phone.waitForText(words.clear);

    // Me > records lists the bill payment.
    await seeInRecords(phone, reference, words.record);
    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
}

test('zh-CN: verify identity, bind an electricity account, pay all, receipt, Me > records', () => bindAndPayAll('zh_CN'));
test('en: verify identity, bind an electricity account, pay all, receipt, Me > records', () => bindAndPayAll('en'));
