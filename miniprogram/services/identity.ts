// Real-name identity: the session, SMS code, verification, face step, sign-out.
import type { Profile, SendSmsResponse, StartSessionResponse, VerifyRequest, WhoAmIResponse } from '../contracts/identity';
import { backendConfig } from '../config';
import { ServiceError } from '../core/errors';
import { clearPersonalData, loadSession, saveSession, type SessionState } from '../core/session';
import { normaliseIdNumber } from '../core/validation';
import { isFaceVerificationSupported, login, startFaceVerification } from '../core/wx';
import { api } from './api';

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

export function sendSmsCode(mobile: string): Promise<SendSmsResponse> {
  return withSession(() => api().send<SendSmsResponse>('POST', '/identity/sms', { mobile: mobile.trim() }));
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
 * Face verification with WeChat where the account may use it and a real government can check the
 * result; with the embedded government (which cannot ask WeChat) a simulated confirmation instead.
 */
export async function verifyFace(name: string, idNumber: string, confirmSimulated: () => Promise<boolean>): Promise<Profile | null> {
  let verifyResult = 'simulated';
  if (backendConfig.kind === 'http' && (await isFaceVerificationSupported())) {
    // WeChat checks the face against this name and ID; the device never keeps them, so ask again.
    if (!name.trim() || !idNumber.trim()) throw new ServiceError('FACE_NEEDS_ID', 'Name and ID number are needed for face verification');
    verifyResult = (await startFaceVerification(name, normaliseIdNumber(idNumber))).verifyResult;
  } else if (!(await confirmSimulated())) {
    return null;
  }
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
