// A form's photos go up once each: a failure keeps the ids already back, and the retry sends only the rest.
import { ServiceError } from '../../miniprogram/core/errors';
import { uploadMissing, type PendingUpload } from '../../miniprogram/core/uploads';

const file = (n: number, uploadedId = ''): PendingUpload => ({ path: `wxfile://usr/p${n}.jpg`, key: `k${n}`, uploadedId });

describe('uploading a form\'s photos', () => {
  it('uploads each file without an id once, in order, keeping the ids', async () => {
    const calls: string[] = [];
    const out = await uploadMissing([file(1, 'ph-1'), file(2), file(3)], async (f) => {
      calls.push(f.key);
      return `ph-${f.key}`;
    });
    expect(calls).toEqual(['k2', 'k3']);
    expect(out).toEqual({ files: [file(1, 'ph-1'), file(2, 'ph-k2'), file(3, 'ph-k3')], failed: null, sent: 2 });
  });

  it('stops at a failure, keeps what came back, and a retry sends only what failed and after', async () => {
    let offline = true;
    const calls: string[] = [];
    const upload = async (f: PendingUpload) => {
      calls.push(f.key);
      if (offline && f.key === 'k2') throw new ServiceError('NETWORK', 'request:fail');
      return `ph-${f.key}`;
    };
    const first = await uploadMissing([file(1), file(2), file(3)], upload);
    expect([first.failed?.code, first.sent, first.files.map((f) => f.uploadedId)]).toEqual(['NETWORK', 2, ['ph-k1', '', '']]);
    offline = false;
    const again = await uploadMissing(first.files, upload);
    expect([again.failed, again.sent, again.files.map((f) => f.uploadedId)]).toEqual([null, 2, ['ph-k1', 'ph-k2', 'ph-k3']]);
    expect(calls).toEqual(['k1', 'k2', 'k2', 'k3']);
  });
});
