// The appointment engine every agency that books people in uses (hospital clinics, civil-affairs
// offices, exit-entry offices, accident desks): places with a capacity, the booking window in CST days,
// one booking per key (a patient's department-day, a couple's case), unpaid holds that lapse, free
// cancellation until a deadline, and the no-show rule that blocks booking for a while. What differs per
// kind of appointment is data (`AppointmentRules`); the engine keeps no state of its own: it works on
// an `AppointmentBook` kept inside the agency's state.
//
// One winner of a race: a booking checks the room left and takes it in one synchronous step inside a
// request, and the government serves one request at a time, so of two requests for the last place the
// second always sees it taken.
import { DAY_MS, cstDaysBetween, cstMidnight, cstParts, formatCstDate } from '../core/dates';
import { HttpError } from './http';
import { dict, own } from './store';

/** What differs between kinds of appointment. */
export interface AppointmentRules {
  /** Bookable from `minDays` to `maxDays` CST days ahead (1 and 14: tomorrow to two weeks out). */
  minDays: number;
  maxDays: number;
  /** Free cancellation until 00:00 CST of the visit day minus this many days (0: until the visit day starts). */
  cancelDaysBefore: number;
  /** `limit` no-shows within `windowDays` block new bookings for `blockDays` after the last of them; null: no rule. */
  noShow: { limit: number; windowDays: number; blockDays: number } | null;
  /** How long an unpaid booking holds its place; null when there is nothing to pay (booked at once). */
  holdMs: number | null;
  /** Unpaid holds and upcoming bookings one holder may have at once. */
  maxPending: number;
  maxUpcoming: number;
  /** Holds a holder may let lapse within a day before holding again is refused (a place kept by re-holding); null: no rule. */
  maxLapsesPerDay: number | null;
  /**
   * How a past visit ended when nobody recorded it: the seeded clock moving past a visit decides, from the
   * booking's id, so a tester sees both outcomes and the same booking always ends the same way.
   */
  outcome(id: string): 'attended' | 'no-show';
}

/** What is stored: `held` until paid, `booked`, or `cancelled`; how it ended once past, when recorded. */
export interface AppointmentRecord {
  id: string;
  reference: string;
  /** The person who booked (and sees it). */
  holder: string;
  /** Whom it is for: the key blocks and one-per rules apply to (a patient, a case). */
  subject: string;
  /**
   * Further subjects it concerns (both people of a couple): a block on any of them refuses it, and its
   * one-per key and its no-show count for each.
   */
  others?: string[];
  /** The place it takes (a slot, an office's day); `capacity` is counted per slot. */
  slot: string;
  startsAt: number;
  endsAt: number;
  /** At most one live booking per key (e.g. patient + department + day); null for none. */
  uniqueKey: string | null;
  state: 'held' | 'booked' | 'cancelled';
  createdAt: number;
  holdUntil: number | null;
  paidAt: number | null;
  cancelledAt: number | null;
  /** Recorded outcome of a past visit (seeded history); otherwise `rules.outcome` decides. */
  outcome?: 'attended' | 'no-show';
  /** The agency's own fields (doctor, department, patient name...). */
  data: Record<string, string | number>;
}

export interface AppointmentBook {
  records: Record<string, AppointmentRecord>;
  bySlot: Record<string, string[]>;
  byHolder: Record<string, string[]>;
  bySubject: Record<string, string[]>;
}

export type AppointmentStatus = 'pending-payment' | 'booked' | 'cancelled' | 'lapsed' | 'attended' | 'no-show';

export interface Block { until: number; noShows: number[] }

export interface BookingRequest {
  id: string;
  reference: string;
  holder: string;
  subject: string;
  slot: string;
  capacity: number;
  /** Places of this slot already taken outside the engine (by the hospital's own counters, the seed). */
  takenElsewhere?: number;
  startsAt: number;
  endsAt: number;
  uniqueKey: string | null;
  /** Further subjects it concerns (both people of a couple; see AppointmentRecord.others). */
  others?: string[];
  /** The request's field that names the subject (a patient): blocks and one-per refusals point at it. */
  subjectField?: string;
  data: Record<string, string | number>;
}

export function emptyBook(): AppointmentBook {
  return { records: dict(), bySlot: dict(), byHolder: dict(), bySubject: dict() };
}

/** Holds a place: booked or waiting for its fee. */
export const isLive = (status: AppointmentStatus): boolean => status === 'booked' || status === 'pending-payment';

/** The booking's status at `now`: a hold past its time has lapsed, a past visit was attended or missed. */
export function statusOf(record: AppointmentRecord, rules: AppointmentRules, now: number): AppointmentStatus {
  if (record.state === 'cancelled') return 'cancelled';
  if (record.state === 'held') return record.holdUntil !== null && now > record.holdUntil ? 'lapsed' : 'pending-payment';
  if (now >= record.endsAt) return record.outcome ?? rules.outcome(record.id);
  return 'booked';
}

const idsOf = (table: Record<string, string[]>, key: string): string[] => own(table, key) ?? [];

/** Places of a slot taken by live bookings at `now`. */
export function takenIn(book: AppointmentBook, rules: AppointmentRules, slot: string, now: number, except?: string): number {
  return idsOf(book.bySlot, slot).filter((id) => id !== except && isLive(statusOf(book.records[id], rules, now))).length;
}

/**
 * The live booking holding a one-per key at `now` for `holder`, if any: the holder's own, booked or held,
 * and anyone's booked (paid) one. Another holder's unpaid hold does not count, so nobody can lock a
 * patient out by holding places for them (a family member is named by an ID number anyone may type).
 */
function holderOfKey(book: AppointmentBook, rules: AppointmentRules, subject: string, key: string, holder: string, now: number, except?: string): AppointmentRecord | undefined {
  return idsOf(book.bySubject, subject)
    .map((id) => book.records[id])
    .find((record) => record.id !== except && record.uniqueKey === key && (record.holder === holder || record.state === 'booked') && isLive(statusOf(record, rules, now)));
}

/**
 * The block on a subject at `now`: the latest no-show that makes `limit` within `windowDays` starts
 * `blockDays` (counted from 00:00 CST of its day) without booking. Null when not blocked.
 */
export function blockOf(book: AppointmentBook, rules: AppointmentRules, subject: string, now: number): Block | null {
  const rule = rules.noShow;
  if (!rule) return null;
  const missed = idsOf(book.bySubject, subject)
    .map((id) => book.records[id])
    .filter((record) => statusOf(record, rules, now) === 'no-show')
    .map((record) => record.startsAt)
    .sort((a, b) => a - b);
  for (let last = missed.length - 1; last >= rule.limit - 1; last -= 1) {
    const within = missed.filter((at) => at <= missed[last] && cstDaysBetween(at, missed[last]) < rule.windowDays);
    if (within.length < rule.limit) continue;
    const until = cstMidnight(cstParts(missed[last])) + rule.blockDays * DAY_MS;
    return now < until ? { until, noShows: within.slice(-rule.limit) } : null;
  }
  return null;
}

/** Until when a booking may be cancelled free: 00:00 CST of its day, less the rule's days. */
export const cancelUntilOf = (record: AppointmentRecord, rules: AppointmentRules): number =>
  cstMidnight(cstParts(record.startsAt)) - rules.cancelDaysBefore * DAY_MS;

/** Why a visit day cannot be booked at `now`, or null: before the window (past or too soon) or after it. */
export function windowProblem(rules: AppointmentRules, startsAt: number, now: number): 'DATE_PAST' | 'DATE_TOO_SOON' | 'DATE_TOO_FAR' | null {
  const ahead = cstDaysBetween(now, startsAt);
  if (ahead < 0 || startsAt <= now) return 'DATE_PAST';
  if (ahead < rules.minDays) return 'DATE_TOO_SOON';
  if (ahead > rules.maxDays) return 'DATE_TOO_FAR';
  return null;
}

const WINDOW_WORDS: Record<'DATE_PAST' | 'DATE_TOO_SOON' | 'DATE_TOO_FAR', string> = {
  DATE_PAST: 'That date has passed',
  DATE_TOO_SOON: 'That date is too soon to book',
  DATE_TOO_FAR: 'That date is beyond the booking window',
};

function add(table: Record<string, string[]>, key: string, id: string): void {
  table[key] = [...idsOf(table, key), id];
}

/** Whether the holder may book at all at `now` (their limits), whatever the slot: throws the reason. */
function checkHolder(book: AppointmentBook, rules: AppointmentRules, holder: string, now: number): void {
  const records = idsOf(book.byHolder, holder).map((id) => book.records[id]);
  const mine = records.map((record) => statusOf(record, rules, now));
  if (mine.filter((status) => status === 'pending-payment').length >= rules.maxPending) {
    throw new HttpError(409, 'PENDING_LIMIT', `You have ${rules.maxPending} unpaid bookings; pay or cancel one first`);
  }
  if (mine.filter(isLive).length >= rules.maxUpcoming) {
    throw new HttpError(409, 'UPCOMING_LIMIT', `You have ${rules.maxUpcoming} upcoming bookings; that is the most at once`);
  }
  const lapsedToday = records.filter((record) => record.holdUntil !== null && now - record.holdUntil < DAY_MS && statusOf(record, rules, now) === 'lapsed').length;
  if (rules.maxLapsesPerDay !== null && lapsedToday >= rules.maxLapsesPerDay) {
    throw new HttpError(409, 'TOO_MANY_LAPSES', `${lapsedToday} bookings were left unpaid today; you can book again tomorrow`);
  }
}

/**
 * Books a place, or throws the reason it cannot (each its own code): the window, a block, one per key,
 * the holder's limits, and the room left, checked in that order and taken in the same step.
 */
export function bookPlace(book: AppointmentBook, rules: AppointmentRules, request: BookingRequest, now: number): AppointmentRecord {
  const problem = windowProblem(rules, request.startsAt, now);
  if (problem) throw new HttpError(422, problem, WINDOW_WORDS[problem]);
  const subjects = [request.subject, ...(request.others ?? [])];
  const about = (code: string): Record<string, string> | undefined => (request.subjectField ? { [request.subjectField]: code } : undefined);
  for (const subject of subjects) {
    const block = blockOf(book, rules, subject, now);
    if (block) throw new HttpError(403, 'NO_SHOW_BLOCKED', `Booking is blocked until ${formatCstDate(block.until)} after ${block.noShows.length} missed appointments`, about('NO_SHOW_BLOCKED'));
  }
  const key = request.uniqueKey;
  if (key !== null && subjects.some((subject) => holderOfKey(book, rules, subject, key, request.holder, now))) {
    throw new HttpError(409, 'ALREADY_BOOKED', 'There is already a booking for this on that day', about('ALREADY_BOOKED'));
  }
  checkHolder(book, rules, request.holder, now);
  if (takenIn(book, rules, request.slot, now) + (request.takenElsewhere ?? 0) >= request.capacity) {
    throw new HttpError(409, 'SLOT_FULL', 'That time was just taken');
  }
  const record: AppointmentRecord = {
    id: request.id,
    reference: request.reference,
    holder: request.holder,
    subject: request.subject,
    slot: request.slot,
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    uniqueKey: request.uniqueKey,
    ...(request.others?.length ? { others: [...request.others] } : {}),
    state: rules.holdMs === null ? 'booked' : 'held',
    createdAt: now,
    holdUntil: rules.holdMs === null ? null : now + rules.holdMs,
    paidAt: null,
    cancelledAt: null,
    data: request.data,
  };
  index(book, record);
  return record;
}

/** Files a record under its slot, its holder and every subject it concerns. */
function index(book: AppointmentBook, record: AppointmentRecord): void {
  book.records[record.id] = record;
  add(book.bySlot, record.slot, record.id);
  add(book.byHolder, record.holder, record.id);
  [record.subject, ...(record.others ?? [])].forEach((subject) => add(book.bySubject, subject, record.id));
}

/** Puts a past booking on the record (the seed's history), bypassing the window. */
export function recordPast(book: AppointmentBook, record: AppointmentRecord): void {
  index(book, record);
}

/** The holder's booking by id, or undefined (someone else's reads as missing). */
export function bookingOf(book: AppointmentBook, holder: string, id: string): AppointmentRecord | undefined {
  const record = own(book.records, id);
  return record && record.holder === holder ? record : undefined;
}

/** The holder's bookings, newest visit first. */
export function bookingsOf(book: AppointmentBook, holder: string): AppointmentRecord[] {
  return idsOf(book.byHolder, holder)
    .map((id) => book.records[id])
    .sort((a, b) => b.startsAt - a.startsAt || (a.id < b.id ? -1 : 1));
}

/** Whether a booking can be cancelled at `now`, and why not. */
export function cancellable(record: AppointmentRecord, rules: AppointmentRules, now: number): 'ok' | 'too-late' | 'not-upcoming' {
  if (!isLive(statusOf(record, rules, now))) return 'not-upcoming';
  return now < cancelUntilOf(record, rules) ? 'ok' : 'too-late';
}

/** Cancels a live booking before its deadline; the place is free at once. Throws the reason otherwise. */
export function cancelPlace(record: AppointmentRecord, rules: AppointmentRules, now: number): void {
  const can = cancellable(record, rules, now);
  if (can === 'not-upcoming') throw new HttpError(409, 'NOT_CANCELLABLE', 'Only an upcoming booking can be cancelled');
  if (can === 'too-late') throw new HttpError(409, 'CANCEL_TOO_LATE', 'Free cancellation ended at 00:00 on the day of the visit');
  record.state = 'cancelled';
  record.cancelledAt = now;
}

/**
 * Whether the fee of a booking can be paid at `now`: while it holds its place, or after its hold lapsed
 * if it could still be booked as it is (a payment made in time but confirmed late): the window and the
 * free-cancellation deadline still open, no block, the holder within their limits, the place and its
 * one-per key still free. 'paid' once paid.
 */
export function feeState(book: AppointmentBook, rules: AppointmentRules, record: AppointmentRecord, capacity: number, takenElsewhere: number, now: number): 'payable' | 'paid' | 'not-payable' {
  if (record.paidAt !== null) return 'paid';
  const status = statusOf(record, rules, now);
  // Two holders' holds for one patient and key may stand at once; only the first paid becomes a booking.
  const keyTaken = (): boolean => record.uniqueKey !== null && holderOfKey(book, rules, record.subject, record.uniqueKey, record.holder, now, record.id) !== undefined;
  if (status === 'pending-payment') return keyTaken() ? 'not-payable' : 'payable';
  if (status !== 'lapsed' || windowProblem(rules, record.startsAt, now) !== null || now >= cancelUntilOf(record, rules)) return 'not-payable';
  if (blockOf(book, rules, record.subject, now)) return 'not-payable';
  const upcoming = idsOf(book.byHolder, record.holder).filter((id) => id !== record.id && isLive(statusOf(book.records[id], rules, now))).length;
  if (upcoming >= rules.maxUpcoming) return 'not-payable';
  return !keyTaken() && takenIn(book, rules, record.slot, now, record.id) + takenElsewhere < capacity ? 'payable' : 'not-payable';
}

/** The fee was paid: the booking holds its place for good. */
export function markPaid(record: AppointmentRecord, paidAt: number): void {
  record.state = 'booked';
  record.paidAt = paidAt;
  record.holdUntil = null;
}

/** Drops what can no longer matter: lapsed and cancelled unpaid holds older than `keepMs`. */
export function pruneBook(book: AppointmentBook, rules: AppointmentRules, now: number, keepMs: number): void {
  Object.keys(book.records).forEach((id) => {
    const record = book.records[id];
    const status = statusOf(record, rules, now);
    const stale = (status === 'lapsed' || (status === 'cancelled' && record.paidAt === null)) && now - record.createdAt > keepMs;
    if (!stale) return;
    delete book.records[id];
    const filed: [Record<string, string[]>, string][] = [[book.bySlot, record.slot], [book.byHolder, record.holder], ...[record.subject, ...(record.others ?? [])].map((s): [Record<string, string[]>, string] => [book.bySubject, s])];
    filed.forEach(([table, key]) => {
      const rest = idsOf(table, key).filter((other) => other !== id);
      if (rest.length) table[key] = rest;
      else delete table[key];
    });
  });
}
