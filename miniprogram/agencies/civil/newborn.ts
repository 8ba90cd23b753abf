// Newborn registration (出生一件事), part of the civil-affairs agency: one submission by the mother (or by
// the father, the mother confirming with the code he is given, as in marriage) makes the bundle's items,
// each done by its working day after the start (mock/calendar.ts): the birth record, the hukou, medical
// insurance, the social security card. Registration more than a month after the birth is accepted and
// flagged late (户口登记条例 art. 7). The child's data is sensitive (PIPL art. 28 and 31): a separate
// consent, only the fields needed, and every answer masks the name, the certificate and the birth day.
import {
  CIVIL_AGENCY,
  INVITATION_HOURS,
  NEWBORN_DUE_MONTHS,
  NEWBORN_ITEMS,
  type Invitation,
  type NewbornListResponse,
  type NewbornRegistration,
  type NewbornStartResponse,
} from '../../contracts/civil';
import { cstMidnight, cstParts, formatCivilDate, isRealDate, type CivilDate } from '../../core/dates';
import { checkBirthCertificate, checkPersonName, maskName, normaliseBirthCertificate } from '../../core/validation';
import type { AgencyKit } from '../../mock/agency';
import type { InvitationBook } from '../../mock/invitations';
import type { Context, Route, VerifiedContext } from '../../mock/router';
import type { GovernmentState, PersonRecord } from '../../mock/store';

/** Its own key in the government's state, apart from the marriage cases. */
export const NEWBORN_STATE = `${CIVIL_AGENCY}.newborn`;
const INVITATION_AGENCY = `${CIVIL_AGENCY}-newborn`;

interface NewbornRecord {
  id: string;
  reference: string;
  applicant: 'mother' | 'father';
  mother: string;
  father: string | null;
  babyName: string;
  babySex: 'male' | 'female';
  birthDate: string;
  certificateDigest: string;
  certificateMasked: string;
  hukouWith: 'mother' | 'father';
  submittedAt: number;
  consentAt: number;
  confirmedAt: number | null;
  withdrawnAt: number | null;
}

interface NewbornState {
  records: Record<string, NewbornRecord>;
  byPerson: Record<string, string[]>;
  /** Certificate digest -> the registration that used it. */
  byCertificate: Record<string, string>;
  invitations: InvitationBook;
}

/** What newborn registration needs of the rest of the agency: who a person's spouse is on the marriage register. */
export interface NewbornDeps {
  spouseOf(state: GovernmentState, personId: string, now: number): string | null;
  /** What a replayed answer keeps: the invitation without its code (only its digest is stored). */
  withoutCode(body: unknown): unknown;
}

const PROVINCES: Record<string, string> = { '11': '北京市', '34': '安徽省', '44': '广东省' };
const CITIES: Record<string, string> = { '4401': '广州市', '4403': '深圳市', '4406': '佛山市', '3405': '六安市' };

/** The household's area from the parent's resident ID area code, the rest masked. */
const areaOf = (idMasked: string): string => `${PROVINCES[idMasked.slice(0, 2)] ?? ''}${CITIES[idMasked.slice(0, 4)] ?? ''}****`;

export function createNewborn(kit: AgencyKit, deps: NewbornDeps): { routes: Route[]; forget(state: GovernmentState, personId: string, now: number): number } {
  const { dict, own, agencyState, peekAgency } = kit.store;
  const { HttpError, notFound, conflict } = kit.http;
  const empty = (): NewbornState => ({ records: dict(), byPerson: dict(), byCertificate: dict(), invitations: kit.invitations.empty() });
  const write = (ctx: Context): NewbornState => agencyState<NewbornState>(ctx.state, NEWBORN_STATE, empty);
  const read = (ctx: Context): NewbornState => peekAgency<NewbornState>(ctx.state, NEWBORN_STATE) ?? empty();
  const personOf = (state: GovernmentState, id: string | null): PersonRecord | undefined => (id ? own(state.people, id) : undefined);

  const civilOf = (text: string): CivilDate | null => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return null;
    const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    return isRealDate(date) ? date : null;
  };
  const dueOf = (birth: CivilDate): CivilDate => {
    const month = birth.month + NEWBORN_DUE_MONTHS;
    const due = { year: birth.year + Math.floor((month - 1) / 12), month: ((month - 1) % 12) + 1, day: birth.day };
    // 31 January + a month is the last day of February.
    while (!isRealDate(due)) due.day -= 1;
    return due;
  };

  function view(ctx: Context, record: NewbornRecord, reader: string): NewbornRegistration {
    const birth = civilOf(record.birthDate) ?? { year: 2000, month: 1, day: 1 };
    const mother = personOf(ctx.state, record.mother);
    const father = personOf(ctx.state, record.father);
    const start = record.confirmedAt;
    const items = NEWBORN_ITEMS.map(({ item, days }) => {
      if (start === null || record.withdrawnAt !== null) return { item, status: 'waiting' as const, doneBy: '', doneAt: null };
      const day = kit.calendar.addWorkingDays(start, days);
      const doneAt = cstMidnight(day) + 17 * 3600 * 1000;
      return { item, status: ctx.now >= doneAt ? ('done' as const) : ('processing' as const), doneBy: formatCivilDate(day), doneAt: ctx.now >= doneAt ? doneAt : null };
    });
    const status = record.withdrawnAt !== null ? 'withdrawn' : start === null ? 'awaiting-mother' : items.every((i) => i.status === 'done') ? 'done' : 'processing';
    const due = dueOf(birth);
    const parent = record.hukouWith === 'mother' ? mother : father;
    return {
      id: record.id,
      reference: record.reference,
      status,
      applicant: (record.applicant === 'mother' ? record.mother : record.father) === reader ? 'you' : 'other',
      appliedBy: record.applicant,
      baby: { nameMasked: maskName(record.babyName), sex: record.babySex, birthMonth: record.birthDate.slice(0, 7) },
      certificateMasked: record.certificateMasked,
      mother: { name: mother?.name ?? '', idMasked: mother?.idMasked ?? '' },
      father: father ? { name: father.name, idMasked: father.idMasked } : null,
      hukouWith: record.hukouWith,
      hukouArea: parent ? areaOf(parent.idMasked) : '',
      late: cstMidnight(cstParts(record.submittedAt)) > cstMidnight(due),
      dueBy: formatCivilDate(due),
      submittedAt: record.submittedAt,
      confirmedAt: record.confirmedAt,
      withdrawnAt: record.withdrawnAt,
      items,
    };
  }

  const file = (s: NewbornState, personId: string, id: string): void => {
    s.byPerson[personId] = [...(own(s.byPerson, personId) ?? []), id];
  };

  function ownRecord(ctx: VerifiedContext, s: NewbornState): NewbornRecord {
    const record = own(s.records, ctx.params.registrationId);
    if (!record || (record.mother !== ctx.person.id && record.father !== ctx.person.id)) throw notFound('No such registration among yours');
    return record;
  }

  function start(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const certificate = normaliseBirthCertificate(reader.string('birthCertificateNumber', { max: 20, trim: true }));
    const babyName = reader.string('babyName', { max: 30, trim: true, visibleOnly: true });
    const babySex = reader.string('babySex', { max: 10 });
    const birthText = reader.string('birthDate', { max: 10 });
    const applicant = reader.string('applicant', { max: 10 });
    const fatherNamed = reader.boolean('fatherNamed', { optional: true });
    const hukouWith = reader.string('hukouWith', { max: 10 });
    const consent = reader.boolean('consent', { optional: true });
    if (certificate) {
      const problem = checkBirthCertificate(certificate);
      if (problem) reader.flag('birthCertificateNumber', problem);
    }
    if (babyName) {
      const problem = checkPersonName(babyName);
      if (problem) reader.flag('babyName', problem);
    }
    if (babySex && babySex !== 'male' && babySex !== 'female') reader.flag('babySex', 'UNKNOWN_SEX');
    const birth = birthText ? civilOf(birthText) : null;
    if (birthText && !birth) reader.flag('birthDate', 'DATE_FORMAT');
    if (applicant && applicant !== 'mother' && applicant !== 'father') reader.flag('applicant', 'UNKNOWN_APPLICANT');
    if (hukouWith && hukouWith !== 'mother' && hukouWith !== 'father') reader.flag('hukouWith', 'UNKNOWN_PARENT');
    if (consent !== true) reader.flag('consent', 'CONSENT_REQUIRED');
    reader.done();
    if (!birth || (applicant !== 'mother' && applicant !== 'father') || (hukouWith !== 'mother' && hukouWith !== 'father') || (babySex !== 'male' && babySex !== 'female')) {
      throw kit.http.invalid({});
    }
    // Who the parents are: the applicant, and the applicant's spouse on the marriage register.
    const wantSex = applicant === 'mother' ? 'female' : 'male';
    if (ctx.person.sex !== wantSex) throw new HttpError(422, 'APPLICANT_MISMATCH', `The applicant as ${applicant} must be the child's ${applicant}`, { applicant: 'APPLICANT_MISMATCH' });
    const spouse = deps.spouseOf(ctx.state, ctx.person.id, ctx.now);
    const withFather = applicant === 'father' || fatherNamed === true;
    if (withFather && !spouse) throw new HttpError(403, 'NO_SPOUSE', 'No spouse on the marriage register to name as the other parent');
    const mother = applicant === 'mother' ? ctx.person.id : spouse ?? '';
    const father = applicant === 'father' ? ctx.person.id : withFather ? spouse : null;
    if (hukouWith === 'father' && !father) throw new HttpError(422, 'VALIDATION', 'The child can join the father\'s household only when the father is named', { hukouWith: 'NO_FATHER' });
    const today = cstParts(ctx.now);
    const key = (d: CivilDate): number => d.year * 10000 + d.month * 100 + d.day;
    if (key(birth) > key(today)) throw new HttpError(422, 'VALIDATION', 'The birth date is in the future', { birthDate: 'BIRTH_DATE_FUTURE' });
    const motherRecord = personOf(ctx.state, mother);
    if (motherRecord && key(birth) <= key(motherRecord.birth)) throw new HttpError(422, 'VALIDATION', 'The birth date is before the mother\'s own', { birthDate: 'BIRTH_BEFORE_MOTHER' });
    const s = write(ctx);
    const digest = ctx.hash(`birth-certificate|${certificate}`);
    if (own(s.byCertificate, digest)) throw new HttpError(409, 'BIRTH_CERTIFICATE_USED', 'A child with this birth certificate is already registered', { birthCertificateNumber: 'BIRTH_CERTIFICATE_USED' });
    const record: NewbornRecord = {
      id: `nb-${ctx.random.hex(10)}`,
      reference: kit.store.nextReference(ctx.state, 'NB', ctx.now),
      applicant,
      mother,
      father,
      babyName,
      babySex,
      birthDate: formatCivilDate(birth),
      certificateDigest: digest,
      certificateMasked: `${certificate.slice(0, 3)}*****${certificate.slice(-3)}`,
      hukouWith,
      submittedAt: ctx.now,
      consentAt: ctx.now,
      confirmedAt: applicant === 'mother' ? ctx.now : null,
      withdrawnAt: null,
    };
    s.records[record.id] = record;
    s.byCertificate[digest] = record.id;
    // Both parents see it in their lists: the mother named by the father's application sees it waiting for her code.
    file(s, ctx.person.id, record.id);
    const other = applicant === 'mother' ? father : mother;
    if (other) file(s, other, record.id);
    addRegistrationRecord(ctx, record);
    const invitation = applicant === 'father' ? makeInvitation(ctx, s, record) : null;
    const answer: NewbornStartResponse = { registration: view(ctx, record, ctx.person.id), invitation };
    return kit.reply.created(answer);
  }

  function makeInvitation(ctx: VerifiedContext, s: NewbornState, record: NewbornRecord): Invitation {
    const made = kit.invitations.invite(ctx, s.invitations, INVITATION_AGENCY, record.id, ctx.person.id, INVITATION_HOURS * 3600 * 1000);
    return { code: made.code, expiresAt: made.expiresAt, caseId: record.id };
  }

  /** Me > records: who applied, and the mother when she confirms. */
  function addRegistrationRecord(ctx: VerifiedContext, record: NewbornRecord): void {
    kit.store.addRecord(ctx.state, ctx.person.id, {
      id: `rec-${ctx.random.hex(10)}`,
      kind: 'newborn-registration',
      at: ctx.now,
      reference: record.reference,
      detail: { registrationId: record.id, reference: record.reference },
    });
  }

  /** The father, while the mother has not confirmed: a new code (the first is shown once); earlier codes stop working. */
  function newInvitation(ctx: VerifiedContext) {
    const s = write(ctx);
    const record = ownRecord(ctx, s);
    if (record.applicant !== 'father' || record.father !== ctx.person.id) throw conflict('NOT_APPLICANT', 'Only the father who applied gets a code for the mother');
    if (record.confirmedAt !== null || record.withdrawnAt !== null) throw conflict('NOT_AWAITING_MOTHER', 'This registration is no longer waiting for the mother');
    // invite() revokes the case's earlier codes: one code works at a time.
    return kit.reply.created(makeInvitation(ctx, s, record));
  }

  function list(ctx: VerifiedContext) {
    const s = read(ctx);
    const answer: NewbornListResponse = {
      items: (own(s.byPerson, ctx.person.id) ?? []).map((id) => s.records[id]).sort((a, b) => b.submittedAt - a.submittedAt).map((r) => view(ctx, r, ctx.person.id)),
    };
    return kit.reply.ok(answer);
  }

  const get = (ctx: VerifiedContext) => kit.reply.ok(view(ctx, ownRecord(ctx, read(ctx)), ctx.person.id));

  /** The mother confirms the father's application with his code: the items start now. */
  function confirm(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const code = reader.string('code', { max: 20, trim: true });
    reader.done();
    const s = write(ctx);
    const invitation = kit.invitations.open(ctx, s.invitations, INVITATION_AGENCY, code, ctx.person.id);
    if (invitation.caseId !== ctx.params.registrationId) throw conflict('INVITATION_OTHER_CASE', 'This code belongs to another registration');
    const record = own(s.records, invitation.caseId);
    if (!record || record.withdrawnAt !== null) throw new HttpError(410, 'INVITATION_REVOKED', 'This registration was withdrawn');
    if (record.mother !== ctx.person.id) throw new HttpError(403, 'NOT_MOTHER', 'Only the child\'s mother (the father\'s spouse on the register) confirms');
    if (record.confirmedAt !== null) throw conflict('ALREADY_CONFIRMED', 'This registration is already confirmed');
    kit.invitations.use(invitation, ctx.person.id, ctx.now);
    record.confirmedAt = ctx.now;
    if (!(own(s.byPerson, ctx.person.id) ?? []).includes(record.id)) file(s, ctx.person.id, record.id);
    addRegistrationRecord(ctx, record);
    return kit.reply.ok(view(ctx, record, ctx.person.id));
  }

  /** Either parent withdraws a registration the mother has not confirmed yet. */
  function withdraw(ctx: VerifiedContext) {
    const s = write(ctx);
    const record = ownRecord(ctx, s);
    if (record.confirmedAt !== null || record.withdrawnAt !== null) throw conflict('NOT_WITHDRAWABLE', 'Only a registration waiting for the mother can be withdrawn');
    record.withdrawnAt = ctx.now;
    kit.invitations.revoke(s.invitations, record.id);
    // The certificate can be used again for the right application.
    delete s.byCertificate[record.certificateDigest];
    return kit.reply.ok(view(ctx, record, ctx.person.id));
  }

  /** Deleting a person's data: their unconfirmed applications are withdrawn; registered children stay on the register. */
  function forget(state: GovernmentState, personId: string, now: number): number {
    const peeked = peekAgency<NewbornState>(state, NEWBORN_STATE);
    if (!peeked) return 0;
    const s = agencyState<NewbornState>(state, NEWBORN_STATE, () => peeked);
    let withdrawn = 0;
    (own(s.byPerson, personId) ?? []).forEach((id) => {
      const record = s.records[id];
      if (record.confirmedAt === null && record.withdrawnAt === null) {
        record.withdrawnAt = now;
        kit.invitations.revoke(s.invitations, id);
        delete s.byCertificate[record.certificateDigest];
        withdrawn += 1;
      }
    });
    delete s.byPerson[personId];
    return withdrawn;
  }

  const routes: Route[] = [
    { method: 'GET', path: '/civil/newborn', auth: 'verified', summary: 'My newborn registrations (as mother or father), newest first, each item with its status', handle: list },
    { method: 'POST', path: '/civil/newborn', auth: 'verified', summary: 'Register a newborn: birth certificate number, name, sex, birth date, who applies, the household, consent', handle: start, replay: deps.withoutCode },
    { method: 'GET', path: '/civil/newborn/:registrationId', auth: 'verified', summary: 'One of my newborn registrations (masked), its items and whether it is late', handle: get },
    { method: 'POST', path: '/civil/newborn/:registrationId/invitation', auth: 'verified', summary: 'A new code for the mother (the father who applied, while she has not confirmed); earlier codes stop working (a replay: code \'\')', handle: newInvitation, replay: deps.withoutCode },
    { method: 'POST', path: '/civil/newborn/:registrationId/confirm', auth: 'verified', summary: 'The mother confirms the father\'s application with his code; the items start', handle: confirm },
    { method: 'POST', path: '/civil/newborn/:registrationId/withdraw', auth: 'verified', summary: 'Withdraw a registration the mother has not confirmed yet (either parent)', handle: withdraw },
  ];
  return { routes, forget };
}
