// What the exit-entry agency starts with: exit-entry offices in several cities (an ordinary passport can be
// applied for at any of them since 2019-04-01, so no hukou-area rule), each window's quota, the office-day
// that is always full, and the passports of the test residents on the register.
import type { ExitEntryOffice } from '../../contracts/passport';

const HOURS = { zh: '周一至周五 9:00–12:00、14:00–17:00', en: 'Mon to Fri 9:00–12:00 and 14:00–17:00' };

export const OFFICES: readonly ExitEntryOffice[] = [
  {
    id: 'gz-tianhe',
    name: { zh: '广州市天河区出入境办证大厅', en: 'Guangzhou Tianhe Exit-Entry Service Hall' },
    city: { zh: '广州', en: 'Guangzhou' },
    address: { zh: '天河区黄埔大道西 118 号', en: '118 Huangpu Avenue West, Tianhe' },
    hours: HOURS,
    phone: '020-83118110',
  },
  {
    id: 'gz-yuexiu',
    name: { zh: '广州市越秀区出入境办证大厅', en: 'Guangzhou Yuexiu Exit-Entry Service Hall' },
    city: { zh: '广州', en: 'Guangzhou' },
    address: { zh: '越秀区解放南路 155 号', en: '155 Jiefang South Road, Yuexiu' },
    hours: HOURS,
    phone: '020-83115000',
  },
  {
    id: 'sz-futian',
    name: { zh: '深圳市福田区出入境办证大厅', en: 'Shenzhen Futian Exit-Entry Service Hall' },
    city: { zh: '深圳', en: 'Shenzhen' },
    address: { zh: '福田区深南中路 4018 号', en: '4018 Shennan Middle Road, Futian' },
    hours: HOURS,
    phone: '0755-84465490',
  },
  {
    id: 'fs-chancheng',
    name: { zh: '佛山市禅城区出入境办证大厅', en: 'Foshan Chancheng Exit-Entry Service Hall' },
    city: { zh: '佛山', en: 'Foshan' },
    address: { zh: '禅城区季华五路 32 号', en: '32 Jihua 5th Road, Chancheng' },
    hours: HOURS,
    phone: '0757-83328110',
  },
  {
    id: 'bj-chaoyang',
    name: { zh: '北京市朝阳区出入境接待大厅', en: 'Beijing Chaoyang Exit-Entry Reception Hall' },
    city: { zh: '北京', en: 'Beijing' },
    address: { zh: '朝阳区朝阳公园路 7 号', en: '7 Chaoyang Park Road, Chaoyang' },
    hours: HOURS,
    phone: '010-85222110',
  },
];

/** Places per window (each office, each working day, each of the four windows). */
export const WINDOW_QUOTA = 20;
/** A day with this many places left or fewer (of its four windows together) reads 'few'. */
export const FEW_LEFT = 10;
/** The office whose every window is taken on Wednesdays (a popular day): the "full" case. */
export const BUSY_OFFICE = 'gz-tianhe';
export const BUSY_WEEKDAY = 3;

/** Cancel until 00:00 CST of the day before the appointment. */
export const CANCEL_DAYS_BEFORE = 1;
/** Applications a person may submit in a day (cancelled or not): enough for mistakes, not for filling storage. */
export const APPLICATIONS_PER_DAY = 5;
/** Photos a person may have waiting (not yet expired) at once. */
export const PHOTOS_PER_PERSON = 10;
/** The passport is ready at this hour (CST) of its ready day. */
export const READY_HOUR = 17;

/** The passports of the test residents on the exit-entry register (by cast key). */
export const SEEDED_PASSPORTS: readonly { key: string; number: string; issuedOn: string; expiresOn: string }[] = [
  { key: 'r02', number: 'E12345678', issuedOn: '2021-08-20', expiresOn: '2031-08-19' },
  { key: 'r09', number: 'E60432187', issuedOn: '2012-03-05', expiresOn: '2022-03-04' },
];
