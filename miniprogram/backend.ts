// Wires the transport. The only module that knows the embedded government exists: it loads the mock
// where a build includes it and the mini program is not the released version, and otherwise talks
// to the real government over https. A release build leaves the mock out (npm run build:release).
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

/** The mock's module, or null where the build left it out. */
export function loadEmbeddedModule(): EmbeddedModule | null {
  try {
    // A plain require, not an import: a release build has no such file, and this must not fail to load.
    // eslint-disable-next-line no-restricted-globals, @typescript-eslint/no-require-imports
    const loaded: unknown = require('./mock/embedded');
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

export function createDefaultTransport(): Transport {
  const mock = backendConfig.embedded && envVersion() !== 'release' ? loadEmbeddedModule() : null;
  if (!mock || !backendConfig.embedded) {
    installStandIns(null);
    return createWxRequestTransport(backendConfig.http);
  }
  installStandIns(mock.standIns);
  embedded = mock.transportTo(mock.embeddedGovernment(), { latencyMs: backendConfig.embedded.latencyMs });
  return embedded;
}

/** The embedded transport, when that is what runs (testers can make it fail from Me > Settings). */
export function embeddedTransport(): EmbeddedTransport | null {
  return embedded;
}
