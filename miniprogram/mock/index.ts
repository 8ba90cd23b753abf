// The mocked government: createGovernment({ clock, seed, storage }).handle(req) -> { status, body }.
import type { ApiRequest, ApiResponse } from '../contracts/http';
import type { Clock } from '../core/dates';
import { erasureRoutes } from './erasure';
import { finesRoutes, forgetPolice, noticePayables } from './fines';
import { identityRoutes, seedPeople } from './identity';
import { forgetPayments, paymentRoutes, prunePayments } from './payments';
import { createSecureRandom, defaultRandomBytes, keyedHash, type RandomBytes } from './random';
import { recordsRoutes } from './records';
import { createRouter, type Endpoint, type GovernmentConfig, type Route } from './router';
import { emptyState, parseStored, type GovernmentState } from './store';

/**
 * Where the government keeps its state: one key per part (meta, people, sessions, limits,
 * idempotency, records, counters, agency.<name>). `write` throws when the value cannot be kept
 * (WeChat: 1 MB a key, 10 MB in all); the request is then refused and nothing of it is kept.
 */
export interface GovernmentStorage {
  read(key: string): string | undefined;
  write(key: string, value: string): void;
  remove(key: string): void;
}

export interface GovernmentOptions {
  clock: Clock;
  /** Seeds the test data (notices, their places); never secrets. */
  seed?: number;
  storage?: GovernmentStorage;
  config?: Partial<GovernmentConfig>;
  /**
   * Keys the digests of personal data. Keep it outside `storage` (the embedded app keeps it in
   * encrypted storage, made from a cryptographic source); by default it is derived from the seed,
   * which suits tests only.
   */
  secret?: string;
  /** Cryptographic random bytes for tokens, codes and ids; by default the runtime's crypto.getRandomValues. */
  randomBytes?: RandomBytes;
}

/** A part of the stored state that could not be read: kept as it was under its generation, never overwritten. */
export interface SetAside { generation: number; part: string; at: number }

export interface Government {
  handle(req: ApiRequest): Promise<ApiResponse>;
  /** Every endpoint with its auth level, for docs and the auth test. */
  endpoints(): Endpoint[];
  /** For tests: read the recorded state. */
  inspect(): GovernmentState;
  /** Stored state found unreadable at start and set aside (the app tells the resident). */
  setAside(): SetAside[];
  /** For tests: change the state as a handler would, and keep it (a direct change to inspect() is undone by the next refusal). */
  amend(change: (state: GovernmentState) => void): void;
}

/** Every agency's routes; new agencies add theirs here. */
export const ALL_ROUTES: Route[] = [
  ...identityRoutes,
  ...erasureRoutes([forgetPolice, forgetPayments]),
  ...recordsRoutes,
  ...finesRoutes,
  ...paymentRoutes({ police: noticePayables }),
];

const STATE_VERSION = 3;
const ROOT_KEY = 'root';

/** The parts of the state, each under its own key. */
type Part = Exclude<keyof GovernmentState, 'version'>;
const PARTS: Part[] = ['meta', 'people', 'sessions', 'limits', 'idempotency', 'records', 'counters', 'agencies'];

interface Root { version: number; generation: number; setAside: SetAside[] }

function isRoot(value: unknown): value is Root {
  if (typeof value !== 'object' || value === null) return false;
  const { version, generation, setAside } = value as Partial<Root>;
  return version === STATE_VERSION && typeof generation === 'number' && Number.isInteger(generation) && Array.isArray(setAside);
}

function isPart(part: Part, value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (part === 'meta') return typeof (value as { firstRunAt?: unknown }).firstRunAt === 'number';
  if (part === 'limits') return typeof (value as { sms?: unknown }).sms === 'object' && typeof (value as { bind?: unknown }).bind === 'object';
  return true;
}

/** Reads and writes the state part by part, remembering what each key holds so only changed parts are written. */
function createVault(storage: GovernmentStorage | undefined, now: number) {
  const written = new Map<string, string>();
  const keyOf = (generation: number, part: string): string => `g${generation}.${part}`;
  let root: Root = { version: STATE_VERSION, generation: 1, setAside: [] };

  function readRoot(): Root | 'damaged' | undefined {
    const text = storage?.read(ROOT_KEY);
    if (text === undefined) return undefined;
    try {
      const parsed = parseStored(text);
      return isRoot(parsed) ? parsed : 'damaged';
    } catch {
      return 'damaged';
    }
  }

  function load(fresh: () => GovernmentState): GovernmentState {
    const found = readRoot();
    if (found === 'damaged') {
      // Even the index is unreadable: start a generation no earlier one can have used.
      root = { version: STATE_VERSION, generation: now, setAside: [{ generation: 0, part: ROOT_KEY, at: now }] };
      return start(fresh());
    }
    if (!found) return start(fresh());
    root = found;
    const state = emptyState(now);
    const damaged: string[] = [];
    for (const part of PARTS) {
      const text = storage?.read(keyOf(root.generation, part));
      if (text === undefined) {
        damaged.push(part);
        continue;
      }
      try {
        const value = parseStored(text);
        if (!isPart(part, value)) throw new Error('wrong shape');
        Object.assign(state, { [part]: value });
        written.set(part, text);
      } catch {
        damaged.push(part);
      }
    }
    if (damaged.length === 0) return state;
    // A part missing or unreadable: the earlier generation stays as it is (set aside, for a person
    // to look at), and a fresh government starts under the next one.
    root = {
      version: STATE_VERSION,
      generation: root.generation + 1,
      setAside: [...root.setAside, ...damaged.map((part) => ({ generation: root.generation, part, at: now }))].slice(-20),
    };
    written.clear();
    return start(fresh());
  }

  function start(state: GovernmentState): GovernmentState {
    written.clear();
    commit(state, PARTS);
    storage?.write(ROOT_KEY, JSON.stringify(root));
    return state;
  }

  /** The parts whose value differs from what is stored. */
  function changed(state: GovernmentState, parts: readonly Part[] = PARTS): Map<Part, string> {
    const out = new Map<Part, string>();
    parts.forEach((part) => {
      const text = JSON.stringify(state[part]);
      if (written.get(part) !== text) out.set(part, text);
    });
    return out;
  }

  /** Writes the given parts; on a failed write puts back what was written and throws. */
  function commit(state: GovernmentState, parts: readonly Part[]): void {
    const texts = changed(state, parts);
    const done: Part[] = [];
    try {
      texts.forEach((text, part) => {
        storage?.write(keyOf(root.generation, part), text);
        done.push(part);
      });
    } catch (err) {
      done.forEach((part) => {
        const before = written.get(part);
        try {
          if (before === undefined) storage?.remove(keyOf(root.generation, part));
          else storage?.write(keyOf(root.generation, part), before);
        } catch {
          // Putting back a value that fitted before cannot fail for size; nothing more can be done.
        }
      });
      throw err;
    }
    texts.forEach((text, part) => written.set(part, text));
  }

  /** Puts every part (or all but `keep`) back to what is stored. */
  function rollback(state: GovernmentState, keep: readonly Part[] = []): void {
    PARTS.forEach((part) => {
      if (keep.includes(part)) return;
      const text = written.get(part);
      if (text !== undefined && JSON.stringify(state[part]) !== text) Object.assign(state, { [part]: parseStored(text) });
    });
  }

  return { load, commit, rollback, setAside: (): SetAside[] => root.setAside, parts: PARTS };
}

export function createGovernment(options: GovernmentOptions): Government {
  const seed = options.seed ?? 20261122;
  const secret = options.secret ?? `seed-${seed}`;
  const hash = (text: string): string => keyedHash(secret, text);
  const vault = createVault(options.storage, options.clock.now());
  const state = vault.load(() => {
    const fresh = emptyState(options.clock.now());
    seedPeople(fresh, hash);
    return fresh;
  });
  const random = createSecureRandom(options.randomBytes ?? defaultRandomBytes());
  const config: GovernmentConfig = { exposeSmsCode: false, allowSimulatedFace: false, busyNoticeCount: 200, ...options.config };
  const router = createRouter(ALL_ROUTES, {
    state: () => state,
    random,
    config,
    now: () => options.clock.now(),
    commit: () => vault.commit(state, vault.parts),
    commitLimits: () => vault.commit(state, ['limits']),
    rollback: (keep) => vault.rollback(state, keep),
    hash,
    prune: [prunePayments],
  });
  return {
    handle: (req) => Promise.resolve(router.handle(req)),
    endpoints: () => router.endpoints(),
    inspect: () => state,
    setAside: () => vault.setAside(),
    amend: (change) => {
      change(state);
      vault.commit(state, vault.parts);
    },
  };
}
