/**
 * @jest-environment node
 */
// The surcharge must not depend on the machine's time zone. It runs the real government in fresh node processes, one per
// zone (test/helpers/zones.ts).
import { ZONES, ZONE_OFFSETS, bundleScript, runInZone } from '../helpers/zones';

const SCRIPT = `
import { createGovernment } from './miniprogram/mock/index';
import { CAST } from './miniprogram/mock/seed';
import { DAY_MS } from './miniprogram/core/dates';

async function main() {
  // 2026-11-22 23:30 CST: late evening in China, still the 22nd in UTC, the 22nd morning in the Americas.
  let now = Date.UTC(2026, 10, 22, 15, 30);
  const gov = createGovernment({ clock: { now: () => now }, seed: 3, config: { exposeSmsCode: true } });
  type Body = { token: string; devCode: string; id: string; items: { daysLate: number; surchargeFen: number; payBy: string }[] };
  const call = async (method: 'GET' | 'POST', path: string, token?: string, body?: object) =>
    (await gov.handle({ method, path, headers: token ? { authorization: 'Bearer ' + token } : {}, body: body && JSON.stringify(body) })).body as Body;
  const li = CAST.find((m) => m.key === 'r02')!;
  const token = (await call('POST', '/identity/session', undefined, { code: 'c' })).token;
  const sms = await call('POST', '/identity/sms', token, { mobile: li.mobile });
  await call('POST', '/identity/verify', token, { name: li.name, idNumber: li.idNumber, mobile: li.mobile, smsCode: sms.devCode });
  const vehicle = await call('POST', '/fines/vehicles', token, { plate: '粤B12345', plateType: 'small', vinLast6: '183745' });
  const seen = async () => (await call('GET', '/fines/vehicles/' + vehicle.id + '/notices', token)).items
    .map((n) => [n.daysLate, n.surchargeFen, n.payBy].join('/'));
  const evening = await seen();
  now += 3600 * 1000; // 00:30 CST on the 23rd: a new business day in China only.
  const afterMidnight = await seen();
  now += 8 * DAY_MS;
  const week = await seen();
  process.stdout.write(JSON.stringify({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, offset: new Date(now).getTimezoneOffset(), evening, afterMidnight, week }));
}
void main();
`;

describe('late surcharge in any machine time zone', () => {
  let bundle = '';
  beforeAll(async () => {
    bundle = await bundleScript(SCRIPT, 'fines-tz');
  });

  type Result = { zone: string; offset: number; evening: string[]; afterMidnight: string[]; week: string[] };
  const runIn = (zone: string): Result => runInZone(bundle, zone) as Result;

  it('gives the same days late, surcharge and pay-by date in UTC, Los Angeles, Shanghai and UTC+14', () => {
    const results = ZONES.map(runIn);
    // The zones really differ (offsets in minutes west of UTC).
    expect(results.map((r) => r.offset)).toEqual(ZONE_OFFSETS);
    const [utc, ...others] = results;
    others.forEach((other) => {
      expect({ evening: other.evening, afterMidnight: other.afterMidnight, week: other.week }).toEqual({ evening: utc.evening, afterMidnight: utc.afterMidnight, week: utc.week });
    });
    // 粤B12345, unpaid first: day 3 (200), day 23 (200, 8 days late), day 90 (capped), then disputed and paid.
    expect(utc.evening.slice(0, 3)).toEqual(['0/0/2026-12-04', '8/4800/2026-11-14', '75/20000/2026-09-08']);
    // Half past midnight in China: one more day late for everyone, although it is still the 22nd elsewhere.
    expect(utc.afterMidnight.slice(0, 3)).toEqual(['0/0/2026-12-04', '9/5400/2026-11-14', '76/20000/2026-09-08']);
    expect(utc.week.slice(0, 3)).toEqual(['0/0/2026-12-04', '17/10200/2026-11-14', '84/20000/2026-09-08']);
  });
});
