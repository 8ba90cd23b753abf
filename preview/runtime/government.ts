// The preview against a government server over HTTP (`npm start -- --government http://127.0.0.1:8787`):
// the app's own wx.request transport (createWxRequestTransport, as a build without the mock uses), with
// the testers' stand-ins over the server's develop-only control channel (/__control/..., on when the
// server was started with --control): the SMS code shown, WeChat Pay's payer, the government's clock.
import { backendConfig } from '../../miniprogram/config';
import type { SendSmsResponse } from '../../miniprogram/contracts/identity';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import { DAY_MS } from '../../miniprogram/core/dates';
import { installStandIns, type StandIns, type TesterClock } from '../../miniprogram/core/stand-ins';
import { createWxRequestTransport, type EmbeddedTransport, type Transport } from '../../miniprogram/core/transport';
import { createStandIns } from '../../miniprogram/mock/stand-ins';
import { useTransport } from '../../miniprogram/services/api';
import { wireFault } from './http';
import { log } from './panel';

/** Whether the server answers its control channel: 'off' when it was started without --control. */
export type ControlState = 'unknown' | 'on' | 'off' | 'unreachable';

let baseUrl = '';
let control: ControlState = 'unknown';
/** The server's clock minus the browser's, learnt from the control channel. */
let clockOffsetMs = 0;
/** The code the control channel gave for the SMS just sent, until the identity page shows it. */
let smsCode: string | null = null;

export const CONTROL_OFF_HINT = 'start the server with --control to pay, see SMS codes and move its clock';

interface ControlAnswer { status: number; body: unknown }

const field = (body: unknown, name: string): unknown => (typeof body === 'object' && body !== null && Object.prototype.hasOwnProperty.call(body, name) ? Reflect.get(body, name) : undefined);
const errorCode = (body: unknown): string => {
  const code = field(field(body, 'error'), 'code');
  return typeof code === 'string' ? code : '';
};

/** One call on the control channel; null when the server cannot be reached. */
async function callControl(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ControlAnswer | null> {
  try {
    const res = await fetch(`${baseUrl}/__control/${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: a server without the control channel may answer its 404 as text.
    }
    return { status: res.status, body: parsed };
  } catch {
    return null;
  }
}

/** A 404 that is not the channel's own answer means the channel is off. */
function noteControl(answer: ControlAnswer | null, ownCodes: string[] = []): void {
  const next: ControlState = !answer ? 'unreachable' : answer.status === 404 && !ownCodes.includes(errorCode(answer.body)) ? 'off' : 'on';
  if (next === control) return;
  control = next;
  if (next === 'off') log('warn', `[preview] the government server at ${baseUrl} has no control channel: ${CONTROL_OFF_HINT}`);
  if (next === 'unreachable') log('error', `[preview] the government server at ${baseUrl} cannot be reached`);
  renderPanel();
}

function mobileIn(body: unknown): string {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return '';
    }
  }
  const mobile = field(value, 'mobile');
  return typeof mobile === 'string' ? mobile.replace(/\s+/g, '') : '';
}

/** After the server sent a code, reads it from the control channel, as the embedded government's answer carries it. */
async function readSmsCode(mobile: string): Promise<void> {
  smsCode = null;
  if (!mobile) return;
  const answer = await callControl('GET', `sms?mobile=${encodeURIComponent(mobile)}`);
  noteControl(answer, ['NO_CODE']);
  const code = answer && answer.status === 200 ? field(answer.body, 'code') : undefined;
  if (typeof code === 'string') smsCode = code;
}

export type PayOutcome = { paid: true; transactionId: string } | { paid: false; reason: string };

/** WeChat Pay's payer, on the server: it pays the prepay id and WeChat Pay notifies the server over HTTP. */
export async function payOnServer(payPackage: string): Promise<PayOutcome> {
  const answer = await callControl('POST', 'pay', { package: payPackage });
  noteControl(answer);
  if (!answer) return { paid: false, reason: 'UNREACHABLE' };
  if (control === 'off') return { paid: false, reason: 'CONTROL_OFF' };
  const transactionId = field(answer.body, 'transactionId');
  if (answer.status === 200 && field(answer.body, 'paid') === true && typeof transactionId === 'string') return { paid: true, transactionId };
  const reason = field(answer.body, 'reason');
  return { paid: false, reason: typeof reason === 'string' ? reason : errorCode(answer.body) || `HTTP_${answer.status}` };
}

function learnClock(answer: ControlAnswer | null): void {
  const now = answer && answer.status === 200 ? field(answer.body, 'now') : undefined;
  if (typeof now === 'number') clockOffsetMs = now - Date.now();
}

/** The server's clock as the testers' switch moves it (Me > Settings > Government date). */
const serverClock: TesterClock = {
  now: () => Date.now() + clockOffsetMs,
  daysAhead: () => Math.max(0, Math.round(clockOffsetMs / DAY_MS)),
  moveForward: (days) => {
    if (!Number.isInteger(days) || days < 1) return;
    // Shown at once; corrected by the server's answer.
    clockOffsetMs += days * DAY_MS;
    void callControl('POST', 'clock', { days }).then((answer) => {
      noteControl(answer);
      learnClock(answer);
    });
  },
};

function serverStandIns(): StandIns {
  const embedded = createStandIns(serverClock, () => Promise.reject(new Error('WeChat Pay runs beside the government server, not in the preview')));
  return {
    ...embedded,
    codeNote: (sent: SendSmsResponse) => {
      const code = sent.devCode ?? smsCode ?? undefined;
      smsCode = null;
      return embedded.codeNote({ ...sent, devCode: code });
    },
    // Only DevTools asks the wallet (the preview's wx.requestPayment has its own sheet): pay on the server.
    wallet: async (order: PaymentOrder) => (order.payParams && (await payOnServer(order.payParams.package)).paid ? 'paid' : 'failed'),
  };
}

/** The app's wx.request transport to the server, with the testers' network switch (it acts on the wire, ./http.ts). */
function serverTransport(url: string): Transport & Pick<EmbeddedTransport, 'fault' | 'setFault'> {
  const wire = createWxRequestTransport({ baseUrl: url, timeoutMs: backendConfig.http.timeoutMs });
  return {
    get fault() {
      return wireFault.get();
    },
    setFault: (fault) => wireFault.set(fault),
    async send(req) {
      const res = await wire.send(req);
      if (req.method === 'POST' && req.path === '/identity/sms' && res.status >= 200 && res.status < 300) await readSmsCode(mobileIn(req.body));
      return res;
    },
    upload: (req) => wire.upload(req),
  };
}

let panel: HTMLElement | null = null;

function renderPanel(): void {
  if (!panel) return;
  if (!baseUrl) {
    panel.textContent = 'government: embedded';
    return;
  }
  const state = { unknown: '', on: ' · control channel on', off: ` · control channel off: ${CONTROL_OFF_HINT}`, unreachable: ' · not reachable' }[control];
  panel.textContent = `government: ${baseUrl}${state}`;
  panel.dataset.control = control;
}

/** Says in the panel which government the app talks to (and, for a server, whether its control channel is on). */
export function mountGovernment(target: HTMLElement): void {
  panel = target;
  renderPanel();
}

/** Points the app at the server before its code runs; the embedded government is then never started. */
export function useGovernmentServer(url: string): void {
  baseUrl = url;
  useTransport(serverTransport(url));
  installStandIns(serverStandIns());
  renderPanel();
  // Moving the clock by nothing reads it; the answer also says whether the channel is on.
  void callControl('POST', 'clock', { ms: 0 }).then((answer) => {
    noteControl(answer);
    learnClock(answer);
    if (control === 'on') log('info', `[preview] government: ${url} (control channel on)`);
  });
}

export function governmentServer(): string | null {
  return baseUrl || null;
}
