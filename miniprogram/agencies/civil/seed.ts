// What the civil-affairs agency starts with: Guangzhou's marriage registration offices, each kind's daily
// quota and booking rules (data for the shared appointment engine), the marriages of the test residents
// on the register, and the declaration both people sign.
import type { AppointmentKind, LocalText, Office } from '../../contracts/civil';

export const OFFICES: readonly Office[] = [
  {
    id: 'gz-tianhe',
    name: { zh: '天河区婚姻登记处', en: 'Tianhe District Marriage Registry' },
    district: { zh: '天河区', en: 'Tianhe' },
    address: { zh: '天河区天河北路 618 号 1 楼', en: '1/F, 618 Tianhe North Road, Tianhe' },
    hours: { zh: '周一至周五 9:00–12:00、14:00–17:00', en: 'Mon to Fri 9:00–12:00 and 14:00–17:00' },
    phone: '020-38860001',
    areaCode: '440106',
  },
  {
    id: 'gz-yuexiu',
    name: { zh: '越秀区婚姻登记处', en: 'Yuexiu District Marriage Registry' },
    district: { zh: '越秀区', en: 'Yuexiu' },
    address: { zh: '越秀区东风中路 268 号', en: '268 Dongfeng Middle Road, Yuexiu' },
    hours: { zh: '周一至周五 9:00–12:00、14:00–17:00', en: 'Mon to Fri 9:00–12:00 and 14:00–17:00' },
    phone: '020-83330002',
    areaCode: '440104',
  },
  {
    id: 'gz-haizhu',
    name: { zh: '海珠区婚姻登记处', en: 'Haizhu District Marriage Registry' },
    district: { zh: '海珠区', en: 'Haizhu' },
    address: { zh: '海珠区江南大道中 83 号', en: '83 Jiangnan Avenue Middle, Haizhu' },
    hours: { zh: '周一至周五 9:00–12:00、14:00–17:00', en: 'Mon to Fri 9:00–12:00 and 14:00–17:00' },
    phone: '020-84440003',
    areaCode: '440105',
  },
  {
    id: 'gz-panyu',
    name: { zh: '番禺区婚姻登记处', en: 'Panyu District Marriage Registry' },
    district: { zh: '番禺区', en: 'Panyu' },
    address: { zh: '番禺区市桥街清河东路 319 号', en: '319 Qinghe East Road, Shiqiao, Panyu' },
    hours: { zh: '周一至周五 9:00–12:00、14:00–17:00', en: 'Mon to Fri 9:00–12:00 and 14:00–17:00' },
    phone: '020-84550004',
    areaCode: '440113',
  },
];

/** The office whose marriage quota is always taken on Fridays (a popular day): the "quota full" case. */
export const BUSY_OFFICE = 'gz-tianhe';
export const BUSY_WEEKDAY = 5;

/** Places a day, per office and kind. */
export const DAILY_QUOTA: Record<AppointmentKind, number> = { marriage: 30, 'divorce-application': 12, 'divorce-certificate': 12 };
export const FEW_LEFT = 5;

/** When each kind can be booked, in CST days from today (the certificate also only for days 31 to 60). */
export const KIND_WINDOW: Record<AppointmentKind, { minDays: number; maxDays: number }> = {
  marriage: { minDays: 1, maxDays: 15 },
  'divorce-application': { minDays: 1, maxDays: 15 },
  'divorce-certificate': { minDays: 0, maxDays: 29 },
};

/** Cancel at least one day ahead: until the end of the day before (00:00 CST of the appointment day). */
export const CANCEL_DAYS_BEFORE = 0;
/** 2 no-shows within 30 days block booking for 15 days (reported, Zhaoqing). */
export const NO_SHOW = { limit: 2, windowDays: 30, blockDays: 15 } as const;
export const MAX_UPCOMING = 2;

/** The marriages of the test residents on the register (by cast key), with their certificate numbers. */
export const SEEDED_MARRIAGES: readonly { keys: [string, string]; certificate: string; since: string }[] = [
  { keys: ['r02', 'r03'], certificate: 'J440305-2008-000316', since: '2008-10-01' },
  { keys: ['r07', 'r08'], certificate: 'J440304-2023-002871', since: '2023-05-20' },
  { keys: ['r12', 'r13'], certificate: 'J440106-2020-004512', since: '2020-06-06' },
];

/** The couple whose divorce application was made 10 days before the first run: in cooling-off. */
export const COOLING_OFF_COUPLE = { keys: ['r12', 'r13'], daysAgo: 10 } as const;
/** The resident who missed two marriage appointments (20 and 6 days before the first run): blocked. */
export const BLOCKED_RESIDENT = { key: 'r06', daysAgo: [20, 6] } as const;

export const MARRIAGE_DECLARATION: LocalText = {
  zh: '本人声明：本人无配偶，与对方没有直系血亲和三代以内旁系血亲关系，完全出于自愿结婚。以上声明真实，如有虚假，愿承担法律责任。',
  en: 'I declare that I have no spouse, that the other person and I are not lineal relatives or collateral relatives within three generations, and that I marry entirely of my own free will. This is true, and I accept legal responsibility if it is not.',
};

export const SEEDED_AGREEMENT = '双方自愿离婚。无子女。共有住房归女方所有，女方向男方支付折价款 30 万元；存款各自所有；无共同债务。';

/** What to bring and what happens at the office, per kind. */
export const AT_OFFICE: Record<AppointmentKind, { bring: LocalText; atOffice: LocalText }> = {
  marriage: {
    bring: { zh: '双方本人的居民身份证（2025 年 5 月 10 日起无需户口簿）。不收费。', en: 'Each of you: your own resident ID card (the household register is not needed since 10 May 2025). There is no fee.' },
    atOffice: {
      zh: '双方须本人一同到场：取号、核验身份、当面签署《申请结婚登记声明书》、合影，约 30 分钟后当场领取结婚证。',
      en: 'Both of you must come in person: take a number, have your IDs checked, sign the declaration in front of the registrar, have your photo taken, and receive your marriage certificates in about 30 minutes.',
    },
  },
  'divorce-application': {
    bring: { zh: '双方本人的居民身份证、结婚证和双方签名的离婚协议书。不收费。', en: 'Each of you: your resident ID card, the marriage certificate, and the divorce agreement signed by both. There is no fee.' },
    atOffice: {
      zh: '双方须本人一同到场提交离婚登记申请。受理当天起计 30 日离婚冷静期，期间任何一方可以撤回；期满后 30 日内双方须再次到场领取离婚证。',
      en: 'Both of you must come in person to apply. The 30-day cooling-off period starts on that day; during it either of you may withdraw. Within 30 days after it ends, both of you come again for the divorce certificate.',
    },
  },
  'divorce-certificate': {
    bring: { zh: '双方本人的居民身份证、结婚证和离婚协议书。不收费。', en: 'Each of you: your resident ID card, the marriage certificate and the divorce agreement. There is no fee.' },
    atOffice: {
      zh: '双方须本人一同到场，确认离婚意愿和离婚协议后当场领取离婚证。',
      en: 'Both of you must come in person, confirm the divorce and the agreement, and receive your divorce certificates there.',
    },
  },
};
