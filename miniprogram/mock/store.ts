// The government's state: people, sessions, SMS codes, idempotent answers, records, and
// one slot per agency. Persisted as one JSON snapshot; never holds a full resident ID.
import type { IdentityLevel, Sex } from '../contracts/identity';
import type { RecordItem } from '../contracts/records';
import type { CivilDate } from '../core/dates';
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
}

export interface SmsRecord { code: string; sentAt: number; expiresAt: number; attempts: number }

export interface IdempotentAnswer { fingerprint: string; status: number; body: unknown; at: number }

export interface GovernmentState {
  /** 2: personal data only as keyed digests (1 kept unkeyed ID digests and raw request bodies). */
  version: 2;
  people: Record<string, PersonRecord>;
  sessions: Record<string, SessionRecord>;
  sms: Record<string, SmsRecord>;
  idempotency: Record<string, IdempotentAnswer>;
  records: Record<string, RecordItem[]>;
  counters: Record<string, number>;
  /** Each agency keeps its own state here under its name. */
  agencies: Record<string, unknown>;
}

export function emptyState(): GovernmentState {
  return { version: 2, people: {}, sessions: {}, sms: {}, idempotency: {}, records: {}, counters: {}, agencies: {} };
}

export function isState(value: unknown): value is GovernmentState {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 2;
}

/** `GOV-20261122-000001`-style references, unique per prefix. */
export function nextReference(state: GovernmentState, prefix: string, dateKey: string): string {
  const n = (state.counters[prefix] ?? 0) + 1;
  state.counters[prefix] = n;
  return `${prefix}${dateKey}${String(n).padStart(6, '0')}`;
}

export function addRecord(state: GovernmentState, personId: string, record: RecordItem): void {
  const list = state.records[personId] ?? [];
  list.unshift(record);
  state.records[personId] = list;
}

/** The agency's own state, created on first use. */
export function agencyState<T>(state: GovernmentState, name: string, create: () => T): T {
  if (!(name in state.agencies)) state.agencies[name] = create();
  return state.agencies[name] as T;
}
