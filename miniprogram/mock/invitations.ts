// Invitations: one person asks another to join a case (a marriage registration, a newborn's mother
// confirming, the other driver of an accident). The code is random (crypto), short enough to read out
// (8 characters of Crockford's base 32, about 10^12 codes), belongs to one case only, expires, and is
// used once. The government keeps only a keyed digest of it, so its stored state never holds a code
// that works. Wrong codes are counted per person in the limits (kept even when the request is refused),
// so codes cannot be walked one by one.
import { HttpError } from './http';
import { dict, own, type GovernmentState } from './store';
import { checkTries, countTry } from './tries';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITATION_CODE_LENGTH = 8;
/** Wrong codes a person may try in a day, then 429. */
export const INVITATION_TRIES_PER_DAY = 10;

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

/** Inside the agency's state: invitations by the keyed digest of their code, and each case's digests. */
export interface InvitationBook { byDigest: Record<string, InvitationRecord>; byCase?: Record<string, string[]> }

export const emptyInvitations = (): InvitationBook => ({ byDigest: dict(), byCase: dict() });

/** The case's invitations (a book stored before `byCase` existed is indexed on first use). */
function digestsOf(book: InvitationBook, caseId: string): string[] {
  if (!book.byCase) {
    const byCase = dict<string[]>();
    Object.keys(book.byDigest).forEach((digest) => {
      const id = book.byDigest[digest].caseId;
      byCase[id] = [...(own(byCase, id) ?? []), digest];
    });
    book.byCase = byCase;
  }
  return own(book.byCase, caseId) ?? [];
}

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
  const earlier = digestsOf(book, caseId);
  earlier.forEach((digest) => {
    const record = own(book.byDigest, digest);
    if (record && record.usedBy === null) record.revoked = true;
  });
  const bytes = ctx.random.hex(INVITATION_CODE_LENGTH * 2);
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i += 1) code += ALPHABET[parseInt(bytes.slice(i * 2, i * 2 + 2), 16) % ALPHABET.length];
  const expiresAt = ctx.now + ttlMs;
  const digest = digestOf(ctx, agency, code);
  book.byDigest[digest] = { caseId, from, createdAt: ctx.now, expiresAt, usedBy: null, usedAt: null, revoked: false };
  if (book.byCase) book.byCase[caseId] = [...earlier, digest];
  return { code, expiresAt };
}

/**
 * The invitation a code opens for `personId`, or the reason it does not: an unknown code (counted), one
 * expired, used by someone else, withdrawn, or the sender's own. The same person opening it again after
 * using it gets it back (a retry after a lost answer).
 */
export function openInvitation(ctx: InviteContext, book: InvitationBook, agency: string, rawCode: string, personId: string): InvitationRecord {
  checkTries(ctx.state, 'invite', personId, ctx.now, INVITATION_TRIES_PER_DAY, 'Too many invitation codes that did not match today');
  const code = normaliseCode(rawCode);
  const record = code.length === INVITATION_CODE_LENGTH ? own(book.byDigest, digestOf(ctx, agency, code)) : undefined;
  if (!record) {
    countTry(ctx.state, 'invite', personId, ctx.now);
    throw new HttpError(404, 'INVITATION_NOT_FOUND', 'No invitation has this code');
  }
  if (record.from === personId) throw new HttpError(409, 'INVITATION_OWN', 'This is your own invitation; send it to the other person');
  // A withdrawn case is closed to everyone, its earlier user too.
  if (record.revoked) throw new HttpError(410, 'INVITATION_REVOKED', 'This invitation was withdrawn');
  if (record.usedBy === personId) return record;
  if (record.usedBy !== null) throw new HttpError(409, 'INVITATION_USED', 'This invitation has already been accepted by someone else');
  if (ctx.now >= record.expiresAt) throw new HttpError(410, 'INVITATION_EXPIRED', 'This invitation has expired; ask for a new one');
  return record;
}

/**
 * Marks the invitation used by this person (call it in the write that accepts it). Used by someone else
 * meanwhile (two opened it before either accepted): 409 INVITATION_USED, so only one is ever admitted.
 */
export function useInvitation(record: InvitationRecord, personId: string, now: number): void {
  if (record.usedBy === personId) return;
  if (record.usedBy !== null) throw new HttpError(409, 'INVITATION_USED', 'This invitation has already been accepted by someone else');
  record.usedBy = personId;
  record.usedAt = now;
}

/** Every invitation of a case stops working (the case was withdrawn or ended). */
export function revokeInvitations(book: InvitationBook, caseId: string): void {
  digestsOf(book, caseId).forEach((digest) => {
    const record = own(book.byDigest, digest);
    if (record) record.revoked = true;
  });
}

/**
 * Drops invitations `keepMs` after they expired: unused ones open nothing any more, and a used one's
 * user has long had their answer (the case itself keeps who joined it).
 */
export function pruneInvitations(book: InvitationBook, now: number, keepMs: number): void {
  Object.keys(book.byDigest).forEach((digest) => {
    const record = book.byDigest[digest];
    if (record.expiresAt + keepMs > now) return;
    delete book.byDigest[digest];
    const rest = digestsOf(book, record.caseId).filter((d) => d !== digest);
    if (!book.byCase) return;
    if (rest.length) book.byCase[record.caseId] = rest;
    else delete book.byCase[record.caseId];
  });
}
