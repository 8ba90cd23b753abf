/** @jest-environment node */
// The suite's HTTP wx.request and wx.uploadFile (test/helpers/http-wx.ts) against a bare Node server,
// through the app's own wx.request transport: what goes on the wire and what comes back, as WeChat's.
import http from 'node:http';
import { createWxRequestTransport } from '../../miniprogram/core/transport';
import { fake } from '../helpers/fake-wx';
import { installHttpWx } from '../helpers/http-wx';

/** The port a listening server was given. */
function portOf(server: http.Server): number {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the server is not listening on a port');
  return address.port;
}

interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }

describe('HTTP wx.request and wx.uploadFile', () => {
  const seen: Seen[] = [];
  let answer: (req: Seen, res: http.ServerResponse) => void = (_req, res) => res.end('{}');
  let server: http.Server;
  let base = '';
  let wire: ReturnType<typeof installHttpWx>;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const one: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
        seen.push(one);
        answer(one, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${portOf(server)}`;
    wire = installHttpWx();
  });
  afterAll(async () => {
    wire.restore();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    seen.length = 0;
    answer = (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    };
  });

  it('sends the method, path, query, headers and JSON body, and parses the JSON answer', async () => {
    answer = (_req, res) => {
      res.statusCode = 201;
      res.setHeader('retry-after', '3');
      res.end('{"id":"x1","n":2}');
    };
    const transport = createWxRequestTransport({ baseUrl: `${base}/` });
    const res = await transport.send({ method: 'POST', path: '/a/b', query: { q: '发 烧', n: '1' }, headers: { authorization: 'Bearer tk', 'idempotency-key': 'k1' }, body: '{"a":"李"}' });
    expect(res).toEqual({ status: 201, body: { id: 'x1', n: 2 } });
    const [one] = seen;
    expect([one.method, one.url]).toEqual(['POST', `/a/b?q=${encodeURIComponent('发 烧')}&n=1`]);
    expect([one.headers.authorization, one.headers['idempotency-key'], one.headers['content-type']]).toEqual(['Bearer tk', 'k1', 'application/json']);
    expect(JSON.parse(one.body.toString('utf8'))).toEqual({ a: '李' });
  });

  it('an answer that is not JSON comes back as its text, with its status', async () => {
    answer = (_req, res) => {
      res.statusCode = 502;
      res.end('<html>Bad gateway</html>');
    };
    const res = await createWxRequestTransport({ baseUrl: base }).send({ method: 'GET', path: '/x' });
    expect(res).toEqual({ status: 502, body: '<html>Bad gateway</html>' });
  });

  it('a server that does not answer in time is TIMEOUT; nobody listening is NETWORK', async () => {
    answer = () => undefined;
    await expect(createWxRequestTransport({ baseUrl: base, timeoutMs: 50 }).send({ method: 'GET', path: '/slow' })).rejects.toMatchObject({ code: 'TIMEOUT' });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = portOf(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(createWxRequestTransport({ baseUrl: `http://127.0.0.1:${port}` }).send({ method: 'GET', path: '/' })).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('uploadFile sends the device\'s file as multipart/form-data with the form\'s fields and the headers', async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xd9]);
    fake.files.set('wxfile://usr/saved-1.jpg', bytes);
    answer = (_req, res) => {
      res.statusCode = 201;
      res.end('{"photo":{"id":"ph1"}}');
    };
    const res = await createWxRequestTransport({ baseUrl: base }).upload({ path: '/p', filePath: 'wxfile://usr/saved-1.jpg', field: 'photo', form: { note: '路灯' }, headers: { authorization: 'Bearer tk' } });
    expect(res).toEqual({ status: 201, body: { photo: { id: 'ph1' } } });
    const [one] = seen;
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(one.headers['content-type'] ?? '')?.[1];
    if (!boundary) throw new Error('no multipart boundary');
    expect(one.headers.authorization).toBe('Bearer tk');
    const text = one.body.toString('latin1');
    expect(text).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${Buffer.from('路灯').toString('latin1')}\r\n`);
    expect(text).toContain('Content-Disposition: form-data; name="photo"; filename="saved-1.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
    const start = one.body.indexOf('\r\n\r\n', one.body.indexOf('filename=')) + 4;
    expect([...one.body.subarray(start, start + bytes.length)]).toEqual([...bytes]);
    expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
    expect(fake.uploads.map((u) => u.filePath)).toEqual(['wxfile://usr/saved-1.jpg']);
  });

  it('uploadFile of a file that is not on the device fails as NETWORK and sends nothing', async () => {
    await expect(createWxRequestTransport({ baseUrl: base }).upload({ path: '/p', filePath: 'wxfile://usr/gone.jpg', field: 'photo' })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(seen).toHaveLength(0);
  });

  it('counts what it sent over HTTP', () => {
    expect(wire.counts.requests).toBeGreaterThan(0);
    expect(wire.counts.uploads).toBeGreaterThan(0);
  });
});
