// A minor traffic accident settled on the spot by two drivers on one phone (each preview tab runs its own
// embedded government): 李明 (r02, car 粤B12345) opens the accident form, types both plates, says who was
// where, takes the preview's sample photo for every angle the police ask for, says both agree, gives the
// place as a district and an address (the preview's located places are not in Guangzhou), checks his
// answers and submits: the cars are to move now, and the code is shown once. The time from opening the form
// to submitting is measured here and printed with the taps and keystrokes it took. He signs out; 周强 (r08,
// 粤E12345) verifies, opens the link with the report and types the code and his plate, and agrees. 李明
// again: the case is settled, and he books the settlement at an accident-settlement desk.
import { test } from '@playwright/test';
import { assert, openPhone, signOut, verifyIdentity, type Phone, type Resident } from './harness';

const ACCIDENT = 'packages/accident/pages/accident/accident';
const CONFIRM = 'packages/accident/pages/confirm/confirm';
const SETTLE = 'packages/accident/pages/settle/settle';
const ANGLES = ['scene-front', 'scene-rear', 'own-vehicle', 'other-vehicle', 'other-plate'];
const LI: Resident = { name: '李明', idNumber: '34052419800101001X', mobile: '13800000002' };
const ZHOU: Resident = { name: '周强', idNumber: '440604198605300054', mobile: '13800000008' };

async function open(phone: Phone, path: string, route: string): Promise<void> {
  await phone.page.evaluate((hash) => { window.location.hash = hash; }, `#/${path}`);
  await phone.waitForRoute(route);
}

test('zh-CN: two drivers settle a minor accident on the spot: photos, the code, confirmation, the settlement booked', async () => {
  test.setTimeout(180000);
  const phone = await openPhone('zh_CN');
  try {
    const { page } = phone;
    let taps = 0;
    let keystrokes = 0;
    const tap = async (selector: string) => {
      taps += 1;
      await phone.tap(selector);
    };
    const type = async (selector: string, value: string) => {
      keystrokes += Array.from(value).length;
      await phone.fill(selector, value);
    };

    // 1. 李明 reports: from opening the form to submitting, timed.
    await verifyIdentity(phone, LI);
    await open(phone, ACCIDENT, ACCIDENT);
    await page.waitForSelector(phone.top('#input-own-plate'));
    const opened = Date.now();
    await type('#input-own-plate', '粤B12345');
    await type('#input-other-plate', '粤E12345');
    await tap('#option-positions-rear-end');
    for (const angle of ANGLES) {
      await tap(`#take-${angle}`);
      taps += 1;
      await page.click('[data-pv="chooseMedia"] [data-value="sample"]');
      await page.waitForSelector(phone.top(`#photo-${angle}`));
    }
    await tap('#resp-agreed');
    await tap('#type-address');
    await tap('#district-tianhe');
    await type('#address', '天河路与体育西路路口');
    await tap('#continue');
    await page.waitForSelector(phone.top('#answers'));
    await tap('#submit');
    await page.waitForSelector(phone.top('#code'));
    const submitted = Date.now();
    // eslint-disable-next-line no-console -- the timing is printed for the run, never asserted
    console.log(`accident: form opened to submitted in ${submitted - opened} ms, ${taps} taps, ${keystrokes} keystrokes`);
    await phone.waitForText('请双方现在就把车移到不妨碍交通的地方');
    const code = ((await page.textContent(phone.top('#code'))) ?? '').replace(/\s/g, '');
    assert(/^[0-9A-Z]{8}$/.test(code), `no code for the other driver: "${code}"`);
    await phone.tap('#to-settle');
    await phone.waitForRoute(SETTLE);
    const reportId = /report=([\w-]+)/.exec(await page.evaluate(() => window.location.hash))?.[1];
    assert(reportId, 'the settle page was opened without the report');
    await phone.waitForText('等待对方确认');

    // 2. 周强 on the same phone: the link with the report, his code and his plate, and he agrees.
    await signOut(phone);
    await verifyIdentity(phone, ZHOU);
    await open(phone, `${CONFIRM}?report=${reportId}`, CONFIRM);
    await page.waitForSelector(phone.top('#code'));
    await phone.fill('#code', `${code.slice(0, 4)} ${code.slice(4)}`);
    await phone.fill('#plate', '粤E12345');
    await phone.tap('#agree');
    await page.waitForSelector(phone.top('#result'));
    await phone.waitForText('您已确认责任');

    // 3. 李明 again: responsibility settled, he books the settlement.
    await signOut(phone);
    await verifyIdentity(phone, LI);
    await open(phone, `${SETTLE}?report=${reportId}`, SETTLE);
    await page.waitForSelector(phone.top('#desk-kc-tianhe'));
    await phone.waitForText('责任已确定');
    await phone.tap('#desk-kc-tianhe');
    await page.waitForSelector(phone.top('.ac-day-open'));
    await page.locator(phone.top('.ac-day-open')).first().click();
    await page.waitForSelector(phone.top('.ac-window-open'));
    await page.locator(phone.top('.ac-window-open')).first().click();
    await phone.tap('#continue');
    await page.waitForSelector(phone.top('#answers'));
    await phone.tap('#book');
    await page.waitForSelector(phone.top('#booked'));
    const reference = ((await page.textContent(phone.top('#appointment-ref'))) ?? '').match(/KC\d+/)?.[0];
    assert(reference, 'the booking shows no reference');
    await phone.waitForText('驾驶证');
    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
});
