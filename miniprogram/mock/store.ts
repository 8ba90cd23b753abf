// The government's state: people, sessions, limits (SMS codes and tries), idempotent answers,
// records, and one slot per agency. Each top-level part is persisted under its own storage key;
// never holds a full resident ID. Every dictionary keyed by caller input is prototype-less, so
// `__proto__`, `constructor` or `toString` are ordinary keys that match nothing.
import type { IdentityLevel, Sex } from '../contracts/identity';
import type { RecordItem } from '../contracts/records';
import { formatCstDate, type CivilDate } from '../core/dates';
import type { Marital } from './seed';

export interface PersonRecord {
  id: string;
  idHash: string;
  idMasked: string;
  name: string;
  mobile: string;
  sex: Sex;
  birth: CivilDate;
  marital: Marital;
  castKey?: string;
}

export interface SessionRecord {
  token: string;
  personId: string | null;
  level: IdentityLevel;
  createdAt: number;
  expiresAt: number;
  /** Codes this session had sent within a day (a cap, so one session cannot fill the limits with numbers). */
  smsSent?: TryCounter;
}

export interface SmsRecord { code: string; sentAt: number; expiresAt: number; attempts: number }

/** `owner`: the person whose request it answered, so their answers go when they delete their data. */
/** `owner`: the person it answered; `session`: a keyed digest of the session token, so answers given before verification go too. */
export interface IdempotentAnswer { fingerprint: string; status: number; body: unknown; at: number; owner?: string; session?: string }

/** Failed tries within a window, per person or per number. */
export interface TryCounter { count: number; since: number }

/**
 * What protects identity: kept and persisted even when the request that moved it is refused
 * (a wrong code, a failed bind), so a relaunch or a refusal never resets a lock.
 */
export interface LimitsState {
  /** Normalised mobile number -> the code sent to it and its wrong tries. */
  sms: Record<string, SmsRecord>;
  /** Person id -> failed vehicle bind attempts. */
  bind: Record<string, TryCounter>;
  /** Person id -> invitation codes tried that opened nothing (mock/invitations.ts). */
  invite?: Record<string, TryCounter>;
  /** Person id -> utility accounts tried that did not exist or whose proof did not match (mock/tries.ts). */
  accountBind?: Record<string, TryCounter>;
  /** Utility account (company|number) -> wrong proofs for it, whoever typed them (mock/tries.ts). */
  accountProof?: Record<string, TryCounter>;
}

export interface GovernmentMeta {
  /** When this government first ran: seeded dates count back from its CST day. */
  firstRunAt: number;
}

export interface GovernmentState {
  /** 3: limits persisted apart, a first-run day (2 kept SMS codes with the rest). */
  version: 3;
  meta: GovernmentMeta;
  people: Record<string, PersonRecord>;
  sessions: Record<string, SessionRecord>;
  limits: LimitsState;
  /**
   * Saved answers by session (a digest of its token; ANONYMOUS_ANSWERS for requests without one), then by
   * slot: stored one key a session (`idempotency.<bucket>`), so a request's write does not grow with
   * everybody's answers.
   */
  idempotency: Record<string, Record<string, IdempotentAnswer>>;
  records: Record<string, RecordItem[]>;
  counters: Record<string, number>;
  /** Each agency keeps its own state here under its name. */
  agencies: Record<string, unknown>;
}

/** The bucket of saved answers of requests without a session. */
export const ANONYMOUS_ANSWERS = 'anonymous';

/** A bucket of saved answers to change: made when missing, and marked so the change is stored. */
export function answersToChange(state: GovernmentState, bucket: string): Record<string, IdempotentAnswer> {
  let answers = own(state.idempotency, bucket);
  if (!answers) {
    answers = dict();
    state.idempotency[bucket] = answers;
  }
  touch(state, `idempotency.${bucket}`);
  return answers;
}

/** Drops the slots `drop` picks from every bucket (a bucket left empty goes); resolves how many went. */
export function dropAnswers(state: GovernmentState, drop: (answer: IdempotentAnswer, bucket: string) => boolean): number {
  let dropped = 0;
  Object.keys(state.idempotency).forEach((bucket) => {
    const answers = state.idempotency[bucket];
    const gone = Object.keys(answers).filter((slot) => drop(answers[slot], bucket));
    if (gone.length === 0) return;
    touch(state, `idempotency.${bucket}`);
    gone.forEach((slot) => delete answers[slot]);
    dropped += gone.length;
    if (Object.keys(answers).length === 0) delete state.idempotency[bucket];
  });
  return dropped;
}

/** A dictionary without a prototype: no key a caller sends can reach Object.prototype. */
export function dict<T>(): Record<string, T> {
  return Object.create(null);
}

/** JSON.parse for stored state and request bodies: every object comes back prototype-less. */
export function parseStored(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.assign(dict<unknown>(), value) : value));
}

/** An own entry of a dictionary, never one inherited from a prototype. */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * The entries of sharded parts (`records.<personId>`, `agencies.<name>`) a request may have changed since
 * the last write, kept beside the state (never stored), so a write looks at those and not at everybody's.
 * Everything that changes such an entry goes through addRecord or agencyState, which mark it.
 */
const touchedEntries = new WeakMap<GovernmentState, Set<string>>();

export function touch(state: GovernmentState, key: string): void {
  const set = touchedEntries.get(state) ?? new Set<string>();
  set.add(key);
  touchedEntries.set(state, set);
}

/** The marked entries, forgotten as they are handed over. */
export function takeTouched(state: GovernmentState): Set<string> {
  const set = touchedEntries.get(state) ?? new Set<string>();
  touchedEntries.delete(state);
  return set;
}

export function emptyState(now: number): GovernmentState {
  return {
    version: 3,
    meta: { firstRunAt: now },
    people: dict(),
    sessions: dict(),
    limits: { sms: dict(), bind: dict() },
    idempotency: dict(),
    records: dict(),
    counters: dict(),
    agencies: dict(),
  };
}

/** `PAY20261122000001`-style references: a prefix, the CST date of `now` and a number unique per prefix. */
export function nextReference(state: GovernmentState, prefix: string, now: number): string {
  const n = (own(state.counters, prefix) ?? 0) + 1;
  state.counters[prefix] = n;
  return `${prefix}${formatCstDate(now).replace(/-/g, '')}${String(n).padStart(6, '0')}`;
}

export function addRecord(state: GovernmentState, personId: string, record: RecordItem): void {
  const list = own(state.records, personId) ?? [];
  touch(state, `records.${personId}`);
  list.unshift(record);
  state.records[personId] = list;
}

/** The agency's own state, created on first use. */
export function agencyState<T>(state: GovernmentState, name: string, create: () => T): T {
  if (own(state.agencies, name) === undefined) state.agencies[name] = create();
  touch(state, `agencies.${name}`);
  return state.agencies[name] as T;
}

/** The agency's state to read without changing it (not marked), or undefined before its first use. */
export function peekAgency<T>(state: GovernmentState, name: string): T | undefined {
  return own(state.agencies, name) as T | undefined;
}
