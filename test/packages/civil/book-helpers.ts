// For the book page's tests: other residents taking every place of an office's day (a race the page
// loses), the requests the page sends, and an attribute of a rendered node.
import { recordPast } from '../../../miniprogram/mock/appointments';
import { createAgencyKit } from '../../../miniprogram/mock/kit';
import { createAgency } from '../../../miniprogram/agencies/civil/civil';
import type { TestGovernment } from '../../helpers/government';
import type { RenderedPage } from '../../helpers/render';
import { daysOf } from './helpers';

const civil = createAgency(createAgencyKit({ key: 'tests-read-only', refund: () => null }, 'civil-affairs'));

export const attr = (page: RenderedPage, selector: string, name: string): unknown => page.find(selector)?.toJSON().attrs.find((a) => a.name === name)?.value;

/** Other couples book every place left on the office's day (as the government's own bookings would be kept). */
export async function fillDay(gov: TestGovernment, token: string, caseId: string, office: string, date: string): Promise<void> {
  const { kind, days } = await daysOf(gov, token, caseId, office);
  const day = days.find((d) => d.date === date);
  if (!day) throw new Error(`no ${date} at ${office}`);
  const left = day.remaining;
  const slot = `${office}.${date}.${kind}`;
  const startsAt = Date.parse(`${date}T09:00:00+08:00`);
  gov.government.amend((state) => {
    const record = civil.civilRecord(state);
    if (!record) throw new Error('the civil agency has no state yet');
    for (let i = 0; i < left; i += 1) {
      recordPast(record.book, {
        id: `ca-other-${i}`,
        reference: `CA-OTHER-${i}`,
        holder: `p-other-${i}`,
        subject: `id:other-${i}`,
        slot,
        startsAt,
        endsAt: startsAt + 90 * 60000,
        uniqueKey: null,
        state: 'booked',
        createdAt: gov.clock.now(),
        holdUntil: null,
        paidAt: null,
        cancelledAt: null,
        data: { kind, officeId: office, window: 'am1', caseId: `cs-other-${i}` },
      });
    }
  });
}

/** Every request the app sends the government, in order. */
export function watch(gov: TestGovernment): string[] {
  const log: string[] = [];
  const handle = gov.government.handle.bind(gov.government);
  jest.spyOn(gov.government, 'handle').mockImplementation((req) => {
    log.push(`${req.method} ${req.path}`);
    return handle(req);
  });
  return log;
}
