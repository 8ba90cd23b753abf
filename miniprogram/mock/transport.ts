// The embedded government's transport: requests reach it in-process, serialised both ways as a wire
// would, with latency and a network-fault switch for testers. Mock code: a release build has none.
import { ServiceError } from '../core/errors';
import { encodeBase64 } from './base64';
import type { EmbeddedOptions, EmbeddedTransport, GovernmentHandler, NetworkFault } from '../core/transport';

const copy = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

export function createEmbeddedTransport(government: GovernmentHandler, options: EmbeddedOptions = {}): EmbeddedTransport {
  const latencyMs = options.latencyMs ?? 0;
  let fault: NetworkFault = 'none';
  // No timer at all when there is no latency: a 0 ms timer still costs a millisecond or more.
  const wait = (): Promise<void> => (latencyMs > 0 ? new Promise((resolve) => setTimeout(resolve, latencyMs)) : Promise.resolve());
  /** The fault's failure, or null to go on. */
  const failure = (): ServiceError | { status: number; body: unknown } | null => {
    if (fault === 'offline') return new ServiceError('NETWORK', 'request:fail network unavailable');
    if (fault === 'timeout') return new ServiceError('TIMEOUT', 'request:fail timeout');
    if (fault === 'unavailable') return { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'Service temporarily unavailable' } } };
    return null;
  };
  return {
    get fault() {
      return fault;
    },
    setFault(next) {
      fault = next;
    },
    async send(req) {
      await wait();
      const failed = failure();
      if (failed instanceof ServiceError) throw failed;
      if (failed) return failed;
      // Serialise both ways, as a wire would: no object is shared between app and government.
      const body = req.body === undefined || typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      const res = await government.handle({ ...req, body });
      return { status: res.status, body: copy(res.body) };
    },
    async upload(req) {
      await wait();
      const failed = failure();
      if (failed instanceof ServiceError) throw failed;
      if (failed) return failed;
      // wx.uploadFile reads the file itself; a file that cannot be read fails the upload, as it would there.
      const bytes = await readLocalFile(req.filePath);
      const res = await government.handle({
        method: 'POST',
        path: req.path,
        headers: req.headers,
        body: JSON.stringify(req.form ?? {}),
        file: { field: req.field, base64: encodeBase64(bytes) },
      });
      return { status: res.status, body: copy(res.body) };
    },
  };
}

function readLocalFile(filePath: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    try {
      wx.getFileSystemManager().readFile({
        filePath,
        success: (res) => (typeof res.data === 'string' ? reject(new ServiceError('NETWORK', 'uploadFile:fail file is not binary')) : resolve(new Uint8Array(res.data))),
        fail: (err) => reject(new ServiceError('NETWORK', `uploadFile:fail ${err.errMsg}`)),
      });
    } catch (err) {
      reject(new ServiceError('NETWORK', `uploadFile:fail ${err instanceof Error ? err.message : String(err)}`));
    }
  });
}
