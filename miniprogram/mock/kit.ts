// The kit every agency gets when the government registers it (mock/agency.ts says what is in it).
import type { AgencyKit } from './agency';
import * as appointments from './appointments';
import { createCalendar } from './calendar';
import { BodyReader, HttpError, conflict, invalid, notFound, readPaging } from './http';
import { itemRefunds, type Merchant } from './payments';
import { emptyInvitations, invite, normaliseCode, openInvitation, pruneInvitations, revokeInvitations, useInvitation } from './invitations';
import { createRandom, hashKey } from './random';
import { created, ok } from './router';
import { CAST } from './seed';
import { addRecord, agencyState, dict, nextReference, own, peekAgency } from './store';
import { checkTries, countTry } from './tries';

/** The kit for the agency `agency` of a government whose WeChat Pay merchant side is `merchant`. */
export function createAgencyKit(merchant: Merchant, agency: string): AgencyKit {
  const refund = itemRefunds(merchant);
  return {
    store: { dict, own, agencyState, peekAgency, addRecord, nextReference },
    http: { BodyReader, HttpError, notFound, conflict, invalid, readPaging },
    reply: { ok, created },
    random: { seeded: createRandom, hashKey },
    cast: CAST,
    appointments: {
      emptyBook: appointments.emptyBook,
      bookPlace: appointments.bookPlace,
      recordPast: appointments.recordPast,
      statusOf: appointments.statusOf,
      isLive: appointments.isLive,
      takenIn: appointments.takenIn,
      blockOf: appointments.blockOf,
      windowProblem: appointments.windowProblem,
      bookingOf: appointments.bookingOf,
      bookingsOf: appointments.bookingsOf,
      cancellable: appointments.cancellable,
      cancelPlace: appointments.cancelPlace,
      cancelUntilOf: appointments.cancelUntilOf,
      feeState: appointments.feeState,
      markPaid: appointments.markPaid,
      pruneBook: appointments.pruneBook,
    },
    invitations: { empty: emptyInvitations, invite, open: openInvitation, use: useInvitation, revoke: revokeInvitations, prune: pruneInvitations, normalise: normaliseCode },
    calendar: createCalendar(),
    limits: { check: checkTries, count: countTry },
    // Bound to this agency: it refunds its own items only.
    payments: { refundItem: (ctx, itemId) => refund(ctx, agency, itemId) },
  };
}
