// Wires the transport. The only module that knows the embedded government exists: where a build
// includes it and the mini program is not the released version, it loads the mock's subpackage
// (mock/, 分包异步化) on the first request, and otherwise talks to the real government over https.
// A release build leaves the mock out (npm run build:release). docs/architecture.md has the layers.
import { backendConfig } from './config';
import { installStandIns, type StandIns } from './core/stand-ins';
import { createWxRequestTransport, type EmbeddedOptions, type EmbeddedTransport, type GovernmentHandler, type Transport } from './core/transport';

/** What the embedded government's module offers (mock/embedded.ts). */
export interface EmbeddedModule {
  embeddedGovernment(): GovernmentHandler;
  /** The in-process transport to that government (latency, the testers' fault switch). */
  transportTo(government: GovernmentHandler, options: EmbeddedOptions): EmbeddedTransport;
  standIns: StandIns;
}

let embedded: EmbeddedTransport | null = null;

function isEmbeddedModule(loaded: unknown): loaded is EmbeddedModule {
  if (typeof loaded !== 'object' || loaded === null) return false;
  if (!('embeddedGovernment' in loaded) || typeof loaded.embeddedGovernment !== 'function') return false;
  if (!('transportTo' in loaded) || typeof loaded.transportTo !== 'function') return false;
  if (!('standIns' in loaded) || typeof loaded.standIns !== 'object' || loaded.standIns === null) return false;
  const standIns = loaded.standIns;
  return ['codeNote', 'face', 'wallet', 'clock', 'words'].every((name) => name in standIns);
}

/** The mock's module from its subpackage, or null where the build left it out (or it cannot be fetched). */
export async function loadEmbeddedModule(): Promise<EmbeddedModule | null> {
  try {
    // Not an import: the mock is another package, and a release build has no such file.
    // eslint-disable-next-line no-restricted-globals
    const loaded: unknown = await require.async('./mock/embedded');
    return isEmbeddedModule(loaded) ? loaded : null;
  } catch {
    return null;
  }
}

/** 'develop', 'trial' or 'release'; unknown counts as release, so a doubt never starts the mock. */
function envVersion(): string {
  try {
    return wx.getAccountInfoSync().miniProgram.envVersion;
  } catch {
    return 'release';
  }
}

let started: Promise<Transport> | null = null;

function realGovernment(): Transport {
  installStandIns(null);
  return createWxRequestTransport(backendConfig.http);
}

async function start(): Promise<Transport> {
  const options = backendConfig.embedded;
  // Only a develop or trial version may start the mock: anything else, unknown included, is the real one.
  const version = envVersion();
  if (!options || (version !== 'develop' && version !== 'trial')) return realGovernment();
  const mock = await loadEmbeddedModule();
  if (!mock) {
    // Left out of this package (a release build tried as a trial), or its subpackage could not be
    // fetched: this request goes to the real government, and the next one asks again.
    started = null;
    return realGovernment();
  }
  installStandIns(mock.standIns);
  embedded = mock.transportTo(mock.embeddedGovernment(), { latencyMs: options.latencyMs });
  return embedded;
}

/** The transport once it is decided (and, for the embedded government, its subpackage loaded); started on first call. */
export function backendReady(): Promise<Transport> {
  if (!started) started = start();
  return started;
}

/** The app's transport: each request waits for the backend to be ready (the first one loads it). */
export function createDefaultTransport(): Transport {
  return { send: async (req) => (await backendReady()).send(req), upload: async (req) => (await backendReady()).upload(req) };
}

/** The embedded transport, once it runs (testers can make it fail from Me > Settings); null before or against a real government. */
export function embeddedTransport(): EmbeddedTransport | null {
  return embedded;
}
