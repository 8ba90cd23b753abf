// A vehicle's notices in two tabs (to handle, handled) with the count in each, 20 to a page so 200 notices
// stay light; tick and pay. The tabs are ./tabs.ts, what can be ticked and what it costs ./selection.ts;
// this page wires them to the government and the view.
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { buildUrl } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { errorMessage } from '../../../../core/messages';
import { navigateTo, redirectTo, setNavigationTitle } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { NOTICES_PAGE_SIZE, getNotice, listNotices, noticeItems } from '../../../../services/fines';
import { checkoutUrl, settleInBackground, startPayment } from '../../../../services/payments';
import { finesText, finesWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import {
  earlierLine, listView, orderKey, payBar, pricedElsewhere, refreshed, repriced, toggled, tooManyLine, totalFen, withRows,
  type NoticeRow, type OrderKey, type Selection,
} from './selection';
import { emptyTabLine, isNoticeTab, loadTab, tabsView, type NoticeTab, type TabPage, type TabView } from './tabs';
import { NOTICE_PAGE, VEHICLES_PAGE } from '../../paths';

const ROUTE = 'packages/fines/pages/notices/notices';
const KEYS = ['noticesTabs', 'noticesPrev', 'noticesNext', 'noticesSelectPage', 'noticesPay', 'noticesPaying', 'noticesSelect', 'noticesEarlierOpen'] as const;
/** Codes after which the list is out of date and is loaded again. */
const STALE_CODES = ['ALREADY_PAID', 'TOTAL_MISMATCH', 'NOT_PAYABLE', 'NOT_FOUND'];

interface PageState {
  vehicleId: string;
  tab: NoticeTab;
  /** Within the tab shown. */
  offset: number;
  /** Where the handled notices began in the government's list at the last load (see ./tabs.ts). */
  boundary: number | null;
  selected: Selection;
  /** The key of the order attempt for the selection, kept for retries of the very same request. */
  order: OrderKey;
  /** An earlier order holding some of the selection, offered to finish (`earlier` in the view). */
  earlierId: string;
  /** Amount due of each notice on the page shown (the view has formatted amounts only). */
  dues: Map<string, number>;
  paying: boolean;
}

const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    plate: '',
    summary: '',
    tabs: [] as TabView[],
    tab: 'open' as NoticeTab,
    items: [] as NoticeRow[],
    pageText: '',
    anyPayable: false,
    hasPrev: false,
    hasNext: false,
    selection: '',
    canPay: false,
    paying: false,
    payError: '',
    earlier: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      const tab: NoticeTab = isNoticeTab(query.tab) ? query.tab : 'open';
      states.set(this, { vehicleId: query.vehicle ?? '', tab, offset: 0, boundary: null, selected: new Map(), order: { key: newIdempotencyKey(), request: '' }, earlierId: '', dues: new Map(), paying: false });
      // A payment WeChat Pay took is checked first, so its notices show paid, not payable; a slow check
      // does not hold the list up: it shows, and loads again once the check ends. Coming back reloads.
      await openPage(this, {
        route: ROUTE,
        query,
        title: finesText.t('noticesTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(states.get(this)?.offset ?? 0, '', true),
        settle: (later) => settleInBackground(later),
        forward: () => void redirectTo(VEHICLES_PAGE),
      });
    },
    onUnload() {
      // An answer that arrives after the page has gone must not retitle the page now on top.
      states.delete(this);
    },
    /**
     * Loads a page of the tab shown. `recheck` (opening, coming back, a refused order) also asks the
     * government about every selected notice not on it, since one paid meanwhile has left the tab.
     */
    async load(offset: number, payError: string, recheck = false) {
      const state = states.get(this);
      if (!state) return;
      try {
        const tab = state.tab;
        const page = await loadTab((from, limit) => listNotices(state.vehicleId, from, limit), tab, offset, NOTICES_PAGE_SIZE, state.boundary);
        if (recheck) await this.reprice(state, new Map(page.response.items.map((notice) => [notice.id, notice.dueFen])));
        state.offset = page.offset;
        state.boundary = page.counts.open;
        this.render(tab, page, payError);
      } catch (err) {
        if (!states.has(this)) return;
        await loadFailed(this, err, (e) => loadErrorView(e, 'forwardVehicles', 'missingVehicle'), { paying: false });
      }
    },
    render(tab: NoticeTab, { response: page, counts }: TabPage, payError: string) {
      const state = states.get(this);
      // A tab tapped while this one was loading wins: its own answer renders.
      if (!state || state.tab !== tab) return;
      const anyNotice = counts.open + counts.done > 0;
      // Keep only selections still unpaid among what the government shows now (this page may have changed).
      state.selected = refreshed(state.selected, page.items);
      state.dues = new Map(page.items.map((notice) => [notice.id, notice.dueFen]));
      setNavigationTitle(page.vehicle.plate);
      this.setData({
        t: finesText.pick(KEYS),
        retryText: text.t('retry'),
        status: page.total ? 'ready' : 'empty',
        message: page.total ? '' : anyNotice ? emptyTabLine(tab) : finesText.t('noticesEmpty'),
        tabs: anyNotice ? tabsView(counts) : [],
        tab,
        ...listView(page, state.offset, NOTICES_PAGE_SIZE, state.selected),
        ...payBar(state.selected),
        paying: false,
        payError,
        earlier: payError ? this.data.earlier : false,
      });
    },
    async pickTab(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab: string }>) {
      const state = states.get(this);
      const tab = e.currentTarget.dataset.tab;
      if (!state || !isNoticeTab(tab) || tab === state.tab || state.paying) return;
      // The selection stays (it holds only notices to handle), and shows again on the first tab.
      state.tab = tab;
      await this.load(0, '');
    },
    async nextPage() {
      const state = states.get(this);
      if (state && this.data.hasNext) await this.load(state.offset + NOTICES_PAGE_SIZE, '');
    },
    async prevPage() {
      const state = states.get(this);
      if (state && this.data.hasPrev) await this.load(Math.max(0, state.offset - NOTICES_PAGE_SIZE), '');
    },
    /** A new selection: its line, whether it can be paid, and any earlier refusal or offer gone, in one setData. */
    select(state: PageState, selected: Selection, rows: Record<string, unknown>) {
      state.selected = selected;
      state.earlierId = '';
      this.setData({ ...rows, ...payBar(selected), payError: '', ...(this.data.earlier ? { earlier: false } : {}) });
    },
    toggle(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const state = states.get(this);
      const index = Number(e.currentTarget.dataset.index);
      const item = this.data.items[index];
      if (!state || !item || !item.payable || state.paying) return;
      const next = toggled(state.selected, item.id, state.dues.get(item.id) ?? 0);
      if (!next) this.setData({ payError: tooManyLine() });
      else this.select(state, next, { [`items[${index}].selected`]: next.has(item.id) });
    },
    selectPage() {
      const state = states.get(this);
      if (!state || state.paying) return;
      const { selection, added } = withRows(state.selected, this.data.items, state.dues);
      const rows: Record<string, boolean> = {};
      added.forEach((index) => {
        rows[`items[${index}].selected`] = true;
      });
      this.select(state, selection, rows);
    },
    /**
     * Prices every selected notice that is not on the page shown (render re-prices those) as the
     * government does now; drops the ones no longer payable. Otherwise a selection made on another
     * page before midnight keeps yesterday's amount, and every order is refused as TOTAL_MISMATCH.
     */
    async reprice(state: PageState, shown: ReadonlyMap<string, number>) {
      await Promise.all(pricedElsewhere(state.selected, shown).map(async (id) => {
        try {
          const notice = await getNotice(id);
          state.selected = repriced(state.selected, id, notice);
        } catch (err) {
          if (err instanceof ServiceError && err.code === 'NOT_FOUND') state.selected = repriced(state.selected, id, null);
        }
      }));
    },
    openNotice(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      void navigateTo(buildUrl(NOTICE_PAGE, { id: e.currentTarget.dataset.id }));
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
      state.order = orderKey(state.selected, state.order, newIdempotencyKey);
      try {
        const start = await startPayment(noticeItems([...state.selected.keys()]), totalFen(state.selected), state.order.key);
        state.paying = false;
        // The selection stays: coming back from checkout drops what got paid and keeps the rest.
        if (start.kind === 'earlier') {
          // An earlier order holds some of it. It is never closed on the app's word (it may have been paid on
          // another device; only WeChat Pay can close it safely): finish it, or pay once it stops holding them.
          state.earlierId = start.earlier.id;
          this.setData({ paying: false, earlier: true, payError: earlierLine(state.selected, start.earlier) });
          return;
        }
        state.order = { ...state.order, request: '' };
        this.setData({ paying: false });
        await navigateTo(checkoutUrl(start.order.id, start.resumed));
      } catch (err) {
        state.paying = false;
        const message = errorMessage(err, finesWords);
        if (err instanceof ServiceError && (STALE_CODES.includes(err.code) || err.code === 'IDEMPOTENCY_KEY_REUSED')) {
          state.order = { ...state.order, request: '' };
          await this.load(state.offset, message, true);
          return;
        }
        // The same key stays: trying again cannot make a second order.
        this.setData({ paying: false, payError: message });
      }
    },
  },
});
