// Routes, bearer-token auth and idempotent replays for the mocked government.
import { AUTH_HEADER, IDEMPOTENCY_HEADER, type ApiRequest, type ApiResponse, type HttpMethod } from '../contracts/http';
import type { IdentityLevel } from '../contracts/identity';
import { decodeBase64 } from './base64';
import { HttpError, errorResponse } from './http';
import type { SecureRandom } from './random';
import { ANONYMOUS_ANSWERS, answersToChange, dict, dropAnswers, own, parseStored, type GovernmentState, type IdempotentAnswer, type PersonRecord, type SessionRecord } from './store';
import { pruneTries } from './tries';

/** none: bootstrap; session: any signed-in device; verified / face: a real-name person. */
export type AuthLevel = 'none' | 'session' | 'verified' | 'face';

export interface GovernmentConfig {
  /** The embedded government puts the SMS code in its answer so a tester can read it. */
  exposeSmsCode: boolean;
  /** Accept a simulated face verification where the real one is unavailable (embedded mode). */
  allowSimulatedFace: boolean;
  /** How many notices the performance seed's vehicle carries (200; larger for benchmarks). */
  busyNoticeCount: number;
}

export interface Context {
  params: Record<string, string>;
  query: Record<string, string>;
  /** Lower-case names; prototype-less. */
  headers: Record<string, string>;
  body: unknown;
  /** The body as it came, for what is signed over its exact text (payment notifications). */
  rawBody: string | undefined;
  now: number;
  state: GovernmentState;
  random: SecureRandom;
  config: GovernmentConfig;
  session: SessionRecord | null;
  token: string | null;
  /** Keyed digest for personal data (see keyedHash). */
  hash: (text: string) => string;
  /** The uploaded file's bytes, on an endpoint that takes one (`upload`); null elsewhere. */
  file: Uint8Array | null;
}

/** A request acting for a person: a verified caller, or a payment notice for a person's order. */
export interface PayerContext extends Context {
  person: PersonRecord;
}

export interface VerifiedContext extends PayerContext {
  session: SessionRecord;
}

export interface Answer { status: number; body: unknown }

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const created = (body: unknown): Answer => ({ status: 201, body });

interface RouteBase {
  method: HttpMethod;
  path: string;
  summary: string;
  /**
   * What a replay of this write's answer gives (the same Idempotency-Key again), when the answer holds a
   * secret that must not be stored (an invitation code, kept only as a digest): the saved copy leaves it out.
   */
  replay?: (body: unknown) => unknown;
  /**
   * The endpoint takes one file (multipart/form-data, `wx.uploadFile`) in this field, of at most `maxBytes`
   * (413 beyond, before any work); its other form fields are the body.
   */
  upload?: { field: string; maxBytes: number };
}
export type Route =
  | (RouteBase & { auth: 'none' | 'session'; handle: (ctx: Context) => Answer })
  | (RouteBase & { auth: 'verified' | 'face'; handle: (ctx: VerifiedContext) => Answer });

export interface Endpoint { method: HttpMethod; path: string; auth: AuthLevel; summary: string }

interface CompiledRoute { route: Route; pattern: RegExp; names: string[] }

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/:(\w+)/g, (_whole, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

const LEVEL_RANK: Record<IdentityLevel, number> = { anonymous: 0, verified: 1, face: 2 };
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
const AGENCY_PRUNE_EVERY_MS = 3600 * 1000;
const SMS_KEEP_AFTER_EXPIRY_MS = 3600 * 1000;
/** Saved answers kept per session (the latest); a replay of an older one is served afresh. */
export const ANSWERS_PER_SESSION = 50;
/** The largest request body taken (in UTF-16 code units of its JSON text); larger ones get 413 before any work. */
export const MAX_BODY_CHARS = 64 * 1024;

/** The body as JSON text, or undefined when there is none; 413 before anything else is done with it. */
function bodyText(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  // JSON.stringify gives undefined for a function or a toJSON that returns nothing, and throws on cycles.
  let text: string | undefined;
  try {
    text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  } catch {
    text = undefined;
  }
  if (typeof text !== 'string') throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  if (text.length > MAX_BODY_CHARS) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `The request body is over ${MAX_BODY_CHARS} characters`);
  return text;
}

/** The uploaded file's bytes when the route takes one; 400, 413 or 422 (naming the field) when it is wrong. */
function fileOf(req: ApiRequest, route: Route): Uint8Array | null {
  const sent: unknown = req.file;
  if (!route.upload) {
    if (sent !== undefined && sent !== null) throw new HttpError(400, 'FILE_NOT_EXPECTED', 'This endpoint takes no file');
    return null;
  }
  const { field, maxBytes } = route.upload;
  const base64: unknown = typeof sent === 'object' && sent !== null ? Reflect.get(sent, 'base64') : undefined;
  if (typeof sent !== 'object' || sent === null || Reflect.get(sent, 'field') !== field || typeof base64 !== 'string' || base64 === '') {
    throw new HttpError(422, 'VALIDATION', `Send the file in the form field "${field}"`, { [field]: 'FILE_REQUIRED' });
  }
  if (base64.length > Math.ceil(maxBytes / 3) * 4) throw new HttpError(413, 'FILE_TOO_LARGE', `The file is over ${maxBytes} bytes`);
  const bytes = decodeBase64(base64);
  if (!bytes) throw new HttpError(400, 'BAD_REQUEST', 'The file is not valid base64');
  if (bytes.length > maxBytes) throw new HttpError(413, 'FILE_TOO_LARGE', `The file is over ${maxBytes} bytes`);
  return bytes;
}

/** An empty body reads as `{}`; objects come back prototype-less. */
function parseBody(text: string | undefined): unknown {
  if (text === undefined) return dict<unknown>();
  try {
    return parseStored(text);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

/** Only own string values, in a prototype-less table (header names lower-cased). */
function stringTable(source: unknown, lower: boolean): Record<string, string> {
  const out = dict<string>();
  if (typeof source !== 'object' || source === null) return out;
  Object.keys(source).forEach((key) => {
    const value: unknown = Reflect.get(source, key);
    if (typeof value === 'string') out[lower ? key.toLowerCase() : key] = value;
  });
  return out;
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'BAD_ENCODING', 'The path has malformed percent-encoding');
  }
}

export interface RouterDeps {
  state: () => GovernmentState;
  random: SecureRandom;
  config: GovernmentConfig;
  now: () => number;
  /** Keeps every changed part after a request succeeds; throws when storage refuses. */
  commit: () => void;
  /** Keeps the limits only (after a refusal, which may have counted a try). */
  commitLimits: () => void;
  /** Puts the state back to what is kept, except the parts named. */
  rollback: (keep?: readonly 'limits'[], afterRead?: boolean) => void;
  hash: (text: string) => string;
  /** Each agency's own pruning (orders nobody can pay or confirm any more), run with the shell's. */
  prune?: ((state: GovernmentState, now: number) => void)[];
}

export function createRouter(initial: Route[], deps: RouterDeps) {
  const routes = [...initial];
  const compiled = routes.map(compile);
  const prunes = [...(deps.prune ?? [])];

  function authenticate(headers: Record<string, string>, state: GovernmentState, now: number): { token: string | null; session: SessionRecord | null } {
    const header = headers[AUTH_HEADER];
    if (!header) return { token: null, session: null };
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match) throw new HttpError(401, 'UNAUTHENTICATED', 'The authorization header must be "Bearer <token>"');
    const session = own(state.sessions, match[1]);
    if (!session || session.expiresAt <= now) throw new HttpError(401, 'UNAUTHENTICATED', 'The session has ended; sign in again');
    return { token: match[1], session };
  }

  function dispatch(req: ApiRequest): Answer {
    const state = deps.state();
    const now = deps.now();
    if (typeof req.path !== 'string' || req.path.length > 2048) throw new HttpError(400, 'BAD_REQUEST', 'The path is missing or too long');
    const path = req.path.split('?')[0];
    const candidates = compiled.filter((c) => c.pattern.test(path));
    if (candidates.length === 0) throw new HttpError(404, 'NOT_FOUND', `No endpoint at ${path}`);
    const hit = candidates.find((c) => c.route.method === req.method);
    if (!hit) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`);

    const headers = stringTable(req.headers, true);
    const text = bodyText(req.body);
    const { route } = hit;
    const { token, session } = route.auth === 'none' ? { token: null, session: null } : authenticate(headers, state, now);
    if (route.auth !== 'none' && !session) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first');
    const person = session?.personId ? own(state.people, session.personId) : undefined;
    const personal = route.auth === 'verified' || route.auth === 'face';
    if (personal && (!session || !person || LEVEL_RANK[session.level] < 1)) throw new HttpError(403, 'NOT_VERIFIED', 'Verify your real-name identity first');
    if (route.auth === 'face' && session && LEVEL_RANK[session.level] < 2) throw new HttpError(403, 'FACE_REQUIRED', 'This service needs face verification');
    // The file is read once the caller may use the endpoint: 401 and 403 come first, as everywhere.
    const file = fileOf(req, route);

    const values = hit.pattern.exec(path) ?? [];
    const params: Record<string, string> = {};
    hit.names.forEach((name, i) => {
      params[name] = decodeParam(values[i + 1] ?? '');
    });
    const body = parseBody(text);
    const ctx: Context = { params, query: stringTable(req.query, false), headers, body, rawBody: text, now, state, random: deps.random, config: deps.config, session, token, hash: deps.hash, file };

    // Replays come after authentication: a signed-out token gets no stored answer back.
    // Bootstrap is never replayed: the same code and key must not hand a token to another caller.
    if (route.auth === 'none') return route.handle(ctx);
    if (route.auth === 'session') return withIdempotency(req, headers, text, () => route.handle(ctx), route.replay);

    if (!session || !person) throw new HttpError(403, 'NOT_VERIFIED', 'Verify your real-name identity first');
    return withIdempotency(req, headers, text, () => route.handle({ ...ctx, session, person }), route.replay);
  }

  /** Same key and same request: the first answer again. Same key, other request: a conflict. */
  function withIdempotency(req: ApiRequest, headers: Record<string, string>, text: string | undefined, run: () => Answer, replay?: (body: unknown) => unknown): Answer {
    const key = headers[IDEMPOTENCY_HEADER];
    if (req.method === 'GET' || !key) return run();
    const state = deps.state();
    const now = deps.now();
    const who = headers[AUTH_HEADER] ?? 'anonymous';
    const slot = deps.hash(`${who}|${key}`);
    // Only a keyed digest of the request is kept, never its body (which may hold an ID number).
    const fingerprint = deps.hash(`${req.method} ${req.path} ${text ?? 'null'}${req.file ? ` file ${deps.hash(req.file.base64)}` : ''}`);
    const token = /^Bearer (\S+)$/.exec(headers[AUTH_HEADER] ?? '')?.[1];
    // One session's answers are kept together (and stored under a key of their own).
    const bucket = token === undefined ? ANONYMOUS_ANSWERS : deps.hash(`session|${token}`);
    const previous = own(own(state.idempotency, bucket) ?? dict<IdempotentAnswer>(), slot);
    if (previous && now - previous.at < IDEMPOTENCY_TTL_MS) {
      if (previous.fingerprint !== fingerprint) {
        throw new HttpError(409, 'IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for a different request');
      }
      return { status: previous.status, body: previous.body };
    }
    const answer = run();
    // A request that ended its own session (deleting one's data) leaves nothing a replay could fetch.
    const session = token === undefined ? undefined : own(state.sessions, token);
    if (token !== undefined && !session) return answer;
    // The owner as the request left it: verifying makes the session someone's, whose answers these then are.
    if (answer.status < 300) {
      const saved: IdempotentAnswer = { fingerprint, status: answer.status, body: replay ? replay(answer.body) : answer.body, at: now };
      if (session?.personId) saved.owner = session.personId;
      if (token !== undefined) saved.session = bucket;
      const answers = answersToChange(state, bucket);
      // A session keeps its latest answers only, so one caller's retries cannot fill the storage.
      const mine = Object.keys(answers);
      if (token !== undefined && mine.length >= ANSWERS_PER_SESSION) {
        mine.sort((x, y) => answers[x].at - answers[y].at).slice(0, mine.length - ANSWERS_PER_SESSION + 1).forEach((old) => delete answers[old]);
      }
      answers[slot] = saved;
    }
    return answer;
  }

  let lastAgencyPrune = Number.NEGATIVE_INFINITY;
  /** A limit counted but not yet stored (storage refused it): nothing is served until it is, or a relaunch would forget it. */
  let limitsUnsaved = false;

  /** Drops what no request can use again: old idempotent answers, ended sessions, spent SMS codes, and what agencies drop. */
  function prune(state: GovernmentState, now: number): void {
    Object.keys(state.sessions).forEach((token) => {
      if (state.sessions[token].expiresAt <= now) delete state.sessions[token];
    });
    // A day's failed tries (vehicle and account binds, invitation codes) lock nothing once the day is over.
    pruneTries(state, now);
    Object.keys(state.limits.sms).forEach((mobile) => {
      // A code expired an hour ago locks nothing (a new one starts its own tries) and only takes up room.
      if (state.limits.sms[mobile].expiresAt + SMS_KEEP_AFTER_EXPIRY_MS <= now) delete state.limits.sms[mobile];
    });
    // Agencies look through all they hold, so at most once an hour, not on every write.
    if (now - lastAgencyPrune >= AGENCY_PRUNE_EVERY_MS || now < lastAgencyPrune) {
      lastAgencyPrune = now;
      // An answer past its day is never replayed (withIdempotency checks its age), so it may wait for this.
      dropAnswers(state, (answer) => now - answer.at >= IDEMPOTENCY_TTL_MS);
      prunes.forEach((agencyPrune) => agencyPrune(state, now));
    }
  }

  /** A refused request changes nothing but the limits it may have counted; a kept one is stored whole or not at all. */
  function settle(req: ApiRequest, answer: Answer): Answer {
    if (answer.status >= 400) {
      deps.rollback(['limits']);
      try {
        deps.commitLimits();
      } catch {
        // The refusal stands; the try is counted in memory, and no request is served until it is kept.
        limitsUnsaved = true;
      }
      return answer;
    }
    // A read keeps nothing, not even what it made in memory (an agency's empty state on first use); it never lowers a limit.
    if (req.method === 'GET') {
      deps.rollback(['limits'], true);
      return answer;
    }
    prune(deps.state(), deps.now());
    try {
      deps.commit();
    } catch {
      deps.rollback();
      return errorResponse(new HttpError(503, 'UNAVAILABLE', 'The government could not keep this change (storage is full); nothing was changed'));
    }
    return answer;
  }

  return {
    /** Serves an agency loaded after the start: its routes, and its pruning with the others'. */
    add(more: Route[], prune?: (state: GovernmentState, now: number) => void): void {
      routes.push(...more);
      compiled.push(...more.map(compile));
      if (prune) prunes.push(prune);
    },
    endpoints(): Endpoint[] {
      return routes.map(({ method, path, auth, summary }) => ({ method, path, auth, summary }));
    },
    handle(req: ApiRequest): ApiResponse {
      if (limitsUnsaved) {
        try {
          deps.commitLimits();
          limitsUnsaved = false;
        } catch {
          // Answering now could let a guess be checked against a limit that a relaunch would lose.
          return errorResponse(new HttpError(503, 'UNAVAILABLE', 'The government cannot keep its limits (storage is full); try again later'));
        }
      }
      let answer: Answer;
      try {
        answer = dispatch(req);
      } catch (err) {
        if (err instanceof HttpError) answer = errorResponse(err);
        else {
          const message = err instanceof Error ? err.message : String(err);
          answer = errorResponse(new HttpError(500, 'INTERNAL', `The government service failed: ${message}`));
        }
      }
      return settle(req, answer);
    },
  };
}
