// Wires the configured transport. The only module that knows the embedded government exists.
import { backendConfig } from './config';
import { systemClock } from './core/dates';
import { createEntropyPool, wxRandomBytes } from './core/entropy';
import { hasStorageKey, readEncryptedStrict, readStorageSync, removeStorageSync, writeEncrypted, writeStorageStrict } from './core/storage';
import { createEmbeddedTransport, createWxRequestTransport, type EmbeddedTransport, type GovernmentHandler, type Transport } from './core/transport';
import { createGovernment, type Government } from './mock/index';

/** The government's parts are stored under this prefix, one key each. */
export const GOVERNMENT_STORAGE_PREFIX = 'embedded-government.state.';
/** The key for the government's digests of personal data: encrypted, and never in its state. */
export const GOVERNMENT_SECRET_KEY = 'embedded-government.secret';

let embedded: EmbeddedTransport | null = null;

/**
 * The stored key, or a new one for a new government. A key that exists but cannot be read is an
 * error (the government is unavailable until it can be), never a reason to make another: state
 * digested with a lost key would no longer match anybody.
 */
export async function governmentSecret(): Promise<string> {
  const stored = await readEncryptedStrict(GOVERNMENT_SECRET_KEY);
  if (stored) return stored;
  // No key: any state left is unreadable by design (its digests need the key), so start afresh.
  removeStorageSync(`${GOVERNMENT_STORAGE_PREFIX}root`);
  const fresh = Array.from(await wxRandomBytes(32), (b) => b.toString(16).padStart(2, '0')).join('');
  await writeEncrypted(GOVERNMENT_SECRET_KEY, fresh);
  return fresh;
}

function embeddedGovernment(): GovernmentHandler {
  let ready: Promise<Government> | null = null;
  const pool = createEntropyPool(wxRandomBytes);
  const government = (): Promise<Government> => {
    if (!ready) {
      ready = governmentSecret().then((secret) =>
        createGovernment({
          clock: systemClock,
          seed: 20261122,
          secret,
          randomBytes: (count) => pool.take(count),
          storage: {
            read: (key) => (hasStorageKey(GOVERNMENT_STORAGE_PREFIX + key) ? readStorageSync<string>(GOVERNMENT_STORAGE_PREFIX + key) : undefined),
            write: (key, value) => writeStorageStrict(GOVERNMENT_STORAGE_PREFIX + key, value),
            remove: (key) => removeStorageSync(GOVERNMENT_STORAGE_PREFIX + key),
          },
          config: { exposeSmsCode: true, allowSimulatedFace: true },
        }),
      );
    }
    return ready;
  };
  return {
    handle: async (req) => {
      try {
        await pool.fill();
        return await (await government()).handle(req);
      } catch (err) {
        // Try again on the next request rather than keep a failed start.
        ready = null;
        const message = err instanceof Error ? err.message : String(err);
        return { status: 503, body: { error: { code: 'UNAVAILABLE', message: `The embedded government could not start: ${message}` } } };
      }
    },
  };
}

export function createDefaultTransport(): Transport {
  if (backendConfig.kind === 'http') {
    return createWxRequestTransport({ baseUrl: backendConfig.baseUrl, timeoutMs: backendConfig.timeoutMs });
  }
  embedded = createEmbeddedTransport(embeddedGovernment(), { latencyMs: backendConfig.latencyMs });
  return embedded;
}

/** The embedded transport, when that is what runs (testers can make it fail from Me > Settings). */
export function embeddedTransport(): EmbeddedTransport | null {
  return embedded;
}
