/** @jest-environment node */
// Identity through the app's services, against the embedded government and the same over HTTP: a
// resident verifies, wrong answers are named beside their field, tokens that are not a verified
// person's are refused, and a verified session survives the government's restart.
import { clearSession, currentSession, saveSession } from '../../miniprogram/core/session';
import { ensureSession, refreshIdentity, sendSmsCode, signOut, verifyIdentity } from '../../miniprogram/services/identity';
import { listVehicles } from '../../miniprogram/services/fines';
import { resident } from '../helpers/government';
import { codeOf, freshGovernment, raw, refusal, refused, signIn, targets, useTarget } from './suite';

describe.each(targets())('identity (%s)', (_name, target) => {
  useTarget(target);

  it('a resident verifies with the code sent to their mobile and sees only masked details', async () => {
    const wang = resident('r01');
    await ensureSession();
    const sent = await sendSmsCode(wang.mobile);
    expect(sent).toMatchObject({ sentTo: '138****0001', expiresInSec: 300, resendAfterSec: 60 });
    const profile = await verifyIdentity({ name: wang.name, idNumber: wang.idNumber, mobile: wang.mobile, smsCode: target.smsCode(wang.mobile) });
    expect(profile).toMatchObject({ level: 'verified', nameMasked: '*芳', mobileMasked: '138****0001', sex: 'female', age: 76 });
    expect(JSON.stringify(profile)).not.toContain(wang.idNumber);
    expect((await refreshIdentity()).level).toBe('verified');
  });

  it('a wrong code, a name that does not match and a wrong check character are named beside their fields', async () => {
    const chen = resident('r03');
    await ensureSession();
    await sendSmsCode(chen.mobile);
    const code = target.smsCode(chen.mobile);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await refusal(verifyIdentity({ name: chen.name, idNumber: chen.idNumber, mobile: chen.mobile, smsCode: wrongCode }));
    expect([wrong.status, wrong.code, wrong.fields]).toEqual([422, 'VALIDATION', { smsCode: 'SMS_WRONG' }]);
    const mismatch = await refusal(verifyIdentity({ name: '张三', idNumber: chen.idNumber, mobile: chen.mobile, smsCode: code }));
    expect([mismatch.status, mismatch.code, mismatch.fields]).toEqual([422, 'IDENTITY_MISMATCH', { name: 'NAME_MISMATCH' }]);
    const checksum = await refusal(verifyIdentity({ name: chen.name, idNumber: '340524198001010013', mobile: chen.mobile, smsCode: code }));
    expect([checksum.status, checksum.fields.idNumber]).toEqual([422, 'ID_CHECKSUM']);
    // Still the right code works: the refusals changed nothing but the counter of wrong tries.
    expect((await verifyIdentity({ name: chen.name, idNumber: chen.idNumber, mobile: chen.mobile, smsCode: code })).level).toBe('verified');
  });

  it('a second code within a minute is refused with how long to wait, and sent once the minute is over', async () => {
    const sun = resident('r07');
    await ensureSession();
    await sendSmsCode(sun.mobile);
    const again = await refusal(sendSmsCode(sun.mobile));
    expect([again.status, again.code]).toEqual([429, 'RATE_LIMITED']);
    expect(again.retryAfterSec).toBeGreaterThan(0);
    // Over HTTP the wait is also the Retry-After header, and every answer allows the preview's origin.
    const headers = target.responseHeaders();
    expect([headers?.['retry-after'], headers?.['access-control-allow-origin']]).toEqual(target.name === 'http' ? [String(again.retryAfterSec), '*'] : [undefined, undefined]);
    // A minute later on the government's clock, another code goes out.
    target.advance(61_000);
    expect((await sendSmsCode(sun.mobile)).sentTo).toBe('138****0007');
  });

  it('without a token a verified endpoint answers 401, and with an anonymous session 403 NOT_VERIFIED', async () => {
    expect(await refused(listVehicles())).toEqual([401, 'UNAUTHENTICATED']);
    const anonymous = await ensureSession();
    expect(await refused(listVehicles())).toEqual([403, 'NOT_VERIFIED']);
    expect(anonymous.token).toMatch(/^tk_[0-9a-f]{32}$/);
  });

  it('a forged token or a prototype key is no session: 401, and the device forgets it', async () => {
    await saveSession(`tk_${'0'.repeat(32)}`, null);
    expect(await refused(listVehicles())).toEqual([401, 'UNAUTHENTICATED']);
    expect(currentSession().token).toBeUndefined();
    for (const token of ['__proto__', 'constructor']) {
      const res = await raw(target, 'GET', '/fines/vehicles', { token });
      expect([res.status, codeOf(res)]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it('a body that is not JSON is 400 BAD_REQUEST, an empty one names the missing fields', async () => {
    const { token } = await ensureSession();
    const broken = await raw(target, 'POST', '/identity/verify', { token, body: '{"name": "李明",' });
    expect([broken.status, codeOf(broken)]).toEqual([400, 'BAD_REQUEST']);
    const empty = await raw(target, 'POST', '/identity/verify', { token, body: '' });
    expect([empty.status, codeOf(empty)]).toEqual([422, 'VALIDATION']);
    const list = await raw(target, 'POST', '/identity/sms', { token, body: '[1,2]' });
    expect([list.status, codeOf(list)]).toEqual([400, 'BAD_REQUEST']);
  });

  it('an unknown path is 404 and a wrong method 405, both with a code', async () => {
    const nowhere = await raw(target, 'GET', '/identity/nowhere');
    expect([nowhere.status, codeOf(nowhere)]).toEqual([404, 'NOT_FOUND']);
    const method = await raw(target, 'PUT', '/identity/session', { body: '{}' });
    expect([method.status, codeOf(method)]).toEqual([405, 'METHOD_NOT_ALLOWED']);
  });

  it('after signing out the old token is refused', async () => {
    const token = await signIn(target, 'r09');
    await signOut();
    const res = await raw(target, 'GET', '/identity/me', { token });
    expect([res.status, codeOf(res)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('a verified session survives the government restarting', async () => {
    const token = await signIn(target, 'r08');
    await target.restart();
    clearSession();
    await saveSession(token, null);
    const session = await refreshIdentity();
    expect(session.level).toBe('verified');
    expect(session.profile?.nameMasked).toBe('*强');
  });

  it('a government started again from the seed knows no earlier session: 401, and the app starts a new one', async () => {
    const token = await signIn(target, 'r12');
    await freshGovernment(target);
    expect(await refused(listVehicles())).toEqual([401, 'UNAUTHENTICATED']);
    expect(currentSession().token).toBeUndefined();
    const zheng = resident('r12');
    // The SMS call starts a session of its own first; the number's one-a-minute limit is gone with the old state.
    await sendSmsCode(zheng.mobile);
    const session = await ensureSession();
    expect(session.token).not.toBe(token);
    expect((await verifyIdentity({ name: zheng.name, idNumber: zheng.idNumber, mobile: zheng.mobile, smsCode: target.smsCode(zheng.mobile) })).level).toBe('verified');
  });

  it('the http target\'s requests crossed a real socket, the embedded target\'s none', () => {
    expect(target.wire.requests > 0).toBe(target.name === 'http');
  });
});
