// The civil-affairs agency as two residents meet it: a marriage case from invitation to registration,
// a divorce through its cooling-off period (days 29, 30, 31, 60 and 61 in CST), and the rules the
// government enforces (ages at the appointment date, the register, quotas, cancelling, no-shows).
import type { CasesResponse, CivilCase, EligibilityResponse, OfficeDay, StartCaseResponse } from '../../miniprogram/contracts/civil';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { DAY_MS, cstMidnight, cstParts, formatCstDate } from '../../miniprogram/core/dates';
import { TEST_NOW, createClock, createTestGovernment, expectNoIdNumbers, verifiedToken, type TestGovernment } from '../helpers/government';
import { AGREEMENT, BUSY_OFFICE, CERTIFICATES, OFFICE, accept, bookFirst, call, caseOf, couple, daysOf, firstOpen, request, startDivorce, startMarriage } from '../packages/civil/helpers';

const HOUR = 3600 * 1000;
/** `hh:mm` CST on the CST day `day` days after the CST date of `from`. */
const cstAt = (from: number, day: number, hh: number, mm = 0): number => cstMidnight(cstParts(from)) + day * DAY_MS + hh * HOUR + mm * 60000;
const weekdayOf = (ms: number): number => new Date(cstMidnight(cstParts(ms)) + 8 * HOUR).getUTCDay();
/** The first weekday at or after `day` days from `from` (CST). */
function weekdayFrom(from: number, day: number): number {
  let d = day;
  while ([0, 6].includes(weekdayOf(cstAt(from, d, 12)))) d += 1;
  return d;
}

describe('civil-affairs agency: marriage', () => {
  let gov: TestGovernment;
  beforeEach(() => {
    gov = createTestGovernment(createClock());
  });

  it('takes r04 and r05 from invitation to registration; both see one case, its timeline and the register changes', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const b = await verifiedToken(gov.government, 'r05');
    const started = await startMarriage(gov, a);
    expect(started.case).toMatchObject({ kind: 'marriage', status: 'invited', invitation: { expiresAt: TEST_NOW + 72 * HOUR, expired: false } });
    expect(started.case.reference).toMatch(/^MR20261122\d{6}$/);
    expect(started.invitation.code).toMatch(/^[0-9A-Z]{8}$/);
    const accepted = await accept(gov, b, started);
    expect(accepted.status).toBe('accepted');
    expect(accepted.parties.map((p) => [p.you, p.name, p.role, p.sex])).toEqual([[true, '刘洋', 'second', 'female'], [false, '张伟', 'first', 'male']]);
    expect(accepted.next).toEqual({ kind: 'marriage', from: '2026-11-23', until: '2026-12-07' });
    expect(accepted.ineligible).toEqual([]);
    // The 15 days ahead: weekends closed, the rest open (r04 is 22 from the first of them).
    const { days } = await daysOf(gov, a, accepted.id);
    expect(days.map((d) => d.date)).toEqual(Array.from({ length: 15 }, (_, i) => formatCstDate(TEST_NOW + (i + 1) * DAY_MS)));
    days.forEach((d) => expect(d.status === 'closed').toBe([0, 6].includes(d.weekday)));
    const booked = await bookFirst(gov, a, accepted.id);
    expect(booked.status).toBe('booked');
    expect(booked.upcoming).toMatchObject({ kind: 'marriage', status: 'booked', bookedBy: 'you', feeFen: 0, office: { id: OFFICE } });
    expect(booked.upcoming?.bring.zh).toContain('居民身份证');
    // The other person sees the same appointment, booked by the other.
    const seen = await caseOf(gov, b, accepted.id);
    expect(seen.upcoming).toMatchObject({ reference: booked.upcoming?.reference, bookedBy: 'other' });
    // After the appointment: registered, a certificate issued at that office, and both recorded as married.
    gov.clock.advance(20 * DAY_MS);
    const done = await caseOf(gov, b, accepted.id);
    expect(done.status).toBe('registered');
    expect(done.issuedCertificate).toMatch(/^J440104-2026-\d{6}$/);
    expect(done.timeline.map((e) => [e.kind, e.by])).toEqual([
      ['started', 'other'], ['invited', 'other'], ['accepted', 'you'], ['booked', 'other'], ['attended', 'office'], ['registered', 'office'],
    ]);
    expect(done.canWithdraw).toBe(false);
    for (const token of [a, b]) {
      expect((await call<EligibilityResponse>(gov, token, 'GET', '/civil/eligibility?kind=marriage')).ineligible.map((p) => p.code)).toEqual(['ALREADY_MARRIED']);
      expect((await call<EligibilityResponse>(gov, token, 'GET', '/civil/eligibility?kind=divorce')).ineligible).toEqual([]);
    }
    // And they can divorce with the certificate they were issued.
    const divorce = await startDivorce(gov, a, done.issuedCertificate ?? '');
    expect(divorce.case.status).toBe('invited');
    // Both have the case and the appointment in Me > records, opening the case.
    const records = await call<RecordsResponse>(gov, b, 'GET', '/records');
    expect(records.items.filter((r) => r.kind.startsWith('civil-')).map((r) => [r.kind, r.detail.caseId])).toEqual([
      ['civil-appointment', accepted.id], ['civil-case', accepted.id],
    ]);
  });

  it('checks both ages at the appointment date: r04 turns 22 on 2026-11-23, so the day before is too young', async () => {
    // Two days before the first run: the window starts on 11-21 and 11-22 is a Sunday, 11-23 his birthday.
    const clock = createClock(TEST_NOW - 3 * DAY_MS);
    gov = createTestGovernment(clock);
    const { a, civilCase } = await couple(gov, 'r04', 'r05');
    const { days } = await daysOf(gov, a, civilCase.id);
    expect(days.slice(0, 5).map((d) => [d.date, d.status])).toEqual([
      ['2026-11-20', 'too-young'], ['2026-11-21', 'closed'], ['2026-11-22', 'closed'], ['2026-11-23', days[3].status === 'full' ? 'full' : days[3].status], ['2026-11-24', days[4].status],
    ]);
    expect(['available', 'few']).toContain(days[3].status);
    const refused = await request(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, date: '2026-11-20', window: 'am1' });
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'TOO_YOUNG']);
    expect((await caseOf(gov, a, civilCase.id)).status).toBe('accepted');
    expect((await request(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, date: '2026-11-23', window: 'am1' })).status).toBe(201);
  });

  it('explains each ineligibility before a case starts: too young, married, blocked, an open case', async () => {
    const eligibility = async (key: string, kind = 'marriage') => (await call<EligibilityResponse>(gov, await verifiedToken(gov.government, key), 'GET', `/civil/eligibility?kind=${kind}`)).ineligible;
    expect(await eligibility('r10')).toEqual([{ code: 'TOO_YOUNG', who: 'you', from: '2034-06-01', age: 22 }]);
    expect(await eligibility('r11')).toEqual([{ code: 'TOO_YOUNG', who: 'you', from: '2027-03-15', age: 20 }]);
    expect(await eligibility('r02')).toEqual([{ code: 'ALREADY_MARRIED', who: 'you' }]);
    expect(await eligibility('r06')).toEqual([{ code: 'NO_SHOW_BLOCKED', who: 'you', until: formatCstDate(cstMidnight(cstParts(TEST_NOW - 6 * DAY_MS)) + 15 * DAY_MS) }]);
    expect(await eligibility('r05', 'divorce')).toEqual([{ code: 'NOT_MARRIED', who: 'you' }]);
    expect(await eligibility('r12', 'divorce')).toEqual([{ code: 'COOLING_OFF', who: 'you', from: formatCstDate(cstAt(TEST_NOW, -10 + 31, 12)) }]);
    const a = await verifiedToken(gov.government, 'r04');
    const child = await verifiedToken(gov.government, 'r10');
    await startMarriage(gov, a);
    expect((await call<EligibilityResponse>(gov, a, 'GET', '/civil/eligibility?kind=marriage')).ineligible).toEqual([{ code: 'CASE_OPEN', who: 'you' }]);
    // Starting anyway is refused with the same code, and changes nothing.
    const before = gov.snapshot();
    const again = await request(gov, a, 'POST', '/civil/cases', { kind: 'marriage', declaration: true });
    expect([again.status, again.body.error?.code]).toEqual([409, 'CASE_OPEN']);
    expect((await request(gov, child, 'POST', '/civil/cases', { kind: 'marriage', declaration: true })).body.error?.code).toBe('TOO_YOUNG');
    expect(gov.snapshot()).toBe(before);
  });

  it('refuses the second person when they are too young, married, or already in another open marriage case', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const started = await startMarriage(gov, a);
    const open = (token: string) => request<{ ineligible: { code: string }[] }>(gov, token, 'POST', '/civil/invitations/open', { code: started.invitation.code, caseId: started.case.id });
    const wu = await verifiedToken(gov.government, 'r11');
    expect((await open(wu)).body.ineligible.map((p) => p.code)).toEqual(['TOO_YOUNG']);
    const refused = await request(gov, wu, 'POST', `/civil/cases/${started.case.id}/accept`, { code: started.invitation.code, declaration: true });
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'TOO_YOUNG']);
    const li = await verifiedToken(gov.government, 'r02');
    expect((await request(gov, li, 'POST', `/civil/cases/${started.case.id}/accept`, { code: started.invitation.code, declaration: true })).body.error?.code).toBe('ALREADY_MARRIED');
    // The code still works for the right person after those refusals.
    expect((await accept(gov, await verifiedToken(gov.government, 'r05'), started)).status).toBe('accepted');
  });

  it('books 1 to 15 days ahead on a working day within the day\'s quota; Tianhe\'s Fridays are full', async () => {
    const { a, civilCase } = await couple(gov);
    const book = (body: object) => request<CivilCase>(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments`, body);
    const dayAhead = (n: number) => formatCstDate(TEST_NOW + n * DAY_MS);
    const codes = async (body: object) => {
      const res = await book(body);
      return [res.status, res.body.error?.code, res.body.error?.fields];
    };
    expect(await codes({ officeId: OFFICE, date: dayAhead(0), window: 'pm2' })).toEqual([422, 'DATE_TOO_SOON', undefined]);
    expect(await codes({ officeId: OFFICE, date: dayAhead(-1), window: 'am1' })).toEqual([422, 'DATE_PAST', undefined]);
    expect(await codes({ officeId: OFFICE, date: dayAhead(16), window: 'am1' })).toEqual([422, 'DATE_TOO_FAR', undefined]);
    expect(await codes({ officeId: OFFICE, date: '2026-11-28', window: 'am1' })).toEqual([422, 'OFFICE_CLOSED', { date: 'OFFICE_CLOSED' }]);
    expect(await codes({ officeId: OFFICE, date: '2026-11-27', window: 'x9' })).toEqual([422, 'VALIDATION', { window: 'WINDOW_UNKNOWN' }]);
    expect(await codes({ officeId: 'gz-nowhere', date: '2026-02-30', window: 'am1' })).toEqual([422, 'VALIDATION', { officeId: 'OFFICE_NOT_FOUND', date: 'DATE_FORMAT' }]);
    const tianhe = await daysOf(gov, a, civilCase.id, BUSY_OFFICE);
    const fridays = tianhe.days.filter((d: OfficeDay) => d.weekday === 5);
    expect(fridays.map((d) => [d.status, d.remaining])).toEqual(fridays.map(() => ['full', 0]));
    expect(await codes({ officeId: BUSY_OFFICE, date: fridays[0].date, window: 'am1' })).toEqual([409, 'QUOTA_FULL', undefined]);
    expect((await caseOf(gov, a, civilCase.id)).status).toBe('accepted');
    // One booking; the second tap (a new key) is ALREADY_BOOKED, and the quota counts one place.
    const day = await firstOpen(gov, a, civilCase.id);
    expect((await book({ officeId: OFFICE, ...day })).status).toBe(201);
    expect(await codes({ officeId: OFFICE, ...day })).toEqual([409, 'ALREADY_BOOKED', undefined]);
    expect(await call<CivilCase>(gov, a, 'GET', `/civil/cases/${civilCase.id}`).then((c) => c.appointments.length)).toBe(1);
  });

  it('cancels by the day before at the latest (either person), and the case can be booked again', async () => {
    const { a, b, civilCase } = await couple(gov);
    const day = await firstOpen(gov, a, civilCase.id, OFFICE, 2);
    const booked = await call<CivilCase>(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, ...day });
    const appointment = booked.upcoming;
    if (!appointment) throw new Error('not booked');
    expect([appointment.canCancel, appointment.cancelUntil]).toEqual([true, cstMidnight(cstParts(Date.parse(`${day.date}T12:00:00+08:00`)))]);
    gov.clock.set(appointment.cancelUntil - 60000);
    const cancelled = await call<CivilCase>(gov, b, 'POST', `/civil/cases/${civilCase.id}/appointments/${appointment.id}/cancel`);
    expect([cancelled.status, cancelled.upcoming, cancelled.appointments[0].status]).toEqual(['accepted', null, 'cancelled']);
    expect(cancelled.timeline.slice(-1)[0]).toMatchObject({ kind: 'cancelled', by: 'you', appointment: 'marriage' });
    gov.clock.set(TEST_NOW);
    const again = await call<CivilCase>(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments`, { officeId: OFFICE, ...day });
    gov.clock.set((again.upcoming?.cancelUntil ?? 0) + 1);
    const late = await request(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments/${again.upcoming?.id}/cancel`);
    expect([late.status, late.body.error?.code]).toEqual([409, 'CANCEL_TOO_LATE']);
  });

  it('lets either person withdraw: appointments are cancelled, the code stops working, both see who and when', async () => {
    const { a, b, started, civilCase } = await couple(gov, 'r04', 'r05', true);
    const withdrawn = await call<CivilCase>(gov, b, 'POST', `/civil/cases/${civilCase.id}/withdraw`);
    expect([withdrawn.status, withdrawn.ended?.reason, withdrawn.ended?.by, withdrawn.upcoming]).toEqual(['withdrawn', 'withdrawn', 'you', null]);
    const seen = await caseOf(gov, a, civilCase.id);
    expect([seen.status, seen.ended?.by, seen.appointments[0].status, seen.canWithdraw]).toEqual(['withdrawn', 'other', 'cancelled', false]);
    expect((await request(gov, a, 'POST', `/civil/cases/${civilCase.id}/withdraw`)).body.error?.code).toBe('CASE_CLOSED');
    expect((await request(gov, await verifiedToken(gov.government, 'r06'), 'POST', '/civil/invitations/open', { code: started.invitation.code })).body.error?.code).toBe('INVITATION_REVOKED');
    // Both can start again.
    expect((await call<EligibilityResponse>(gov, a, 'GET', '/civil/eligibility?kind=marriage')).ineligible).toEqual([]);
  });

  it('lets the invited person decline: the case ends for the first, who sees a masked name', async () => {
    const a = await verifiedToken(gov.government, 'r04');
    const b = await verifiedToken(gov.government, 'r05');
    const started = await startMarriage(gov, a);
    expect((await call(gov, b, 'POST', `/civil/cases/${started.case.id}/decline`, { code: started.invitation.code }))).toMatchObject({ caseId: started.case.id });
    const seen = await caseOf(gov, a, started.case.id);
    expect([seen.status, seen.ended?.reason, seen.ended?.by]).toEqual(['declined', 'declined', 'other']);
    expect((await call<CasesResponse>(gov, b, 'GET', '/civil/cases')).items).toEqual([]);
    expect((await request(gov, b, 'POST', `/civil/cases/${started.case.id}/accept`, { code: started.invitation.code, declaration: true })).body.error?.code).toBe('INVITATION_REVOKED');
  });

  it('blocks booking for 15 days after 2 no-shows in 30 days (r06\'s seeded history), for either person of a couple', async () => {
    const zhao = await verifiedToken(gov.government, 'r06');
    const refused = await request(gov, zhao, 'POST', '/civil/cases', { kind: 'marriage', declaration: true });
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'NO_SHOW_BLOCKED']);
    // r05 starts and r06 joins once his block has ended: then they can book.
    gov.clock.advance(9 * DAY_MS);
    const { civilCase } = await couple(gov, 'r05', 'r06');
    expect(civilCase.ineligible).toEqual([]);
  });

  it('shows a case only to its two people, with masked IDs and no mobile', async () => {
    const { a, b, civilCase } = await couple(gov, 'r04', 'r05', true);
    const stranger = await verifiedToken(gov.government, 'r09');
    expect((await request(gov, stranger, 'GET', `/civil/cases/${civilCase.id}`)).status).toBe(404);
    for (const token of [a, b]) {
      const text = JSON.stringify(await caseOf(gov, token, civilCase.id)) + JSON.stringify(await call(gov, token, 'GET', '/civil/cases'));
      expectNoIdNumbers(text);
      expect(text).not.toMatch(/1380000000[45]/);
      expect(text).toContain('4401**********');
    }
  });
});

describe('civil-affairs agency: divorce and the cooling-off period', () => {
  let gov: TestGovernment;
  let a: string;
  let b: string;
  let id: string;
  /** The CST midnight of the application appointment's date: day 0. */
  let day0: number;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    const both = await couple(gov, 'r02', 'r03', true);
    ({ a, b } = both);
    id = both.civilCase.id;
    expect(both.started.case.certificateNumber).toBe(CERTIFICATES.r02r03);
    expect(both.civilCase.agreement).toBe(AGREEMENT);
    day0 = cstMidnight(cstParts(Date.parse(`${both.civilCase.upcoming?.date}T12:00:00+08:00`)));
  });

  /** Moves the clock to hh:mm CST of day `day`, where both sign in again (a session lasts 30 days). */
  async function at(day: number, hh: number, mm = 0): Promise<void> {
    gov.clock.set(day0 + day * DAY_MS + hh * HOUR + mm * 60000);
    a = await verifiedToken(gov.government, 'r02');
    b = await verifiedToken(gov.government, 'r03');
  }
  const bookCertificate = (token: string, day: number, window = 'am1') => request<CivilCase>(gov, token, 'POST', `/civil/cases/${id}/appointments`, { officeId: OFFICE, date: formatCstDate(day0 + day * DAY_MS + 12 * HOUR), window });

  it('starts cooling-off on the application day and counts it down for both', async () => {
    await at(0, 8);
    expect((await caseOf(gov, a, id)).status).toBe('booked');
    await at(0, 11);
    const day0View = await caseOf(gov, a, id);
    expect(day0View.status).toBe('cooling-off');
    expect(day0View.coolingOff).toEqual({
      applicationDate: formatCstDate(day0), day: 0, daysLeft: 30, endsOn: formatCstDate(day0 + 30 * DAY_MS + HOUR), certificateFrom: formatCstDate(day0 + 31 * DAY_MS + HOUR), certificateUntil: formatCstDate(day0 + 60 * DAY_MS + HOUR),
    });
    expect(day0View.ineligible).toEqual([{ code: 'COOLING_OFF', who: 'you', from: formatCstDate(day0 + 31 * DAY_MS + HOUR) }]);
    for (const token of [a, b]) expect((await caseOf(gov, token, id)).coolingOff?.daysLeft).toBe(30);
  });

  it('day 29 at 23:30 and day 30 all day: cooling-off (1 and 0 days left); the certificate cannot be booked yet', async () => {
    await at(29, 23, 30);
    const day29 = await caseOf(gov, b, id);
    expect([day29.status, day29.coolingOff?.day, day29.coolingOff?.daysLeft, day29.canWithdraw, day29.next]).toEqual(['cooling-off', 29, 1, true, null]);
    const early = await bookCertificate(a, weekdayFrom(day0, 31));
    expect([early.status, early.body.error?.code]).toEqual([409, 'COOLING_OFF']);
    expect((await request(gov, a, 'GET', `/civil/cases/${id}/offices/${OFFICE}/days`)).body.error?.code).toBe('COOLING_OFF');
    await at(30, 0, 30);
    expect([(await caseOf(gov, a, id)).coolingOff?.day, (await caseOf(gov, a, id)).coolingOff?.daysLeft]).toEqual([30, 0]);
    await at(30, 23, 59);
    expect((await caseOf(gov, a, id)).status).toBe('cooling-off');
  });

  it('day 31 from 00:00 CST: the certificate window opens for days 31 to 60 only', async () => {
    await at(31, 0, 1);
    const day31 = await caseOf(gov, a, id);
    expect(day31.status).toBe('certificate-window');
    expect(day31.next).toEqual({ kind: 'divorce-certificate', from: formatCstDate(day0 + 31 * DAY_MS + HOUR), until: formatCstDate(day0 + 60 * DAY_MS + HOUR) });
    expect(day31.timeline.map((e) => e.kind)).toContain('cooling-off-ended');
    const { days, kind } = (await call<{ days: OfficeDay[]; kind: string }>(gov, a, 'GET', `/civil/cases/${id}/offices/${OFFICE}/days`));
    expect(kind).toBe('divorce-certificate');
    expect(days[0].date).toBe(formatCstDate(day0 + 31 * DAY_MS + HOUR));
    expect(days.slice(-1)[0].date).toBe(formatCstDate(day0 + 60 * DAY_MS + HOUR));
    const beyond = await bookCertificate(a, 30);
    expect(beyond.body.error?.code).toBe('DATE_PAST');
    const ok = await bookCertificate(b, weekdayFrom(day0, 45), 'pm1');
    expect(ok.status).toBe(201);
    expect(ok.body.status).toBe('certificate-booked');
    // After it: divorced, both free to marry again.
    gov.clock.advance(20 * DAY_MS);
    expect((await caseOf(gov, a, id)).status).toBe('divorced');
    expect((await call<EligibilityResponse>(gov, a, 'GET', '/civil/eligibility?kind=divorce')).ineligible).toEqual([{ code: 'NOT_MARRIED', who: 'you' }]);
    expect((await call<EligibilityResponse>(gov, b, 'GET', '/civil/eligibility?kind=marriage')).ineligible).toEqual([]);
  });

  it('day 60: the last day; day 61 is outside; from day 61 the case shows as withdrawn by the registry', async () => {
    await at(60, 8);
    expect((await caseOf(gov, a, id)).status).toBe('certificate-window');
    const after = await bookCertificate(a, 61);
    expect([after.status, after.body.error?.code]).toEqual([422, 'DATE_OUTSIDE_WINDOW']);
    await at(61, 0, 0);
    const day61 = await caseOf(gov, b, id);
    expect([day61.status, day61.ended, day61.canWithdraw, day61.next]).toEqual(['withdrawn', { reason: 'expired', by: 'office', at: day0 + 61 * DAY_MS }, false, null]);
    expect(day61.timeline.slice(-1)[0]).toMatchObject({ kind: 'expired', by: 'office' });
    // Still married, and free to apply again.
    expect((await call<EligibilityResponse>(gov, a, 'GET', '/civil/eligibility?kind=divorce')).ineligible).toEqual([]);
  });

  it('lets either withdraw during cooling-off: the case ends for both, who both see why', async () => {
    await at(12, 10);
    const withdrawn = await call<CivilCase>(gov, b, 'POST', `/civil/cases/${id}/withdraw`);
    expect([withdrawn.status, withdrawn.ended?.by]).toEqual(['withdrawn', 'you']);
    const seen = await caseOf(gov, a, id);
    expect([seen.status, seen.ended?.reason, seen.ended?.by, seen.coolingOff]).toEqual(['withdrawn', 'withdrawn', 'other', null]);
    await at(40, 10);
    expect((await bookCertificate(a, weekdayFrom(day0, 45))).body.error?.code).toBe('CASE_CLOSED');
  });
});

describe('civil-affairs agency: divorce applications', () => {
  let gov: TestGovernment;
  beforeEach(() => {
    gov = createTestGovernment(createClock());
  });

  it('checks the certificate number: its format, that it is the applicant\'s marriage, and that the second person is the spouse', async () => {
    const li = await verifiedToken(gov.government, 'r02');
    const send = (certificateNumber: string) => request<StartCaseResponse>(gov, li, 'POST', '/civil/cases', { kind: 'divorce', certificateNumber, agreement: AGREEMENT, agreementAcknowledged: true });
    expect((await send('440106-2020-004512')).body.error?.fields).toEqual({ certificateNumber: 'CERTIFICATE_FORMAT' });
    expect((await send('J990106-2020-004512')).body.error?.fields).toEqual({ certificateNumber: 'CERTIFICATE_AREA' });
    expect((await send('J440106-2030-004512')).body.error?.fields).toEqual({ certificateNumber: 'CERTIFICATE_YEAR' });
    const other = await send(CERTIFICATES.r07r08);
    expect([other.status, other.body.error?.code, other.body.error?.fields]).toEqual([422, 'CERTIFICATE_NOT_FOUND', { certificateNumber: 'CERTIFICATE_NOT_FOUND' }]);
    // Spelled as people type it: lower case, spaces.
    const started = await send('j440305 2008 000316');
    expect(started.status).toBe(201);
    const { invitation, case: c } = started.body;
    expect(c.certificateNumber).toBe(CERTIFICATES.r02r03);
    // r08 is married, but not to r02: NOT_SPOUSE; the agreement must be acknowledged.
    const zhou = await verifiedToken(gov.government, 'r08');
    const wrong = await request(gov, zhou, 'POST', `/civil/cases/${c.id}/accept`, { code: invitation.code, agreementAcknowledged: true });
    expect([wrong.status, wrong.body.error?.code]).toEqual([403, 'NOT_SPOUSE']);
    const chen = await verifiedToken(gov.government, 'r03');
    expect((await request(gov, chen, 'POST', `/civil/cases/${c.id}/accept`, { code: invitation.code })).body.error?.fields).toEqual({ agreementAcknowledged: 'ACKNOWLEDGEMENT_REQUIRED' });
    expect((await request(gov, chen, 'POST', `/civil/cases/${c.id}/accept`, { code: invitation.code, agreementAcknowledged: true })).status).toBe(200);
  });

  it('asks for an agreement of 20 to 2000 characters and its acknowledgement, and keeps it as written', async () => {
    const li = await verifiedToken(gov.government, 'r02');
    const send = (body: object) => request(gov, li, 'POST', '/civil/cases', { kind: 'divorce', certificateNumber: CERTIFICATES.r02r03, ...body });
    expect((await send({ agreement: '太短', agreementAcknowledged: true })).body.error?.fields).toEqual({ agreement: 'AGREEMENT_TOO_SHORT' });
    expect((await send({ agreement: '   ', agreementAcknowledged: true })).body.error?.fields).toEqual({ agreement: 'REQUIRED' });
    expect((await send({ agreement: '字'.repeat(2001), agreementAcknowledged: true })).body.error?.fields).toEqual({ agreement: 'TOO_LONG' });
    expect((await send({ agreement: AGREEMENT })).body.error?.fields).toEqual({ agreementAcknowledged: 'ACKNOWLEDGEMENT_REQUIRED' });
    expect((await request(gov, li, 'POST', '/civil/cases', { kind: 'marriage' })).body.error?.fields).toEqual({ declaration: 'DECLARATION_REQUIRED' });
    expect((await request(gov, li, 'POST', '/civil/cases', { kind: 'adoption' })).body.error?.fields).toEqual({ kind: 'UNKNOWN_KIND' });
  });

  it('r12 and r13\'s seeded case: day 10 of cooling-off, both see it, neither can start another', async () => {
    const zheng = await verifiedToken(gov.government, 'r12');
    const lin = await verifiedToken(gov.government, 'r13');
    for (const token of [zheng, lin]) {
      const { items } = await call<CasesResponse>(gov, token, 'GET', '/civil/cases');
      expect(items.map((c) => [c.kind, c.status, c.coolingOff?.day, c.coolingOff?.daysLeft])).toEqual([['divorce', 'cooling-off', 10, 20]]);
      const view = await caseOf(gov, token, items[0].id);
      expect(view.certificateNumber).toBe(CERTIFICATES.r12r13);
      expect(view.appointments.map((x) => [x.kind, x.status])).toEqual([['divorce-application', 'attended']]);
    }
    const again = await request(gov, zheng, 'POST', '/civil/cases', { kind: 'divorce', certificateNumber: CERTIFICATES.r12r13, agreement: AGREEMENT, agreementAcknowledged: true });
    expect([again.status, again.body.error?.code]).toEqual([409, 'COOLING_OFF']);
  });
});
