// How much each errand asks of a resident: from home to its confirmation, the taps, the keystrokes and the
// screens, counted in the preview (trusted clicks, characters typed, pages shown), for a verified resident
// whose car and electricity account are already bound. Printed as a table (the README shows it); nothing is
// asserted about time. For paying a fine, 12123's path (open the app, 违法处理, pick the vehicle, pick the
// notice, confirm, pay) takes about 6 screens; ours must take fewer.
import { test } from '@playwright/test';
import { assert, backToHome, bindOwnCar, bookPassportVisit, openPhone, takeSamplePassportPhoto, verifyIdentity, type Counts, type Phone } from './harness';

const VEHICLES = 'packages/fines/pages/vehicles/vehicles';
const ACCOUNTS = 'packages/bills/pages/accounts/accounts';
const ACCOUNT = 'packages/bills/pages/account/account';
const CHECKOUT = 'packages/pay/pages/checkout/checkout';
const RECEIPT = 'packages/pay/pages/receipt/receipt';

/** The tile on home (not the search): one tap. */
async function tile(phone: Phone, id: string): Promise<void> {
  await phone.page.locator(phone.top(`[data-id="${id}"]`)).filter({ visible: true }).first().click();
}

/** Checkout's pay button, "pay" in WeChat Pay's sheet, and the receipt. */
async function pay(phone: Phone): Promise<void> {
  await phone.waitForRoute(CHECKOUT);
  await phone.page.waitForSelector(phone.top('#pay'));
  await phone.tap('#pay');
  await phone.page.click('[data-pv="payment"] [data-value="pay"]');
  await phone.waitForRoute(RECEIPT);
  await phone.page.waitForSelector(phone.top('#reference'));
}

async function setUp(phone: Phone): Promise<void> {
  const { page } = phone;
  await verifyIdentity(phone);
  await page.evaluate((r) => { window.location.hash = `#/${r}`; }, VEHICLES);
  await phone.waitForRoute(VEHICLES);
  await page.waitForSelector(phone.top('#bind'));
  await bindOwnCar(phone);
  await page.evaluate((r) => { window.location.hash = `#/${r}`; }, ACCOUNTS);
  await phone.waitForRoute(ACCOUNTS);
  await page.waitForSelector(phone.top('#add'));
  await phone.tap('#add');
  await phone.fill('#accountNumber', '0300000002');
  await phone.fill('#proof', '李');
  await phone.tap('#check');
  await page.waitForSelector(phone.top('#preview'));
  await phone.tap('#suggest-0');
  await phone.tap('#add');
  await phone.waitForRoute(ACCOUNT);
}

const ERRANDS: { name: string; run: (phone: Phone) => Promise<void> }[] = [
  {
    name: 'Pay one traffic fine',
    run: async (phone) => {
      await tile(phone, 'traffic-fines');
      await phone.page.waitForSelector(phone.top('#check-0'));
      await phone.tap('#check-0');
      await phone.tap('#pay');
      await pay(phone);
    },
  },
  {
    name: 'Pay all fines of a vehicle',
    run: async (phone) => {
      await tile(phone, 'traffic-fines');
      await phone.page.waitForSelector(phone.top('#select-page'));
      await phone.tap('#select-page');
      await phone.tap('#pay');
      await pay(phone);
    },
  },
  {
    name: 'Pay an electricity bill',
    run: async (phone) => {
      await tile(phone, 'electricity-bill');
      await phone.page.waitForSelector(phone.top('#pay-all'));
      await phone.tap('#pay-all');
      await pay(phone);
    },
  },
  {
    name: 'Book a doctor (cardiology) for oneself, its earliest free time',
    run: async (phone) => {
      const { page } = phone;
      await tile(phone, 'hospital-booking');
      await page.waitForSelector(phone.top('#hospitals [data-id="h1"]'));
      await phone.tap('#hospitals [data-id="h1"]');
      await page.waitForSelector(phone.top('[data-id="h1-cardiology"]'));
      await phone.tap('[data-id="h1-cardiology"]');
      // The doctor's earliest free time, booked from the list (the doctor page has the other times).
      await page.waitForSelector(phone.top('#open .first'));
      await phone.tap('#open .first');
      await page.waitForSelector(phone.top('#confirm'));
      await phone.tap('#confirm');
      await pay(phone);
    },
  },
  {
    name: 'Apply to renew a passport',
    run: async (phone) => {
      const { page } = phone;
      await tile(phone, 'passport-booking');
      await page.waitForSelector(phone.top('#apply-renewal'));
      await phone.tap('#apply-renewal');
      await page.waitForSelector(phone.top('#reason-expiring'));
      await phone.tap('#reason-expiring');
      await takeSamplePassportPhoto(phone);
      await bookPassportVisit(phone);
      await phone.tap('#submit');
      await pay(phone);
    },
  },
  {
    name: 'Report a broken street light (with a place and a photo)',
    run: async (phone) => {
      const { page } = phone;
      await tile(phone, 'city-report');
      await page.waitForSelector(phone.top('#service-street-light'));
      await phone.tap('#service-street-light');
      await page.waitForSelector(phone.top('#attr-1-off'));
      await phone.tap('#attr-1-off');
      await phone.fill('#description', '路灯整晚不亮，路口很黑。');
      await phone.tap('#choose-point');
      await page.click('[data-pv="location"] [data-value="1"]');
      await phone.waitForText('天河区政务服务中心');
      await phone.tap('#add-photos');
      await page.click('[data-pv="chooseMedia"] [data-value="sample"]');
      await page.waitForSelector(phone.top('#photo-0'));
      await phone.tap('#continue');
      await page.waitForSelector(phone.top('#answers'));
      await phone.tap('#submit');
      await page.waitForSelector(phone.top('#done-reference'));
    },
  },
];

test('zh-CN: taps, keystrokes and screens from home to each errand\'s confirmation', async () => {
  test.setTimeout(180000);
  const phone = await openPhone('zh_CN');
  try {
    await setUp(phone);
    const rows: (Counts & { name: string })[] = [];
    for (const errand of ERRANDS) {
      await backToHome(phone);
      await phone.resetCounts();
      await errand.run(phone);
      rows.push({ name: errand.name, ...(await phone.counts()) });
    }
    const table = ['| Errand (from home, verified, car and account bound) | Screens | Taps | Keystrokes |', '|---|---|---|---|', ...rows.map((r) => `| ${r.name} | ${r.screens} | ${r.taps} | ${r.keystrokes} |`)];
    // The table is the walk's output (the README shows it).
    // eslint-disable-next-line no-console
    console.log(`\n${table.join('\n')}\n`);
    const fine = rows[0];
    // Home, the notices, checkout, the receipt: below 12123's six screens.
    assert(fine.screens < 6, `paying one fine shows ${fine.screens} screens, not fewer than 12123's 6`);
    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
});
