// Marriage registration by two residents on one phone (each preview tab runs its own embedded
// government, so both must use the same tab): 张伟 (r04) finds the service from home, starts the case and
// gets the invitation code; he signs out, 刘洋 (r05) verifies, enters the code, reads the declaration,
// signs and accepts, books a day and a window at a registry, sees the confirmation and the appointment
// in Me > records; she signs out, he verifies again and sees the case booked, with what to bring.
import { test } from '@playwright/test';
import { assert, openFromHome, openPhone, seeInRecords, signOut, verifyIdentity, type Phone, type Resident } from './harness';

const CASES = 'packages/civil/pages/cases/cases';
const START = 'packages/civil/pages/start/start';
const CASE = 'packages/civil/pages/case/case';
const JOIN = 'packages/civil/pages/join/join';
const BOOK = 'packages/civil/pages/book/book';
const ZHANG: Resident = { name: '张伟', idNumber: '440106200411230014', mobile: '13800000004' };
const LIU: Resident = { name: '刘洋', idNumber: '440104200611220029', mobile: '13800000005' };

async function openCases(phone: Phone): Promise<void> {
  await openFromHome(phone, '结婚', /结婚登记/, 'marriage-booking', CASES);
  await phone.page.waitForSelector(phone.top('#start-marriage'));
}

test('zh-CN: two residents on one phone start, accept and book a marriage registration, each seeing the same case', async () => {
  // Three identity steps and two sign-outs: longer than one resident's walk.
  test.setTimeout(180000);
  const phone = await openPhone('zh_CN');
  try {
    const { page } = phone;
    // 1. 张伟 starts the case: the declaration, check your answers, the code.
    await verifyIdentity(phone, ZHANG);
    await openCases(phone);
    await phone.tap('#start-marriage');
    await phone.waitForRoute(START);
    await page.waitForSelector(phone.top('#declaration'));
    await phone.tap('#continue');
    await page.waitForSelector(phone.top('#declaration-error'));
    await phone.tap('#declaration');
    await phone.tap('#continue');
    await page.waitForSelector(phone.top('#answers'));
    await phone.tap('#submit');
    await phone.waitForRoute(CASE);
    await page.waitForSelector(phone.top('#code'));
    const code = ((await page.textContent(phone.top('#code'))) ?? '').replace(/\s/g, '');
    assert(/^[0-9A-Z]{8}$/.test(code), `no invitation code shown: "${code}"`);
    await phone.waitForText('等待对方接受邀请');

    // 2. 刘洋 on the same phone: verifies, enters the code, signs and accepts.
    await signOut(phone);
    await verifyIdentity(phone, LIU);
    await openCases(phone);
    await phone.tap('#join');
    await phone.waitForRoute(JOIN);
    await phone.fill('#code', `${code.slice(0, 4)} ${code.slice(4)}`);
    await phone.tap('#open');
    await page.waitForSelector(phone.top('#preview'));
    await phone.waitForText('*伟');
    await phone.tap('#signed');
    await phone.tap('#accept');
    await phone.waitForRoute(CASE);
    await page.waitForSelector(phone.top('#book'));

    // 3. She books: a registry, the first open day, its first window, check your answers, confirm.
    await phone.tap('#book');
    await phone.waitForRoute(BOOK);
    await page.waitForSelector(phone.top('#office-gz-yuexiu'));
    await phone.tap('#office-gz-yuexiu');
    await page.waitForSelector(phone.top('.day-available, .day-few'));
    await page.click(phone.top('.day-available, .day-few'));
    await page.waitForSelector(phone.top('.window'));
    await page.locator(phone.top('.window')).first().click();
    await phone.tap('#next');
    await page.waitForSelector(phone.top('#answers'));
    await phone.tap('#confirm');
    await page.waitForSelector(phone.top('#confirmation'));
    await phone.waitForText('居民身份证');
    const reference = ((await page.textContent(phone.top('#reference'))) ?? '').match(/CA\d+/)?.[0];
    assert(reference, 'the confirmation shows no reference');
    await phone.tap('#see-case');
    await phone.waitForRoute(CASE);
    await page.waitForSelector(phone.top('#upcoming'));
    await seeInRecords(phone, reference, /结婚登记预约/);

    // 4. 张伟 again: the same case, booked by the other person.
    await signOut(phone);
    await verifyIdentity(phone, ZHANG);
    await openCases(phone);
    await phone.waitForText('已预约');
    await phone.tap('#case-0');
    await phone.waitForRoute(CASE);
    await page.waitForSelector(phone.top('#upcoming'));
    await phone.waitForText(reference);
    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
});
