// Traffic police agency: registered vehicles, bindings (owner only, up to 3), violation notices
// with the late surcharge, and the notices as payable items for the payments service. It lives in
// the fines subpackage and gets what the government shares through its kit (mock/agency.ts).
import {
  FINE_ITEM_KIND,
  MAX_VEHICLES,
  NOTICES_PAGE_MAX,
  POLICE_AGENCY,
  PLATE_TYPES,
  type FineNotice,
  type NoticePayment,
  type NoticeStatus,
  type NoticesResponse,
  OFFENCES as OFFENCE_CODES,
  type Offence,
  type PlateType,
  type VehicleSummary,
  type VehiclesResponse,
} from '../../../contracts/fines';
import { DAY_MS, cstDaysBetween, cstMidnight, cstParts, formatCstDate } from '../../../core/dates';
import { checkPlate, checkVinLast6, normalisePlate, normaliseVin } from '../../../core/plates';
import type { Agency, AgencyKit } from '../../../mock/agency';
import type { Forget } from '../../../mock/erasure';
import type { HttpError } from '../../../mock/http';
import type { PayableSource } from '../../../mock/payments';
import type { PayerContext, Route, VerifiedContext } from '../../../mock/router';
import type { GovernmentState } from '../../../mock/store';

/** Road Traffic Safety Law art. 109: 15 days to pay, then 3% of the fine per day, never more than the fine. */
export const GRACE_DAYS = 15;
export const SURCHARGE_PERCENT_PER_DAY = 3;

export interface LateSurcharge { daysLate: number; surchargeFen: number; capped: boolean }

export function lateSurcharge(fineFen: number, noticedAt: number, now: number): LateSurcharge {
  const daysLate = Math.max(0, cstDaysBetween(noticedAt, now) - GRACE_DAYS);
  const uncapped = Math.floor((fineFen * SURCHARGE_PERCENT_PER_DAY * daysLate) / 100);
  return { daysLate, surchargeFen: Math.min(uncapped, fineFen), capped: uncapped >= fineFen && daysLate > 0 };
}

interface RegisteredVehicle { id: string; plate: string; plateType: PlateType; vin: string; ownerId: string }

interface NoticeRecord {
  id: string;
  vehicleId: string;
  occurredAt: number;
  noticedAt: number;
  place: string;
  offence: Offence;
  fineFen: number;
  points: number;
  status: NoticeStatus;
  payment: NoticePayment | null;
}

/** What a notice became after the seed: paid (with its payment) or disputed. */
export interface NoticeChange { status: NoticeStatus; payment: NoticePayment | null }

/** What the police keep (persisted): bindings and what happened to notices. The seed itself is recomputed. */
export interface PoliceRecord {
  /** personId -> bound vehicle ids, in the order bound. */
  bindings: Record<string, string[]>;
  /** noticeId -> its status since the seed. */
  changes: Record<string, NoticeChange>;
}

/** The seed, recomputed from the first-run day and never stored. */
interface PoliceSeed {
  vehicles: Record<string, RegisteredVehicle>;
  notices: Record<string, NoticeRecord>;
  byVehicle: Record<string, string[]>;
}

export interface PoliceState extends PoliceSeed {
  bindings: Record<string, string[]>;
  changes: Record<string, NoticeChange>;
}

/** Counts the notices requests turn into answers, so tests can hold listing to O(page). */
export const noticeWork = { touched: 0 };

const OFFENCES: Record<Offence, [fineYuan: number, points: number]> = {
  'red-light': [200, 6],
  'lane-marking': [200, 3],
  'speeding-20': [200, 3],
  'speeding-50': [1500, 12],
  'no-parking': [200, 0],
  phone: [200, 3],
  seatbelt: [50, 1],
  pedestrian: [200, 3],
};
const OFFENCE_LIST: readonly Offence[] = OFFENCE_CODES;

/** Where the seeded offences happened, in Chinese and in English (pinyin street names, English districts). */
const PLACES_BOTH: readonly (readonly [zh: string, en: string])[] = [
  ['深圳市南山区深南大道与科苑路交叉口', 'Shennan Avenue at Keyuan Road, Nanshan, Shenzhen'],
  ['深圳市福田区滨河大道皇岗立交', 'Huanggang Interchange, Binhe Avenue, Futian, Shenzhen'],
  ['广州市天河区天河路体育中心段', 'Tianhe Road by the Sports Centre, Tianhe, Guangzhou'],
  ['广州市越秀区环市东路与淘金路交叉口', 'Huanshi East Road at Taojin Road, Yuexiu, Guangzhou'],
  ['深圳市宝安区宝安大道西乡段', "Bao'an Avenue, Xixiang section, Bao'an, Shenzhen"],
  ['东莞市南城区鸿福路', 'Hongfu Road, Nancheng, Dongguan'],
  ['广州市海珠区新港中路', 'Xingang Middle Road, Haizhu, Guangzhou'],
  ['深圳市罗湖区人民南路火车站段', 'Renmin South Road by the railway station, Luohu, Shenzhen'],
];
const PLACES = PLACES_BOTH.map(([zh]) => zh);
/** The English of a stored place (records keep the Chinese, as the police write it). */
const PLACE_EN = new Map(PLACES_BOTH.map(([zh, en]) => [zh, en]));


/** Area codes of the traffic police offices that issue decisions, by the city the offence was in. */
const DECISION_AREAS: readonly [city: string, code: string][] = [['深圳市', '440300'], ['广州市', '440100'], ['东莞市', '441900']];

/**
 * The decision number (决定书编号) of a notice: the issuing office's 6-digit area code, then 10 digits
 * derived from the notice id, so the same notice always has the same number.
 */
export function decisionNumberOf(id: string, place: string): string {
  const area = DECISION_AREAS.find(([city]) => place.startsWith(city))?.[1] ?? '440000';
  const digits = [...id.slice(-10).padStart(10, '0')].map((c) => String((parseInt(c, 36) || 0) % 10)).join('');
  return `${area}${digits}`;
}

/** Hand-made notices for the documented residents: [plate, days since the notice, offence, place, status]. */
type Crafted = [plate: string, daysAgo: number, offence: Offence, place: number, status: NoticeStatus];
const CRAFTED: Crafted[] = [
  ['粤B12345', 3, 'red-light', 0, 'unpaid'],
  ['粤B12345', 23, 'lane-marking', 1, 'unpaid'],
  ['粤B12345', 90, 'speeding-20', 2, 'unpaid'],
  ['粤B12345', 40, 'no-parking', 3, 'paid'],
  ['粤B12345', 10, 'phone', 4, 'disputed'],
  ['粤BD12345', 5, 'pedestrian', 5, 'unpaid'],
  ['粤BD12345', 16, 'seatbelt', 6, 'unpaid'],
  ['粤E12345', 20, 'lane-marking', 7, 'unpaid'],
  ['粤E12345', 2, 'no-parking', 0, 'unpaid'],
];
/** The performance seed: this plate carries 200 notices. */
export const BUSY_PLATE = '粤A88888';
const BUSY_COUNT = 200;

/** Failed bind attempts a person may make in a day (wrong plate, VIN or owner), then 429. */
export const BIND_TRIES_PER_DAY = 10;

/** Seeds by first-run day and size: the same for every government, so computed once per process. */
const seeds = new Map<string, PoliceSeed>();

const STATUS_ORDER: Record<NoticeStatus, number> = { unpaid: 0, disputed: 1, paid: 2 };

/** Per vehicle: its notices in listing order (unpaid first, newest first), rebuilt only when a notice of it changes. */
const orderCache = new Map<string, { changes: Record<string, NoticeChange>; version: number; ids: string[] }>();
/** Per vehicle: its summary for one CST day (the surcharge moves daily), rebuilt when a notice changes. */
const summaryCache = new Map<string, { changes: Record<string, NoticeChange>; version: number; day: number; summary: VehicleSummary }>();

/** A cheap mark of the changes: a new table after a rollback, or a new entry after a payment, differ. */
const versionOf = (police: PoliceState): number => Object.keys(police.changes).length;

/** The police agency with what tests look into: the state as it stands, and a plate's vehicle id. */
export interface PoliceAgency extends Agency {
  policeState(state: GovernmentState, now?: number, busyCount?: number): PoliceState;
  vehicleIdOf(plate: string): string;
}

/** The traffic police: vehicles and their notices, payable through the shared payments flow. */
export function createAgency(kit: AgencyKit): PoliceAgency {
  const { dict, own, agencyState } = kit.store;
  const { notFound, conflict, readPaging } = kit.http;
  const { ok, created } = kit.reply;

  const vehicleIdOf = (plate: string): string => `v${kit.random.hashKey(plate).slice(1, 11)}`;
  const noticeIdOf = (plate: string, n: number): string => `n${kit.random.hashKey(`${plate}#${n}`).slice(1, 15)}`;

  function seedPolice(firstRunAt: number, busyCount: number): PoliceSeed {
    const police: PoliceSeed = { vehicles: dict(), notices: dict(), byVehicle: dict() };
    kit.cast.forEach((member) => {
      member.vehicles.forEach((v) => {
        const id = vehicleIdOf(v.plate);
        police.vehicles[id] = { id, plate: v.plate, plateType: v.plateType, vin: v.vin, ownerId: `p-${member.key}` };
        police.byVehicle[id] = [];
      });
    });
    // Notices are dated back from the day the government first runs, at 10:00 CST.
    const todayTen = cstMidnight(cstParts(firstRunAt)) + 10 * 3600 * 1000;
    const add = (plate: string, n: number, noticedAt: number, offence: Offence, place: string, status: NoticeStatus, occurredBefore: number): void => {
      const vehicleId = vehicleIdOf(plate);
      const [fineYuan, points] = OFFENCES[offence];
      const id = noticeIdOf(plate, n);
      const payment: NoticePayment | null =
        status === 'paid' ? { at: noticedAt + 2 * DAY_MS, amountFen: fineYuan * 100, reference: `PAY-SEED-${n}`, orderId: '' } : null;
      police.notices[id] = { id, vehicleId, occurredAt: noticedAt - occurredBefore, noticedAt, place, offence, fineFen: fineYuan * 100, points, status, payment };
      police.byVehicle[vehicleId].push(id);
    };
    CRAFTED.forEach(([plate, daysAgo, offence, place, status], n) => {
      add(plate, n, todayTen - daysAgo * DAY_MS, offence, PLACES[place], status, 2 * DAY_MS + 5400 * 1000);
    });
    const random = kit.random.seeded(20261122);
    for (let n = 0; n < busyCount; n += 1) {
      const roll = random.next();
      const status: NoticeStatus = roll < 0.55 ? 'unpaid' : roll < 0.95 ? 'paid' : 'disputed';
      add(BUSY_PLATE, n, todayTen - random.int(0, 400) * DAY_MS - random.int(0, 8) * 3600 * 1000, random.pick(OFFENCE_LIST), random.pick(PLACES), status, random.int(1, 6) * DAY_MS + random.int(0, 600) * 60000);
    }
    return police;
  }

  /** The seed for a first-run day and size, computed once per process. */
  function seedFor(firstRunAt: number, busyCount: number): PoliceSeed {
    const key = `${cstMidnight(cstParts(firstRunAt))}/${busyCount}`;
    let seed = seeds.get(key);
    if (!seed) {
      seed = seedPolice(firstRunAt, busyCount);
      seeds.set(key, seed);
    }
    return seed;
  }

  /**
   * The police agency's state: the seed dated from the day the government first ran (persisted), not
   * from this request, with what is kept (bindings, changed notices) over it.
   */
  function policeState(state: GovernmentState, _now?: number, busyCount = BUSY_COUNT): PoliceState {
    const kept = agencyState<PoliceRecord>(state, POLICE_AGENCY, () => ({ bindings: dict(), changes: dict() }));
    return { ...seedFor(state.meta.firstRunAt, busyCount), bindings: kept.bindings, changes: kept.changes };
  }

  /** A notice listed in the seed (`byVehicle`), as it stands now. */
  const seededNotice = (police: PoliceState, id: string): NoticeRecord => noticeAt(police, id) ?? police.notices[id];

  /** The notice as it stands: the seed with any later change. */
  function noticeAt(police: PoliceState, id: string): NoticeRecord | undefined {
    const seed = own(police.notices, id);
    const change = own(police.changes, id);
    return seed && change ? { ...seed, status: change.status, payment: change.payment } : seed;
  }

  const agencyOf = (ctx: PayerContext): PoliceState => policeState(ctx.state, ctx.now, ctx.config.busyNoticeCount);

  function noticeView(police: PoliceState, record: NoticeRecord, now: number): FineNotice {
    noticeWork.touched += 1;
    const vehicle = police.vehicles[record.vehicleId];
    const late = record.status === 'unpaid' ? lateSurcharge(record.fineFen, record.noticedAt, now) : { daysLate: 0, surchargeFen: 0, capped: false };
    return {
      id: record.id,
      decisionNumber: decisionNumberOf(record.id, record.place),
      vehicleId: record.vehicleId,
      plate: vehicle.plate,
      occurredAt: record.occurredAt,
      noticedAt: record.noticedAt,
      payBy: formatCstDate(record.noticedAt + GRACE_DAYS * DAY_MS),
      place: record.place,
      placeEn: PLACE_EN.get(record.place) ?? record.place,
      offence: record.offence,
      fineFen: record.fineFen,
      points: record.points,
      status: record.status,
      daysLate: late.daysLate,
      surchargeFen: late.surchargeFen,
      surchargeCapped: late.capped,
      dueFen: record.status === 'unpaid' ? record.fineFen + late.surchargeFen : 0,
      payment: record.payment,
    };
  }

  function summaryOf(police: PoliceState, vehicle: RegisteredVehicle, now: number): VehicleSummary {
    let unpaidCount = 0;
    let dueFen = 0;
    let pointsPending = 0;
    police.byVehicle[vehicle.id].forEach((id) => {
      const notice = noticeView(police, seededNotice(police, id), now);
      if (notice.status === 'unpaid') {
        unpaidCount += 1;
        dueFen += notice.dueFen;
      }
      if (notice.status !== 'paid') pointsPending += notice.points;
    });
    return { id: vehicle.id, plate: vehicle.plate, plateType: vehicle.plateType, unpaidCount, dueFen, pointsPending };
  }

  /** The vehicle if this person has bound it; otherwise 404, whether or not it exists. */
  function boundVehicle(ctx: VerifiedContext, police: PoliceState, vehicleId: string): RegisteredVehicle {
    const bound = own(police.bindings, ctx.person.id) ?? [];
    const vehicle = own(police.vehicles, vehicleId);
    if (!vehicle || !bound.includes(vehicleId)) throw notFound('No such vehicle among yours');
    return vehicle;
  }

  /** The notice if it belongs to a vehicle this person has bound; otherwise null. */
  function ownNotice(ctx: PayerContext, police: PoliceState, noticeId: string): NoticeRecord | null {
    const record = noticeAt(police, noticeId);
    if (!record) return null;
    return (own(police.bindings, ctx.person.id) ?? []).includes(record.vehicleId) ? record : null;
  }

  function listVehicles(ctx: VerifiedContext) {
    const police = agencyOf(ctx);
    const answer: VehiclesResponse = {
      vehicles: (own(police.bindings, ctx.person.id) ?? []).map((id) => summaryOf(police, police.vehicles[id], ctx.now)),
      max: MAX_VEHICLES,
    };
    return ok(answer);
  }

  function bindVehicle(ctx: VerifiedContext) {
    const police = agencyOf(ctx);
    const reader = new kit.http.BodyReader(ctx.body);
    const plateType = reader.string('plateType', { max: 20 }) as PlateType;
    const plate = normalisePlate(reader.string('plate', { max: 12 }));
    const vin = normaliseVin(reader.string('vinLast6', { max: 12 }));
    if (plateType && !PLATE_TYPES.includes(plateType)) reader.flag('plateType', 'UNKNOWN_TYPE');
    if (plate && PLATE_TYPES.includes(plateType)) {
      const problem = checkPlate(plate, plateType === 'new-energy' ? 'new-energy' : 'regular');
      if (problem) reader.flag('plate', problem);
    }
    if (vin) {
      const problem = checkVinLast6(vin);
      if (problem) reader.flag('vinLast6', problem);
    }
    reader.done();

    kit.limits.check(ctx.state, 'bind', ctx.person.id, ctx.now, BIND_TRIES_PER_DAY, 'Too many vehicles that did not match today');
    /** A failed attempt is counted (and kept although the request is refused). */
    const refuse = (error: HttpError): HttpError => {
      kit.limits.count(ctx.state, 'bind', ctx.person.id, ctx.now);
      return error;
    };
    const vehicle = own(police.vehicles, vehicleIdOf(plate));
    if (!vehicle || vehicle.plateType !== plateType) {
      throw refuse(new kit.http.HttpError(422, 'VEHICLE_NOT_FOUND', 'No vehicle of this type is registered with this plate', { plate: 'VEHICLE_NOT_FOUND' }));
    }
    // Ownership first: someone else's vehicle gets the same answer whatever VIN was typed, so a guesser never learns it.
    if (vehicle.ownerId !== ctx.person.id) {
      throw refuse(new kit.http.HttpError(403, 'NOT_OWNER', 'This vehicle is registered to someone else; only its owner can handle its violations', { plate: 'NOT_OWNER' }));
    }
    if (vehicle.vin.slice(-6) !== vin) {
      throw refuse(new kit.http.HttpError(422, 'VIN_MISMATCH', 'The VIN does not match the registered vehicle', { vinLast6: 'VIN_MISMATCH' }));
    }
    const bound = own(police.bindings, ctx.person.id) ?? [];
    if (bound.includes(vehicle.id)) throw conflict('ALREADY_BOUND', 'This vehicle is already bound to you');
    if (bound.length >= MAX_VEHICLES) throw conflict('VEHICLE_LIMIT', `You can bind up to ${MAX_VEHICLES} vehicles; unbind one first`);
    police.bindings[ctx.person.id] = [...bound, vehicle.id];
    return created(summaryOf(police, vehicle, ctx.now));
  }

  function unbindVehicle(ctx: VerifiedContext) {
    const police = agencyOf(ctx);
    const vehicle = boundVehicle(ctx, police, ctx.params.vehicleId);
    police.bindings[ctx.person.id] = (own(police.bindings, ctx.person.id) ?? []).filter((id) => id !== vehicle.id);
    return ok({ unbound: true });
  }

  function sortedNotices(police: PoliceState, vehicleId: string): string[] {
    const version = versionOf(police);
    const cached = orderCache.get(vehicleId);
    if (cached && cached.changes === police.changes && cached.version === version) return cached.ids;
    const records = police.byVehicle[vehicleId].map((id) => seededNotice(police, id));
    records.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.occurredAt - a.occurredAt || (a.id < b.id ? -1 : 1));
    const ids = records.map((record) => record.id);
    orderCache.set(vehicleId, { changes: police.changes, version, ids });
    return ids;
  }

  function cachedSummary(police: PoliceState, vehicle: RegisteredVehicle, now: number): VehicleSummary {
    const version = versionOf(police);
    const day = cstMidnight(cstParts(now));
    const cached = summaryCache.get(vehicle.id);
    if (cached && cached.changes === police.changes && cached.version === version && cached.day === day) return cached.summary;
    const summary = summaryOf(police, vehicle, now);
    summaryCache.set(vehicle.id, { changes: police.changes, version, day, summary });
    return summary;
  }

  function listNotices(ctx: VerifiedContext) {
    const police = agencyOf(ctx);
    const vehicle = boundVehicle(ctx, police, ctx.params.vehicleId);
    const { offset: from, limit: count } = readPaging(ctx.query, NOTICES_PAGE_MAX);
    const order = sortedNotices(police, vehicle.id);
    const answer: NoticesResponse = {
      vehicle: cachedSummary(police, vehicle, ctx.now),
      items: order.slice(from, from + count).map((id) => noticeView(police, seededNotice(police, id), ctx.now)),
      total: order.length,
    };
    return ok(answer);
  }

  function getNotice(ctx: VerifiedContext) {
    const police = agencyOf(ctx);
    const record = ownNotice(ctx, police, ctx.params.noticeId);
    if (!record) throw notFound('No such notice among yours');
    return ok(noticeView(police, record, ctx.now));
  }

  /** Notices as items of the shared payments service. */
  /**
   * Deleting a person's data unbinds their vehicles. The notices on them are the police's own records
   * (Road Traffic Safety Law), not this service's, so they stay, as does what was paid on them.
   */
  const forgetPolice: Forget = (state, personId) => {
    const kept = agencyState<PoliceRecord>(state, POLICE_AGENCY, () => ({ bindings: dict(), changes: dict() }));
    const vehicles = (own(kept.bindings, personId) ?? []).length;
    delete kept.bindings[personId];
    return { deleted: { vehicles }, kept: [{ kind: 'traffic-records', count: vehicles, until: null }] };
  };

  const noticePayables: PayableSource = {
    recordKind: 'fine-payment',
    quote(ctx, itemId) {
      const police = agencyOf(ctx);
      const record = ownNotice(ctx, police, itemId);
      if (!record) return null;
      const notice = noticeView(police, record, ctx.now);
      return {
        state: notice.status === 'unpaid' ? 'payable' : notice.status === 'paid' ? 'paid' : 'not-payable',
        kind: FINE_ITEM_KIND,
        amountFen: notice.dueFen,
        detail: {
          plate: notice.plate,
          date: formatCstDate(notice.occurredAt),
          offence: notice.offence,
          points: notice.points,
          fineFen: notice.fineFen,
          surchargeFen: notice.surchargeFen,
          daysLate: notice.daysLate,
        },
      };
    },
    settle(ctx, itemId, payment) {
      const police = agencyOf(ctx);
      const record = ownNotice(ctx, police, itemId);
      if (!record) return;
      police.changes[itemId] = { status: 'paid', payment };
    },
  };

  const finesRoutes: Route[] = [
    { method: 'GET', path: '/fines/vehicles', auth: 'verified', summary: 'My bound vehicles with unpaid count, amount due and points', handle: listVehicles },
    { method: 'POST', path: '/fines/vehicles', auth: 'verified', summary: 'Bind a vehicle registered to me (plate, type, VIN last 6)', handle: bindVehicle },
    { method: 'DELETE', path: '/fines/vehicles/:vehicleId', auth: 'verified', summary: 'Unbind one of my vehicles', handle: unbindVehicle },
    { method: 'GET', path: '/fines/vehicles/:vehicleId/notices', auth: 'verified', summary: 'Notices of my vehicle, unpaid first (offset, limit <= 50)', handle: listNotices },
    { method: 'GET', path: '/fines/notices/:noticeId', auth: 'verified', summary: 'One of my notices with its late surcharge', handle: getNotice },
  ];

  return { name: POLICE_AGENCY, routes: finesRoutes, payables: noticePayables, forget: forgetPolice, policeState, vehicleIdOf };
}
