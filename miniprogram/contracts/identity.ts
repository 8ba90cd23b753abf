// Identity agency contract: session bootstrap, real-name verification, face step, who-am-I.

export type IdentityLevel = 'anonymous' | 'verified' | 'face';
export type Sex = 'male' | 'female';

export interface StartSessionRequest { code: string }
export interface StartSessionResponse { token: string; level: IdentityLevel; expiresAt: number }

export interface SendSmsRequest { mobile: string }
export interface SendSmsResponse {
  sentTo: string;
  expiresInSec: number;
  resendAfterSec: number;
  /** Only in the embedded (mock) government, so a tester can read the code. */
  devCode?: string;
}

export interface VerifyRequest { name: string; idNumber: string; mobile: string; smsCode: string }

export interface FaceVerifyRequest { verifyResult: string }

export interface Profile {
  level: IdentityLevel;
  nameMasked: string;
  idMasked: string;
  mobileMasked: string;
  sex: Sex;
  age: number;
  newResident: boolean;
}

export interface WhoAmIResponse { level: IdentityLevel; profile: Profile | null }

/**
 * What the government keeps after a person deletes their data, because a law makes it (docs/api.md):
 * payments: paid and refund-due orders, accounting records; traffic-records: the police's notices on
 * vehicles once bound; resident-register: the population register's own entry; security-limits: wrong
 * code and failed bind counters, until they run out; medical-appointments: hospital bookings, which are part
 * of the outpatient record (Medical Record Management Provisions art. 29: 15 years).
 */
export type KeptKind = 'payments' | 'traffic-records' | 'resident-register' | 'security-limits' | 'medical-appointments' | 'marriage-register' | 'passport-register' | 'reports-register';
export interface KeptData { kind: KeptKind; count: number; until: number | null }
/** DELETE /identity/me: what was deleted (counts by kind) and what is kept, no longer used for anything else. */
export interface DeleteMyDataResponse { deleted: Record<string, number>; kept: KeptData[] }

/** Field reason codes the identity agency answers with. */
export type IdentityFieldCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'NAME_CHARS'
  | 'ID_LENGTH'
  | 'ID_CHARS'
  | 'ID_BIRTH_DATE'
  | 'ID_FUTURE_BIRTH'
  | 'ID_CHECKSUM'
  | 'MOBILE_FORMAT'
  | 'SMS_FORMAT'
  | 'SMS_WRONG'
  | 'SMS_EXPIRED'
  | 'NAME_MISMATCH'
  | 'MOBILE_MISMATCH';
