import { createApiClient } from '../../miniprogram/core/client';
import { ServiceError } from '../../miniprogram/core/errors';
import type { Transport, UploadRequest } from '../../miniprogram/core/transport';
import { createWxRequestTransport } from '../../miniprogram/core/transport';
import type { ApiRequest, ApiResponse } from '../../miniprogram/contracts/http';
import { fake } from '../helpers/fake-wx';

function scripted(answers: (ApiResponse | Error)[]): Transport & { seen: ApiRequest[]; uploads: UploadRequest[] } {
  const seen: ApiRequest[] = [];
  const uploads: UploadRequest[] = [];
  const next = async (): Promise<ApiResponse> => {
    const answer = answers.shift() ?? { status: 200, body: {} };
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return {
    seen,
    uploads,
    send: async (req) => {
      seen.push(req);
      return next();
    },
    upload: async (req) => {
      uploads.push(req);
      return next();
    },
  };
}

const unavailable: ApiResponse = { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'down' } } };

describe('api client', () => {
  it('uploads a file with the token and an idempotency key, the same key again on a retry', async () => {
    const transport = scripted([{ status: 201, body: { photo: { id: 'ph-1' } } }, { status: 201, body: { photo: { id: 'ph-1' } } }]);
    const client = createApiClient({ transport, token: () => 'tk', newIdempotencyKey: () => 'key-1' });
    await expect(client.upload('/exit-entry/photos', { filePath: 'wxfile://usr/a.jpg', field: 'photo' }, { purpose: 'passport' })).resolves.toEqual({ photo: { id: 'ph-1' } });
    await client.upload('/exit-entry/photos', { filePath: 'wxfile://usr/a.jpg', field: 'photo' }, undefined, 'key-1');
    expect(transport.seen).toHaveLength(0);
    expect(transport.uploads.map((u) => [u.path, u.filePath, u.field, u.headers])).toEqual([
      ['/exit-entry/photos', 'wxfile://usr/a.jpg', 'photo', { authorization: 'Bearer tk', 'idempotency-key': 'key-1' }],
      ['/exit-entry/photos', 'wxfile://usr/a.jpg', 'photo', { authorization: 'Bearer tk', 'idempotency-key': 'key-1' }],
    ]);
    expect(transport.uploads[0].form).toEqual({ purpose: 'passport' });
  });

  it('turns an upload refused by the government into its coded error', async () => {
    const transport = scripted([{ status: 422, body: { error: { code: 'VALIDATION', message: 'bad', fields: { photo: 'PHOTO_TOO_SMALL' } } } }]);
    const client = createApiClient({ transport, token: () => 'tk' });
    await expect(client.upload('/exit-entry/photos', { filePath: 'x', field: 'photo' })).rejects.toMatchObject({ code: 'VALIDATION', fields: { photo: 'PHOTO_TOO_SMALL' } });
  });

  it('retries a read with backoff after UNAVAILABLE, then succeeds', async () => {
    const transport = scripted([unavailable, unavailable, { status: 200, body: { ok: 1 } }]);
    const client = createApiClient({ transport, token: () => 'tk', retryBaseDelayMs: 1 });
    await expect(client.get('/x')).resolves.toEqual({ ok: 1 });
    expect(transport.seen).toHaveLength(3);
    expect(transport.seen[0].headers).toEqual({ authorization: 'Bearer tk' });
  });

  it('gives up on a read after 3 attempts with a typed error', async () => {
    const transport = scripted([unavailable, unavailable, unavailable, unavailable]);
    const client = createApiClient({ transport, token: () => undefined, retryBaseDelayMs: 1 });
    const error = await client.get('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    expect(transport.seen).toHaveLength(3);
  });

  it('never retries a state-changing request by itself, and always sends an idempotency key', async () => {
    const transport = scripted([new ServiceError('TIMEOUT', 'slow'), { status: 201, body: { id: 1 } }]);
    const client = createApiClient({ transport, token: () => 'tk', newIdempotencyKey: () => 'generated' });
    await expect(client.send('POST', '/pay', { a: 1 }, 'k-1')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(transport.seen).toHaveLength(1);
    await client.send('POST', '/pay', { a: 1 }, 'k-1');
    expect(transport.seen.map((r) => r.headers?.['idempotency-key'])).toEqual(['k-1', 'k-1']);
    await client.send('DELETE', '/thing');
    expect(transport.seen[2].headers?.['idempotency-key']).toBe('generated');
  });

  it('maps statuses and field errors into ServiceError', async () => {
    const transport = scripted([
      { status: 422, body: { error: { code: 'VALIDATION', message: 'bad', fields: { plate: 'PLATE_FORMAT' } } } },
      { status: 404, body: 'not json' },
      { status: 502, body: null },
    ]);
    const client = createApiClient({ transport, token: () => undefined, readAttempts: 1 });
    await expect(client.send('POST', '/v', {})).rejects.toMatchObject({ code: 'VALIDATION', fields: { plate: 'PLATE_FORMAT' } });
    await expect(client.get('/v')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(client.get('/v')).rejects.toMatchObject({ code: 'UNAVAILABLE', status: 502 });
  });

  it('reports a lost identity so the session can be cleared', async () => {
    const transport = scripted([{ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'gone' } } }]);
    const lost: string[] = [];
    const client = createApiClient({ transport, token: () => 'tk', onIdentityLost: (e) => lost.push(e.code) });
    await expect(client.get('/me')).rejects.toBeInstanceOf(ServiceError);
    expect(lost).toEqual(['UNAUTHENTICATED']);
  });

  it('keeps at most 10 requests in flight and queues the rest', async () => {
    const release: (() => void)[] = [];
    let peak = 0;
    let inFlight = 0;
    const transport: Transport = {
      upload: () => Promise.reject(new Error('no uploads here')),
      send: () => new Promise<ApiResponse>((resolve) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        release.push(() => { inFlight -= 1; resolve({ status: 200, body: {} }); });
      }),
    };
    const client = createApiClient({ transport, token: () => undefined });
    const all = Promise.all(Array.from({ length: 25 }, (_, i) => client.get(`/r/${i}`)));
    await new Promise((r) => setTimeout(r, 0));
    expect(client.inFlight).toBe(10);
    expect(client.queued).toBe(15);
    while (release.length) {
      release.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await all;
    expect(peak).toBe(10);
  });
});

describe('wx.request transport', () => {
  it('sends JSON to the base URL and returns the status', async () => {
    fake.requestHandler = (o) => ({ statusCode: 200, data: { echoed: o.url, method: o.method, body: o.data } });
    const transport = createWxRequestTransport({ baseUrl: 'https://gov.example.cn/api/' });
    const res = await transport.send({ method: 'POST', path: '/identity/sms', query: { a: '1 2' }, body: '{"mobile":"1"}' });
    expect(res).toEqual({ status: 200, body: { echoed: 'https://gov.example.cn/api/identity/sms?a=1%202', method: 'POST', body: '{"mobile":"1"}' } });
  });

  it('turns a failed request into NETWORK or TIMEOUT', async () => {
    const transport = createWxRequestTransport({ baseUrl: 'https://gov.example.cn' });
    await expect(transport.send({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'NETWORK' });
    fake.requestHandler = () => { throw { errMsg: 'request:fail timeout' }; };
    await expect(transport.send({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('uploads with wx.uploadFile: the file, its field, the form and the headers; the JSON answer parsed', async () => {
    fake.files.set('wxfile://usr/p.jpg', new Uint8Array([0xff, 0xd8]));
    fake.requestHandler = (o) => ({ statusCode: 201, data: { got: o.url, form: o.data } });
    const transport = createWxRequestTransport({ baseUrl: 'https://gov.example.cn/api' });
    const res = await transport.upload({ path: '/exit-entry/photos', filePath: 'wxfile://usr/p.jpg', field: 'photo', form: { a: '1' }, headers: { authorization: 'Bearer t' } });
    expect(res).toEqual({ status: 201, body: { got: 'https://gov.example.cn/api/exit-entry/photos', form: { a: '1' } } });
    expect(fake.uploads).toEqual([{ url: 'https://gov.example.cn/api/exit-entry/photos', filePath: 'wxfile://usr/p.jpg', name: 'photo', formData: { a: '1' }, header: { authorization: 'Bearer t' } }]);
  });

  it('keeps an upload answer that is not JSON as text, and a failed upload is NETWORK or TIMEOUT', async () => {
    fake.files.set('wxfile://usr/p.jpg', new Uint8Array([0xff, 0xd8]));
    fake.requestHandler = () => ({ statusCode: 502, data: '<html>Bad gateway</html>' });
    const transport = createWxRequestTransport({ baseUrl: 'https://gov.example.cn' });
    await expect(transport.upload({ path: '/p', filePath: 'wxfile://usr/p.jpg', field: 'photo' })).resolves.toEqual({ status: 502, body: '<html>Bad gateway</html>' });
    await expect(transport.upload({ path: '/p', filePath: 'wxfile://usr/gone.jpg', field: 'photo' })).rejects.toMatchObject({ code: 'NETWORK' });
    fake.requestHandler = () => { throw { errMsg: 'uploadFile:fail timeout' }; };
    await expect(transport.upload({ path: '/p', filePath: 'wxfile://usr/p.jpg', field: 'photo' })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});
