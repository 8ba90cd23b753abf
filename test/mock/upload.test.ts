// Files through the transport (wx.uploadFile on the http backend; the embedded transport reads the file and
// sends it as base64): an endpoint that takes a file gets its bytes; one that does not refuses a file; a
// missing, oversized or malformed file is a coded 4xx before the handler runs; the file is part of what an
// idempotency key stands for; and nothing reaches the handler without a verified session.
import type { UploadedFile } from '../../miniprogram/contracts/http';
import { createGovernment, type Government } from '../../miniprogram/mock/index';
import { createEmbeddedTransport } from '../../miniprogram/mock/transport';
import { created, type Route } from '../../miniprogram/mock/router';
import { fake } from '../helpers/fake-wx';
import { createClock, verifiedToken } from '../helpers/government';

let handled = 0;
const routes: Route[] = [
  {
    method: 'POST', path: '/upload-test/files', auth: 'verified', summary: 'test', upload: { field: 'file', maxBytes: 1000 },
    handle: (ctx) => {
      handled += 1;
      return created({ bytes: ctx.file?.length ?? -1, first: ctx.file?.[0] ?? -1, form: ctx.body });
    },
  },
  { method: 'POST', path: '/upload-test/plain', auth: 'verified', summary: 'test', handle: (ctx) => created({ file: ctx.file }) },
];

describe('files through the transport', () => {
  let government: Government;
  let token: string;
  beforeEach(async () => {
    handled = 0;
    government = createGovernment({ clock: createClock(), config: { exposeSmsCode: true, allowSimulatedFace: false }, agencies: [{ name: 'upload-test', routes }] });
    token = await verifiedToken(government, 'r02');
  });
  const headers = (key: string) => ({ authorization: `Bearer ${token}`, 'idempotency-key': key });
  const raw = (file: UploadedFile | undefined, path = '/upload-test/files', key = 'k1') =>
    government.handle({ method: 'POST', path, headers: headers(key), body: '{}', file });

  it('hands the endpoint the bytes and the form fields, read from the local file', async () => {
    fake.files.set('wxfile://usr/a.bin', new Uint8Array([7, 8, 9, 10]));
    const transport = createEmbeddedTransport(government);
    const res = await transport.upload({ path: '/upload-test/files', headers: headers('k1'), filePath: 'wxfile://usr/a.bin', field: 'file', form: { note: 'x' } });
    expect(res).toEqual({ status: 201, body: { bytes: 4, first: 7, form: { note: 'x' } } });
    // A file that is gone fails as wx.uploadFile would: a network-level failure, nothing sent.
    await expect(transport.upload({ path: '/upload-test/files', headers: headers('k2'), filePath: 'wxfile://usr/gone.bin', field: 'file' })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(handled).toBe(1);
  });

  it('answers the first upload again for the same key and file, and refuses the key for another file', async () => {
    const one = await raw({ field: 'file', base64: 'AQID' });
    expect(await raw({ field: 'file', base64: 'AQID' })).toEqual(one);
    expect(handled).toBe(1);
    const other = await raw({ field: 'file', base64: 'BAUG' });
    expect([other.status, (other.body as { error: { code: string } }).error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect(handled).toBe(1);
  });

  it('refuses a missing, misnamed, oversized or malformed file, and a file where none is taken, before the handler', async () => {
    const code = async (file: UploadedFile | undefined, path?: string) => {
      const res = await raw(file, path, `k-${Math.random()}`);
      const error = (res.body as { error: { code: string; fields?: Record<string, string> } }).error;
      return [res.status, error.code, error.fields];
    };
    expect(await code(undefined)).toEqual([422, 'VALIDATION', { file: 'FILE_REQUIRED' }]);
    expect(await code({ field: 'photo', base64: 'AQID' })).toEqual([422, 'VALIDATION', { file: 'FILE_REQUIRED' }]);
    expect(await code({ field: 'file', base64: '' })).toEqual([422, 'VALIDATION', { file: 'FILE_REQUIRED' }]);
    expect(await code({ field: 'file', base64: Buffer.alloc(1001).toString('base64') })).toEqual([413, 'FILE_TOO_LARGE', undefined]);
    expect(await code({ field: 'file', base64: 'A'.repeat(10_000_000) })).toEqual([413, 'FILE_TOO_LARGE', undefined]);
    expect(await code({ field: 'file', base64: 'not base64!' })).toEqual([400, 'BAD_REQUEST', undefined]);
    expect(await code({ field: 'file', base64: 'AQID' }, '/upload-test/plain')).toEqual([400, 'FILE_NOT_EXPECTED', undefined]);
    expect(handled).toBe(0);
  });

  it('takes no file from a caller without a verified session', async () => {
    const res = await government.handle({ method: 'POST', path: '/upload-test/files', headers: { 'idempotency-key': 'k' }, file: { field: 'file', base64: 'AQID' } });
    expect(res.status).toBe(401);
    expect(handled).toBe(0);
  });
});
