// Identity agency: session bootstrap, SMS code, real-name verification, face step, who-am-I.
import type { Profile, SendSmsResponse, StartSessionResponse, WhoAmIResponse } from '../contracts/identity';
import { DAY_MS, ageOn } from '../core/dates';
import {
  checkIdNumber,
  checkMobile,
  checkPersonName,
  checkSmsCode,
  idBirthDate,
  idSex,
  maskIdNumber,
  maskMobile,
  maskName,
  normaliseIdNumber,
  normaliseMobile,
} from '../core/validation';
import { BodyReader, HttpError, invalid } from './http';
import { created, ok, type Context, type Route } from './router';
import { CAST } from './seed';
import { addRecord, nextReference, own, type GovernmentState, type PersonRecord, type SessionRecord } from './store';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** Sessions nobody verified that are kept; starting one more drops the oldest of them. */
export const MAX_ANONYMOUS_SESSIONS = 1000;
/** Codes one session may have sent in a day. */
export const SMS_PER_SESSION_PER_DAY = 5;
export const SMS_TTL_MS = 5 * 60 * 1000;
export const SMS_RESEND_MS = 60 * 1000;
export const SMS_MAX_ATTEMPTS = 5;

/** The cast as the government's people, keyed by a hash of the ID number. */
export function seedPeople(state: GovernmentState, hash: (text: string) => string): void {
  CAST.forEach((member) => {
    const id = `p-${member.key}`;
    state.people[id] = {
      id,
      idHash: hash(member.idNumber),
      idMasked: maskIdNumber(member.idNumber),
      name: member.name,
      mobile: member.mobile,
      sex: idSex(member.idNumber),
      birth: idBirthDate(member.idNumber),
      marital: member.marital,
      castKey: member.key,
    };
  });
}

export function profileOf(person: PersonRecord, session: SessionRecord, now: number): Profile {
  return {
    level: session.level,
    nameMasked: maskName(person.name),
    idMasked: person.idMasked,
    mobileMasked: maskMobile(person.mobile),
    sex: person.sex,
    age: ageOn(person.birth, now),
    newResident: !person.castKey,
  };
}

function whoAmI(ctx: Context): WhoAmIResponse {
  const session = ctx.session;
  const person = session?.personId ? own(ctx.state.people, session.personId) : undefined;
  if (!session || !person) return { level: 'anonymous', profile: null };
  return { level: session.level, profile: profileOf(person, session, ctx.now) };
}

function startSession(ctx: Context) {
  const reader = new BodyReader(ctx.body);
  reader.string('code', { max: 128 });
  reader.done();
  // Sessions nobody verified are capped: past the cap the oldest goes (its app starts another when it
  // next asks), so starting sessions in a loop cannot fill the government's storage.
  const anonymous = Object.values(ctx.state.sessions).filter((other) => other.personId === null);
  if (anonymous.length >= MAX_ANONYMOUS_SESSIONS) {
    anonymous.sort((a, b) => a.createdAt - b.createdAt).slice(0, anonymous.length - MAX_ANONYMOUS_SESSIONS + 1).forEach((old) => delete ctx.state.sessions[old.token]);
  }
  const token = `tk_${ctx.random.hex(32)}`;
  const session: SessionRecord = { token, personId: null, level: 'anonymous', createdAt: ctx.now, expiresAt: ctx.now + SESSION_TTL_MS };
  ctx.state.sessions[token] = session;
  const answer: StartSessionResponse = { token, level: 'anonymous', expiresAt: session.expiresAt };
  return created(answer);
}

function sendSms(ctx: Context) {
  const reader = new BodyReader(ctx.body);
  const mobile = normaliseMobile(reader.string('mobile', { max: 20 }));
  if (mobile) {
    const problem = checkMobile(mobile);
    if (problem) reader.flag('mobile', problem);
  }
  reader.done();
  const session = ctx.session;
  const sent = session?.smsSent && ctx.now - session.smsSent.since < DAY_MS ? session.smsSent : { count: 0, since: ctx.now };
  if (sent.count >= SMS_PER_SESSION_PER_DAY) {
    const wait = Math.ceil((sent.since + DAY_MS - ctx.now) / 1000);
    throw new HttpError(429, 'RATE_LIMITED', `This session has had ${SMS_PER_SESSION_PER_DAY} codes today; try again later`, undefined, wait);
  }
  const previous = own(ctx.state.limits.sms, mobile);
  if (previous && ctx.now - previous.sentAt < SMS_RESEND_MS) {
    const wait = Math.ceil((SMS_RESEND_MS - (ctx.now - previous.sentAt)) / 1000);
    throw new HttpError(429, 'RATE_LIMITED', `A code was sent less than a minute ago; wait ${wait} s`, undefined, wait);
  }
  const code = ctx.random.digits(6);
  ctx.state.limits.sms[mobile] = { code, sentAt: ctx.now, expiresAt: ctx.now + SMS_TTL_MS, attempts: 0 };
  if (session) session.smsSent = { count: sent.count + 1, since: sent.since };
  const answer: SendSmsResponse = { sentTo: maskMobile(mobile), expiresInSec: SMS_TTL_MS / 1000, resendAfterSec: SMS_RESEND_MS / 1000 };
  if (ctx.config.exposeSmsCode) answer.devCode = code;
  return ok(answer);
}

function verify(ctx: Context) {
  const session = ctx.session as SessionRecord;
  const reader = new BodyReader(ctx.body);
  const name = reader.string('name', { max: 30, trim: true });
  const idNumber = normaliseIdNumber(reader.string('idNumber', { max: 18 }));
  const mobile = normaliseMobile(reader.string('mobile', { max: 20 }));
  const smsCode = reader.string('smsCode', { max: 6 });
  if (name) {
    const problem = checkPersonName(name);
    if (problem) reader.flag('name', problem);
  }
  if (idNumber) {
    const problem = checkIdNumber(idNumber, ctx.now);
    if (problem) reader.flag('idNumber', problem);
  }
  if (mobile) {
    const problem = checkMobile(mobile);
    if (problem) reader.flag('mobile', problem);
  }
  if (smsCode) {
    const problem = checkSmsCode(smsCode);
    if (problem) reader.flag('smsCode', problem);
  }
  reader.done();

  const sms = own(ctx.state.limits.sms, mobile);
  if (!sms) throw invalid({ smsCode: 'SMS_WRONG' }, 'Request a code for this mobile number first');
  if (sms.attempts >= SMS_MAX_ATTEMPTS) {
    throw new HttpError(429, 'RATE_LIMITED', 'Too many wrong codes; request a new one', undefined, Math.ceil(SMS_RESEND_MS / 1000));
  }
  if (sms.expiresAt <= ctx.now) throw invalid({ smsCode: 'SMS_EXPIRED' }, 'The code has expired; request a new one');
  if (sms.code !== smsCode) {
    sms.attempts += 1;
    throw invalid({ smsCode: 'SMS_WRONG' }, 'The code does not match the one we sent');
  }

  const idHash = ctx.hash(idNumber);
  let person = Object.values(ctx.state.people).find((p) => p.idHash === idHash);
  if (person) {
    const fields: Record<string, string> = {};
    if (person.name !== name) fields.name = 'NAME_MISMATCH';
    else if (person.mobile !== mobile) fields.mobile = 'MOBILE_MISMATCH';
    if (Object.keys(fields).length) {
      // A mismatch uses up a try, so the code cannot be used to guess whose ID this is.
      sms.attempts += 1;
      throw new HttpError(422, 'IDENTITY_MISMATCH', 'The details do not match the resident record', fields);
    }
  } else {
    const id = `p-${ctx.random.hex(12)}`;
    person = {
      id,
      idHash,
      idMasked: maskIdNumber(idNumber),
      name,
      mobile,
      sex: idSex(idNumber),
      birth: idBirthDate(idNumber),
      marital: 'single',
    };
    ctx.state.people[id] = person;
  }
  delete ctx.state.limits.sms[mobile];
  session.personId = person.id;
  session.level = 'verified';
  if (!(ctx.state.records[person.id] ?? []).some((r) => r.kind === 'identity-verified')) {
    addRecord(ctx.state, person.id, {
      id: `rec-${ctx.random.hex(10)}`,
      kind: 'identity-verified',
      at: ctx.now,
      reference: nextReference(ctx.state, 'ID', ctx.now),
      detail: { idMasked: person.idMasked },
    });
  }
  return ok(whoAmI(ctx));
}

function verifyFace(ctx: Context & { session: SessionRecord; person: PersonRecord }) {
  const reader = new BodyReader(ctx.body);
  const verifyResult = reader.string('verifyResult', { max: 512 });
  reader.done();
  // A real result would be checked with WeChat server to server, which a mock cannot do: only the
  // embedded government's own simulated result is accepted, and only where it is allowed.
  if (verifyResult !== 'simulated' || !ctx.config.allowSimulatedFace) {
    throw new HttpError(422, 'FACE_FAILED', 'Face verification could not be confirmed', { verifyResult: 'FACE_FAILED' });
  }
  // A second confirmation of the same session (a double tap) is no second face check.
  if (ctx.session.level === 'face') return ok(whoAmI(ctx));
  ctx.session.level = 'face';
  addRecord(ctx.state, ctx.person.id, {
    id: `rec-${ctx.random.hex(10)}`,
    kind: 'face-verified',
    at: ctx.now,
    reference: nextReference(ctx.state, 'FV', ctx.now),
    detail: {},
  });
  return ok(whoAmI(ctx));
}

function endSession(ctx: Context) {
  if (ctx.token && own(ctx.state.sessions, ctx.token)) delete ctx.state.sessions[ctx.token];
  return ok({ ended: true });
}

export const identityRoutes: Route[] = [
  { method: 'POST', path: '/identity/session', auth: 'none', summary: 'Start a session from a wx.login code', handle: startSession },
  { method: 'DELETE', path: '/identity/session', auth: 'session', summary: 'Sign out: end this session', handle: endSession },
  { method: 'GET', path: '/identity/me', auth: 'session', summary: 'Who am I: level and masked profile', handle: (ctx) => ok(whoAmI(ctx)) },
  { method: 'POST', path: '/identity/sms', auth: 'session', summary: 'Send an SMS code to a mobile number', handle: sendSms },
  { method: 'POST', path: '/identity/verify', auth: 'session', summary: 'Real-name verification', handle: verify },
  { method: 'POST', path: '/identity/face', auth: 'verified', summary: 'Face verification step', handle: verifyFace },
];
