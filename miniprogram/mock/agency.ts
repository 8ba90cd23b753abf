// What an agency of the mocked government is: its name, its routes, and what it takes part in. The
// government is assembled from a list of these (mock/index.ts); a new service adds one entry there.
import type { Forget } from './erasure';
import type { PayableSource } from './payments';
import type { Route } from './router';
import type { GovernmentState } from './store';

export interface Agency {
  /** Its name: the key of its state and of its items in orders (`{ agency, itemId }`). */
  name: string;
  routes: Route[];
  /** Items people can pay with the shared payments flow (fines, bills, fees). */
  payables?: PayableSource;
  /** Its part in deleting a person's data: what it deletes and what a law makes it keep. */
  forget?: Forget;
  /** Drops what nobody can use any more (run at most hourly, with the other agencies'). */
  prune?: (state: GovernmentState, now: number) => void;
}
