// The kit every agency gets when the government registers it (mock/agency.ts says what is in it).
import type { AgencyKit } from './agency';
import { BodyReader, HttpError, conflict, invalid, notFound, readPaging } from './http';
import { itemRefunds, type Merchant } from './payments';
import { createRandom, hashKey } from './random';
import { created, ok } from './router';
import { CAST } from './seed';
import { addRecord, agencyState, dict, nextReference, own, peekAgency } from './store';

/** The kit for the agency `agency` of a government whose WeChat Pay merchant side is `merchant`. */
export function createAgencyKit(merchant: Merchant, agency: string): AgencyKit {
  const refund = itemRefunds(merchant);
  return {
    store: { dict, own, agencyState, peekAgency, addRecord, nextReference },
    http: { BodyReader, HttpError, notFound, conflict, invalid, readPaging },
    reply: { ok, created },
    random: { seeded: createRandom, hashKey },
    cast: CAST,
    // Bound to this agency: it refunds its own items only.
    payments: { refundItem: (ctx, itemId) => refund(ctx, agency, itemId) },
  };
}
