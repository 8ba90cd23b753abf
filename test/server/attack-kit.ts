// Helpers for the attacks on the HTTP server (test/server/attacks-*): a raw HTTP/1.1 exchange on a socket (the request target and headers
// sent byte for byte, as no client library would), a server on a free port with its state in a fresh
// folder, and a fingerprint of what the server keeps, to show a refused request changed nothing.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startGovernmentServer, type GovernmentServer, type GovernmentServerOptions } from '../../server/government-server';
import { TEST_NOW } from '../helpers/government';
import { at, bearer, listAt, verifyOverHttp, wire } from '../server/wire';

export interface RawAnswer {
  /** 0 when the server answered nothing. */
  status: number;
  headers: Record<string, string>;
  body: string;
  json: unknown;
  /** Whether the server closed the connection (false: the exchange timed out with the socket open). */
  closed: boolean;
}

/** The first answer on the socket (status 0 and closed false when none came within waitMs). */
export function raw(port: number, bytes: string | Buffer, waitMs = 2000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const body = split < 0 ? '' : text.slice(split + 4);
      const [statusLine, ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      lines.forEach((line) => {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      });
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0), headers, body, json, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(text.slice(0, split));
      if (split >= 0 && length && Buffer.byteLength(text.slice(split + 4), 'latin1') >= Number(length[1])) finish(true);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.write(bytes);
  });
}

/** A request as bytes: `GET /x HTTP/1.1`, Host 127.0.0.1 unless given, Connection: close. */
export function request(method: string, target: string, headers: Record<string, string> = {}, body = ''): string {
  const all: Record<string, string> = { host: '127.0.0.1', connection: 'close', ...headers };
  if (body !== '' && all['content-length'] === undefined && all['transfer-encoding'] === undefined) all['content-length'] = String(Buffer.byteLength(body));
  return `${method} ${target} HTTP/1.1\r\n${Object.entries(all).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`;
}

export const codeIn = (answer: { json: unknown }): string => {
  const code = at(answer.json, 'error', 'code');
  return typeof code === 'string' ? code : '';
};

export interface Started {
  server: GovernmentServer;
  dir: string;
  file: string;
}

export async function startIn(name: string, options: GovernmentServerOptions = {}): Promise<Started> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `review15-${name}-`));
  const file = path.join(dir, 'state.json');
  const server = await startGovernmentServer({ port: 0, stateFile: file, startAt: TEST_NOW, secret: 'review-15', ...options });
  return { server, dir, file };
}

export async function stop(started: Started | undefined): Promise<void> {
  if (!started) return;
  await started.server.close();
  fs.rmSync(started.dir, { recursive: true, force: true });
}

/** What the server keeps: the state file's text (written before every answer). */
export const kept = (started: Started): string => fs.readFileSync(started.file, 'utf8');

/** A verified resident with a bound vehicle and an order for its first unpaid fine (not paid yet). */
export async function orderAFine(server: GovernmentServer, key = 'r02'): Promise<{ token: string; orderId: string; pkg: string; noticeId: string; body: object }> {
  const token = await verifyOverHttp(server, key);
  const bound = await wire(server.url, '/fines/vehicles', { method: 'POST', headers: bearer(token, 'bind'), body: { plate: '粤B12345', plateType: 'small', vinLast6: '183745' } });
  const notice = listAt((await wire(server.url, `/fines/vehicles/${String(at(bound.json, 'id'))}/notices`, { headers: bearer(token) })).json, 'items')[0];
  const body = { items: [{ agency: 'police', itemId: at(notice, 'id') }], totalFen: at(notice, 'dueFen') };
  const ordered = await wire(server.url, '/payments/orders', { method: 'POST', headers: bearer(token, 'order'), body });
  if (ordered.status !== 201) throw new Error(`no order: ${ordered.status} ${ordered.text}`);
  return { token, orderId: String(at(ordered.json, 'id')), pkg: String(at(ordered.json, 'payParams', 'package')), noticeId: String(at(notice, 'id')), body };
}
