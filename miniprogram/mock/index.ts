// The mocked government: createGovernment({ clock, seed, storage }).handle(req) -> { status, body }.
import type { ApiRequest, ApiResponse } from '../contracts/http';
import type { Clock } from '../core/dates';
import { erasureRoutes } from './erasure';
import type { Agency } from './agency';
import { policeAgency } from './fines';
import { identityRoutes, seedPeople } from './identity';
import { forgetPayments, paymentRoutes, prunePayments, type Merchant, type PayableSource } from './payments';
import { createSecureRandom, defaultRandomBytes, keyedHash, type RandomBytes } from './random';
import { recordsRoutes } from './records';
import { createRouter, type Endpoint, type GovernmentConfig, type Route } from './router';
import { dict, emptyState, own, parseStored, takeTouched, type GovernmentState } from './store';

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
  /** For tests: after each write, compare every entry too, and fail when one changed without touch(). */
  checkWrites?: boolean;
  /** The agencies to assemble; by default all of them (AGENCIES). */
  agencies?: readonly Agency[];
  /**
   * WeChat Pay's merchant side: the key it signs notifications with, and its refund call. By default a
   * key derived from the secret and refunds WeChat Pay cannot confirm (null); the embedded app and the
   * tests pass the simulated WeChat Pay's (mock/wechat-pay.ts).
   */
  merchant?: Merchant;
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

/** The agencies of the government; a new service adds its agency here (docs/adding-a-service.md). */
export const AGENCIES: readonly Agency[] = [policeAgency];

/**
 * The shell's routes (identity, deleting one's data, records), every agency's, and the payments agency's,
 * which settles the items the agencies offer through the merchant side of WeChat Pay.
 */
function allRoutes(agencies: readonly Agency[], merchant: Merchant): Route[] {
  const payables: Record<string, PayableSource> = {};
  agencies.forEach((agency) => {
    if (agency.payables) payables[agency.name] = agency.payables;
  });
  const forgetters = agencies.flatMap((agency) => (agency.forget ? [agency.forget] : []));
  return [
    ...identityRoutes,
    ...erasureRoutes([...forgetters, forgetPayments]),
    ...recordsRoutes,
    ...agencies.flatMap((agency) => agency.routes),
    ...paymentRoutes(payables, merchant),
  ];
}

/** The merchant key shared with WeChat Pay, when none is given: derived from the government's secret. */
export const merchantKeyOf = (secret: string): string => keyedHash(secret, 'wechat-pay-merchant-key');

const STATE_VERSION = 3;
const ROOT_KEY = 'root';

/** The parts of the state, each under its own key. */
type Part = Exclude<keyof GovernmentState, 'version'>;
const PARTS: Part[] = ['meta', 'people', 'sessions', 'limits', 'idempotency', 'records', 'counters', 'agencies'];
/**
 * Parts kept one key per entry, so no key grows with everybody: records per person
 * (`records.<personId>`), agencies per agency (`agencies.<name>`). The part's own key lists the entries.
 */
const PART_KEYS: ReadonlySet<string> = new Set<string>(PARTS);
const SHARDED: ReadonlySet<Part> = new Set<Part>(['records', 'agencies']);

/** `writing`: a write of several keys began and has not ended; found so at start, the generation cannot be trusted. */
interface Root { version: number; generation: number; setAside: SetAside[]; writing?: boolean }

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

const isShardList = (value: unknown): value is string[] => Array.isArray(value) && value.every((name) => typeof name === 'string' && name.length > 0);

/** Reads and writes the state part by part, remembering what each key holds so only changed keys are written. */
function createVault(storage: GovernmentStorage | undefined, now: number, checkWrites = false) {
  /** Key (without generation) -> the text stored under it. */
  const written = new Map<string, string>();
  const keyOf = (generation: number, key: string): string => `g${generation}.${key}`;
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

  /** One stored key, parsed; undefined when missing or unreadable. */
  function readKey(key: string): { value: unknown; text: string } | undefined {
    const text = storage?.read(keyOf(root.generation, key));
    if (text === undefined) return undefined;
    try {
      return { value: parseStored(text), text };
    } catch {
      return undefined;
    }
  }

  /** A part as stored, with the texts read; undefined when any of its keys is missing or unreadable. */
  function readPart(part: Part): { value: unknown; texts: Map<string, string> } | undefined {
    const head = readKey(part);
    if (!head) return undefined;
    const texts = new Map<string, string>([[part, head.text]]);
    if (!SHARDED.has(part)) return isPart(part, head.value) ? { value: head.value, texts } : undefined;
    if (!isShardList(head.value)) return undefined;
    const table = dict<unknown>();
    for (const name of head.value) {
      const shard = readKey(`${part}.${name}`);
      if (!shard) return undefined;
      table[name] = shard.value;
      texts.set(`${part}.${name}`, shard.text);
    }
    return { value: table, texts };
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
    if (root.writing) {
      // Stopped in the middle of a write (the app was killed, the phone died): the parts may disagree,
      // e.g. an order paid but its notice not, so none is trusted; all are set aside as they are.
      root = {
        version: STATE_VERSION,
        generation: root.generation + 1,
        setAside: [...root.setAside, { generation: root.generation, part: 'interrupted write', at: now }].slice(-20),
      };
      return start(fresh());
    }
    // A generation nothing was ever written under (the app made it for a fresh start) is simply new.
    if (PARTS.every((part) => storage?.read(keyOf(root.generation, part)) === undefined)) return start(fresh());
    const state = emptyState(now);
    const damaged: string[] = [];
    for (const part of PARTS) {
      const read = readPart(part);
      if (!read) {
        damaged.push(part);
        continue;
      }
      Object.assign(state, { [part]: read.value });
      read.texts.forEach((text, key) => written.set(key, text));
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
    commit(state, PARTS, true);
    storage?.write(ROOT_KEY, JSON.stringify(root));
    return state;
  }

  /** Entries marked changed (touch) and not yet written or put back. */
  const pending = new Set<string>();
  const gather = (state: GovernmentState): void => takeTouched(state).forEach((key) => pending.add(key));

  /**
   * Keys of these parts to write (text) or remove (null), compared with what is stored. Of a sharded
   * part only its list and the entries marked or new are looked at, unless `everything` (a check).
   */
  function changed(state: GovernmentState, parts: readonly Part[], everything = false): Map<string, string | null> {
    const out = new Map<string, string | null>();
    const differs = (key: string, text: string): void => {
      if (written.get(key) !== text) out.set(key, text);
    };
    parts.forEach((part) => {
      if (!SHARDED.has(part)) return differs(part, JSON.stringify(state[part]));
      const table = state[part] as Record<string, unknown>;
      const names = Object.keys(table).sort();
      differs(part, JSON.stringify(names));
      const present = new Set<string>();
      names.forEach((name) => {
        const key = `${part}.${name}`;
        present.add(key);
        if (everything || pending.has(key) || !written.has(key)) differs(key, JSON.stringify(table[name]));
      });
      written.forEach((_text, key) => {
        if (key.startsWith(`${part}.`) && !present.has(key)) out.set(key, null);
      });
    });
    return out;
  }

  /** Writes the changed keys of the given parts (the lists last, so a list never names an unwritten entry); on a failure puts back what was written and throws. */
  function commit(state: GovernmentState, parts: readonly Part[], everything = false): void {
    gather(state);
    const changes = [...changed(state, parts, everything)].sort(([a], [b]) => Number(PART_KEYS.has(a)) - Number(PART_KEYS.has(b)));
    const done: string[] = [];
    const put = (key: string, text: string | null | undefined): void => {
      if (text === null || text === undefined) storage?.remove(keyOf(root.generation, key));
      else storage?.write(keyOf(root.generation, key), text);
    };
    // One key is written whole or not at all; several are marked in the root first, so a write cut
    // off half way is found at the next start instead of read as a government that never was.
    const marked = changes.length > 1;
    if (marked) storage?.write(ROOT_KEY, JSON.stringify({ ...root, writing: true }));
    const unmark = (): void => {
      if (marked) storage?.write(ROOT_KEY, JSON.stringify(root));
    };
    try {
      changes.forEach(([key, text]) => {
        // Entries dropped from a list are removed after the list is written, below.
        if (text !== null) put(key, text);
        done.push(key);
      });
    } catch (err) {
      done.forEach((key) => {
        try {
          put(key, written.get(key));
        } catch {
          // Putting back a value that fitted before cannot fail for size; nothing more can be done.
        }
      });
      try {
        unmark();
      } catch {
        // The mark stays: the next start sets this generation aside rather than trust it.
      }
      throw err;
    }
    unmark();
    changes.forEach(([key, text]) => {
      if (text === null) {
        try {
          put(key, null);
        } catch {
          // A removal that fails leaves an entry no list names: harmless, and overwritten if it comes back.
        }
        written.delete(key);
      } else written.set(key, text);
    });
    [...pending].filter((key) => parts.some((part) => key.startsWith(`${part}.`))).forEach((key) => pending.delete(key));
    if (checkWrites) {
      const missed = [...changed(state, parts, true).keys()];
      if (missed.length > 0) throw new Error(`changed without touch(): ${missed.join(', ')}`);
    }
  }

  /** Puts every part (or all but `keep`) back to what is stored. */
  function rollback(state: GovernmentState, keep: readonly Part[] = [], afterRead = false): void {
    gather(state);
    // A read changes no entry it only looked at; what it may have made is a new entry (an agency's
    // first use), so after a read only the lists are compared, unless a test checks every write.
    const shallow = afterRead && !checkWrites;
    PARTS.forEach((part) => {
      if (keep.includes(part) || !written.has(part)) return;
      if (shallow && SHARDED.has(part)) {
        const table = state[part] as Record<string, unknown>;
        const names = parseStored(written.get(part) ?? '[]');
        const stored = new Set(isShardList(names) ? names : []);
        Object.keys(table).forEach((name) => {
          if (!stored.has(name)) delete table[name];
        });
        stored.forEach((name) => {
          if (own(table, name) === undefined) table[name] = parseStored(written.get(`${part}.${name}`) ?? 'null');
        });
        return;
      }
      const differences = changed(state, [part]);
      if (differences.size === 0) return;
      if (!SHARDED.has(part)) {
        Object.assign(state, { [part]: parseStored(written.get(part) ?? 'null') });
        return;
      }
      const table = state[part] as Record<string, unknown>;
      differences.forEach((_text, key) => {
        if (key === part) return;
        const stored = written.get(key);
        const name = key.slice(part.length + 1);
        if (stored === undefined) delete table[name];
        else table[name] = parseStored(stored);
      });
      // Entries the request removed come back from what is stored.
      const names = parseStored(written.get(part) ?? '[]');
      if (isShardList(names)) {
        names.forEach((name) => {
          if (own(table, name) === undefined) table[name] = parseStored(written.get(`${part}.${name}`) ?? 'null');
        });
      }
    });
    [...pending].filter((key) => !keep.some((part) => key.startsWith(`${part}.`))).forEach((key) => pending.delete(key));
  }

  return { load, commit, rollback, setAside: (): SetAside[] => root.setAside, parts: PARTS };
}

export function createGovernment(options: GovernmentOptions): Government {
  const seed = options.seed ?? 20261122;
  const secret = options.secret ?? `seed-${seed}`;
  const hash = (text: string): string => keyedHash(secret, text);
  const vault = createVault(options.storage, options.clock.now(), options.checkWrites);
  const state = vault.load(() => {
    const fresh = emptyState(options.clock.now());
    seedPeople(fresh, hash);
    return fresh;
  });
  const random = createSecureRandom(options.randomBytes ?? defaultRandomBytes());
  const config: GovernmentConfig = { exposeSmsCode: false, allowSimulatedFace: false, busyNoticeCount: 200, ...options.config };
  const merchant: Merchant = options.merchant ?? { key: merchantKeyOf(secret), refund: () => null };
  const agencies = options.agencies ?? AGENCIES;
  const router = createRouter(allRoutes(agencies, merchant), {
    state: () => state,
    random,
    config,
    now: () => options.clock.now(),
    commit: () => vault.commit(state, vault.parts),
    commitLimits: () => vault.commit(state, ['limits']),
    rollback: (keep, afterRead) => vault.rollback(state, keep, afterRead),
    hash,
    prune: [prunePayments, ...agencies.flatMap((agency) => (agency.prune ? [agency.prune] : []))],
  });
  return {
    handle: (req) => Promise.resolve(router.handle(req)),
    endpoints: () => router.endpoints(),
    inspect: () => state,
    setAside: () => vault.setAside(),
    amend: (change) => {
      change(state);
      // A test may change any entry without marking it: look at all of them.
      vault.commit(state, vault.parts, true);
    },
  };
}
