// Review of issue 12, newborn registration as an attacker tries it: another family's registration id on
// every endpoint, the mother confirming a withdrawn registration (or one whose father deleted his data),
// replays, malformed bodies (never a 500, nothing stored), a restart between applying and confirming, the
// CST boundaries of "late" and "in the future", and the child's data in answers, saved answers and storage.
import type { NewbornRegistration, NewbornStartResponse } from '../../miniprogram/contracts/civil';
import { createGovernment } from '../../miniprogram/mock/index';
import { createClock, createTestGovernment, expectNoIdNumbers, memoryStorage, TEST_MERCHANT_KEY, verifiedToken, type TestGovernment } from '../helpers/government';
import { call, request } from '../packages/civil/helpers';

const BABY = { birthCertificateNumber: 'R440123456', babyName: '周小雨', babySex: 'female', birthDate: '2026-11-12', hukouWith: 'mother', consent: true };
const cst = (text: string): number => Date.parse(`${text}+08:00`);
let keys = 0;

describe('review: newborn registration under attack', () => {
  let gov: TestGovernment;
  let sun: string;
  let zhou: string;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    sun = await verifiedToken(gov.government, 'r07');
    zhou = await verifiedToken(gov.government, 'r08');
  });

  const fatherApplies = () => call<NewbornStartResponse>(gov, zhou, 'POST', '/civil/newborn', { ...BABY, applicant: 'father', hukouWith: 'father' });

  it('another family\'s registration reads as missing on every endpoint, and nothing changes', async () => {
    const started = await fatherApplies();
    const id = started.registration.id;
    const stranger = await verifiedToken(gov.government, 'r03');
    const before = gov.snapshot();
    expect((await request(gov, stranger, 'GET', `/civil/newborn/${id}`)).status).toBe(404);
    expect((await request(gov, stranger, 'POST', `/civil/newborn/${id}/invitation`)).status).toBe(404);
    expect((await request(gov, stranger, 'POST', `/civil/newborn/${id}/withdraw`)).status).toBe(404);
    expect((await call<{ items: unknown[] }>(gov, stranger, 'GET', '/civil/newborn')).items).toEqual([]);
    expect(gov.snapshot()).toBe(before);
    // A stranger with the right code is still not the mother.
    const res = await request(gov, stranger, 'POST', `/civil/newborn/${id}/confirm`, { code: started.invitation?.code });
    expect([res.status, res.body.error?.code]).toEqual([403, 'NOT_MOTHER']);
    expect(JSON.stringify(res.body)).not.toMatch(/周|孙|R44/);
    // And the code still works for the mother afterwards.
    expect((await call<NewbornRegistration>(gov, sun, 'POST', `/civil/newborn/${id}/confirm`, { code: started.invitation?.code })).status).toBe('processing');
  });

  it('the mother cannot confirm a withdrawn registration, nor one whose father deleted his data', async () => {
    const started = await fatherApplies();
    const id = started.registration.id;
    await call(gov, zhou, 'POST', `/civil/newborn/${id}/withdraw`);
    const res = await request(gov, sun, 'POST', `/civil/newborn/${id}/confirm`, { code: started.invitation?.code });
    expect([res.status, res.body.error?.code]).toEqual([410, 'INVITATION_REVOKED']);
    expect((await call<NewbornRegistration>(gov, sun, 'GET', `/civil/newborn/${id}`)).status).toBe('withdrawn');
    // The certificate is free again: the mother registers herself.
    const again = await call<NewbornStartResponse>(gov, sun, 'POST', '/civil/newborn', { ...BABY, applicant: 'mother', fatherNamed: true });
    expect(again.registration.status).toBe('processing');

    const other = await call<NewbornStartResponse>(gov, zhou, 'POST', '/civil/newborn', { ...BABY, birthCertificateNumber: 'R440123457', applicant: 'father', hukouWith: 'father' });
    const gone = await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${zhou}`, 'idempotency-key': 'forget-zhou' } });
    expect(gone.status).toBe(200);
    const late = await request(gov, sun, 'POST', `/civil/newborn/${other.registration.id}/confirm`, { code: other.invitation?.code });
    expect([late.status, late.body.error?.code]).toEqual([410, 'INVITATION_REVOKED']);
  });

  it('a replay gives the first answer without the code; the same key with another body is refused; a new key is a conflict', async () => {
    const body = { ...BABY, applicant: 'father', hukouWith: 'father' };
    const first = await request<NewbornStartResponse>(gov, zhou, 'POST', '/civil/newborn', body, 'nb-replay');
    const again = await request<NewbornStartResponse>(gov, zhou, 'POST', '/civil/newborn', body, 'nb-replay');
    expect([first.status, again.status, again.body.registration.id]).toEqual([201, 201, first.body.registration.id]);
    expect(first.body.invitation?.code).toMatch(/^[0-9A-Z]{8}$/);
    expect(again.body.invitation?.code).toBe('');
    const other = await request(gov, zhou, 'POST', '/civil/newborn', { ...body, babyName: '周小雪' }, 'nb-replay');
    expect([other.status, other.body.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    const fresh = await request(gov, zhou, 'POST', '/civil/newborn', body);
    expect(fresh.body.error?.code).toBe('BIRTH_CERTIFICATE_USED');
    // The mother's own key of the same name replays nothing of his.
    const hers = await request<NewbornStartResponse>(gov, sun, 'POST', '/civil/newborn', body, 'nb-replay');
    expect(hers.body.error?.code).toBe('APPLICANT_MISMATCH');
    expect(JSON.stringify(gov.government.inspect().idempotency)).not.toContain(first.body.invitation?.code ?? 'none');
  });

  it('never answers 500 to odd bodies or ids, and stores nothing for them', async () => {
    const before = gov.snapshot();
    const odd: unknown[] = [
      [], 'text', 42, null, { ...BABY, applicant: 'mother', birthDate: '2026-02-30' }, { ...BABY, applicant: ['mother'] }, { ...BABY, applicant: 'mother', consent: 'yes' },
      { ...BABY, applicant: 'mother', babyName: { zh: 'x' } }, { ...BABY, applicant: 'mother', birthCertificateNumber: 'R'.repeat(21) }, { ...BABY, applicant: 'mother', fatherNamed: 'true' },
      { ...BABY, applicant: '__proto__' }, { ...BABY, applicant: 'mother', hukouWith: 'constructor' }, { ...BABY, applicant: 'mother', babyName: '\u200b\u200b' },
      { ...BABY, applicant: 'mother', birthDate: '0000-01-01' }, { ...BABY, applicant: 'mother', babyName: 'x'.repeat(70 * 1024) },
    ];
    for (const sent of odd) {
      const res = await gov.government.handle({ method: 'POST', path: '/civil/newborn', headers: { authorization: `Bearer ${sun}`, 'idempotency-key': `nb-odd-${(keys += 1)}` }, body: JSON.stringify(sent) });
      expect([JSON.stringify(sent).slice(0, 60), res.status >= 400 && res.status < 500]).toEqual([JSON.stringify(sent).slice(0, 60), true]);
    }
    for (const id of ['__proto__', 'constructor', '%E4%B8%AD', 'nb-0000000000']) {
      expect((await request(gov, sun, 'GET', `/civil/newborn/${id}`)).status).toBe(404);
      expect((await request(gov, sun, 'POST', `/civil/newborn/${id}/confirm`, { code: 'ABCD2345' })).status).toBeLessThan(500);
    }
    expect((await request(gov, sun, 'POST', '/civil/newborn/x/confirm', { code: { length: 8 } })).status).toBe(422);
    // Only the counted wrong guesses (limits) may have changed.
    const parts = (text: string | undefined) => (text ?? '').split('\n').filter((line) => !line.includes('limits'));
    expect(parts(gov.snapshot())).toEqual(parts(before));
  });

  it('a restart between the father applying and the mother confirming: the code still works once', async () => {
    const started = await fatherApplies();
    const restarted = { government: createGovernment({ clock: gov.clock, seed: 7, secret: 'test-secret', storage: memoryStorage(gov.stored), config: { exposeSmsCode: true, allowSimulatedFace: true }, checkWrites: true, merchant: { key: TEST_MERCHANT_KEY, refund: () => null } }) };
    const confirmed = await call<NewbornRegistration>(restarted, sun, 'POST', `/civil/newborn/${started.registration.id}/confirm`, { code: started.invitation?.code });
    expect(confirmed.status).toBe('processing');
    expect((await request(restarted, sun, 'POST', `/civil/newborn/${started.registration.id}/confirm`, { code: started.invitation?.code })).body.error?.code).toBe('ALREADY_CONFIRMED');
  });

  it('flags late from 00:00 CST of the day after the month is up, and takes a birth today in CST at 00:30', async () => {
    const register = (birthDate: string, certificate: string) =>
      call<NewbornStartResponse>(gov, sun, 'POST', '/civil/newborn', { ...BABY, birthDate, birthCertificateNumber: certificate, applicant: 'mother', fatherNamed: false });
    // Born 22 October: due by 22 November.
    gov.clock.set(cst('2026-11-22T23:59:59'));
    expect((await register('2026-10-22', 'R440000001')).registration).toMatchObject({ late: false, dueBy: '2026-11-22' });
    gov.clock.set(cst('2026-11-23T00:00:00'));
    expect((await register('2026-10-22', 'R440000002')).registration).toMatchObject({ late: true, dueBy: '2026-11-22' });
    // Born 31 January: due by the last day of February.
    expect((await register('2026-01-31', 'R440000003')).registration.dueBy).toBe('2026-02-28');
    // 00:30 CST is still the previous day in UTC: today is today in CST, tomorrow is the future.
    gov.clock.set(cst('2026-11-24T00:30:00'));
    expect((await register('2026-11-24', 'R440000004')).registration.late).toBe(false);
    const future = await request(gov, sun, 'POST', '/civil/newborn', { ...BABY, birthDate: '2026-11-25', birthCertificateNumber: 'R440000005', applicant: 'mother', fatherNamed: false });
    expect(future.body.error?.fields).toEqual({ birthDate: 'BIRTH_DATE_FUTURE' });
  });

  it('keeps the child\'s full name and certificate number out of every answer, saved answer, record and the stored state\'s certificate', async () => {
    const started = await fatherApplies();
    await call(gov, sun, 'POST', `/civil/newborn/${started.registration.id}/confirm`, { code: started.invitation?.code });
    const answers = JSON.stringify([
      started,
      await call(gov, sun, 'GET', '/civil/newborn'),
      await call(gov, zhou, 'GET', `/civil/newborn/${started.registration.id}`),
      await call(gov, sun, 'GET', '/records'),
      await call(gov, zhou, 'GET', '/records'),
    ]);
    expect(answers).not.toContain('周小雨');
    expect(answers).not.toContain('R440123456');
    expect(answers).not.toContain('2026-11-12');
    expectNoIdNumbers(answers);
    const saved = JSON.stringify(gov.government.inspect().idempotency);
    expect(saved).not.toContain('周小雨');
    expect(saved).not.toContain('R440123456');
    expectNoIdNumbers(gov.snapshot());
    expect(gov.snapshot()).not.toContain('R440123456');
  });
});
