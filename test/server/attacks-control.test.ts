/** @jest-environment node */
// Review of issue 15: the control channel and CORS from an attacker's side. Off by default it does not
// exist; on, it answers only this machine (loopback peer, loopback Host, loopback or no Origin): a page of
// another site, a DNS-rebinding Host, a text/plain "simple" POST and a preflight all get nothing done.
import { DAY_MS } from '../../miniprogram/core/dates';
import { at, bearer, wire } from './wire';
import { codeIn, kept, raw, request, startIn, stop, type Started } from './attack-kit';

let on: Started | undefined;

beforeAll(async () => {
  on = await startIn('control', { control: true });
});

afterAll(async () => {
  await stop(on);
});

const started = (): Started => {
  if (!on) throw new Error('no server');
  return on;
};

describe('the control channel', () => {
  it('is not there without --control, whatever the Host and Origin: the government\'s own 404, the clock and state unmoved', async () => {
    const off = await startIn('control-off');
    try {
      const before = kept(off);
      const now = off.server.now();
      for (const [method, where] of [['POST', '/__control/clock'], ['POST', '/__control/reset'], ['GET', '/__control/sms?mobile=13800000002'], ['POST', '/__control/pay']]) {
        const answer = await raw(off.server.port, request(method, where, { 'content-type': 'application/json' }, method === 'POST' ? '{"days":30}' : ''));
        expect([where, answer.status, codeIn(answer)]).toEqual([where, 404, 'NOT_FOUND']);
      }
      expect(off.server.now() - now).toBeLessThan(DAY_MS);
      expect(kept(off)).toBe(before);
    } finally {
      await stop(off);
    }
  });

  it.each([
    ['a page of another site', { origin: 'https://evil.example' }],
    ['an Origin that only starts with localhost', { origin: 'http://localhost.evil.example' }],
    ['an Origin that only starts with 127.0.0.1', { origin: 'http://127.0.0.1.nip.io:8787' }],
    ['a sandboxed frame or file:// page (Origin null)', { origin: 'null' }],
    ['an Origin with a path', { origin: 'http://localhost:5180/x' }],
    ['a DNS-rebinding Host', { host: 'evil.example:8787' }],
    ['a Host that only starts with 127.0.0.1', { host: '127.0.0.1.evil.example' }],
    ['a Host with a trailing dot', { host: 'localhost.' }],
    ['the any-address Host', { host: '0.0.0.0:8787' }],
    ['no Host at all', { host: '' }],
  ])('refuses %s: a text/plain "simple" POST (no preflight) to reset or the clock does nothing', async (_what, headers) => {
    const { server } = started();
    const before = server.now();
    for (const where of ['/__control/clock', '/__control/reset']) {
      const answer = await raw(server.port, request('POST', where, { 'content-type': 'text/plain', ...headers }, '{"days":365}'));
      expect([where, answer.status, codeIn(answer), String(at(answer.json, 'error', 'message'))]).toEqual([where, 404, 'NOT_FOUND', `No endpoint at ${where}`]);
    }
    expect(server.now() - before).toBeLessThan(DAY_MS);
  });

  it('a preflight to /__control/* is answered (CORS is server-wide) but the POST it allows is still refused by its Origin', async () => {
    const { server } = started();
    const token = String(at((await wire(server.url, '/identity/session', { method: 'POST', body: { code: 'c' } })).json, 'token'));
    const preflight = await wire(server.url, '/__control/reset', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.text).toBe('');
    const reset = await wire(server.url, '/__control/reset', { method: 'POST', headers: { origin: 'https://evil.example' }, body: {} });
    expect([reset.status, codeIn(reset)]).toEqual([404, 'NOT_FOUND']);
    // Not reset: the session made before is still there.
    expect((await wire(server.url, '/identity/me', { headers: bearer(token) })).status).toBe(200);
  });

  it('answers this machine: loopback Host in any spelling, no Origin (curl) or a loopback Origin (the preview)', async () => {
    const { server } = started();
    const spellings: Record<string, string>[] = [{ host: 'LOCALHOST:8787' }, { host: '[::1]:8787' }, { host: '127.0.0.2' }, { origin: 'http://localhost:5180' }, { origin: 'http://[::1]:5180' }, { origin: 'https://127.0.0.1' }];
    for (const headers of spellings) {
      const answer = await raw(server.port, request('POST', '/__control/clock', { 'content-type': 'application/json', ...headers }, '{"ms":0}'));
      expect([headers, answer.status]).toEqual([headers, 200]);
      expect(typeof at(answer.json, 'now')).toBe('number');
    }
  });

  it('its only GET (an SMS code) is useless to a foreign page: a CORS read sends an Origin and is refused; no GET changes anything', async () => {
    const { server } = started();
    const token = String(at((await wire(server.url, '/identity/session', { method: 'POST', body: { code: 'c' } })).json, 'token'));
    expect((await wire(server.url, '/identity/sms', { method: 'POST', headers: bearer(token), body: { mobile: '13800000004' } })).status).toBe(200);
    const foreign = await wire(server.url, '/__control/sms?mobile=13800000004', { headers: { origin: 'https://evil.example' } });
    expect([foreign.status, codeIn(foreign)]).toEqual([404, 'NOT_FOUND']);
    expect(foreign.text).not.toMatch(/\d{6}/);
    for (const where of ['/__control/reset', '/__control/clock?days=30', '/__control/pay?package=x']) {
      const answer = await wire(server.url, where);
      expect([where, answer.status, codeIn(answer)]).toEqual([where, 405, 'METHOD_NOT_ALLOWED']);
    }
    expect((await wire(server.url, '/identity/me', { headers: bearer(token) })).status).toBe(200);
  });

  it('path tricks do not reach a control endpoint: dot segments, doubled and encoded slashes, a trailing slash, encoded letters', async () => {
    const { server } = started();
    const before = server.now();
    for (const where of ['/__control/%2e%2e/clock', '/__control//clock', '/__control%2fclock', '/__control/clock/', '/__control/%63lock', '//__control/clock', '/%5f_control/clock', '/__CONTROL/clock', '/x/../__control/clock']) {
      const answer = await raw(server.port, request('POST', where, { 'content-type': 'application/json' }, '{"days":365}'));
      expect([where, answer.status, codeIn(answer)]).toEqual([where, 404, 'NOT_FOUND']);
    }
    expect(server.now() - before).toBeLessThan(DAY_MS);
  });
});

describe('CORS on state-changing endpoints', () => {
  it('lets a page read answers (no cookies: the bearer token is the credential), never allows credentials, and a token-less cross-origin POST gets 401', async () => {
    const { server } = started();
    const before = kept(started());
    const answer = await wire(server.url, '/payments/orders', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body: '{"items":[],"totalFen":1}' });
    expect([answer.status, codeIn(answer)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    expect(kept(started())).toBe(before);
  });
});
