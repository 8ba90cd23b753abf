// `npm run shots`: a PNG of every page in app.json (main package and subpackages) in zh-CN and
// en, after the identity step, into shots/<language>/. Pages that need a query (a vehicle, a
// notice, an order) are reached as a resident reaches them: bind the car, open its notices, open
// one, select and check out, pay in the payment sheet, see the receipt. A few extra states
// (empty, selected, payment sheet, not found, network failing) are saved as <page>--<state>.png.
// A page that throws, renders empty, or is missing from the folder fails the command.
import * as fs from 'fs';
import * as path from 'path';
import { assert, openPhone, verifyIdentity, walk, type Language, type Phone } from './harness';

const ROOT = path.resolve(process.cwd());
const OUT = path.join(ROOT, 'shots');

const VEHICLES = 'packages/fines/pages/vehicles/vehicles';
const BIND = 'packages/fines/pages/bind/bind';
const NOTICES = 'packages/fines/pages/notices/notices';
const NOTICE = 'packages/fines/pages/notice/notice';
const CHECKOUT = 'packages/pay/pages/checkout/checkout';
const RECEIPT = 'packages/pay/pages/receipt/receipt';
const ME = 'pages/me/me';
const RECORDS = 'packages/records/pages/records/records';
/** Pages reached through the fines and payment walk below, not by opening their route bare. */
const WALKED = [VEHICLES, BIND, NOTICES, NOTICE, CHECKOUT, RECEIPT];
const CAR = { province: '粤', rest: 'B12345', vin: '183745' };

interface AppJson { pages: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] }

function allPages(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8')) as AppJson;
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [...app.pages, ...subs.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))];
}

class Camera {
  readonly problems: string[] = [];
  readonly shot = new Set<string>();
  private errorsSeen = 0;

  constructor(private readonly phone: Phone, private readonly language: Language, private readonly dir: string) {}

  /** Toasts gone, no page still loading, nothing animating: what a resident sees after a moment. */
  async settle(): Promise<void> {
    const { page } = this.phone;
    await page.waitForSelector('.pv-toast-wrap', { state: 'detached', timeout: 6000 }).catch(() => undefined);
    await page.waitForSelector(this.phone.top('.load-state.loading'), { state: 'detached', timeout: 4000 }).catch(() => undefined);
    await page.waitForTimeout(250);
  }

  /** Saves the phone as <route>[--state].png after checking it is on `route`, did not throw, and shows something. */
  async snap(route: string, state = ''): Promise<void> {
    await this.settle();
    const { page } = this.phone;
    const name = `${route.replace(/\//g, '__')}${state ? `--${state}` : ''}`;
    const file = path.join(this.dir, `${name}.png`);
    await page.locator('#pv-phone').screenshot({ path: file });
    const errors = (await this.phone.errors()).slice(this.errorsSeen);
    this.errorsSeen += errors.length;
    const text = (await this.phone.pageText()).trim();
    const now = await this.phone.route();
    const label = `${this.language} ${name}`;
    if (now !== route) this.problems.push(`${label}: expected ${route}, on ${now}`);
    if (errors.length) this.problems.push(`${label}: threw ${errors.join(' | ')}`);
    if (!text) this.problems.push(`${label}: rendered empty`);
    if (!state) this.shot.add(route);
    process.stdout.write(`  ${errors.length || !text || now !== route ? 'BAD ' : 'ok  '} ${path.relative(ROOT, file)}\n`);
  }

  async open(route: string): Promise<void> {
    await this.phone.page.evaluate((r) => {
      window.location.hash = `#/${r}`;
    }, route);
    await this.phone.waitForRoute(route.split('?')[0]).catch(() => undefined);
  }
}

async function back(phone: Phone, to: string): Promise<void> {
  await phone.page.click('#pv-back');
  await phone.waitForRoute(to);
}

/** Vehicles -> bind -> notices -> notice -> checkout -> payment sheet -> receipt -> vehicles, as a resident goes. */
async function finesAndPayment(camera: Camera, phone: Phone): Promise<void> {
  const { page } = phone;
  await camera.open(VEHICLES);
  await camera.settle();
  const plate = `${CAR.province}${CAR.rest}`;
  const bound = page.locator(phone.top('.vehicle'), { hasText: plate });
  if ((await bound.count()) === 0) {
    if ((await page.locator(phone.top('.vehicle')).count()) === 0) await camera.snap(VEHICLES, 'empty');
    await phone.tap('#bind');
    await phone.waitForRoute(BIND);
    await camera.snap(BIND);
    await phone.tap('#province');
    await page.selectOption('[data-pv="picker"] select', { label: CAR.province });
    await page.click('.pv-picker-ok');
    await phone.fill('#rest', CAR.rest);
    await phone.fill('#vin', '18374');
    await phone.tap('#submit');
    await page.waitForSelector(phone.top('#vin-error'));
    await camera.snap(BIND, 'field-error');
    await phone.fill('#vin', CAR.vin);
    await phone.tap('#submit');
    await phone.waitForRoute(NOTICES);
  } else {
    await bound.first().locator('.vehicle-main').click();
    await phone.waitForRoute(NOTICES);
  }
  await page.waitForSelector(phone.top('#check-0'));
  await camera.snap(NOTICES);

  await phone.tap('#notice-0');
  await phone.waitForRoute(NOTICE);
  await page.waitForSelector(phone.top('#due'));
  await camera.snap(NOTICE);
  await back(phone, NOTICES);

  await page.waitForSelector(phone.top('#check-0'));
  await phone.tap('#check-0');
  await phone.tap('#check-1');
  await camera.snap(NOTICES, 'selected');
  await phone.tap('#pay');
  await phone.waitForRoute(CHECKOUT);
  await page.waitForSelector(phone.top('#pay'));
  await camera.snap(CHECKOUT);

  await phone.tap('#pay');
  await page.waitForSelector('[data-pv="payment"]');
  await camera.snap(CHECKOUT, 'payment-sheet');
  await page.click('[data-pv="payment"] .pv-sheet-cancel');
  await page.waitForSelector(phone.top('#notice'));
  await camera.snap(CHECKOUT, 'cancelled');
  await phone.tap('#pay');
  await page.click('[data-pv="payment"] [data-value="pay"]');
  await phone.waitForRoute(RECEIPT);
  await page.waitForSelector(phone.top('#reference'));
  await camera.snap(RECEIPT);

  await phone.tap('#done');
  await phone.waitForRoute(NOTICES);
  await back(phone, VEHICLES);
  await page.waitForSelector(phone.top('.vehicle'));
  await camera.snap(VEHICLES);
}

/** What a resident sees for a link to something that is not theirs or not there, and with the network down. */
async function errorStates(camera: Camera, phone: Phone): Promise<void> {
  const { page } = phone;
  await camera.open(`${NOTICE}?id=no-such-notice`);
  await camera.snap(NOTICE, 'not-found');
  await camera.open(`${CHECKOUT}?order=no-such-order`);
  await camera.snap(CHECKOUT, 'not-found');
  await camera.open(`${RECEIPT}?order=no-such-order`);
  await camera.snap(RECEIPT, 'not-found');
  await camera.open(`${NOTICES}?vehicle=no-such-vehicle`);
  await camera.snap(NOTICES, 'not-found');
  await page.selectOption('#pv-fault', 'unavailable');
  try {
    await camera.open(VEHICLES);
    await camera.snap(VEHICLES, 'unavailable');
  } finally {
    await page.selectOption('#pv-fault', 'none');
  }
}

/** Me > withdraw consent and delete my data: the offer, the confirmation, and what was deleted and kept. Last, as it deletes. */
async function deletingMyData(camera: Camera, phone: Phone): Promise<void> {
  const { page } = phone;
  await camera.open(ME);
  await page.locator(phone.top('#delete-data')).scrollIntoViewIfNeeded();
  await camera.snap(ME, 'delete-offer');
  await phone.tap('#delete-data');
  await page.waitForSelector('[data-pv="modal"]');
  await camera.snap(ME, 'delete-confirm');
  await page.click('[data-pv="modal"] .pv-modal-confirm');
  await page.waitForSelector(phone.top('#deleted-notice'));
  await page.locator(phone.top('#deleted-notice')).scrollIntoViewIfNeeded();
  await camera.snap(ME, 'deleted');
}

async function shoot(language: Language): Promise<void> {
  const dir = path.join(OUT, language);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const phone = await openPhone(language);
  const camera = new Camera(phone, language, dir);
  try {
    const { page } = phone;
    await page.screenshot({ path: path.join(dir, '00-before-identity.png') });
    await verifyIdentity(phone);
    const pages = allPages();
    for (const route of pages.filter((r) => !WALKED.includes(r))) {
      await camera.open(route);
      await camera.snap(route);
    }
    await finesAndPayment(camera, phone);
    // My records again, now holding the fine payment as well as the verification.
    await camera.open(RECORDS);
    await camera.snap(RECORDS, 'after-payment');
    await errorStates(camera, phone);
    await deletingMyData(camera, phone);
    pages.filter((route) => !camera.shot.has(route)).forEach((route) => camera.problems.push(`${language} ${route}: no screenshot`));
  } finally {
    await phone.close();
  }
  assert(camera.problems.length === 0, camera.problems.join('\n'));
}

walk('shots zh-CN', () => shoot('zh_CN'));
walk('shots en', () => shoot('en'));
