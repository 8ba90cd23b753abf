// The embedded government's transport: requests reach it in-process, serialised both ways as a wire
// would, with latency and a network-fault switch for testers. Mock code: a release build has none.
import { ServiceError } from '../core/errors';
import type { EmbeddedOptions, EmbeddedTransport, GovernmentHandler, NetworkFault } from '../core/transport';

const copy = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

export function createEmbeddedTransport(government: GovernmentHandler, options: EmbeddedOptions = {}): EmbeddedTransport {
  const latencyMs = options.latencyMs ?? 0;
  let fault: NetworkFault = 'none';
  // No timer at all when there is no latency: a 0 ms timer still costs a millisecond or more.
  const wait = (): Promise<void> => (latencyMs > 0 ? new Promise((resolve) => setTimeout(resolve, latencyMs)) : Promise.resolve());
  return {
    get fault() {
      return fault;
    },
    setFault(next) {
      fault = next;
    },
    async send(req) {
      await wait();
      if (fault === 'offline') throw new ServiceError('NETWORK', 'request:fail network unavailable');
      if (fault === 'timeout') throw new ServiceError('TIMEOUT', 'request:fail timeout');
      if (fault === 'unavailable') {
        return { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'Service temporarily unavailable' } } };
      }
      // Serialise both ways, as a wire would: no object is shared between app and government.
      const body = req.body === undefined || typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      const res = await government.handle({ ...req, body });
      return { status: res.status, body: copy(res.body) };
    },
  };
}
