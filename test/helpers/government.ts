// A fresh mocked government per test, with a clock the test controls.
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import { createGovernment, merchantKeyOf, type Government, type GovernmentStorage } from '../../miniprogram/mock/index';
import type { IdempotentAnswer } from '../../miniprogram/mock/store';
import { createSecureRandom, defaultRandomBytes } from '../../miniprogram/mock/random';
import { NONCE_HEADER, NOTIFY_PATH, SIGNATURE_HEADER, TIMESTAMP_HEADER, createWeChatPay, noticeSignature, rfc3339Cst, type WeChatPay } from '../../miniprogram/mock/wechat-pay';
import type { ApiRequest } from '../../miniprogram/contracts/http';
import { fake } from './fake-wx';
import type { EmbeddedTransport } from '../../miniprogram/core/transport';
import { createEmbeddedTransport } from '../../miniprogram/mock/transport';
import { CAST, type CastMember } from '../../miniprogram/mock/seed';
import { createStandIns } from '../../miniprogram/mock/stand-ins';
import { installStandIns, type StandIns } from '../../miniprogram/core/stand-ins';
import { DAY_MS } from '../../miniprogram/core/dates';
import { createAgencyKit } from '../../miniprogram/mock/kit';
import type { Endpoint } from '../../miniprogram/mock/router';
import { createAgency as createPoliceAgency } from '../../miniprogram/packages/fines/agency/police';
import { createAgency as createUtilitiesAgency } from '../../miniprogram/packages/bills/agency/utilities';
import { createAgency as createCivilAgency } from '../../miniprogram/agencies/civil/civil';
import { createAgency as createHealthAgency } from '../../miniprogram/packages/hospital/agency/health';
import { createAgency as createExitEntryAgency } from '../../miniprogram/agencies/exit-entry/exit-entry';
import { createAgency as createReportsAgency } from '../../miniprogram/agencies/reports/reports';

/** 2026-11-22 10:00 CST */
export const TEST_NOW = Date.UTC(2026, 10, 22, 2, 0, 0);

export interface TestClock { now(): number; set(ms: number): void; advance(ms: number): void }

export function createClock(start = TEST_NOW): TestClock {
  let current = start;
  return { now: () => current, set: (ms) => { current = ms; }, advance: (ms) => { current += ms; } };
}

export interface TestGovernment {
  government: Government;
  transport: EmbeddedTransport;
  clock: TestClock;
  /** What the government persisted, as the embedded app would store it on the device: every key, joined. */
  snapshot(): string | undefined;
  /** The stored keys and their values. */
  stored: Map<string, string>;
  /** The simulated WeChat Pay beside it: wx.requestPayment pays through it, and it notifies the government. */
  weChatPay: WeChatPay;
  /** While held, WeChat Pay takes payments but does not notify until `weChatPay.deliver()` (a late notification). */
  holdNotices(held: boolean): void;
}

/** The merchant key the test governments share with their WeChat Pay. */
export const TEST_MERCHANT_KEY = merchantKeyOf('test-secret');

/** Storage in a Map, as the government's keys would be on the device. */
export function memoryStorage(stored = new Map<string, string>()): GovernmentStorage {
  return { read: (key) => stored.get(key), write: (key, value) => { stored.set(key, value); }, remove: (key) => { stored.delete(key); } };
}

const daysAheadOf = new WeakMap<TestClock, number>();

/**
 * The embedded government's stand-ins, with the tester's clock moving this test's clock. Pass the
 * factory from a fresh module registry (renderPage) so its words follow that registry's language.
 */
export function testStandIns(gov: Pick<TestGovernment, 'clock' | 'weChatPay'>, make: typeof createStandIns = createStandIns): StandIns {
  const { clock } = gov;
  return make(
    {
      now: () => clock.now(),
      daysAhead: () => daysAheadOf.get(clock) ?? 0,
      moveForward: (days) => {
        daysAheadOf.set(clock, (daysAheadOf.get(clock) ?? 0) + days);
        clock.advance(days * DAY_MS);
      },
    },
    () => Promise.resolve(gov.weChatPay),
  );
}

/** A government like the embedded one, with WeChat Pay beside it and its stand-ins (SMS code note, face, DevTools wallet, clock) installed. */
/**
 * The test government over these stored keys, with a simulated WeChat Pay that notifies it: what
 * createTestGovernment starts with, and what a restart over the same keys makes again.
 */
export function governmentOver(clock: TestClock, stored: Map<string, string>): { government: Government; weChatPay: WeChatPay } {
  const weChatPay = createWeChatPay({ merchantKey: TEST_MERCHANT_KEY, clock, random: createSecureRandom(defaultRandomBytes()) });
  const government = createGovernment({
    clock,
    seed: 7,
    secret: 'test-secret',
    storage: memoryStorage(stored),
    config: { exposeSmsCode: true, allowSimulatedFace: true },
    checkWrites: true,
    merchant: { key: TEST_MERCHANT_KEY, refund: (orderId, reference, amountFen) => weChatPay.refund(orderId, reference, amountFen) },
  });
  weChatPay.connect((req) => government.handle(req));
  return { government, weChatPay };
}

export function createTestGovernment(clock: TestClock = createClock()): TestGovernment {
  const stored = new Map<string, string>();
  const { government, weChatPay } = governmentOver(clock, stored);
  let held = false;
  // wx.requestPayment in the fake pays through this WeChat Pay, which then notifies the government.
  fake.payOnWeChat = async (params) => {
    const outcome = weChatPay.pay(params);
    if (!outcome.paid) return outcome.reason === 'ORDER_PAID' ? 'order already paid' : `payment refused (${outcome.reason})`;
    if (!held) await weChatPay.deliver();
    return null;
  };
  const gov: TestGovernment = {
    government,
    transport: createEmbeddedTransport(government, { latencyMs: 0 }),
    clock,
    snapshot: () => (stored.size ? [...stored.entries()].map(([k, v]) => `${k}=${v}`).join('\n') : undefined),
    stored,
    weChatPay,
    holdNotices: (next) => {
      held = next;
    },
  };
  installStandIns(testStandIns(gov));
  return gov;
}

/**
 * A payment notification as WeChat Pay would send it, signed with the test merchant key unless `key` is
 * given; `signedAt` (default now) is the signature's timestamp.
 */
export function paymentNotice(
  gov: TestGovernment,
  resource: { orderId: string; transactionId: string; amountFen: number; paidAt: number },
  options: { key?: string; signedAt?: number; body?: string } = {},
): ApiRequest {
  const body =
    options.body ??
    JSON.stringify({
      id: 'EV-test',
      event_type: 'TRANSACTION.SUCCESS',
      resource: { out_trade_no: resource.orderId, transaction_id: resource.transactionId, trade_state: 'SUCCESS', success_time: rfc3339Cst(resource.paidAt), amount: { total: resource.amountFen, currency: 'CNY' } },
    });
  const timestamp = String(Math.floor((options.signedAt ?? gov.clock.now()) / 1000));
  const nonce = 'n0nce';
  return {
    method: 'POST',
    path: NOTIFY_PATH,
    headers: { [TIMESTAMP_HEADER]: timestamp, [NONCE_HEADER]: nonce, [SIGNATURE_HEADER]: noticeSignature(options.key ?? TEST_MERCHANT_KEY, timestamp, nonce, body) },
    body,
  };
}

/** The payer pays the order on WeChat Pay, which notifies the government; resolves WeChat Pay's transaction id. */
export async function payOrder(gov: TestGovernment, order: Pick<PaymentOrder, 'payParams'>, notify = true): Promise<string> {
  if (!order.payParams) throw new Error('the order has no pay parameters (not pending)');
  const outcome = gov.weChatPay.pay(order.payParams);
  if (!outcome.paid) throw new Error(`WeChat Pay refused: ${outcome.reason}`);
  if (notify) await gov.weChatPay.deliver();
  return outcome.transactionId;
}

export function resident(key: string): CastMember {
  const member = CAST.find((m) => m.key === key);
  if (!member) throw new Error(`no cast member ${key}`);
  return member;
}

/** Drives the identity endpoints directly; resolves the bearer token of a verified person. */
export async function verifiedToken(government: Government, key = 'r02'): Promise<string> {
  const person = resident(key);
  const started = await government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
  const token = (started.body as { token: string }).token;
  const headers = { authorization: `Bearer ${token}` };
  const sms = await government.handle({ method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile: person.mobile }) });
  const code = (sms.body as { devCode: string }).devCode;
  const verified = await government.handle({
    method: 'POST',
    path: '/identity/verify',
    headers,
    body: JSON.stringify({ name: person.name, idNumber: person.idNumber, mobile: person.mobile, smsCode: code }),
  });
  if (verified.status !== 200) throw new Error(`verification failed: ${JSON.stringify(verified.body)}`);
  return token;
}

/** Every answer the government saved for replays, of every session (they are kept a session a bucket). */
export function savedAnswers(government: Government): IdempotentAnswer[] {
  return Object.values(government.inspect().idempotency).flatMap((answers) => Object.values(answers));
}

/**
 * That no test resident's full ID number (nor `extra` ones typed in a test) is in this text. A pattern
 * such as 18 digits would also match random tokens and digests that happen to be all digits.
 */
export function expectNoIdNumbers(text: string | undefined, extra: string[] = []): void {
  [...CAST.map((member) => member.idNumber), ...extra].forEach((id) => {
    expect(text ?? '').not.toContain(id);
    expect(text ?? '').not.toContain(id.toLowerCase());
  });
}

/** Every order the government keeps, of every payer (they are stored per payer), by id. */
export function storedOrders(government: Government): Record<string, PaymentOrder & { personId: string; lines: PaymentOrder['lines'] }> {
  const out: Record<string, PaymentOrder & { personId: string }> = {};
  const { agencies } = government.inspect();
  Object.keys(agencies)
    .filter((name) => name.startsWith('payments.'))
    .forEach((name) => Object.assign(out, (agencies[name] as { orders: Record<string, PaymentOrder & { personId: string }> }).orders));
  return out;
}

/**
 * Every endpoint of a government with all its agencies, known before any test runs (it.each needs
 * them when the file loads, before an agency could load lazily): the agencies are made here directly.
 * test/mock/agency.test.ts holds this to what the registry's lazily loaded government serves.
 */
export function allEndpoints(): Endpoint[] {
  const merchant = { key: 'endpoints-only', refund: () => null };
  return createGovernment({ clock: createClock(), agencies: [createPoliceAgency(createAgencyKit(merchant, 'police')), createHealthAgency(createAgencyKit(merchant, 'health')), createUtilitiesAgency(createAgencyKit(merchant, 'utilities')), createCivilAgency(createAgencyKit(merchant, 'civil-affairs')), createExitEntryAgency(createAgencyKit(merchant, 'exit-entry')), createReportsAgency(createAgencyKit(merchant, 'reports'))] }).endpoints();
}
