// Where the load goes: the government server over real HTTP on loopback, or the embedded government
// in-process (the same createGovernment, the wire serialised both ways by mock/transport.ts).
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiRequest, ApiResponse } from '../../../miniprogram/contracts/http';
import { createGovernment, type Government } from '../../../miniprogram/mock/index';
import { createSecureRandom, defaultRandomBytes } from '../../../miniprogram/mock/random';
import { createWeChatPay } from '../../../miniprogram/mock/wechat-pay';
import { createEmbeddedTransport } from '../../../miniprogram/mock/transport';
import { startGovernmentServer } from '../../../server/government-server';
import { TEST_MERCHANT_KEY, memoryStorage } from '../../helpers/government';

export interface Target {
  name: string;
  send(req: ApiRequest): Promise<ApiResponse>;
  /** The SMS code the resident's phone received for the last code sent to this mobile. */
  smsCode(mobile: string, answer: unknown): string | null;
  /** The payer confirms on WeChat Pay's sheet; WeChat Pay notifies the government. */
  pay(payParams: { package: string }): Promise<{ paid: boolean }>;
  /** For the invariants read in-process after the run. */
  government(): Government;
  /** What the government keeps after the run: bytes in all, and its largest keys. */
  stored(): { bytes: number; largest: [string, number][] };
  close(): Promise<void>;
}

/** The run's start on the government's clock (2026-11-22 10:00 CST, as the tests), then real time. */
export const START_AT = Date.UTC(2026, 10, 22, 2, 0, 0);

function devCodeOf(answer: unknown): string | null {
  const code = typeof answer === 'object' && answer !== null && 'devCode' in answer ? answer.devCode : undefined;
  return typeof code === 'string' ? code : null;
}

/** The three largest entries, in bytes. */
function largestOf(entries: [string, unknown][]): [string, number][] {
  return entries
    .map(([key, value]): [string, number] => [key, Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value))])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
}

/** The state file's keys (server/state-file.ts keeps them under `keys`), or none when it reads otherwise. */
function parsedKeys(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    const keys = typeof parsed === 'object' && parsed !== null && 'keys' in parsed ? parsed.keys : undefined;
    return typeof keys === 'object' && keys !== null ? { ...keys } : {};
  } catch {
    return {};
  }
}

/** The server (`npm run government`'s own module), its state in a file in a temporary folder unless `memory`. */
export async function serverTarget(inFlight: number, memory: boolean): Promise<Target & { stateFile: string | null }> {
  const dir = memory ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
  const stateFile = dir ? path.join(dir, 'state.json') : null;
  const server = await startGovernmentServer({ port: 0, stateFile, startAt: START_AT });
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const send = (req: ApiRequest): Promise<ApiResponse> =>
    new Promise((resolve, reject) => {
      const query = req.query ? new URLSearchParams(req.query).toString() : '';
      const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      const outgoing = http.request(
        `${server.url}${req.path}${query ? `?${query}` : ''}`,
        { method: req.method, agent, headers: { ...(req.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // Not JSON: kept as text, and counted as an error by the caller's status check.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  return {
    name: 'server (HTTP)',
    stateFile,
    send,
    smsCode: (mobile) => server.lastSmsCode(mobile),
    pay: async (params) => ({ paid: (await server.pay(params)).paid }),
    government: () => server.government,
    stored: () => {
      const file = stateFile && fs.existsSync(stateFile) ? fs.readFileSync(stateFile, 'utf8') : '';
      const keys = file ? Object.entries(parsedKeys(file)) : [];
      return { bytes: Buffer.byteLength(file), largest: largestOf(keys) };
    },
    close: async () => {
      agent.destroy();
      await server.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The embedded government, as the app in develop runs it: state in key-value storage, WeChat Pay beside it. */
export function embeddedTarget(): Target {
  const began = Date.now();
  const clock = { now: () => START_AT + (Date.now() - began) };
  const weChatPay = createWeChatPay({ merchantKey: TEST_MERCHANT_KEY, clock, random: createSecureRandom(defaultRandomBytes()) });
  const kept = new Map<string, string>();
  const government = createGovernment({
    clock,
    seed: 7,
    storage: memoryStorage(kept),
    config: { exposeSmsCode: true, allowSimulatedFace: true },
    merchant: { key: TEST_MERCHANT_KEY, refund: (orderId, reference, amountFen) => weChatPay.refund(orderId, reference, amountFen) },
  });
  weChatPay.connect((req) => government.handle(req));
  const wire = createEmbeddedTransport(government, { latencyMs: 0 });
  return {
    name: 'embedded',
    send: (req) => wire.send(req),
    smsCode: (_mobile, answer) => devCodeOf(answer),
    pay: async (params) => {
      const outcome = weChatPay.pay(params);
      if (!outcome.paid) return { paid: false };
      await weChatPay.deliver();
      return { paid: true };
    },
    government: () => government,
    stored: () => {
      const keys = [...kept.entries()];
      return { bytes: keys.reduce((sum, [key, text]) => sum + Buffer.byteLength(key) + Buffer.byteLength(text), 0), largest: largestOf(keys) };
    },
    close: () => Promise.resolve(),
  };
}
