// One booking: the confirmation after paying and the detail from My bookings. Reference, status, where to
// go and what to bring, the fee and any refund, until when it cancels free, the reminder; cancel while
// it can be (after a confirm), otherwise why not; pay now while the fee is still owed.
import type { Booking } from '../../../../contracts/health';
import { newIdempotencyKey } from '../../../../core/client';
import { formatCstDate, formatCstDateTime } from '../../../../core/dates';
import { ServiceError } from '../../../../core/errors';
import type { Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { loadRecord, openPage, servicePage } from '../../../../core/page';
import { confirm, navigateTo, redirectTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { checkoutUrl, settleInBackground, startPayment } from '../../../../services/payments';
import type { MessageKind } from '../../../../components/message/message';
import { hospitalText, hospitalWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { BOOKINGS_PAGE } from '../../paths';
import { bookingItems, cancelBooking, getBooking, local } from '../../service';
import { bookingWhen, doctorLabel, patientLabel } from './view';

const ROUTE = 'packages/hospital/pages/booking/booking';
const KEYS = [
  'bookingReference', 'bookingStatus', 'bookingHospital', 'bookingDepartment', 'bookingDoctor', 'bookingPatient', 'bookingTime', 'bookingWhere',
  'bookingBring', 'bookingFee', 'bookingFamilyNote', 'bookingPreviewTitle', 'bookingCancel', 'bookingCancelling', 'bookingPaying',
] as const;

interface BookingView {
  reference: string;
  status: string;
  statusText: string;
  hospital: string;
  department: string;
  doctor: string;
  patient: string;
  family: boolean;
  when: string;
  where: string;
  bring: string;
  fee: string;
  /** Paid, refunded, still owed or lapsed. */
  money: string;
  cancelUntil: string;
  reminder: string;
  preview: string;
  canCancel: boolean;
  /** Why it cannot be cancelled, in place of the button (upcoming bookings only). */
  noCancel: string;
  payLabel: string;
}

const CHIP: Partial<Record<Booking['status'], string>> = { booked: 'ok', 'pending-payment': 'warn', 'no-show': 'bad' };

function moneyLine(booking: Booking): string {
  const amount = formatMoney(booking.feeFen);
  if (booking.refund) return hospitalText.t('bookingRefund', { amount: formatMoney(booking.refund.amountFen), reference: booking.refund.reference });
  if (booking.paidAt !== null) return hospitalText.t('bookingPaid', { amount, time: formatCstDateTime(booking.paidAt) });
  if (booking.status === 'pending-payment' && booking.holdUntil !== null) return hospitalText.t('bookingUnpaid', { amount, time: formatCstDateTime(booking.holdUntil) });
  return booking.status === 'lapsed' ? hospitalText.t('bookingLapsed') : '';
}

function reminderLine(booking: Booking): string {
  const { reminder } = booking;
  if (reminder.status === 'subscribed' && reminder.sendAt !== null) {
    return hospitalText.t(reminder.sent ? 'bookingReminderSent' : 'bookingReminderSubscribed', { time: formatCstDateTime(reminder.sendAt) });
  }
  if (reminder.status === 'declined') return hospitalText.t('bookingReminderDeclined');
  return reminder.status === 'unavailable' ? hospitalText.t('bookingReminderUnavailable') : '';
}

function viewOf(booking: Booking): BookingView {
  const live = booking.status === 'booked' || booking.status === 'pending-payment';
  const noCancel = booking.cancelBlockedBy === 'too-late'
    ? hospitalText.t('bookingTooLate', { phone: booking.hospital.phone })
    : booking.cancelBlockedBy === 'not-upcoming' && booking.status !== 'cancelled' ? hospitalText.t('bookingNotUpcoming') : '';
  return {
    reference: booking.reference,
    status: CHIP[booking.status] ?? 'plain',
    statusText: hospitalText.t(`status.${booking.status}`),
    hospital: local(booking.hospital.name),
    department: local(booking.department.name),
    doctor: doctorLabel(booking.doctor),
    patient: patientLabel(booking.patient.name, booking.patient.relationship),
    family: !booking.patient.verified,
    when: bookingWhen(booking),
    where: local(booking.where),
    bring: local(booking.bring),
    fee: formatMoney(booking.feeFen),
    money: moneyLine(booking),
    cancelUntil: live ? hospitalText.t('bookingCancelUntil', { date: formatCstDate(booking.cancelUntil) }) : '',
    reminder: live || booking.reminder.sent ? reminderLine(booking) : '',
    preview: booking.reminder.preview && live ? local(booking.reminder.preview) : '',
    canCancel: booking.canCancel,
    noCancel,
    payLabel: booking.status === 'pending-payment' ? hospitalText.t('bookingPay', { amount: formatMoney(booking.feeFen) }) : '',
  };
}

interface PageState { id: string; booking: Booking | null; cancelKey: string; payKey: string; busy: boolean }
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    booking: null as BookingView | null,
    notice: '',
    noticeKind: 'success' as MessageKind,
    busy: '',
  },
  methods: {
    async onLoad(query: Query) {
      states.set(this, { id: query.id ?? '', booking: null, cancelKey: newIdempotencyKey(), payKey: newIdempotencyKey(), busy: false });
      await openPage(this, {
        route: ROUTE,
        query,
        title: hospitalText.t('bookingTitle'),
        loadingText: text.t('loading'),
        load: () => this.load('', 'success'),
        settle: (later) => settleInBackground(later),
        forward: () => void redirectTo(BOOKINGS_PAGE),
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load(notice: string, noticeKind: MessageKind) {
      const state = states.get(this);
      if (!state) return;
      await loadRecord(this, {
        id: state.id,
        fetch: getBooking,
        show: (found) => this.show(found, notice, noticeKind),
        alive: () => states.has(this),
        failed: (e) => loadErrorView(e, 'bookingForward', 'bookingMissing'),
        extra: { busy: '' },
      });
    },
    show(booking: Booking, notice: string, noticeKind: MessageKind) {
      const state = states.get(this);
      if (!state) return;
      state.booking = booking;
      this.setData({ t: hospitalText.pick(KEYS), retryText: text.t('retry'), status: 'ready', booking: viewOf(booking), notice, noticeKind, busy: '' });
    },
    async cancel() {
      const state = states.get(this);
      const booking = state?.booking;
      if (!state || !booking || !booking.canCancel || state.busy) return;
      state.busy = true;
      try {
        const sure = await confirm({
          title: hospitalText.t('bookingCancelAsk'),
          content: hospitalText.t(booking.paidAt !== null ? 'bookingCancelAskPaid' : 'bookingCancelAskUnpaid', { amount: formatMoney(booking.feeFen) }),
          confirmText: hospitalText.t('bookingCancelYes'),
          cancelText: hospitalText.t('bookingCancelNo'),
          danger: true,
        });
        if (!sure) return;
        this.setData({ busy: 'cancel', notice: '' });
        const cancelled = await cancelBooking(booking.id, state.cancelKey);
        this.show(cancelled, hospitalText.t('bookingCancelled'), 'success');
      } catch (err) {
        await this.refused(err);
      } finally {
        state.busy = false;
      }
    },
    async pay() {
      const state = states.get(this);
      const booking = state?.booking;
      if (!state || !booking || booking.status !== 'pending-payment' || state.busy) return;
      state.busy = true;
      this.setData({ busy: 'pay', notice: '' });
      try {
        const start = await startPayment(bookingItems(booking.id), booking.feeFen, state.payKey);
        this.setData({ busy: '' });
        await navigateTo(start.kind === 'order' ? checkoutUrl(start.order.id, start.resumed) : checkoutUrl(start.earlier.id, true));
      } catch (err) {
        await this.refused(err);
      } finally {
        state.busy = false;
      }
    },
    /** A refusal that changed what is true (too late now, lapsed) shows the booking as it is; a network one keeps it. */
    async refused(err: unknown) {
      const message = errorMessage(err, hospitalWords);
      if (err instanceof ServiceError && !err.transient) {
        await this.load(message, 'error');
        return;
      }
      this.setData({ busy: '', notice: message, noticeKind: 'error' });
    },
  },
});
