// My utility accounts: what is due across them (total, bills, nearest due date), each account with its
// amount or "paid up" (overdue said in words), pay everything due in one order, add an account (with the
// utility of the service tile that opened the page), and the way into each account's bills.
import type { Utility } from '../../../../contracts/bills';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { TAB_PAGES, buildUrl, sendToIdentity, type Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { formatCstDateTime } from '../../../../core/dates';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { checkoutUrl, settleInBackground, startPayment } from '../../../../services/payments';
import { billsText, billsWords, type BillsKey } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { ACCOUNT_PAGE, BIND_PAGE } from '../../paths';
import { getAccount, listAccounts } from '../../service';
import { pageView, payAllOrder, utilityOf, type AccountRow, type SummaryCard } from './view';

const ROUTE = 'packages/bills/pages/accounts/accounts';
const KEYS = ['accountsPaying', 'accountsEarlierOpen', 'noPartial'] as const;
/** Refusals after which what the page shows is out of date: it loads again and says why. */
const STALE: Partial<Record<string, BillsKey>> = {
  TOTAL_MISMATCH: 'accountsRepriced',
  ALREADY_PAID: 'accountsPaidMeanwhile',
  NOT_PAYABLE: 'accountsChanged',
  NOT_FOUND: 'accountsChanged',
  IDEMPOTENCY_KEY_REUSED: 'accountsChanged',
};

type MessageKind = 'error' | 'warning';
interface PayMessage { text: string; kind: MessageKind }

interface PageState {
  query: Query;
  utility: Utility | null;
  /** What the person saw: the total due and the accounts it is on. */
  dueFen: number;
  dueIds: string[];
  /** The key of the pay-all order and the request it was made for: a retry of the same request reuses it. */
  order: { key: string; request: string };
  /** An earlier order holding some of the bills, offered to finish. */
  earlierId: string;
  paying: boolean;
}
const states = new WeakMap<object, PageState>();

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    intro: '',
    summary: null as SummaryCard | null,
    accounts: [] as AccountRow[],
    canPay: false,
    payAllText: '',
    payCovers: '',
    paying: false,
    payError: '',
    payKind: 'error' as MessageKind,
    earlier: false,
    canAdd: false,
    addText: '',
    limitText: '',
  },
  methods: {
    async onLoad(query: Query) {
      states.set(this, { query, utility: utilityOf(query.utility), dueFen: 0, dueIds: [], order: { key: newIdempotencyKey(), request: '' }, earlierId: '', paying: false });
      // A payment WeChat Pay took is checked first, so what is due is true; a slow check loads again later.
      await openPage(this, {
        route: ROUTE,
        query,
        title: billsText.t('accountsTitle'),
        loadingText: text.t('loading'),
        initial: { message: text.t('loading') },
        load: () => this.load(),
        settle: (later) => settleInBackground(later),
        forward: () => void switchTab(TAB_PAGES[0]),
      });
    },
    onUnload() {
      states.delete(this);
    },
    /** Loads the list; `notice` is what the page says about a payment refused meanwhile, in the same setData. */
    async load(notice: PayMessage | null = null) {
      const state = states.get(this);
      if (!state) return;
      try {
        const answer = await listAccounts();
        state.dueFen = answer.summary.dueFen;
        state.dueIds = answer.items.filter((account) => account.unpaidCount > 0).map((account) => account.id);
        state.earlierId = '';
        this.setData({
          t: billsText.pick(KEYS),
          retryText: text.t('retry'),
          status: answer.items.length ? 'ready' : 'empty',
          message: answer.items.length ? '' : billsText.t('accountsEmpty'),
          ...pageView(answer, state.utility),
          paying: false,
          payError: notice?.text ?? '',
          payKind: notice?.kind ?? 'error',
          earlier: false,
        });
      } catch (err) {
        if (!states.has(this)) return;
        await loadFailed(this, err, (e) => loadErrorView(e, 'accountsForwardHome'), { paying: false });
      }
    },
    openAccount(e: Tap) {
      void navigateTo(buildUrl(ACCOUNT_PAGE, { id: e.currentTarget.dataset.id }));
    },
    add() {
      const state = states.get(this);
      if (!state || !this.data.canAdd) return;
      void navigateTo(buildUrl(BIND_PAGE, state.utility ? { utility: state.utility } : {}));
    },
    openEarlier() {
      const state = states.get(this);
      if (state?.earlierId) void navigateTo(checkoutUrl(state.earlierId, true));
    },
    /** One order for every unpaid bill of every account, at the total the person saw. */
    async payAll() {
      const state = states.get(this);
      // A second tap while the first is on its way does nothing.
      if (!state || state.paying || !this.data.canPay) return;
      state.paying = true;
      state.earlierId = '';
      this.setData({ paying: true, payError: '', earlier: false });
      try {
        // The list has each account's total, not its bills: each account with something due names them.
        const details = await Promise.all(state.dueIds.map((id) => getAccount(id)));
        const { items, request } = payAllOrder(details, state.dueFen);
        if (!items.length) {
          state.paying = false;
          await this.load({ text: billsText.t('accountsPaidMeanwhile'), kind: 'warning' });
          return;
        }
        if (request !== state.order.request) state.order = { key: newIdempotencyKey(), request };
        const start = await startPayment(items, state.dueFen, state.order.key);
        state.paying = false;
        if (start.kind === 'earlier') {
          // Never closed on the app's word (it may have been paid): finish it, or pay once it stops holding them.
          const held = start.earlier.lines.filter((line) => items.some((item) => item.itemId === line.itemId)).length;
          state.earlierId = start.earlier.id;
          const time = formatCstDateTime(start.earlier.holdsUntil ?? start.earlier.expiresAt);
          this.setData({ paying: false, earlier: true, payKind: 'warning', payError: billsText.t('accountsEarlier', { count: held, amount: formatMoney(start.earlier.totalFen), time }) });
          return;
        }
        state.order = { ...state.order, request: '' };
        this.setData({ paying: false });
        await navigateTo(checkoutUrl(start.order.id, start.resumed));
      } catch (err) {
        state.paying = false;
        if (err instanceof ServiceError && err.needsIdentity) {
          await sendToIdentity(ROUTE, state.query);
          return;
        }
        const stale = err instanceof ServiceError ? STALE[err.code] : undefined;
        if (stale) {
          state.order = { ...state.order, request: '' };
          await this.load({ text: billsText.t(stale), kind: 'warning' });
          return;
        }
        // The same key stays: trying again cannot make a second order.
        this.setData({ paying: false, payKind: 'error', payError: errorMessage(err, billsWords) });
      }
    },
  },
});
