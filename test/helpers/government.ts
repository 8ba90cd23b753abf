// A fresh mocked government per test, with a clock the test controls.
import { createGovernment, type Government, type GovernmentStorage } from '../../miniprogram/mock/index';
import { createEmbeddedTransport, type EmbeddedTransport } from '../../miniprogram/core/transport';
import { CAST, type CastMember } from '../../miniprogram/mock/seed';
import { createStandIns } from '../../miniprogram/mock/embedded';
import { installStandIns, type StandIns } from '../../miniprogram/core/simulation';
import { DAY_MS } from '../../miniprogram/core/dates';

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
}

/** Storage in a Map, as the government's keys would be on the device. */
export function memoryStorage(stored = new Map<string, string>()): GovernmentStorage {
  return { read: (key) => stored.get(key), write: (key, value) => { stored.set(key, value); }, remove: (key) => { stored.delete(key); } };
}

const daysAheadOf = new WeakMap<TestClock, number>();

/**
 * The embedded government's stand-ins, with the tester's clock moving this test's clock. Pass the
 * factory from a fresh module registry (renderPage) so its words follow that registry's language.
 */
export function testStandIns(clock: TestClock, make: typeof createStandIns = createStandIns): StandIns {
  return make({
    now: () => clock.now(),
    daysAhead: () => daysAheadOf.get(clock) ?? 0,
    moveForward: (days) => {
      daysAheadOf.set(clock, (daysAheadOf.get(clock) ?? 0) + days);
      clock.advance(days * DAY_MS);
    },
  });
}

/** A government like the embedded one, so its stand-ins (SMS code note, face, DevTools wallet, clock) are installed too. */
export function createTestGovernment(clock: TestClock = createClock()): TestGovernment {
  installStandIns(testStandIns(clock));
  const stored = new Map<string, string>();
  const government = createGovernment({
    clock,
    seed: 7,
    secret: 'test-secret',
    storage: memoryStorage(stored),
    config: { exposeSmsCode: true, allowSimulatedFace: true },
    checkWrites: true,
  });
  return { government, transport: createEmbeddedTransport(government, { latencyMs: 0 }), clock, snapshot: () => (stored.size ? [...stored.entries()].map(([k, v]) => `${k}=${v}`).join('\n') : undefined), stored };
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
