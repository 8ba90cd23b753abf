// The offices' working-day calendar: weekends off, the seed's public holidays off, make-up working days
// (调休) on; counting working days crosses all three. Registries follow it.
import { formatCivilDate } from '../../miniprogram/core/dates';
import { createCalendar } from '../../miniprogram/mock/calendar';
import { createClock, createTestGovernment, verifiedToken } from '../helpers/government';
import { couple, daysOf, request } from '../packages/civil/helpers';

const at = (date: string, hh = 10): number => Date.parse(`${date}T${String(hh).padStart(2, '0')}:00:00+08:00`);
const civil = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
};

describe('the working-day calendar', () => {
  const calendar = createCalendar();

  it('takes weekends and public holidays off and works the make-up days', () => {
    expect(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'].map((d) => calendar.isWorkingDay(civil(d)))).toEqual([true, false, false, true]);
    // National Day week, then Saturday 10 October worked instead.
    expect(['2026-09-30', '2026-10-01', '2026-10-05', '2026-10-08', '2026-10-10'].map((d) => calendar.isWorkingDay(civil(d)))).toEqual([true, false, false, true, true]);
    expect([calendar.isHoliday(civil('2027-01-01')), calendar.isHoliday(civil('2027-01-04'))]).toEqual([true, false]);
  });

  it('counts working days across a weekend, a holiday and a make-up day, the start day not counted', () => {
    // Friday 2026-11-27 + 1: Monday the 30th.
    expect(formatCivilDate(calendar.addWorkingDays(at('2026-11-27'), 1))).toBe('2026-11-30');
    // Wednesday 2026-12-30 + 2: the 31st, then past New Year (1 to 3 January) and the weekend to Monday the 4th.
    expect(formatCivilDate(calendar.addWorkingDays(at('2026-12-30'), 2))).toBe('2027-01-04');
    // 2026-09-28 + 7: 29, 30 September, the holiday week, Thursday 8, Friday 9, Saturday 10 (make-up), Monday 12, Tuesday 13.
    expect(formatCivilDate(calendar.addWorkingDays(at('2026-09-28'), 7))).toBe('2026-10-13');
    // 23:30 CST on the 27th is still the 27th, whatever the machine's zone.
    expect(formatCivilDate(calendar.addWorkingDays(at('2026-11-27', 23), 1))).toBe('2026-11-30');
  });

  it('closes the registries on New Year\'s Day 2027 and opens them on the make-up Sunday, 31 January', async () => {
    const gov = createTestGovernment(createClock(at('2026-12-20')));
    const { a, civilCase } = await couple(gov);
    const days = (await daysOf(gov, a, civilCase.id)).days;
    expect(days.filter((d) => d.date >= '2026-12-31' && d.date <= '2027-01-04').map((d) => [d.date, d.status === 'closed'])).toEqual([
      ['2026-12-31', false], ['2027-01-01', true], ['2027-01-02', true], ['2027-01-03', true], ['2027-01-04', false],
    ]);
    const refused = await request(gov, a, 'POST', `/civil/cases/${civilCase.id}/appointments`, { officeId: 'gz-yuexiu', date: '2027-01-01', window: 'am1' });
    expect([refused.status, refused.body.error?.code, refused.body.error?.fields]).toEqual([422, 'OFFICE_CLOSED', { date: 'OFFICE_CLOSED' }]);
    // Three weeks on (signed in again: a session lasts 30 days), the window reaches the make-up Sunday.
    gov.clock.set(at('2027-01-20'));
    const again = await verifiedToken(gov.government, 'r04');
    const open = (await daysOf(gov, again, civilCase.id)).days.find((d) => d.date === '2027-01-31');
    expect([open?.weekday, open?.status === 'closed']).toEqual([0, false]);
  });
});
