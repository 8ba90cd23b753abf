// The faults a sequence injects, and the transport wrapper that injects them around the embedded
// government's wire (mock/transport.ts). Each command brings its own list of network faults; the
// requests it makes take them in order, then go through cleanly.
import type { ApiRequest, ApiResponse } from '../../miniprogram/contracts/http';
import type { Transport } from '../../miniprogram/core/transport';
import type { ServiceError } from '../../miniprogram/core/errors';

/**
 * timeout-before: the request never reached the government; timeout-after: it acted and the answer was
 * lost; unavailable: a 503 before it acted; bad-gateway: a 502 after it acted; duplicate: the request
 * delivered twice at once (a proxy's retry), the first answer returned.
 */
export const NETWORK_FAULTS = ['timeout-before', 'timeout-after', 'unavailable', 'bad-gateway', 'duplicate'] as const;
export type NetworkFault = (typeof NETWORK_FAULTS)[number];
/** What the commands themselves inject besides the network's faults. */
export type StepFault = 'double-tap' | 'app-restart' | 'app-killed-after-pay' | 'government-restart' | 'late-notification';
export type FaultKind = NetworkFault | StepFault;

/** The figures printed at the end, summed over every sequence of the file. */
export interface Figures {
  sequences: number;
  commands: number;
  requests: number;
  faults: Record<FaultKind, number>;
  invariantChecks: number;
  /** WeChat Pay's charges at the end of the sequences: settled (paid), or refund-due (money owed back). */
  charges: { settled: number; refundDue: number };
}

export function emptyFigures(): Figures {
  const faults: Record<FaultKind, number> = {
    'timeout-before': 0, 'timeout-after': 0, unavailable: 0, 'bad-gateway': 0, duplicate: 0,
    'double-tap': 0, 'app-restart': 0, 'app-killed-after-pay': 0, 'government-restart': 0, 'late-notification': 0,
  };
  return { sequences: 0, commands: 0, requests: 0, faults, invariantChecks: 0, charges: { settled: 0, refundDue: 0 } };
}

/** The network faults still to come in this command, shared by every request it makes (a double tap's too). */
export class FaultPlan {
  private queue: NetworkFault[] = [];

  constructor(private readonly figures: Figures) {}

  /** The next command's faults; whatever the last one left unused is dropped. */
  arm(faults: readonly NetworkFault[]): void {
    this.queue = [...faults];
  }

  next(): NetworkFault | undefined {
    this.figures.requests += 1;
    const fault = this.queue.shift();
    if (fault) this.figures.faults[fault] += 1;
    return fault;
  }

  count(kind: StepFault): void {
    this.figures.faults[kind] += 1;
  }
}

type ServiceErrorClass = new (code: string, message: string, status?: number) => ServiceError;

const unavailable = (status: number): ApiResponse => ({ status, body: { error: { code: 'UNAVAILABLE', message: 'Service temporarily unavailable' } } });

/**
 * The faulty network between the app and `wire()` (looked up per request: the government may have
 * restarted). Errors are made with the app's own ServiceError class (the app's module registry).
 */
export function faultyTransport(wire: () => Transport, plan: FaultPlan, ServiceErrorOf: ServiceErrorClass): Transport {
  const timeout = (): ServiceError => new ServiceErrorOf('TIMEOUT', 'request:fail timeout');
  async function through(deliver: (t: Transport) => Promise<ApiResponse>): Promise<ApiResponse> {
    const fault = plan.next();
    if (fault === 'timeout-before') throw timeout();
    if (fault === 'unavailable') return unavailable(503);
    if (fault === 'duplicate') {
      const [first] = await Promise.all([deliver(wire()), deliver(wire())]);
      return first;
    }
    const answer = await deliver(wire());
    if (fault === 'timeout-after') throw timeout();
    if (fault === 'bad-gateway') return unavailable(502);
    return answer;
  }
  return {
    send: (req: ApiRequest) => through((t) => t.send(req)),
    upload: (req) => through((t) => t.upload(req)),
  };
}
