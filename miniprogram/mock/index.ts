// The mocked government: createGovernment({ clock, seed, storage }).handle(req) -> { status, body }.
import type { ApiRequest, ApiResponse } from '../contracts/http';
import type { Clock } from '../core/dates';
import { finesRoutes, noticePayables } from './fines';
import { identityRoutes, seedPeople } from './identity';
import { paymentRoutes } from './payments';
import { createRandom, keyedHash } from './random';
import { recordsRoutes } from './records';
import { createRouter, type Endpoint, type GovernmentConfig, type Route } from './router';
import { emptyState, isState, type GovernmentState } from './store';

export interface GovernmentStorage {
  load(): string | undefined;
  save(snapshot: string): void;
}

export interface GovernmentOptions {
  clock: Clock;
  seed?: number;
  storage?: GovernmentStorage;
  config?: Partial<GovernmentConfig>;
  /**
   * Keys the digests of personal data. Keep it outside `storage` (the embedded app keeps it in
   * encrypted storage); by default it is derived from the seed, which suits tests only.
   */
  secret?: string;
}

export interface Government {
  handle(req: ApiRequest): Promise<ApiResponse>;
  /** Every endpoint with its auth level, for docs and the auth test. */
  endpoints(): Endpoint[];
  /** For tests: read the recorded state. */
  inspect(): GovernmentState;
}

/** Every agency's routes; new agencies add theirs here. */
export const ALL_ROUTES: Route[] = [...identityRoutes, ...recordsRoutes, ...finesRoutes, ...paymentRoutes({ police: noticePayables })];

function initialState(storage: GovernmentStorage | undefined, hash: (text: string) => string): GovernmentState {
  const snapshot = storage?.load();
  if (snapshot) {
    try {
      const parsed: unknown = JSON.parse(snapshot);
      if (isState(parsed)) return parsed;
    } catch {
      // A damaged snapshot starts a fresh government rather than a broken one.
    }
  }
  const state = emptyState();
  seedPeople(state, hash);
  return state;
}

export function createGovernment(options: GovernmentOptions): Government {
  const seed = options.seed ?? 20261122;
  const secret = options.secret ?? `seed-${seed}`;
  const hash = (text: string): string => keyedHash(secret, text);
  const state = initialState(options.storage, hash);
  const random = createRandom(seed);
  const config: GovernmentConfig = { exposeSmsCode: false, allowSimulatedFace: false, ...options.config };
  const router = createRouter(ALL_ROUTES, {
    state: () => state,
    random,
    config,
    now: () => options.clock.now(),
    persist: () => options.storage?.save(JSON.stringify(state)),
    hash,
  });
  return {
    handle: (req) => Promise.resolve(router.handle(req)),
    endpoints: () => router.endpoints(),
    inspect: () => state,
  };
}
