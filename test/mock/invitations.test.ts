// mock/invitations.ts as an attacker would try it (a review of issue 9, kept): the spread of codes,
// guesses of any shape, reuse after withdrawal, two openers, the sender's own code, pruning.
import { DAY_MS } from '../../miniprogram/core/dates';
import { HttpError } from '../../miniprogram/mock/http';
import * as invitations from '../../miniprogram/mock/invitations';
import { createSecureRandom, defaultRandomBytes, keyedHash } from '../../miniprogram/mock/random';
import { emptyState } from '../../miniprogram/mock/store';

const NOW = Date.parse('2026-11-22T10:00:00+08:00');
function context(now = NOW) {
  return { now, state: emptyState(now), random: createSecureRandom(defaultRandomBytes()), hash: (text: string) => keyedHash('test-secret', text) };
}
const codeOf = (run: () => unknown): string => {
  try {
    run();
    return 'OPENED';
  } catch (err) {
    return err instanceof HttpError ? err.code : `THREW ${String(err)}`;
  }
};

describe('invitations under attack', () => {
  it('codes are spread over the whole alphabet (no modulo bias, no repeats in 1000)', () => {
    const ctx = context();
    const book = invitations.emptyInvitations();
    const seen = new Set<string>();
    const counts: Record<string, number> = {};
    for (let i = 0; i < 1000; i += 1) {
      const { code } = invitations.invite(ctx, book, 'civil', `case-${i}`, 'alice', DAY_MS);
      seen.add(code);
      [...code].forEach((c) => { counts[c] = (counts[c] ?? 0) + 1; });
    }
    expect(seen.size).toBe(1000);
    expect(Object.keys(counts)).toHaveLength(32);
    const values = Object.values(counts);
    expect(Math.min(...values)).toBeGreaterThan(180); // 8000 characters / 32 = 250 each
  });

  it('wrong codes are counted whatever their shape (short, long, unicode), so none is a free guess', () => {
    const ctx = context();
    const book = invitations.emptyInvitations();
    invitations.invite(ctx, book, 'civil', 'case-1', 'alice', DAY_MS);
    const shapes = ['', 'A', 'ＡＢＣＤ１２３４', 'x'.repeat(5000), '🙂🙂🙂🙂🙂🙂🙂🙂', 'ABCD-EFGH-', '0000 0000', 'OOOOIIII', 'llllllll', 'UUUUUUUU'];
    shapes.forEach((shape) => expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', shape, 'mallory'))).toBe('INVITATION_NOT_FOUND'));
    expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', 'ABCDEFGH', 'mallory'))).toBe('RATE_LIMITED');
  });

  it('a code used once does not open its case again after the case was withdrawn', () => {
    const ctx = context();
    const book = invitations.emptyInvitations();
    const { code } = invitations.invite(ctx, book, 'civil', 'case-1', 'alice', DAY_MS);
    invitations.useInvitation(invitations.openInvitation(ctx, book, 'civil', code, 'bob'), 'bob', NOW);
    invitations.revokeInvitations(book, 'case-1');
    // The retry-after-a-lost-answer shortcut (usedBy === person) comes before the revoked check.
    expect(codeOf(() => invitations.openInvitation({ ...ctx, now: NOW + 5 * DAY_MS }, book, 'civil', code, 'bob'))).toBe('INVITATION_REVOKED');
  });

  it('a second person opening a code before the first uses it cannot also be admitted silently', () => {
    const ctx = context();
    const book = invitations.emptyInvitations();
    const { code } = invitations.invite(ctx, book, 'civil', 'case-1', 'alice', DAY_MS);
    const forBob = invitations.openInvitation(ctx, book, 'civil', code, 'bob');
    const forCarol = invitations.openInvitation(ctx, book, 'civil', code, 'carol');
    invitations.useInvitation(forBob, 'bob', NOW);
    // useInvitation returns nothing and ignores Carol: an agency that awaited between open and use would admit both.
    expect(codeOf(() => invitations.useInvitation(forCarol, 'carol', NOW))).toBe('INVITATION_USED');
  });

  it('the sender cannot use their own code, and a refused try of the right code is not counted', () => {
    const ctx = context();
    const book = invitations.emptyInvitations();
    const { code } = invitations.invite(ctx, book, 'civil', 'case-1', 'alice', DAY_MS);
    for (let i = 0; i < 12; i += 1) expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', code, 'alice'))).toBe('INVITATION_OWN');
    expect(codeOf(() => invitations.openInvitation(ctx, book, 'civil', code, 'bob'))).toBe('OPENED');
  });

  it('used invitations are pruned some time after they expire (they are kept forever now)', () => {
    const ctx = context();
    const book = invitations.emptyInvitations();
    const { code } = invitations.invite(ctx, book, 'civil', 'case-1', 'alice', DAY_MS);
    invitations.useInvitation(invitations.openInvitation(ctx, book, 'civil', code, 'bob'), 'bob', NOW);
    invitations.pruneInvitations(book, NOW + 400 * DAY_MS, 30 * DAY_MS);
    expect(Object.keys(book.byDigest)).toHaveLength(0);
  });
});
