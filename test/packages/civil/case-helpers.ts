// What the cases and case page tests need beyond helpers.ts: a case opened again, WeChat's clipboard,
// and what the page gives WeChat to share.
import { CIVIL_AGENCY } from '../../../miniprogram/contracts/civil';
import { createAgencyKit } from '../../../miniprogram/mock/kit';
import { createAgency } from '../../../miniprogram/agencies/civil/civil';
import type { TestGovernment } from '../../helpers/government';
import type { RenderedPage } from '../../helpers/render';

/** Reads the civil agency's records in the government's state (the agency made here only to read them). */
const reader = createAgency(createAgencyKit({ key: 'test-reader', refund: () => null }, CIVIL_AGENCY));

/**
 * Opens a withdrawn case again, as if it had never been withdrawn. Nobody can have an invited and a booked
 * case at once under the register's rules (one open case of a kind; a marriage needs both unmarried, a
 * divorce a marriage), yet the list must show both: a withdrawn case is put back as it was before.
 */
export function reopenCase(gov: TestGovernment, caseId: string): void {
  gov.government.amend((state) => {
    const record = reader.civilRecord(state)?.cases[caseId];
    if (!record) throw new Error(`no case ${caseId}`);
    record.ended = null;
    record.events = record.events.filter((event) => event.kind !== 'withdrawn');
  });
}

/** What WeChat asks the page for when the person taps the share button. */
export async function shareOf(page: RenderedPage): Promise<unknown> {
  let shared: unknown;
  await page.act('share', () => {
    const share: unknown = Reflect.get(page.comp.instance, 'onShareAppMessage');
    if (typeof share !== 'function') throw new Error('the page cannot be shared');
    shared = Reflect.apply(share, page.comp.instance, [{ from: 'button' }]);
  });
  return shared;
}
