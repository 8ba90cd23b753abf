// One accident case (?report=): where it stands (responsibility, what happens next); the reporter's code
// for the other driver while they may still confirm (shown once; a new one on request); once
// responsibility is settled, the settlement appointment for the insurance claim: a desk, a day, a window
// with places, check your answers, then the booking with what to bring.
import type { AccidentDesk, DeskDay, Report } from '../../../../contracts/reports';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { buildUrl, sendToIdentity, type Query } from '../../../../core/gate';
import { errorMessage, fieldMessages } from '../../../../core/messages';
import { loadRecord, openPage, servicePage } from '../../../../core/page';
import { redirectTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { accidentText, accidentWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { ACCIDENT_PAGE, CONFIRM_PAGE } from '../../paths';
import { bookSettlement, getDeskDays, getReport, listDesks, newInvitation } from '../../service';
import { KEYS, answersOf, caseView, choicesOf, isOpen, type Choosing, type Step } from './view';

const ROUTE = 'packages/accident/pages/settle/settle';
const FIELDS = ['deskId', 'date', 'window'] as const;

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

interface PageState {
  query: Query; id: string; report: Report | null; desks: AccidentDesk[]; days: DeskDay[]; choosing: Choosing; step: Step;
  errors: Record<string, string>; code: string; keys: { book: string; code: string }; busy: boolean;
}
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    view: null as ReturnType<typeof caseView> | null,
    choices: null as ReturnType<typeof choicesOf> | null,
    answers: [] as ReturnType<typeof answersOf>,
    step: 'choose' as Step,
    errors: {} as Record<string, string>,
    notice: '',
    busy: '',
  },
  methods: {
    async onLoad(query: Query) {
      const kept: Query = { ...query };
      states.set(this, {
        query: kept, id: query.report ?? '', report: null, desks: [], days: [], choosing: { deskId: '', date: '', window: '' }, step: 'choose', errors: {}, code: '',
        keys: { book: newIdempotencyKey(), code: newIdempotencyKey() }, busy: false,
      });
      await openPage(this, {
        route: ROUTE, query: kept, title: accidentText.t('acSettleTitle'), loadingText: text.t('loading'), load: () => this.load(''), forward: () => void redirectTo(ACCIDENT_PAGE),
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load(notice: string) {
      const state = states.get(this);
      if (!state) return;
      await loadRecord(this, {
        id: state.id,
        fetch: async (id) => {
          const report = await getReport(id);
          state.report = report;
          if (report.accident?.canBook && report.role === 'reporter') {
            if (!state.desks.length) state.desks = (await listDesks()).items;
            state.days = state.choosing.deskId ? (await getDeskDays(state.choosing.deskId)).days : [];
          }
          return report;
        },
        show: () => this.render(state, { status: 'ready', retryText: text.t('retry'), notice }),
        alive: () => states.has(this),
        failed: (e) => loadErrorView(e, 'acAccidentForward', 'acMissing'),
      });
    },
    render(state: PageState, extra: Record<string, unknown> = {}) {
      if (!state.report) return;
      this.setData({
        t: accidentText.pick(KEYS),
        view: caseView(state.report, state.code),
        choices: choicesOf(state.desks, state.days, state.choosing),
        answers: state.step === 'check' ? answersOf(state.desks, state.days, state.choosing) : [],
        step: state.step,
        errors: state.errors,
        busy: '',
        ...extra,
      });
    },
    async pickDesk(e: Tap) {
      const state = states.get(this);
      const id = e.currentTarget.dataset.id;
      if (!state || state.busy || !state.desks.some((d) => d.id === id) || id === state.choosing.deskId) return;
      state.busy = true;
      try {
        state.days = (await getDeskDays(id)).days;
        state.choosing = { deskId: id, date: '', window: '' };
        state.errors = {};
      } catch {
        state.errors = { deskId: accidentText.t('acDaysFailed') };
      }
      state.busy = false;
      this.render(state);
    },
    pickDay(e: Tap) {
      const state = states.get(this);
      const day = state?.days.find((d) => d.date === e.currentTarget.dataset.id);
      if (!state || state.busy || !day || !isOpen(day)) return;
      const open = day.windows.filter((w) => w.remaining > 0);
      state.choosing = { ...state.choosing, date: day.date, window: open.length === 1 ? open[0].id : '' };
      state.errors = { deskId: '', date: '', window: '' };
      this.render(state);
    },
    pickWindow(e: Tap) {
      const state = states.get(this);
      const window = state?.days.find((d) => d.date === state.choosing.date)?.windows.find((w) => w.id === e.currentTarget.dataset.id && w.remaining > 0);
      if (!state || state.busy || !window) return;
      state.choosing = { ...state.choosing, window: window.id };
      state.errors = { ...state.errors, window: '' };
      this.render(state);
    },
    next() {
      const state = states.get(this);
      if (!state || state.busy) return;
      const reasons: Record<string, string> = {};
      FIELDS.forEach((field) => {
        if (!state.choosing[field]) reasons[field] = 'REQUIRED';
      });
      state.errors = fieldMessages(reasons, accidentWords);
      if (!Object.keys(reasons).length) state.step = 'check';
      this.render(state);
    },
    change() {
      const state = states.get(this);
      if (!state || state.busy) return;
      state.step = 'choose';
      this.render(state);
    },
    async book() {
      const state = states.get(this);
      const { deskId, date, window } = state?.choosing ?? { deskId: '', date: '', window: '' as const };
      if (!state || state.busy || state.step !== 'check' || !window) return;
      state.busy = true;
      this.setData({ busy: 'book', notice: '' });
      try {
        state.report = await bookSettlement(state.id, { deskId, date, window }, state.keys.book);
        state.keys.book = newIdempotencyKey();
        state.busy = false;
        state.step = 'choose';
        this.render(state);
      } catch (err) {
        state.busy = false;
        await this.refused(err, 'book');
      }
    },
    /** The code is shown once: a new one for the other driver; the earlier one stops working. */
    async newCode() {
      const state = states.get(this);
      if (!state?.report || state.busy) return;
      state.busy = true;
      this.setData({ busy: 'code', notice: '' });
      try {
        state.code = (await newInvitation(state.id, state.keys.code)).code;
        state.keys.code = newIdempotencyKey();
        state.busy = false;
        this.render(state, { notice: accidentText.t('acNewCodeDone') });
      } catch (err) {
        state.busy = false;
        await this.refused(err, 'code');
      }
    },
    async refused(err: unknown, key: 'book' | 'code') {
      const state = states.get(this);
      if (!state) return;
      if (err instanceof ServiceError && err.needsIdentity) {
        await sendToIdentity(ROUTE, state.query);
        return;
      }
      const message = errorMessage(err, accidentWords);
      if (!(err instanceof ServiceError) || err.transient) {
        this.setData({ busy: '', notice: message });
        return;
      }
      state.keys[key] = newIdempotencyKey();
      const fields = fieldMessages(err.code === 'WINDOW_FULL' ? { window: 'WINDOW_FULL' } : err.fields, accidentWords);
      if (FIELDS.some((field) => fields[field])) {
        state.step = 'choose';
        state.errors = fields;
        if (err.code === 'WINDOW_FULL') state.choosing = { ...state.choosing, window: '' };
      }
      // What changed meanwhile (booked already, responsibility pending) shows as the case is now.
      await this.load(FIELDS.some((field) => fields[field]) ? '' : message);
    },
    /** WeChat's share: the reporter's link with the code while the other driver may still confirm. */
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const state = states.get(this);
      if (!state?.code || state.report?.accident?.confirmation !== 'awaiting') return { title: accidentText.t('acTitle'), path: ACCIDENT_PAGE };
      return { title: accidentText.t('acShareTitle'), path: buildUrl(CONFIRM_PAGE, { report: state.id, code: state.code }) };
    },
  },
});
