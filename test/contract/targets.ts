// The two governments the contract suite runs against: the embedded one in-process, and the same
// government served over real HTTP by server/government-server.ts and reached through the app's own
// wx.request transport (wx.request and wx.uploadFile making real calls to 127.0.0.1).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiRequest, ApiResponse } from '../../miniprogram/contracts/http';
import { createWxRequestTransport, type Transport, type UploadRequest } from '../../miniprogram/core/transport';
import { installStandIns } from '../../miniprogram/core/stand-ins';
import type { Government } from '../../miniprogram/mock/index';
import { createEmbeddedTransport } from '../../miniprogram/mock/transport';
import type { WeChatPay } from '../../miniprogram/mock/wechat-pay';
import { startGovernmentServer, type GovernmentServer } from '../../server/government-server';
import { TEST_NOW, createClock, createTestGovernment, governmentOver, type TestGovernment } from '../helpers/government';
import { installHttpWx, type HttpWxCounts } from '../helpers/http-wx';

export interface ContractTarget {
  name: 'embedded' | 'http';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The app's transport to this government; stays the same object across restarts. */
  transport: Transport;
  /** The payer pays on the simulated WeChat Pay, which notifies the government; resolves the transaction id. */
  pay(payParams: { package: string }): Promise<string>;
  /** Moves the government's clock forward. */
  advance(ms: number): void;
  now(): number;
  /** The last SMS code the government sent to this mobile. */
  smsCode(mobile: string): string;
  /** The government restarts over its kept state (memory gone, storage or state file kept). */
  restart(): Promise<void>;
  /** The government starts again from the seed (a fresh state). */
  reset(): Promise<void>;
  /** The government itself, for in-process assertions (counts of what it keeps). */
  government(): Government;
  /** Requests that went over HTTP (zero for the embedded target). */
  readonly wire: HttpWxCounts;
  /** The latest answer's headers over HTTP; null in-process, where an answer has none. */
  responseHeaders(): Record<string, string> | null;
}

/** A transport that forwards to whichever one is current, so the app keeps one across restarts. */
function forwarding(current: () => Transport): Transport {
  return {
    send: (req: ApiRequest): Promise<ApiResponse> => current().send(req),
    upload: (req: UploadRequest): Promise<ApiResponse> => current().upload(req),
  };
}

const mobileOf = (body: ApiRequest['body']): string | null => {
  if (typeof body !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && 'mobile' in parsed && typeof parsed.mobile === 'string' ? parsed.mobile : null;
  } catch {
    return null;
  }
};

const NO_WIRE: HttpWxCounts = { requests: 0, uploads: 0, failures: 0 };

/** The embedded government (createTestGovernment), its SMS codes read from its answers as the app would see them. */
export function embeddedTarget(): ContractTarget {
  const clock = createClock(TEST_NOW);
  let gov: TestGovernment | null = null;
  let government: Government | null = null;
  let weChatPay: WeChatPay | null = null;
  let inner: Transport | null = null;
  const codes = new Map<string, string>();
  const need = <T>(value: T | null): T => {
    if (value === null) throw new Error('the embedded target is not started');
    return value;
  };
  const capture = (embedded: Transport): Transport => ({
    async send(req) {
      const res = await embedded.send(req);
      const mobile = req.path === '/identity/sms' && res.status === 200 ? mobileOf(req.body) : null;
      const body = res.body;
      if (mobile && typeof body === 'object' && body !== null && 'devCode' in body && typeof body.devCode === 'string') codes.set(mobile, body.devCode);
      return res;
    },
    upload: (req) => embedded.upload(req),
  });
  const fresh = (): void => {
    gov = createTestGovernment(clock);
    government = gov.government;
    weChatPay = gov.weChatPay;
    inner = capture(gov.transport);
    codes.clear();
  };
  return {
    name: 'embedded',
    transport: forwarding(() => need(inner)),
    wire: NO_WIRE,
    responseHeaders: () => null,
    start: () => {
      fresh();
      return Promise.resolve();
    },
    stop: () => {
      gov = null;
      government = null;
      inner = null;
      return Promise.resolve();
    },
    async pay(payParams) {
      const outcome = need(weChatPay).pay(payParams);
      if (!outcome.paid) throw new Error(`WeChat Pay refused: ${outcome.reason}`);
      await need(weChatPay).deliver();
      return outcome.transactionId;
    },
    advance: (ms) => clock.advance(ms),
    now: () => clock.now(),
    smsCode(mobile) {
      const code = codes.get(mobile);
      if (!code) throw new Error(`no SMS code sent to ${mobile}`);
      return code;
    },
    restart() {
      // Over the same stored keys, as createTestGovernment makes it; WeChat Pay now notifies it.
      const { government: restarted, weChatPay: pay } = governmentOver(clock, need(gov).stored);
      government = restarted;
      weChatPay = pay;
      inner = capture(createEmbeddedTransport(restarted, { latencyMs: 0 }));
      return Promise.resolve();
    },
    reset: () => {
      fresh();
      return Promise.resolve();
    },
    government: () => need(government),
  };
}

/** The government served over HTTP, its state in a temporary file, reached with the app's wx.request transport. */
export function httpTarget(): ContractTarget {
  let server: GovernmentServer | null = null;
  let inner: Transport | null = null;
  let wx: ReturnType<typeof installHttpWx> | null = null;
  let dir: string | null = null;
  let files = 0;
  const counts: HttpWxCounts = { requests: 0, uploads: 0, failures: 0 };
  const need = <T>(value: T | null): T => {
    if (value === null) throw new Error('the http target is not started');
    return value;
  };
  const newStateFile = (): string => {
    files += 1;
    // A file not there yet: the server starts from the seed.
    return path.join(need(dir), `state-${files}.json`);
  };
  let stateFile = '';
  const serve = async (startAt: number): Promise<void> => {
    server = await startGovernmentServer({ port: 0, stateFile, startAt, secret: 'test-secret' });
    inner = createWxRequestTransport({ baseUrl: server.url, timeoutMs: 10_000 });
  };
  return {
    name: 'http',
    transport: forwarding(() => need(inner)),
    get wire() {
      return wx ? wx.counts : counts;
    },
    responseHeaders: () => wx?.last()?.headers ?? null,
    async start() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
      stateFile = newStateFile();
      wx = installHttpWx();
      // A real government has no stand-ins: SMS, face and payment are WeChat's own.
      installStandIns(null);
      await serve(TEST_NOW);
    },
    async stop() {
      await server?.close();
      server = null;
      wx?.restore();
      wx = null;
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
    async pay(payParams) {
      const outcome = await need(server).pay(payParams);
      if (!outcome.paid) throw new Error(`WeChat Pay refused: ${outcome.reason}`);
      return outcome.transactionId;
    },
    advance: (ms) => need(server).advance(ms),
    now: () => need(server).now(),
    smsCode(mobile) {
      const code = need(server).lastSmsCode(mobile);
      if (!code) throw new Error(`no SMS code sent to ${mobile}`);
      return code;
    },
    async restart() {
      const at = need(server).now();
      await need(server).close();
      await serve(at);
    },
    async reset() {
      await need(server).close();
      stateFile = newStateFile();
      await serve(TEST_NOW);
    },
    government: () => need(server).government,
  };
}
