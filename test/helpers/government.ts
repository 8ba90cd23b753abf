// A fresh mocked government per test, with a clock the test controls.
import { createGovernment, type Government } from '../../miniprogram/mock/index';
import { createEmbeddedTransport, type EmbeddedTransport } from '../../miniprogram/core/transport';
import { CAST, type CastMember } from '../../miniprogram/mock/seed';

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
  /** What the government persisted last, as the embedded app would store it on the device. */
  snapshot(): string | undefined;
}

export function createTestGovernment(clock: TestClock = createClock()): TestGovernment {
  let saved: string | undefined;
  const government = createGovernment({
    clock,
    seed: 7,
    secret: 'test-secret',
    storage: { load: () => undefined, save: (snapshot) => { saved = snapshot; } },
    config: { exposeSmsCode: true, allowSimulatedFace: true },
  });
  return { government, transport: createEmbeddedTransport(government, { latencyMs: 0 }), clock, snapshot: () => saved };
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
