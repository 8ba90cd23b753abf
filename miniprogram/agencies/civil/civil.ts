// Civil-affairs agency: marriage and divorce registration cases of two verified people. The first starts a
// case and invites the second with a code (the shared invitations); once both are in, either books the
// appointment at a registration office (the shared appointment engine: daily quota per office and kind,
// cancel a day ahead, the no-show block); divorce has two appointments around the 30-day cooling-off
// period. The marriage register (the test residents' marriages, and those registered or dissolved here)
// is what the age, "not married" and "is the spouse" rules read. Status follows the clock: a past
// appointment was attended, day 31 ends cooling-off, day 61 without the certificate withdraws the case.
import {
  AGREEMENT_MAX_CHARS,
  AGREEMENT_MIN_CHARS,
  CASE_KINDS,
  CERTIFICATE_FROM_DAY,
  CERTIFICATE_UNTIL_DAY,
  CIVIL_AGENCY,
  COOLING_OFF_DAYS,
  INVITATION_HOURS,
  MARRIAGE_AGE,
  TIME_WINDOWS,
  type AppointmentKind,
  type CaseEvent,
  type CaseEventKind,
  type CaseKind,
  type CasePreview,
  type CaseStatus,
  type CaseSummary,
  type CasesResponse,
  type CivilAppointment,
  type CivilCase,
  type CoolingOff,
  type EligibilityResponse,
  type EndReason,
  type Ineligibility,
  type Invitation,
  type Office,
  type OfficeDay,
  type OfficeDaysResponse,
  type OfficesResponse,
  type PartyView,
  type StartCaseResponse,
} from '../../contracts/civil';
import { DAY_MS, cstDaysBetween, cstMidnight, cstParts, formatCivilDate, formatCstDate, type CivilDate } from '../../core/dates';
import { checkCertificate, maskName, normaliseCertificate } from '../../core/validation';
import type { Agency, AgencyKit } from '../../mock/agency';
import type { AppointmentBook, AppointmentRecord, AppointmentRules } from '../../mock/appointments';
import type { Forget } from '../../mock/erasure';
import type { InvitationBook } from '../../mock/invitations';
import type { Context, Route, VerifiedContext } from '../../mock/router';
import type { GovernmentState, PersonRecord } from '../../mock/store';
import {
  AT_OFFICE,
  BLOCKED_RESIDENT,
  BUSY_OFFICE,
  BUSY_WEEKDAY,
  CANCEL_DAYS_BEFORE,
  COOLING_OFF_COUPLE,
  DAILY_QUOTA,
  FEW_LEFT,
  KIND_WINDOW,
  MARRIAGE_DECLARATION,
  MAX_UPCOMING,
  NO_SHOW,
  OFFICES,
  SEEDED_AGREEMENT,
  SEEDED_MARRIAGES,
} from './seed';
import { createNewborn } from './newborn';

interface EventRecord { kind: CaseEventKind; at: number; by: string; appointment?: AppointmentKind }

/** A case as kept: the two people by person id (and their ID digests), what they signed, what happened. */
interface CaseRecord {
  id: string;
  reference: string;
  kind: CaseKind;
  createdAt: number;
  first: string;
  second: string | null;
  /** Signed the declaration (marriage) or acknowledged the agreement (divorce): first, second. */
  signed: [number, number | null];
  certificateNumber: string | null;
  agreement: string | null;
  appointmentIds: string[];
  events: EventRecord[];
  /** Declined by the invited person, or withdrawn by either party. */
  ended: { reason: 'declined' | 'withdrawn'; by: string; at: number } | null;
  /** Marriage: the certificate number issued when registered (decided at booking). */
  issue: string | null;
}

export interface CivilRecord {
  book: AppointmentBook;
  invitations: InvitationBook;
  cases: Record<string, CaseRecord>;
  /** personId -> the cases they are a party to (started or accepted), oldest first. */
  byPerson: Record<string, string[]>;
}

/** The civil-affairs agency with what tests look into. */
export interface CivilAgency extends Agency {
  civilRecord(state: GovernmentState): CivilRecord | undefined;
}

const KIND_WORDS: Record<AppointmentKind, { zh: string; en: string }> = {
  marriage: { zh: '结婚登记', en: 'Marriage registration' },
  'divorce-application': { zh: '离婚登记申请', en: 'Divorce application' },
  'divorce-certificate': { zh: '领取离婚证', en: 'Divorce certificate' },
};
const INVITATION_MS = INVITATION_HOURS * 3600 * 1000;
/** Cases a person may start in a day (withdrawn or not). */
const STARTS_PER_DAY = 5;
/** A declined or withdrawn case is dropped this long after it ended (its records stay in Me > records). */
const ENDED_KEEP_MS = 30 * DAY_MS;
const hhmmToMin = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
const weekdayOf = (date: CivilDate): number => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
const addYears = (birth: CivilDate, years: number): CivilDate =>
  birth.month === 2 && birth.day === 29 && (birth.year + years) % 4 !== 0 ? { year: birth.year + years, month: 3, day: 1 } : { year: birth.year + years, month: birth.month, day: birth.day };
const civil = (text: string): CivilDate | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const back = cstParts(cstMidnight(date));
  return back.year === date.year && back.month === date.month && back.day === date.day ? date : null;
};

export function createAgency(kit: AgencyKit): CivilAgency {
  const { dict, own, agencyState, peekAgency } = kit.store;
  const { HttpError, notFound, conflict, invalid } = kit.http;
  const { ok, created } = kit.reply;
  const engine = kit.appointments;
  const invitations = kit.invitations;

  const rulesOf = (kind: AppointmentKind): AppointmentRules => ({
    minDays: KIND_WINDOW[kind].minDays,
    maxDays: KIND_WINDOW[kind].maxDays,
    cancelDaysBefore: CANCEL_DAYS_BEFORE,
    noShow: NO_SHOW,
    holdMs: null,
    maxPending: 1,
    maxUpcoming: MAX_UPCOMING,
    maxLapsesPerDay: null,
    // Nobody records attendance in the mock: a past appointment was attended (the seed's no-shows are recorded).
    outcome: () => 'attended',
  });
  const RULES: Record<AppointmentKind, AppointmentRules> = {
    marriage: rulesOf('marriage'),
    'divorce-application': rulesOf('divorce-application'),
    'divorce-certificate': rulesOf('divorce-certificate'),
  };
  const kindOf = (record: AppointmentRecord): AppointmentKind => {
    const kind = String(record.data.kind);
    return kind === 'divorce-application' || kind === 'divorce-certificate' ? kind : 'marriage';
  };
  const statusOf = (record: AppointmentRecord, now: number) => engine.statusOf(record, RULES[kindOf(record)], now);

  const officeOf = (id: string): Office | undefined => OFFICES.find((office) => office.id === id);

  /** Places of an office's day taken outside this app: Tianhe's Fridays for marriage are all taken; else a seeded share. */
  function takenElsewhere(officeId: string, date: CivilDate, kind: AppointmentKind): number {
    const quota = DAILY_QUOTA[kind];
    if (officeId === BUSY_OFFICE && kind === 'marriage' && weekdayOf(date) === BUSY_WEEKDAY) return quota;
    const roll = parseInt(kit.random.hashKey(`civil|${officeId}|${formatCivilDate(date)}|${kind}`).slice(1, 9), 16) / 0x100000000;
    return roll < 0.06 ? quota : Math.floor(roll * 0.7 * quota);
  }
  const slotOf = (officeId: string, date: CivilDate, kind: AppointmentKind): string => `${officeId}.${formatCivilDate(date)}.${kind}`;

  // ---- people and the register ----

  const personOf = (state: GovernmentState, id: string): PersonRecord | undefined => own(state.people, id);
  const subjectOf = (person: PersonRecord): string => `id:${person.idHash}`;

  interface Marriage { certificate: string; spouse: string; since: number }

  /** When a case finished at `now`: a marriage registered, a divorce certificate issued (the appointment's end). */
  function completedAt(record: CivilRecord, c: CaseRecord, now: number): number | null {
    if (c.ended) return null;
    const wanted: AppointmentKind = c.kind === 'marriage' ? 'marriage' : 'divorce-certificate';
    const done = appointmentsOf(record, c).find((a) => kindOf(a) === wanted && statusOf(a, now) === 'attended');
    return done ? done.endsAt : null;
  }

  /** A person's marriage on the register at `now` (person ids of the spouse), or null. */
  function marriageOf(state: GovernmentState, record: CivilRecord | undefined, personId: string, now: number): Marriage | null {
    const person = personOf(state, personId);
    let current: Marriage | null = null;
    const seeded = person?.castKey ? SEEDED_MARRIAGES.find((m) => m.keys.some((key) => key === person.castKey)) : undefined;
    if (seeded) {
      const spouseKey = seeded.keys[0] === person?.castKey ? seeded.keys[1] : seeded.keys[0];
      current = { certificate: seeded.certificate, spouse: `p-${spouseKey}`, since: cstMidnight(civil(seeded.since) ?? { year: 2000, month: 1, day: 1 }) };
    }
    if (!record) return current;
    const done = (own(record.byPerson, personId) ?? [])
      .map((id) => record.cases[id])
      .map((c) => ({ c, at: completedAt(record, c, now) }))
      .filter((x): x is { c: CaseRecord; at: number } => x.at !== null)
      .sort((a, b) => a.at - b.at);
    done.forEach(({ c, at }) => {
      if (c.kind === 'divorce') current = null;
      else current = { certificate: c.issue ?? '', spouse: c.first === personId ? c.second ?? '' : c.first, since: at };
    });
    return current;
  }

  const isMarried = (state: GovernmentState, record: CivilRecord | undefined, personId: string, now: number): boolean =>
    marriageOf(state, record, personId, now) !== null;

  /** The first day a person is old enough to marry. */
  const ofAgeFrom = (person: PersonRecord): CivilDate => addYears(person.birth, person.sex === 'male' ? MARRIAGE_AGE.male : MARRIAGE_AGE.female);
  const ageFor = (person: PersonRecord): number => (person.sex === 'male' ? MARRIAGE_AGE.male : MARRIAGE_AGE.female);

  // ---- state ----

  function seedRecord(ctx: Context): CivilRecord {
    const record: CivilRecord = { book: engine.emptyBook(), invitations: invitations.empty(), cases: dict(), byPerson: dict() };
    const first = ctx.state.meta.firstRunAt;
    const hashOf = (key: string): string => ctx.hash(kit.cast.find((member) => member.key === key)?.idNumber ?? key);
    const at = (daysAgo: number, window: number): { startsAt: number; endsAt: number } => {
      const day = cstMidnight(cstParts(first - daysAgo * DAY_MS));
      const w = TIME_WINDOWS[window];
      return { startsAt: day + hhmmToMin(w.start) * 60000, endsAt: day + hhmmToMin(w.end) * 60000 };
    };
    BLOCKED_RESIDENT.daysAgo.forEach((daysAgo, i) => {
      const when = at(daysAgo, 0);
      engine.recordPast(record.book, {
        id: `ca-seed-${BLOCKED_RESIDENT.key}-${i}`,
        reference: `CA-SEED-${BLOCKED_RESIDENT.key.toUpperCase()}-${i}`,
        holder: `p-${BLOCKED_RESIDENT.key}`,
        subject: `id:${hashOf(BLOCKED_RESIDENT.key)}`,
        slot: `gz-yuexiu.${formatCstDate(when.startsAt)}.marriage`,
        ...when,
        uniqueKey: null,
        state: 'booked',
        createdAt: when.startsAt - 5 * DAY_MS,
        holdUntil: null,
        paidAt: null,
        cancelledAt: null,
        outcome: 'no-show',
        data: { kind: 'marriage', officeId: 'gz-yuexiu', window: TIME_WINDOWS[0].id, caseId: '' },
      });
    });
    const [a, b] = COOLING_OFF_COUPLE.keys;
    const caseId = `cs-seed-${a}`;
    const application = at(COOLING_OFF_COUPLE.daysAgo, 0);
    const startedAt = application.startsAt - 4 * DAY_MS;
    const appointmentId = `ca-seed-${a}`;
    engine.recordPast(record.book, {
      id: appointmentId,
      reference: `CA-SEED-${a.toUpperCase()}`,
      holder: `p-${a}`,
      subject: `id:${hashOf(a)}`,
      others: [`id:${hashOf(b)}`],
      slot: `gz-tianhe.${formatCstDate(application.startsAt)}.divorce-application`,
      ...application,
      uniqueKey: null,
      state: 'booked',
      createdAt: startedAt + DAY_MS,
      holdUntil: null,
      paidAt: null,
      cancelledAt: null,
      outcome: 'attended',
      data: { kind: 'divorce-application', officeId: 'gz-tianhe', window: TIME_WINDOWS[0].id, caseId },
    });
    record.cases[caseId] = {
      id: caseId,
      reference: `DV-SEED-${a.toUpperCase()}`,
      kind: 'divorce',
      createdAt: startedAt,
      first: `p-${a}`,
      second: `p-${b}`,
      signed: [startedAt, startedAt + 3600 * 1000],
      certificateNumber: SEEDED_MARRIAGES.find((m) => m.keys[0] === a)?.certificate ?? null,
      agreement: SEEDED_AGREEMENT,
      appointmentIds: [appointmentId],
      events: [
        { kind: 'started', at: startedAt, by: `p-${a}` },
        { kind: 'invited', at: startedAt, by: `p-${a}` },
        { kind: 'accepted', at: startedAt + 3600 * 1000, by: `p-${b}` },
        { kind: 'booked', at: startedAt + DAY_MS, by: `p-${a}`, appointment: 'divorce-application' },
      ],
      ended: null,
      issue: null,
    };
    record.byPerson[`p-${a}`] = [caseId];
    record.byPerson[`p-${b}`] = [caseId];
    return record;
  }

  const writeCivil = (ctx: Context): CivilRecord => agencyState<CivilRecord>(ctx.state, CIVIL_AGENCY, () => seedRecord(ctx));
  const readCivil = (ctx: Context): CivilRecord => peekAgency<CivilRecord>(ctx.state, CIVIL_AGENCY) ?? seedRecord(ctx);

  const appointmentsOf = (record: CivilRecord, c: CaseRecord): AppointmentRecord[] =>
    c.appointmentIds.map((id) => own(record.book.records, id)).filter((a): a is AppointmentRecord => a !== undefined);

  // ---- a case's state at `now` ----

  interface Derived {
    status: CaseStatus;
    upcoming: AppointmentRecord | null;
    day0: number | null;
    ended: { reason: EndReason; by: string; at: number } | null;
    doneAt: number | null;
  }

  function derive(record: CivilRecord, c: CaseRecord, now: number): Derived {
    const all = appointmentsOf(record, c);
    const upcoming = all.find((a) => statusOf(a, now) === 'booked') ?? null;
    if (c.ended) return { status: c.ended.reason === 'declined' ? 'declined' : 'withdrawn', upcoming: null, day0: null, ended: c.ended, doneAt: null };
    if (c.second === null) return { status: 'invited', upcoming: null, day0: null, ended: null, doneAt: null };
    const attended = (kind: AppointmentKind): AppointmentRecord | undefined =>
      all.filter((a) => kindOf(a) === kind && statusOf(a, now) === 'attended').sort((x, y) => x.startsAt - y.startsAt)[0];
    if (c.kind === 'marriage') {
      const done = attended('marriage');
      if (done) return { status: 'registered', upcoming: null, day0: null, ended: null, doneAt: done.endsAt };
      return { status: upcoming ? 'booked' : 'accepted', upcoming, day0: null, ended: null, doneAt: null };
    }
    const application = attended('divorce-application');
    if (!application) return { status: upcoming ? 'booked' : 'accepted', upcoming, day0: null, ended: null, doneAt: null };
    const day0 = cstMidnight(cstParts(application.startsAt));
    const certificate = attended('divorce-certificate');
    if (certificate) return { status: 'divorced', upcoming: null, day0, ended: null, doneAt: certificate.endsAt };
    const day = cstDaysBetween(day0, now);
    if (upcoming && kindOf(upcoming) === 'divorce-certificate') return { status: 'certificate-booked', upcoming, day0, ended: null, doneAt: null };
    if (day > CERTIFICATE_UNTIL_DAY) {
      return { status: 'withdrawn', upcoming: null, day0, ended: { reason: 'expired', by: 'office', at: day0 + (CERTIFICATE_UNTIL_DAY + 1) * DAY_MS }, doneAt: null };
    }
    return { status: day <= COOLING_OFF_DAYS ? 'cooling-off' : 'certificate-window', upcoming: null, day0, ended: null, doneAt: null };
  }

  const isOpen = (d: Derived): boolean => d.ended === null && d.status !== 'registered' && d.status !== 'divorced';

  const dayDate = (day0: number, day: number): string => formatCstDate(day0 + day * DAY_MS + 12 * 3600 * 1000);

  function coolingOffOf(d: Derived, now: number): CoolingOff | null {
    if (d.day0 === null || d.status === 'divorced' || d.ended) return null;
    const day = cstDaysBetween(d.day0, now);
    return {
      applicationDate: formatCstDate(d.day0),
      day,
      daysLeft: Math.max(0, COOLING_OFF_DAYS - day),
      endsOn: dayDate(d.day0, COOLING_OFF_DAYS),
      certificateFrom: dayDate(d.day0, CERTIFICATE_FROM_DAY),
      certificateUntil: dayDate(d.day0, CERTIFICATE_UNTIL_DAY),
    };
  }

  /** What can be booked next, and the CST days it may fall on (inclusive), or null. */
  function nextOf(c: CaseRecord, d: Derived, now: number): { kind: AppointmentKind; from: number; until: number } | null {
    const today = cstMidnight(cstParts(now));
    const span = (kind: AppointmentKind) => ({ kind, from: today + KIND_WINDOW[kind].minDays * DAY_MS, until: today + KIND_WINDOW[kind].maxDays * DAY_MS });
    if (d.status === 'accepted') return span(c.kind === 'marriage' ? 'marriage' : 'divorce-application');
    if (d.status === 'certificate-window' && d.day0 !== null) {
      const s = span('divorce-certificate');
      return { kind: 'divorce-certificate', from: Math.max(s.from, d.day0 + CERTIFICATE_FROM_DAY * DAY_MS), until: Math.min(s.until, d.day0 + CERTIFICATE_UNTIL_DAY * DAY_MS) };
    }
    return null;
  }

  const other = (c: CaseRecord, personId: string): string | null => (c.first === personId ? c.second : c.first);
  const side = (by: string, reader: string): 'you' | 'other' | 'office' => (by === 'office' ? 'office' : by === reader ? 'you' : 'other');

  /** Why the couple cannot book the next appointment now, from the reader's side. */
  function ineligibleFor(ctx: Context, record: CivilRecord, c: CaseRecord, d: Derived, reader: string): Ineligibility[] {
    const problems: Ineligibility[] = [];
    if (d.status === 'cooling-off' && d.day0 !== null) problems.push({ code: 'COOLING_OFF', who: 'you', from: dayDate(d.day0, CERTIFICATE_FROM_DAY) });
    const next = nextOf(c, d, ctx.now);
    if (!next) return problems;
    [c.first, c.second].forEach((id) => {
      if (!id) return;
      const person = personOf(ctx.state, id);
      if (!person) return;
      const who = id === reader ? 'you' : 'other';
      if (c.kind === 'marriage') {
        if (isMarried(ctx.state, record, id, ctx.now)) problems.push({ code: 'ALREADY_MARRIED', who });
        const from = cstMidnight(ofAgeFrom(person));
        if (from > next.until) problems.push({ code: 'TOO_YOUNG', who, from: formatCstDate(from), age: ageFor(person) });
      }
      const block = engine.blockOf(record.book, RULES[next.kind], subjectOf(person), ctx.now);
      if (block) problems.push({ code: 'NO_SHOW_BLOCKED', who, until: formatCstDate(block.until) });
    });
    return problems;
  }

  function appointmentView(record: AppointmentRecord, reader: string, now: number): CivilAppointment {
    const kind = kindOf(record);
    const office = officeOf(String(record.data.officeId)) ?? OFFICES[0];
    const window = TIME_WINDOWS.find((w) => w.id === record.data.window) ?? TIME_WINDOWS[0];
    const status = statusOf(record, now);
    return {
      id: record.id,
      reference: record.reference,
      kind,
      status: status === 'booked' || status === 'cancelled' || status === 'attended' || status === 'no-show' ? status : 'cancelled',
      office,
      date: formatCstDate(record.startsAt),
      window: { id: window.id, start: window.start, end: window.end },
      bookedBy: record.holder === reader ? 'you' : 'other',
      createdAt: record.createdAt,
      cancelledAt: record.cancelledAt,
      cancelUntil: engine.cancelUntilOf(record, RULES[kind]),
      canCancel: engine.cancellable(record, RULES[kind], now) === 'ok',
      bring: AT_OFFICE[kind].bring,
      atOffice: AT_OFFICE[kind].atOffice,
      feeFen: 0,
    };
  }

  function timelineOf(record: CivilRecord, c: CaseRecord, d: Derived, reader: string, now: number): CaseEvent[] {
    const events: CaseEvent[] = c.events.map((e) => ({ kind: e.kind, at: e.at, by: side(e.by, reader), ...(e.appointment ? { appointment: e.appointment } : {}) }));
    appointmentsOf(record, c).forEach((a) => {
      const status = statusOf(a, now);
      if (status === 'attended' || status === 'no-show') events.push({ kind: status === 'attended' ? 'attended' : 'missed', at: a.endsAt, by: 'office', appointment: kindOf(a) });
    });
    if (d.day0 !== null && now >= d.day0 + CERTIFICATE_FROM_DAY * DAY_MS) events.push({ kind: 'cooling-off-ended', at: d.day0 + CERTIFICATE_FROM_DAY * DAY_MS, by: 'office' });
    if (d.ended?.reason === 'expired') events.push({ kind: 'expired', at: d.ended.at, by: 'office' });
    if (d.doneAt !== null) events.push({ kind: c.kind === 'marriage' ? 'registered' : 'divorced', at: d.doneAt, by: 'office' });
    return events.sort((x, y) => x.at - y.at);
  }

  function partyView(ctx: Context, c: CaseRecord, personId: string, reader: string): PartyView | null {
    const person = personOf(ctx.state, personId);
    if (!person) return null;
    const role = personId === c.first ? 'first' : 'second';
    const joined = role === 'first' || c.ended?.reason !== 'declined';
    return {
      role,
      you: personId === reader,
      name: personId === reader || joined ? person.name : maskName(person.name),
      idMasked: person.idMasked,
      sex: person.sex,
      signedAt: role === 'first' ? c.signed[0] : c.signed[1],
    };
  }

  function caseView(ctx: Context, record: CivilRecord, c: CaseRecord, reader: string): CivilCase {
    const d = derive(record, c, ctx.now);
    const parties = [c.first, c.second]
      .filter((id): id is string => id !== null)
      .map((id) => partyView(ctx, c, id, reader))
      .filter((p): p is PartyView => p !== null)
      .sort((x, y) => Number(y.you) - Number(x.you));
    const live = d.status === 'invited' && reader === c.first ? latestInvitation(record, c) : null;
    const next = nextOf(c, d, ctx.now);
    const appointments = appointmentsOf(record, c).map((a) => appointmentView(a, reader, ctx.now)).sort((x, y) => (x.date < y.date ? 1 : -1));
    const ended = d.ended ? { reason: d.ended.reason, by: side(d.ended.by, reader), at: d.ended.at } : null;
    return {
      id: c.id,
      reference: c.reference,
      kind: c.kind,
      status: d.status,
      createdAt: c.createdAt,
      parties,
      invitation: live ? { expiresAt: live.expiresAt, expired: ctx.now >= live.expiresAt } : null,
      certificateNumber: c.certificateNumber,
      agreement: c.agreement,
      declaration: c.kind === 'marriage' ? MARRIAGE_DECLARATION : null,
      appointments,
      upcoming: d.upcoming ? appointmentView(d.upcoming, reader, ctx.now) : null,
      coolingOff: coolingOffOf(d, ctx.now),
      next: next ? { kind: next.kind, from: formatCstDate(next.from), until: formatCstDate(next.until) } : null,
      ineligible: ineligibleFor(ctx, record, c, d, reader),
      canWithdraw: isOpen(d),
      ended,
      issuedCertificate: d.status === 'registered' ? c.issue : null,
      timeline: timelineOf(record, c, d, reader, ctx.now),
    };
  }

  function latestInvitation(record: CivilRecord, c: CaseRecord) {
    const digests = own(record.invitations.byCase ?? dict<string[]>(), c.id) ?? [];
    return digests.map((digest) => own(record.invitations.byDigest, digest)).filter((r) => r !== undefined && !r.revoked && r.usedBy === null).pop();
  }

  /** A case the caller is a party to, or 404 (another person's case reads as missing). */
  function ownCase(ctx: VerifiedContext, record: CivilRecord): CaseRecord {
    const c = own(record.cases, ctx.params.caseId);
    if (!c || (c.first !== ctx.person.id && c.second !== ctx.person.id)) throw notFound('No such case among yours');
    return c;
  }

  const fileCase = (record: CivilRecord, personId: string, caseId: string): void => {
    record.byPerson[personId] = [...(own(record.byPerson, personId) ?? []), caseId];
  };

  /** The person's open cases of a kind at `now`. */
  const openCasesOf = (record: CivilRecord, personId: string, kind: CaseKind, now: number): CaseRecord[] =>
    (own(record.byPerson, personId) ?? []).map((id) => record.cases[id]).filter((c) => c.kind === kind && isOpen(derive(record, c, now)));

  /** Why a person cannot take part in a new case of this kind (starting it, or accepting one). */
  function personProblems(ctx: Context, record: CivilRecord, person: PersonRecord, kind: CaseKind): Ineligibility[] {
    const problems: Ineligibility[] = [];
    const open = openCasesOf(record, person.id, kind, ctx.now);
    if (open.length) {
      const d = derive(record, open[0], ctx.now);
      problems.push(d.status === 'cooling-off' && d.day0 !== null ? { code: 'COOLING_OFF', who: 'you', from: dayDate(d.day0, CERTIFICATE_FROM_DAY) } : { code: 'CASE_OPEN', who: 'you' });
    }
    const married = isMarried(ctx.state, record, person.id, ctx.now);
    if (kind === 'marriage') {
      if (married) problems.push({ code: 'ALREADY_MARRIED', who: 'you' });
      const from = cstMidnight(ofAgeFrom(person));
      const last = cstMidnight(cstParts(ctx.now)) + KIND_WINDOW.marriage.maxDays * DAY_MS;
      if (from > last) problems.push({ code: 'TOO_YOUNG', who: 'you', from: formatCstDate(from), age: ageFor(person) });
    } else if (!married) {
      problems.push({ code: 'NOT_MARRIED', who: 'you' });
    }
    const block = engine.blockOf(record.book, RULES.marriage, subjectOf(person), ctx.now);
    if (block) problems.push({ code: 'NO_SHOW_BLOCKED', who: 'you', until: formatCstDate(block.until) });
    return problems;
  }

  const PROBLEM_WORDS: Record<Ineligibility['code'], [number, string]> = {
    TOO_YOUNG: [403, 'Not yet of the legal age to marry (men 22, women 20) within the booking window'],
    ALREADY_MARRIED: [403, 'Recorded as married on the marriage register'],
    NOT_MARRIED: [403, 'Not recorded as married on the marriage register'],
    NOT_SPOUSE: [403, 'Not the spouse in the marriage on this certificate'],
    COOLING_OFF: [409, 'The divorce application is in its 30-day cooling-off period'],
    QUOTA_FULL: [409, 'The office has no places left that day'],
    NO_SHOW_BLOCKED: [403, 'Booking is blocked after two missed appointments within 30 days'],
    CASE_OPEN: [409, 'There is already an open case of this kind'],
  };
  const refuse = (problem: Ineligibility) => new HttpError(PROBLEM_WORDS[problem.code][0], problem.code, PROBLEM_WORDS[problem.code][1]);

  // ---- handlers ----

  const listOffices = () => {
    const answer: OfficesResponse = { items: [...OFFICES] };
    return ok(answer);
  };

  function eligibility(ctx: VerifiedContext) {
    const kind = CASE_KINDS.find((k) => k === ctx.query.kind);
    if (!kind) throw invalid({ kind: 'UNKNOWN_KIND' }, 'kind is marriage or divorce');
    const answer: EligibilityResponse = { kind, ineligible: personProblems(ctx, readCivil(ctx), ctx.person, kind), declaration: kind === 'marriage' ? MARRIAGE_DECLARATION : null };
    return ok(answer);
  }

  function makeInvitation(ctx: VerifiedContext, record: CivilRecord, c: CaseRecord): Invitation {
    const made = invitations.invite(ctx, record.invitations, CIVIL_AGENCY, c.id, ctx.person.id, INVITATION_MS);
    c.events.push({ kind: 'invited', at: ctx.now, by: ctx.person.id });
    return { code: made.code, expiresAt: made.expiresAt, caseId: c.id };
  }

  function startCase(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const kindText = reader.string('kind', { max: 20 });
    const kind = CASE_KINDS.find((k) => k === kindText);
    if (kindText && !kind) reader.flag('kind', 'UNKNOWN_KIND');
    let certificateNumber: string | null = null;
    let agreement: string | null = null;
    if (kind === 'marriage') {
      if (reader.boolean('declaration', { optional: true }) !== true) reader.flag('declaration', 'DECLARATION_REQUIRED');
    } else if (kind === 'divorce') {
      const raw = reader.string('certificateNumber', { max: 40, trim: true });
      const problem = raw ? checkCertificate(raw, ctx.now) : null;
      if (problem) reader.flag('certificateNumber', problem);
      certificateNumber = normaliseCertificate(raw);
      agreement = reader.string('agreement', { max: AGREEMENT_MAX_CHARS, trim: true, visibleOnly: true });
      if (agreement && Array.from(agreement).length < AGREEMENT_MIN_CHARS) reader.flag('agreement', 'AGREEMENT_TOO_SHORT');
      if (reader.boolean('agreementAcknowledged', { optional: true }) !== true) reader.flag('agreementAcknowledged', 'ACKNOWLEDGEMENT_REQUIRED');
    }
    reader.done();
    if (!kind) throw invalid({ kind: 'UNKNOWN_KIND' });
    const record = writeCivil(ctx);
    const problems = personProblems(ctx, record, ctx.person, kind);
    if (problems.length) throw refuse(problems[0]);
    // Starting and withdrawing again and again would fill the device's storage: a few a day is plenty.
    const today = (own(record.byPerson, ctx.person.id) ?? []).filter((id) => record.cases[id].first === ctx.person.id && ctx.now - record.cases[id].createdAt < DAY_MS);
    if (today.length >= STARTS_PER_DAY) throw new HttpError(429, 'TOO_MANY_CASES', `At most ${STARTS_PER_DAY} applications can be started in a day`, undefined, Math.ceil((record.cases[today[0]].createdAt + DAY_MS - ctx.now) / 1000));
    if (kind === 'divorce') {
      const marriage = marriageOf(ctx.state, record, ctx.person.id, ctx.now);
      if (!marriage || marriage.certificate !== certificateNumber) {
        throw new HttpError(422, 'CERTIFICATE_NOT_FOUND', 'No marriage of yours on the register has this certificate number', { certificateNumber: 'CERTIFICATE_NOT_FOUND' });
      }
    }
    const c: CaseRecord = {
      id: `cs-${ctx.random.hex(10)}`,
      reference: kit.store.nextReference(ctx.state, kind === 'marriage' ? 'MR' : 'DV', ctx.now),
      kind,
      createdAt: ctx.now,
      first: ctx.person.id,
      second: null,
      signed: [ctx.now, null],
      certificateNumber,
      agreement,
      appointmentIds: [],
      events: [{ kind: 'started', at: ctx.now, by: ctx.person.id }],
      ended: null,
      issue: null,
    };
    record.cases[c.id] = c;
    fileCase(record, ctx.person.id, c.id);
    const invitation = makeInvitation(ctx, record, c);
    addCaseRecord(ctx, c, ctx.person.id);
    const answer: StartCaseResponse = { case: caseView(ctx, record, c, ctx.person.id), invitation };
    return created(answer);
  }

  function addCaseRecord(ctx: VerifiedContext, c: CaseRecord, personId: string): void {
    kit.store.addRecord(ctx.state, personId, {
      id: `rec-${ctx.random.hex(10)}`,
      kind: 'civil-case',
      at: ctx.now,
      reference: c.reference,
      detail: {
        caseId: c.id,
        kindZh: c.kind === 'marriage' ? '结婚登记' : '离婚登记',
        kindEn: c.kind === 'marriage' ? 'Marriage registration' : 'Divorce registration',
        role: personId === c.first ? '发起' : '接受邀请',
        roleEn: personId === c.first ? 'started' : 'invitation accepted',
      },
    });
  }

  function listCases(ctx: VerifiedContext) {
    const record = readCivil(ctx);
    const items: CaseSummary[] = (own(record.byPerson, ctx.person.id) ?? [])
      .map((id) => record.cases[id])
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((c) => {
        const view = caseView(ctx, record, c, ctx.person.id);
        const them = view.parties.find((p) => !p.you);
        const up = view.upcoming;
        return {
          id: c.id,
          reference: c.reference,
          kind: c.kind,
          status: view.status,
          createdAt: c.createdAt,
          other: them ? { name: them.name, role: them.role } : null,
          upcoming: up ? { date: up.date, start: up.window.start, end: up.window.end, office: up.office.name } : null,
          coolingOff: view.coolingOff,
        };
      });
    const answer: CasesResponse = { items };
    return ok(answer);
  }

  function getCase(ctx: VerifiedContext) {
    const record = readCivil(ctx);
    return ok(caseView(ctx, record, ownCase(ctx, record), ctx.person.id));
  }

  function newInvitation(ctx: VerifiedContext) {
    const record = writeCivil(ctx);
    const c = ownCase(ctx, record);
    if (c.first !== ctx.person.id) throw conflict('NOT_FIRST_PARTY', 'Only the person who started the case invites the other');
    const d = derive(record, c, ctx.now);
    if (!isOpen(d)) throw conflict('CASE_CLOSED', 'This case is closed');
    if (d.status !== 'invited') throw conflict('ALREADY_JOINED', 'The other person has already joined this case');
    return created(makeInvitation(ctx, record, c));
  }

  /** The invitation a code opens for this person, for the case it names when one is named. */
  function openCode(ctx: VerifiedContext, record: CivilRecord, code: string, caseId: string | null) {
    const invitation = invitations.open(ctx, record.invitations, CIVIL_AGENCY, code, ctx.person.id);
    if (caseId !== null && invitation.caseId !== caseId) throw conflict('INVITATION_OTHER_CASE', 'This code belongs to another case');
    const c = own(record.cases, invitation.caseId);
    if (!c) throw new HttpError(410, 'INVITATION_REVOKED', 'This invitation was withdrawn');
    return { invitation, c };
  }

  /** Why this person cannot accept this case. */
  function acceptProblems(ctx: VerifiedContext, record: CivilRecord, c: CaseRecord): Ineligibility[] {
    if (c.second === ctx.person.id) return [];
    const problems = personProblems(ctx, record, ctx.person, c.kind).filter((p) => c.kind === 'marriage' || p.code !== 'NOT_MARRIED');
    if (c.kind === 'divorce') {
      const marriage = marriageOf(ctx.state, record, c.first, ctx.now);
      if (!marriage || marriage.spouse !== ctx.person.id || marriage.certificate !== c.certificateNumber) problems.unshift({ code: 'NOT_SPOUSE', who: 'you' });
    }
    return problems;
  }

  function previewOf(ctx: VerifiedContext, record: CivilRecord, c: CaseRecord, expiresAt: number): CasePreview {
    const first = personOf(ctx.state, c.first);
    return {
      caseId: c.id,
      reference: c.reference,
      kind: c.kind,
      from: { name: first ? maskName(first.name) : '', idMasked: first?.idMasked ?? '', sex: first?.sex ?? 'male' },
      certificateNumber: c.certificateNumber,
      agreement: c.agreement,
      declaration: c.kind === 'marriage' ? MARRIAGE_DECLARATION : null,
      expiresAt,
      accepted: c.second === ctx.person.id,
      ineligible: acceptProblems(ctx, record, c),
    };
  }

  function readCode(ctx: VerifiedContext, withCase: boolean) {
    const reader = new kit.http.BodyReader(ctx.body);
    const code = reader.string('code', { max: 20, trim: true });
    const caseId = withCase ? reader.string('caseId', { max: 40, optional: true }) : '';
    const declaration = reader.boolean('declaration', { optional: true });
    const acknowledged = reader.boolean('agreementAcknowledged', { optional: true });
    reader.done();
    return { code, caseId: caseId || null, declaration, acknowledged };
  }

  function openInvitation(ctx: VerifiedContext) {
    const { code, caseId } = readCode(ctx, true);
    const record = writeCivil(ctx);
    const { invitation, c } = openCode(ctx, record, code, caseId);
    return ok(previewOf(ctx, record, c, invitation.expiresAt));
  }

  function accept(ctx: VerifiedContext) {
    const { code, declaration, acknowledged } = readCode(ctx, false);
    const record = writeCivil(ctx);
    const { invitation, c } = openCode(ctx, record, code, ctx.params.caseId);
    if (c.second === ctx.person.id) throw conflict('ALREADY_ACCEPTED', 'You have already accepted this case');
    if (c.ended) throw new HttpError(410, 'INVITATION_REVOKED', 'This case was withdrawn');
    if (c.kind === 'marriage' && declaration !== true) throw new HttpError(422, 'VALIDATION', 'Sign the declaration to accept', { declaration: 'DECLARATION_REQUIRED' });
    if (c.kind === 'divorce' && acknowledged !== true) throw new HttpError(422, 'VALIDATION', 'Acknowledge the agreement to accept', { agreementAcknowledged: 'ACKNOWLEDGEMENT_REQUIRED' });
    const first = personOf(ctx.state, c.first);
    if (first && first.idHash === ctx.person.idHash) throw conflict('INVITATION_OWN', 'This is your own case; send the code to the other person');
    const problems = acceptProblems(ctx, record, c);
    if (problems.length) throw refuse(problems[0]);
    invitations.use(invitation, ctx.person.id, ctx.now);
    c.second = ctx.person.id;
    c.signed = [c.signed[0], ctx.now];
    c.events.push({ kind: 'accepted', at: ctx.now, by: ctx.person.id });
    fileCase(record, ctx.person.id, c.id);
    addCaseRecord(ctx, c, ctx.person.id);
    return ok(caseView(ctx, record, c, ctx.person.id));
  }

  function decline(ctx: VerifiedContext) {
    const { code } = readCode(ctx, false);
    const record = writeCivil(ctx);
    const { invitation, c } = openCode(ctx, record, code, ctx.params.caseId);
    if (c.second === ctx.person.id) throw conflict('ALREADY_ACCEPTED', 'You have already accepted this case; withdraw it instead');
    invitations.use(invitation, ctx.person.id, ctx.now);
    invitations.revoke(record.invitations, c.id);
    c.ended = { reason: 'declined', by: ctx.person.id, at: ctx.now };
    c.events.push({ kind: 'declined', at: ctx.now, by: ctx.person.id });
    return ok(previewOf(ctx, record, c, invitation.expiresAt));
  }

  interface DayRef { date: CivilDate; startsAt: number; windows: { id: (typeof TIME_WINDOWS)[number]['id']; start: string; end: string; startsAt: number; endsAt: number }[] }

  function dayRef(date: CivilDate): DayRef {
    const midnight = cstMidnight(date);
    return {
      date,
      startsAt: midnight,
      windows: TIME_WINDOWS.map((w) => ({ id: w.id, start: w.start, end: w.end, startsAt: midnight + hhmmToMin(w.start) * 60000, endsAt: midnight + hhmmToMin(w.end) * 60000 })),
    };
  }

  const remainingOn = (record: CivilRecord, officeId: string, date: CivilDate, kind: AppointmentKind, now: number): number =>
    Math.max(0, DAILY_QUOTA[kind] - takenElsewhere(officeId, date, kind) - engine.takenIn(record.book, RULES[kind], slotOf(officeId, date, kind), now));

  /** The first day both are of age (marriage), as a CST midnight. */
  function ofAgeDay(ctx: Context, c: CaseRecord): number {
    return Math.max(...[c.first, c.second].map((id) => (id ? personOf(ctx.state, id) : undefined)).map((p) => (p ? cstMidnight(ofAgeFrom(p)) : 0)));
  }

  function officeDays(ctx: VerifiedContext) {
    const record = readCivil(ctx);
    const c = ownCase(ctx, record);
    const office = officeOf(ctx.params.officeId);
    if (!office) throw notFound('No such registration office');
    const d = derive(record, c, ctx.now);
    const next = nextOf(c, d, ctx.now);
    if (!next) throw refuseNotBookable(d);
    const adult = c.kind === 'marriage' ? ofAgeDay(ctx, c) : 0;
    const days: OfficeDay[] = [];
    const today = cstMidnight(cstParts(ctx.now));
    for (let at = today + KIND_WINDOW[next.kind].minDays * DAY_MS; at <= today + KIND_WINDOW[next.kind].maxDays * DAY_MS; at += DAY_MS) {
      const ref = dayRef(cstParts(at + 12 * 3600 * 1000));
      const weekday = weekdayOf(ref.date);
      const windows = ref.windows.filter((w) => w.startsAt > ctx.now).map((w) => ({ id: w.id, start: w.start, end: w.end }));
      const remaining = remainingOn(record, office.id, ref.date, next.kind, ctx.now);
      let status: OfficeDay['status'];
      if (!kit.calendar.isWorkingDay(ref.date)) status = 'closed';
      else if (at < next.from || at > next.until) status = 'outside';
      else if (at < adult) status = 'too-young';
      else if (remaining === 0 || windows.length === 0) status = 'full';
      else status = remaining <= FEW_LEFT ? 'few' : 'available';
      days.push({ date: formatCivilDate(ref.date), weekday, status, remaining: status === 'closed' ? 0 : remaining, quota: DAILY_QUOTA[next.kind], windows: status === 'closed' ? [] : windows });
    }
    const answer: OfficeDaysResponse = { office, kind: next.kind, days };
    return ok(answer);
  }

  function refuseNotBookable(d: Derived) {
    if (d.status === 'invited') return conflict('NOT_ACCEPTED', 'The other person has not accepted yet');
    if (d.status === 'cooling-off') return refuse({ code: 'COOLING_OFF', who: 'you' });
    if (d.status === 'booked' || d.status === 'certificate-booked') return conflict('ALREADY_BOOKED', 'This case already has an appointment booked');
    return conflict('CASE_CLOSED', 'This case is closed');
  }

  function book(ctx: VerifiedContext) {
    const reader = new kit.http.BodyReader(ctx.body);
    const officeId = reader.string('officeId', { max: 40 });
    const dateText = reader.string('date', { max: 10 });
    const windowId = reader.string('window', { max: 10 });
    const office = officeId ? officeOf(officeId) : undefined;
    if (officeId && !office) reader.flag('officeId', 'OFFICE_NOT_FOUND');
    const date = dateText ? civil(dateText) : null;
    if (dateText && !date) reader.flag('date', 'DATE_FORMAT');
    const windowDef = TIME_WINDOWS.find((w) => w.id === windowId);
    if (windowId && !windowDef) reader.flag('window', 'WINDOW_UNKNOWN');
    reader.done();
    if (!office || !date || !windowDef) throw invalid({});
    const record = writeCivil(ctx);
    const c = ownCase(ctx, record);
    const d = derive(record, c, ctx.now);
    const next = nextOf(c, d, ctx.now);
    if (!next) throw refuseNotBookable(d);
    const ref = dayRef(date);
    const window = ref.windows.find((w) => w.id === windowDef.id) ?? ref.windows[0];
    const rules = RULES[next.kind];
    const windowProblem = engine.windowProblem(rules, window.startsAt, ctx.now);
    if (!windowProblem && (ref.startsAt < next.from || ref.startsAt > next.until)) {
      throw new HttpError(422, 'DATE_OUTSIDE_WINDOW', `The certificate appointment must be on day ${CERTIFICATE_FROM_DAY} to ${CERTIFICATE_UNTIL_DAY} after the application`, { date: 'DATE_OUTSIDE_WINDOW' });
    }
    if (!windowProblem && !kit.calendar.isWorkingDay(date)) throw new HttpError(422, 'OFFICE_CLOSED', 'Registration offices are closed at weekends and on public holidays', { date: 'OFFICE_CLOSED' });
    const partner = other(c, ctx.person.id);
    const people = [ctx.person, partner ? personOf(ctx.state, partner) : undefined].filter((p): p is PersonRecord => p !== undefined);
    if (people.length === 2 && people[0].idHash === people[1].idHash) throw conflict('SAME_PERSON', 'Both parties are the same person');
    if (!windowProblem && c.kind === 'marriage') {
      for (const person of people) {
        const who = person.id === ctx.person.id ? 'you' : 'other';
        if (isMarried(ctx.state, record, person.id, ctx.now)) throw refuse({ code: 'ALREADY_MARRIED', who });
        if (cstMidnight(ofAgeFrom(person)) > ref.startsAt) throw refuse({ code: 'TOO_YOUNG', who });
      }
    }
    if (!windowProblem && remainingOn(record, office.id, date, next.kind, ctx.now) === 0) throw refuse({ code: 'QUOTA_FULL', who: 'you' });
    const appointment = engine.bookPlace(record.book, rules, {
      id: `ca-${ctx.random.hex(10)}`,
      reference: kit.store.nextReference(ctx.state, 'CA', ctx.now),
      holder: ctx.person.id,
      subject: subjectOf(ctx.person),
      others: people.slice(1).map(subjectOf),
      slot: slotOf(office.id, date, next.kind),
      capacity: DAILY_QUOTA[next.kind],
      takenElsewhere: takenElsewhere(office.id, date, next.kind),
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      uniqueKey: `civil|${next.kind}`,
      data: { kind: next.kind, officeId: office.id, window: window.id, caseId: c.id },
    }, ctx.now);
    c.appointmentIds.push(appointment.id);
    c.events.push({ kind: 'booked', at: ctx.now, by: ctx.person.id, appointment: next.kind });
    if (next.kind === 'marriage') c.issue = `J${office.areaCode}-${date.year}-${String(parseInt(kit.random.hashKey(`issue|${appointment.id}`).slice(1, 7), 16) % 1000000).padStart(6, '0')}`;
    [c.first, c.second].forEach((id) => {
      if (!id) return;
      kit.store.addRecord(ctx.state, id, {
        id: `rec-${ctx.random.hex(10)}`,
        kind: 'civil-appointment',
        at: ctx.now,
        reference: appointment.reference,
        detail: { caseId: c.id, kindZh: KIND_WORDS[next.kind].zh, kindEn: KIND_WORDS[next.kind].en, date: formatCivilDate(date), start: window.start },
      });
    });
    return created(caseView(ctx, record, c, ctx.person.id));
  }

  function cancelAppointment(ctx: VerifiedContext) {
    const record = writeCivil(ctx);
    const c = ownCase(ctx, record);
    const appointment = c.appointmentIds.includes(ctx.params.appointmentId) ? own(record.book.records, ctx.params.appointmentId) : undefined;
    if (!appointment) throw notFound('No such appointment in this case');
    engine.cancelPlace(appointment, RULES[kindOf(appointment)], ctx.now);
    c.events.push({ kind: 'cancelled', at: ctx.now, by: ctx.person.id, appointment: kindOf(appointment) });
    return ok(caseView(ctx, record, c, ctx.person.id));
  }

  function withdraw(ctx: VerifiedContext) {
    const record = writeCivil(ctx);
    const c = ownCase(ctx, record);
    const d = derive(record, c, ctx.now);
    if (!isOpen(d)) throw conflict('CASE_CLOSED', d.status === 'registered' || d.status === 'divorced' ? 'This case is complete' : 'This case is already closed');
    appointmentsOf(record, c).forEach((a) => {
      if (statusOf(a, ctx.now) === 'booked') {
        a.state = 'cancelled';
        a.cancelledAt = ctx.now;
      }
    });
    invitations.revoke(record.invitations, c.id);
    c.ended = { reason: 'withdrawn', by: ctx.person.id, at: ctx.now };
    c.events.push({ kind: 'withdrawn', at: ctx.now, by: ctx.person.id });
    return ok(caseView(ctx, record, c, ctx.person.id));
  }

  /**
   * Deleting a person's data withdraws their open cases (the other person sees it withdrawn) and their
   * invitations. Registered marriages and divorces are the register's records, kept permanently.
   */
  const forgetCivil: Forget = (state, personId, now) => {
    const peeked = peekAgency<CivilRecord>(state, CIVIL_AGENCY);
    if (!peeked) return { deleted: { civilCases: 0, newbornApplications: newborn.forget(state, personId, now) }, kept: [] };
    const record = agencyState<CivilRecord>(state, CIVIL_AGENCY, () => peeked);
    let withdrawn = 0;
    let kept = 0;
    const mine = own(record.byPerson, personId) ?? [];
    const completed = (id: string): boolean => {
      const status = derive(record, record.cases[id], now).status;
      return status === 'registered' || status === 'divorced';
    };
    // What the register keeps (a registered marriage or divorce) stays filed under the person; the rest goes.
    if (mine.some(completed)) record.byPerson[personId] = mine.filter(completed);
    else delete record.byPerson[personId];
    mine.forEach((id) => {
      const c = record.cases[id];
      const d = derive(record, c, now);
      if (!isOpen(d)) {
        if (d.status === 'registered' || d.status === 'divorced') kept += 1;
        return;
      }
      appointmentsOf(record, c).forEach((a) => {
        if (statusOf(a, now) === 'booked') {
          a.state = 'cancelled';
          a.cancelledAt = now;
        }
      });
      invitations.revoke(record.invitations, c.id);
      c.ended = { reason: 'withdrawn', by: personId, at: now };
      c.events.push({ kind: 'withdrawn', at: now, by: personId });
      withdrawn += 1;
    });
    return { deleted: { civilCases: withdrawn, newbornApplications: newborn.forget(state, personId, now) }, kept: kept ? [{ kind: 'marriage-register', count: kept, until: null }] : [] };
  };

  function prune(state: GovernmentState, now: number): void {
    const peeked = peekAgency<CivilRecord>(state, CIVIL_AGENCY);
    if (!peeked) return;
    const record = agencyState<CivilRecord>(state, CIVIL_AGENCY, () => peeked);
    engine.pruneBook(record.book, RULES.marriage, now, 30 * DAY_MS);
    invitations.prune(record.invitations, now, 30 * DAY_MS);
    Object.keys(record.cases).forEach((id) => {
      const c = record.cases[id];
      const d = derive(record, c, now);
      if (!d.ended || now - d.ended.at < ENDED_KEEP_MS) return;
      delete record.cases[id];
      [c.first, c.second].forEach((personId) => {
        if (!personId) return;
        const rest = (own(record.byPerson, personId) ?? []).filter((other) => other !== id);
        if (rest.length) record.byPerson[personId] = rest;
        else delete record.byPerson[personId];
      });
    });
  }

  /** A replayed start or new code gives the case without the code: only its digest is kept (the case page makes a new one). */
  const withoutCode = (body: unknown): unknown => {
    if (typeof body !== 'object' || body === null) return body;
    const copy: Record<string, unknown> = { ...body };
    if ('code' in copy) copy.code = '';
    const invitation = copy.invitation;
    if (typeof invitation === 'object' && invitation !== null) copy.invitation = { ...invitation, code: '' };
    return copy;
  };

  const newborn = createNewborn(kit, {
    spouseOf: (state, personId, now) => marriageOf(state, peekAgency<CivilRecord>(state, CIVIL_AGENCY), personId, now)?.spouse ?? null,
    withoutCode,
  });

  const routes: Route[] = [
    ...newborn.routes,
    { method: 'GET', path: '/civil/offices', auth: 'verified', summary: 'Marriage registration offices: name, district, address, hours, phone', handle: listOffices },
    { method: 'GET', path: '/civil/eligibility', auth: 'verified', summary: 'Whether I can start a case (kind=marriage|divorce): the reasons I cannot, and the declaration', handle: eligibility },
    { method: 'GET', path: '/civil/cases', auth: 'verified', summary: 'My marriage and divorce cases, started or joined, newest first', handle: listCases },
    { method: 'POST', path: '/civil/cases', auth: 'verified', summary: 'Start a case (marriage: declaration; divorce: certificate number, agreement); answers its invitation code (a replay: code \'\')', handle: startCase, replay: withoutCode },
    { method: 'GET', path: '/civil/cases/:caseId', auth: 'verified', summary: 'One of my cases: both parties (masked), appointments, cooling-off, what is next, the timeline', handle: getCase },
    { method: 'POST', path: '/civil/cases/:caseId/invitation', auth: 'verified', summary: 'A new invitation code for the case (the first person, before the other accepts); earlier codes stop working (a replay: code \'\')', handle: newInvitation, replay: withoutCode },
    { method: 'POST', path: '/civil/invitations/open', auth: 'verified', summary: 'Open an invitation code (and the case it should belong to): the case as the invited person sees it', handle: openInvitation },
    { method: 'POST', path: '/civil/cases/:caseId/accept', auth: 'verified', summary: 'Accept the case with its code, signing the declaration or acknowledging the agreement', handle: accept },
    { method: 'POST', path: '/civil/cases/:caseId/decline', auth: 'verified', summary: 'Decline the case with its code; it ends for the person who started it', handle: decline },
    { method: 'GET', path: '/civil/cases/:caseId/offices/:officeId/days', auth: 'verified', summary: 'The office\'s days for the case\'s next appointment: places left, open windows, why a day cannot be booked', handle: officeDays },
    { method: 'POST', path: '/civil/cases/:caseId/appointments', auth: 'verified', summary: 'Book the case\'s next appointment (office, date, window) for both parties', handle: book },
    { method: 'POST', path: '/civil/cases/:caseId/appointments/:appointmentId/cancel', auth: 'verified', summary: 'Cancel the case\'s appointment (either party) by the day before at the latest', handle: cancelAppointment },
    { method: 'POST', path: '/civil/cases/:caseId/withdraw', auth: 'verified', summary: 'Withdraw the case (either party): appointments cancelled, codes stop working, both see it withdrawn', handle: withdraw },
  ];

  return {
    name: CIVIL_AGENCY,
    routes,
    forget: forgetCivil,
    prune,
    civilRecord: (state) => peekAgency<CivilRecord>(state, CIVIL_AGENCY),
  };
}
