// The mocked government over real HTTP on 127.0.0.1 (Node's http module): the same createGovernment the
// embedded app runs, every agency loaded on first use, the simulated WeChat Pay beside it notifying the
// server over HTTP, its state in one JSON file saved before each answer, and a develop-only control
// channel (/__control/...) for the clock, a reset, the SMS a tester would read and the payer's sheet.
// Requests are handled one at a time in arrival order, as the embedded government is single-threaded.
import type { Duplex } from 'node:stream';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApiRequest, ApiResponse, HttpMethod } from '../miniprogram/contracts/http';
import { REPORT_PHOTO_MAX_BYTES } from '../miniprogram/contracts/reports';
import { DAY_MS, type Clock } from '../miniprogram/core/dates';
import { normaliseMobile } from '../miniprogram/core/validation';
import { createGovernment, merchantKeyOf, type Government } from '../miniprogram/mock/index';
import { createSecureRandom, defaultRandomBytes, keyedHash } from '../miniprogram/mock/random';
import { dict, own, parseStored } from '../miniprogram/mock/store';
import { NOTIFY_PATH, createWeChatPay, readableWeChatPayState, type WeChatPay } from '../miniprogram/mock/wechat-pay';
import { MalformedUpload, boundaryOf, parseMultipart } from './multipart';
import { openStateFile, type StateFile } from './state-file';

export interface GovernmentServerOptions {
  /** 0 = any free port (tests); default 8787, as the CLI's. */
  port?: number;
  /** JSON file the state is kept in, written atomically; null (the default) = memory only. */
  stateFile?: string | null;
  /** The develop-only control channel (/__control/...), off unless true. */
  control?: boolean;
  /** Default 4 MiB; an upload (multipart/form-data) may also be as large as a report photo (10 MB) and its framing. */
  bodyLimitBytes?: number;
  /** Default 7. */
  seed?: number;
  /** Digest key; default derived from the seed (a dev server only). */
  secret?: string;
  /** ms: the clock starts here and runs in real time; default Date.now() plus what the control channel added before. */
  startAt?: number;
}

export type ServerPayOutcome = { paid: true; transactionId: string } | { paid: false; reason: string };

export interface GovernmentServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The same object the server serves, for in-process assertions (tests only); a reset makes a new one. */
  readonly government: Government;
  /** The server's simulated WeChat Pay: pay(params) then its signed notification is POSTed over HTTP to the server. */
  pay(payParams: { package: string }): Promise<ServerPayOutcome>;
  /** Moves the server's clock forward (ms). */
  advance(ms: number): void;
  now(): number;
  /** The last SMS code sent to this mobile, or null. */
  lastSmsCode(mobile: string): string | null;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_SEED = 7;
export const CONTROL_PREFIX = '/__control/';
/**
 * An upload (multipart/form-data) may be as large as the largest file an endpoint takes (a report photo,
 * 10 MB) and its framing, so the government itself answers a photo over its limit (413 FILE_TOO_LARGE,
 * which the app explains) rather than this server's body limit.
 */
const UPLOAD_FRAMING_BYTES = 64 * 1024;
/** WeChat Pay's records and the clock's moves are kept in the state file beside the government's keys. */
const WECHAT_PAY_KEY = 'wechat-pay';
const CLOCK_KEY = 'server.clock';
/** A keyed digest naming the secret the state was written with (never the secret): another one could not read its digests. */
const SECRET_CHECK_KEY = 'server.secret-check';
/** The most the control channel moves the clock in all: ten years. */
const MAX_CLOCK_ADDED_MS = 3650 * DAY_MS;
/** SMS codes remembered for lastSmsCode (a tester's inbox), the oldest forgotten first. */
const SMS_INBOX_SIZE = 1000;
/** WeChat Pay tries again this long after a notification the server did not take. */
const REDELIVER_MS = 5000;
/** How long close() waits for requests in hand before it drops their connections. */
const CLOSE_GRACE_MS = 5000;
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];
const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, idempotency-key, content-type',
  'access-control-expose-headers': 'retry-after',
  'access-control-max-age': '600',
};

interface Reply {
  status: number;
  body: unknown;
}

const errorReply = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });
const INTERNAL_REPLY = errorReply(500, 'INTERNAL', 'The government server failed; the failure was logged');

/** A save that failed: the request's changes are undone (memory back to the file) and it is answered 503. */
class StateNotKept extends Error {}

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, name) ? Reflect.get(value, name) : undefined;

/** Logs an internal failure to stderr (its stack stays there, never in an answer). */
function logInternal(context: string, err: unknown): void {
  console.error(`government: ${context}:`, err instanceof Error ? (err.stack ?? err.message) : err);
}

const isLoopback = (address: string | undefined): boolean =>
  address !== undefined && (address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address));

/** A Host or Origin naming this machine (127.0.0.1, localhost or [::1]): the control channel refuses a page of another site. */
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d{1,5})?$/i;
function controlAllowed(req: http.IncomingMessage): boolean {
  if (!isLoopback(req.socket.remoteAddress)) return false;
  if (!LOOPBACK_HOST.test(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  return /^https?:\/\//i.test(origin) && LOOPBACK_HOST.test(origin.replace(/^https?:\/\//i, ''));
}

/** The path and query of a request target (`/a/b?x=1`); the path stays percent-encoded, as the router decodes it. */
function splitTarget(target: string): { path: string; query: Record<string, string> } {
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  const query = dict<string>();
  if (mark >= 0) new URLSearchParams(target.slice(mark + 1)).forEach((value, key) => (query[key] = value));
  return { path, query };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

type BodyRead = { kind: 'body'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'gone' };

/** The whole request body, or 'too-large' as soon as it passes the limit (nothing more is read). */
function readBody(req: http.IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead): void => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        settle({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => settle({ kind: 'body', bytes: Buffer.concat(chunks, size) }));
    req.on('error', () => settle({ kind: 'gone' }));
    req.on('close', () => settle({ kind: 'gone' }));
  });
}

/** The request's headers as the government takes them: lower-case names, one string each. */
function headerTable(req: http.IncomingMessage): Record<string, string> {
  const headers = dict<string>();
  Object.entries(req.headers).forEach(([name, value]) => {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  });
  return headers;
}

/** The ApiRequest this HTTP request is, or the reply refusing it (a method the government has no use for, a bad upload, bytes that are not UTF-8). */
function apiRequestOf(method: string, path: string, query: Record<string, string>, headers: Record<string, string>, bytes: Buffer): ApiRequest | Reply {
  const known = METHODS.find((m) => m === method);
  if (!known) return errorReply(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed`);
  const request: ApiRequest = { method: known, path, query, headers };
  let boundary: string | null;
  try {
    boundary = boundaryOf(headers['content-type']);
  } catch (err) {
    return errorReply(400, 'MALFORMED_UPLOAD', err instanceof Error ? err.message : 'The upload is not multipart/form-data');
  }
  if (boundary !== null) {
    try {
      const form = parseMultipart(bytes, boundary);
      if (form.files.length > 1) return errorReply(400, 'MALFORMED_UPLOAD', 'Send one file per request');
      const [file] = form.files;
      if (file) request.file = { field: file.field, base64: file.bytes.toString('base64') };
      request.body = form.fields;
    } catch (err) {
      if (err instanceof MalformedUpload) return errorReply(400, 'MALFORMED_UPLOAD', err.message);
      throw err;
    }
    return request;
  }
  if (bytes.length === 0) return request;
  try {
    // The raw text: what the government answers for text it cannot parse is its own (400 BAD_REQUEST).
    request.body = utf8.decode(bytes);
  } catch {
    return errorReply(400, 'BAD_REQUEST', 'The request body is not UTF-8 text');
  }
  return request;
}

/** An answer's retryAfterSec (429, 503), for the Retry-After header. */
function retryAfterOf(reply: Reply): number | null {
  if (reply.status !== 429 && reply.status !== 503) return null;
  const seconds = field(field(reply.body, 'error'), 'retryAfterSec');
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : null;
}

function sendReply(res: http.ServerResponse, reply: Reply, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(reply.body) ?? 'null';
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
  };
  const retryAfter = retryAfterOf(reply);
  if (retryAfter !== null) headers['retry-after'] = String(retryAfter);
  if (close) headers.connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(text);
}

/**
 * What a request Node could not parse is answered (a header too large, a broken Content-Length, a client
 * too slow): the same JSON error, with CORS so a browser page can read it, then the connection closes.
 */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'HEADERS_TOO_LARGE', 'The request headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'TIMEOUT', 'The request took too long to arrive']
        : [400, 'BAD_REQUEST', 'The request could not be read'];
  const text = JSON.stringify(errorReply(status, code, message).body);
  const reason = http.STATUS_CODES[status] ?? 'Error';
  const headers = { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), connection: 'close' };
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${text}`);
}

/** A control body: a JSON object (prototype-less), or null when it is not one. */
function controlBody(bytes: Buffer): Record<string, unknown> | null {
  if (bytes.length === 0) return dict<unknown>();
  try {
    const parsed = parseStored(utf8.decode(bytes));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? Object.assign(dict<unknown>(), parsed) : null;
  } catch {
    return null;
  }
}

/** The milliseconds a clock move asks for (`{ ms }` or `{ days }`, whole and not negative), or the reply refusing it. */
function clockMove(body: Record<string, unknown>): number | Reply {
  const { ms, days } = body;
  if ((ms === undefined) === (days === undefined)) return errorReply(422, 'VALIDATION', 'Send { "ms": n } or { "days": n }');
  const amount = ms ?? days;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) return errorReply(422, 'VALIDATION', 'The clock moves forward only, by a whole number');
  const move = ms !== undefined ? amount : amount * DAY_MS;
  if (move > MAX_CLOCK_ADDED_MS) return errorReply(422, 'VALIDATION', 'The clock moves at most ten years');
  return move;
}

interface World {
  government: Government;
  weChatPay: WeChatPay;
}

/** A queued request: run it, then (once its batch is saved) answer it, or fail it. */
interface Job {
  run(): Promise<void>;
  answer(): void;
  fail(err: unknown): void;
}

/** The most requests kept with one save. */
const MAX_BATCH = 64;

export async function startGovernmentServer(options: GovernmentServerOptions = {}): Promise<GovernmentServer> {
  const state: StateFile = openStateFile(options.stateFile ?? null, (message) => console.error(message));
  try {
    return await startOn(state, options);
  } catch (err) {
    // Not started (another seed's file, unreadable payments, the port in use): the file is free again.
    state.release();
    throw err;
  }
}

async function startOn(state: StateFile, options: GovernmentServerOptions): Promise<GovernmentServer> {
  const seed = options.seed ?? DEFAULT_SEED;
  const secret = options.secret ?? `government-server-${seed}`;
  const merchantKey = merchantKeyOf(secret);
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const uploadLimit = Math.max(bodyLimit, REPORT_PHOTO_MAX_BYTES + UPLOAD_FRAMING_BYTES);
  const control = options.control === true;
  const secretCheck = keyedHash(secret, 'government-server-state');
  const writtenWith = state.key(SECRET_CHECK_KEY).read();
  if (writtenWith !== undefined && writtenWith !== secretCheck) {
    throw new Error(`The state file ${state.file ?? ''} was written with another seed or secret; start with the same ones, or give another state file`);
  }
  state.key(SECRET_CHECK_KEY).write(secretCheck);

  // The clock: real time from startAt, plus what the control channel added (kept, so a restart of the
  // CLI keeps a tester's move; a caller giving startAt sets the time itself).
  const storedAdded = Number(state.key(CLOCK_KEY).read() ?? '0');
  const storedFits = Number.isSafeInteger(storedAdded) && storedAdded >= 0 && storedAdded <= MAX_CLOCK_ADDED_MS;
  if (!storedFits) console.error(`government: the stored clock offset (${String(state.key(CLOCK_KEY).read())}) is out of range and was ignored`);
  let added = options.startAt === undefined && storedFits ? storedAdded : 0;
  const base = options.startAt ?? Date.now();
  const startedAt = performance.now();
  const clock: Clock = { now: () => Math.floor(base + (performance.now() - startedAt) + added) };
  state.key(CLOCK_KEY).write(String(added));
  const addToClock = (ms: number): void => {
    added = Math.min(added + ms, MAX_CLOCK_ADDED_MS);
    state.key(CLOCK_KEY).write(String(added));
  };

  let port = 0;
  /** WeChat Pay's notification, POSTed to the server's own NOTIFY_PATH over HTTP (a connection of its own). */
  const notifyOverHttp = (req: ApiRequest): Promise<ApiResponse> =>
    new Promise((resolve, reject) => {
      const body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {});
      const outgoing = http.request(
        { host: '127.0.0.1', port, path: NOTIFY_PATH, method: 'POST', agent: false, headers: { ...req.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // Not JSON: kept as text, and not an acknowledgement.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  function createWorld(): World {
    const startedNow = clock.now();
    const payText = state.key(WECHAT_PAY_KEY).read();
    // WeChat Pay's records are the merchant's proof of what was charged: never silently started afresh.
    if (payText !== undefined && !readableWeChatPayState(payText)) {
      throw new Error(`The state file's WeChat Pay records (key ${WECHAT_PAY_KEY}) cannot be read; restore them or give another state file`);
    }
    const weChatPay = createWeChatPay({ merchantKey, clock, random: createSecureRandom(defaultRandomBytes()), storage: state.key(WECHAT_PAY_KEY), notify: notifyOverHttp });
    const government = createGovernment({
      clock,
      seed,
      secret,
      storage: state.storage,
      config: { exposeSmsCode: false, allowSimulatedFace: true },
      merchant: { key: merchantKey, refund: (orderId, reference, amountFen) => weChatPay.refund(orderId, reference, amountFen) },
    });
    government
      .setAside()
      .filter((entry) => entry.at >= startedNow)
      .forEach((entry) => console.error(`government: stored part "${entry.part}" of generation ${entry.generation} could not be read; it is kept in the state file and the government starts afresh`));
    return { government, weChatPay };
  }

  let world = createWorld();
  // The government's first start writes its seed: kept at once.
  state.save();
  /** SMS codes as a tester's phone would have them, by normalised mobile (a reset or a restart empties it). */
  const inbox = new Map<string, string>();

  // One request at a time, in arrival order; each keeps its changes before its answer goes out. The
  // requests that arrived together run one after another and are kept with one save, then answered
  // (a group commit): none is answered before the file has it.
  const jobs: Job[] = [];
  let draining = false;
  const idle: (() => void)[] = [];

  function exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let result: { value: T } | null = null;
      jobs.push({
        run: async () => {
          result = { value: await work() };
        },
        answer: () => (result ? resolve(result.value) : reject(new Error('The request has no result'))),
        fail: reject,
      });
      if (!draining) {
        draining = true;
        // After the events already in: requests that arrived together are handled as one batch.
        setImmediate(() => void drain());
      }
    });
  }

  async function drain(): Promise<void> {
    const done: Job[] = [];
    const failAll = (err: unknown): void => done.splice(0).forEach((job) => job.fail(err));
    while (jobs.length > 0) {
      const job = jobs.shift();
      if (!job) break;
      try {
        await job.run();
      } catch (err) {
        // What the failed request, and the unsaved ones before it, changed in memory is not kept: back to the file.
        restore();
        failAll(new StateNotKept('The government could not keep this change; nothing was changed'));
        job.fail(err);
        continue;
      }
      done.push(job);
      if (jobs.length > 0 && done.length < MAX_BATCH) continue;
      try {
        state.save();
      } catch (err) {
        logInternal('the state file could not be written', err);
        restore();
        failAll(new StateNotKept('The government could not keep this change; nothing was changed'));
        continue;
      }
      done.splice(0).forEach((next) => next.answer());
    }
    draining = false;
    idle.splice(0).forEach((resolve) => resolve());
  }

  /** Resolves once no request is queued or running. */
  const whenIdle = (): Promise<void> => (draining ? new Promise((resolve) => idle.push(resolve)) : Promise.resolve());

  function restore(): void {
    state.reload();
    world = createWorld();
  }

  /** What a failure inside the server answers: 503 when the state could not be kept, else 500 (logged). */
  function failureReply(context: string, err: unknown): Reply {
    if (err instanceof StateNotKept) return errorReply(503, 'UNAVAILABLE', err.message);
    logInternal(context, err);
    return INTERNAL_REPLY;
  }

  function noteSms(req: ApiRequest, answer: ApiResponse): void {
    if (req.method !== 'POST' || req.path !== '/identity/sms' || answer.status !== 200 || typeof req.body !== 'string') return;
    let mobile: unknown;
    try {
      mobile = field(parseStored(req.body), 'mobile');
    } catch {
      return;
    }
    if (typeof mobile !== 'string') return;
    const normalised = normaliseMobile(mobile);
    const sent = own(world.government.inspect().limits.sms, normalised);
    if (!sent) return;
    inbox.delete(normalised);
    inbox.set(normalised, sent.code);
    if (inbox.size > SMS_INBOX_SIZE) inbox.delete(inbox.keys().next().value ?? '');
  }

  function lastSmsCode(mobile: string): string | null {
    const normalised = normaliseMobile(mobile);
    return inbox.get(normalised) ?? own(world.government.inspect().limits.sms, normalised)?.code ?? null;
  }

  function serveGovernment(req: ApiRequest): Promise<Reply> {
    return exclusive(async () => {
      const answer = await world.government.handle(req);
      if (answer.status >= 500 && answer.status !== 503) console.error(`government: ${req.method} ${req.path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      noteSms(req, answer);
      return answer;
    }).catch((err: unknown) => failureReply(`${req.method} ${req.path}`, err));
  }

  let redeliver: NodeJS.Timeout | null = null;
  let closing = false;
  /**
   * Sends WeChat Pay's notifications the server has not acknowledged yet (only that order's when given: a
   * payment does not also resend every other one still waiting), outside the queue (each is a request of
   * its own). The timer sends all that are left.
   */
  async function deliverPending(orderId?: string): Promise<void> {
    const pay = world.weChatPay;
    try {
      await pay.deliver(orderId);
    } catch (err) {
      logInternal('WeChat Pay could not notify the government', err);
    }
    // The acknowledgements WeChat Pay noted are kept with the next save; saved now, in turn.
    await exclusive(() => undefined).catch((err: unknown) => failureReply('saving WeChat Pay', err));
    const waiting = pay.inspect().transactions.some((tx) => !tx.acknowledged);
    if (waiting && !closing && redeliver === null) {
      redeliver = setTimeout(() => {
        redeliver = null;
        void deliverPending();
      }, REDELIVER_MS);
      redeliver.unref();
    }
  }

  async function pay(payParams: { package: string }): Promise<ServerPayOutcome> {
    const outcome = await exclusive(() => world.weChatPay.pay({ package: payParams.package }));
    if (outcome.paid) await deliverPending(world.weChatPay.inspect().transactions.find((tx) => tx.transactionId === outcome.transactionId)?.orderId);
    return outcome;
  }

  async function controlRequest(method: string, path: string, query: Record<string, string>, bytes: Buffer): Promise<Reply> {
    const name = path.slice(CONTROL_PREFIX.length);
    const known = ['clock', 'reset', 'sms', 'pay'];
    if (!known.includes(name)) return errorReply(404, 'NOT_FOUND', `No control endpoint at ${path}`);
    const wanted = name === 'sms' ? 'GET' : 'POST';
    if (method !== wanted) return errorReply(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`);
    if (name === 'sms') {
      const mobile = query.mobile ?? '';
      const code = mobile ? lastSmsCode(mobile) : null;
      return code === null ? errorReply(404, 'NO_CODE', 'No SMS code was sent to this mobile') : { status: 200, body: { code } };
    }
    const body = controlBody(bytes);
    if (body === null) return errorReply(400, 'BAD_REQUEST', 'The request body must be a JSON object');
    if (name === 'clock') {
      const move = clockMove(body);
      if (typeof move !== 'number') return move;
      return exclusive(() => {
        if (move > 0) addToClock(move);
        return { status: 200, body: { now: clock.now() } };
      });
    }
    if (name === 'reset') {
      return exclusive(() => {
        state.clear();
        added = 0;
        inbox.clear();
        world = createWorld();
        return { status: 200, body: { reset: true, now: clock.now() } };
      });
    }
    const pkg = body.package;
    if (typeof pkg !== 'string' || pkg === '') return errorReply(422, 'VALIDATION', 'Send { "package": "prepay_id=..." }');
    const outcome = await pay({ package: pkg });
    if (outcome.paid) return { status: 200, body: outcome };
    return { status: 409, body: { ...outcome, error: { code: outcome.reason, message: `WeChat Pay refused the payment (${outcome.reason})` } } };
  }

  let inFlight = 0;
  let drained: (() => void) | null = null;

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (closing) {
      sendReply(res, errorReply(503, 'UNAVAILABLE', 'The government server is stopping'), true);
      return;
    }
    if (method === 'OPTIONS') {
      res.writeHead(204, { ...CORS_HEADERS, 'content-length': '0' });
      res.end();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    const limit = /^\s*multipart\/form-data\b/i.test(req.headers['content-type'] ?? '') ? uploadLimit : bodyLimit;
    const tooLarge = errorReply(413, 'BODY_TOO_LARGE', `The request body is over ${limit} bytes`);
    if (Number.isFinite(declared) && declared > limit) {
      // Refused from its declared length: nothing of it is read, and the connection closes after the answer.
      sendReply(res, tooLarge, true);
      return;
    }
    // A client that waits for 100 Continue (curl, for a large body) is told to send only when the size is fine.
    if (/100-continue/i.test(req.headers.expect ?? '')) res.writeContinue();
    const read = await readBody(req, limit);
    if (read.kind === 'gone') return;
    if (read.kind === 'too-large') {
      sendReply(res, tooLarge, true);
      return;
    }
    const { path, query } = splitTarget(req.url ?? '/');
    const headers = headerTable(req);
    let reply: Reply;
    if (control && path.startsWith(CONTROL_PREFIX) && controlAllowed(req)) {
      reply = await controlRequest(method, path, query, read.bytes).catch((err: unknown) => failureReply(`control ${path}`, err));
    } else {
      const request = apiRequestOf(method, path, query, headers, read.bytes);
      reply = 'status' in request ? request : await serveGovernment(request);
    }
    sendReply(res, reply);
  }

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    inFlight += 1;
    handleRequest(req, res)
      .catch((err: unknown) => sendReply(res, failureReply(`${req.method ?? '?'} ${req.url ?? '?'}`, err)))
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0 && drained) drained();
      });
  };
  const server = http.createServer(onRequest);
  // Expect: 100-continue is answered by handleRequest, after the declared size is checked.
  server.on('checkContinue', onRequest);
  server.on('clientError', answerClientError);
  // A slow client cannot hold a connection open for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error): void => reject(err);
    server.once('error', failed);
    server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => {
      server.removeListener('error', failed);
      resolve();
    });
  });
  server.on('error', (err) => logInternal('the HTTP server failed', err));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The government server has no TCP address');
  port = address.port;
  const url = `http://127.0.0.1:${port}`;
  // Notifications a previous run did not get acknowledged go out now, as WeChat Pay would send them again.
  await deliverPending();

  let closed: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing = true;
    if (redeliver) clearTimeout(redeliver);
    redeliver = null;
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // The requests in hand finish (a slow one is cut off after a grace period), then the state is kept.
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        drained = resolve;
        setTimeout(resolve, CLOSE_GRACE_MS).unref();
      });
    }
    await whenIdle();
    try {
      state.save();
    } catch (err) {
      logInternal('the state file could not be written at close', err);
    }
    server.closeAllConnections();
    await stopped;
    state.release();
  }

  return {
    url,
    port,
    get government() {
      return world.government;
    },
    pay,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock moves forward only');
      addToClock(ms);
      exclusive(() => undefined).catch((err: unknown) => failureReply('saving the clock', err));
    },
    now: () => clock.now(),
    lastSmsCode,
    close: () => {
      closed ??= close();
      return closed;
    },
  };
}
