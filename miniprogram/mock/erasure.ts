// Withdrawing consent and deleting one's data (PIPL arts. 15 and 47): every agency forgets what it
// holds about the person. What a law makes the government keep stays, is no longer shown or used, and
// is listed in the answer with until when.
import type { DeleteMyDataResponse, KeptData } from '../contracts/identity';
import { ok, type Route, type VerifiedContext } from './router';
import { dropAnswers, own, type GovernmentState } from './store';

/** What one agency deleted (counts by kind) and kept. */
export interface Erasure { deleted: Record<string, number>; kept: KeptData[] }
/** An agency's part in deleting a person's data. */
export type Forget = (state: GovernmentState, personId: string, now: number, hash: (text: string) => string) => Erasure;

const DAY_MS = 24 * 3600 * 1000;

/** The shell's part: sessions everywhere, saved answers, records, and the person unless the register holds them. */
export const forgetShell: Forget = (state, personId, now, hash) => {
  const deleted: Record<string, number> = { sessions: 0, savedAnswers: 0, records: 0, person: 0 };
  const kept: KeptData[] = [];
  const sessionDigests = new Set<string>();
  Object.keys(state.sessions).forEach((token) => {
    if (state.sessions[token].personId !== personId) return;
    sessionDigests.add(hash(`session|${token}`));
    delete state.sessions[token];
    deleted.sessions += 1;
  });
  deleted.savedAnswers += dropAnswers(state, (saved, bucket) => saved.owner === personId || sessionDigests.has(bucket));
  deleted.records = (own(state.records, personId) ?? []).length;
  delete state.records[personId];
  const person = own(state.people, personId);
  // A resident of the population register is the register's, not this service's; one this service
  // created at verification is deleted with the rest.
  if (person?.castKey) kept.push({ kind: 'resident-register', count: 1, until: null });
  else if (person) {
    delete state.people[personId];
    deleted.person = 1;
  }
  // Counters against guessing last a day; deleting them would let a guesser reset them.
  const bind = own(state.limits.bind, personId);
  if (bind && bind.since + DAY_MS > now) kept.push({ kind: 'security-limits', count: bind.count, until: bind.since + DAY_MS });
  return { deleted, kept };
};

/** DELETE /identity/me, asking each agency to forget the caller (`forgetters` is read at each request: agencies load later). */
export function erasureRoutes(forgetters: () => readonly Forget[]): Route[] {
  function deleteMyData(ctx: VerifiedContext) {
    const answer: DeleteMyDataResponse = { deleted: {}, kept: [] };
    const personId = ctx.person.id;
    // Agencies first: the shell's part ends the sessions they might still read.
    [...forgetters(), forgetShell].forEach((forget) => {
      const part = forget(ctx.state, personId, ctx.now, ctx.hash);
      Object.entries(part.deleted).forEach(([kind, count]) => {
        answer.deleted[kind] = (answer.deleted[kind] ?? 0) + count;
      });
      answer.kept.push(...part.kept.filter((entry) => entry.count > 0));
    });
    return ok(answer);
  }
  return [
    { method: 'DELETE', path: '/identity/me', auth: 'verified', summary: 'Withdraw consent and delete my data (what the law keeps is listed, with until when)', handle: deleteMyData },
  ];
}
