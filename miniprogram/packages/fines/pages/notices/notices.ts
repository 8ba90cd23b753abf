// A vehicle's notices, unpaid first, 20 to a page so 200 notices stay light; tick and pay.
import type { FineNotice, NoticesResponse } from '../../../../contracts/fines';
import { MAX_ORDER_ITEMS } from '../../../../contracts/payments';
import { newIdempotencyKey } from '../../../../core/client';
import { formatCstDateTime } from '../../../../core/dates';
import { ServiceError } from '../../../../core/errors';
import { buildUrl } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { navigateTo, redirectTo, setNavigationTitle } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { NOTICES_PAGE_SIZE, getNotice, listNotices, noticeItems } from '../../../../services/fines';
import type { PaymentOrder } from '../../../../contracts/payments';
import { checkoutUrl, settleInBackground, startPayment } from '../../../../services/payments';
import { finesText, finesWords } from '../../i18n';
import { loadErrorView } from '../../load-error';

const ROUTE = 'packages/fines/pages/notices/notices';
const NOTICE_PAGE = '/packages/fines/pages/notice/notice';
const VEHICLES_PAGE = '/packages/fines/pages/vehicles/vehicles';
const KEYS = ['noticesPrev', 'noticesNext', 'noticesSelectPage', 'noticesPay', 'noticesPaying', 'noticesSelect', 'noticesEarlierOpen'] as const;
/** Codes after which the list is out of date and is loaded again. */
const STALE_CODES = ['ALREADY_PAID', 'TOTAL_MISMATCH', 'NOT_PAYABLE', 'NOT_FOUND'];

interface NoticeView {
  id: string;
  when: string;
  place: string;
  what: string;
  fine: string;
  late: string;
  points: string;
  status: string;
  statusText: string;
  payable: boolean;
  selected: boolean;
}

interface PageState {
  vehicleId: string;
  offset: number;
  /** Selected unpaid notices (id -> amount due), across pages. */
  selected: Map<string, number>;
  /** Key of the order attempt for the current selection; kept for retries of the very same request. */
  payKey: string;
  /** The request `payKey` was first sent with (ids and amounts): any change to it gets a new key. */
  payKeyFor: string;
  /** An earlier order holding some of the selection, offered to finish. */
  earlierId: string;
  /** Amount due of each notice on the page shown (the view has formatted amounts only). */
  dues: Map<string, number>;
  paying: boolean;
  /** Left for another page (checkout, detail): coming back reloads, since notices may be paid now. */
}

const states = new WeakMap<object, PageState>();

function viewOf(notice: FineNotice, selected: boolean): NoticeView {
  return {
    id: notice.id,
    when: formatCstDateTime(notice.occurredAt),
    place: notice.place,
    what: finesText.t(`offence.${notice.offence}`),
    fine: formatMoney(notice.status === 'unpaid' ? notice.dueFen : notice.fineFen),
    late: notice.surchargeFen > 0 ? finesText.t('noticesLate', { amount: formatMoney(notice.surchargeFen) }) : '',
    points: finesText.t('noticePoints', { points: notice.points }),
    status: notice.status,
    statusText: finesText.t(`status.${notice.status}`),
    payable: notice.status === 'unpaid',
    selected,
  };
}

function selectionText(selected: Map<string, number>): string {
  if (selected.size === 0) return finesText.t('noticesNoneSelected');
  let total = 0;
  selected.forEach((fen) => {
    total += fen;
  });
  return finesText.t('noticesSelected', { count: selected.size, amount: formatMoney(total) });
}

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    plate: '',
    summary: '',
    items: [] as NoticeView[],
    pageText: '',
    anyPayable: false,
    hasPrev: false,
    hasNext: false,
    selection: '',
    canPay: false,
    paying: false,
    payError: '',
    /** An earlier order holds some of the selection: offer to finish it. */
    earlier: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      const vehicleId = query.vehicle ?? '';
      states.set(this, { vehicleId, offset: 0, selected: new Map(), payKey: newIdempotencyKey(), payKeyFor: '', earlierId: '', dues: new Map(), paying: false });
      // A payment WeChat Pay took is checked first, so its notices show paid, not payable; a slow check
      // does not hold the list up: it shows, and loads again once the check ends. Coming back reloads.
      await openPage(this, {
        route: ROUTE,
        query,
        title: finesText.t('noticesTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(states.get(this)?.offset ?? 0, ''),
        settle: (later) => settleInBackground(later),
        forward: () => void redirectTo(VEHICLES_PAGE),
      });
    },
    onUnload() {
      // An answer that arrives after the page has gone must not retitle the page now on top.
      states.delete(this);
    },
    async load(offset: number, payError: string) {
      const state = states.get(this);
      if (!state) return;
      try {
        const page = await listNotices(state.vehicleId, offset, NOTICES_PAGE_SIZE);
        state.offset = offset;
        this.render(page, payError);
      } catch (err) {
        if (!states.has(this)) return;
        await loadFailed(this, err, (e) => loadErrorView(e, 'forwardVehicles', 'missingVehicle'), { paying: false });
      }
    },
    render(page: NoticesResponse, payError: string) {
      const state = states.get(this);
      if (!state) return;
      // Keep only selections still unpaid among what the government shows now (this page may have changed).
      page.items.forEach((notice) => {
        if (state.selected.has(notice.id)) {
          if (notice.status === 'unpaid') state.selected.set(notice.id, notice.dueFen);
          else state.selected.delete(notice.id);
        }
      });
      state.dues = new Map(page.items.map((notice) => [notice.id, notice.dueFen]));
      const v = page.vehicle;
      setNavigationTitle(v.plate);
      this.setData({
        t: finesText.pick(KEYS),
        retryText: text.t('retry'),
        status: page.total ? 'ready' : 'empty',
        message: page.total ? '' : finesText.t('noticesEmpty'),
        plate: v.plate,
        summary: v.unpaidCount
          ? finesText.t('noticesSummary', { count: v.unpaidCount, amount: formatMoney(v.dueFen), points: v.pointsPending })
          : finesText.t('noticesClean'),
        items: page.items.map((notice) => viewOf(notice, state.selected.has(notice.id))),
        pageText: page.total > NOTICES_PAGE_SIZE
          ? finesText.t('noticesPage', { from: state.offset + 1, to: Math.min(page.total, state.offset + page.items.length), total: page.total })
          : '',
        anyPayable: page.items.some((notice) => notice.status === 'unpaid'),
        hasPrev: state.offset > 0,
        hasNext: state.offset + page.items.length < page.total,
        selection: selectionText(state.selected),
        canPay: state.selected.size > 0,
        paying: false,
        payError,
        earlier: payError ? this.data.earlier : false,
      });
    },
    async nextPage() {
      const state = states.get(this);
      if (state && this.data.hasNext) await this.load(state.offset + NOTICES_PAGE_SIZE, '');
    },
    async prevPage() {
      const state = states.get(this);
      if (state && this.data.hasPrev) await this.load(Math.max(0, state.offset - NOTICES_PAGE_SIZE), '');
    },
    changed(state: PageState, update: Record<string, unknown>) {
      state.earlierId = '';
      this.setData({ ...update, selection: selectionText(state.selected), canPay: state.selected.size > 0, payError: '', ...(this.data.earlier ? { earlier: false } : {}) });
    },
    toggle(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const state = states.get(this);
      const index = Number(e.currentTarget.dataset.index);
      const item = this.data.items[index];
      if (!state || !item || !item.payable || state.paying) return;
      if (item.selected) state.selected.delete(item.id);
      else if (state.selected.size >= MAX_ORDER_ITEMS) {
        this.setData({ payError: finesText.t('noticesSelectMax', { max: MAX_ORDER_ITEMS }) });
        return;
      } else state.selected.set(item.id, this.dueOf(item.id));
      this.changed(state, { [`items[${index}].selected`]: !item.selected });
    },
    dueOf(id: string): number {
      return states.get(this)?.dues.get(id) ?? 0;
    },
    selectPage() {
      const state = states.get(this);
      if (!state || state.paying) return;
      const update: Record<string, unknown> = {};
      this.data.items.forEach((item, index) => {
        if (item.payable && !item.selected && state.selected.size < MAX_ORDER_ITEMS) {
          state.selected.set(item.id, this.dueOf(item.id));
          update[`items[${index}].selected`] = true;
        }
      });
      this.changed(state, update);
    },
    /**
     * Prices every selected notice that is not on the page shown (render re-prices those) as the
     * government does now; drops the ones no longer payable. Otherwise a selection made on another
     * page before midnight keeps yesterday's amount, and every order is refused as TOTAL_MISMATCH.
     */
    async reprice(state: PageState) {
      const elsewhere = [...state.selected.keys()].filter((id) => !state.dues.has(id));
      await Promise.all(elsewhere.map(async (id) => {
        try {
          const notice = await getNotice(id);
          if (notice.status === 'unpaid') state.selected.set(id, notice.dueFen);
          else state.selected.delete(id);
        } catch (err) {
          if (err instanceof ServiceError && err.code === 'NOT_FOUND') state.selected.delete(id);
        }
      }));
    },
    openNotice(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      void navigateTo(buildUrl(NOTICE_PAGE, { id: e.currentTarget.dataset.id }));
    },
    /**
     * An earlier order holds some of the selection. It is never closed on the app's word (it may have
     * been paid on another device, and only WeChat Pay can close it safely), so the person chooses:
     * finish it, or pay for this selection once it stops holding them.
     */
    showEarlier(state: PageState, earlier: PaymentOrder) {
      const count = earlier.lines.filter((line) => state.selected.has(line.itemId)).length;
      state.earlierId = earlier.id;
      this.setData({
        paying: false,
        earlier: true,
        payError: finesText.t('noticesEarlier', { count, amount: formatMoney(earlier.totalFen), time: formatCstDateTime(earlier.holdsUntil ?? earlier.expiresAt) }),
      });
    },
    openEarlier() {
      const state = states.get(this);
      if (state?.earlierId) void navigateTo(checkoutUrl(state.earlierId, true));
    },
    async pay() {
      const state = states.get(this);
      // A second tap while the first is on its way does nothing.
      if (!state || state.paying || state.selected.size === 0) return;
      state.paying = true;
      state.earlierId = '';
      this.setData({ paying: true, payError: '', earlier: false });
      let total = 0;
      state.selected.forEach((fen) => {
        total += fen;
      });
      // The key belongs to one request: a changed selection or a re-priced amount (after a reload, a
      // re-price, a new day) is a new request, or the government refuses it as IDEMPOTENCY_KEY_REUSED.
      const request = [...state.selected.entries()].map(([id, fen]) => `${id}:${fen}`).sort().join(',');
      if (request !== state.payKeyFor) {
        state.payKey = newIdempotencyKey();
        state.payKeyFor = request;
      }
      try {
        const start = await startPayment(noticeItems([...state.selected.keys()]), total, state.payKey);
        state.paying = false;
        // The selection stays: coming back from checkout drops what got paid and keeps the rest.
        if (start.kind === 'earlier') {
          this.showEarlier(state, start.earlier);
          return;
        }
        state.payKeyFor = '';
        this.setData({ paying: false });
        await navigateTo(checkoutUrl(start.order.id, start.resumed));
      } catch (err) {
        state.paying = false;
        const message = errorMessage(err, finesWords);
        if (err instanceof ServiceError && (STALE_CODES.includes(err.code) || err.code === 'IDEMPOTENCY_KEY_REUSED')) {
          state.payKeyFor = '';
          await this.reprice(state);
          await this.load(state.offset, message);
          return;
        }
        // The same key stays: trying again cannot make a second order.
        this.setData({ paying: false, payError: message });
      }
    },
  },
});
