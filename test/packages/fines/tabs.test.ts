// The notices page's tabs on their own: where the handled notices begin in the government's one list
// (to handle first), found with as few requests as possible, and which notices a tab's page shows.
import type { FineNotice, NoticeStatus, NoticesResponse } from '../../../miniprogram/contracts/fines';
import { setLocaleSetting } from '../../../miniprogram/core/i18n';
import { boundaryIn, emptyTabLine, loadTab, tabsView, type FetchNotices } from '../../../miniprogram/packages/fines/pages/notices/tabs';

function notice(n: number, status: NoticeStatus): FineNotice {
  return {
    id: `n${n}`, decisionNumber: `44030000000000${String(n).padStart(2, '0')}`, vehicleId: 'v1', plate: '粤B12345',
    occurredAt: 0, noticedAt: 0, payBy: '2026-10-18', place: '深南大道', placeEn: 'Shennan Avenue', offence: 'red-light', fineFen: 20000, points: 6,
    status, daysLate: 0, surchargeFen: 0, surchargeCapped: false, dueFen: status === 'unpaid' ? 20000 : 0, payment: null,
  };
}

/** A government's list of `unpaid`, `disputed` and `paid` notices in that order, counting the requests. */
function list(unpaid: number, disputed: number, paid: number) {
  const all = [
    ...Array.from({ length: unpaid }, (_, i) => notice(i, 'unpaid')),
    ...Array.from({ length: disputed }, (_, i) => notice(unpaid + i, 'disputed')),
    ...Array.from({ length: paid }, (_, i) => notice(unpaid + disputed + i, 'paid')),
  ];
  const requests: [number, number][] = [];
  const fetch: FetchNotices = async (offset, limit) => {
    requests.push([offset, limit]);
    const page: NoticesResponse = {
      vehicle: { id: 'v1', plate: '粤B12345', plateType: 'small', unpaidCount: unpaid, dueFen: unpaid * 20000, pointsPending: 0 },
      items: all.slice(offset, offset + limit),
      total: all.length,
    };
    return page;
  };
  return { fetch, requests, ids: (from: number, to: number) => all.slice(from, to).map((n) => n.id) };
}

const ids = (notices: readonly FineNotice[]): string[] => notices.map((n) => n.id);

describe('notices tabs', () => {
  it('tells where the handled notices begin only when one answer shows it', async () => {
    const page = await list(2, 1, 2).fetch(0, 5);
    expect(boundaryIn({ offset: 0, page })).toBe(3);
    // An answer that starts on a paid notice cannot tell whether the one before it is paid too...
    expect(boundaryIn({ offset: 3, page: { ...page, items: page.items.slice(3) } })).toBeNull();
    // ...unless it starts right after the unpaid ones, which the government counts.
    const noDisputes = await list(2, 0, 2).fetch(2, 2);
    expect(boundaryIn({ offset: 2, page: noDisputes })).toBe(2);
    // Neither can one without a paid notice that stops short of the end.
    expect(boundaryIn({ offset: 2, page: { ...page, items: page.items.slice(2, 3) } })).toBeNull();
    expect(boundaryIn({ offset: 0, page: { ...page, items: [], total: 0 } })).toBe(0);
  });

  it('loads a short list in one request and counts both tabs', async () => {
    const { fetch, requests, ids: range } = list(3, 1, 1);
    const open = await loadTab(fetch, 'open', 0, 20, null);
    expect(open.counts).toEqual({ open: 4, done: 1 });
    expect(ids(open.response.items)).toEqual(range(0, 4));
    expect(open.response.total).toBe(4);
    expect(requests).toEqual([[0, 20]]);
    requests.length = 0;
    const done = await loadTab(fetch, 'done', 0, 20, open.counts.open);
    expect(ids(done.response.items)).toEqual(range(4, 5));
    expect(done.response.total).toBe(1);
    // One request from one notice early, which also shows the boundary has not moved.
    expect(requests).toEqual([[3, 21]]);
  });

  it('scans from the end of the unpaid notices when a long list hides where the handled ones begin', async () => {
    const { fetch, requests, ids: range } = list(107, 12, 81);
    const open = await loadTab(fetch, 'open', 0, 20, null);
    expect(open.counts).toEqual({ open: 119, done: 81 });
    expect(ids(open.response.items)).toEqual(range(0, 20));
    expect(requests).toEqual([[0, 20], [107, 50]]);
    requests.length = 0;
    const last = await loadTab(fetch, 'open', 100, 20, 119);
    expect(ids(last.response.items)).toEqual(range(100, 119));
    requests.length = 0;
    const handled = await loadTab(fetch, 'done', 20, 20, 119);
    expect(ids(handled.response.items)).toEqual(range(139, 159));
    expect(requests.length).toBeLessThanOrEqual(2);
  });

  it('finds a boundary that moved since the hint (a notice paid meanwhile)', async () => {
    const { fetch, ids: range } = list(2, 1, 3);
    const done = await loadTab(fetch, 'done', 0, 20, 5);
    expect(done.counts).toEqual({ open: 3, done: 3 });
    expect(ids(done.response.items)).toEqual(range(3, 6));
  });

  it('moves back to a tab\'s last page when the tab got shorter, and shows nothing for an empty tab', async () => {
    const { fetch, ids: range } = list(25, 0, 0);
    const page = await loadTab(fetch, 'open', 40, 20, 45);
    expect(page.offset).toBe(20);
    expect(ids(page.response.items)).toEqual(range(20, 25));
    const empty = await loadTab(fetch, 'done', 0, 20, 25);
    expect(empty.response.items).toEqual([]);
    expect(empty.counts).toEqual({ open: 25, done: 0 });
    const nothing = await loadTab(list(0, 0, 0).fetch, 'open', 0, 20, null);
    expect(nothing.counts).toEqual({ open: 0, done: 0 });
  });

  it('words the tabs and their empty states in both languages', () => {
    setLocaleSetting('zh-CN');
    // Named by the words they show (no label of their own): the tab's name and its count.
    expect(tabsView({ open: 2, done: 0 }).map((tab) => `${tab.name} ${tab.count}`)).toEqual(['待处理 2', '已处理 0']);
    expect(emptyTabLine('done')).toBe('这辆车还没有已处理的违法记录。缴款后的记录会显示在这里。');
    setLocaleSetting('en');
    expect(tabsView({ open: 2, done: 0 }).map((tab) => `${tab.name} ${tab.count}`)).toEqual(['To handle 2', 'Handled 0']);
    expect(emptyTabLine('open')).toBe('Nothing to handle for this vehicle. Paid violations are under "Handled".');
    setLocaleSetting('system');
  });
});
