// Every page of the app as a resident reaches it, after the identity step: each route of app.json
// opened bare, then the fines and payment walk (bind the car, open its notices, open one, select and
// check out, pay in the payment sheet, see the receipt), the hospital walk (a symptom search, the
// 60-doctor department, booking for a family member, paying, cancelling), the bills walk (bind with a
// field error and the preview, a bill and its chart, pay all), the error states (not found,
// network failing), marriage and divorce by two residents on one phone (signing out and in) and, last,
// deleting one's data. `visit(route, state)` is called on each screen: the
// screenshots (shots.ts) save it, the inclusion walk (inclusion.e2e.ts) measures it.
import * as fs from 'fs';
import * as path from 'path';
import { RESIDENT, bookPassportVisit, payOnCheckout, signOut, takeSamplePassportPhoto, verifyIdentity, type Phone } from './harness';

export const VEHICLES = 'packages/fines/pages/vehicles/vehicles';
export const BIND = 'packages/fines/pages/bind/bind';
export const NOTICES = 'packages/fines/pages/notices/notices';
export const NOTICE = 'packages/fines/pages/notice/notice';
export const CHECKOUT = 'packages/pay/pages/checkout/checkout';
export const RECEIPT = 'packages/pay/pages/receipt/receipt';
export const ME = 'pages/me/me';
export const RECORDS = 'packages/records/pages/records/records';
const HOSPITAL_ROOT = 'packages/hospital/pages';
export const HOSPITALS = `${HOSPITAL_ROOT}/hospitals/hospitals`;
export const HOSPITAL = `${HOSPITAL_ROOT}/hospital/hospital`;
export const DEPARTMENT = `${HOSPITAL_ROOT}/department/department`;
export const DOCTOR = `${HOSPITAL_ROOT}/doctor/doctor`;
export const BOOK = `${HOSPITAL_ROOT}/book/book`;
export const BOOKING = `${HOSPITAL_ROOT}/booking/booking`;
export const BOOKINGS = `${HOSPITAL_ROOT}/bookings/bookings`;
export const PATIENTS = `${HOSPITAL_ROOT}/patients/patients`;
export const ACCOUNTS = 'packages/bills/pages/accounts/accounts';
export const ACCOUNT = 'packages/bills/pages/account/account';
export const BILL_BIND = 'packages/bills/pages/bind/bind';
const CIVIL_ROOT = 'packages/civil/pages';
export const CIVIL_CASES = `${CIVIL_ROOT}/cases/cases`;
export const CIVIL_START = `${CIVIL_ROOT}/start/start`;
export const CIVIL_CASE = `${CIVIL_ROOT}/case/case`;
export const CIVIL_JOIN = `${CIVIL_ROOT}/join/join`;
export const CIVIL_BOOK = `${CIVIL_ROOT}/book/book`;
/** 陈静 (r03), 李明's wife: the second person of their divorce. */
const SPOUSE = { name: '陈静', idNumber: '440305198203150022', mobile: '13800000003' };
const NEWBORN_REGISTER = 'packages/newborn/pages/register/register';
const NEWBORN_REGISTRATION = 'packages/newborn/pages/registration/registration';
const PASSPORT_APPLICATIONS = 'packages/passport/pages/applications/applications';
const PASSPORT_APPLY = 'packages/passport/pages/apply/apply';
const PASSPORT_APPLICATION = 'packages/passport/pages/application/application';
const REPORTS_SERVICES = 'packages/reports/pages/services/services';
const REPORTS_COMPOSE = 'packages/reports/pages/compose/compose';
const REPORTS_MINE = 'packages/reports/pages/reports/reports';
const REPORTS_REPORT = 'packages/reports/pages/report/report';
const ACCIDENT = 'packages/accident/pages/accident/accident';
/** Pages reached through the fines and payment walk below, not by opening their route bare. */
const WALKED = [VEHICLES, BIND, NOTICES, NOTICE, CHECKOUT, RECEIPT];
const CAR = { province: '粤', rest: 'B12345', vin: '183745' };

interface AppJson { pages: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] }

export function allPages(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'miniprogram', 'app.json'), 'utf8')) as AppJson;
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [...app.pages, ...subs.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))];
}

/** What a tour does on each screen: `state` names a state other than the page's first ('' for that). */
export type Visit = (route: string, state?: string) => Promise<void>;

/** Toasts gone, no page still loading, nothing animating: what a resident sees after a moment. */
export async function settle(phone: Phone): Promise<void> {
  const { page } = phone;
  await page.waitForSelector('.pv-toast-wrap', { state: 'detached', timeout: 6000 }).catch(() => undefined);
  await page.waitForSelector(phone.top('.load-state.loading'), { state: 'detached', timeout: 4000 }).catch(() => undefined);
  await page.waitForTimeout(250);
}

export async function open(phone: Phone, route: string): Promise<void> {
  await phone.page.evaluate((r) => {
    window.location.hash = `#/${r}`;
  }, route);
  await phone.waitForRoute(route.split('?')[0]).catch(() => undefined);
}

async function back(phone: Phone, to: string): Promise<void> {
  await phone.page.click('#pv-back');
  await phone.waitForRoute(to);
}

/** Vehicles -> bind -> notices -> notice -> checkout -> payment sheet -> receipt -> vehicles, as a resident goes. */
async function finesAndPayment(visit: Visit, phone: Phone): Promise<void> {
  const { page } = phone;
  await open(phone, VEHICLES);
  await settle(phone);
  const plate = `${CAR.province}${CAR.rest}`;
  const bound = page.locator(phone.top('.vehicle'), { hasText: plate });
  if ((await bound.count()) === 0) {
    if ((await page.locator(phone.top('.vehicle')).count()) === 0) await visit(VEHICLES, 'empty');
    await phone.tap('#bind');
    await phone.waitForRoute(BIND);
    await visit(BIND);
    await phone.tap('#province');
    await page.selectOption('[data-pv="picker"] select', { label: CAR.province });
    await page.click('.pv-picker-ok');
    await phone.fill('#rest', CAR.rest);
    await phone.fill('#vin', '18374');
    await phone.tap('#submit');
    await page.waitForSelector(phone.top('#vin-error'));
    await visit(BIND, 'field-error');
    await phone.fill('#vin', CAR.vin);
    await phone.tap('#submit');
    await phone.waitForRoute(NOTICES);
  } else {
    await bound.first().locator('.vehicle-main').click();
    await phone.waitForRoute(NOTICES);
  }
  await page.waitForSelector(phone.top('#check-0'));
  await visit(NOTICES);

  await phone.tap('#notice-0');
  await phone.waitForRoute(NOTICE);
  await page.waitForSelector(phone.top('#due'));
  await visit(NOTICE);
  await back(phone, NOTICES);

  await page.waitForSelector(phone.top('#check-0'));
  await phone.tap('#check-0');
  await phone.tap('#check-1');
  await visit(NOTICES, 'selected');
  await phone.tap('#pay');
  await phone.waitForRoute(CHECKOUT);
  await page.waitForSelector(phone.top('#pay'));
  await visit(CHECKOUT);

  await phone.tap('#pay');
  await page.waitForSelector('[data-pv="payment"]');
  await visit(CHECKOUT, 'payment-sheet');
  await page.click('[data-pv="payment"] .pv-sheet-cancel');
  await page.waitForSelector(phone.top('#notice'));
  await visit(CHECKOUT, 'cancelled');
  await phone.tap('#pay');
  await page.click('[data-pv="payment"] [data-value="pay"]');
  await phone.waitForRoute(RECEIPT);
  await page.waitForSelector(phone.top('#reference'));
  await visit(RECEIPT);

  await phone.tap('#done');
  await phone.waitForRoute(NOTICES);
  await back(phone, VEHICLES);
  await page.waitForSelector(phone.top('.vehicle'));
  await visit(VEHICLES);
}

/**
 * Hospital booking as a resident goes (each page was opened bare before): hospitals, a symptom search, a
 * hospital, the 60-doctor department, a doctor's day, the patients, booking paediatrics for the daughter,
 * paying, the confirmation, cancelling, and My bookings.
 */
async function hospitalBooking(visit: Visit, phone: Phone): Promise<void> {
  const { page } = phone;
  await open(phone, HOSPITALS);
  await page.waitForSelector(phone.top('#hospitals'));
  await visit(HOSPITALS, 'list');
  await open(phone, `${HOSPITALS}?q=${encodeURIComponent('发烧')}`);
  await page.waitForSelector(phone.top('#found-departments'));
  await visit(HOSPITALS, 'symptom');
  await open(phone, `${HOSPITAL}?id=h1`);
  await page.waitForSelector(phone.top('#head'));
  await visit(HOSPITAL, 'h1');
  await open(phone, `${DEPARTMENT}?id=h1-general-practice`);
  await page.waitForSelector(phone.top('#strip'));
  await visit(DEPARTMENT, 'sixty-doctors');
  await open(phone, `${PATIENTS}`);
  await page.waitForSelector(phone.top('#person-fm-r02-daughter'));
  await visit(PATIENTS, 'family');
  await open(phone, `${DEPARTMENT}?id=h2-paediatrics`);
  await page.waitForSelector(phone.top('#open .doctor-row'));
  await phone.tap('#open .doctor-row');
  await phone.waitForRoute(DOCTOR);
  await page.waitForSelector(phone.top('.slot:not(.slot-full)'));
  await visit(DOCTOR, 'day');
  await phone.tap('.slot:not(.slot-full)');
  await phone.waitForRoute(BOOK);
  await page.waitForSelector(phone.top('#confirm'));
  await visit(BOOK, 'daughter');
  await phone.tap('#confirm');
  await payOnCheckout(phone);
  await phone.tap('#done');
  await phone.waitForRoute(BOOKING);
  await page.waitForSelector(phone.top('#cancel'));
  await visit(BOOKING, 'booked');
  await phone.tap('#cancel');
  await page.waitForSelector('[data-pv="modal"]');
  await page.click('[data-pv="modal"] .pv-modal-confirm');
  await page.waitForSelector(phone.top('#cancel'), { state: 'detached' });
  await visit(BOOKING, 'cancelled');
  await open(phone, BOOKINGS);
  await page.waitForSelector(phone.top('#past-0'));
  await visit(BOOKINGS, 'past');
}

/** Utility bills as a resident goes: no accounts yet, binding (a field error, the preview), a bill and its chart, paying all. */
async function utilityBills(visit: Visit, phone: Phone): Promise<void> {
  const { page } = phone;
  await open(phone, ACCOUNTS);
  await page.waitForSelector(phone.top('#add'));
  if ((await page.locator(phone.top('.account')).count()) === 0) await visit(ACCOUNTS, 'empty');
  await phone.tap('#add');
  await phone.waitForRoute(BILL_BIND);
  await page.waitForSelector(phone.top('#company-gz-power'));
  await phone.fill('#accountNumber', '03000');
  await phone.fill('#proof', '李');
  await phone.tap('#check');
  await page.waitForSelector(phone.top('#accountNumber-error'));
  await visit(BILL_BIND, 'field-error');
  await phone.fill('#accountNumber', '0300000002');
  await phone.tap('#check');
  await page.waitForSelector(phone.top('#preview'));
  await visit(BILL_BIND, 'preview');
  await phone.tap('#suggest-0');
  await phone.tap('#add');
  await phone.waitForRoute(ACCOUNT);
  await page.waitForSelector(phone.top('#chart'));
  await visit(ACCOUNT, 'bill');
  await back(phone, ACCOUNTS);
  await page.waitForSelector(phone.top('#pay-all'));
  await visit(ACCOUNTS, 'due');
  await phone.tap('#pay-all');
  await payOnCheckout(phone);
  await visit(RECEIPT, 'bills');
  await phone.tap('#done');
  await phone.waitForRoute(ACCOUNTS);
  await page.waitForSelector(phone.top('#summary'));
  await visit(ACCOUNTS, 'paid');
}

/**
 * Marriage and divorce as 李明 and his wife go, on one phone: his cases (none), a marriage (he is
 * married: the panel), a divorce (a certificate number typed wrong, then right, the agreement, check your
 * answers), the case with its code; he signs out, she verifies, enters the code, reads the agreement,
 * accepts and books the application (offices, days, a window, check your answers, the confirmation); she
 * signs out and he verifies again. Each screen is visited in the language the tour runs in.
 */
async function marriageAndDivorce(visit: Visit, phone: Phone): Promise<void> {
  const { page } = phone;
  await open(phone, CIVIL_CASES);
  await page.waitForSelector(phone.top('#start-divorce'));
  await visit(CIVIL_CASES, 'empty');
  await open(phone, `${CIVIL_START}?kind=marriage`);
  await page.waitForSelector(phone.top('[id^="panel-"]'));
  await visit(CIVIL_START, 'married');
  await open(phone, `${CIVIL_START}?kind=divorce`);
  await page.waitForSelector(phone.top('#certificateNumber'));
  await visit(CIVIL_START, 'divorce');
  await phone.fill('#certificateNumber', '440305-2008-000316');
  await phone.fill('#agreement', '双方自愿离婚。儿子由女方抚养，男方每月支付抚养费；住房归男方，存款平分；无共同债务。');
  await phone.tap('#agreementAcknowledged');
  await phone.tap('#continue');
  await page.waitForSelector(phone.top('#certificateNumber-error'));
  await visit(CIVIL_START, 'field-error');
  await phone.fill('#certificateNumber', 'J440305-2008-000316');
  await phone.tap('#continue');
  await page.waitForSelector(phone.top('#answers'));
  await visit(CIVIL_START, 'check');
  await phone.tap('#submit');
  await phone.waitForRoute(CIVIL_CASE);
  await page.waitForSelector(phone.top('#code'));
  await visit(CIVIL_CASE, 'invited');
  const code = ((await page.textContent(phone.top('#code'))) ?? '').replace(/\s/g, '');

  await signOut(phone);
  await verifyIdentity(phone, SPOUSE);
  await open(phone, CIVIL_JOIN);
  await page.waitForSelector(phone.top('#code'));
  await visit(CIVIL_JOIN);
  await phone.fill('#code', code);
  await phone.tap('#open');
  await page.waitForSelector(phone.top('#preview'));
  await visit(CIVIL_JOIN, 'preview');
  await phone.tap('#signed');
  await phone.tap('#accept');
  await phone.waitForRoute(CIVIL_CASE);
  await page.waitForSelector(phone.top('#book'));
  await visit(CIVIL_CASE, 'accepted');
  await phone.tap('#book');
  await phone.waitForRoute(CIVIL_BOOK);
  await page.waitForSelector(phone.top('#office-gz-tianhe'));
  await visit(CIVIL_BOOK, 'offices');
  await phone.tap('#office-gz-tianhe');
  await page.waitForSelector(phone.top('.day-available, .day-few'));
  await page.locator(phone.top('.day-available, .day-few')).first().click();
  await page.waitForSelector(phone.top('.window'));
  await visit(CIVIL_BOOK, 'days');
  await page.locator(phone.top('.window')).first().click();
  await phone.tap('#next');
  await page.waitForSelector(phone.top('#answers'));
  await visit(CIVIL_BOOK, 'check');
  await phone.tap('#confirm');
  await page.waitForSelector(phone.top('#confirmation'));
  await visit(CIVIL_BOOK, 'confirmation');
  await phone.tap('#see-case');
  await phone.waitForRoute(CIVIL_CASE);
  await page.waitForSelector(phone.top('#upcoming'));
  await visit(CIVIL_CASE, 'booked');

  await signOut(phone);
  await verifyIdentity(phone, RESIDENT);
  await open(phone, CIVIL_CASES);
  await page.waitForSelector(phone.top('#case-0'));
  await visit(CIVIL_CASES, 'booked');
}

/**
 * 李明 registers his newborn as the father (every missing answer said, then check your answers, then his
 * code for the mother), and applies to renew his passport: a first application is refused on its own
 * panel (he holds a valid one), the renewal form with its errors, the sample photo previewed, check your
 * answers, the fee paid, his applications and the application booked.
 */
async function newbornAndPassport(visit: Visit, phone: Phone): Promise<void> {
  const { page } = phone;
  await open(phone, NEWBORN_REGISTER);
  await page.waitForSelector(phone.top('#applicant-father'));
  await phone.tap('#applicant-father');
  await phone.tap('#continue');
  await page.waitForSelector(phone.top('#error-summary'));
  await visit(NEWBORN_REGISTER, 'field-error');
  await phone.fill('#birthCertificateNumber', 'R440123456');
  await phone.fill('#babyName', '李小雨');
  await phone.tap('#sex-female');
  await phone.tap('#birthDate');
  await page.click('.pv-picker-ok');
  await phone.tap('#hukou-mother');
  await phone.tap('#consent');
  await phone.tap('#continue');
  await page.waitForSelector(phone.top('#answers'));
  await visit(NEWBORN_REGISTER, 'check');
  await phone.tap('#submit');
  await phone.waitForRoute(NEWBORN_REGISTRATION);
  await page.waitForSelector(phone.top('#code'));
  await visit(NEWBORN_REGISTRATION, 'code');

  await open(phone, `${PASSPORT_APPLY}?kind=first`);
  await page.waitForSelector(phone.top('#panel-HOLDS_VALID_PASSPORT-action'));
  await visit(PASSPORT_APPLY, 'holder');
  await phone.tap('#panel-HOLDS_VALID_PASSPORT-action');
  await page.waitForSelector(phone.top('#choose-photo'));
  await phone.tap('#continue');
  await page.waitForSelector(phone.top('#error-summary'));
  await visit(PASSPORT_APPLY, 'field-error');
  await phone.tap('#reason-expiring');
  await takeSamplePassportPhoto(phone);
  await visit(PASSPORT_APPLY, 'photo');
  await bookPassportVisit(phone);
  await visit(PASSPORT_APPLY, 'check');
  await phone.tap('#submit');
  await phone.waitForRoute(CHECKOUT);
  await page.waitForSelector(phone.top('#pay'));
  await visit(CHECKOUT, 'passport');
  await payOnCheckout(phone);
  await visit(RECEIPT, 'passport');
  await open(phone, PASSPORT_APPLICATIONS);
  await page.waitForSelector(phone.top('#row-0'));
  await visit(PASSPORT_APPLICATIONS, 'mine');
  await phone.tap('#row-0');
  await phone.waitForRoute(PASSPORT_APPLICATION);
  await page.waitForSelector(phone.top('#timeline'));
  await visit(PASSPORT_APPLICATION, 'booked');
}

/**
 * 李明 reports a broken street light (the form from the definition with its errors, the place, the photo,
 * the one nearby offered, check your answers, the confirmation), sees his reports and his blocked drain the
 * city has fixed (rating offered), and opens the minor accident form.
 */
async function reportsAndAccident(visit: Visit, phone: Phone): Promise<void> {
  const { page } = phone;
  await open(phone, `${REPORTS_SERVICES}?group=city`);
  await page.waitForSelector(phone.top('#service-street-light'));
  await visit(REPORTS_SERVICES, 'city');
  await phone.tap('#service-street-light');
  await phone.waitForRoute(REPORTS_COMPOSE);
  await page.waitForSelector(phone.top('#description'));
  await phone.tap('#continue');
  await page.waitForSelector(phone.top('#error-summary'));
  await visit(REPORTS_COMPOSE, 'field-error');
  await phone.tap('#attr-1-off');
  await phone.fill('#description', '路灯整晚不亮，路口很黑，行人看不清路。');
  await phone.tap('#choose-point');
  await page.click('[data-pv="location"] [data-value="0"]');
  await phone.tap('#add-photos');
  await page.click('[data-pv="chooseMedia"] [data-value="sample"]');
  await page.waitForSelector(phone.top('#photo-0'));
  await visit(REPORTS_COMPOSE, 'filled');
  await phone.tap('#continue');
  await page.waitForSelector(phone.top('#nearby-heading'));
  await visit(REPORTS_COMPOSE, 'nearby');
  await phone.tap('#report-new');
  await page.waitForSelector(phone.top('#answers'));
  await visit(REPORTS_COMPOSE, 'check');
  await phone.tap('#submit');
  await page.waitForSelector(phone.top('#done-reference'));
  await visit(REPORTS_COMPOSE, 'done');
  await open(phone, REPORTS_MINE);
  await settle(phone);
  await visit(REPORTS_MINE, 'mine');
  await open(phone, `${REPORTS_REPORT}?id=rp-seed-drain`);
  await settle(phone);
  await visit(REPORTS_REPORT, 'fixed');
  await open(phone, ACCIDENT);
  await settle(phone);
  await visit(ACCIDENT, 'form');
}

/** What a resident sees for a link to something that is not theirs or not there, and with the network down. */
async function errorStates(visit: Visit, phone: Phone): Promise<void> {
  const { page } = phone;
  await open(phone, `${NOTICE}?id=no-such-notice`);
  await visit(NOTICE, 'not-found');
  await open(phone, `${CHECKOUT}?order=no-such-order`);
  await visit(CHECKOUT, 'not-found');
  await open(phone, `${RECEIPT}?order=no-such-order`);
  await visit(RECEIPT, 'not-found');
  await open(phone, `${NOTICES}?vehicle=no-such-vehicle`);
  await visit(NOTICES, 'not-found');
  await page.selectOption('#pv-fault', 'unavailable');
  try {
    await open(phone, VEHICLES);
    await visit(VEHICLES, 'unavailable');
  } finally {
    await page.selectOption('#pv-fault', 'none');
  }
}

/** Me > withdraw consent and delete my data: the offer, the confirmation, and what was deleted and kept. Last, as it deletes. */
async function deletingMyData(visit: Visit, phone: Phone): Promise<void> {
  const { page } = phone;
  await open(phone, ME);
  await page.locator(phone.top('#delete-data')).scrollIntoViewIfNeeded();
  await visit(ME, 'delete-offer');
  await phone.tap('#delete-data');
  await page.waitForSelector('[data-pv="modal"]');
  await visit(ME, 'delete-confirm');
  await page.click('[data-pv="modal"] .pv-modal-confirm');
  await page.waitForSelector(phone.top('#deleted-notice'));
  await page.locator(phone.top('#deleted-notice')).scrollIntoViewIfNeeded();
  await visit(ME, 'deleted');
}

/** Visits every screen; the identity step must be done already. Deletes the resident's data at the end. */
export async function tour(phone: Phone, visit: Visit): Promise<void> {
  for (const route of allPages().filter((r) => !WALKED.includes(r))) {
    await open(phone, route);
    await visit(route);
  }
  await finesAndPayment(visit, phone);
  await hospitalBooking(visit, phone);
  await utilityBills(visit, phone);
  // My records again, now holding the fine payment as well as the verification.
  await open(phone, RECORDS);
  await visit(RECORDS, 'after-payment');
  await errorStates(visit, phone);
  await marriageAndDivorce(visit, phone);
  await newbornAndPassport(visit, phone);
  await reportsAndAccident(visit, phone);
  await deletingMyData(visit, phone);
}
