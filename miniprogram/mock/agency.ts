// What an agency of the mocked government is, and what the government hands it when it registers.
// Each agency lives in its domain's subpackage (packages/<domain>/agency/), which cannot import the
// government's own modules (another package): it imports types from here and main-package core, and
// gets everything shared through the kit. The government loads it on first use (mock/agencies.ts).
import type { RecordItem } from '../contracts/records';
import type { Forget } from './erasure';
import type { Calendar } from './calendar';
import type { BodyReader, HttpError, Paging } from './http';
import type { ItemRefund, PayableSource } from './payments';
import type { Random } from './random';
import type { Answer, PayerContext, Route } from './router';
import type { blockOf, bookPlace, bookingOf, bookingsOf, cancelPlace, cancelUntilOf, cancellable, emptyBook, feeState, isLive, markPaid, pruneBook, recordPast, statusOf, takenIn, windowProblem } from './appointments';
import type { emptyInvitations, invite, normaliseCode, openInvitation, pruneInvitations, revokeInvitations, useInvitation } from './invitations';
import type { CastMember } from './seed';
import type { GovernmentState } from './store';
import type { checkTries, countTry } from './tries';

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

/** What an agency takes part in besides its own routes, known before it is loaded. */
export type AgencyRole = 'payments' | 'erasure';

/**
 * An agency as the government registers it: enough to know when it is needed (a request under one of
 * its paths, a payment, a deletion) and how to load it. `roles` must match what the loaded agency
 * offers (`payables` for 'payments', `forget` for 'erasure'); the government checks.
 */
export interface AgencyEntry {
  name: string;
  /** Path prefixes of all its routes, e.g. '/fines/'. */
  paths: readonly string[];
  roles: readonly AgencyRole[];
  /** Loads its module (require.async of its subpackage) and makes the agency with the kit. */
  load(kit: AgencyKit): Promise<Agency>;
}

/** The shape of an agency's module: `export function createAgency(kit)`. */
export interface AgencyModule {
  createAgency(kit: AgencyKit): Agency;
}

/**
 * What the government shares with every agency. The clock is not in it: a handler's context carries
 * `now` (moved by testers from Me > Settings), and a handler needs no other time.
 */
export interface AgencyKit {
  /** The government's state and its helpers: every change to an agency's entry goes through `agencyState`. */
  store: {
    /** A dictionary without a prototype, for tables keyed by what callers send. */
    dict<T>(): Record<string, T>;
    /** An own entry of a table, never an inherited one. */
    own<T>(table: Record<string, T>, key: string): T | undefined;
    /** The agency's own state, created on first use and marked changed. */
    agencyState<T>(state: GovernmentState, name: string, create: () => T): T;
    /** The agency's state to read without changing it, or undefined before its first use. */
    peekAgency<T>(state: GovernmentState, name: string): T | undefined;
    /** Adds an item to a person's records (Me > records). */
    addRecord(state: GovernmentState, personId: string, record: RecordItem): void;
    /** A reference such as `BK20261122000001`: the prefix, the CST date and a number unique per prefix. */
    nextReference(state: GovernmentState, prefix: string, now: number): string;
  };
  http: {
    /** Reads a request body field by field; `done()` throws 422 VALIDATION naming each field. */
    BodyReader: new (body: unknown) => BodyReader;
    HttpError: new (status: number, code: string, message: string, fields?: Record<string, string>, retryAfterSec?: number) => HttpError;
    notFound(what?: string): HttpError;
    conflict(code: string, message: string): HttpError;
    invalid(fields: Record<string, string>, message?: string): HttpError;
    /** `offset` and `limit` of a listing query, or 422 naming them. */
    readPaging(query: Record<string, string>, max: number, fields?: Record<string, string>, defaultLimit?: number): Paging;
  };
  reply: { ok(body: unknown): Answer; created(body: unknown): Answer };
  random: {
    /** A seeded generator for test data (never for tokens: the context's `random` is the secure one). */
    seeded(seed: number): Random;
    /** A stable short key for ids that are not secret (plates, notices). */
    hashKey(text: string): string;
  };
  /** The documented test residents and what they own (vehicles, utility accounts). */
  cast: readonly CastMember[];
  /** The appointment engine (mock/appointments.ts): places, the window, holds, cancelling, no-show blocks. */
  appointments: {
    emptyBook: typeof emptyBook;
    bookPlace: typeof bookPlace;
    recordPast: typeof recordPast;
    statusOf: typeof statusOf;
    isLive: typeof isLive;
    takenIn: typeof takenIn;
    blockOf: typeof blockOf;
    windowProblem: typeof windowProblem;
    bookingOf: typeof bookingOf;
    bookingsOf: typeof bookingsOf;
    cancellable: typeof cancellable;
    cancelPlace: typeof cancelPlace;
    cancelUntilOf: typeof cancelUntilOf;
    feeState: typeof feeState;
    markPaid: typeof markPaid;
    pruneBook: typeof pruneBook;
  };
  /** Invitations to join a case (mock/invitations.ts): a code per case, expiring, used once, tries limited. */
  invitations: {
    empty: typeof emptyInvitations;
    invite: typeof invite;
    open: typeof openInvitation;
    use: typeof useInvitation;
    revoke: typeof revokeInvitations;
    prune: typeof pruneInvitations;
    normalise: typeof normaliseCode;
  };
  /** The offices' working days (mock/calendar.ts): weekends and the seed's public holidays off, make-up days on. */
  calendar: Calendar;
  /** Failed tries per person per day (mock/tries.ts), kept in the limits a refusal keeps. */
  limits: { check: typeof checkTries; count: typeof countTry };
  payments: {
    /**
     * Refunds one of this agency's paid items that was later cancelled (a booking, an application), once: its own
     * reference, a record for the payer, and WeChat Pay's refund. The same refund again when asked
     * twice; null when the item was never paid by this person. Call it from a write (POST, DELETE)
     * handler only: a read keeps nothing it changed.
     */
    refundItem(ctx: PayerContext, itemId: string): ItemRefund | null;
  };
}
