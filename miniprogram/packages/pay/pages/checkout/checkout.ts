// Checkout for any order: the lines and the total, WeChat Pay, then the government's confirmation.
// Once WeChat Pay has succeeded, only the confirmation is ever retried, never the payment.
import type { PaymentOrder } from '../../../../contracts/payments';
import { formatCstDateTime } from '../../../../core/dates';
import { ServiceError } from '../../../../core/errors';
import { TAB_PAGES } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { navigateBack, redirectTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { confirmOrder, getOrder, isRefundDue, receiptUrl, unconfirmedPayment } from '../../../../services/payments';
import { payWithWeChat } from '../../wallet';
import { payText, payWords } from '../../i18n';
import { lineView, refundText, type LineView } from '../../lines';
import { loadErrorView } from '../../load-error';
import type { MessageKind } from '../../../../components/message/message';

const ROUTE = 'packages/pay/pages/checkout/checkout';

const KEYS = ['checkoutItems', 'checkoutTotal', 'checkoutPaying', 'checkoutCheckAgain', 'checkoutBack', 'checkoutNext'] as const;
const CLOSED_CODES = ['ORDER_CLOSED', 'ORDER_EXPIRED', 'ALREADY_PAID', 'NOT_FOUND', 'PAID_AT_INVALID'];

/** The message above the order: its words and how it looks (components/message). */
interface Notice { notice: string; noticeKind: MessageKind }

const error = (notice: string): Notice => ({ notice, noticeKind: 'error' });
const warning = (notice: string): Notice => ({ notice, noticeKind: 'warning' });
const info = (notice: string): Notice => ({ notice, noticeKind: 'info' });

/** Why an order that is not pending cannot be paid, in the reader's words: a refund to come is a warning. */
function closedNotice(order: PaymentOrder): Notice {
  if (isRefundDue(order)) return warning(refundText(order));
  return error(payText.t(order.closedReason === 'expired' ? 'err.ORDER_EXPIRED' : 'checkoutClosed'));
}

/** ready: can pay; paying: WeChat Pay or confirmation under way; unconfirmed: paid, confirmation to retry; closed: nothing to pay. */
type Phase = 'ready' | 'paying' | 'unconfirmed' | 'closed';

interface PageState { orderId: string; resumed: boolean; order: PaymentOrder | null; busy: boolean }
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    lines: [] as LineView[],
    total: '',
    expires: '',
    phase: 'ready' as Phase,
    payLabel: '',
    notice: '',
    noticeKind: 'info' as MessageKind,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      const orderId = query.order ?? '';
      const resumed = query.resumed === '1';
      states.set(this, { orderId, resumed, order: null, busy: false });
      await openPage(this, {
        route: ROUTE,
        query,
        title: payText.t('checkoutTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => this.back(),
        // WeChat Pay's sheet hides the page: coming back from it must not reload under the payment.
        reloadOnReturn: false,
      });
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      try {
        const order = await getOrder(state.orderId);
        state.order = order;
        if (order.status === 'paid') {
          await redirectTo(receiptUrl(order.id));
          return;
        }
        // Paid in WeChat Pay on this device but not confirmed yet: only a confirmation may follow, never a second payment.
        const owed = unconfirmedPayment(order.id) !== undefined;
        const phase: Phase = owed ? 'unconfirmed' : order.status === 'pending' ? 'ready' : 'closed';
        const notices: Record<Phase, Notice> = {
          ready: info(state.resumed ? payText.t('checkoutResumedHeld', { amount: formatMoney(order.totalFen), time: formatCstDateTime(order.expiresAt) }) : ''),
          paying: info(''),
          unconfirmed: warning(payText.t(state.resumed ? 'checkoutResumedUnconfirmed' : 'checkoutUnconfirmed')),
          closed: closedNotice(order),
        };
        this.setData({
          t: payText.pick(KEYS),
          retryText: text.t('retry'),
          status: 'ready',
          lines: order.lines.map(lineView),
          total: formatMoney(order.totalFen),
          expires: order.status === 'pending' ? payText.t('checkoutExpires', { time: formatCstDateTime(order.expiresAt) }) : '',
          payLabel: payText.t('checkoutPay', { amount: formatMoney(order.totalFen) }),
          phase,
          ...notices[phase],
        });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'checkoutBack', 'checkoutMissing'));
      }
    },
    async pay() {
      const state = states.get(this);
      // A second tap while WeChat Pay is open or the government is confirming does nothing.
      if (!state || !state.order || state.busy || this.data.phase !== 'ready') return;
      state.busy = true;
      this.setData({ phase: 'paying', notice: '' });
      try {
        // Read the order again: the one loaded with the page may have expired or been paid since.
        const order = await getOrder(state.orderId);
        state.order = order;
        if (order.status === 'paid') {
          await redirectTo(receiptUrl(order.id));
          return;
        }
        if (order.status !== 'pending') {
          this.setData({ phase: 'closed', ...closedNotice(order) });
          return;
        }
        const outcome = await payWithWeChat(order);
        if (outcome === 'paid') {
          await this.confirm();
          return;
        }
        // Cancelling is the person's choice (information); a failure is an error. Nothing was charged either way.
        this.setData({ phase: 'ready', ...(outcome === 'cancelled' ? info(payText.t('checkoutCancelled')) : error(payText.t('checkoutFailed'))) });
      } catch (err) {
        // Nothing was charged: a failure to read the order again leaves the order payable.
        const closed = err instanceof ServiceError && CLOSED_CODES.includes(err.code);
        this.setData({ phase: closed ? 'closed' : 'ready', ...error(errorMessage(err, payWords)) });
      } finally {
        state.busy = false;
      }
    },
    /**
     * Asks the government whether WeChat Pay's notification has settled the order; until it has (or on a
     * network failure) the person can ask again, and pays nothing more.
     */
    async confirm() {
      const state = states.get(this);
      if (!state) return;
      let failure: unknown = null;
      try {
        const order = await confirmOrder(state.orderId);
        state.order = order;
        if (order.status === 'paid') {
          await redirectTo(receiptUrl(order.id));
          return;
        }
        // Charged by WeChat Pay but settling nothing (paid elsewhere meanwhile, or charged after expiry): refund due.
        if (order.status === 'closed') {
          this.setData({ phase: 'closed', ...closedNotice(order) });
          return;
        }
      } catch (err) {
        failure = err;
      }
      const owed = unconfirmedPayment(state.orderId);
      if (owed) {
        // WeChat Pay took the money: no refusal may read "nothing was charged"; the device keeps asking.
        const amount = formatMoney(owed.totalFen || (state.order?.totalFen ?? 0));
        this.setData({ phase: 'unconfirmed', ...warning(payText.t('checkoutChargedUnconfirmed', { amount, order: state.orderId })) });
        return;
      }
      if (failure instanceof ServiceError && CLOSED_CODES.includes(failure.code)) {
        this.setData({ phase: 'closed', ...error(errorMessage(failure, payWords)) });
        return;
      }
      this.setData({ phase: 'unconfirmed', ...warning(failure ? `${payText.t('checkoutUnconfirmed')} ${errorMessage(failure, payWords)}` : payText.t('checkoutUnconfirmed')) });
    },
    async checkAgain() {
      const state = states.get(this);
      if (!state || state.busy || this.data.phase !== 'unconfirmed') return;
      state.busy = true;
      this.setData({ phase: 'paying' });
      try {
        await this.confirm();
      } finally {
        state.busy = false;
      }
    },
    back() {
      navigateBack().catch(() => switchTab(TAB_PAGES[0]));
    },
  },
});
