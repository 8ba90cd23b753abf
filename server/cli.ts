// `npm run government [-- --port N --state FILE --control --seed N]`: the government server on
// 127.0.0.1 until SIGINT or SIGTERM, which stop it cleanly (no new connections, the request in hand
// finished, the state written, exit 0). scripts/government.js bundles this file and calls main().
import { DEFAULT_PORT, DEFAULT_SEED, startGovernmentServer, type GovernmentServer } from './government-server';

export interface CliOptions {
  port: number;
  stateFile: string;
  control: boolean;
  seed: number;
}

export const DEFAULT_STATE_FILE = '.government/state.json';

export const USAGE = `Usage: npm run government -- [--port N] [--state FILE] [--control] [--seed N]
  --port N      the port on 127.0.0.1 (default ${DEFAULT_PORT}, or GOVERNMENT_PORT; 0 = any free port)
  --state FILE  the JSON file the government's state is kept in (default ${DEFAULT_STATE_FILE})
  --control     the develop-only control channel (/__control/...: clock, reset, SMS codes, the payer)
  --seed N      the seed of the test data (default ${DEFAULT_SEED})
GOVERNMENT_SECRET sets the digest key (default: derived from the seed, a dev server only).`;

const wholeNumber = (text: string | undefined, max: number): number | null => {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
};

/** The options the arguments ask for, or what is wrong with them ('help' for --help). */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions | { error: string } | 'help' {
  const options: CliOptions = { port: DEFAULT_PORT, stateFile: DEFAULT_STATE_FILE, control: false, seed: DEFAULT_SEED };
  if (env.GOVERNMENT_PORT !== undefined && env.GOVERNMENT_PORT !== '') {
    const port = wholeNumber(env.GOVERNMENT_PORT, 65535);
    if (port === null) return { error: `GOVERNMENT_PORT must be a port number (got "${env.GOVERNMENT_PORT}")` };
    options.port = port;
  }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    const inline = arg.startsWith('--') && equals > 0 ? arg.slice(equals + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      i += 1;
      return argv[i];
    };
    if (name === '--help' || name === '-h') return 'help';
    if (name === '--control') {
      if (inline !== undefined) return { error: '--control takes no value' };
      options.control = true;
    } else if (name === '--port') {
      const text = value();
      const port = wholeNumber(text, 65535);
      if (port === null) return { error: `--port needs a port number (got "${text ?? ''}")` };
      options.port = port;
    } else if (name === '--seed') {
      const text = value();
      const seed = wholeNumber(text, 2 ** 31 - 1);
      if (seed === null) return { error: `--seed needs a whole number (got "${text ?? ''}")` };
      options.seed = seed;
    } else if (name === '--state') {
      const text = value();
      if (!text || text.startsWith('--')) return { error: '--state needs a file name' };
      options.stateFile = text;
    } else return { error: `unknown argument "${arg}"` };
  }
  return options;
}

/** Starts the server, which then runs until a signal stops it; a start that fails sets process.exitCode. */
export async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseArgs(argv, process.env);
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if ('error' in parsed) {
    console.error(`government: ${parsed.error}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.control) {
    console.warn('government: warning: the control channel is on. It is for development only: anything on this machine can move the clock, reset the state, read SMS codes and pay orders.');
  }
  let running: GovernmentServer;
  try {
    running = await startGovernmentServer({ port: parsed.port, stateFile: parsed.stateFile, control: parsed.control, seed: parsed.seed, secret: process.env.GOVERNMENT_SECRET || undefined });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const hint = /EADDRINUSE/.test(message) ? ` (is another government running? try --port ${parsed.port + 1})` : '';
    console.error(`government: could not start: ${message}${hint}`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`government listening on ${running.url} (state ${parsed.stateFile}, control ${parsed.control ? 'on' : 'off'})\n`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`government: ${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    running.close().then(
      () => {
        process.stdout.write(`government stopped (${signal}); state kept in ${parsed.stateFile}\n`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error(`government: could not stop cleanly: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
