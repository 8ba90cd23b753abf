/**
 * @jest-environment node
 */
// Divorce's cooling-off period counts CST days from the CST date of the application appointment,
// whatever the machine's time zone: days 29, 30, 31, 60 and 61, just before and after 00:00 CST, give
// the same status, day number and answer to booking the certificate in UTC, Los Angeles, Shanghai and
// UTC+14 (fresh node processes, test/helpers/zones.ts).
import { ZONES, ZONE_OFFSETS, bundleScript, runInZone } from '../helpers/zones';

const SCRIPT = `
import { createGovernment } from './miniprogram/mock/index';
import { CAST } from './miniprogram/mock/seed';
import { DAY_MS, cstMidnight, cstParts, formatCstDate } from './miniprogram/core/dates';

async function main() {
  // 2026-11-22 23:30 CST: still the 22nd in UTC and in the Americas, the 23rd in Kiritimati.
  let now = Date.UTC(2026, 10, 22, 15, 30);
  const gov = createGovernment({ clock: { now: () => now }, seed: 3, config: { exposeSmsCode: true } });
  type Body = any;
  const call = async (method: 'GET' | 'POST', path: string, token: string | undefined, body?: object): Promise<{ status: number; body: Body }> =>
    gov.handle({ method, path, headers: { ...(token ? { authorization: 'Bearer ' + token } : {}), 'idempotency-key': 'k' + Math.random() }, body: body && JSON.stringify(body) });
  const verify = async (key: string) => {
    const person = CAST.find((m) => m.key === key)!;
    const token = (await call('POST', '/identity/session', undefined, { code: 'c' })).body.token;
    const sms = await call('POST', '/identity/sms', token, { mobile: person.mobile });
    await call('POST', '/identity/verify', token, { name: person.name, idNumber: person.idNumber, mobile: person.mobile, smsCode: sms.body.devCode });
    return token;
  };
  let a = await verify('r02');
  let b = await verify('r03');
  const started = (await call('POST', '/civil/cases', a, { kind: 'divorce', certificateNumber: 'J440305-2008-000316', agreement: '双方自愿离婚，无子女，财产各自所有，无共同债务，互不追究。', agreementAcknowledged: true })).body;
  const id = started.case.id;
  await call('POST', '/civil/cases/' + id + '/accept', b, { code: started.invitation.code, agreementAcknowledged: true });
  const days = (await call('GET', '/civil/cases/' + id + '/offices/gz-yuexiu/days', a)).body.days;
  const first = days.find((d: Body) => d.status === 'available' || d.status === 'few');
  await call('POST', '/civil/cases/' + id + '/appointments', a, { officeId: 'gz-yuexiu', date: first.date, window: 'pm2' });
  const day0 = cstMidnight(cstParts(Date.parse(first.date + 'T12:00:00+08:00')));
  const dateOf = (day: number) => formatCstDate(day0 + day * DAY_MS + 12 * 3600 * 1000);
  const out: string[] = [];
  const check = async (label: string, day: number, hh: number, mm: number, bookDay: number) => {
    now = day0 + day * DAY_MS + (hh * 60 + mm) * 60000;
    a = await verify('r02');
    b = await verify('r03');
    const view = (await call('GET', '/civil/cases/' + id, b)).body;
    let bookDate = bookDay;
    while ([0, 6].includes(new Date(Date.parse(dateOf(bookDate) + 'T12:00:00+08:00')).getUTCDay()) && bookDate < 61) bookDate += 1;
    const tried = await call('POST', '/civil/cases/' + id + '/appointments', a, { officeId: 'gz-yuexiu', date: dateOf(bookDay === 61 ? 61 : bookDate), window: 'pm2' });
    if (tried.status === 201) await call('POST', '/civil/cases/' + id + '/appointments/' + tried.body.upcoming.id + '/cancel', a, {});
    out.push([label, view.status, view.coolingOff ? view.coolingOff.day + '/' + view.coolingOff.daysLeft : '-', view.next ? view.next.from + '..' + view.next.until : '-', tried.status === 201 ? 'booked' : tried.body.error.code].join(' '));
  };
  await check('day29 23:30', 29, 23, 30, 31);
  await check('day30 00:30', 30, 0, 30, 31);
  await check('day30 23:59', 30, 23, 59, 31);
  await check('day31 00:01', 31, 0, 1, 35);
  await check('day60 08:00', 60, 8, 0, 61);
  await check('day60 23:59', 60, 23, 59, 61);
  await check('day61 00:00', 61, 0, 0, 61);
  process.stdout.write(JSON.stringify({ offset: new Date(now).getTimezoneOffset(), day0: formatCstDate(day0), day31: dateOf(31), day60: dateOf(60), out }));
}
void main();
`;

describe('divorce cooling-off in any machine time zone', () => {
  let bundle = '';
  beforeAll(async () => {
    bundle = await bundleScript(SCRIPT, 'civil-tz');
  });

  type Result = { offset: number; day0: string; day31: string; day60: string; out: string[] };

  it('gives the same status, day and booking answer (a booking made is cancelled again) at days 29, 30, 31, 60 and 61 in CST everywhere', () => {
    const results = ZONES.map((zone) => runInZone(bundle, zone) as Result);
    expect(results.map((r) => r.offset)).toEqual(ZONE_OFFSETS);
    const [utc, ...others] = results;
    others.forEach((other) => expect(other.out).toEqual(utc.out));
    const window = `${utc.day31}..${utc.day60}`;
    expect(utc.out).toEqual([
      'day29 23:30 cooling-off 29/1 - COOLING_OFF',
      'day30 00:30 cooling-off 30/0 - COOLING_OFF',
      'day30 23:59 cooling-off 30/0 - COOLING_OFF',
      `day31 00:01 certificate-window 31/0 ${window} booked`,
      `day60 08:00 certificate-window 60/0 ${window.replace(utc.day31, utc.day60)} DATE_OUTSIDE_WINDOW`,
      `day60 23:59 certificate-window 60/0 ${window.replace(utc.day31, utc.day60)} DATE_OUTSIDE_WINDOW`,
      'day61 00:00 withdrawn - - CASE_CLOSED',
    ]);
  });
});
