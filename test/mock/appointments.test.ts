// The government's shared helpers for appointment services, on their own: the engine (rules as data,
// so a kind of appointment other than a clinic gets its own window, deadline and no-show rule) and
// invitations (one case, once, expiring, digests only, wrong codes limited).
import { DAY_MS } from '../../miniprogram/core/dates';
import * as engine from '../../miniprogram/mock/appointments';
import { HttpError } from '../../miniprogram/mock/http';
import * as invitations from '../../miniprogram/mock/invitations';
import { createSecureRandom, defaultRandomBytes, keyedHash } from '../../miniprogram/mock/random';
import { emptyState } from '../../miniprogram/mock/store';

const NOW = Date.parse('2026-11-22T10:00:00+08:00');
const at = (cst: string): number => Date.parse(`${cst}+08:00`);

const clinic: engine.AppointmentRules = {
  minDays: 1,
  maxDays: 14,
  cancelDaysBefore: 0,
  noShow: { limit: 3, windowDays: 90, blockDays: 30 },
  holdMs: 30 * 60 * 1000,
  maxPending: 3,
  maxUpcoming: 10,
  maxLapsesPerDay: 3,
  outcome: () => 'attended',
};
/** An office appointment (a marriage registration): nothing to pay, a month ahead, cancel by the day before, no no-show rule. */
const office: engine.AppointmentRules = { ...clinic, maxDays: 30, cancelDaysBefore: 1, noShow: null, holdMs: null, maxPending: 1, maxUpcoming: 1, maxLapsesPerDay: null };

let n = 0;
function request(over: Partial<engine.BookingRequest> = {}): engine.BookingRequest {
  n += 1;
  return {
    id: `b${n}`,
    reference: `R${n}`,
    holder: 'alice',
    subject: 'p:alice',
    slot: 's1',
    capacity: 2,
    startsAt: at('2026-11-25T09:00:00'),
    endsAt: at('2026-11-25T09:30:00'),
    uniqueKey: null,
    data: {},
    ...over,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof HttpError ? err.code : 'not an HttpError';
  }
  return undefined;
}

describe('appointment engine', () => {
  it('counts the window in CST calendar days: tomorrow 00:00 opens, day 15 does not', () => {
    expect(engine.windowProblem(clinic, at('2026-11-22T16:00:00'), NOW)).toBe('DATE_TOO_SOON');
    expect(engine.windowProblem(clinic, at('2026-11-23T00:00:00'), NOW)).toBeNull();
    expect(engine.windowProblem(clinic, at('2026-12-06T23:30:00'), NOW)).toBeNull();
    expect(engine.windowProblem(clinic, at('2026-12-07T00:00:00'), NOW)).toBe('DATE_TOO_FAR');
    expect(engine.windowProblem(clinic, at('2026-11-22T09:00:00'), NOW)).toBe('DATE_PAST');
    expect(engine.windowProblem(office, at('2026-12-20T09:00:00'), NOW)).toBeNull();
  });

  it('never books past capacity, counting places taken elsewhere, and frees a place on cancel', () => {
    const book = engine.emptyBook();
    const first = engine.bookPlace(book, clinic, request({ holder: 'a', subject: 'p:a', takenElsewhere: 1 }), NOW);
    expect(codeOf(() => engine.bookPlace(book, clinic, request({ holder: 'b', subject: 'p:b', takenElsewhere: 1 }), NOW))).toBe('SLOT_FULL');
    engine.cancelPlace(first, clinic, NOW);
    expect(engine.takenIn(book, clinic, 's1', NOW)).toBe(0);
    expect(engine.bookPlace(book, clinic, request({ holder: 'b', subject: 'p:b', takenElsewhere: 1 }), NOW).state).toBe('held');
  });

  it('keeps one live booking per key, a holder\'s limits, and books at once when there is nothing to pay', () => {
    const book = engine.emptyBook();
    engine.bookPlace(book, office, request({ uniqueKey: 'case-1', capacity: 10 }), NOW);
    expect(codeOf(() => engine.bookPlace(book, office, request({ uniqueKey: 'case-1', capacity: 10, slot: 's2' }), NOW))).toBe('ALREADY_BOOKED');
    expect(codeOf(() => engine.bookPlace(book, office, request({ subject: 'p:other', capacity: 10, slot: 's2' }), NOW))).toBe('UPCOMING_LIMIT');
    expect(engine.bookingsOf(book, 'alice').map((r) => engine.statusOf(r, office, NOW))).toEqual(['booked']);
  });

  it('lets a hold lapse after its time, gives the place back, and still takes its fee while the place is free', () => {
    const book = engine.emptyBook();
    const held = engine.bookPlace(book, clinic, request({ capacity: 1 }), NOW);
    const later = NOW + 31 * 60 * 1000;
    expect(engine.statusOf(held, clinic, later)).toBe('lapsed');
    expect(engine.feeState(book, clinic, held, 1, 0, later)).toBe('payable');
    engine.markPaid(engine.bookPlace(book, clinic, request({ holder: 'bob', subject: 'p:bob', capacity: 1 }), later), later);
    expect(engine.feeState(book, clinic, held, 1, 0, later)).toBe('not-payable');
    engine.pruneBook(book, clinic, later + 31 * DAY_MS, 30 * DAY_MS);
    expect(engine.bookingOf(book, 'alice', held.id)).toBeUndefined();
    expect(engine.bookingsOf(book, 'bob')).toHaveLength(1);
  });

  it('ends free cancellation at 00:00 CST of the visit day less the rule\'s days', () => {
    const book = engine.emptyBook();
    const visit = engine.bookPlace(book, clinic, request(), NOW);
    engine.markPaid(visit, NOW);
    expect(engine.cancelUntilOf(visit, clinic)).toBe(at('2026-11-25T00:00:00'));
    expect(engine.cancelUntilOf(visit, office)).toBe(at('2026-11-24T00:00:00'));
    expect(engine.cancellable(visit, clinic, at('2026-11-24T23:59:59'))).toBe('ok');
    expect(codeOf(() => engine.cancelPlace(visit, clinic, at('2026-11-25T00:00:00')))).toBe('CANCEL_TOO_LATE');
    engine.cancelPlace(visit, clinic, NOW);
    expect(codeOf(() => engine.cancelPlace(visit, clinic, NOW))).toBe('NOT_CANCELLABLE');
  });

  it('blocks after 3 no-shows within 90 days, for 30 days from the last, and not for 3 spread wider', () => {
    const missed = { ...clinic, outcome: (): 'no-show' => 'no-show' };
    const past = (book: engine.AppointmentBook, day: string) => {
      const startsAt = at(`${day}T09:00:00`);
      engine.recordPast(book, { ...request({ startsAt, endsAt: startsAt + 1800000 }), state: 'booked', createdAt: startsAt, holdUntil: null, paidAt: startsAt, cancelledAt: null });
    };
    const book = engine.emptyBook();
    ['2026-09-01', '2026-10-01', '2026-11-10'].forEach((day) => past(book, day));
    expect(engine.blockOf(book, missed, 'p:alice', NOW)).toEqual({ until: at('2026-12-10T00:00:00'), noShows: [at('2026-09-01T09:00:00'), at('2026-10-01T09:00:00'), at('2026-11-10T09:00:00')] });
    expect(engine.blockOf(book, missed, 'p:alice', at('2026-12-10T00:00:00'))).toBeNull();
    expect(codeOf(() => engine.bookPlace(book, missed, request(), NOW))).toBe('NO_SHOW_BLOCKED');
    expect(engine.blockOf(book, missed, 'p:someone-else', NOW)).toBeNull();
    const spread = engine.emptyBook();
    ['2026-05-01', '2026-09-01', '2026-11-10'].forEach((day) => past(spread, day));
    expect(engine.blockOf(spread, missed, 'p:alice', NOW)).toBeNull();
    expect(engine.blockOf(book, office, 'p:alice', NOW)).toBeNull();
  });
});

describe('appointment engine: a booking for two people (a couple)', () => {
  const civil: engine.AppointmentRules = { ...office, noShow: { limit: 2, windowDays: 30, blockDays: 15 }, maxUpcoming: 3, maxPending: 3 };
  const couple = (over: Partial<engine.BookingRequest> = {}) => request({ subject: 'case:c1', others: ['p:alice', 'p:bob'], uniqueKey: 'c1', capacity: 5, ...over });

  it('is refused when either person is blocked, and its no-show counts for both', () => {
    const book = engine.emptyBook();
    const missed = { ...civil, outcome: (): 'no-show' => 'no-show' };
    ['2026-11-05', '2026-11-15'].forEach((day, i) => {
      const startsAt = at(`${day}T09:00:00`);
      engine.recordPast(book, { ...couple({ subject: `case:old${i}`, others: ['p:bob', 'p:carol'], uniqueKey: `old${i}`, startsAt, endsAt: startsAt + 1800000 }), state: 'booked', createdAt: startsAt, holdUntil: null, paidAt: null, cancelledAt: null });
    });
    expect(engine.blockOf(book, missed, 'p:bob', NOW)?.until).toBe(at('2026-11-30T00:00:00'));
    expect(engine.blockOf(book, missed, 'p:carol', NOW)).not.toBeNull();
    expect(engine.blockOf(book, missed, 'p:alice', NOW)).toBeNull();
    expect(codeOf(() => engine.bookPlace(book, missed, couple(), NOW))).toBe('NO_SHOW_BLOCKED');
    expect(engine.bookPlace(book, missed, couple({ others: ['p:alice', 'p:dave'] }), NOW).state).toBe('booked');
  });

  it('keeps one live booking per case for each person, and forgets all of it when pruned', () => {
    const book = engine.emptyBook();
    const first = engine.bookPlace(book, civil, couple(), NOW);
    expect(codeOf(() => engine.bookPlace(book, civil, couple({ holder: 'bob', subject: 'case:c2', others: ['p:bob'] }), NOW))).toBe('ALREADY_BOOKED');
    engine.cancelPlace(first, civil, NOW);
    engine.pruneBook(book, civil, NOW + 31 * DAY_MS, 30 * DAY_MS);
    expect(book.bySubject).toEqual({});
    expect(book.records).toEqual({});
  });
});

describe('invitations', () => {
  const secret = 'test-secret';
  function context(now = NOW) {
    const state = emptyState(now);
    return { now, state, random: createSecureRandom(defaultRandomBytes()), hash: (text: string) => keyedHash(secret, text) };
  }

  it('makes an 8-character code that opens its case for another person, once, and keeps only its digest', () => {
    const ctx = context();
    const book = invitations.emptyInvitations();
    const { code, expiresAt } = invitations.invite(ctx, book, 'civil', 'case-1', 'alice', DAY_MS);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(expiresAt).toBe(NOW + DAY_MS);
    expect(JSON.stringify(book)).not.toContain(code);
    expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', code, 'alice'))).toBe('INVITATION_OWN');
    const spaced = `${code.slice(0, 4)} - ${code.slice(4).toLowerCase()}`;
    const opened = invitations.openInvitation(ctx, book, 'civil', spaced, 'bob');
    expect(opened.caseId).toBe('case-1');
    invitations.useInvitation(opened, 'bob', NOW);
    expect(invitations.openInvitation(ctx, book, 'civil', code, 'bob').usedBy).toBe('bob');
    expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', code, 'carol'))).toBe('INVITATION_USED');
    // The same code means nothing to another agency.
    expect(codeOf(() => invitations.openInvitation(ctx, book, 'police', code, 'carol'))).toBe('INVITATION_NOT_FOUND');
  });

  it('expires, is withdrawn by a new code for the same case, and by revoking the case', () => {
    const ctx = context();
    const book = invitations.emptyInvitations();
    const first = invitations.invite(ctx, book, 'civil', 'case-1', 'alice', DAY_MS).code;
    const second = invitations.invite(ctx, book, 'civil', 'case-1', 'alice', DAY_MS).code;
    expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', first, 'bob'))).toBe('INVITATION_REVOKED');
    expect(codeOf(() => invitations.openInvitation({ ...ctx, now: NOW + DAY_MS }, book, 'civil', second, 'bob'))).toBe('INVITATION_EXPIRED');
    invitations.revokeInvitations(book, 'case-1');
    expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', second, 'bob'))).toBe('INVITATION_REVOKED');
    invitations.pruneInvitations(book, NOW + 2 * DAY_MS, DAY_MS);
    expect(Object.keys(book.byDigest)).toHaveLength(0);
  });

  it('answers 10 wrong codes a day, then 429 even for the right one, and counts per person', () => {
    const ctx = context();
    const book = invitations.emptyInvitations();
    const { code } = invitations.invite(ctx, book, 'civil', 'case-1', 'alice', 7 * DAY_MS);
    for (let i = 0; i < 10; i += 1) expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', `WRONG${String(i).padStart(3, '0')}`, 'mallory'))).toBe('INVITATION_NOT_FOUND');
    expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', code, 'mallory'))).toBe('RATE_LIMITED');
    expect(invitations.openInvitation(ctx, book, 'civil', code, 'bob').caseId).toBe('case-1');
    expect(invitations.openInvitation({ ...ctx, now: NOW + DAY_MS }, book, 'civil', code, 'mallory').caseId).toBe('case-1');
  });
});
