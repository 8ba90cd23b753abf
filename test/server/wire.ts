// Real HTTP calls to a government server on 127.0.0.1 for the server's tests (node:http, a connection
// per call so nothing lingers after a test), a resident verified over the wire, and multipart bodies
// built byte by byte as wx.uploadFile sends them.
import http from 'node:http';
import type { GovernmentServer } from '../../server/government-server';
import { resident } from '../helpers/government';

export interface WireAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface WireRequest {
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as it is. */
  body?: string | Buffer | object;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One HTTP request to `base + path`; resolves whatever the server answers. */
export function wire(base: string, path: string, request: WireRequest = {}): Promise<WireAnswer> {
  const { body } = request;
  const bytes = body === undefined ? null : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const headers: Record<string, string> = { ...(bytes && typeof body === 'object' && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}), ...request.headers };
  if (bytes) headers['content-length'] = String(bytes.length);
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: request.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parsed(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(bytes ?? undefined);
  });
}

/** The error code of an error answer ('' when it has none). */
export function codeOf(answer: WireAnswer): string {
  const error: unknown = typeof answer.json === 'object' && answer.json !== null ? Reflect.get(answer.json, 'error') : undefined;
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : '';
}

/** A field of a JSON answer (or of a nested value). */
export function at(value: unknown, ...names: (string | number)[]): unknown {
  return names.reduce<unknown>((current, name) => (typeof current === 'object' && current !== null ? Reflect.get(current, name) : undefined), value);
}

/** A list field of a JSON answer ([] when it is not a list). */
export function listAt(value: unknown, ...names: (string | number)[]): unknown[] {
  const found = at(value, ...names);
  return Array.isArray(found) ? found : [];
}

export const bearer = (token: string, key?: string): Record<string, string> => ({ authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) });

/** A resident verified over HTTP: a session, an SMS code read as a tester reads it (lastSmsCode), the verification. */
export async function verifyOverHttp(server: GovernmentServer, key = 'r02'): Promise<string> {
  const person = resident(key);
  const started = await wire(server.url, '/identity/session', { method: 'POST', body: { code: 'wx-login' } });
  const token = at(started.json, 'token');
  if (started.status !== 201 || typeof token !== 'string') throw new Error(`no session: ${started.status} ${started.text}`);
  const sms = await wire(server.url, '/identity/sms', { method: 'POST', headers: bearer(token), body: { mobile: person.mobile } });
  if (sms.status !== 200) throw new Error(`no SMS: ${sms.status} ${sms.text}`);
  const code = server.lastSmsCode(person.mobile);
  if (!code) throw new Error('the server sent no SMS code');
  const verified = await wire(server.url, '/identity/verify', { method: 'POST', headers: bearer(token), body: { name: person.name, idNumber: person.idNumber, mobile: person.mobile, smsCode: code } });
  if (verified.status !== 200) throw new Error(`not verified: ${verified.status} ${verified.text}`);
  return token;
}

export interface FormPart {
  name: string;
  /** A file part when given. */
  filename?: string;
  contentType?: string;
  content: string | Uint8Array;
}

/** A multipart/form-data body with this boundary, as a browser or wx.uploadFile writes one. */
export function multipartBody(boundary: string, parts: FormPart[]): Buffer {
  const chunks: Buffer[] = [];
  parts.forEach((part) => {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`, 'utf8'));
    chunks.push(typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n', 'latin1'));
  });
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}

/** Uploads one file as multipart/form-data to `path`, with the resident's token. */
export function uploadOverHttp(server: GovernmentServer, path: string, token: string, bytes: Uint8Array, boundary = '----CityServicesBoundary7MA4YWxkTrZu0gW'): Promise<WireAnswer> {
  return wire(server.url, path, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: multipartBody(boundary, [{ name: 'photo', filename: 'photo.jpg', contentType: 'image/jpeg', content: bytes }]),
  });
}
