/** @jest-environment node */
// `npm run government` as a process (scripts/government.js bundles server/cli.ts and runs it): killed with
// SIGKILL right after an acknowledged request, the state file has it; SIGTERM lets the request in hand
// finish, writes the state and exits 0, the file whole JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startGovernmentServer } from '../../server/government-server';
import { resident } from '../helpers/government';
import { at, bearer, verifyOverHttp, wire } from './wire';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'government-process-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node scripts/government.js --port 0 ...` and resolves once it says where it listens. */
function launch(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['scripts/government.js', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const listening = /government listening on (http:\/\/127\.0\.0\.1:\d+) \(state (.+), control (on|off)\)/.exec(out);
      if (listening) resolve({ child, url: listening[1], stdout: () => out, exited });
    });
    void exited.then(({ code }) => reject(new Error(`the server exited (${code}) before listening: ${out}${err}`)));
  });
}

describe('the government server as a process', () => {
  it('keeps what it acknowledged when killed with SIGKILL right after the answer', async () => {
    const file = path.join(dir, 'killed.json');
    const running = await launch(['--state', file, '--control']);
    const person = resident('r05');
    const started = await wire(running.url, '/identity/session', { method: 'POST', body: { code: 'c' } });
    const token = String(at(started.json, 'token'));
    await wire(running.url, '/identity/sms', { method: 'POST', headers: bearer(token), body: { mobile: person.mobile } });
    const code = String(at((await wire(running.url, `/__control/sms?mobile=${person.mobile}`)).json, 'code'));
    const verified = await wire(running.url, '/identity/verify', { method: 'POST', headers: bearer(token), body: { name: person.name, idNumber: person.idNumber, mobile: person.mobile, smsCode: code } });
    expect(verified.status).toBe(200);
    running.child.kill('SIGKILL');
    expect(await running.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const again = await startGovernmentServer({ port: 0, stateFile: file });
    try {
      const me = await wire(again.url, '/identity/me', { headers: bearer(token) });
      expect([me.status, at(me.json, 'level')]).toEqual([200, 'verified']);
    } finally {
      await again.close();
    }
  });

  it('on SIGTERM finishes the request in hand, writes the state and exits 0', async () => {
    const file = path.join(dir, 'stopped.json');
    const running = await launch(['--state', file]);
    // A request whose body is still coming when the signal arrives.
    const url = new URL(running.url);
    const answer = new Promise<{ status: number; token: unknown }>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: '/identity/session', method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, token: at(JSON.parse(Buffer.concat(chunks).toString('utf8')), 'token') }));
      });
      req.on('error', reject);
      req.write('{"code":');
      // Once the server is reading it (the headers are in), the signal; then the rest of the body.
      setTimeout(() => {
        running.child.kill('SIGTERM');
        setTimeout(() => req.end('"c"}'), 100);
      }, 150);
    });
    const { status, token } = await answer;
    expect(status).toBe(201);
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.stdout()).toContain('government stopped (SIGTERM)');
    const saved: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(at(saved, 'format')).toBe('city-services/government-state');
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);

    const again = await startGovernmentServer({ port: 0, stateFile: file });
    try {
      expect((await wire(again.url, '/identity/me', { headers: bearer(String(token)) })).status).toBe(200);
      // And it serves on as before.
      await verifyOverHttp(again, 'r02');
    } finally {
      await again.close();
    }
  });
});
