/** @jest-environment node */
// The government over real HTTP (server/government-server.ts), one server on a free port with its control
// channel on and its state in a temporary file: a resident verified with the SMS code a tester reads, a
// fine paid with WeChat Pay's signed notification arriving over HTTP, photos uploaded as multipart,
// CORS, the body limit, Retry-After, requests one at a time, and bad input never answered 500.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ApiRequest } from '../../miniprogram/contracts/http';
import { REPORT_PHOTO_MAX_BYTES } from '../../miniprogram/contracts/reports';
import { DAY_MS } from '../../miniprogram/core/dates';
import { NOTIFY_PATH, SIGNATURE_HEADER } from '../../miniprogram/mock/wechat-pay';
import { startGovernmentServer, type GovernmentServer } from '../../server/government-server';
import { TEST_NOW, resident } from '../helpers/government';
import { goodPhoto, jpegPhoto } from '../helpers/photos';
import { at, bearer, codeOf, multipartBody, uploadOverHttp, verifyOverHttp, wire, type WireAnswer } from './wire';

let server: GovernmentServer;
let dir: string;
let token: string;
const errors = jest.fn();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'government-http-'));
  server = await startGovernmentServer({ port: 0, stateFile: path.join(dir, 'state.json'), control: true, startAt: TEST_NOW, secret: 'server-test' });
  token = await verifyOverHttp(server, 'r02');
});

beforeEach(() => {
  errors.mockReset();
  jest.spyOn(console, 'error').mockImplementation(errors);
});

afterEach(() => {
  jest.restoreAllMocks();
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A JPEG whose filler holds what a naive multipart reader would trip on: CRLFs, dashes, a blank line, NUL bytes. */
function trickyJpeg(): Uint8Array {
  const photo = jpegPhoto(640, 480, 4096);
  photo.set(Buffer.from('\r\n--\r\n\r\n--not-the-boundary\r\n\0\0\xff', 'latin1'), 600);
  return photo;
}

describe('the government over HTTP', () => {
  it('verifies a resident: the SMS code is not in the answer but reaches the tester (lastSmsCode, the control channel); a second code within the minute is 429 with Retry-After', async () => {
    const person = resident('r03');
    const started = await wire(server.url, '/identity/session', { method: 'POST', body: { code: 'c' } });
    expect(started.status).toBe(201);
    const mine = String(at(started.json, 'token'));
    const sms = await wire(server.url, '/identity/sms', { method: 'POST', headers: bearer(mine), body: { mobile: person.mobile } });
    expect(sms.status).toBe(200);
    expect(at(sms.json, 'devCode')).toBeUndefined();
    // A second code within the minute: 429 with Retry-After as the body says.
    const again = await wire(server.url, '/identity/sms', { method: 'POST', headers: bearer(mine), body: { mobile: person.mobile } });
    expect(again.status).toBe(429);
    expect(codeOf(again)).toBe('RATE_LIMITED');
    const seconds = Number(at(again.json, 'error', 'retryAfterSec'));
    expect(seconds).toBeGreaterThan(0);
    expect(again.headers['retry-after']).toBe(String(seconds));
    expect(again.headers['access-control-expose-headers']).toContain('retry-after');
    const code = server.lastSmsCode(person.mobile);
    expect(code).toMatch(/^\d{6}$/);
    const read = await wire(server.url, `/__control/sms?mobile=${person.mobile}`);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ code });
    // The mobile as a person may type it reads the same inbox.
    expect(server.lastSmsCode(`+86 ${person.mobile.slice(0, 3)}-${person.mobile.slice(3)}`)).toBe(code);
    const verified = await wire(server.url, '/identity/verify', { method: 'POST', headers: bearer(mine), body: { name: person.name, idNumber: person.idNumber, mobile: person.mobile, smsCode: code } });
    expect(verified.status).toBe(200);
    const me = await wire(server.url, '/identity/me', { headers: bearer(mine) });
    expect(at(me.json, 'level')).toBe('verified');
    // The code was used: the tester's inbox still has it, as a phone would.
    expect(server.lastSmsCode(person.mobile)).toBe(code);

  });

  it('pays a fine end to end: the payer pays through the control channel and the signed notification reaches the server over HTTP', async () => {
    const bound = await wire(server.url, '/fines/vehicles', { method: 'POST', headers: bearer(token, 'bind-1'), body: { plate: '粤B12345', plateType: 'small', vinLast6: '183745' } });
    expect(bound.status).toBe(201);
    const notices = await wire(server.url, `/fines/vehicles/${String(at(bound.json, 'id'))}/notices`, { headers: bearer(token) });
    const notice = at(notices.json, 'items', 0);
    expect(at(notice, 'status')).toBe('unpaid');
    const ordered = await wire(server.url, '/payments/orders', { method: 'POST', headers: bearer(token, 'order-1'), body: { items: [{ agency: 'police', itemId: at(notice, 'id') }], totalFen: at(notice, 'dueFen') } });
    expect(ordered.status).toBe(201);
    const pkg = String(at(ordered.json, 'payParams', 'package'));

    const seen: ApiRequest[] = [];
    const handle = server.government.handle.bind(server.government);
    jest.spyOn(server.government, 'handle').mockImplementation((req) => {
      seen.push(req);
      return handle(req);
    });
    const paid = await wire(server.url, '/__control/pay', { method: 'POST', body: { package: pkg } });
    expect(paid.status).toBe(200);
    expect(paid.json).toEqual({ paid: true, transactionId: expect.stringMatching(/^42000\d{23}$/) });
    // The notification came in over HTTP (a Host header only a socket gives), signed by WeChat Pay.
    const notifications = seen.filter((req) => req.path === NOTIFY_PATH);
    expect(notifications).toHaveLength(1);
    expect(notifications[0].headers?.host).toBe(`127.0.0.1:${server.port}`);
    expect(notifications[0].headers?.[SIGNATURE_HEADER]).toMatch(/^[0-9a-f]{64}$/);

    const order = await wire(server.url, `/payments/orders/${String(at(ordered.json, 'id'))}`, { headers: bearer(token) });
    expect(at(order.json, 'status')).toBe('paid');
    expect(at(order.json, 'reference')).toMatch(/^PAY\d{14}$/);
    const after = await wire(server.url, `/fines/notices/${String(at(notice, 'id'))}`, { headers: bearer(token) });
    expect(at(after.json, 'status')).toBe('paid');
    // WeChat Pay never takes one order twice.
    const twice = await server.pay({ package: pkg });
    expect(twice).toEqual({ paid: false, reason: 'ORDER_PAID' });
    const refused = await wire(server.url, '/__control/pay', { method: 'POST', body: { package: pkg } });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ paid: false, reason: 'ORDER_PAID' });
    expect(errors).not.toHaveBeenCalled();
  });

  it('takes a report photo and a passport photo as multipart/form-data, byte for byte', async () => {
    const tricky = trickyJpeg();
    const report = await uploadOverHttp(server, '/reports/photos', token, tricky);
    expect(report.status).toBe(201);
    expect(at(report.json, 'photo')).toMatchObject({ type: 'jpeg', bytes: tricky.length });

    const passport = await uploadOverHttp(server, '/exit-entry/photos', token, goodPhoto(), 'x');
    expect(passport.status).toBe(201);
    expect(at(passport.json, 'photo')).toMatchObject({ width: 390, height: 567, bytes: goodPhoto().length });

    // What Node's own FormData writes (another encoder than ours): the same photo arrives.
    const form = new FormData();
    form.append('photo', new Blob([Buffer.from(tricky)], { type: 'image/jpeg' }), '照片.jpg');
    const fetched = await fetch(`${server.url}/reports/photos`, { method: 'POST', headers: bearer(token), body: form });
    expect(fetched.status).toBe(201);
    expect(at(await fetched.json(), 'photo', 'bytes')).toBe(tricky.length);

    // An upload over the 4 MiB body limit still reaches the government, which answers a photo over its
    // 10 MB itself (413 FILE_TOO_LARGE, which the app explains); only more than that is the server's 413.
    const over = await uploadOverHttp(server, '/reports/photos', token, jpegPhoto(4000, 3000, REPORT_PHOTO_MAX_BYTES + 1));
    expect([over.status, codeOf(over)]).toEqual([413, 'FILE_TOO_LARGE']);
    const huge = await uploadOverHttp(server, '/reports/photos', token, jpegPhoto(4000, 3000, REPORT_PHOTO_MAX_BYTES + 100 * 1024));
    expect([huge.status, codeOf(huge)]).toEqual([413, 'BODY_TOO_LARGE']);

    // A field the endpoint does not know, or no file at all, is the government's own answer.
    const none = await wire(server.url, '/reports/photos', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'multipart/form-data; boundary=b' },
      body: multipartBody('b', [{ name: 'note', content: 'no file' }]),
    });
    expect(none.status).toBe(422);
    expect(at(none.json, 'error', 'fields', 'photo')).toBe('FILE_REQUIRED');
  });

  it('answers a CORS preflight with 204 and the headers the preview needs, and every answer with the origin', async () => {
    const preflight = await wire(server.url, '/payments/orders', {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5180', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, idempotency-key, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.text).toBe('');
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-headers']).split(', ')).toEqual(['authorization', 'idempotency-key', 'content-type']);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    const plain = await wire(server.url, '/identity/me', { headers: { origin: 'http://127.0.0.1:5180' } });
    expect(plain.status).toBe(401);
    expect(plain.headers['access-control-allow-origin']).toBe('*');
  });

  it('refuses a 5 MB body with 413 BODY_TOO_LARGE without reading it, declared or streamed, and serves on', async () => {
    const declared = await wire(server.url, '/reports', { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: Buffer.alloc(5 * 1024 * 1024, 0x20) });
    expect(declared.status).toBe(413);
    expect(codeOf(declared)).toBe('BODY_TOO_LARGE');
    expect(declared.headers.connection).toBe('close');

    // Chunked, with no length: refused once the limit is passed; the client may see its socket closed after the answer.
    const streamed = await new Promise<{ status: number; code: string }>((resolve, reject) => {
      const url = new URL(server.url);
      const req = http.request({ host: url.hostname, port: url.port, path: '/reports', method: 'POST', agent: false, headers: { ...bearer(token), 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: codeOf({ status: 0, headers: {}, text: '', json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }) }));
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
      });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      for (let i = 0; i < 20; i += 1) req.write(chunk);
      req.end();
    });
    expect(streamed).toEqual({ status: 413, code: 'BODY_TOO_LARGE' });

    const still = await wire(server.url, '/identity/me', { headers: bearer(token) });
    expect(still.status).toBe(200);
  });

  it('answers malformed JSON, uploads and bytes with a 4xx and a code, and none of them reaches the 500 path', async () => {
    const json = { ...bearer(token), 'content-type': 'application/json' };
    const cases: [string, string, Record<string, string>, string | Buffer, number, string][] = [
      ['POST', '/fines/vehicles', json, '{"plate": "粤B1', 400, 'BAD_REQUEST'],
      ['POST', '/identity/session', { 'content-type': 'application/json' }, 'not json at all', 400, 'BAD_REQUEST'],
      ['POST', '/fines/vehicles', json, '[1, 2, 3]', 400, 'BAD_REQUEST'],
      ['POST', '/fines/vehicles', json, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 400, 'BAD_REQUEST'],
      ['POST', '/reports/photos', { ...bearer(token), 'content-type': 'multipart/form-data; boundary=zz' }, '--zz\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8\xff', 400, 'MALFORMED_UPLOAD'],
      ['POST', '/reports/photos', { ...bearer(token), 'content-type': 'multipart/form-data' }, '--zz\r\n\r\n--zz--', 400, 'MALFORMED_UPLOAD'],
      ['POST', '/reports/photos', { ...bearer(token), 'content-type': 'multipart/form-data; boundary=zz' }, '--zz\r\nContent-Type: image/jpeg\r\n\r\nabc\r\n--zz--', 400, 'MALFORMED_UPLOAD'],
      ['POST', '/reports/photos', { ...bearer(token), 'content-type': 'multipart/form-data; boundary=zz' }, 'garbage', 400, 'MALFORMED_UPLOAD'],
      ['POST', '/reports/photos', { ...bearer(token), 'content-type': 'multipart/form-data; boundary="zz' }, '--zz--', 400, 'MALFORMED_UPLOAD'],
      ['PATCH', '/identity/me', bearer(token), '', 405, 'METHOD_NOT_ALLOWED'],
      ['GET', '/no/such/endpoint', bearer(token), '', 404, 'NOT_FOUND'],
      ['GET', '/fines/notices/%E0%A4%A', bearer(token), '', 400, 'BAD_ENCODING'],
    ];
    const answers: WireAnswer[] = [];
    for (const [method, where, headers, body, status, code] of cases) {
      const answer = await wire(server.url, where, { method, headers, body: Buffer.from(typeof body === 'string' ? Buffer.from(body, 'latin1') : body) });
      answers.push(answer);
      expect([method, where, answer.status, codeOf(answer)]).toEqual([method, where, status, code]);
    }
    // Random bytes at every kind of endpoint, with and without a multipart type: never a 5xx.
    let seed = 11;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const targets = ['/identity/session', '/identity/verify', '/fines/vehicles', '/payments/orders', '/payments/notify', '/reports/photos', '/exit-entry/photos', '/__control/clock', '/__control/pay'];
    for (let i = 0; i < 45; i += 1) {
      const bytes = Buffer.from(Array.from({ length: next() % 300 }, () => next() % 256));
      const type = i % 3 === 0 ? 'multipart/form-data; boundary=q' : 'application/json';
      if (i % 3 === 0) bytes.write('--q\r\n', 0, 'latin1');
      const answer = await wire(server.url, targets[i % targets.length], { method: 'POST', headers: { ...bearer(token, `fuzz-${i}`), 'content-type': type }, body: bytes });
      answers.push(answer);
    }
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.every((answer) => codeOf(answer) !== '')).toBe(true);
    expect(errors).not.toHaveBeenCalled();
  });

  it('answers a failure inside the server 500 INTERNAL without its stack, and logs it to stderr', async () => {
    jest.spyOn(server.government, 'handle').mockRejectedValue(new Error('disk on fire'));
    const failed = await wire(server.url, '/identity/me', { headers: bearer(token) });
    expect([failed.status, codeOf(failed)]).toEqual([500, 'INTERNAL']);
    expect(failed.text).not.toContain('disk on fire');
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0][1])).toContain('disk on fire');
    jest.restoreAllMocks();
    expect((await wire(server.url, '/identity/me', { headers: bearer(token) })).status).toBe(200);
  });

  it('handles one request at a time (a queue), however many arrive together', async () => {
    let inside = 0;
    let most = 0;
    const handle = server.government.handle.bind(server.government);
    jest.spyOn(server.government, 'handle').mockImplementation(async (req) => {
      inside += 1;
      most = Math.max(most, inside);
      try {
        return await handle(req);
      } finally {
        inside -= 1;
      }
    });
    const answers = await Promise.all(Array.from({ length: 20 }, (_unused, i) => wire(server.url, i % 2 ? '/identity/session' : '/health/hospitals', i % 2 ? { method: 'POST', body: { code: `c${i}` } } : { headers: bearer(token) })));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, (_unused, i) => (i % 2 ? 201 : 200)));
    expect(most).toBe(1);
  });

  it('the control channel: moves the clock, reads codes, refuses other sites and bad moves, and resets to the seed', async () => {
    const before = server.now();
    const moved = await wire(server.url, '/__control/clock', { method: 'POST', body: { days: 2 } });
    expect(moved.status).toBe(200);
    const now = Number(at(moved.json, 'now'));
    expect(now - before).toBeGreaterThanOrEqual(2 * DAY_MS);
    expect(now - before).toBeLessThan(2 * DAY_MS + 60_000);
    server.advance(3600_000);
    expect(server.now()).toBeGreaterThanOrEqual(now + 3600_000);
    const read = await wire(server.url, '/__control/clock', { method: 'POST', body: { ms: 0 } });
    expect(Number(at(read.json, 'now'))).toBeGreaterThanOrEqual(now + 3600_000);
    expect(() => server.advance(-1)).toThrow(RangeError);

    const bad = await Promise.all([{ ms: -5 }, { days: 1.5 }, { ms: 1, days: 1 }, {}, { days: '1' }].map((body) => wire(server.url, '/__control/clock', { method: 'POST', body })));
    expect(bad.map((answer) => [answer.status, codeOf(answer)])).toEqual(Array.from({ length: 5 }, () => [422, 'VALIDATION']));
    expect(codeOf(await wire(server.url, '/__control/clock', { method: 'POST', body: '{"ms":' }))).toBe('BAD_REQUEST');
    expect(codeOf(await wire(server.url, '/__control/sms?mobile=13900000000'))).toBe('NO_CODE');
    expect(codeOf(await wire(server.url, '/__control/pay', { method: 'POST', body: { package: 'prepay_id=wx.forged' } }))).toBe('INVALID');
    expect((await wire(server.url, '/__control/nothing')).status).toBe(404);
    // A page of another site (or another Host) cannot drive it: the government's own 404.
    const foreign = await wire(server.url, '/__control/reset', { method: 'POST', headers: { origin: 'https://example.com' } });
    expect([foreign.status, at(foreign.json, 'error', 'message')]).toEqual([404, 'No endpoint at /__control/reset']);
    const rebound = await wire(server.url, '/__control/reset', { method: 'POST', headers: { host: 'evil.example:80' } });
    expect(rebound.status).toBe(404);
    expect((await wire(server.url, '/identity/me', { headers: bearer(token) })).status).toBe(200);

    const reset = await wire(server.url, '/__control/reset', { method: 'POST', headers: { origin: 'http://localhost:5180' } });
    expect(reset.status).toBe(200);
    expect(at(reset.json, 'reset')).toBe(true);
    // Back to the seed: sessions gone, the clock back to where it started, no codes in the inbox.
    expect((await wire(server.url, '/identity/me', { headers: bearer(token) })).status).toBe(401);
    expect(Number(at(reset.json, 'now'))).toBeLessThan(now);
    expect(server.lastSmsCode(resident('r02').mobile)).toBeNull();
    const saved: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8'));
    expect(Object.keys(Object(at(saved, 'keys'))).filter((key) => key.includes('agencies.'))).toEqual([]);
    token = await verifyOverHttp(server, 'r02');
    expect(errors).not.toHaveBeenCalled();
  });
});
