// wx.request and wx.uploadFile making real HTTP calls with Node's http module, installed over the fake
// wx's for a suite that talks to a server on 127.0.0.1: the app's own wx.request transport then meets a
// real socket. The local files uploadFile sends are the fake's (fake.files).
import http from 'node:http';
import { fake } from './fake-wx';

interface WxFailure { errMsg: string }
interface WxCallbacks<R> {
  success?: (res: R) => void;
  fail?: (err: WxFailure) => void;
  complete?: (res: R | WxFailure) => void;
}

export interface HttpRequestSuccess { statusCode: number; data: unknown; header: Record<string, string>; cookies: string[]; errMsg: string }
export interface HttpRequestOptions extends WxCallbacks<HttpRequestSuccess> {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  dataType?: string;
  timeout?: number;
}

export interface HttpUploadSuccess { statusCode: number; data: string; errMsg: string }
export interface HttpUploadOptions extends WxCallbacks<HttpUploadSuccess> {
  url: string;
  filePath: string;
  name: string;
  header?: Record<string, string>;
  formData?: Record<string, string>;
  timeout?: number;
}

/** What wx.request and wx.uploadFile return: a task that can be aborted. */
export interface HttpTask { abort(): void }

/** Calls made over HTTP since install, so a suite can show its requests really left the process. */
export interface HttpWxCounts { requests: number; uploads: number; failures: number }

/** The latest answer's status and headers (lower-case names), which the app's transport does not pass on. */
export interface HttpWxLast { status: number; headers: Record<string, string> }

/** WeChat's own default: 60 s. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** The query string WeChat makes of a GET's data object (strings as they are, the rest as JSON). */
function formEncode(data: object): string {
  return Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`)
    .join('&');
}

/** The request's URL and body as WeChat would send them for this data. */
function encodeRequest(options: HttpRequestOptions): { url: string; body: Buffer | null } {
  const method = (options.method ?? 'GET').toUpperCase();
  const { data } = options;
  if (data === undefined || data === null) return { url: options.url, body: null };
  if (method === 'GET') {
    const query = typeof data === 'string' ? data : typeof data === 'object' ? formEncode(data) : String(data);
    if (!query) return { url: options.url, body: null };
    return { url: `${options.url}${options.url.includes('?') ? '&' : '?'}${query}`, body: null };
  }
  if (typeof data === 'string') return { url: options.url, body: Buffer.from(data, 'utf8') };
  if (data instanceof ArrayBuffer) return { url: options.url, body: Buffer.from(data) };
  const contentType = Object.entries(options.header ?? {}).find(([key]) => key.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
  const text = typeof data === 'object' && contentType.includes('x-www-form-urlencoded') ? formEncode(data) : JSON.stringify(data);
  return { url: options.url, body: Buffer.from(text, 'utf8') };
}

const responseHeaders = (res: http.IncomingMessage): Record<string, string> => {
  const out: Record<string, string> = {};
  Object.entries(res.headers).forEach(([key, value]) => {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  });
  return out;
};

/** WeChat's dataType 'json': the body parsed when it is JSON, else the text as it came. */
function parseBody(text: string, dataType: string | undefined): unknown {
  if (dataType !== undefined && dataType !== 'json') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const contentTypeOf = (filePath: string): string => {
  const ext = /\.([a-z0-9]+)$/i.exec(filePath)?.[1]?.toLowerCase();
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  return 'application/octet-stream';
};

/** A multipart/form-data body: the form's fields, then the file, as wx.uploadFile sends them. */
export function multipartBody(boundary: string, form: Record<string, string>, file: { field: string; filename: string; contentType: string; bytes: Uint8Array }): Buffer {
  const quote = (text: string): string => text.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
  const parts: Buffer[] = Object.entries(form).map(([key, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(key)}"\r\n\r\n${value}\r\n`, 'utf8'),
  );
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`, 'utf8'));
  parts.push(Buffer.from(file.bytes));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return Buffer.concat(parts);
}

interface Exchange { url: string; method: string; headers: Record<string, string>; body: Buffer | null; timeoutMs: number; api: 'request' | 'uploadFile' }

/** One HTTP exchange; resolves the status, headers and text, or rejects with WeChat's errMsg. */
function exchange(agent: http.Agent, call: Exchange, onTask: (task: HttpTask) => void): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const failWith = (reason: string): void => finish(() => reject(new HttpWxError(`${call.api}:fail ${reason}`)));
    let req: http.ClientRequest;
    try {
      const headers: Record<string, string> = { ...call.headers };
      if (call.body) headers['content-length'] = String(call.body.length);
      req = http.request(call.url, { method: call.method, headers, agent });
    } catch (err) {
      failWith(err instanceof Error ? err.message : String(err));
      onTask({ abort: () => undefined });
      return;
    }
    // WeChat's timeout covers the whole exchange, not only a silent socket.
    const timer = setTimeout(() => {
      failWith('timeout');
      req.destroy();
    }, call.timeoutMs);
    onTask({
      abort: () => {
        failWith('abort');
        req.destroy();
      },
    });
    req.on('error', (err) => failWith(err.message));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => failWith(err.message));
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, headers: responseHeaders(res), text: Buffer.concat(chunks).toString('utf8') })));
    });
    req.end(call.body ?? undefined);
  });
}

class HttpWxError extends Error {}

/** Calls WeChat's callbacks for an outcome (a task's promise never rejects out of here). */
function deliver<R>(options: WxCallbacks<R>, outcome: Promise<R>, counts: HttpWxCounts): void {
  outcome.then(
    (res) => {
      options.success?.(res);
      options.complete?.(res);
    },
    (err: unknown) => {
      counts.failures += 1;
      const failure: WxFailure = { errMsg: err instanceof Error ? err.message : String(err) };
      options.fail?.(failure);
      options.complete?.(failure);
    },
  );
}

/** wx.request and wx.uploadFile over real HTTP, with the counts of what they sent. */
export function createHttpWx(): { request(options: HttpRequestOptions): HttpTask; uploadFile(options: HttpUploadOptions): HttpTask; counts: HttpWxCounts; last(): HttpWxLast | null; close(): void } {
  // WeChat keeps connections alive and allows 10 at once.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  const counts: HttpWxCounts = { requests: 0, uploads: 0, failures: 0 };
  let latest: HttpWxLast | null = null;
  return {
    counts,
    last: () => latest,
    request(options) {
      counts.requests += 1;
      let task: HttpTask = { abort: () => undefined };
      const outcome = Promise.resolve().then(async () => {
        const { url, body } = encodeRequest(options);
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.header ?? {}) };
        const res = await exchange(agent, { url, method: (options.method ?? 'GET').toUpperCase(), headers, body, timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS, api: 'request' }, (t) => {
          task = t;
        });
        latest = { status: res.status, headers: res.headers };
        const success: HttpRequestSuccess = { statusCode: res.status, data: parseBody(res.text, options.dataType), header: res.headers, cookies: [], errMsg: 'request:ok' };
        return success;
      });
      deliver(options, outcome, counts);
      return { abort: () => task.abort() };
    },
    uploadFile(options) {
      counts.uploads += 1;
      let task: HttpTask = { abort: () => undefined };
      const outcome = Promise.resolve().then(async () => {
        const form = options.formData ?? {};
        const header = options.header ?? {};
        fake.uploads.push({ url: options.url, filePath: options.filePath, name: options.name, formData: form, header });
        const bytes = fake.files.get(options.filePath);
        if (!bytes) throw new HttpWxError(`uploadFile:fail file not found ${options.filePath}`);
        const boundary = `----WeChatFormBoundary${Math.random().toString(16).slice(2)}`;
        const filename = options.filePath.slice(options.filePath.lastIndexOf('/') + 1);
        const body = multipartBody(boundary, form, { field: options.name, filename, contentType: contentTypeOf(options.filePath), bytes });
        // The page's own headers, but the body's type is always the multipart one.
        const headers: Record<string, string> = {};
        Object.entries(header).forEach(([key, value]) => {
          if (key.toLowerCase() !== 'content-type') headers[key] = value;
        });
        headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
        const res = await exchange(agent, { url: options.url, method: 'POST', headers, body, timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS, api: 'uploadFile' }, (t) => {
          task = t;
        });
        latest = { status: res.status, headers: res.headers };
        const success: HttpUploadSuccess = { statusCode: res.status, data: res.text, errMsg: 'uploadFile:ok' };
        return success;
      });
      deliver(options, outcome, counts);
      return { abort: () => task.abort() };
    },
    close() {
      // In-flight exchanges fail (their sockets go), as when the network drops.
      agent.destroy();
    },
  };
}

/**
 * Puts HTTP wx.request and wx.uploadFile on the global (fake) wx until the returned function is called,
 * which puts the fake's back and closes the connections.
 */
export function installHttpWx(): { counts: HttpWxCounts; last(): HttpWxLast | null; restore(): void } {
  const original = { request: wx.request, uploadFile: wx.uploadFile };
  const httpWx = createHttpWx();
  Object.assign(wx, { request: httpWx.request, uploadFile: httpWx.uploadFile });
  return {
    counts: httpWx.counts,
    last: httpWx.last,
    restore() {
      Object.assign(wx, original);
      httpWx.close();
    },
  };
}
