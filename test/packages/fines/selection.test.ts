// The notices page's selection and pricing on their own: which notices can be ticked, the selection kept
// across pages and re-priced as the government prices it now, the one order's limit, the lines a person
// reads, and the key an order request goes under.
import * as fc from 'fast-check';
import type { FineNotice, NoticeStatus, NoticesResponse } from '../../../miniprogram/contracts/fines';
import { MAX_ORDER_ITEMS, type OrderLine, type PaymentOrder } from '../../../miniprogram/contracts/payments';
import { setLocaleSetting } from '../../../miniprogram/core/i18n';
import {
  earlierLine, isPayable, listView, orderKey, payBar, pricedElsewhere, refreshed, repriced, rowOf, toggled, tooManyLine, totalFen,
  withRows, type Selection,
} from '../../../miniprogram/packages/fines/pages/notices/selection';

function notice(id: string, status: NoticeStatus, dueFen: number, more: Partial<FineNotice> = {}): FineNotice {
  return {
    id,
    decisionNumber: '4403001234567890',
    vehicleId: 'v1',
    plate: '粤B12345',
    occurredAt: Date.UTC(2026, 9, 1, 1, 30),
    noticedAt: Date.UTC(2026, 9, 3),
    payBy: '2026-10-18',
    place: '深南大道', placeEn: 'Shennan Avenue',
    offence: 'red-light',
    fineFen: 20000,
    points: 6,
    status,
    daysLate: 0,
    surchargeFen: 0,
    surchargeCapped: false,
    dueFen,
    payment: null,
    ...more,
  };
}

const sel = (entries: [string, number][]): Selection => new Map(entries);
const entries = (selection: Selection | null): [string, number][] => [...(selection ?? new Map<string, number>()).entries()];
const full = (): Selection => sel(Array.from({ length: MAX_ORDER_ITEMS }, (_, i): [string, number] => [`n${i}`, 100]));

describe('notices selection', () => {
  it('lets only unpaid notices be ticked, and a row shows what is due while unpaid and the fine otherwise', () => {
    expect(['unpaid', 'paid', 'disputed'].map((status) => isPayable({ status: status as NoticeStatus }))).toEqual([true, false, false]);
    const late = rowOf(notice('a', 'unpaid', 24800, { surchargeFen: 4800, daysLate: 8 }), sel([['a', 24800]]));
    expect(late).toMatchObject({ id: 'a', fine: '¥248.00', late: '含滞纳金 ¥48.00', payable: true, selected: true, statusText: '未缴款', what: '驾驶机动车违反道路交通信号灯通行', when: '2026-10-01 09:30' });
    const paid = rowOf(notice('b', 'paid', 0), sel([['a', 24800]]));
    expect(paid).toMatchObject({ fine: '¥200.00', late: '', payable: false, selected: false, statusText: '已缴款' });
  });

  it('shows what was actually paid on a paid row, the fine and "under review" on a disputed one, and every decision number', () => {
    const payment = { at: Date.UTC(2026, 9, 20, 2), amountFen: 24800, reference: 'PAY20261020000001', orderId: 'po1' };
    const paidLate = rowOf(notice('p', 'paid', 0, { payment }), sel([]));
    expect(paidLate).toMatchObject({ fine: '¥248.00', statusText: '已缴款', decision: '决定书编号 4403001234567890', payable: false });
    const disputed = rowOf(notice('d', 'disputed', 0), sel([]));
    expect(disputed).toMatchObject({ fine: '¥200.00', statusText: '申诉审核中', payable: false });
    expect(disputed.fine).not.toBe('¥0.00');
    setLocaleSetting('en');
    expect(rowOf(notice('d', 'disputed', 0), sel([]))).toMatchObject({ statusText: 'Under review', decision: 'Decision no. 4403001234567890' });
    setLocaleSetting('zh-CN');
  });

  it('ticks and unticks a notice at its amount, and refuses one more than an order may hold', () => {
    const one = toggled(sel([]), 'a', 20000);
    expect(entries(one)).toEqual([['a', 20000]]);
    expect(entries(toggled(sel([['a', 20000]]), 'a', 20000))).toEqual([]);
    expect(toggled(full(), 'extra', 100)).toBeNull();
    // At the limit a ticked one can still be unticked.
    expect(toggled(full(), 'n0', 100)?.size).toBe(MAX_ORDER_ITEMS - 1);
  });

  it('ticks every payable row of a page not ticked yet, up to what an order may hold, saying which rows', () => {
    const rows = [{ id: 'a', payable: true }, { id: 'b', payable: false }, { id: 'c', payable: true }, { id: 'd', payable: true }];
    const dues = new Map([['a', 100], ['b', 0], ['c', 300], ['d', 400]]);
    const { selection, added } = withRows(sel([['c', 300]]), rows, dues);
    expect(added).toEqual([0, 3]);
    expect(entries(selection)).toEqual([['c', 300], ['a', 100], ['d', 400]]);
    const almost = new Map(full());
    almost.delete('n0');
    const capped = withRows(almost, rows, dues);
    expect(capped.added).toEqual([0]);
    expect(capped.selection.size).toBe(MAX_ORDER_ITEMS);
  });

  it('keeps a selection across pages against what the government shows now: paid ones drop, the rest take today\'s amount', () => {
    const before = sel([['a', 20000], ['b', 20000], ['elsewhere', 5000]]);
    const after = refreshed(before, [notice('a', 'unpaid', 20600), notice('b', 'paid', 0), notice('c', 'unpaid', 100)]);
    expect(entries(after)).toEqual([['a', 20600], ['elsewhere', 5000]]);
    // The selection it was given stays as it was.
    expect(entries(before)).toEqual([['a', 20000], ['b', 20000], ['elsewhere', 5000]]);
    expect(pricedElsewhere(after, new Map([['a', 20600], ['c', 100]]))).toEqual(['elsewhere']);
    expect(entries(repriced(after, 'elsewhere', notice('elsewhere', 'unpaid', 5600)))).toEqual([['a', 20600], ['elsewhere', 5600]]);
    expect(entries(repriced(after, 'elsewhere', notice('elsewhere', 'disputed', 0)))).toEqual([['a', 20600]]);
    expect(entries(repriced(after, 'elsewhere', null))).toEqual([['a', 20600]]);
  });

  it('totals the selection and words the pay bar, in both languages', () => {
    expect(totalFen(sel([['a', 20000], ['b', 24800]]))).toBe(44800);
    expect(payBar(sel([]))).toEqual({ selection: '勾选要缴纳的罚款', canPay: false });
    expect(payBar(sel([['a', 20000], ['b', 24800]]))).toEqual({ selection: '已选 2 条，合计 ¥448.00', canPay: true });
    // A no-break space keeps the number with its measure word (packages/fines/i18n.ts).
    expect(tooManyLine()).toBe(`一次最多缴纳 ${MAX_ORDER_ITEMS}\u00a0条`);
    setLocaleSetting('en');
    expect(payBar(sel([['a', 20000]])).selection).toBe('1 selected, ¥200.00 in total');
    setLocaleSetting('system');
  });

  it('shows a page of the list: the vehicle\'s line, the rows ticked as selected, and where in the list it is', () => {
    const vehicle = { id: 'v1', plate: '粤B12345', plateType: 'small' as const, unpaidCount: 2, dueFen: 44800, pointsPending: 9 };
    const items = [notice('a', 'unpaid', 20000), notice('b', 'paid', 0)];
    const page: NoticesResponse = { vehicle, items, total: 42 };
    const view = listView(page, 20, 20, sel([['a', 20000]]));
    expect(view).toMatchObject({ plate: '粤B12345', summary: '2 条未缴 · 应缴 ¥448.00 · 待记 9 分', pageText: '第 21–22 条，共 42 条', anyPayable: true, hasPrev: true, hasNext: true });
    expect(view.items.map((row) => [row.id, row.selected])).toEqual([['a', true], ['b', false]]);
    const clean = listView({ vehicle: { ...vehicle, unpaidCount: 0, dueFen: 0 }, items: [items[1]], total: 1 }, 0, 20, sel([]));
    expect(clean).toMatchObject({ summary: '没有未缴的罚款', pageText: '', anyPayable: false, hasPrev: false, hasNext: false });
  });

  it('says how much of the selection an earlier order holds, its amount and until when', () => {
    const line = (itemId: string): OrderLine => ({ agency: 'police', itemId, kind: 'traffic-fine', amountFen: 22400, detail: {} });
    const earlier: PaymentOrder = {
      id: 'po1', status: 'pending', closedReason: null, lines: [line('a'), line('z')], totalFen: 44800, createdAt: 0, expiresAt: Date.UTC(2026, 10, 22, 2, 30),
      paidAt: null, reference: null, payParams: null, readAt: 0, holdsUntil: Date.UTC(2026, 10, 23, 2, 30),
    };
    expect(earlierLine(sel([['a', 20000], ['b', 100]]), earlier)).toContain('有 1 条在之前一笔 ¥448.00 的订单中');
    expect(earlierLine(sel([['a', 20000]]), earlier)).toContain('2026-11-23 10:30');
  });

  it('sends the very same request under its key again, and a changed selection or amount under a new one', () => {
    let made = 0;
    const newKey = (): string => `k${(made += 1)}`;
    const first = orderKey(sel([['a', 20000], ['b', 100]]), { key: 'k0', request: '' }, newKey);
    expect(first).toEqual({ key: 'k1', request: 'a:20000,b:100' });
    expect(orderKey(sel([['b', 100], ['a', 20000]]), first, newKey)).toBe(first);
    expect(orderKey(sel([['a', 20600], ['b', 100]]), first, newKey).key).toBe('k2');
    expect(orderKey(sel([['a', 20000]]), first, newKey).key).toBe('k3');
  });

  it('never lets a selection pass what one order may hold, and unticking undoes a tick', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 99999 })), { maxLength: 200 }), (taps) => {
      let selection: Selection = new Map();
      taps.forEach(([n, fen]) => {
        const next = toggled(selection, `n${n}`, fen);
        if (next === null) {
          expect(selection.size).toBe(MAX_ORDER_ITEMS);
          return;
        }
        expect(entries(toggled(next, `n${n}`, selection.get(`n${n}`) ?? fen)).sort()).toEqual(entries(selection).sort());
        selection = next;
      });
      expect(selection.size).toBeLessThanOrEqual(MAX_ORDER_ITEMS);
    }));
  });
});
