// Newborn registration as parents meet it: the mother registers (naming her husband as the father), the
// bundle's items move on the working-day calendar, a late registration is accepted and flagged, the father
// applying waits for the mother's confirmation with his code, and what the government refuses.
import type { NewbornListResponse, NewbornRegistration, NewbornStartResponse } from '../../miniprogram/contracts/civil';
import { DAY_MS, formatCstDate } from '../../miniprogram/core/dates';
import { TEST_NOW, createClock, createTestGovernment, verifiedToken, type TestGovernment } from '../helpers/government';
import { call, request } from '../packages/civil/helpers';

const BABY = { birthCertificateNumber: 'R440123456', babyName: '周小雨', babySex: 'female', birthDate: formatCstDate(TEST_NOW - 10 * DAY_MS), hukouWith: 'mother', consent: true };

describe('newborn registration', () => {
  let gov: TestGovernment;
  let sun: string;
  let zhou: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    sun = await verifiedToken(gov.government, 'r07');
    zhou = await verifiedToken(gov.government, 'r08');
  });

  it('the mother registers once; both parents see the items move over five working days, masked', async () => {
    const started = await call<NewbornStartResponse>(gov, sun, 'POST', '/civil/newborn', { ...BABY, applicant: 'mother', fatherNamed: true });
    expect(started.invitation).toBeNull();
    const r = started.registration;
    expect(r).toMatchObject({
      status: 'processing', applicant: 'you', late: false, hukouWith: 'mother', hukouArea: '广东省深圳市****',
      baby: { nameMasked: '**雨', sex: 'female', birthMonth: BABY.birthDate.slice(0, 7) }, certificateMasked: 'R44*****456',
      mother: { name: '孙丽', idMasked: '4403**********0049' }, father: { name: '周强', idMasked: '4406**********0054' },
    });
    expect(r.reference).toMatch(/^NB20261122\d{6}$/);
    // Sunday 2026-11-22: the first working day is Monday the 23rd, the fifth Friday the 27th.
    expect(r.items.map((i) => [i.item, i.status, i.doneBy])).toEqual([
      ['birth-record', 'processing', '2026-11-23'], ['hukou', 'processing', '2026-11-25'], ['medical-insurance', 'processing', '2026-11-26'], ['social-security-card', 'processing', '2026-11-27'],
    ]);
    expect(JSON.stringify(started)).not.toMatch(/周小雨|R440123456/);
    gov.clock.set(Date.parse('2026-11-25T18:00:00+08:00'));
    const father = (await call<NewbornListResponse>(gov, zhou, 'GET', '/civil/newborn')).items;
    expect(father.map((x) => [x.applicant, x.items.map((i) => i.status).join(',')])).toEqual([['other', 'done,done,processing,processing']]);
    gov.clock.set(Date.parse('2026-11-27T17:00:00+08:00'));
    expect((await call<NewbornRegistration>(gov, sun, 'GET', `/civil/newborn/${r.id}`)).status).toBe('done');
    // Another person's registration reads as missing.
    expect((await request(gov, await verifiedToken(gov.government, 'r02'), 'GET', `/civil/newborn/${r.id}`)).status).toBe(404);
  });

  it('accepts a registration more than a month after the birth and flags it late', async () => {
    const birthDate = '2026-10-15';
    const { registration } = await call<NewbornStartResponse>(gov, sun, 'POST', '/civil/newborn', { ...BABY, birthDate, applicant: 'mother', fatherNamed: false });
    expect([registration.late, registration.dueBy, registration.father]).toEqual([true, '2026-11-15', null]);
  });

  it('the father applies; the mother confirms with his code, and only then do the items start', async () => {
    const started = await call<NewbornStartResponse>(gov, zhou, 'POST', '/civil/newborn', { ...BABY, applicant: 'father', hukouWith: 'father' });
    expect(started.registration.status).toBe('awaiting-mother');
    expect(started.registration.items.every((i) => i.status === 'waiting')).toBe(true);
    const code = started.invitation?.code ?? '';
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    const id = started.registration.id;
    const stranger = await verifiedToken(gov.government, 'r03');
    expect((await request(gov, stranger, 'POST', `/civil/newborn/${id}/confirm`, { code })).body.error?.code).toBe('NOT_MOTHER');
    expect((await request(gov, zhou, 'POST', `/civil/newborn/${id}/confirm`, { code })).body.error?.code).toBe('INVITATION_OWN');
    const confirmed = await call<NewbornRegistration>(gov, sun, 'POST', `/civil/newborn/${id}/confirm`, { code });
    expect([confirmed.status, confirmed.applicant, confirmed.hukouArea]).toEqual(['processing', 'other', '广东省佛山市****']);
    expect((await request(gov, sun, 'POST', `/civil/newborn/${id}/confirm`, { code })).body.error?.code).toBe('ALREADY_CONFIRMED');
    expect((await request(gov, zhou, 'POST', `/civil/newborn/${id}/withdraw`)).body.error?.code).toBe('NOT_WITHDRAWABLE');
  });

  it('refuses bad input, each with its own code, and registers a certificate once', async () => {
    const send = (token: string, body: object) => request(gov, token, 'POST', '/civil/newborn', { ...BABY, applicant: 'mother', fatherNamed: true, ...body });
    const fields = async (token: string, body: object) => (await send(token, body)).body.error?.fields;
    expect(await fields(sun, { birthCertificateNumber: '440123456' })).toEqual({ birthCertificateNumber: 'BIRTH_CERTIFICATE_FORMAT' });
    expect(await fields(sun, { birthDate: formatCstDate(TEST_NOW + DAY_MS) })).toEqual({ birthDate: 'BIRTH_DATE_FUTURE' });
    expect(await fields(sun, { birthDate: '1990-01-01' })).toEqual({ birthDate: 'BIRTH_BEFORE_MOTHER' });
    expect(await fields(sun, { consent: false })).toEqual({ consent: 'CONSENT_REQUIRED' });
    expect(await fields(sun, { babyName: '  ' })).toEqual({ babyName: 'REQUIRED' });
    expect(await fields(zhou, {})).toEqual({ applicant: 'APPLICANT_MISMATCH' });
    const single = await verifiedToken(gov.government, 'r05');
    expect((await send(single, {})).body.error?.code).toBe('NO_SPOUSE');
    expect(await fields(single, { fatherNamed: false, hukouWith: 'father' })).toEqual({ hukouWith: 'NO_FATHER' });
    expect((await send(sun, {})).status).toBe(201);
    const again = await send(sun, { birthCertificateNumber: 'r 440123456' });
    expect([again.status, again.body.error?.fields]).toEqual([409, { birthCertificateNumber: 'BIRTH_CERTIFICATE_USED' }]);
  });

  it('gives the father who applied a new code while the mother has not confirmed; a replay carries no code; nobody else gets one', async () => {
    const started = await call<NewbornStartResponse>(gov, zhou, 'POST', '/civil/newborn', { ...BABY, applicant: 'father', hukouWith: 'father' });
    const id = started.registration.id;
    const first = started.invitation?.code ?? '';
    // On the mother's list at once, waiting for her.
    expect((await call<NewbornListResponse>(gov, sun, 'GET', '/civil/newborn')).items.map((r) => [r.id, r.status, r.applicant])).toEqual([[id, 'awaiting-mother', 'other']]);
    const fresh = await request<{ code: string; caseId: string }>(gov, zhou, 'POST', `/civil/newborn/${id}/invitation`, {}, 'nb-new-code');
    expect([fresh.status, fresh.body.caseId]).toEqual([201, id]);
    expect(fresh.body.code).toMatch(/^[0-9A-Z]{8}$/);
    expect(fresh.body.code).not.toBe(first);
    const replay = await request<{ code: string }>(gov, zhou, 'POST', `/civil/newborn/${id}/invitation`, {}, 'nb-new-code');
    expect([replay.status, replay.body.code]).toEqual([201, '']);
    expect((await request(gov, sun, 'POST', `/civil/newborn/${id}/invitation`)).body.error?.code).toBe('NOT_APPLICANT');
    expect((await request(gov, await verifiedToken(gov.government, 'r02'), 'POST', `/civil/newborn/${id}/invitation`)).status).toBe(404);
    expect((await request(gov, sun, 'POST', `/civil/newborn/${id}/confirm`, { code: first })).body.error?.code).toBe('INVITATION_REVOKED');
    await call(gov, sun, 'POST', `/civil/newborn/${id}/confirm`, { code: fresh.body.code });
    expect((await request(gov, zhou, 'POST', `/civil/newborn/${id}/invitation`)).body.error?.code).toBe('NOT_AWAITING_MOTHER');
    // Me > records: the father for applying, the mother for confirming; each opens the registration.
    const records = async (token: string) => (await call<{ items: { kind: string; detail: Record<string, string> }[] }>(gov, token, 'GET', '/records')).items.filter((r) => r.kind === 'newborn-registration');
    expect((await records(zhou)).map((r) => r.detail.registrationId)).toEqual([id]);
    expect((await records(sun)).map((r) => r.detail.registrationId)).toEqual([id]);
  });
});
