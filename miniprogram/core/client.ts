// The typed client every service uses: auth header, idempotency keys, a 10-request limit, retries for reads.
import { AUTH_HEADER, IDEMPOTENCY_HEADER, type ApiRequest, type HttpMethod } from '../contracts/http';
import { ServiceError, toServiceError } from './errors';
import type { Transport, UploadRequest } from './transport';

export interface ApiClientOptions {
  transport: Transport;
  /** The current session token, if any. */
  token: () => string | undefined;
  /** Called when the government says the session is gone or not verified. */
  onIdentityLost?: (error: ServiceError) => void;
  maxInFlight?: number;
  /** Attempts for safe (GET) requests, including the first. */
  readAttempts?: number;
  retryBaseDelayMs?: number;
  newIdempotencyKey?: () => string;
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string>): Promise<T>;
  /** State-changing calls always carry an idempotency key; pass the same key to retry safely. */
  send<T>(method: Exclude<HttpMethod, 'GET'>, path: string, body?: object, idempotencyKey?: string): Promise<T>;
  /** Sends a local file (multipart, POST) with form fields; an idempotency key as `send`. */
  upload<T>(path: string, file: { filePath: string; field: string }, form?: Record<string, string>, idempotencyKey?: string): Promise<T>;
  /** Requests waiting for a free slot (for tests and diagnostics). */
  readonly queued: number;
  readonly inFlight: number;
}

export function newIdempotencyKey(): string {
  const random = Math.random().toString(36).slice(2, 12);
  return `${Date.now().toString(36)}-${random}`;
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'VALIDATION',
  429: 'RATE_LIMITED',
};

export function errorFromResponse(status: number, body: unknown): ServiceError {
  const err = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof err === 'object' && err !== null) {
    const { code, message, fields, retryAfterSec } = err as Record<string, unknown>;
    if (typeof code === 'string') {
      return new ServiceError(
        code,
        typeof message === 'string' ? message : code,
        status,
        typeof fields === 'object' && fields !== null ? (fields as Record<string, string>) : {},
        typeof retryAfterSec === 'number' ? retryAfterSec : undefined,
      );
    }
  }
  return new ServiceError(STATUS_CODES[status] ?? (status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST'), `HTTP ${status}`, status);
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const maxInFlight = options.maxInFlight ?? 10;
  const readAttempts = options.readAttempts ?? 3;
  const baseDelay = options.retryBaseDelayMs ?? 300;
  const makeKey = options.newIdempotencyKey ?? newIdempotencyKey;
  let inFlight = 0;
  const waiting: (() => void)[] = [];

  const acquire = (): Promise<void> => {
    if (inFlight < maxInFlight) {
      inFlight += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(() => { inFlight += 1; resolve(); }));
  };
  const release = (): void => {
    inFlight -= 1;
    const next = waiting.shift();
    if (next) next();
  };

  async function once<T>(req: ApiRequest, upload?: UploadRequest): Promise<T> {
    await acquire();
    try {
      const token = options.token();
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      if (token) headers[AUTH_HEADER] = `Bearer ${token}`;
      const res = upload ? await options.transport.upload({ ...upload, headers }) : await options.transport.send({ ...req, headers });
      if (res.status >= 200 && res.status < 300) return res.body as T;
      throw errorFromResponse(res.status, res.body);
    } catch (raw) {
      const error = toServiceError(raw);
      if (error.needsIdentity && options.onIdentityLost) options.onIdentityLost(error);
      throw error;
    } finally {
      release();
    }
  }

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  return {
    get queued() {
      return waiting.length;
    },
    get inFlight() {
      return inFlight;
    },
    async get<T>(path: string, query?: Record<string, string>): Promise<T> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await once<T>({ method: 'GET', path, query });
        } catch (raw) {
          const error = toServiceError(raw);
          // Reads are safe to repeat; a rate limit is not a reason to hammer the server.
          const retryable = error.transient && error.code !== 'RATE_LIMITED';
          if (!retryable || attempt >= readAttempts) throw error;
          await sleep(baseDelay * 2 ** (attempt - 1));
        }
      }
    },
    send<T>(method: Exclude<HttpMethod, 'GET'>, path: string, body?: object, idempotencyKey?: string): Promise<T> {
      const key = idempotencyKey ?? makeKey();
      return once<T>({ method, path, body: body === undefined ? undefined : JSON.stringify(body), headers: { [IDEMPOTENCY_HEADER]: key } });
    },
    upload<T>(path: string, file: { filePath: string; field: string }, form?: Record<string, string>, idempotencyKey?: string): Promise<T> {
      const headers = { [IDEMPOTENCY_HEADER]: idempotencyKey ?? makeKey() };
      return once<T>({ method: 'POST', path, headers }, { path, headers, filePath: file.filePath, field: file.field, form });
    },
  };
}
