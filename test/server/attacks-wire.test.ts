/** @jest-environment node */
// Review of issue 15: what arrives on the socket. Path tricks, query and header floods, a huge header, a
// body cut off or slow, a wrong Content-Length, chunked bodies over the limit, malformed multipart, deep
// JSON and huge numbers: each a 4xx with a code, nothing kept, nothing leaked, never a 500 or a hang.
import net from 'node:net';
import { at, bearer, multipartBody, verifyOverHttp, wire } from './wire';
import { goodPhoto } from '../helpers/photos';
import { codeIn, kept, raw, request, startIn, stop, type Started } from './attack-kit';

let on: Started | undefined;
let token = '';
const errors = jest.fn();

beforeAll(async () => {
  on = await startIn('wire');
  token = await verifyOverHttp(on.server, 'r02');
});

beforeEach(() => {
  errors.mockReset();
  jest.spyOn(console, 'error').mockImplementation(errors);
});

afterEach(() => {
  jest.restoreAllMocks();
  // Nothing of any of these reached the 500 path (which logs).
  expect(errors).not.toHaveBeenCalled();
});

afterAll(async () => {
  await stop(on);
});

const started = (): Started => {
  if (!on) throw new Error('no server');
  return on;
};
const port = (): number => started().server.port;
const auth = (): Record<string, string> => bearer(token);

/** Still serving: the resident's profile. */
async function stillServing(): Promise<void> {
  const me = await wire(started().server.url, '/identity/me', { headers: auth() });
  expect([me.status, at(me.json, 'level')]).toEqual([200, 'verified']);
}

describe('request targets', () => {
  it.each([
    ['/%2e%2e/identity/me'],
    ['/identity/%2e%2e/identity/me'],
    ['//identity/me'],
    ['/identity%2fme'],
    ['/identity%2Fme'],
    ['/identity/me/'],
    ['/identity/me%00'],
    ['/identity/me;x=1'],
    ['/health/bookings/..%2f..%2fidentity%2fme'],
    ['/health/bookings/%2e%2e'],
    ['/fines/notices/%E0%A4%A'],
  ])('%s: a 4xx with a code, not another endpoint', async (target) => {
    const answer = await raw(port(), request('GET', target, auth()));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(codeIn(answer)).not.toBe('');
    expect(at(answer.json, 'level')).toBeUndefined();
  });

  it('a very long path (under the header limit) is 400 BAD_REQUEST; a flood of query parameters is read and ignored', async () => {
    const long = await raw(port(), request('GET', `/${'a'.repeat(3000)}`, auth()));
    expect([long.status, codeIn(long)]).toEqual([400, 'BAD_REQUEST']);
    const flood = await raw(port(), request('GET', `/identity/me?${Array.from({ length: 1500 }, (_u, i) => `q${i}=${i}`).join('&')}&__proto__=x&constructor=y`, auth()));
    expect([flood.status, at(flood.json, 'level')]).toEqual([200, 'verified']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('headers', () => {
  it('1,000 small headers and a __proto__ header are taken as headers (nothing polluted)', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 1000; i += 1) many[`x-h${i}`] = '1';
    const answer = await raw(port(), request('GET', '/identity/me', { ...auth(), ...many, __proto__: 'polluted' }));
    expect([answer.status, at(answer.json, 'level')]).toEqual([200, 'verified']);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('two Authorization headers: the first counts (Node drops the rest), so a second cannot smuggle in a session', async () => {
    const doubled = await raw(port(), `GET /identity/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer nobody\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`);
    expect([doubled.status, codeIn(doubled)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('a huge header (20 KB) is 431 with a JSON code and CORS, not Node\'s bare 431 a browser page cannot read', async () => {
    const answer = await raw(port(), request('GET', '/identity/me', { ...auth(), 'x-big': 'a'.repeat(20_000) }));
    expect(answer.status).toBe(431);
    expect(codeIn(answer)).toBe('HEADERS_TOO_LARGE');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
  });

  it('a request Node cannot parse (a Content-Length that is not a number, both Content-Length and chunked) is 400 with a JSON code', async () => {
    for (const bytes of [
      'POST /identity/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n{}',
      'POST /identity/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ]) {
      const answer = await raw(port(), bytes);
      expect([answer.status, codeIn(answer)]).toEqual([400, 'BAD_REQUEST']);
    }
  });

  it('the bare 431 / 400 above at least hold: no state change, no stack, the connection closed, the server serves on', async () => {
    const before = kept(started());
    const big = await raw(port(), request('POST', '/identity/session', { 'x-big': 'a'.repeat(20_000) }, '{"code":"c"}'));
    const bad = await raw(port(), 'POST /identity/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n{"code":"c"}');
    const smuggled = await raw(port(), 'POST /identity/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 12\r\nContent-Length: 13\r\n\r\n{"code":"c"}');
    expect([big.status, bad.status, smuggled.status]).toEqual([431, 400, 400]);
    expect([big.closed, bad.closed, smuggled.closed]).toEqual([true, true, true]);
    [big, bad, smuggled].forEach((answer) => expect(answer.body).not.toContain(' at '));
    expect(kept(started())).toBe(before);
    await stillServing();
  });
});

describe('bodies', () => {
  it('a client that destroys its socket mid-body: nothing done, nothing answered, the next request served', async () => {
    const before = kept(started());
    await new Promise<void>((resolve) => {
      const socket = net.connect(port(), '127.0.0.1', () => {
        socket.write(`POST /identity/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"code":"c", "pad": "`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    await stillServing();
    expect(kept(started())).toBe(before);
  });

  it('a body slower than the rest (half sent, the socket held open) does not hold up other requests, and is never acted on', async () => {
    const before = kept(started());
    const socket = net.connect(port(), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('POST /identity/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"code":');
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => wire(started().server.url, '/identity/me', { headers: auth() })));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
      expect(kept(started())).toBe(before);
    } finally {
      socket.destroy();
    }
  });

  it('a Content-Length shorter than the body: the request is what the length says, the extra bytes a bad next request (400), nothing else acted on', async () => {
    const answer = await raw(port(), 'POST /identity/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GARBAGE / HTTP/1.1\r\n\r\n');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    await stillServing();
  });

  it('a chunked multipart upload over the upload limit (11 MB streamed, no length) is 413 BODY_TOO_LARGE and kept nothing', async () => {
    const before = kept(started());
    const url = new URL(started().server.url);
    const http = await import('node:http');
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: '/reports/photos', method: 'POST', agent: false, headers: { ...auth(), 'content-type': 'multipart/form-data; boundary=zz' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
      });
      req.write('--zz\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n');
      const chunk = Buffer.alloc(512 * 1024, 0x41);
      for (let i = 0; i < 22; i += 1) req.write(chunk);
      req.end('\r\n--zz--\r\n');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    expect(kept(started())).toBe(before);
    await stillServing();
  });
});

describe('malformed multipart', () => {
  const upload = (contentType: string, body: Buffer | string): Promise<{ status: number; code: string; text: string }> =>
    wire(started().server.url, '/reports/photos', { method: 'POST', headers: { ...auth(), 'content-type': contentType }, body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1') }).then((answer) => ({ status: answer.status, code: codeIn(answer), text: answer.text }));
  const photo = goodPhoto();

  it.each([
    ['no boundary', 'multipart/form-data', multipartBody('zz', [{ name: 'photo', filename: 'a.jpg', content: photo }])],
    ['a boundary of 71 characters', `multipart/form-data; boundary=${'b'.repeat(71)}`, multipartBody('b'.repeat(71), [{ name: 'photo', filename: 'a.jpg', content: photo }])],
    ['the boundary inside the data (the part cut short, the rest not a part)', 'multipart/form-data; boundary=zz', Buffer.concat([Buffer.from('--zz\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n'), Buffer.from(photo.subarray(0, 200)), Buffer.from('\r\n--zzNOT-A-BREAK'), Buffer.from(photo.subarray(200)), Buffer.from('\r\n--zz--\r\n')])],
    ['1,000 parts', 'multipart/form-data; boundary=zz', multipartBody('zz', Array.from({ length: 1000 }, (_u, i) => ({ name: `f${i}`, content: 'x' })))],
    ['a part without a name', 'multipart/form-data; boundary=zz', multipartBody('zz', [{ name: '', filename: 'a.jpg', content: photo }])],
    ['a part without a Content-Disposition', 'multipart/form-data; boundary=zz', '--zz\r\nContent-Type: image/jpeg\r\n\r\nabc\r\n--zz--\r\n'],
    ['the file field twice', 'multipart/form-data; boundary=zz', multipartBody('zz', [{ name: 'photo', filename: 'a.jpg', content: photo }, { name: 'photo', filename: 'b.jpg', content: photo }])],
    ['two files in two fields', 'multipart/form-data; boundary=zz', multipartBody('zz', [{ name: 'photo', filename: 'a.jpg', content: photo }, { name: 'other', filename: 'b.jpg', content: photo }])],
    ['no closing boundary (cut off)', 'multipart/form-data; boundary=zz', multipartBody('zz', [{ name: 'photo', filename: 'a.jpg', content: photo }]).subarray(0, 4000)],
  ])('%s: 400 MALFORMED_UPLOAD, nothing kept', async (_what, contentType, body) => {
    const before = kept(started());
    const answer = await upload(contentType, body);
    expect([answer.status, answer.code]).toEqual([400, 'MALFORMED_UPLOAD']);
    expect(answer.text).not.toContain(' at ');
    expect(kept(started())).toBe(before);
  });

  it('a text field named __proto__ beside the photo is an ordinary field; the photo is taken', async () => {
    const answer = await upload('multipart/form-data; boundary=zz', multipartBody('zz', [{ name: '__proto__', content: '{"polluted":1}' }, { name: 'photo', filename: 'a.jpg', contentType: 'image/jpeg', content: photo }]));
    expect(answer.status).toBeLessThan(300);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('JSON bodies', () => {
  it('JSON nested 30,000 deep (arrays) or 20,000 deep (objects) is a 4xx with a code, never a stack overflow 500', async () => {
    const before = kept(started());
    const deepArrays = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const deepObjects = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    for (const where of ['/identity/session', '/fines/vehicles', '/payments/orders', '/payments/notify']) {
      for (const body of [deepArrays, deepObjects, `{"plate":${'['.repeat(9000)}${']'.repeat(9000)}}`]) {
        const answer = await wire(started().server.url, where, { method: 'POST', headers: { ...auth(), 'idempotency-key': `deep-${where}-${body.length}`, 'content-type': 'application/json' }, body });
        expect([where, answer.status >= 400 && answer.status < 500, codeIn(answer) !== '']).toEqual([where, true, true]);
      }
    }
    expect(kept(started())).toBe(before);
  });

  it.each([['1e400'], ['-1e400'], ['1e308'], ['9007199254740993'], ['-0'], ['0.1'], ['1e-400'], ['"20000"'], ['[20000]'], ['null']])('totalFen %s: 422 VALIDATION naming the field, nothing kept', async (value) => {
    const before = kept(started());
    const answer = await wire(started().server.url, '/payments/orders', { method: 'POST', headers: { ...auth(), 'idempotency-key': `num-${value}`, 'content-type': 'application/json' }, body: `{"items":[{"agency":"police","itemId":"x"}],"totalFen":${value}}` });
    expect([answer.status, codeIn(answer)]).toEqual([422, 'VALIDATION']);
    expect(at(answer.json, 'error', 'fields', 'totalFen')).toEqual(expect.any(String));
    expect(kept(started())).toBe(before);
  });

  it('__proto__ and constructor keys in a body neither pollute nor count as the fields they hold', async () => {
    const answer = await wire(started().server.url, '/identity/session', { method: 'POST', body: '{"__proto__":{"code":"x"},"constructor":{"prototype":{"polluted":1}}}' });
    expect([answer.status, codeIn(answer)]).toEqual([422, 'VALIDATION']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
