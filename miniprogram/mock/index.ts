// The mocked government: createGovernment({ clock, seed, storage }).handle(req) -> { status, body }.
import type { ApiRequest, ApiResponse } from '../contracts/http';
import type { Clock } from '../core/dates';
import type { Agency, AgencyEntry, AgencyRole } from './agency';
import { AGENCIES } from './agencies';
import { erasureRoutes, type Forget } from './erasure';
import { HttpError, errorResponse } from './http';
import { identityRoutes, seedPeople } from './identity';
import { createAgencyKit } from './kit';
import { forgetPayments, paymentRoutes, prunePayments, type Merchant, type PayableSource } from './payments';
import { createSecureRandom, defaultRandomBytes, keyedHash, type RandomBytes } from './random';
import { recordsRoutes } from './records';
import { createRouter, type Endpoint, type GovernmentConfig, type Route } from './router';
import { ANONYMOUS_ANSWERS, dict, emptyState, own, parseStored, takeTouched, type GovernmentState } from './store';

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
  /** The agencies to assemble, loaded on first use or given as they are; by default all of them (AGENCIES). */
  agencies?: readonly (AgencyEntry | Agency)[];
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
  /** Every endpoint of the shell and of the agencies loaded so far, with its auth level (docs, the auth test). */
  endpoints(): Endpoint[];
  /** Loads every agency not loaded yet (tests, before endpoints()). */
  loadAgencies(): Promise<void>;
  /** For tests: read the recorded state. */
  inspect(): GovernmentState;
  /** Stored state found unreadable at start and set aside (the app tells the resident). */
  setAside(): SetAside[];
  /** For tests: change the state as a handler would, and keep it (a direct change to inspect() is undone by the next refusal). */
  amend(change: (state: GovernmentState) => void): void;
}

export { AGENCIES };

/** A request that needs the agency loaded first: one under its paths, or one it takes part in. */
function needs(entry: AgencyEntry, method: string, path: string): boolean {
  const role = (name: AgencyRole): boolean => entry.roles.includes(name);
  if (entry.paths.some((prefix) => path.startsWith(prefix))) return true;
  if (path.startsWith('/payments/') && role('payments')) return true;
  return method === 'DELETE' && path === '/identity/me' && role('erasure');
}

/** What the loaded agency offers that its entry did not announce, or the other way round; '' when they agree. */
function mismatch(entry: AgencyEntry, agency: Agency): string {
  if (agency.name !== entry.name) return `is named ${agency.name}`;
  const stray = agency.routes.find((route) => !entry.paths.some((prefix) => route.path.startsWith(prefix)));
  if (stray) return `serves ${stray.path} outside ${entry.paths.join(', ')}`;
  if (Boolean(agency.payables) !== entry.roles.includes('payments')) return 'offers payables against its roles';
  if (Boolean(agency.forget) !== entry.roles.includes('erasure')) return 'forgets data against its roles';
  return '';
}

/** An agency given as it is (tests): its entry, announcing what it offers. */
function entryOf(agency: Agency): AgencyEntry {
  const roles: AgencyRole[] = [...(agency.payables ? ['payments' as const] : []), ...(agency.forget ? ['erasure' as const] : [])];
  return { name: agency.name, paths: [...new Set(agency.routes.map((route) => route.path))], roles, load: () => Promise.resolve(agency) };
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
 * (`records.<personId>`), agencies per agency (`agencies.<name>`), saved answers per session
 * (`idempotency.<bucket>`). The part's own key lists the entries.
 */
const PART_KEYS: ReadonlySet<string> = new Set<string>(PARTS);
const SHARDED: ReadonlySet<Part> = new Set<Part>(['records', 'agencies', 'idempotency']);

/**
 * Saved answers as they were stored before they were kept a session a key (one table of every slot):
 * grouped by their session, so an upgrade neither loses a replay nor sets the state aside.
 */
const isTable = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function answersByBucket(flat: Record<string, unknown>): Record<string, Record<string, unknown>> | undefined {
  const table = dict<Record<string, unknown>>();
  for (const slot of Object.keys(flat)) {
    const saved = flat[slot];
    if (!isTable(saved)) return undefined;
    const bucket = typeof saved.session === 'string' ? saved.session : ANONYMOUS_ANSWERS;
    (table[bucket] ??= dict<unknown>())[slot] = saved;
  }
  return table;
}

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
    if (part === 'idempotency' && isTable(head.value)) {
      // The earlier single key: its entries are written as shards with the next change.
      const grouped = answersByBucket(head.value);
      return grouped ? { value: grouped, texts } : undefined;
    }
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
  const sources = options.agencies ?? AGENCIES;
  const entries = sources.map((source) => ('load' in source ? source : entryOf(source)));
  // Live tables the shell's routes read at each request: agencies join them as they load.
  const payables: Record<string, PayableSource> = dict();
  const forgetters: Forget[] = [];
  const shellRoutes: Route[] = [
    ...identityRoutes,
    ...erasureRoutes(() => [...forgetters, forgetPayments]),
    ...recordsRoutes,
    ...paymentRoutes(payables, merchant),
  ];
  const router = createRouter(shellRoutes, {
    state: () => state,
    random,
    config,
    now: () => options.clock.now(),
    commit: () => vault.commit(state, vault.parts),
    commitLimits: () => vault.commit(state, ['limits']),
    rollback: (keep, afterRead) => vault.rollback(state, keep, afterRead),
    hash,
    prune: [prunePayments],
  });
  const loading = new Map<string, Promise<void>>();

  function register(entry: AgencyEntry, agency: Agency): void {
    const wrong = mismatch(entry, agency);
    if (wrong) throw new Error(`Agency ${entry.name} ${wrong}`);
    router.add(agency.routes, agency.prune);
    if (agency.payables) payables[agency.name] = agency.payables;
    if (agency.forget) forgetters.push(agency.forget);
  }
  // Agencies given as they are serve from the start.
  sources.forEach((source, i) => {
    if ('load' in source) return;
    register(entries[i], source);
    loading.set(source.name, Promise.resolve());
  });

  /** Loads an agency once; a failed load (its subpackage could not be fetched) is tried again next time. */
  function load(entry: AgencyEntry): Promise<void> {
    const started = loading.get(entry.name);
    if (started) return started;
    const done = entry.load(createAgencyKit(merchant, entry.name)).then((agency) => register(entry, agency));
    loading.set(entry.name, done);
    done.catch(() => loading.delete(entry.name));
    return done;
  }

  async function handle(req: ApiRequest): Promise<ApiResponse> {
    const path = typeof req.path === 'string' ? req.path.split('?')[0] : '';
    try {
      await Promise.all(entries.filter((entry) => needs(entry, String(req.method), path)).map(load));
    } catch {
      return errorResponse(new HttpError(503, 'UNAVAILABLE', 'This service could not be loaded; try again'));
    }
    return router.handle(req);
  }

  return {
    handle,
    endpoints: () => router.endpoints(),
    loadAgencies: async () => {
      await Promise.all(entries.map(load));
    },
    inspect: () => state,
    setAside: () => vault.setAside(),
    amend: (change) => {
      change(state);
      // A test may change any entry without marking it: look at all of them.
      vault.commit(state, vault.parts, true);
    },
  };
}
