// The civil-affairs endpoints from an attacker's side (a review's tests, kept), driven through
// gov.government.handle. Every refusal is a 4xx with a specific code and changes nothing (only `limits`
// may change, on a counted wrong code); never a 500.
import type { CasesResponse, CivilCase, EligibilityResponse, StartCaseResponse } from '../../miniprogram/contracts/civil';
import type { ApiRequest, ApiResponse } from '../../miniprogram/contracts/http';
import { DAY_MS, cstMidnight, cstParts, formatCstDate } from '../../miniprogram/core/dates';
import { idCheckChar } from '../../miniprogram/core/validation';
import { createGovernment, type Government } from '../../miniprogram/mock/index';
import { CAST } from '../../miniprogram/mock/seed';
import { TEST_NOW, createClock, createTestGovernment, expectNoIdNumbers, memoryStorage, verifiedToken, type TestGovernment } from '../helpers/government';
import { AGREEMENT, CERTIFICATES, OFFICE, accept, bookFirst, call, caseOf, couple, daysOf, firstOpen, request, startDivorce, startMarriage, type Gov } from '../packages/civil/helpers';

const HOUR = 3600 * 1000;
type Err = { error?: { code: string; fields?: Record<string, string> } };

/** Everything stored but the limits (which a counted wrong code may change). */
const stateWithoutLimits = (gov: TestGovernment): string => [...gov.stored.entries()].filter(([k]) => !k.endsWith('.limits')).map(([k, v]) => `${k}=${v}`).join('\n');

const codeOf = (res: { status: number; body: unknown }): [number, string | undefined] => [res.status, (res.body as Err).error?.code];

/** A request with any body text (malformed JSON included) and an Idempotency-Key. */
async function raw(gov: Gov, token: string | null, method: ApiRequest['method'], path: string, body?: unknown, key = `raw-${Math.random()}`): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'idempotency-key': key };
  if (token) headers.authorization = `Bearer ${token}`;
  return gov.government.handle({ method, path, headers, body: body as string });
}

/** A verified person who is not one of the test residents (a valid ID number of our making). */
async function newcomer(government: Government, first17: string, name: string, mobile: string): Promise<string> {
  const idNumber = `${first17}${idCheckChar(first17)}`;
  const started = await government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: 'c' }) });
  const token = (started.body as { token: string }).token;
  const headers = { authorization: `Bearer ${token}` };
  const sms = await government.handle({ method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile }) });
  const code = (sms.body as { devCode: string }).devCode;
  const verified = await government.handle({ method: 'POST', path: '/identity/verify', headers, body: JSON.stringify({ name, idNumber, mobile, smsCode: code }) });
  if (verified.status !== 200) throw new Error(`newcomer: ${JSON.stringify(verified.body)}`);
  return token;
}

/** Records every answer the government gives, with the caller's token. */
function recordAnswers(gov: TestGovernment): { token: string; path: string; text: string }[] {
  const log: { token: string; path: string; text: string }[] = [];
  const handle = gov.government.handle.bind(gov.government);
  jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => {
    const res = await handle(req);
    log.push({ token: /^Bearer (\S+)$/.exec(req.headers?.authorization ?? '')?.[1] ?? '', path: req.path, text: JSON.stringify(res.body) });
    return res;
  });
  return log;
}

const dayAhead = (n: number): string => formatCstDate(cstMidnight(cstParts(TEST_NOW)) + n * DAY_MS + 12 * HOUR);
const weekdayOfDate = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay();
/** The first date `n` or more days ahead of TEST_NOW that is (or is not) a weekend. */
function aheadWhere(n: number, weekend: boolean): string {
  for (let d = n; d < n + 8; d += 1) if ([0, 6].includes(weekdayOfDate(dayAhead(d))) === weekend) return dayAhead(d);
  throw new Error('none');
}

afterEach(() => jest.restoreAllMocks());

describe('review: civil-affairs under attack', () => {
  let gov: TestGovernment;
  beforeEach(() => {
    gov = createTestGovernment(createClock());
  });

  it('every /civil endpoint answers 401 without a token, with a forged one and with a malformed header, and stores nothing', async () => {
    const { civilCase, started } = await couple(gov, 'r04', 'r05', true);
    const id = civilCase.id;
    const appt = civilCase.upcoming?.id ?? 'x';
    const endpoints: [ApiRequest['method'], string, object?][] = [
      ['GET', '/civil/offices'], ['GET', '/civil/eligibility'], ['GET', '/civil/cases'], ['POST', '/civil/cases', { kind: 'marriage', declaration: true }],
      ['GET', `/civil/cases/${id}`], ['POST', `/civil/cases/${id}/invitation`], ['POST', '/civil/invitations/open', { code: started.invitation.code }],
      ['POST', `/civil/cases/${id}/accept`, { code: started.invitation.code, declaration: true }], ['POST', `/civil/cases/${id}/decline`, { code: started.invitation.code }],
      ['GET', `/civil/cases/${id}/offices/${OFFICE}/days`], ['POST', `/civil/cases/${id}/appointments`, { officeId: OFFICE, date: dayAhead(2), window: 'am1' }],
      ['POST', `/civil/cases/${id}/appointments/${appt}/cancel`], ['POST', `/civil/cases/${id}/withdraw`],
    ];
    const before = gov.snapshot();
    for (const [method, path, body] of endpoints) {
      for (const authorization of [undefined, 'Bearer tk_00000000000000000000000000000000', 'Basic abc', 'Bearer', `Bearer ${'x'.repeat(5000)}`]) {
        const headers: Record<string, string> = { 'idempotency-key': 'k' };
        if (authorization) headers.authorization = authorization;
        const res = await gov.government.handle({ method, path, headers, body: body && JSON.stringify(body) });
        expect([method, path, authorization?.slice(0, 20), res.status]).toEqual([method, path, authorization?.slice(0, 20), 401]);
      }
    }
    expect(gov.snapshot()).toBe(before);
  });

  it('a stranger gets 404 for another couple\'s case on every endpoint (with their own valid code too), and nothing changes', async () => {
    const { civilCase } = await couple(gov, 'r04', 'r05', true);
    const strangerToken = await verifiedToken(gov.government, 'r09');
    const own = await startMarriage(gov, strangerToken);
    const helper = await verifiedToken(gov.government, 'r01');
    const id = civilCase.id;
    const appt = civilCase.upcoming?.id ?? 'x';
    const before = gov.snapshot();
    const tries: [('GET' | 'POST'), string, object | undefined, number, string][] = [
      ['GET', `/civil/cases/${id}`, undefined, 404, 'NOT_FOUND'],
      ['GET', `/civil/cases/${id}/offices/${OFFICE}/days`, undefined, 404, 'NOT_FOUND'],
      ['POST', `/civil/cases/${id}/appointments`, { officeId: OFFICE, date: aheadWhere(2, false), window: 'am1' }, 404, 'NOT_FOUND'],
      ['POST', `/civil/cases/${id}/appointments/${appt}/cancel`, undefined, 404, 'NOT_FOUND'],
      ['POST', `/civil/cases/${id}/withdraw`, undefined, 404, 'NOT_FOUND'],
      ['POST', `/civil/cases/${id}/invitation`, undefined, 404, 'NOT_FOUND'],
    ];
    for (const [method, path, body, status, code] of tries) expect([path, ...codeOf(await request(gov, strangerToken, method, path, body))]).toEqual([path, status, code]);
    // The stranger's own case's code, sent to the other couple's case id, by a helper of the stranger.
    const cross = await request(gov, helper, 'POST', `/civil/cases/${id}/accept`, { code: own.invitation.code, declaration: true });
    expect(codeOf(cross)).toEqual([409, 'INVITATION_OTHER_CASE']);
    const crossDecline = await request(gov, helper, 'POST', `/civil/cases/${id}/decline`, { code: own.invitation.code });
    expect(codeOf(crossDecline)).toEqual([409, 'INVITATION_OTHER_CASE']);
    // The couple's own appointment id under the stranger's own case id.
    const mixed = await request(gov, strangerToken, 'POST', `/civil/cases/${own.case.id}/appointments/${appt}/cancel`);
    expect(codeOf(mixed)).toEqual([404, 'NOT_FOUND']);
    expect(gov.snapshot()).toBe(before);
    // Still booked for the couple.
    expect((await caseOf(gov, (await verifiedToken(gov.government, 'r04')), id)).status).toBe('booked');
  });

  it('a third person with someone\'s code: before acceptance they are the one admitted (the code is the secret); after it, INVITATION_USED on open, accept and decline, nothing changes', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const b = await verifiedToken(gov.government, 'r05');
    const third = await verifiedToken(gov.government, 'r01');
    const started = await startMarriage(gov, a);
    await accept(gov, b, started);
    const before = stateWithoutLimits(gov);
    const code = started.invitation.code;
    expect(codeOf(await request(gov, third, 'POST', '/civil/invitations/open', { code }))).toEqual([409, 'INVITATION_USED']);
    expect(codeOf(await request(gov, third, 'POST', `/civil/cases/${started.case.id}/accept`, { code, declaration: true }))).toEqual([409, 'INVITATION_USED']);
    expect(codeOf(await request(gov, third, 'POST', `/civil/cases/${started.case.id}/decline`, { code }))).toEqual([409, 'INVITATION_USED']);
    // The first person may not decline their own case with their own code either.
    expect(codeOf(await request(gov, a, 'POST', `/civil/cases/${started.case.id}/decline`, { code }))).toEqual([409, 'INVITATION_OWN']);
    // The second person, who accepted, cannot decline (withdraw instead).
    expect(codeOf(await request(gov, b, 'POST', `/civil/cases/${started.case.id}/decline`, { code }))).toEqual([409, 'ALREADY_ACCEPTED']);
    expect(stateWithoutLimits(gov)).toBe(before);
  });

  it('the same Idempotency-Key with another body or path is refused 409 IDEMPOTENCY_KEY_REUSED on every write, and changes nothing', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const b = await verifiedToken(gov.government, 'r05');
    const first = await request<StartCaseResponse>(gov, a, 'POST', '/civil/cases', { kind: 'marriage', declaration: true }, 'K-start');
    expect(first.status).toBe(201);
    let before = gov.snapshot();
    expect(codeOf(await request(gov, a, 'POST', '/civil/cases', { kind: 'divorce', certificateNumber: CERTIFICATES.r02r03, agreement: AGREEMENT, agreementAcknowledged: true }, 'K-start'))).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect(codeOf(await request(gov, a, 'POST', `/civil/cases/${first.body.case.id}/withdraw`, undefined, 'K-start'))).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect(gov.snapshot()).toBe(before);
    const accepted = await request<CivilCase>(gov, b, 'POST', `/civil/cases/${first.body.case.id}/accept`, { code: first.body.invitation.code, declaration: true }, 'K-accept');
    expect(accepted.status).toBe(200);
    const day = await firstOpen(gov, a, first.body.case.id);
    const booked = await request<CivilCase>(gov, a, 'POST', `/civil/cases/${first.body.case.id}/appointments`, { officeId: OFFICE, ...day }, 'K-book');
    expect(booked.status).toBe(201);
    before = gov.snapshot();
    expect(codeOf(await request(gov, a, 'POST', `/civil/cases/${first.body.case.id}/appointments`, { officeId: 'gz-haizhu', date: day.date, window: day.window }, 'K-book'))).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect(codeOf(await request(gov, b, 'POST', `/civil/cases/${first.body.case.id}/accept`, { code: first.body.invitation.code, declaration: true, agreementAcknowledged: true }, 'K-accept'))).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect(gov.snapshot()).toBe(before);
    // Another person reusing someone's key gets no replay of their answer (a fresh request of their own).
    const copy = await request<CivilCase>(gov, b, 'POST', `/civil/cases/${first.body.case.id}/appointments`, { officeId: OFFICE, ...day }, 'K-book');
    expect(codeOf(copy)).toEqual([409, 'ALREADY_BOOKED']);
  });

  it('huge, deep and malformed bodies: 400/413/422 with codes, never a 500, nothing stored', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const started = await startMarriage(gov, a);
    const b = await verifiedToken(gov.government, 'r05');
    const before = gov.snapshot();
    const id = started.case.id;
    const bodies: [string, string, unknown, number, string][] = [
      ['POST', '/civil/cases', 'x'.repeat(64 * 1024 + 1), 413, 'PAYLOAD_TOO_LARGE'],
      ['POST', '/civil/cases', JSON.stringify({ kind: 'divorce', certificateNumber: CERTIFICATES.r02r03, agreement: '协'.repeat(2001), agreementAcknowledged: true }), 422, 'VALIDATION'],
      ['POST', '/civil/cases', '{"kind":"marriage","declaration":true', 400, 'BAD_REQUEST'],
      ['POST', '/civil/cases', 'null', 400, 'BAD_REQUEST'],
      ['POST', '/civil/cases', '"marriage"', 400, 'BAD_REQUEST'],
      ['POST', '/civil/cases', '[{"kind":"marriage"}]', 400, 'BAD_REQUEST'],
      ['POST', '/civil/cases', `${'['.repeat(20000)}${']'.repeat(20000)}`, 400, 'BAD_REQUEST'],
      ['POST', '/civil/cases', `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`, 400, 'BAD_REQUEST'],
      ['POST', '/civil/invitations/open', JSON.stringify({ code: 'A'.repeat(21) }), 422, 'VALIDATION'],
      ['POST', '/civil/invitations/open', JSON.stringify({ code: started.invitation.code, caseId: 'c'.repeat(41) }), 422, 'VALIDATION'],
      ['POST', `/civil/cases/${id}/accept`, '\u0000', 400, 'BAD_REQUEST'],
      ['POST', `/civil/cases/${id}/accept`, JSON.stringify({ code: started.invitation.code, declaration: true, extra: 'x'.repeat(60000) }), 200, ''],
    ];
    for (const [method, path, body, status, code] of bodies) {
      const res = await raw(gov, status === 200 ? b : a, method as 'POST', path, body);
      expect([path, String(body).slice(0, 30), res.status, (res.body as Err).error?.code ?? '']).toEqual([path, String(body).slice(0, 30), status, code]);
      if (status !== 200) expect(gov.snapshot()).toBe(before);
    }
  });

  it('prototype keys as ids (path, body) and as JSON keys: 4xx with a code, and "__proto__" cannot sign a declaration', async () => {
    const { a, b, civilCase, started } = await couple(gov, 'r04', 'r05');
    const before = stateWithoutLimits(gov);
    for (const key of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']) {
      expect([key, ...codeOf(await request(gov, a, 'GET', `/civil/cases/${key}`))]).toEqual([key, 404, 'NOT_FOUND']);
      expect([key, ...codeOf(await request(gov, a, 'POST', `/civil/cases/${key}/withdraw`))]).toEqual([key, 404, 'NOT_FOUND']);
      expect([key, ...codeOf(await request(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments/${key}/cancel`))]).toEqual([key, 404, 'NOT_FOUND']);
      expect([key, ...codeOf(await request(gov, a, 'GET', `/civil/cases/${civilCase.id}/offices/${key}/days`))]).toEqual([key, 404, 'NOT_FOUND']);
      const book = await request(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments`, { officeId: key, date: key, window: key });
      expect([key, ...codeOf(book), book.body.error?.fields?.officeId]).toEqual([key, 422, 'VALIDATION', 'OFFICE_NOT_FOUND']);
      expect([key, book.body.error?.fields?.date, book.body.error?.fields?.window].map((v) => (typeof v === 'string' && /^(DATE_FORMAT|TOO_LONG|WINDOW_UNKNOWN)$/.test(v)) || v === key)).toEqual([true, true, true]);
      const start = await request(gov, a, 'POST', '/civil/cases', { kind: key, declaration: true });
      expect([key, ...codeOf(start), start.body.error?.fields]).toEqual([key, 422, 'VALIDATION', { kind: 'UNKNOWN_KIND' }]);
      expect([key, ...codeOf(await request(gov, b, 'POST', '/civil/invitations/open', { code: key }))]).toEqual([key, 404, 'INVITATION_NOT_FOUND']);
      expect([key, ...codeOf(await request(gov, b, 'POST', '/civil/invitations/open', { code: started.invitation.code, caseId: key }))]).toEqual([key, 409, 'INVITATION_OTHER_CASE']);
      expect([key, ...codeOf(await request(gov, a, 'GET', `/civil/eligibility?kind=${key}`))]).toEqual([key, 422, 'VALIDATION']);
    }
    expect(stateWithoutLimits(gov)).toBe(before);
    // A declaration put on the prototype of the body does not sign it.
    const r09 = await verifiedToken(gov.government, 'r09');
    const sneaky = await raw(gov, r09, 'POST', '/civil/cases', '{"__proto__":{"declaration":true},"kind":"marriage"}');
    expect([sneaky.status, (sneaky.body as Err).error?.fields]).toEqual([422, { declaration: 'DECLARATION_REQUIRED' }]);
    const sneakyCtor = await raw(gov, r09, 'POST', '/civil/cases', '{"constructor":{"prototype":{"declaration":true}},"kind":"marriage"}');
    expect([sneakyCtor.status, (sneakyCtor.body as Err).error?.fields]).toEqual([422, { declaration: 'DECLARATION_REQUIRED' }]);
  });

  it('wrong types for every field: 422 naming the field, nothing changes', async () => {
    const { a, civilCase, started } = await couple(gov, 'r04', 'r05');
    const r09 = await verifiedToken(gov.government, 'r09');
    const before = stateWithoutLimits(gov);
    const cases: [string, string, object, Record<string, string>][] = [
      ['start', '/civil/cases', { kind: 'marriage', declaration: 'true' }, { declaration: 'WRONG_TYPE' }],
      ['start', '/civil/cases', { kind: 'marriage', declaration: 1 }, { declaration: 'WRONG_TYPE' }],
      ['start', '/civil/cases', { kind: ['marriage'], declaration: true }, { kind: 'WRONG_TYPE' }],
      ['start', '/civil/cases', { kind: 'divorce', certificateNumber: 440305, agreement: AGREEMENT, agreementAcknowledged: true }, { certificateNumber: 'WRONG_TYPE' }],
      ['start', '/civil/cases', { kind: 'divorce', certificateNumber: CERTIFICATES.r02r03, agreement: { text: AGREEMENT }, agreementAcknowledged: true }, { agreement: 'WRONG_TYPE' }],
      ['start', '/civil/cases', { kind: 'divorce', certificateNumber: CERTIFICATES.r02r03, agreement: '\u200b\u200b\u200b', agreementAcknowledged: true }, { agreement: 'REQUIRED' }],
      ['start', '/civil/cases', { kind: 'divorce', certificateNumber: CERTIFICATES.r02r03, agreement: AGREEMENT, agreementAcknowledged: 'yes' }, { agreementAcknowledged: 'WRONG_TYPE' }],
      ['open', '/civil/invitations/open', { code: 12345678 }, { code: 'WRONG_TYPE' }],
      ['open', '/civil/invitations/open', { code: started.invitation.code, caseId: 7 }, { caseId: 'WRONG_TYPE' }],
      ['book', `/civil/cases/${civilCase.id}/appointments`, { officeId: [OFFICE], date: dayAhead(2), window: 'am1' }, { officeId: 'WRONG_TYPE' }],
      ['book', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, date: 20261124, window: 'am1' }, { date: 'WRONG_TYPE' }],
      ['book', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, date: '2026-11-31', window: 'am1' }, { date: 'DATE_FORMAT' }],
      ['book', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, date: '24/11/2026', window: 'am1' }, { date: 'DATE_FORMAT' }],
      ['book', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, date: dayAhead(2), window: 0 }, { window: 'WRONG_TYPE' }],
      ['book', `/civil/cases/${civilCase.id}/appointments`, {}, { officeId: 'REQUIRED', date: 'REQUIRED', window: 'REQUIRED' }],
    ];
    for (const [what, path, body, fields] of cases) {
      const res = await request(gov, what === 'open' ? r09 : what === 'book' ? a : r09, 'POST', path, body);
      expect([what, JSON.stringify(body).slice(0, 60), res.status, res.body.error?.code, res.body.error?.fields]).toEqual([what, JSON.stringify(body).slice(0, 60), 422, 'VALIDATION', fields]);
    }
    expect(stateWithoutLimits(gov)).toBe(before);
  });

  it('guessing codes: 10 wrong a day through open, accept and decline together, then 429 with Retry-After; only `limits` changes', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const started = await startMarriage(gov, a);
    const guesser = await verifiedToken(gov.government, 'r05');
    const before = stateWithoutLimits(gov);
    const id = started.case.id;
    const guess = (i: number) => `ZZZZ${String(i).padStart(4, '0')}`;
    for (let i = 0; i < 10; i += 1) {
      const res = i % 3 === 0
        ? await request(gov, guesser, 'POST', '/civil/invitations/open', { code: guess(i) })
        : i % 3 === 1
          ? await request(gov, guesser, 'POST', `/civil/cases/${id}/accept`, { code: guess(i), declaration: true })
          : await request(gov, guesser, 'POST', `/civil/cases/${id}/decline`, { code: guess(i) });
      expect([i, ...codeOf(res)]).toEqual([i, 404, 'INVITATION_NOT_FOUND']);
    }
    const limited = await gov.government.handle({ method: 'POST', path: `/civil/cases/${id}/accept`, headers: { authorization: `Bearer ${guesser}`, 'idempotency-key': 'g-11' }, body: JSON.stringify({ code: started.invitation.code, declaration: true }) });
    expect(codeOf(limited)).toEqual([429, 'RATE_LIMITED']);
    expect((limited.body as { error: { retryAfterSec?: number } }).error.retryAfterSec).toBeGreaterThan(0);
    expect(stateWithoutLimits(gov)).toBe(before);
    expect(gov.stored.get('g1.limits')).toContain('invite');
    // Another resident is not limited by the guesser.
    const r09 = await verifiedToken(gov.government, 'r09');
    expect(codeOf(await request(gov, r09, 'POST', '/civil/invitations/open', { code: started.invitation.code }))).toEqual([200, undefined]);
  });

  it('a code of another case: INVITATION_OTHER_CASE on open (with caseId), accept and decline; not counted as a wrong guess; nothing changes', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const mine = await startMarriage(gov, a);
    const theirs = await startMarriage(gov, await verifiedToken(gov.government, 'r09'));
    const b = await verifiedToken(gov.government, 'r05');
    const before = gov.snapshot();
    for (let i = 0; i < 12; i += 1) {
      expect(codeOf(await request(gov, b, 'POST', '/civil/invitations/open', { code: theirs.invitation.code, caseId: mine.case.id }))).toEqual([409, 'INVITATION_OTHER_CASE']);
    }
    expect(codeOf(await request(gov, b, 'POST', `/civil/cases/${mine.case.id}/accept`, { code: theirs.invitation.code, declaration: true }))).toEqual([409, 'INVITATION_OTHER_CASE']);
    expect(codeOf(await request(gov, b, 'POST', `/civil/cases/${mine.case.id}/decline`, { code: theirs.invitation.code }))).toEqual([409, 'INVITATION_OTHER_CASE']);
    expect(gov.snapshot()).toBe(before);
    expect((await accept(gov, b, mine)).status).toBe('accepted');
  });

  it('races: both book at once, accept twice at once, two people accept one code at once, withdraw and book at once', async () => {
    const { a, b, civilCase } = await couple(gov, 'r04', 'r05');
    const day = await firstOpen(gov, a, civilCase.id);
    const other = await firstOpen(gov, b, civilCase.id, OFFICE, 1);
    const [x, y] = await Promise.all([
      request<CivilCase>(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, ...day }),
      request<CivilCase>(gov, b, 'POST', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, ...other }),
    ]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    expect([x, y].find((r) => r.status === 409)?.body.error?.code).toBe('ALREADY_BOOKED');
    expect((await caseOf(gov, a, civilCase.id)).appointments.filter((ap) => ap.status === 'booked')).toHaveLength(1);

    const r01 = await verifiedToken(gov.government, 'r01');
    const r09 = await verifiedToken(gov.government, 'r09');
    const s = await startMarriage(gov, r09);
    const twice = await Promise.all([
      request(gov, r01, 'POST', `/civil/cases/${s.case.id}/accept`, { code: s.invitation.code, declaration: true }, 'acc-1'),
      request(gov, r01, 'POST', `/civil/cases/${s.case.id}/accept`, { code: s.invitation.code, declaration: true }, 'acc-2'),
    ]);
    expect(twice.map(codeOf).sort()).toEqual([[200, undefined], [409, 'ALREADY_ACCEPTED']]);

    const n1 = await newcomer(gov.government, '44010619950505123', '孔明', '13700000001');
    const n2 = await newcomer(gov.government, '44010619960606123', '关羽', '13700000002');
    const s2 = await startMarriage(gov, await newcomer(gov.government, '44010619900101124', '貂蝉', '13700000003'));
    const both = await Promise.all([
      request(gov, n1, 'POST', `/civil/cases/${s2.case.id}/accept`, { code: s2.invitation.code, declaration: true }),
      request(gov, n2, 'POST', `/civil/cases/${s2.case.id}/accept`, { code: s2.invitation.code, declaration: true }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)?.body.error?.code).toBe('INVITATION_USED');

    // Withdraw and book at once: whatever the order, the case is withdrawn and holds no live appointment.
    const c3 = await couple(gov, 'r02', 'r03');
    const d3 = await firstOpen(gov, c3.a, c3.civilCase.id);
    await Promise.all([
      request(gov, c3.a, 'POST', `/civil/cases/${c3.civilCase.id}/withdraw`),
      request(gov, c3.b, 'POST', `/civil/cases/${c3.civilCase.id}/appointments`, { officeId: OFFICE, ...d3 }),
    ]);
    const after = await caseOf(gov, c3.b, c3.civilCase.id);
    expect([after.status, after.upcoming, after.appointments.filter((ap) => ap.status === 'booked').length]).toEqual(['withdrawn', null, 0]);
  });

  it('booking outside the window: today, yesterday, 16 days ahead, a weekend, an unknown window or office, each its own code; nothing changes', async () => {
    const { a, civilCase } = await couple(gov, 'r04', 'r05');
    const before = gov.snapshot();
    const book = (date: string, window = 'am1', officeId = OFFICE) => request(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments`, { officeId, date, window });
    const expectations: [string, string, string, number, string][] = [
      [dayAhead(0), 'pm2', OFFICE, 422, 'DATE_TOO_SOON'],
      [dayAhead(-1), 'am1', OFFICE, 422, 'DATE_PAST'],
      [dayAhead(16), 'am1', OFFICE, 422, 'DATE_TOO_FAR'],
      [dayAhead(400), 'am1', OFFICE, 422, 'DATE_TOO_FAR'],
      ['1949-10-01', 'am1', OFFICE, 422, 'DATE_PAST'],
      [aheadWhere(1, true), 'am1', OFFICE, 422, 'OFFICE_CLOSED'],
      [aheadWhere(2, false), 'am3', OFFICE, 422, 'VALIDATION'],
      [aheadWhere(2, false), 'am1', 'gz-nowhere', 422, 'VALIDATION'],
    ];
    for (const [date, window, office, status, code] of expectations) expect([date, window, ...codeOf(await book(date, window, office))]).toEqual([date, window, status, code]);
    expect(gov.snapshot()).toBe(before);
  });

  it('the divorce certificate: during cooling-off COOLING_OFF; in the window only days 31 to 60; a past window today DATE_PAST; a weekend OFFICE_CLOSED', async () => {
    const { civilCase } = await couple(gov, 'r02', 'r03', true);
    const id = civilCase.id;
    const day0 = cstMidnight(cstParts(Date.parse(`${civilCase.upcoming?.date}T12:00:00+08:00`)));
    const dateOf = (day: number) => formatCstDate(day0 + day * DAY_MS + 12 * HOUR);
    const signIn = async (day: number, hh: number) => {
      gov.clock.set(day0 + day * DAY_MS + hh * HOUR);
      return [await verifiedToken(gov.government, 'r02'), await verifiedToken(gov.government, 'r03')];
    };
    let [x] = await signIn(20, 10);
    expect(codeOf(await request(gov, x, 'POST', `/civil/cases/${id}/appointments`, { officeId: OFFICE, date: dateOf(35), window: 'am1' }))).toEqual([409, 'COOLING_OFF']);
    [x] = await signIn(40, 11);
    const before = gov.snapshot();
    const weekdayDay = (from: number, weekend: boolean) => { let d = from; while ([0, 6].includes(weekdayOfDate(dateOf(d))) !== weekend) d += 1; return d; };
    const today = 40;
    const tries: [number, string, number, string][] = [
      [30, 'am1', 422, 'DATE_PAST'],
      [weekdayDay(61, false), 'am1', 422, 'DATE_OUTSIDE_WINDOW'],
      [weekdayDay(62, false), 'am1', 422, 'DATE_OUTSIDE_WINDOW'],
      [weekdayDay(41, true), 'am1', 422, 'OFFICE_CLOSED'],
      [today, 'am1', 422, 'DATE_PAST'],
      [today, 'am2', 422, 'DATE_PAST'],
    ];
    for (const [day, window, status, code] of tries) {
      const res = await request(gov, x, 'POST', `/civil/cases/${id}/appointments`, { officeId: OFFICE, date: dateOf(day), window });
      expect([day, window, ...codeOf(res)]).toEqual([day, window, status, code]);
    }
    expect(gov.snapshot()).toBe(before);
  });

  it('cancelling: either person of the couple may; another couple may not (404); on the day CANCEL_TOO_LATE; twice NOT_CANCELLABLE', async () => {
    const { a, b, civilCase } = await couple(gov, 'r04', 'r05', true);
    const other = await couple(gov, 'r02', 'r03');
    const appt = civilCase.upcoming?.id as string;
    const before = gov.snapshot();
    expect(codeOf(await request(gov, other.a, 'POST', `/civil/cases/${civilCase.id}/appointments/${appt}/cancel`))).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await request(gov, other.a, 'POST', `/civil/cases/${other.civilCase.id}/appointments/${appt}/cancel`))).toEqual([404, 'NOT_FOUND']);
    expect(gov.snapshot()).toBe(before);
    const cancelled = await request<CivilCase>(gov, b, 'POST', `/civil/cases/${civilCase.id}/appointments/${appt}/cancel`);
    expect([cancelled.status, cancelled.body.status, cancelled.body.upcoming]).toEqual([200, 'accepted', null]);
    expect((await caseOf(gov, a, civilCase.id)).timeline.filter((e) => e.kind === 'cancelled').map((e) => e.by)).toEqual(['other']);
    const mid = gov.snapshot();
    expect(codeOf(await request(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments/${appt}/cancel`))).toEqual([409, 'NOT_CANCELLABLE']);
    expect(gov.snapshot()).toBe(mid);
    // Book again, then try on the day itself.
    const again = await bookFirst(gov, a, civilCase.id);
    gov.clock.set(Date.parse(`${again.upcoming?.date}T08:00:00+08:00`));
    const a2 = await verifiedToken(gov.government, 'r04');
    const late = gov.snapshot();
    expect(codeOf(await request(gov, a2, 'POST', `/civil/cases/${civilCase.id}/appointments/${again.upcoming?.id}/cancel`))).toEqual([409, 'CANCEL_TOO_LATE']);
    expect(gov.snapshot()).toBe(late);
  });

  it('the no-show block (r06): start and accept refused NO_SHOW_BLOCKED until day 9, with the date in eligibility; then allowed', async () => {
    const r06 = await verifiedToken(gov.government, 'r06');
    const until = formatCstDate(cstMidnight(cstParts(TEST_NOW - 6 * DAY_MS)) + 15 * DAY_MS);
    const el = await call<EligibilityResponse>(gov, r06, 'GET', '/civil/eligibility?kind=marriage');
    expect(el.ineligible).toEqual([{ code: 'NO_SHOW_BLOCKED', who: 'you', until }]);
    const before = gov.snapshot();
    expect(codeOf(await request(gov, r06, 'POST', '/civil/cases', { kind: 'marriage', declaration: true }))).toEqual([403, 'NO_SHOW_BLOCKED']);
    // A refused start changes nothing.
    expect(gov.snapshot()).toBe(before);
    const s = await startMarriage(gov, await verifiedToken(gov.government, 'r01'));
    const mid = gov.snapshot();
    expect(codeOf(await request(gov, r06, 'POST', `/civil/cases/${s.case.id}/accept`, { code: s.invitation.code, declaration: true }))).toEqual([403, 'NO_SHOW_BLOCKED']);
    expect(gov.snapshot()).toBe(mid);
    // The preview says why before accepting.
    const preview = await request<{ ineligible: { code: string }[] }>(gov, r06, 'POST', '/civil/invitations/open', { code: s.invitation.code });
    expect(preview.body.ineligible.map((p) => p.code)).toEqual(['NO_SHOW_BLOCKED']);
    gov.clock.set(Date.parse(`${until}T00:00:00+08:00`));
    const again = await verifiedToken(gov.government, 'r06');
    expect((await call<EligibilityResponse>(gov, again, 'GET', '/civil/eligibility?kind=marriage')).ineligible).toEqual([]);
  });

  it('information leaks: no full ID number, no mobile and no invitation code in any answer to anyone else, nor in the civil state or saved answers', async () => {
    const log = recordAnswers(gov);
    const a = await verifiedToken(gov.government, 'r02');
    const b = await verifiedToken(gov.government, 'r03');
    const third = await verifiedToken(gov.government, 'r08');
    const started = await startDivorce(gov, a);
    const code = started.invitation.code;
    await request(gov, third, 'POST', '/civil/invitations/open', { code });
    await request(gov, b, 'POST', '/civil/invitations/open', { code });
    await accept(gov, b, started);
    await bookFirst(gov, b, started.case.id);
    for (const token of [a, b, third]) {
      await request(gov, token, 'GET', '/civil/cases');
      await request(gov, token, 'GET', `/civil/cases/${started.case.id}`);
      await request(gov, token, 'GET', '/records');
    }
    const mobiles = CAST.map((m) => m.mobile);
    log.forEach((entry) => {
      expectNoIdNumbers(entry.text);
      mobiles.forEach((mobile) => expect([entry.path, entry.text.includes(mobile)]).toEqual([entry.path, false]));
      // Only the start answer to the first person holds the code.
      if (!(entry.token === a && entry.path === '/civil/cases' && entry.text.includes('"invitation":{"code"'))) expect([entry.path, entry.text.includes(code)]).toEqual([entry.path, false]);
    });
    const civilState = [...gov.stored.entries()].filter(([k]) => k.includes('civil') || k.endsWith('.idempotency') || k.includes('.records')).map(([, v]) => v).join('\n');
    expect(civilState).not.toContain(code);
    expectNoIdNumbers(civilState);
    mobiles.forEach((mobile) => expect(civilState).not.toContain(mobile));
  });

  it('a restart at every step keeps the case, revokes an old code, keeps the counted guesses, and the other person sees the withdrawal', async () => {
    const stored = new Map<string, string>();
    const clock = createClock();
    const make = () => createGovernment({ clock, seed: 7, secret: 's', storage: memoryStorage(stored), config: { exposeSmsCode: true, allowSimulatedFace: true } });
    let government = make();
    const a = await verifiedToken(government, 'r04');
    const b = await verifiedToken(government, 'r05');
    const started = await call<StartCaseResponse>({ government }, a, 'POST', '/civil/cases', { kind: 'marriage', declaration: true });
    government = make();
    const fresh = await call<{ code: string }>({ government }, a, 'POST', `/civil/cases/${started.case.id}/invitation`);
    government = make();
    expect(codeOf(await request({ government }, b, 'POST', '/civil/invitations/open', { code: started.invitation.code }))).toEqual([410, 'INVITATION_REVOKED']);
    for (let i = 0; i < 5; i += 1) await request({ government }, b, 'POST', '/civil/invitations/open', { code: `QQQQ000${i}` });
    government = make();
    for (let i = 5; i < 10; i += 1) await request({ government }, b, 'POST', '/civil/invitations/open', { code: `QQQQ000${i}` });
    government = make();
    expect(codeOf(await request({ government }, b, 'POST', `/civil/cases/${started.case.id}/accept`, { code: fresh.code, declaration: true }))).toEqual([429, 'RATE_LIMITED']);
    clock.advance(25 * HOUR);
    const b2 = await verifiedToken(government, 'r05');
    const a2 = await verifiedToken(government, 'r04');
    expect(codeOf(await request({ government }, b2, 'POST', `/civil/cases/${started.case.id}/accept`, { code: fresh.code, declaration: true }))).toEqual([200, undefined]);
    government = make();
    const booked = await bookFirst({ government }, a2, started.case.id);
    government = make();
    expect((await caseOf({ government }, b2, started.case.id)).upcoming?.reference).toBe(booked.upcoming?.reference);
    await call({ government }, a2, 'POST', `/civil/cases/${started.case.id}/withdraw`);
    government = make();
    const seen = await caseOf({ government }, b2, started.case.id);
    expect([seen.status, seen.ended?.reason, seen.ended?.by, seen.upcoming]).toEqual(['withdrawn', 'withdrawn', 'other', null]);
    expect([...stored.values()].join('\n')).not.toContain(fresh.code);
  });

  it('a restart with a half-written request: a refused accept after a restart leaves the code usable', async () => {
    const stored = new Map<string, string>();
    const clock = createClock();
    const make = () => createGovernment({ clock, seed: 7, secret: 's', storage: memoryStorage(stored), config: { exposeSmsCode: true, allowSimulatedFace: true } });
    let government = make();
    const a = await verifiedToken(government, 'r04');
    const b = await verifiedToken(government, 'r05');
    const started = await call<StartCaseResponse>({ government }, a, 'POST', '/civil/cases', { kind: 'marriage', declaration: true });
    const refused = await request({ government }, b, 'POST', `/civil/cases/${started.case.id}/accept`, { code: started.invitation.code });
    expect([refused.status, refused.body.error?.fields]).toEqual([422, { declaration: 'DECLARATION_REQUIRED' }]);
    government = make();
    expect((await accept({ government }, b, started)).status).toBe('accepted');
  });

  it('deleting one\'s data mid-case (second person, booked): the first sees it withdrawn by the other, the place is free, and can start again', async () => {
    const { a, b, civilCase } = await couple(gov, 'r04', 'r05', true);
    const erased = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${b}`, 'idempotency-key': 'erase-b' } });
    expect(erased.status).toBe(200);
    const seen = await caseOf(gov, a, civilCase.id);
    expect([seen.status, seen.ended?.reason, seen.ended?.by, seen.upcoming, seen.canWithdraw]).toEqual(['withdrawn', 'withdrawn', 'other', null, false]);
    expect(seen.appointments.map((ap) => ap.status)).toEqual(['cancelled']);
    expect((await call<EligibilityResponse>(gov, a, 'GET', '/civil/eligibility?kind=marriage')).ineligible).toEqual([]);
    // The deleted person's session no longer works.
    expect((await request(gov, b, 'GET', '/civil/cases')).status).toBe(401);
  });

  it('deleting one\'s data mid-case (first person, invited): the code stops working for the invited person with INVITATION_REVOKED', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const started = await startMarriage(gov, a);
    const erased = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${a}`, 'idempotency-key': 'erase-a' } });
    expect(erased.status).toBe(200);
    const b = await verifiedToken(gov.government, 'r05');
    expect(codeOf(await request(gov, b, 'POST', '/civil/invitations/open', { code: started.invitation.code }))).toEqual([410, 'INVITATION_REVOKED']);
  });

  it('deleting one\'s data: a new resident partner deleted; the other still reads the case without a 500 and sees only themselves', async () => {
    const a = await verifiedToken(gov.government, 'r05');
    const started = await startMarriage(gov, a);
    const n = await newcomer(gov.government, '44010619950505123', '孔明', '13700000001');
    await accept(gov, n, started);
    await bookFirst(gov, a, started.case.id);
    const erased = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${n}`, 'idempotency-key': 'erase-n' } });
    expect(erased.status).toBe(200);
    const seen = await request<CivilCase>(gov, a, 'GET', `/civil/cases/${started.case.id}`);
    expect(seen.status).toBe(200);
    expect([seen.body.status, seen.body.ended?.by, seen.body.parties.length]).toEqual(['withdrawn', 'other', 1]);
    const list = await request<CasesResponse>(gov, a, 'GET', '/civil/cases');
    expect([list.status, list.body.items[0].other]).toEqual([200, null]);
  });

  it('deleting one\'s data: after verifying again, r02 no longer sees the divorce case (with its agreement) that the deletion only withdrew; the answer did not list it as kept', async () => {
    const { a, civilCase } = await couple(gov, 'r02', 'r03');
    const erased = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${a}`, 'idempotency-key': 'erase-r02' } });
    expect(erased.status).toBe(200);
    const kept = (erased.body as { kept: { kind: string }[] }).kept.map((k) => k.kind);
    expect(kept).not.toContain('marriage-register');
    const again = await verifiedToken(gov.government, 'r02');
    const list = await call<CasesResponse>(gov, again, 'GET', '/civil/cases');
    expect(list.items.map((i) => i.id)).not.toContain(civilCase.id);
  });

  it('a closed case refuses everything: withdraw twice CASE_CLOSED, accept or decline its code INVITATION_REVOKED, book CASE_CLOSED; nothing changes', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const b = await verifiedToken(gov.government, 'r05');
    const started = await startMarriage(gov, a);
    await call(gov, a, 'POST', `/civil/cases/${started.case.id}/withdraw`);
    const before = gov.snapshot();
    expect(codeOf(await request(gov, a, 'POST', `/civil/cases/${started.case.id}/withdraw`))).toEqual([409, 'CASE_CLOSED']);
    expect(codeOf(await request(gov, b, 'POST', `/civil/cases/${started.case.id}/accept`, { code: started.invitation.code, declaration: true }))).toEqual([410, 'INVITATION_REVOKED']);
    expect(codeOf(await request(gov, b, 'POST', `/civil/cases/${started.case.id}/decline`, { code: started.invitation.code }))).toEqual([410, 'INVITATION_REVOKED']);
    expect(codeOf(await request(gov, a, 'POST', `/civil/cases/${started.case.id}/invitation`))).toEqual([409, 'CASE_CLOSED']);
    expect(codeOf(await request(gov, a, 'POST', `/civil/cases/${started.case.id}/appointments`, { officeId: OFFICE, date: aheadWhere(2, false), window: 'am1' }))).toEqual([409, 'CASE_CLOSED']);
    expect(gov.snapshot()).toBe(before);
  });

  it('age on the appointment date: r11 (20 on 2027-03-15) with r04 can book 2027-03-15 but not 2027-03-12 (TOO_YOUNG, who: other)', async () => {
    gov.clock.set(Date.parse('2027-03-03T10:00:00+08:00'));
    const a = await verifiedToken(gov.government, 'r04');
    const b = await verifiedToken(gov.government, 'r11');
    const started = await startMarriage(gov, a);
    await accept(gov, b, started);
    const before = gov.snapshot();
    const early = await request(gov, a, 'POST', `/civil/cases/${started.case.id}/appointments`, { officeId: OFFICE, date: '2027-03-12', window: 'am1' });
    expect(codeOf(early)).toEqual([403, 'TOO_YOUNG']);
    expect(gov.snapshot()).toBe(before);
    const { days } = await daysOf(gov, a, started.case.id);
    expect(days.find((d) => d.date === '2027-03-12')?.status).toBe('too-young');
    const ok = await request(gov, a, 'POST', `/civil/cases/${started.case.id}/appointments`, { officeId: OFFICE, date: '2027-03-15', window: 'am1' });
    expect(ok.status).toBe(201);
  });

  it('one person cannot bloat the civil state without bound: starting and withdrawing 30 cases is limited to 5 a day', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const base = gov.stored.get('g1.agencies.civil-affairs')?.length ?? 0;
    let refused = 0;
    for (let i = 0; i < 30; i += 1) {
      const s = await request<StartCaseResponse>(gov, a, 'POST', '/civil/cases', { kind: 'marriage', declaration: true });
      if (s.status !== 201) { refused += 1; continue; }
      await request(gov, a, 'POST', `/civil/cases/${s.body.case.id}/withdraw`);
    }
    const size = gov.stored.get('g1.agencies.civil-affairs')?.length ?? 0;
    // One key per agency shared by everybody; WeChat refuses a key over 1 MB.
    const grownKB = Math.round((size - base) / 1024);
    expect({ refused, small: grownKB < 20 }).toEqual({ refused: 25, small: true });
    // A day later five more; thirty days after they ended, the withdrawn cases are dropped.
    gov.clock.advance(31 * DAY_MS);
    const again = await verifiedToken(gov.government, 'r04');
    expect((await request(gov, again, 'POST', '/civil/cases', { kind: 'marriage', declaration: true })).status).toBe(201);
    gov.clock.advance(2 * 3600 * 1000);
    await request(gov, again, 'GET', '/civil/cases');
    await request(gov, again, 'POST', '/civil/cases', { kind: 'marriage', declaration: true });
    expect((await call<CasesResponse>(gov, again, 'GET', '/civil/cases')).items.map((c) => c.status)).toEqual(['invited']);
  });
});
