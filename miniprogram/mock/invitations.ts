// Invitations: one person asks another to join a case (a marriage registration, a newborn's mother
// confirming, the other driver of an accident). The code is random (crypto), short enough to read out
// (8 characters of Crockford's base 32, about 10^12 codes), belongs to one case only, expires, and is
// used once. The government keeps only a keyed digest of it, so its stored state never holds a code
// that works. Wrong codes are counted per person in the limits (kept even when the request is refused),
// so codes cannot be walked one by one.
import { HttpError } from './http';
import { dict, own, type GovernmentState, type TryCounter } from './store';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITATION_CODE_LENGTH = 8;
/** Wrong codes a person may try in a day, then 429. */
export const INVITATION_TRIES_PER_DAY = 10;
const DAY_MS = 24 * 3600 * 1000;

export interface InvitationRecord {
  /** The case it admits to, and the person who sent it. */
  caseId: string;
  from: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
  /** Withdrawn by the sender, or the case ended. */
  revoked: boolean;
}

/** Inside the agency's state: invitations by the keyed digest of their code. */
export interface InvitationBook { byDigest: Record<string, InvitationRecord> }

export const emptyInvitations = (): InvitationBook => ({ byDigest: dict() });

/** Minimal context the helpers need: the secure random source, the keyed digest, the time, the state. */
interface InviteContext {
  now: number;
  state: GovernmentState;
  random: { hex(count: number): string };
  hash(text: string): string;
}

/** Upper case, no spaces or dashes, and the letters people misread (O, I, L) read as the digits they look like. */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const digestOf = (ctx: InviteContext, agency: string, code: string): string => ctx.hash(`invitation|${agency}|${code}`);

/** A new code for a case, valid for `ttlMs`; any earlier unused invitation of that case stops working. */
export function invite(ctx: InviteContext, book: InvitationBook, agency: string, caseId: string, from: string, ttlMs: number): { code: string; expiresAt: number } {
  Object.values(book.byDigest).forEach((record) => {
    if (record.caseId === caseId && record.usedBy === null) record.revoked = true;
  });
  const bytes = ctx.random.hex(INVITATION_CODE_LENGTH * 2);
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i += 1) code += ALPHABET[parseInt(bytes.slice(i * 2, i * 2 + 2), 16) % ALPHABET.length];
  const expiresAt = ctx.now + ttlMs;
  book.byDigest[digestOf(ctx, agency, code)] = { caseId, from, createdAt: ctx.now, expiresAt, usedBy: null, usedAt: null, revoked: false };
  return { code, expiresAt };
}

/** The counter of a person's wrong codes (in the limits, so a refusal keeps it). */
function triesOf(state: GovernmentState): Record<string, TryCounter> {
  if (!state.limits.invite) state.limits.invite = dict();
  return state.limits.invite;
}

/**
 * The invitation a code opens for `personId`, or the reason it does not: an unknown code (counted), one
 * expired, used by someone else, withdrawn, or the sender's own. The same person opening it again after
 * using it gets it back (a retry after a lost answer).
 */
export function openInvitation(ctx: InviteContext, book: InvitationBook, agency: string, rawCode: string, personId: string): InvitationRecord {
  const tries = triesOf(ctx.state);
  const mine = own(tries, personId);
  const windowOpen = mine !== undefined && ctx.now - mine.since < DAY_MS;
  if (windowOpen && mine.count >= INVITATION_TRIES_PER_DAY) {
    const wait = Math.ceil((mine.since + DAY_MS - ctx.now) / 1000);
    throw new HttpError(429, 'RATE_LIMITED', 'Too many invitation codes that did not match today', undefined, wait);
  }
  const code = normaliseCode(rawCode);
  const record = code.length === INVITATION_CODE_LENGTH ? own(book.byDigest, digestOf(ctx, agency, code)) : undefined;
  if (!record) {
    tries[personId] = windowOpen ? { count: mine.count + 1, since: mine.since } : { count: 1, since: ctx.now };
    throw new HttpError(404, 'INVITATION_NOT_FOUND', 'No invitation has this code');
  }
  if (record.from === personId) throw new HttpError(409, 'INVITATION_OWN', 'This is your own invitation; send it to the other person');
  if (record.usedBy === personId) return record;
  if (record.usedBy !== null) throw new HttpError(409, 'INVITATION_USED', 'This invitation has already been accepted by someone else');
  if (record.revoked) throw new HttpError(410, 'INVITATION_REVOKED', 'This invitation was withdrawn');
  if (ctx.now >= record.expiresAt) throw new HttpError(410, 'INVITATION_EXPIRED', 'This invitation has expired; ask for a new one');
  return record;
}

/** Marks the invitation used by this person (call it in the write that accepts it). */
export function useInvitation(record: InvitationRecord, personId: string, now: number): void {
  if (record.usedBy !== null) return;
  record.usedBy = personId;
  record.usedAt = now;
}

/** Every invitation of a case stops working (the case was withdrawn or ended). */
export function revokeInvitations(book: InvitationBook, caseId: string): void {
  Object.values(book.byDigest).forEach((record) => {
    if (record.caseId === caseId) record.revoked = true;
  });
}

/** Drops invitations that can no longer open anything, `keepMs` after they expired. */
export function pruneInvitations(book: InvitationBook, now: number, keepMs: number): void {
  Object.keys(book.byDigest).forEach((digest) => {
    const record = book.byDigest[digest];
    if (record.usedBy === null && record.expiresAt + keepMs <= now) delete book.byDigest[digest];
  });
}
