// One notice: what, where, when, and how the amount due was computed by the government.
import { localText } from '../../../../core/i18n';
import type { FineNotice } from '../../../../contracts/fines';
import { newIdempotencyKey } from '../../../../core/client';
import { formatCstDate, formatCstDateTime } from '../../../../core/dates';
import { ServiceError } from '../../../../core/errors';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { navigateTo, redirectTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { getNotice, noticeItems } from '../../../../services/fines';
import { checkoutUrl, settleInBackground, startPayment } from '../../../../services/payments';
import { finesText, finesWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { VEHICLES_PAGE } from '../../paths';
import type { MessageKind } from '../../../../components/message/message';

const ROUTE = 'packages/fines/pages/notice/notice';
/** Codes after which the notice is out of date (paid, disputed, re-priced, gone) and is loaded again. */
const STALE_CODES = ['ALREADY_PAID', 'TOTAL_MISMATCH', 'NOT_PAYABLE', 'NOT_FOUND'];
const KEYS = ['detailDecision', 'detailPlate', 'detailTime', 'detailPlace', 'detailWhat', 'detailFine', 'detailPoints', 'detailStatus', 'detailNoticed', 'detailPayBy', 'detailRule', 'noticesPaying'] as const;

interface NoticeView {
  decision: string;
  plate: string;
  when: string;
  place: string;
  what: string;
  fine: string;
  points: number;
  status: string;
  statusText: string;
  noticed: string;
  payBy: string;
  /** What the amount at the top is: due (unpaid), paid (the amount actually paid), or the fine under review. */
  dueLabel: string;
  due: string;
  how: string;
  note: string;
}

function viewOf(notice: FineNotice): NoticeView {
  const money = { fine: formatMoney(notice.fineFen), surcharge: formatMoney(notice.surchargeFen), days: notice.daysLate };
  let how = '';
  let note = '';
  if (notice.status === 'unpaid') {
    if (notice.daysLate > 0) how = finesText.t(notice.surchargeCapped ? 'detailHowCapped' : 'detailHow', money);
    else note = finesText.t('detailInTime', { date: notice.payBy });
  } else if (notice.status === 'paid' && notice.payment) {
    note = finesText.t('detailPaid', { time: formatCstDateTime(notice.payment.at), amount: formatMoney(notice.payment.amountFen), reference: notice.payment.reference });
  } else if (notice.status === 'disputed') {
    note = finesText.t('detailDisputed');
  }
  const paidFen = notice.payment ? notice.payment.amountFen : notice.fineFen;
  return {
    decision: notice.decisionNumber,
    plate: notice.plate,
    when: formatCstDateTime(notice.occurredAt),
    place: localText({ zh: notice.place, en: notice.placeEn }),
    what: finesText.t(`offence.${notice.offence}`),
    fine: formatMoney(notice.fineFen),
    points: notice.points,
    status: notice.status,
    statusText: finesText.t(`status.${notice.status}`),
    noticed: formatCstDate(notice.noticedAt),
    payBy: notice.payBy,
    dueLabel: finesText.t(notice.status === 'paid' ? 'detailPaidAmount' : notice.status === 'disputed' ? 'detailFine' : 'detailDue'),
    due: formatMoney(notice.status === 'paid' ? paidFen : notice.status === 'disputed' ? notice.fineFen : notice.dueFen),
    how,
    note,
  };
}

interface PageState { id: string; notice: FineNotice | null; payKey: string; paying: boolean }
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    notice: null as NoticeView | null,
    payLabel: '',
    paying: false,
    payError: '',
    /** An earlier order holding the notice is a warning (it may be finished); any other refusal an error. */
    payKind: 'error' as MessageKind,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      states.set(this, { id: query.id ?? '', notice: null, payKey: newIdempotencyKey(), paying: false });
      // Coming back from checkout reloads, since the notice may be paid now; owed payment checks come first.
      await openPage(this, {
        route: ROUTE,
        query,
        title: finesText.t('noticeTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(''),
        settle: (later) => settleInBackground(later),
        forward: () => void redirectTo(VEHICLES_PAGE),
      });
    },
    async load(payError: string) {
      const state = states.get(this);
      if (!state) return;
      try {
        const notice = await getNotice(state.id);
        state.notice = notice;
        this.setData({
          t: finesText.pick(KEYS),
          retryText: text.t('retry'),
          status: 'ready',
          notice: viewOf(notice),
          payLabel: notice.status === 'unpaid' ? finesText.t('detailPay', { amount: formatMoney(notice.dueFen) }) : '',
          paying: false,
          payError,
        });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'forwardVehicles', 'missingNotice'), { paying: false });
      }
    },
    async pay() {
      const state = states.get(this);
      if (!state || !state.notice || state.notice.status !== 'unpaid' || state.paying) return;
      state.paying = true;
      this.setData({ paying: true, payError: '', payKind: 'error' });
      try {
        const start = await startPayment(noticeItems([state.notice.id]), state.notice.dueFen, state.payKey);
        state.payKey = newIdempotencyKey();
        state.paying = false;
        if (start.kind === 'earlier') {
          // An earlier order holds this notice with others; it is never closed on the app's word (it may be paid).
          this.setData({ paying: false, payKind: 'warning', payError: finesText.t('noticesEarlier', { count: 1, amount: formatMoney(start.earlier.totalFen), time: formatCstDateTime(start.earlier.holdsUntil ?? start.earlier.expiresAt) }) });
          return;
        }
        this.setData({ paying: false });
        await navigateTo(checkoutUrl(start.order.id, start.resumed));
      } catch (err) {
        state.paying = false;
        const message = errorMessage(err, finesWords);
        if (err instanceof ServiceError && STALE_CODES.includes(err.code)) {
          state.payKey = newIdempotencyKey();
          await this.load(message);
          return;
        }
        this.setData({ paying: false, payError: message });
      }
    },
  },
});
