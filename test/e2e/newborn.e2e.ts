// Newborn registration by the father with the mother's confirmation, both on one phone (each preview tab
// runs its own embedded government): 周强 (r08) finds the service from home, applies as the father (the
// certificate number, the baby, today's birth date from the date picker, the household, the separate
// consent), checks his answers and gets the code for the mother; he signs out. 孙丽 (r07) verifies, finds
// the application waiting for her in her list, types his code and confirms: the four items start, and the
// registration is in her Me > records.
import { test } from '@playwright/test';
import { assert, openFromHome, openPhone, seeInRecords, signOut, verifyIdentity, type Resident } from './harness';

const REGISTER = 'packages/newborn/pages/register/register';
const REGISTRATION = 'packages/newborn/pages/registration/registration';
const ZHOU: Resident = { name: '周强', idNumber: '440604198605300054', mobile: '13800000008' };
const SUN: Resident = { name: '孙丽', idNumber: '440304199602140049', mobile: '13800000007' };

test('zh-CN: the father applies for a newborn registration, the mother confirms with his code and the items start', async () => {
  test.setTimeout(150000);
  const phone = await openPhone('zh_CN');
  try {
    const { page } = phone;
    // 1. 周强 applies as the father.
    await verifyIdentity(phone, ZHOU);
    await openFromHome(phone, '出生', /新生儿落户/, 'newborn-registration', REGISTER);
    await page.waitForSelector(phone.top('#applicant-father'));
    await phone.tap('#applicant-father');
    // Continue with nothing typed: every missing answer is said, nothing is sent.
    await phone.tap('#continue');
    await page.waitForSelector(phone.top('#error-summary'));
    await phone.fill('#birthCertificateNumber', 'R440123456');
    await phone.fill('#babyName', '周小雨');
    await phone.tap('#sex-female');
    await phone.tap('#birthDate');
    await page.click('.pv-picker-ok');
    await phone.tap('#hukou-mother');
    await phone.tap('#consent');
    await phone.tap('#continue');
    await page.waitForSelector(phone.top('#answers'));
    await phone.tap('#submit');
    await phone.waitForRoute(REGISTRATION);
    await page.waitForSelector(phone.top('#code'));
    const code = ((await page.textContent(phone.top('#code'))) ?? '').replace(/\s/g, '');
    assert(/^[0-9A-Z]{8}$/.test(code), `no code for the mother: "${code}"`);
    await phone.waitForText('等待母亲确认');
    const reference = ((await page.textContent(phone.top('#reference'))) ?? '').match(/NB\d+/)?.[0];
    assert(reference, 'the registration shows no reference');

    // 2. 孙丽: the application waits for her in her list; she types the code and confirms.
    await signOut(phone);
    await verifyIdentity(phone, SUN);
    await openFromHome(phone, '新生儿', /新生儿落户/, 'newborn-registration', REGISTER);
    await page.waitForSelector(phone.top('#mine-0'));
    await phone.tap('#mine-0');
    await phone.waitForRoute(REGISTRATION);
    await page.waitForSelector(phone.top('#code-input'));
    await phone.fill('#code-input', `${code.slice(0, 4)} ${code.slice(4)}`);
    await phone.tap('#confirm');
    await phone.waitForText('办理中');
    await page.waitForSelector(phone.top('#item-hukou'));
    await seeInRecords(phone, reference, /新生儿出生登记/);
    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
});
