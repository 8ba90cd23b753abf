// The receipt of a paid order: reference, what was paid, the amount and the time; what happens next, the
// way home, and sharing it (the title names the amount and the reference only, never a plate or a name).
import { formatCstDateTime } from '../../../../core/dates';
import { TAB_PAGES } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { formatMoney } from '../../../../core/money';
import { confirm, hideLoading, navigateBack, redirectTo, setNavigationTitle, showLoading, showToast, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { checkoutUrl, getOrder, isRefundDue } from '../../../../services/payments';
import { FINE_ITEM_KIND } from '../../../../contracts/fines';
import type { PaymentOrder } from '../../../../contracts/payments';
import { payText } from '../../i18n';
import { lineView, refundText, type LineView } from '../../lines';
import { loadErrorView } from '../../load-error';
import { saveReceiptPicture, type ReceiptPicture, type SaveOutcome } from '../../receipt-image';

const ROUTE = 'packages/pay/pages/receipt/receipt';
const KEYS = ['receiptTitle', 'receiptReference', 'receiptTime', 'receiptAmount', 'receiptItems', 'receiptDone', 'receiptHome', 'receiptShare', 'receiptSave'] as const;

/** The order shown, what a share says once it is paid, and the picture of it to save. */
interface PageState { orderId: string; share: string; picture: ReceiptPicture | null; saving: boolean }
const states = new WeakMap<object, PageState>();

/** What happens next: fines say where their violations are now and that nothing more is to be done. */
function nextLine(order: PaymentOrder): string {
  const fines = order.lines.some((line) => line.kind === FINE_ITEM_KIND);
  return fines ? `${payText.t('receiptNextFine')}${payText.t('receiptNext')}` : payText.t('receiptNext');
}

/** What the saved picture says: the page's own words, nothing personal. */
function pictureOf(order: PaymentOrder, lines: LineView[], paidAt: string): ReceiptPicture {
  return {
    title: payText.t('receiptTitle'),
    total: formatMoney(order.totalFen),
    rows: [[payText.t('receiptReference'), order.reference ?? order.id], [payText.t('receiptTime'), paidAt]],
    lines: lines.map((line) => ({ title: line.title, amount: line.amount, sub: line.sub })),
    next: nextLine(order),
    footer: payText.t('receiptPictureFooter'),
  };
}

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    payNowText: '',
    reference: '',
    paidAt: '',
    total: '',
    lines: [] as LineView[],
    next: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      states.set(this, { orderId: query.order ?? '', share: '', picture: null, saving: false });
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
      const state = states.get(this);
      if (!state) return;
      try {
        const order = await getOrder(state.orderId);
        const paid = order.status === 'paid';
        const refund = isRefundDue(order);
        const lines = order.lines.map(lineView);
        const paidAt = order.paidAt ? formatCstDateTime(order.paidAt) : '';
        state.picture = paid ? pictureOf(order, lines, paidAt) : null;
        state.share = paid ? payText.t('receiptShareTitle', { amount: formatMoney(order.totalFen), reference: order.reference ?? order.id }) : '';
        setNavigationTitle(payText.t(paid ? 'receiptTitle' : refund ? 'receiptTitleNeutral' : 'receiptTitleUnpaid'));
        this.setData({
          t: payText.pick(KEYS),
          retryText: text.t('retry'),
          status: paid ? 'ready' : 'empty',
          // WeChat Pay took the money but the order settled nothing: say so, with the reference to quote.
          message: paid ? '' : refund ? refundText(order) : payText.t('receiptNotPaid'),
          payNowText: paid || refund ? '' : payText.t('receiptPayNow'),
          reference: order.reference ?? '',
          paidAt,
          total: formatMoney(order.totalFen),
          lines,
          next: paid ? nextLine(order) : '',
        });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'checkoutBack', 'receiptMissing'));
      }
    },
    payNow() {
      void redirectTo(checkoutUrl(states.get(this)?.orderId ?? ''));
    },
    done() {
      // Back to where the payment started; opened on its own, home.
      navigateBack().catch(() => switchTab(TAB_PAGES[0]));
    },
    home() {
      void switchTab(TAB_PAGES[0]);
    },
    /** The receipt as a picture in the album; once at a time, and a refusal of the album explained. */
    async saveImage() {
      const state = states.get(this);
      if (!state?.picture || state.saving) return;
      state.saving = true;
      showLoading(payText.t('receiptSaving'));
      let outcome: SaveOutcome;
      try {
        outcome = await saveReceiptPicture(state.picture);
      } catch {
        outcome = 'failed';
      } finally {
        hideLoading();
        state.saving = false;
      }
      if (outcome === 'saved') showToast(payText.t('receiptSaved'), 'success');
      else if (outcome === 'failed') showToast(payText.t('receiptSaveFailed'));
      else if (await confirm({ title: payText.t('receiptSaveDeniedTitle'), content: payText.t('receiptSaveDenied'), confirmText: payText.t('receiptSaveSettings'), cancelText: text.t('cancel') })) wx.openSetting({});
    },
    /**
     * WeChat's share (the menu, or the share button): the amount and the reference, nothing personal. It
     * leads to home, since the receipt opens only for its payer; the payer finds it again in My records.
     */
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const share = states.get(this)?.share ?? '';
      return share ? { title: share, path: TAB_PAGES[0] } : { path: TAB_PAGES[0] };
    },
  },
});
