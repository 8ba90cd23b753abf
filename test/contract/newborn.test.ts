/** @jest-environment node */
// Newborn registration through the newborn package's service, on both targets: the mother registers
// naming her husband, or the father applies and the mother confirms with his code (across a restart);
// a certificate used once, a spouse who is not on the register, codes and records that are not theirs.
import type { NewbornRequest } from '../../miniprogram/contracts/civil';
import { confirmRegistration, getRegistration, listRegistrations, newCode, register, withdrawRegistration } from '../../miniprogram/packages/newborn/service';
import { codeOf, raw, refusal, refused, signIn, targets, useTarget } from './suite';

const birth = (certificate: string, applicant: NewbornRequest['applicant'], fatherNamed = true): NewbornRequest => ({
  birthCertificateNumber: certificate,
  babyName: '周小宝',
  babySex: 'female',
  birthDate: '2026-11-10',
  applicant,
  fatherNamed,
  hukouWith: 'mother',
  consent: true,
});

describe.each(targets())('civil: newborn (%s)', (_name, target) => {
  useTarget(target);

  it('the mother registers naming her husband: the four items start at once; a replay is the same registration', async () => {
    await signIn(target, 'r07');
    const key = `newborn-${target.name}-1`;
    const { registration, invitation } = await register(birth('R440100001', 'mother'), key);
    expect([registration.status, invitation, registration.items.length]).toEqual(['processing', null, 4]);
    expect(registration.certificateMasked).not.toContain('440100001');
    expect(JSON.stringify(registration)).not.toContain('周小宝');
    expect((await register(birth('R440100001', 'mother'), key)).registration.id).toBe(registration.id);
    expect((await listRegistrations()).items.filter((r) => r.id === registration.id)).toHaveLength(1);
    const used = await refusal(register(birth('R440100001', 'mother'), `newborn-${target.name}-2`));
    expect([used.status, used.code, used.fields]).toEqual([409, 'BIRTH_CERTIFICATE_USED', { birthCertificateNumber: 'BIRTH_CERTIFICATE_USED' }]);
  });

  it('the father applies, the government restarts, the mother confirms with his code', async () => {
    await signIn(target, 'r08');
    const { registration, invitation } = await register(birth('R440100002', 'father'), `newborn-${target.name}-3`);
    expect(registration.status).toBe('awaiting-mother');
    if (!invitation?.code) throw new Error('the father gets a code');
    await target.restart();
    await signIn(target, 'r07');
    expect((await getRegistration(registration.id)).status).toBe('awaiting-mother');
    expect(await refused(confirmRegistration(registration.id, 'ZZZZ2345', `confirm-${target.name}-0`))).toEqual([404, 'INVITATION_NOT_FOUND']);
    const confirmed = await confirmRegistration(registration.id, invitation.code, `confirm-${target.name}-1`);
    expect(confirmed.status).toBe('processing');
    expect(await refused(confirmRegistration(registration.id, invitation.code, `confirm-${target.name}-2`))).toEqual([409, 'ALREADY_CONFIRMED']);
  });

  it('the father cannot confirm his own code, only the parents read it, a new code revokes the old one', async () => {
    await signIn(target, 'r08');
    const { registration, invitation } = await register(birth('R440100003', 'father'), `newborn-${target.name}-4`);
    if (!invitation?.code) throw new Error('the father gets a code');
    expect(await refused(confirmRegistration(registration.id, invitation.code, `confirm-${target.name}-3`))).toEqual([409, 'INVITATION_OWN']);
    const fresh = await newCode(registration.id, `code-${target.name}-1`);
    expect(fresh.code).toHaveLength(8);
    await signIn(target, 'r06');
    expect(await refused(getRegistration(registration.id))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(withdrawRegistration(registration.id, `withdraw-${target.name}-0`))).toEqual([404, 'NOT_FOUND']);
    await signIn(target, 'r07');
    expect(await refused(confirmRegistration(registration.id, invitation.code, `confirm-${target.name}-4`))).toEqual([410, 'INVITATION_REVOKED']);
    await signIn(target, 'r08');
    expect((await withdrawRegistration(registration.id, `withdraw-${target.name}-1`)).status).toBe('withdrawn');
  });

  it('a single mother naming a father is NO_SPOUSE; bad bodies are 4xx with a code', async () => {
    const token = await signIn(target, 'r05');
    expect(await refused(register(birth('R440100004', 'mother'), `newborn-${target.name}-5`))).toEqual([403, 'NO_SPOUSE']);
    const format = await refusal(register({ ...birth('R44', 'mother', false), consent: false }, `newborn-${target.name}-6`));
    expect([format.status, format.code, format.fields]).toEqual([422, 'VALIDATION', { birthCertificateNumber: 'BIRTH_CERTIFICATE_FORMAT', consent: 'CONSENT_REQUIRED' }]);
    const broken = await raw(target, 'POST', '/civil/newborn', { token, body: '{"babyName":' });
    expect([broken.status, codeOf(broken)]).toEqual([400, 'BAD_REQUEST']);
  });
});
