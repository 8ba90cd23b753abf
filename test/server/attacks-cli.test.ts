/** @jest-environment node */
// Review of issue 15 as a tester: `npm run government` mistakes (a bad port, a port in use, a value
// missing) get one clear line and a usage, a non-zero exit, never a stack trace.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { USAGE, main } from '../../server/cli';

let dir: string;
const said: string[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review15-cli-'));
});

beforeEach(() => {
  said.length = 0;
  jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => said.push(parts.map(String).join(' ')));
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run government -- <mistakes>', () => {
  it.each([
    [['--port', 'abc'], '--port needs a port number (got "abc")'],
    [['--port', '-1'], '--port needs a port number (got "-1")'],
    [['--port', '65536'], '--port needs a port number (got "65536")'],
    [['--port=', '9000'], '--port needs a port number (got "")'],
    [['-p', '9000'], 'unknown argument "-p"'],
    [['9000'], 'unknown argument "9000"'],
    [['--state'], '--state needs a file name'],
    [['--control=false'], '--control takes no value'],
  ])('%j: one clear line and the usage on stderr, exit 2 (a usage error), no stack, nothing started', async (argv, message) => {
    await main(argv);
    expect(process.exitCode).toBe(2);
    expect(said).toHaveLength(1);
    expect(said[0]).toBe(`government: ${message}\n${USAGE}`);
    expect(said[0]).not.toMatch(/\n\s+at /);
  });

  it('a port in use: "could not start", the address, a hint, exit 1, no stack trace', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const address = busy.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const state = path.join(dir, 'busy.json');
    try {
      await main(['--port', String(port), '--state', state]);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
    expect(process.exitCode).toBe(1);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^government: could not start: /);
    expect(said[0]).toContain(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
    expect(said[0]).toContain(`try --port ${port + 1}`);
    expect(said[0]).not.toMatch(/\n\s+at /);
  });

  it('a state file that cannot be a file (a directory): "could not start" with the reason, exit 1, no stack trace', async () => {
    await main(['--port', '0', '--state', dir]);
    expect(process.exitCode).toBe(1);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^government: could not start: /);
    expect(said[0]).not.toMatch(/\n\s+at /);
  });
});
