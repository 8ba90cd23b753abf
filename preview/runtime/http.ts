// wx.request and wx.uploadFile as real HTTP calls (fetch), for a preview against a government server:
// the app's own wx.request transport (core/transport.ts) sends through them as it would on a phone.
// The tester's network switch acts here, on the wire, so no request leaves the browser while it is on.
import type { NetworkFault } from '../../miniprogram/core/transport';
import { imageType, readBytes } from './files';

type Options = Record<string, unknown>;

let fault: NetworkFault = 'none';

/** The tester's network switch for the HTTP government (the panel's Network, Me > Settings). */
export const wireFault = {
  get: (): NetworkFault => fault,
  set: (next: NetworkFault): void => {
    fault = next;
  },
};

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : value === undefined || value === null ? fallback : String(value));

/** What a failed fault leaves of a request: the reason after `request:fail`, or a gateway's 503. */
function faulted(): Error | { statusCode: number; text: string } | null {
  if (fault === 'offline') return new Error('network unavailable');
  if (fault === 'timeout') return new Error('timeout');
  if (fault === 'unavailable') return { statusCode: 503, text: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'Service temporarily unavailable' } }) };
  return null;
}

function headersOf(header: unknown, drop: string[] = []): Headers {
  const headers = new Headers();
  if (header && typeof header === 'object') {
    Object.entries(header).forEach(([name, value]) => {
      if (!drop.includes(name.toLowerCase())) headers.set(name, str(value));
    });
  }
  return headers;
}

interface Answer { statusCode: number; text: string; header: Record<string, string> }

/** One fetch with WeChat's timeout (covering the whole answer); fails with WeChat's reasons. */
async function exchange(url: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  const controller = new AbortController();
  // fetch rejects with the abort's reason: the app's transport reads "timeout" in it as TIMEOUT. Any other
  // failure (a refused connection, a CORS refusal, a reset) is the browser's TypeError: a NETWORK error.
  const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal: controller.signal, cache: 'no-store' });
    const text = await res.text();
    const header: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      header[name] = value;
    });
    return { statusCode: res.status, text, header };
  } finally {
    clearTimeout(timer);
  }
}

function parsed(text: string, dataType: string): unknown {
  if (dataType !== 'json') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** wx.request over fetch: `data` as WeChat sends it (a string as it is, an object as JSON, or as the query of a GET). */
export async function fetchRequest(options: Options): Promise<Record<string, unknown>> {
  const failed = faulted();
  if (failed instanceof Error) throw failed;
  const dataType = str(options.dataType, 'json');
  if (failed) return { data: parsed(failed.text, dataType), statusCode: failed.statusCode, header: { 'content-type': 'application/json' }, cookies: [] };
  const method = str(options.method, 'GET').toUpperCase();
  const url = new URL(str(options.url));
  const data = options.data;
  let body: string | undefined;
  if (method === 'GET' || method === 'HEAD') {
    if (data && typeof data === 'object') Object.entries(data).forEach(([name, value]) => url.searchParams.append(name, str(value)));
  } else if (data !== undefined && data !== null) {
    body = typeof data === 'string' ? data : JSON.stringify(data);
  }
  const headers = headersOf(options.header);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  const answer = await exchange(url.toString(), { method, headers, body }, typeof options.timeout === 'number' ? options.timeout : 60000);
  return { data: parsed(answer.text, dataType), statusCode: answer.statusCode, header: answer.header, cookies: [] };
}

const MIME: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' };

/** wx.uploadFile over fetch: multipart/form-data with the form's fields and the file under `name`; the answer as text. */
export async function fetchUpload(options: Options): Promise<Record<string, unknown>> {
  const failed = faulted();
  if (failed instanceof Error) throw failed;
  if (failed) return { data: failed.text, statusCode: failed.statusCode };
  const filePath = str(options.filePath);
  const bytes = await readBytes(filePath);
  const type = imageType(bytes);
  const form = new FormData();
  if (options.formData && typeof options.formData === 'object') Object.entries(options.formData).forEach(([name, value]) => form.append(name, str(value)));
  const fileName = `${filePath.split('/').pop() || 'file'}${type in MIME && !/\.\w+$/.test(filePath) ? `.${type === 'jpeg' ? 'jpg' : type}` : ''}`;
  form.append(str(options.name), new Blob([bytes.slice().buffer], { type: MIME[type] ?? 'application/octet-stream' }), fileName);
  // The browser writes the multipart content type with its boundary; one from the app would lose it.
  const headers = headersOf(options.header, ['content-type']);
  const answer = await exchange(str(options.url), { method: 'POST', headers, body: form }, typeof options.timeout === 'number' ? options.timeout : 60000);
  return { data: answer.text, statusCode: answer.statusCode, header: answer.header };
}
