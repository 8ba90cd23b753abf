// Input-shape checks mirrored from the government for feedback before a round trip.
import { isRealDate, cstParts, type CivilDate } from './dates';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** GB 11643-1999 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'REQUIRED' | 'ID_LENGTH' | 'ID_CHARS' | 'ID_BIRTH_DATE' | 'ID_FUTURE_BIRTH' | 'ID_CHECKSUM';

export function idBirthDate(id: string): CivilDate {
  return { year: Number(id.slice(6, 10)), month: Number(id.slice(10, 12)), day: Number(id.slice(12, 14)) };
}

/** Checks an 18-character resident ID; `nowMs` decides what "in the future" means (CST). */
export function checkIdNumber(raw: string, nowMs: number): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (id.length === 0) return 'REQUIRED';
  if (id.length !== 18) return 'ID_LENGTH';
  if (!/^\d{17}[\dX]$/.test(id)) return 'ID_CHARS';
  const birth = idBirthDate(id);
  if (birth.year < 1900 || !isRealDate(birth)) return 'ID_BIRTH_DATE';
  const today = cstParts(nowMs);
  const birthKey = birth.year * 10000 + birth.month * 100 + birth.day;
  if (birthKey > today.year * 10000 + today.month * 100 + today.day) return 'ID_FUTURE_BIRTH';
  if (idCheckChar(id) !== id[17]) return 'ID_CHECKSUM';
  return null;
}

export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** Sequence digits 15-17: odd is male, even is female. */
export function idSex(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

/** `11010519491231002X` -> `1101**********002X` */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return id;
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export type MobileProblem = 'REQUIRED' | 'MOBILE_FORMAT';

/** The 11 digits as one number is written many ways: `138 0000 0002`, `138-0000-0002`, `+86 13800000002`. */
export function normaliseMobile(raw: string): string {
  return raw.replace(/[\s\-()]+/g, '').replace(/^(\+86|0086)(?=1\d{10}$)/, '');
}

export function checkMobile(raw: string): MobileProblem | null {
  const mobile = normaliseMobile(raw);
  if (mobile.length === 0) return 'REQUIRED';
  return /^1[3-9]\d{9}$/.test(mobile) ? null : 'MOBILE_FORMAT';
}

/** `13800000001` -> `138****0001` */
export function maskMobile(raw: string): string {
  const mobile = normaliseMobile(raw);
  // Anything but 11 digits is never shown back as typed.
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '***';
}

export type NameProblem = 'REQUIRED' | 'TOO_LONG' | 'NAME_CHARS';

/** Chinese names (with the middle dot used in minority names) or Latin letters and spaces. */
export function checkPersonName(raw: string): NameProblem | null {
  const name = raw.trim();
  if (name.length === 0) return 'REQUIRED';
  if (name.length > 30) return 'TOO_LONG';
  return /^[\u4e00-\u9fa5·]{2,30}$/.test(name) || /^[A-Za-z][A-Za-z .'-]{1,29}$/.test(name) ? null : 'NAME_CHARS';
}

/** `王芳` -> `*芳`, `欧阳娜娜` -> `**娜娜`-style: keep the last character only. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return name;
  return `${'*'.repeat(chars.length - 1)}${chars[chars.length - 1]}`;
}

export function checkSmsCode(raw: string): 'REQUIRED' | 'SMS_FORMAT' | null {
  const code = raw.trim();
  if (code.length === 0) return 'REQUIRED';
  return /^\d{6}$/.test(code) ? null : 'SMS_FORMAT';
}

export type CertificateProblem = 'REQUIRED' | 'CERTIFICATE_FORMAT' | 'CERTIFICATE_AREA' | 'CERTIFICATE_YEAR';

/** `j440106 2020 004512` -> `J440106-2020-004512`: upper case, spaces and dashes as the format has them. */
export function normaliseCertificate(raw: string): string {
  const compact = raw.replace(/[\s\-–—_]+/g, '').toUpperCase();
  const m = /^J(\d{6})(\d{4})(\d{6})$/.exec(compact);
  return m ? `J${m[1]}-${m[2]}-${m[3]}` : compact;
}

/**
 * A marriage certificate number (结婚证字号): J, the issuing office's 6-digit area code (a province
 * code 11 to 82), the year of registration (1950, the first Marriage Law, to this year in CST), and a
 * 6-digit sequence, as in `J440106-2020-004512`.
 */
export function checkCertificate(raw: string, nowMs: number): CertificateProblem | null {
  const value = normaliseCertificate(raw);
  if (value.length === 0) return 'REQUIRED';
  const m = /^J(\d{6})-(\d{4})-(\d{6})$/.exec(value);
  if (!m) return 'CERTIFICATE_FORMAT';
  const province = Number(m[1].slice(0, 2));
  if (province < 11 || province > 82) return 'CERTIFICATE_AREA';
  const year = Number(m[2]);
  if (year < 1950 || year > cstParts(nowMs).year) return 'CERTIFICATE_YEAR';
  return Number(m[3]) === 0 ? 'CERTIFICATE_FORMAT' : null;
}

export type BirthCertificateProblem = 'REQUIRED' | 'BIRTH_CERTIFICATE_FORMAT';

/** A birth medical certificate number (出生医学证明编号): one capital letter and 9 digits, e.g. R440123456; spaces dropped. */
export function checkBirthCertificate(raw: string): BirthCertificateProblem | null {
  const value = normaliseBirthCertificate(raw);
  if (value.length === 0) return 'REQUIRED';
  return /^[A-Z]\d{9}$/.test(value) ? null : 'BIRTH_CERTIFICATE_FORMAT';
}

export function normaliseBirthCertificate(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}
