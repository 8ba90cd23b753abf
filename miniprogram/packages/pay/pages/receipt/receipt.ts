// The receipt of a paid order: reference, what was paid, the amount and the time.
import { formatCstDateTime } from '../../../../core/dates';
import { TAB_PAGES } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { formatMoney } from '../../../../core/money';
import { navigateBack, redirectTo, setNavigationTitle, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { checkoutUrl, getOrder, isRefundDue } from '../../../../services/payments';
import { payText } from '../../i18n';
import { lineView, refundText, type LineView } from '../../lines';
import { loadErrorView } from '../../load-error';

const ROUTE = 'packages/pay/pages/receipt/receipt';
const KEYS = ['receiptTitle', 'receiptReference', 'receiptTime', 'receiptAmount', 'receiptItems', 'receiptDone', 'receiptNext'] as const;

const orderIds = new WeakMap<object, string>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    payNowText: '',
    reference: '',
    paidAt: '',
    total: '',
    lines: [] as LineView[],
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      const orderId = query.order ?? '';
      orderIds.set(this, orderId);
      await openPage(this, {
        route: ROUTE,
        query,
        // Nothing is known yet: the title says what was paid only once the order says so.
        title: payText.t('receiptTitleNeutral'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => this.done(),
      });
    },
    async load() {
      const orderId = orderIds.get(this) ?? '';
      try {
        const order = await getOrder(orderId);
        const paid = order.status === 'paid';
        const refund = isRefundDue(order);
        setNavigationTitle(payText.t(paid ? 'receiptTitle' : refund ? 'receiptTitleNeutral' : 'receiptTitleUnpaid'));
        this.setData({
          t: payText.pick(KEYS),
          retryText: text.t('retry'),
          status: paid ? 'ready' : 'empty',
          // WeChat Pay took the money but the order settled nothing: say so, with the reference to quote.
          message: paid ? '' : refund ? refundText(order) : payText.t('receiptNotPaid'),
          payNowText: paid || refund ? '' : payText.t('receiptPayNow'),
          reference: order.reference ?? '',
          paidAt: order.paidAt ? formatCstDateTime(order.paidAt) : '',
          total: formatMoney(order.totalFen),
          lines: order.lines.map(lineView),
        });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'checkoutBack', 'receiptMissing'));
      }
    },
    payNow() {
      void redirectTo(checkoutUrl(orderIds.get(this) ?? ''));
    },
    done() {
      // Back to where the payment started; opened on its own, home.
      navigateBack().catch(() => switchTab(TAB_PAGES[0]));
    },
  },
});
