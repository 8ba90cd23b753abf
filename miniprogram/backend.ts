// Wires the configured transport. The only module that knows the embedded government exists.
import { backendConfig } from './config';
import { systemClock } from './core/dates';
import { readStorageSync, writeStorageSync } from './core/storage';
import { createEmbeddedTransport, createWxRequestTransport, type EmbeddedTransport, type Transport } from './core/transport';
import { createGovernment } from './mock/index';

export const GOVERNMENT_STORAGE_KEY = 'embedded-government.state';

let embedded: EmbeddedTransport | null = null;

export function createDefaultTransport(): Transport {
  if (backendConfig.kind === 'http') {
    return createWxRequestTransport({ baseUrl: backendConfig.baseUrl, timeoutMs: backendConfig.timeoutMs });
  }
  const government = createGovernment({
    clock: systemClock,
    seed: 20261122,
    storage: {
      load: () => readStorageSync<string>(GOVERNMENT_STORAGE_KEY),
      save: (snapshot) => writeStorageSync(GOVERNMENT_STORAGE_KEY, snapshot),
    },
    config: { exposeSmsCode: true, allowSimulatedFace: true },
  });
  embedded = createEmbeddedTransport(government, { latencyMs: backendConfig.latencyMs });
  return embedded;
}

/** The embedded transport, when that is what runs (testers can make it fail from Me > Settings). */
export function embeddedTransport(): EmbeddedTransport | null {
  return embedded;
}
