// Routes, bearer-token auth and idempotent replays for the mocked government.
import { AUTH_HEADER, IDEMPOTENCY_HEADER, type ApiRequest, type ApiResponse, type HttpMethod } from '../contracts/http';
import type { IdentityLevel } from '../contracts/identity';
import { HttpError, errorResponse } from './http';
import type { Random } from './random';
import type { GovernmentState, PersonRecord, SessionRecord } from './store';

/** none: bootstrap; session: any signed-in device; verified / face: a real-name person. */
export type AuthLevel = 'none' | 'session' | 'verified' | 'face';

export interface GovernmentConfig {
  /** The embedded government puts the SMS code in its answer so a tester can read it. */
  exposeSmsCode: boolean;
  /** Accept a simulated face verification where the real one is unavailable (embedded mode). */
  allowSimulatedFace: boolean;
}

export interface Context {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  now: number;
  state: GovernmentState;
  random: Random;
  config: GovernmentConfig;
  session: SessionRecord | null;
  token: string | null;
  /** Keyed digest for personal data (see keyedHash). */
  hash: (text: string) => string;
}

export interface VerifiedContext extends Context {
  session: SessionRecord;
  person: PersonRecord;
}

export interface Answer { status: number; body: unknown }

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const created = (body: unknown): Answer => ({ status: 201, body });

interface RouteBase { method: HttpMethod; path: string; summary: string }
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

function parseBody(raw: ApiRequest['body']): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  Object.keys(headers ?? {}).forEach((key) => {
    out[key.toLowerCase()] = (headers ?? {})[key];
  });
  return out;
}

export interface RouterDeps {
  state: () => GovernmentState;
  random: Random;
  config: GovernmentConfig;
  now: () => number;
  /** Called after a state-changing request succeeds. */
  persist: () => void;
  hash: (text: string) => string;
}

export function createRouter(routes: Route[], deps: RouterDeps) {
  const compiled = routes.map(compile);

  function authenticate(headers: Record<string, string>, state: GovernmentState, now: number): { token: string | null; session: SessionRecord | null } {
    const header = headers[AUTH_HEADER];
    if (!header) return { token: null, session: null };
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match) throw new HttpError(401, 'UNAUTHENTICATED', 'The authorization header must be "Bearer <token>"');
    const session = state.sessions[match[1]];
    if (!session || session.expiresAt <= now) throw new HttpError(401, 'UNAUTHENTICATED', 'The session has ended; sign in again');
    return { token: match[1], session };
  }

  function dispatch(req: ApiRequest): Answer {
    const state = deps.state();
    const now = deps.now();
    const path = req.path.split('?')[0];
    const candidates = compiled.filter((c) => c.pattern.test(path));
    if (candidates.length === 0) throw new HttpError(404, 'NOT_FOUND', `No endpoint at ${path}`);
    const hit = candidates.find((c) => c.route.method === req.method);
    if (!hit) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`);

    const headers = lowerKeys(req.headers);
    const { route } = hit;
    const { token, session } = route.auth === 'none' ? { token: null, session: null } : authenticate(headers, state, now);
    if (route.auth !== 'none' && !session) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first');

    const values = hit.pattern.exec(path) ?? [];
    const params: Record<string, string> = {};
    hit.names.forEach((name, i) => {
      params[name] = decodeURIComponent(values[i + 1] ?? '');
    });
    const body = parseBody(req.body);
    const ctx: Context = { params, query: req.query ?? {}, body, now, state, random: deps.random, config: deps.config, session, token, hash: deps.hash };

    // Replays come after authentication: a signed-out token gets no stored answer back.
    // Bootstrap is never replayed: the same code and key must not hand a token to another caller.
    if (route.auth === 'none') return route.handle(ctx);
    if (route.auth === 'session') return withIdempotency(req, () => route.handle(ctx));

    const person = session?.personId ? state.people[session.personId] : undefined;
    if (!session || !person || LEVEL_RANK[session.level] < 1) {
      throw new HttpError(403, 'NOT_VERIFIED', 'Verify your real-name identity first');
    }
    if (route.auth === 'face' && LEVEL_RANK[session.level] < 2) {
      throw new HttpError(403, 'FACE_REQUIRED', 'This service needs face verification');
    }
    return withIdempotency(req, () => route.handle({ ...ctx, session, person }));
  }

  /** Same key and same request: the first answer again. Same key, other request: a conflict. */
  function withIdempotency(req: ApiRequest, run: () => Answer): Answer {
    const headers = lowerKeys(req.headers);
    const key = headers[IDEMPOTENCY_HEADER];
    if (req.method === 'GET' || !key) return run();
    const state = deps.state();
    const now = deps.now();
    const who = headers[AUTH_HEADER] ?? 'anonymous';
    const slot = deps.hash(`${who}|${key}`);
    // Only a keyed digest of the request is kept, never its body (which may hold an ID number).
    const fingerprint = deps.hash(`${req.method} ${req.path} ${typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null)}`);
    const previous = state.idempotency[slot];
    if (previous && now - previous.at < IDEMPOTENCY_TTL_MS) {
      if (previous.fingerprint !== fingerprint) {
        throw new HttpError(409, 'IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for a different request');
      }
      return { status: previous.status, body: previous.body };
    }
    const answer = run();
    if (answer.status < 300) state.idempotency[slot] = { fingerprint, status: answer.status, body: answer.body, at: now };
    return answer;
  }

  function prune(state: GovernmentState, now: number): void {
    Object.keys(state.idempotency).forEach((slot) => {
      if (now - state.idempotency[slot].at >= IDEMPOTENCY_TTL_MS) delete state.idempotency[slot];
    });
  }

  return {
    endpoints(): Endpoint[] {
      return routes.map(({ method, path, auth, summary }) => ({ method, path, auth, summary }));
    },
    handle(req: ApiRequest): ApiResponse {
      try {
        const answer = dispatch(req);
        if (req.method !== 'GET' && answer.status < 400) {
          prune(deps.state(), deps.now());
          deps.persist();
        }
        return answer;
      } catch (err) {
        if (err instanceof HttpError) return errorResponse(err);
        const message = err instanceof Error ? err.message : String(err);
        return errorResponse(new HttpError(500, 'INTERNAL', `The government service failed: ${message}`));
      }
    },
  };
}
