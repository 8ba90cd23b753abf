// Real-name identity: the session, SMS code, verification, face step, sign-out.
import type { DeleteMyDataResponse, Profile, SendSmsResponse, StartSessionResponse, VerifyRequest, WhoAmIResponse } from '../contracts/identity';
import { ServiceError } from '../core/errors';
import { clearPersonalData, loadSession, saveSession, type SessionState } from '../core/session';
import { normaliseIdNumber } from '../core/validation';
import { standIns } from '../core/stand-ins';
import { isFaceVerificationSupported, login, startFaceVerification } from '../core/wx';
import { api, readyStandIns } from './api';
import { hasUnconfirmedPayments, settleUnconfirmedPayments } from './payments';

export async function ensureSession(): Promise<SessionState> {
  const session = await loadSession();
  if (session.token) return session;
  let code: string;
  try {
    code = (await login()).code;
  } catch (err) {
    throw new ServiceError('NETWORK', err instanceof Error ? err.message : 'wx.login failed');
  }
  const started = await api().send<StartSessionResponse>('POST', '/identity/session', { code });
  return saveSession(started.token, null);
}

/** Runs `call` with a session; if the government forgot the session, starts a new one once. */
async function withSession<T>(call: () => Promise<T>): Promise<T> {
  await ensureSession();
  try {
    return await call();
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'UNAUTHENTICATED') {
      await ensureSession();
      return call();
    }
    throw err;
  }
}

/** A code on its way: where to, when another may be asked for, and anything a test setup must say. */
export interface CodeSent { sentTo: string; expiresInSec: number; resendAfterSec: number; note: string }

export async function sendSmsCode(mobile: string): Promise<CodeSent> {
  const sent = await withSession(() => api().send<SendSmsResponse>('POST', '/identity/sms', { mobile: mobile.trim() }));
  return { sentTo: sent.sentTo, expiresInSec: sent.expiresInSec, resendAfterSec: sent.resendAfterSec, note: standIns()?.codeNote(sent) ?? '' };
}

async function remember(answer: WhoAmIResponse): Promise<Profile> {
  const session = await loadSession();
  if (!session.token || !answer.profile) throw new ServiceError('NOT_VERIFIED', 'not verified');
  await saveSession(session.token, answer.profile);
  return answer.profile;
}

export async function verifyIdentity(form: VerifyRequest): Promise<Profile> {
  const body: VerifyRequest = {
    name: form.name.trim(),
    idNumber: normaliseIdNumber(form.idNumber),
    mobile: form.mobile.replace(/\s+/g, ''),
    smsCode: form.smsCode.trim(),
  };
  const answer = await withSession(() => api().send<WhoAmIResponse>('POST', '/identity/verify', body));
  return remember(answer);
}

/**
 * Face verification with WeChat, whose result the government checks; where a stand-in is installed
 * (a government that cannot ask WeChat) the stand-in instead. Null when the resident cancels.
 */
export async function verifyFace(name: string, idNumber: string): Promise<Profile | null> {
  const standIn = await readyStandIns();
  let verifyResult: string | null;
  if (standIn) {
    verifyResult = await standIn.face();
  } else {
    if (!(await isFaceVerificationSupported())) throw new ServiceError('FACE_UNAVAILABLE', 'WeChat face verification is not available on this device');
    // WeChat checks the face against this name and ID; the device never keeps them, so ask again.
    if (!name.trim() || !idNumber.trim()) throw new ServiceError('FACE_NEEDS_ID', 'Name and ID number are needed for face verification');
    verifyResult = (await startFaceVerification(name, normaliseIdNumber(idNumber))).verifyResult;
  }
  if (verifyResult === null) return null;
  const answer = await api().send<WhoAmIResponse>('POST', '/identity/face', { verifyResult });
  return remember(answer);
}

export async function refreshIdentity(): Promise<SessionState> {
  const session = await loadSession();
  if (!session.token) return session;
  const answer = await api().get<WhoAmIResponse>('/identity/me');
  if (!answer.profile) return saveSession(session.token, null);
  return saveSession(session.token, answer.profile);
}

export async function signOut(): Promise<void> {
  const session = await loadSession();
  if (session.token) {
    // Forget the session here even if the government cannot be reached.
    await api().send('DELETE', '/identity/session').catch(() => undefined);
  }
  clearPersonalData();
}

/**
 * Withdraws consent and deletes what the government holds about the person (what a law keeps is listed
 * in the answer), then everything personal on the device. Refused while a payment WeChat Pay took is
 * unconfirmed: it is settled first, or its receipt or refund would have no trace left.
 */
export async function deleteMyData(): Promise<DeleteMyDataResponse | null> {
  await settleUnconfirmedPayments();
  if (hasUnconfirmedPayments()) {
    throw new ServiceError('DELETE_PAYMENT_UNCONFIRMED', 'A payment WeChat Pay took is not confirmed yet; it must be settled before deleting', 409);
  }
  let answer: DeleteMyDataResponse | null;
  try {
    answer = await api().send<DeleteMyDataResponse>('DELETE', '/identity/me');
  } catch (err) {
    // The session is gone: most likely an earlier try deleted everything and its answer was lost. The
    // device forgets the person either way; what the government did is then not known here (null).
    if (!(err instanceof ServiceError && err.code === 'UNAUTHENTICATED')) throw err;
    answer = null;
  }
  clearPersonalData();
  return answer;
}
