// One account (?id=): whose it is (masked), the current bill with its price tiers, each unpaid bill with
// its late fee in words and the rule, the amount due and "Pay" (every unpaid bill of the account in one
// order: no partial amount), the 12-month usage chart, the recent bills with who paid them, renaming
// and removing the account. What it shows is ./view.ts; this page wires it to the government.
import type { AccountDetail, Bill } from '../../../../contracts/bills';
import { newIdempotencyKey } from '../../../../core/client';
import { formatCstDateTime } from '../../../../core/dates';
import { ServiceError } from '../../../../core/errors';
import { errorView, fieldFocus, type SummaryItem } from '../../../../core/form';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { confirm, navigateBack, navigateTo, redirectTo, showToast } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { checkoutUrl, receiptUrl, settleInBackground, startPayment } from '../../../../services/payments';
import { chartOf, type ChartView } from '../../components/usage-chart/chart';
import { billsText, billsWords, type BillsKey } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { ACCOUNTS_PAGE } from '../../paths';
import { billItems, getAccount, renameAccount, unbindAccount } from '../../service';
import {
  currentView, dueView, headerView, historyView, labelMessage, orderRequest, totalFen,
  type CurrentView, type DueView, type HeaderView, type HistoryRow,
} from './view';

const ROUTE = 'packages/bills/pages/account/account';
const KEYS = [
  'detailCurrent', 'detailUsage', 'detailAmount', 'detailDueDate', 'detailNoBills', 'detailDueTitle', 'detailPaying', 'detailPaidUp', 'noPartial',
  'detailEarlierOpen', 'detailHistory', 'detailReceipt', 'detailManage', 'detailLabel', 'detailLabelHint', 'detailRename', 'detailRenaming', 'detailUnbind',
] as const;
const FIELDS = ['label'] as const;
/** Refusals after which what is due is out of date: the page loads again and says why. */
const STALE: ReadonlyMap<string, BillsKey | null> = new Map<string, BillsKey | null>([
  ['TOTAL_MISMATCH', 'detailRepriced'], ['IDEMPOTENCY_KEY_REUSED', 'detailRepriced'], ['ALREADY_PAID', 'detailAlreadyPaid'], ['NOT_PAYABLE', 'detailAlreadyPaid'], ['NOT_FOUND', null],
]);

type Kind = 'error' | 'warning' | 'info';
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { order: string }>;

interface PageState {
  id: string;
  /** The unpaid bills as last shown: what "Pay" orders, at these amounts. */
  unpaid: Bill[];
  label: string;
  /** One key per order request (bills and amounts), kept for retries of the very same request. */
  order: { key: string; request: string };
  rename: { key: string; label: string };
  earlierId: string;
  paying: boolean;
  busy: boolean;
}
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as Record<(typeof KEYS)[number] | 'errorSummaryTitle', string>,
    header: {} as HeaderView,
    current: null as CurrentView | null,
    due: null as DueView | null,
    chart: {} as ChartView,
    history: [] as HistoryRow[],
    paying: false,
    payMessage: '',
    payKind: 'error' as Kind,
    earlier: false,
    form: { label: '' },
    errors: {} as Partial<Record<'label', string>>,
    summary: [] as SummaryItem<'label'>[],
    renaming: false,
    manageError: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      states.set(this, { id: query.id ?? '', unpaid: [], label: '', order: { key: '', request: '' }, rename: { key: '', label: '' }, earlierId: '', paying: false, busy: false });
      // A payment WeChat Pay took is settled first, so its bills show paid, not due; coming back reloads.
      await openPage(this, {
        route: ROUTE,
        query,
        title: billsText.t('detailTitle'),
        loadingText: text.t('loading'),
        initial: { t: { ...billsText.pick(KEYS), ...text.pick(['errorSummaryTitle']) }, message: text.t('loading') },
        load: () => this.load(),
        settle: (later) => settleInBackground(later),
        forward: () => void redirectTo(ACCOUNTS_PAGE),
      });
    },
    onUnload() {
      states.delete(this);
    },
    /** Loads the account; `notice` (why it was loaded again) shows above the amount due, in the same setData. */
    async load(notice: { text: string; kind: Kind } = { text: '', kind: 'error' }) {
      const state = states.get(this);
      if (!state) return;
      if (!state.id) {
        this.setData({ status: 'error', message: billsText.t('detailNoId'), retryText: '', forwardText: billsText.t('detailForward') });
        return;
      }
      try {
        this.render(await getAccount(state.id), notice);
      } catch (err) {
        if (!states.has(this)) return;
        await loadFailed(this, err, (e) => loadErrorView(e, 'detailForward', 'detailMissing'), { paying: false });
      }
    },
    render(detail: AccountDetail, notice: { text: string; kind: Kind }) {
      const state = states.get(this);
      if (!state) return;
      // What the person typed in the name field and did not save stays.
      const typed = this.data.form.label !== state.label;
      state.unpaid = detail.unpaid;
      state.label = detail.account.label;
      state.earlierId = '';
      // The chart is set here, once, with everything else.
      this.setData({
        status: 'ready',
        message: '',
        retryText: text.t('retry'),
        header: headerView(detail.account),
        current: currentView(detail.current),
        due: dueView(detail),
        chart: chartOf(detail.history),
        history: historyView(detail.history),
        paying: false,
        payMessage: notice.text,
        payKind: notice.kind,
        earlier: false,
        ...(typed ? {} : { form: { label: detail.account.label } }),
      });
    },
    async pay() {
      const state = states.get(this);
      // A second tap while the first is on its way does nothing.
      if (!state || state.paying || !state.unpaid.length) return;
      state.paying = true;
      this.setData({ paying: true, payMessage: '', earlier: false });
      const request = orderRequest(state.unpaid);
      if (request !== state.order.request) state.order = { key: newIdempotencyKey(), request };
      try {
        const start = await startPayment(billItems(state.unpaid), totalFen(state.unpaid), state.order.key);
        state.paying = false;
        if (start.kind === 'earlier') {
          // Never closed on the app's word (it may have been paid): finish it, or pay once it stops holding them.
          state.earlierId = start.earlier.id;
          const time = formatCstDateTime(start.earlier.holdsUntil ?? start.earlier.expiresAt);
          this.setData({ paying: false, earlier: true, payKind: 'warning', payMessage: billsText.t('detailEarlier', { amount: formatMoney(start.earlier.totalFen), time }) });
          return;
        }
        state.order = { key: '', request: '' };
        this.setData({ paying: false });
        await navigateTo(checkoutUrl(start.order.id, start.resumed));
      } catch (err) {
        state.paying = false;
        const code = err instanceof ServiceError ? err.code : '';
        if (STALE.has(code)) {
          state.order = { key: '', request: '' };
          const words = STALE.get(code);
          await this.load({ text: words ? billsText.t(words) : '', kind: 'warning' });
          return;
        }
        // The same key stays: trying again cannot make a second order.
        this.setData({ paying: false, payKind: 'error', payMessage: errorMessage(err, billsWords) });
      }
    },
    openEarlier() {
      const state = states.get(this);
      if (state?.earlierId) void navigateTo(checkoutUrl(state.earlierId, true));
    },
    openReceipt(e: Tap) {
      const order = e.currentTarget.dataset.order;
      if (order) void navigateTo(receiptUrl(order));
    },
    onLabel(e: WechatMiniprogram.Input) {
      const label = e.detail.value;
      // Typing only updates words already shown (GOV.UK): they are checked on leaving the field or saving.
      this.setData({ 'form.label': label, ...(this.data.errors.label ? errorView(FIELDS, { label: labelMessage(label) }) : {}) });
    },
    onLabelBlur() {
      const label = this.data.form.label;
      if (label.trim() !== states.get(this)?.label) this.setData(errorView(FIELDS, { label: labelMessage(label) }));
    },
    async rename() {
      const state = states.get(this);
      if (!state || state.busy) return;
      const label = this.data.form.label.trim();
      const problem = labelMessage(label);
      if (problem) {
        this.setData(errorView(FIELDS, { label: problem }));
        return;
      }
      state.busy = true;
      if (state.rename.label !== label) state.rename = { key: newIdempotencyKey(), label };
      this.setData({ renaming: true, errors: {}, summary: [], manageError: '' });
      try {
        const renamed = await renameAccount(state.id, label, state.rename.key);
        state.label = renamed.label;
        state.rename = { key: '', label: '' };
        this.setData({ 'header.label': renamed.label, 'form.label': renamed.label, renaming: false });
        showToast(billsText.t('detailRenamed'), 'success');
      } catch (err) {
        const field = err instanceof ServiceError ? err.fields.label : undefined;
        if (err instanceof ServiceError && err.needsIdentity) await this.load();
        else if (field) this.setData({ ...errorView(FIELDS, { label: labelMessage(label, field) }), renaming: false });
        else this.setData({ ...errorView(FIELDS, {}, { field: 'label', text: errorMessage(err, billsWords) }), renaming: false });
      } finally {
        state.busy = false;
      }
    },
    async unbind() {
      const state = states.get(this);
      if (!state || state.busy) return;
      state.busy = true;
      try {
        const sure = await confirm({
          title: billsText.t('detailUnbindTitle', { label: state.label }),
          content: billsText.t('detailUnbindBody'),
          confirmText: billsText.t('detailUnbindConfirm'),
          cancelText: text.t('cancel'),
          danger: true,
        });
        if (!sure) return;
        await unbindAccount(state.id);
        showToast(billsText.t('detailUnbound'), 'success');
        // Back to the accounts, which load again; opened on its own (a shared link), to them.
        await navigateBack().catch(() => redirectTo(ACCOUNTS_PAGE));
      } catch (err) {
        this.setData({ manageError: errorMessage(err, billsWords) });
      } finally {
        state.busy = false;
      }
    },
  },
});
