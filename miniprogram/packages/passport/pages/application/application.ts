// One passport application (?id=): the header says what happens next for its status, then the reference,
// the applicant (masked), validity, photo, appointment, collection and fee. Payable: Pay opens checkout.
// The held place lapsed and went: choose another time at the same office. Cancel (after a confirm, with
// the refund) while the government allows it, and the timeline. Without an id: not found, with a way back.
import type { ExitEntryDay, PassportApplication } from '../../../../contracts/passport';
import type { MessageKind } from '../../../../components/message/message';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import type { Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { formatYuan } from '../../../../core/money';
import { loadRecord, openPage, servicePage } from '../../../../core/page';
import { confirm, navigateTo, redirectTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { checkoutUrl, settleInBackground, startPayment } from '../../../../services/payments';
import { dayCells, openWindow, windowCells, type DayCell, type WindowCell } from '../../days';
import { passportText, passportWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { APPLICATIONS_PAGE } from '../../paths';
import { cancelApplication, feeItems, getApplication, getOfficeDays, rebookApplication } from '../../service';
import { KEYS, applicationView, type ApplicationView } from './view';

const ROUTE = 'packages/passport/pages/application/application';

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; date: string }>;

/** One idempotency key per intent, kept across a failed try (the same tap retries) and renewed after an answer. */
interface Keys { pay: string; cancel: string; rebook: string }
interface Rebook { days: ExitEntryDay[]; date: string; window: string }
interface PageState { query: Query; id: string; application: PassportApplication | null; keys: Keys; rebook: Rebook | null; busy: boolean }
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    view: null as ApplicationView | null,
    rebookDays: [] as DayCell[],
    rebookWindows: [] as WindowCell[],
    rebookOpen: false,
    notice: '',
    noticeKind: 'success' as MessageKind,
    busy: '',
  },
  methods: {
    async onLoad(query: Query) {
      const kept: Query = { ...query };
      states.set(this, { query: kept, id: query.id ?? '', application: null, keys: { pay: newIdempotencyKey(), cancel: newIdempotencyKey(), rebook: newIdempotencyKey() }, rebook: null, busy: false });
      await openPage(this, {
        route: ROUTE,
        query: kept,
        title: passportText.t('applicationTitle'),
        loadingText: text.t('loading'),
        load: () => this.load('', 'success'),
        // Back from checkout: a payment WeChat Pay took is confirmed first, so the fee shows as paid.
        settle: (later) => settleInBackground(later),
        forward: () => void redirectTo(APPLICATIONS_PAGE),
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
        fetch: getApplication,
        show: (found) => this.show(found, notice, noticeKind),
        alive: () => states.has(this),
        failed: (e) => loadErrorView(e, 'applicationForward', 'applicationMissing'),
        extra: { busy: '' },
      });
    },
    show(application: PassportApplication, notice: string, noticeKind: MessageKind) {
      const state = states.get(this);
      if (!state) return;
      state.application = application;
      if (!(application.status === 'payment-due' && application.fee === 'not-payable')) state.rebook = null;
      this.setData({
        t: passportText.pick(KEYS), retryText: text.t('retry'), status: 'ready', view: applicationView(application), notice, noticeKind, busy: '', ...this.rebookView(state),
      });
    },
    rebookView(state: PageState) {
      const r = state.rebook;
      return { rebookOpen: r !== null, rebookDays: r ? dayCells(r.days, r.date) : [], rebookWindows: r ? windowCells(r.days, r.date, openWindow(r.days, r.date, r.window)) : [] };
    },
    async pay() {
      const state = states.get(this);
      const a = state?.application;
      if (!state || !a || state.busy || a.status !== 'payment-due' || a.fee !== 'payable') return;
      state.busy = true;
      this.setData({ busy: 'pay', notice: '' });
      try {
        const start = await startPayment(feeItems(a.id), a.feeFen, state.keys.pay);
        this.setData({ busy: '' });
        await navigateTo(start.kind === 'order' ? checkoutUrl(start.order.id, start.resumed) : checkoutUrl(start.earlier.id, true));
      } catch (err) {
        await this.refused(err, 'pay');
      } finally {
        state.busy = false;
      }
    },
    async cancel() {
      const state = states.get(this);
      const a = state?.application;
      if (!state || !a || state.busy || !a.cancellable) return;
      state.busy = true;
      try {
        const sure = await confirm({
          title: passportText.t('applicationCancelAsk'),
          content: passportText.t(a.fee === 'paid' ? 'applicationCancelAskPaid' : 'applicationCancelAskUnpaid', { amount: formatYuan(a.feeFen) }),
          confirmText: passportText.t('applicationCancelYes'),
          cancelText: passportText.t('applicationCancelNo'),
          danger: true,
        });
        if (!sure) return;
        this.setData({ busy: 'cancel', notice: '' });
        const next = await cancelApplication(a.id, state.keys.cancel);
        state.keys.cancel = newIdempotencyKey();
        this.show(next, passportText.t(next.fee === 'refunded' ? 'applicationCancelledRefund' : 'applicationCancelled'), 'success');
      } catch (err) {
        await this.refused(err, 'cancel');
      } finally {
        state.busy = false;
      }
    },
    /** "Choose another time": the days at the same office. */
    async openRebook() {
      const state = states.get(this);
      const a = state?.application;
      if (!state || !a || state.busy) return;
      state.busy = true;
      try {
        const { days } = await getOfficeDays(a.appointment.office.id);
        state.rebook = { days, date: '', window: '' };
        this.setData({ ...this.rebookView(state), notice: '' });
      } catch (err) {
        await this.refused(err, 'rebook');
      } finally {
        state.busy = false;
      }
    },
    pickDay(e: Tap) {
      const state = states.get(this);
      const r = state?.rebook;
      const day = r?.days.find((d) => d.date === e.currentTarget.dataset.date);
      if (!state || !r || !day || (day.status !== 'available' && day.status !== 'few')) return;
      state.rebook = { ...r, date: day.date, window: '' };
      this.setData(this.rebookView(state));
    },
    pickWindow(e: Tap) {
      const state = states.get(this);
      const r = state?.rebook;
      if (!state || !r || !openWindow(r.days, r.date, e.currentTarget.dataset.id)) return;
      state.rebook = { ...r, window: e.currentTarget.dataset.id };
      this.setData(this.rebookView(state));
    },
    async rebook() {
      const state = states.get(this);
      const a = state?.application;
      const r = state?.rebook;
      const window = r ? openWindow(r.days, r.date, r.window) : '';
      if (!state || !a || !r || state.busy || !window) return;
      state.busy = true;
      this.setData({ busy: 'rebook', notice: '' });
      try {
        const next = await rebookApplication(a.id, { officeId: a.appointment.office.id, date: r.date, window }, state.keys.rebook);
        state.keys.rebook = newIdempotencyKey();
        state.rebook = null;
        this.show(next, passportText.t('applicationRebooked'), 'success');
      } catch (err) {
        await this.refused(err, 'rebook');
      } finally {
        state.busy = false;
      }
    },
    /** A refusal that changed what is true (too late, taken) shows the application as it is; a network one keeps it. */
    async refused(err: unknown, key: keyof Keys) {
      const state = states.get(this);
      if (!state) return;
      const message = errorMessage(err, passportWords);
      if (err instanceof ServiceError && !err.transient) {
        state.keys[key] = newIdempotencyKey();
        if (key === 'rebook') state.rebook = null;
        await this.load(message, 'error');
        return;
      }
      this.setData({ busy: '', notice: message, noticeKind: 'error' });
    },
    toList() {
      void redirectTo(APPLICATIONS_PAGE);
    },
  },
});
