// The civil-affairs endpoints as an attacker meets them: no token, an unverified session, another
// couple's case, made-up and malformed ids and bodies, guessing codes, a code of another case, replays,
// double taps and a restart in the middle. Each answer is a 4xx with its code, and nothing changes.
import type { CivilCase, StartCaseResponse } from '../../miniprogram/contracts/civil';
import { createGovernment } from '../../miniprogram/mock/index';
import { createClock, createTestGovernment, expectNoIdNumbers, memoryStorage, verifiedToken, type TestGovernment } from '../helpers/government';
import { OFFICE, accept, call, caseOf, couple, firstOpen, request, startMarriage } from '../packages/civil/helpers';

const HOUR = 3600 * 1000;

describe('civil-affairs endpoints under attack', () => {
  let gov: TestGovernment;
  beforeEach(() => {
    gov = createTestGovernment(createClock());
  });

  it('answers 401 without a token or with a forged one, and 403 to a session not yet verified', async () => {
    const paths: [string, string][] = [['GET', '/civil/cases'], ['POST', '/civil/cases'], ['GET', '/civil/offices'], ['POST', '/civil/invitations/open'], ['POST', '/civil/cases/cs-x/withdraw']];
    for (const [method, path] of paths) {
      const none = await gov.government.handle({ method: method === 'GET' ? 'GET' : 'POST', path, body: '{}' });
      expect([path, none.status]).toEqual([path, 401]);
      const forged = await gov.government.handle({ method: method === 'GET' ? 'GET' : 'POST', path, headers: { authorization: 'Bearer tk_0000000000000000' }, body: '{}' });
      expect([path, forged.status]).toEqual([path, 401]);
    }
    const session = await gov.government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
    const token = (session.body as { token: string }).token;
    const unverified = await request(gov, token, 'POST', '/civil/cases', { kind: 'marriage', declaration: true });
    expect([unverified.status, unverified.body.error?.code]).toEqual([403, 'NOT_VERIFIED']);
  });

  it('reads another couple\'s case as missing on every endpoint, and changes nothing', async () => {
    const { civilCase, started } = await couple(gov, 'r04', 'r05', true);
    const stranger = await verifiedToken(gov.government, 'r09');
    const before = gov.snapshot();
    const id = civilCase.id;
    const tries: [('GET' | 'POST'), string, object?][] = [
      ['GET', `/civil/cases/${id}`],
      ['GET', `/civil/cases/${id}/offices/${OFFICE}/days`],
      ['POST', `/civil/cases/${id}/appointments`, { officeId: OFFICE, date: '2026-11-30', window: 'am1' }],
      ['POST', `/civil/cases/${id}/appointments/${civilCase.upcoming?.id}/cancel`],
      ['POST', `/civil/cases/${id}/withdraw`],
      ['POST', `/civil/cases/${id}/invitation`],
    ];
    for (const [method, path, body] of tries) expect([path, (await request(gov, stranger, method, path, body)).status]).toEqual([path, 404]);
    // A used code admits nobody else.
    const used = await request(gov, stranger, 'POST', `/civil/cases/${id}/accept`, { code: started.invitation.code, declaration: true });
    expect([used.status, used.body.error?.code]).toEqual([409, 'INVITATION_USED']);
    expect(gov.snapshot()).toBe(before);
  });

  it('refuses made-up and oddly spelt ids, and malformed bodies, with a 4xx and a code', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const started = await startMarriage(gov, a);
    const odd = ['__proto__', 'constructor', 'cs-%00', 'x'.repeat(300), '../cs-1'];
    for (const id of odd) {
      const res = await request(gov, a, 'GET', `/civil/cases/${encodeURIComponent(id)}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await request(gov, a, 'GET', `/civil/cases/${started.case.id}/offices/__proto__/days`)).status).toBe(404);
    const bad = async (body: unknown) => {
      const res = await gov.government.handle({ method: 'POST', path: '/civil/cases', headers: { authorization: `Bearer ${a}`, 'idempotency-key': `k-${Math.random()}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      return [res.status, (res.body as { error: { code: string } }).error.code];
    };
    expect(await bad('{"kind":')).toEqual([400, 'BAD_REQUEST']);
    expect(await bad([1, 2])).toEqual([400, 'BAD_REQUEST']);
    expect(await bad({ kind: 'divorce', certificateNumber: 7, agreement: ['a'], agreementAcknowledged: 'yes' })).toEqual([422, 'VALIDATION']);
    expect((await bad(JSON.stringify({ kind: 'divorce', agreement: 'x'.repeat(70000) })))[0]).toBe(413);
    expect((await request(gov, a, 'GET', '/civil/eligibility?kind=__proto__')).body.error?.fields).toEqual({ kind: 'UNKNOWN_KIND' });
  });

  it('counts wrong codes per person: 10 a day, then 429 even for a right code, across a restart', async () => {
    const stored = new Map<string, string>();
    const clock = createClock();
    const make = () => createGovernment({ clock, seed: 7, secret: 's', storage: memoryStorage(stored), config: { exposeSmsCode: true, allowSimulatedFace: true } });
    let government = make();
    const first = await verifiedToken(government, 'r04');
    const guesser = await verifiedToken(government, 'r05');
    const started = await call<StartCaseResponse>({ government }, first, 'POST', '/civil/cases', { kind: 'marriage', declaration: true });
    const tryCode = async (code: string) => {
      const res = await government.handle({ method: 'POST', path: '/civil/invitations/open', headers: { authorization: `Bearer ${guesser}` }, body: JSON.stringify({ code }) });
      return [res.status, (res.body as { error?: { code: string } }).error?.code];
    };
    for (let i = 0; i < 6; i += 1) expect(await tryCode(`AAAA000${i}`)).toEqual([404, 'INVITATION_NOT_FOUND']);
    government = make();
    for (let i = 6; i < 10; i += 1) expect(await tryCode(`AAAA000${i}`)).toEqual([404, 'INVITATION_NOT_FOUND']);
    expect(await tryCode(started.invitation.code)).toEqual([429, 'RATE_LIMITED']);
    clock.advance(25 * HOUR);
    const again = await verifiedToken(government, 'r05');
    const res = await government.handle({ method: 'POST', path: '/civil/invitations/open', headers: { authorization: `Bearer ${again}` }, body: JSON.stringify({ code: started.invitation.code.toLowerCase().replace(/(....)/, '$1 ') }) });
    expect(res.status).toBe(200);
  });

  it('keeps a code to its own case, and refuses it after 72 hours or after a newer code', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const b = await verifiedToken(gov.government, 'r05');
    const mine = await startMarriage(gov, a);
    const other = await startMarriage(gov, await verifiedToken(gov.government, 'r09'));
    const wrongCase = await request(gov, b, 'POST', '/civil/invitations/open', { code: other.invitation.code, caseId: mine.case.id });
    expect([wrongCase.status, wrongCase.body.error?.code]).toEqual([409, 'INVITATION_OTHER_CASE']);
    const wrongAccept = await request(gov, b, 'POST', `/civil/cases/${mine.case.id}/accept`, { code: other.invitation.code, declaration: true });
    expect([wrongAccept.status, wrongAccept.body.error?.code]).toEqual([409, 'INVITATION_OTHER_CASE']);
    expect((await request(gov, a, 'POST', '/civil/invitations/open', { code: mine.invitation.code })).body.error?.code).toBe('INVITATION_OWN');
    gov.clock.advance(72 * HOUR);
    const expired = await request(gov, b, 'POST', `/civil/cases/${mine.case.id}/accept`, { code: mine.invitation.code, declaration: true });
    expect([expired.status, expired.body.error?.code]).toEqual([410, 'INVITATION_EXPIRED']);
    expect((await caseOf(gov, a, mine.case.id)).invitation).toEqual({ expiresAt: mine.invitation.expiresAt, expired: true });
    const fresh = await call<{ code: string; expiresAt: number }>(gov, a, 'POST', `/civil/cases/${mine.case.id}/invitation`);
    expect((await request(gov, b, 'POST', '/civil/invitations/open', { code: mine.invitation.code })).body.error?.code).toBe('INVITATION_REVOKED');
    // Only the first person makes codes.
    const accepted = await accept(gov, b, { ...mine, invitation: { ...mine.invitation, code: fresh.code } });
    expect(accepted.status).toBe('accepted');
    expect((await request(gov, b, 'POST', `/civil/cases/${mine.case.id}/invitation`)).body.error?.code).toBe('NOT_FIRST_PARTY');
    expect((await request(gov, a, 'POST', `/civil/cases/${mine.case.id}/invitation`)).body.error?.code).toBe('ALREADY_JOINED');
  });

  it('a double tap on accept or book: the same key replays the first answer, a new key is ALREADY_ACCEPTED / ALREADY_BOOKED', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const b = await verifiedToken(gov.government, 'r05');
    const started = await startMarriage(gov, a);
    const body = { code: started.invitation.code, declaration: true };
    const first = await request<CivilCase>(gov, b, 'POST', `/civil/cases/${started.case.id}/accept`, body, 'tap-1');
    const replay = await request<CivilCase>(gov, b, 'POST', `/civil/cases/${started.case.id}/accept`, body, 'tap-1');
    expect([first.status, replay.status, replay.body.id]).toEqual([200, 200, started.case.id]);
    const second = await request(gov, b, 'POST', `/civil/cases/${started.case.id}/accept`, body, 'tap-2');
    expect([second.status, second.body.error?.code]).toEqual([409, 'ALREADY_ACCEPTED']);
    const day = await firstOpen(gov, a, started.case.id);
    const booking = { officeId: OFFICE, ...day };
    const one = await request<CivilCase>(gov, a, 'POST', `/civil/cases/${started.case.id}/appointments`, booking, 'book-1');
    const again = await request<CivilCase>(gov, a, 'POST', `/civil/cases/${started.case.id}/appointments`, booking, 'book-1');
    expect([one.status, again.status, again.body.upcoming?.reference]).toEqual([201, 201, one.body.upcoming?.reference]);
    // The other person books at the same moment: refused, one appointment only.
    const theirs = await request(gov, b, 'POST', `/civil/cases/${started.case.id}/appointments`, booking, 'book-2');
    expect([theirs.status, theirs.body.error?.code]).toEqual([409, 'ALREADY_BOOKED']);
    expect((await caseOf(gov, a, started.case.id)).appointments).toHaveLength(1);
  });

  it('a couple cannot dodge the one-booking rule with a second case, nor a block by being the second person', async () => {
    const { a, civilCase } = await couple(gov, 'r04', 'r05', true);
    expect(civilCase.status).toBe('booked');
    // r04 cannot start another marriage case while one is open, nor join one.
    expect((await request(gov, a, 'POST', '/civil/cases', { kind: 'marriage', declaration: true })).body.error?.code).toBe('CASE_OPEN');
    const other = await startMarriage(gov, await verifiedToken(gov.government, 'r09'));
    expect((await request(gov, a, 'POST', `/civil/cases/${other.case.id}/accept`, { code: other.invitation.code, declaration: true })).body.error?.code).toBe('CASE_OPEN');
    // r06 (blocked) joining r09's case is refused until the block ends.
    const zhao = await verifiedToken(gov.government, 'r06');
    const blocked = await request(gov, zhao, 'POST', `/civil/cases/${other.case.id}/accept`, { code: other.invitation.code, declaration: true });
    expect([blocked.status, blocked.body.error?.code]).toEqual([403, 'NO_SHOW_BLOCKED']);
  });

  it('keeps cases, codes and appointments across a restart in the middle, and never stores a working code', async () => {
    const stored = new Map<string, string>();
    const clock = createClock();
    const make = () => createGovernment({ clock, seed: 7, secret: 's', storage: memoryStorage(stored), config: { exposeSmsCode: true, allowSimulatedFace: true } });
    let government = make();
    const a = await verifiedToken(government, 'r04');
    const b = await verifiedToken(government, 'r05');
    const started = (await request<StartCaseResponse>({ government }, a, 'POST', '/civil/cases', { kind: 'marriage', declaration: true }, 'start-1')).body;
    const everything = [...stored.values()].join('\n');
    expect(everything).not.toContain(started.invitation.code);
    expectNoIdNumbers(everything);
    // A replay of the start (a retry after a lost answer) gives the case, not the code.
    const replayed = await request<StartCaseResponse>({ government }, a, 'POST', '/civil/cases', { kind: 'marriage', declaration: true }, 'start-1');
    expect([replayed.status, replayed.body.case.id, replayed.body.invitation.code]).toEqual([201, started.case.id, '']);
    government = make();
    const accepted = await accept({ government }, b, started);
    expect(accepted.status).toBe('accepted');
    government = make();
    expect((await caseOf({ government }, a, started.case.id)).parties.map((p) => p.name)).toEqual(['张伟', '刘洋']);
  });
});
