// The notices in two tabs, as 12123 shows them: to handle (unpaid, and disputed ones under review) and
// handled (paid), with the count in each. The government lists a vehicle's notices to-handle first (unpaid,
// then disputed, then paid), so the tabs are two stretches of that one list; this finds where the handled
// ones begin with as few requests as it can, and which notices of a tab's page to show.
import { NOTICES_PAGE_MAX, type FineNotice, type NoticesResponse } from '../../../../contracts/fines';
import { finesText } from '../../i18n';

export type NoticeTab = 'open' | 'done';
export const NOTICE_TABS: readonly NoticeTab[] = ['open', 'done'];

export const isNoticeTab = (value: string | undefined): value is NoticeTab => value === 'open' || value === 'done';

/** Paid is handled; unpaid and disputed (under review) are still to handle. */
export const isHandled = (notice: Pick<FineNotice, 'status'>): boolean => notice.status === 'paid';

/** One page of the government's list, from an offset of the whole list. */
export type FetchNotices = (offset: number, limit: number) => Promise<NoticesResponse>;

interface Fetched { offset: number; page: NoticesResponse }

/** A tab's page: its notices, the offset within the tab (moved back when the tab got shorter), both counts. */
export interface TabPage {
  response: NoticesResponse;
  offset: number;
  counts: Record<NoticeTab, number>;
}

/**
 * Where the handled notices begin, when one answer shows it: its first paid notice after one that is not,
 * or at the start of the list or right after the unpaid ones (the government counts those); the end of
 * the list when the answer reaches it without a paid one. Null when this answer cannot tell.
 */
export function boundaryIn({ offset, page }: Fetched): number | null {
  if (page.total === 0) return 0;
  const at = page.items.findIndex(isHandled);
  if (at > 0) return offset + at;
  if (at === 0) return offset === 0 || offset === page.vehicle.unpaidCount ? offset : null;
  return page.items.length > 0 && offset + page.items.length >= page.total ? page.total : null;
}

/** Scans from the end of the unpaid notices (the disputed ones are few) until the first paid one. */
async function scan(fetch: FetchNotices, from: number, seen: Fetched[]): Promise<number> {
  let offset = from;
  // A bound keeps a list that changes under the scan from looping: at most one pass over it.
  for (let pass = 0; pass <= Math.ceil(seen[0].page.total / NOTICES_PAGE_MAX) + 1; pass += 1) {
    const page = await fetch(offset, NOTICES_PAGE_MAX);
    seen.push({ offset, page });
    const at = page.items.findIndex(isHandled);
    if (at >= 0) return offset + at;
    if (page.items.length < NOTICES_PAGE_MAX || offset + page.items.length >= page.total) return Math.min(offset + page.items.length, page.total);
    offset += page.items.length;
  }
  return seen[seen.length - 1].page.total;
}

/** The notices [from, to) when one answer already holds them all. */
function covered(seen: readonly Fetched[], from: number, to: number): FineNotice[] | null {
  const hit = seen.find(({ offset, page }) => offset <= from && offset + page.items.length >= to);
  return hit ? hit.page.items.slice(from - hit.offset, to - hit.offset) : null;
}

/**
 * Loads one page of a tab from `offset` within it. `hint` is where the handled notices began last time:
 * the handled tab's first request starts one notice before it, so the one answer also shows that the
 * boundary has not moved. Usually one request; two when a long list hides the boundary from the page shown.
 */
export async function loadTab(fetch: FetchNotices, tab: NoticeTab, offset: number, size: number, hint: number | null): Promise<TabPage> {
  const start = tab === 'open' ? offset : Math.max(0, (hint ?? 0) + offset - 1);
  const limit = tab === 'open' ? size : Math.min(NOTICES_PAGE_MAX, size + 1);
  const first: Fetched = { offset: start, page: await fetch(start, limit) };
  const seen = [first];
  const boundary = boundaryIn(first) ?? (await scan(fetch, first.page.vehicle.unpaidCount, seen));
  const latest = seen[seen.length - 1].page;
  const counts: Record<NoticeTab, number> = { open: boundary, done: latest.total - boundary };
  const count = counts[tab];
  // Past the end of a tab that got shorter (notices paid meanwhile): its last page.
  const at = offset < count || offset === 0 ? offset : Math.floor((count - 1) / size) * size;
  const from = (tab === 'open' ? 0 : boundary) + at;
  const to = Math.min(from + size, tab === 'open' ? boundary : latest.total);
  const items = to > from ? covered(seen, from, to) ?? (await fetch(from, to - from)).items : [];
  return { response: { vehicle: latest.vehicle, items, total: count }, offset: at, counts };
}

/** One tab's button: its name, its count, and both read together. */
export interface TabView { id: NoticeTab; name: string; count: string }

export function tabsView(counts: Record<NoticeTab, number>): TabView[] {
  return NOTICE_TABS.map((id) => {
    const name = finesText.t(`tab.${id}`);
    return { id, name, count: String(counts[id]) };
  });
}

/** What an empty tab says, and where the other notices are. */
export function emptyTabLine(tab: NoticeTab): string {
  return finesText.t(tab === 'open' ? 'noticesOpenEmpty' : 'noticesDoneEmpty');
}
