// Failed tries per person per day, for anything that must not be walked one guess at a time (an
// invitation code, a utility account number with its proof). The counters live in `state.limits`, which
// a refused request keeps, so neither a refusal nor a restart resets them.
import { HttpError } from './http';
import { dict, own, type GovernmentState, type TryCounter } from './store';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The kinds of tries counted; each its own table in `state.limits`: per person (vehicle binds,
 * invitation codes, account binds) or per thing tried (an account's proof, whoever tries it).
 */
export type TryKind = 'bind' | 'invite' | 'accountBind' | 'accountProof';

function tableOf(state: GovernmentState, kind: TryKind): Record<string, TryCounter> {
  const existing = state.limits[kind];
  if (existing) return existing;
  const table = dict<TryCounter>();
  state.limits[kind] = table;
  return table;
}

/** Throws 429 RATE_LIMITED (with seconds to wait) when `key` (a person, or the thing tried) has failed `max` times within a day. */
export function checkTries(state: GovernmentState, kind: TryKind, key: string, now: number, max: number, message: string): void {
  // Read only: a check that finds nothing writes nothing (no empty table in the limits).
  const table = state.limits[kind];
  const mine = table ? own(table, key) : undefined;
  if (mine && now - mine.since < DAY_MS && mine.count >= max) {
    throw new HttpError(429, 'RATE_LIMITED', message, undefined, Math.ceil((mine.since + DAY_MS - now) / 1000));
  }
}

/** Counts one failed try of `key`; the day's window starts at the first. */
export function countTry(state: GovernmentState, kind: TryKind, key: string, now: number): void {
  const table = tableOf(state, kind);
  const mine = own(table, key);
  table[key] = mine && now - mine.since < DAY_MS ? { count: mine.count + 1, since: mine.since } : { count: 1, since: now };
}

/** Drops counters whose day is over. */
export function pruneTries(state: GovernmentState, now: number): void {
  (['bind', 'invite', 'accountBind', 'accountProof'] as const).forEach((kind) => {
    const table = state.limits[kind];
    if (!table) return;
    Object.keys(table).forEach((personId) => {
      if (table[personId].since + DAY_MS <= now) delete table[personId];
    });
  });
}
