import { allEndpoints, createClock, createTestGovernment, expectNoIdNumbers, memoryStorage, resident, verifiedToken } from '../helpers/government';
import type { ApiRequest, HttpMethod } from '../../miniprogram/contracts/http';
import { createGovernment } from '../../miniprogram/mock/index';
import { idCheckChar } from '../../miniprogram/core/validation';
import { hmacSha256Hex, keyedHash, sha256 } from '../../miniprogram/mock/random';

const send = (gov: ReturnType<typeof createTestGovernment>, req: Partial<ApiRequest> & { method: HttpMethod; path: string }) =>
  gov.government.handle({ headers: {}, ...req });

async function anonymousToken(gov: ReturnType<typeof createTestGovernment>): Promise<string> {
  const res = await send(gov, { method: 'POST', path: '/identity/session', body: '{"code":"abc"}' });
  return (res.body as { token: string }).token;
}

describe('the real-name gate on every endpoint', () => {
  const gov = createTestGovernment();
  const endpoints = allEndpoints();
  const concrete = (path: string): string => path.replace(/:\w+/g, 'some-id');

  it('lists every endpoint, and only session bootstrap and WeChat Pay\'s signed notification are open', () => {
    expect(endpoints.filter((e) => e.auth === 'none').map((e) => `${e.method} ${e.path}`)).toEqual(['POST /identity/session', 'POST /payments/notify']);
  });

  it.each(endpoints.filter((e) => e.auth !== 'none').map((e) => [e.method, e.path, e.auth] as const))(
    '%s %s answers 401 without a token',
    async (method, path) => {
      const res = await send(gov, { method, path: concrete(path), body: '{}' });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      const forged = await send(gov, { method, path: concrete(path), body: '{}', headers: { authorization: 'Bearer tk_forged' } });
      expect(forged.status).toBe(401);
    },
  );

  it.each(endpoints.filter((e) => e.auth === 'verified' || e.auth === 'face').map((e) => [e.method, e.path] as const))(
    '%s %s answers 403 NOT_VERIFIED to a session that is not real-name verified',
    async (method, path) => {
      const token = await anonymousToken(gov);
      const res = await send(gov, { method, path: concrete(path), body: '{}', headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'NOT_VERIFIED' } });
    },
  );
});

describe('bad requests get specific answers, never a crash', () => {
  it('malformed JSON is a 400', async () => {
    const gov = createTestGovernment();
    const res = await send(gov, { method: 'POST', path: '/identity/session', body: '{"code":' });
    expect(res).toEqual({ status: 400, body: { error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON' } } });
  });

  it('an unknown path is a 404 with a code, a wrong method a 405', async () => {
    const gov = createTestGovernment();
    expect(await send(gov, { method: 'GET', path: '/no/such/thing' })).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await send(gov, { method: 'PUT', path: '/identity/me' })).toMatchObject({ status: 405, body: { error: { code: 'METHOD_NOT_ALLOWED' } } });
  });

  it('missing fields, wrong types and oversized strings are named field by field', async () => {
    const gov = createTestGovernment();
    const token = await anonymousToken(gov);
    const headers = { authorization: `Bearer ${token}` };
    const res = await send(gov, {
      method: 'POST',
      path: '/identity/verify',
      headers,
      body: JSON.stringify({ name: 'x'.repeat(31), idNumber: 11010519491231, smsCode: '12' }),
    });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: {
        code: 'VALIDATION',
        message: 'Some fields need attention',
        fields: { name: 'TOO_LONG', idNumber: 'WRONG_TYPE', mobile: 'REQUIRED', smsCode: 'SMS_FORMAT' },
      },
    });
    // A name of only spaces is no name.
    const blank = await send(gov, { method: 'POST', path: '/identity/verify', headers, body: JSON.stringify({ name: '   ', idNumber: '11010519491231002X', mobile: '13800000001', smsCode: '123456' }) });
    expect(blank).toMatchObject({ status: 422, body: { error: { fields: { name: 'REQUIRED' } } } });
    const array = await send(gov, { method: 'POST', path: '/identity/sms', headers, body: '[1,2]' });
    expect(array).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
  });
});

describe('identity agency', () => {
  it('verifies a cast member, and any other valid ID as a new resident', async () => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r02');
    const me = await send(gov, { method: 'GET', path: '/identity/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.body).toEqual({
      level: 'verified',
      profile: { level: 'verified', nameMasked: '*明', idMasked: '3405**********001X', mobileMasked: '138****0002', sex: 'male', age: 46, newResident: false },
    });

    const fresh = await anonymousToken(gov);
    const headers = { authorization: `Bearer ${fresh}` };
    const sms = await send(gov, { method: 'POST', path: '/identity/sms', headers, body: '{"mobile":"13912345678"}' });
    const code = (sms.body as { devCode: string }).devCode;
    const idNumber = `44010119900101001${idCheckChar('44010119900101001')}`;
    const ok = await send(gov, { method: 'POST', path: '/identity/verify', headers, body: JSON.stringify({ name: 'Test Person', idNumber, mobile: '13912345678', smsCode: code }) });
    expect(ok).toMatchObject({ status: 200, body: { level: 'verified', profile: { nameMasked: '**********n', idMasked: '4401**********0019'.slice(0, 14) + idNumber.slice(-4), newResident: true, sex: 'male', age: 36 } } });
    const records = await send(gov, { method: 'GET', path: '/records', headers });
    expect(records.body).toMatchObject({ total: 1 });
  });

  it('rejects a wrong code, an expired code, and too many tries', async () => {
    const clock = createClock();
    const gov = createTestGovernment(clock);
    const li = resident('r02');
    const token = await anonymousToken(gov);
    const headers = { authorization: `Bearer ${token}` };
    const sms = await send(gov, { method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile: li.mobile }) });
    const code = (sms.body as { devCode: string }).devCode;
    const wrong = code === '000000' ? '111111' : '000000';
    const body = (smsCode: string) => JSON.stringify({ name: li.name, idNumber: li.idNumber, mobile: li.mobile, smsCode });
    expect(await send(gov, { method: 'POST', path: '/identity/verify', headers, body: body(wrong) })).toMatchObject({ status: 422, body: { error: { fields: { smsCode: 'SMS_WRONG' } } } });
    const again = await send(gov, { method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile: li.mobile }) });
    expect(again).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', retryAfterSec: 60 } } });
    for (let i = 0; i < 4; i += 1) await send(gov, { method: 'POST', path: '/identity/verify', headers, body: body(wrong) });
    expect(await send(gov, { method: 'POST', path: '/identity/verify', headers, body: body(code) })).toMatchObject({ status: 429 });
    clock.advance(6 * 60 * 1000);
    const resent = await send(gov, { method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile: li.mobile }) });
    const newCode = (resent.body as { devCode: string }).devCode;
    clock.advance(5 * 60 * 1000);
    expect(await send(gov, { method: 'POST', path: '/identity/verify', headers, body: body(newCode) })).toMatchObject({ status: 422, body: { error: { fields: { smsCode: 'SMS_EXPIRED' } } } });
  });

  it('says which detail does not match the record, and never which ID exists for a stranger', async () => {
    const gov = createTestGovernment();
    const li = resident('r02');
    const token = await anonymousToken(gov);
    const headers = { authorization: `Bearer ${token}` };
    const sms = await send(gov, { method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile: '13999999999' }) });
    const code = (sms.body as { devCode: string }).devCode;
    const res = await send(gov, { method: 'POST', path: '/identity/verify', headers, body: JSON.stringify({ name: li.name, idNumber: li.idNumber, mobile: '13999999999', smsCode: code }) });
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'IDENTITY_MISMATCH', fields: { mobile: 'MOBILE_MISMATCH' } } } });
  });

  it('does not hand out the SMS code unless configured to (real deployments)', async () => {
    const government = createGovernment({ clock: createClock() });
    const started = await government.handle({ method: 'POST', path: '/identity/session', body: '{"code":"x"}' });
    const token = (started.body as { token: string }).token;
    const sms = await government.handle({ method: 'POST', path: '/identity/sms', headers: { authorization: `Bearer ${token}` }, body: '{"mobile":"13800000002"}' });
    expect(sms.status).toBe(200);
    expect(sms.body).not.toHaveProperty('devCode');
  });

  it('replays an idempotent request instead of doing it twice, and refuses a reused key', async () => {
    const gov = createTestGovernment();
    const token = await anonymousToken(gov);
    const headers = { authorization: `Bearer ${token}`, 'Idempotency-Key': 'k1' };
    const first = await send(gov, { method: 'POST', path: '/identity/sms', body: '{"mobile":"13800000002"}', headers });
    const second = await send(gov, { method: 'POST', path: '/identity/sms', body: '{"mobile":"13800000002"}', headers });
    // A second send within a minute would be refused; the replay is the first answer, not a new code.
    expect(second).toEqual(first);
    const other = await send(gov, { method: 'POST', path: '/identity/sms', body: '{"mobile":"13800000003"}', headers });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } });
  });

  it('never replays session bootstrap: each call is a new session', async () => {
    const gov = createTestGovernment();
    const a = await send(gov, { method: 'POST', path: '/identity/session', body: '{"code":"a"}', headers: { 'Idempotency-Key': 'k1' } });
    const b = await send(gov, { method: 'POST', path: '/identity/session', body: '{"code":"a"}', headers: { 'Idempotency-Key': 'k1' } });
    expect((a.body as { token: string }).token).not.toBe((b.body as { token: string }).token);
  });

  it('persists to storage without any full resident ID, and restores from it', async () => {
    const stored = new Map<string, string>();
    const storage = memoryStorage(stored);
    const clock = createClock();
    const government = createGovernment({ clock, storage, config: { exposeSmsCode: true } });
    const token = await verifiedToken(government, 'r01');
    const snapshot = [...stored.values()].join('\n');
    expect(stored.size).toBeGreaterThan(3);
    expectNoIdNumbers(snapshot);
    const restored = createGovernment({ clock, storage });
    const me = await restored.handle({ method: 'GET', path: '/identity/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.body).toMatchObject({ level: 'verified', profile: { idMasked: '1101**********002X' } });
  });
});

describe('records', () => {
  it('are the owner\'s only and validate their query', async () => {
    const gov = createTestGovernment();
    const li = await verifiedToken(gov.government, 'r02');
    const chen = await verifiedToken(gov.government, 'r03');
    const mine = await send(gov, { method: 'GET', path: '/records', headers: { authorization: `Bearer ${li}` } });
    const hers = await send(gov, { method: 'GET', path: '/records', headers: { authorization: `Bearer ${chen}` } });
    expect((mine.body as { items: { detail: { idMasked: string } }[] }).items.map((i) => i.detail.idMasked)).toEqual(['3405**********001X']);
    expect((hers.body as { items: { detail: { idMasked: string } }[] }).items.map((i) => i.detail.idMasked)).toEqual(['4403**********0022']);
    const bad = await send(gov, { method: 'GET', path: '/records', query: { limit: '500', kind: 'x' }, headers: { authorization: `Bearer ${li}` } });
    expect(bad).toMatchObject({ status: 422, body: { error: { fields: { limit: 'OUT_OF_RANGE', kind: 'UNKNOWN_KIND' } } } });
  });
});

describe('what the review found, kept fixed', () => {
  it('does not replay a stored answer to a token that has signed out', async () => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r02');
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': 'face-1' };
    const first = await send(gov, { method: 'POST', path: '/identity/face', headers, body: '{"verifyResult":"simulated"}' });
    expect(first.status).toBe(200);
    await send(gov, { method: 'DELETE', path: '/identity/session', headers: { authorization: `Bearer ${token}` } });
    const replay = await send(gov, { method: 'POST', path: '/identity/face', headers, body: '{"verifyResult":"simulated"}' });
    expect(replay).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  });

  it('keeps only keyed digests of requests and ID numbers in its persisted state', async () => {
    const gov = createTestGovernment();
    await verifiedToken(gov.government, 'r02');
    const snapshot = gov.snapshot() ?? '';
    expect(snapshot).toContain('idempotency=');
    expectNoIdNumbers(snapshot);
    expect(snapshot).not.toContain('"smsCode"');
    const other = createGovernment({ clock: createClock(), secret: 'another' });
    const p1 = gov.government.inspect().people['p-r02'].idHash;
    expect(other.inspect().people['p-r02'].idHash).not.toBe(p1);
  });

  it('accepts only its own simulated face result, and only where allowed', async () => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r02');
    const headers = { authorization: `Bearer ${token}` };
    expect(await send(gov, { method: 'POST', path: '/identity/face', headers, body: '{"verifyResult":"x"}' })).toMatchObject({ status: 422, body: { error: { code: 'FACE_FAILED' } } });
    const strict = createGovernment({ clock: createClock(), config: { exposeSmsCode: true } });
    const strictToken = await verifiedToken(strict, 'r02');
    const res = await strict.handle({ method: 'POST', path: '/identity/face', headers: { authorization: `Bearer ${strictToken}` }, body: '{"verifyResult":"simulated"}' });
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'FACE_FAILED' } } });
  });

  it('counts a name or mobile mismatch as a try, so one code cannot probe whose ID it is', async () => {
    const gov = createTestGovernment();
    const li = resident('r02');
    const token = await anonymousToken(gov);
    const headers = { authorization: `Bearer ${token}` };
    const sms = await send(gov, { method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile: li.mobile }) });
    const code = (sms.body as { devCode: string }).devCode;
    const guesses = ['张三', '李四', '王五', '赵六', '钱七'];
    for (const name of guesses) {
      const res = await send(gov, { method: 'POST', path: '/identity/verify', headers, body: JSON.stringify({ name, idNumber: li.idNumber, mobile: li.mobile, smsCode: code }) });
      expect(res).toMatchObject({ status: 422, body: { error: { code: 'IDENTITY_MISMATCH' } } });
    }
    const sixth = await send(gov, { method: 'POST', path: '/identity/verify', headers, body: JSON.stringify({ name: li.name, idNumber: li.idNumber, mobile: li.mobile, smsCode: code }) });
    expect(sixth).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
  });
});

describe('the keyed digest', () => {
  it('is HMAC-SHA-256 (RFC 4231 test case 2) and SHA-256 of "abc" (FIPS 180-4)', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(sha256([0x61, 0x62, 0x63]).map((b) => b.toString(16).padStart(2, '0')).join('')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(keyedHash('k', '34052419800101001X')).toMatch(/^k[0-9a-f]{32}$/);
  });
});
