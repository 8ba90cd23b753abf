// Real-browser walks through the preview: Debian's chromium driven by playwright-core, in phone-sized
// contexts of their own. The walks (*.e2e.ts) run on @playwright/test (playwright.config.js, whose
// webServer serves the preview and sets PREVIEW_URL); the screenshots (shots.ts) through
// scripts/preview-e2e.js, which registers them with `walk`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

declare global {
  interface Window {
    __pvReady: boolean;
    __pvRoute: () => string;
    __pvErrors: string[];
    __pvBootMs: number;
    __pvScreens: string[];
    __pvTaps: number;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Walk {
  name: string;
  run: () => Promise<void>;
}

export const walks: Walk[] = [];

/** Registers a walk; the runner runs them one after another. */
export function walk(name: string, run: () => Promise<void>): void {
  walks.push({ name, run });
}

export function previewUrl(): string {
  const url = process.env.PREVIEW_URL;
  if (!url) throw new Error('PREVIEW_URL is not set: run through npm run test:e2e or npm run shots');
  return url.replace(/\/$/, '');
}

export type Language = 'zh_CN' | 'en';

export interface Phone {
  page: Page;
  close(): Promise<void>;
  /** A selector inside the page on top of the stack. */
  top(selector: string): string;
  tap(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  route(): Promise<string>;
  waitForRoute(route: string): Promise<void>;
  pageText(): Promise<string>;
  waitForText(text: string | RegExp): Promise<void>;
  errors(): Promise<string[]>;
  /** Taps, keystrokes (characters typed) and screens shown since the last `resetCounts`. */
  counts(): Promise<Counts>;
  resetCounts(): Promise<void>;
}

export interface Counts { taps: number; keystrokes: number; screens: number }

/** A fresh browser profile (fresh storage) with the preview open on `hash`. */
/** `search`: more of the preview's settings, e.g. `appid=wx…` (the appid WeChat reports). */
export async function openPhone(language: Language, hash = '', device = 'iphone-x', search = ''): Promise<Phone> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pv-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: 1000, height: 900 },
    locale: language === 'en' ? 'en-US' : 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${previewUrl()}/?lang=${language}&device=${device}${search ? `&${search}` : ''}${hash ? `#${hash}` : ''}`);
  await page.waitForFunction(() => window.__pvReady === true);
  const top = (selector: string) => `.pv-page-view:not([hidden]) ${selector}`;
  let keystrokes = 0;
  const phone: Phone = {
    page,
    top,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
    async tap(selector) {
      await page.click(top(selector));
    },
    async fill(selector, value) {
      await page.fill(top(`${selector} input, ${selector} textarea`), value);
      keystrokes += [...value].length;
    },
    async counts() {
      const { taps, screens } = await page.evaluate(() => ({ taps: window.__pvTaps, screens: window.__pvScreens.length }));
      return { taps, keystrokes, screens };
    },
    async resetCounts() {
      keystrokes = 0;
      await page.evaluate(() => {
        window.__pvTaps = 0;
        window.__pvScreens = [];
      });
    },
    route: () => page.evaluate(() => window.__pvRoute()),
    async waitForRoute(route) {
      await page.waitForFunction((want) => window.__pvRoute() === want, route);
    },
    pageText: () => page.evaluate(() => (document.querySelector('.pv-page-view:not([hidden])') as HTMLElement | null)?.innerText ?? ''),
    async waitForText(text) {
      await page.waitForFunction(
        ([source, flags]) => new RegExp(source, flags).test((document.querySelector('.pv-page-view:not([hidden])') as HTMLElement | null)?.innerText ?? ''),
        typeof text === 'string' ? [text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ''] : [text.source, text.flags],
      );
    },
    async errors() {
      const inPage = await page.evaluate(() => window.__pvErrors.slice());
      return [...problems, ...inPage];
    },
  };
  return phone;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export interface Resident { name: string; idNumber: string; mobile: string }
export const RESIDENT: Resident = { name: '李明', idNumber: '34052419800101001X', mobile: '13800000002' };

/** The identity step as a resident does it: consents, privacy sheet, form, SMS code (devCode), submit. */
export async function verifyIdentity(phone: Phone, resident: Resident = RESIDENT): Promise<void> {
  const { page } = phone;
  await phone.tap('.verify-banner');
  await phone.waitForRoute('pages/identity/identity');
  await phone.tap('#consent-general');
  await phone.tap('#consent-id');
  await phone.tap('#consent-continue');
  const privacy = page.locator('[data-pv="privacy"] [data-value="agree"]');
  if (await privacy.isVisible({ timeout: 1500 }).catch(() => false)) await privacy.click();
  await page.waitForSelector(phone.top('#name input'));
  await phone.fill('#name', resident.name);
  await phone.fill('#idNumber', resident.idNumber);
  await phone.fill('#mobile', resident.mobile);
  await phone.tap('#send-code');
  await page.waitForSelector(phone.top('#code-hint'));
  // The embedded government returns the code as devCode; the identity page shows it.
  await page.waitForFunction((sel) => /\d{6}/.test(document.querySelector(sel)?.textContent ?? ''), phone.top('#code-hint'));
  const hint = (await page.textContent(phone.top('#code-hint'))) ?? '';
  const code = /\d{6}/.exec(hint)?.[0];
  assert(code, `no SMS code shown in "${hint}"`);
  await phone.fill('#smsCode', code);
  await phone.tap('#submit');
  await page.waitForSelector(phone.top('#continue'));
  await phone.tap('#continue');
  await phone.waitForRoute('pages/home/home');
}

/** From home, Me > sign out (confirmed): the phone is a guest again, on the Me tab. */
export async function signOut(phone: Phone): Promise<void> {
  await backToHome(phone);
  await phone.page.click('.pv-tab[data-index="1"]');
  await phone.waitForRoute('pages/me/me');
  await phone.tap('#sign-out');
  await phone.page.waitForSelector('[data-pv="modal"]');
  await phone.page.click('[data-pv="modal"] .pv-modal-confirm');
  await phone.page.waitForSelector(phone.top('#verify'));
  await phone.page.click('.pv-tab[data-index="0"]');
  await phone.waitForRoute('pages/home/home');
  await phone.page.waitForSelector(phone.top('.verify-banner'));
}

/** Back button until the home page shows. */
export async function backToHome(phone: Phone): Promise<void> {
  for (let i = 0; i < 10 && (await phone.route()) !== 'pages/home/home'; i += 1) {
    // On the Me tab there is no back button: home is the other tab. A page opened by its address alone
    // (as the tour opens them) has none either: home by its address too.
    if ((await phone.route()) === 'pages/me/me') await phone.page.click('.pv-tab[data-index="0"]');
    else if (await phone.page.locator('#pv-back').isVisible()) await phone.page.click('#pv-back');
    else await phone.page.evaluate(() => { window.location.hash = '#/pages/home/home'; });
    await phone.page.waitForTimeout(150);
  }
  assert((await phone.route()) === 'pages/home/home', 'could not get back to home');
}

/** From home: search for a service, then tap its tile and land on its first page. */
/** On the vehicles page: binds 李明's own car (plate type, province from the picker sheet, rest, VIN tail) and waits for its notices. */
export async function bindOwnCar(phone: Phone): Promise<void> {
  const { page } = phone;
  await phone.tap('#bind');
  await phone.waitForRoute('packages/fines/pages/bind/bind');
  await phone.tap('#province');
  await page.selectOption('[data-pv="picker"] select', { label: '粤' });
  await page.click('.pv-picker-ok');
  await phone.fill('#rest', 'B12345');
  await phone.fill('#vin', '183745');
  await phone.tap('#submit');
  await phone.waitForRoute('packages/fines/pages/notices/notices');
}

/** On the passport form: the preview's sample photo, chosen and shown. */
export async function takeSamplePassportPhoto(phone: Phone): Promise<void> {
  const { page } = phone;
  await phone.tap('#choose-photo');
  await page.click('[data-pv="chooseMedia"] [data-value="sample"]');
  await page.waitForSelector(phone.top('#photo-preview'));
}

/** On the passport form after the photo: the Yuexiu office's first open day and time, collected in person, declared, on to the answers. */
export async function bookPassportVisit(phone: Phone): Promise<void> {
  const { page } = phone;
  await phone.tap('#office-gz-yuexiu');
  await page.waitForSelector(phone.top('.pp-day-available, .pp-day-few'));
  await page.locator(phone.top('.pp-day-available, .pp-day-few')).first().click();
  await page.waitForSelector(phone.top('.pp-window:not(.pp-window-off)'));
  await page.locator(phone.top('.pp-window:not(.pp-window-off)')).first().click();
  await phone.tap('#collection-in-person');
  await phone.tap('#declaration');
  await phone.tap('#continue');
  await page.waitForSelector(phone.top('#answers'));
}

export async function openFromHome(phone: Phone, query: string, shown: RegExp, serviceId: string, route: string): Promise<void> {
  // Home is a tab: coming back to it, the search may still be open with the last words typed.
  const label = phone.page.locator(phone.top('.weui-search-bar__label'));
  if (await label.isVisible()) await label.click();
  await phone.page.fill(phone.top('.weui-search-bar__input input'), query, { timeout: 5000 });
  await phone.waitForText(shown);
  // The visible tile: a recently used service's tile is also on the page, hidden while searching.
  await phone.page.locator(phone.top(`[data-id="${serviceId}"]`)).filter({ visible: true }).first().click();
  await phone.waitForRoute(route);
}

/** On checkout: pay, choose "pay" in the payment sheet, and land on the receipt; its PAY reference. */
export async function payOnCheckout(phone: Phone): Promise<string> {
  const { page } = phone;
  await phone.waitForRoute('packages/pay/pages/checkout/checkout');
  await page.waitForSelector(phone.top('#pay'));
  await phone.tap('#pay');
  await page.click('[data-pv="payment"] [data-value="pay"]');
  await phone.waitForRoute('packages/pay/pages/receipt/receipt');
  await page.waitForSelector(phone.top('#reference'));
  const reference = ((await page.textContent(phone.top('#reference'))) ?? '').match(/PAY\w+/)?.[0];
  assert(reference, 'receipt shows no payment reference');
  return reference;
}

/** Home, then Me > records: the payment with this reference is listed, in these words. */
export async function seeInRecords(phone: Phone, reference: string, words: RegExp): Promise<void> {
  await backToHome(phone);
  await phone.page.click('.pv-tab[data-index="1"]');
  await phone.waitForRoute('pages/me/me');
  await phone.tap('#records');
  await phone.waitForRoute('packages/records/pages/records/records');
  await phone.waitForText(reference);
  await phone.waitForText(words);
}
