// Book a case's next appointment (?case=): 1 an office (its days load when chosen), 2 a day with places
// and a time window, 3 check your answers, then book with one key per set of choices (a double tap or a
// retry after a lost answer books once) and show the confirmation. A case that cannot be booked now
// shows why on its panels. The choices survive closing the page (a draft per case) and every failure.
import type { CivilCase, Office, OfficeDaysResponse } from '../../../../contracts/civil';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { buildUrl, sendToIdentity, TAB_PAGES, type Query } from '../../../../core/gate';
import { withError } from '../../../../core/form';
import { errorMessage } from '../../../../core/messages';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { redirectTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { civilText, civilWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { CASES_PAGE, CASE_PAGE } from '../../paths';
import { bookAppointment, getCase, getOfficeDays, listOffices } from '../../service';
import { NO_CHOICES, fitChoices, forgetChoices, isOpenDay, keepChoices, readChoices, refusalOf, type Choices } from './choices';
import { EMPTY_SCREEN, NOTHING_SHOWN, screenOf, type Known, type Shown, type Step } from './screen';
import { recover } from './recover';
import { dateLong } from './view';

const ROUTE = 'packages/civil/pages/book/book';
const KEYS = [
  'bookStep1', 'bookStep2', 'bookStep3', 'bookOfficeHeading', 'bookOfficeHint', 'bookOfficeLoading', 'bookDayHeading', 'bookChosenOffice',
  'bookChangeOffice', 'bookDayLabel', 'bookDayHint', 'bookNext', 'bookCheckHeading', 'bookWhat', 'bookOffice', 'bookAddress', 'bookDate',
  'bookWindow', 'bookChangeDay', 'bookChangeWindow', 'bookParties', 'bookBring', 'bookFee', 'bookCancelRule', 'bookConfirm', 'bookConfirming',
  'bookDoneTitle', 'bookReference', 'bookAtOffice', 'bookCancelUntil', 'bookSeeCase', 'civilHome', 'err.ALREADY_BOOKED',
] as const;

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; date: string; step: string }>;

interface PageState {
  query: Query;
  caseId: string;
  civilCase: CivilCase | null;
  offices: Office[];
  /** The days of the office chosen, as last read. */
  days: OfficeDaysResponse | null;
  choices: Choices;
  step: Step;
  shown: Shown;
  /** The draft is read once, on the first load. */
  restored: boolean;
  /** The booking request's key for the choices as they are: the same choices, the same key. */
  attempt: { body: string; key: string } | null;
  /** The case as booked here: the confirmation. */
  confirmed: CivilCase | null;
  busy: boolean;
}

const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number] | 'errorSummaryTitle', string>,
    ...EMPTY_SCREEN,
  },
  methods: {
    async onLoad(query: Query) {
      const caseId = query.case ?? '';
      states.set(this, {
        query, caseId, civilCase: null, offices: [], days: null, choices: NO_CHOICES, step: 'office', shown: NOTHING_SHOWN,
        restored: false, attempt: null, confirmed: null, busy: false,
      });
      await openPage(this, {
        route: ROUTE,
        query,
        title: civilText.t('bookTitle'),
        loadingText: text.t('loading'),
        initial: { t: { ...civilText.pick(KEYS), ...text.pick(['errorSummaryTitle']) }, message: text.t('loading') },
        load: () => this.load(),
        forward: () => void redirectTo(CASES_PAGE),
      });
    },
    onUnload() {
      states.delete(this);
    },
    /** The case and the offices, the chosen office's days, and (the first time) the draft: one setData. */
    async load() {
      const state = states.get(this);
      if (!state) return;
      if (!state.caseId) {
        this.setData(loadErrorView(new ServiceError('NOT_FOUND', 'no case'), 'bookForward', 'bookMissing'));
        return;
      }
      if (state.confirmed) {
        this.render(state);
        return;
      }
      state.shown = NOTHING_SHOWN;
      try {
        const [civilCase, offices] = await Promise.all([getCase(state.caseId), listOffices()]);
        state.civilCase = civilCase;
        state.offices = offices.items;
        const bookable = civilCase.next !== null && civilCase.ineligible.length === 0;
        if (bookable && !state.restored) {
          state.restored = true;
          state.choices = readChoices(state.caseId, offices.items.map((office) => office.id));
          if (state.choices.officeId) state.step = 'day';
        }
        state.days = bookable && state.choices.officeId ? await getOfficeDays(state.caseId, state.choices.officeId) : null;
        if (!states.has(this)) return;
        this.fit(state, true);
        this.render(state);
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, (e) => loadErrorView(e, 'bookForward', 'bookMissing'));
      }
    },
    /** The choices as the days now allow; a day no longer open goes (said so when `say`), and back to step 2. */
    fit(state: PageState, say: boolean) {
      if (!state.days) return;
      const { choices, dropped } = fitChoices(state.choices, state.days.days);
      state.choices = choices;
      if (dropped && say) state.shown = { ...state.shown, note: civilText.t('bookDraftDropped', { date: dateLong(dropped) }) };
      if (state.step === 'check' && (!choices.date || !choices.windowId)) state.step = 'day';
      keepChoices(state.caseId, choices);
    },
    render(state: PageState) {
      if (!state.civilCase) return;
      const known: Known = { ...state, civilCase: state.civilCase };
      this.setData({ status: 'ready', message: '', retryText: text.t('retry'), ...screenOf(known) });
    },
    show(state: PageState, step: Step, shown: Partial<Shown> = {}) {
      state.step = step;
      state.shown = { ...NOTHING_SHOWN, ...shown };
      this.render(state);
    },
    async pickOffice(e: Tap) {
      const state = states.get(this);
      const id = e.currentTarget.dataset.id;
      if (!state || state.busy || !state.offices.some((office) => office.id === id)) return;
      if (id === state.choices.officeId && state.days) {
        this.show(state, 'day');
        return;
      }
      state.choices = { officeId: id, date: '', windowId: '' };
      keepChoices(state.caseId, state.choices);
      state.busy = true;
      this.setData({ pending: id, officeError: '' });
      try {
        state.days = await getOfficeDays(state.caseId, id);
        state.busy = false;
        if (states.has(this)) this.show(state, 'day');
      } catch (err) {
        state.busy = false;
        state.days = null;
        if (states.has(this)) await this.failed(state, err);
      }
    },
    pickDay(e: Tap) {
      const state = states.get(this);
      const date = e.currentTarget.dataset.date;
      const day = state?.days?.days.find((d) => d.date === date);
      if (!state || state.busy || !day || !isOpenDay(day)) return;
      state.choices = { ...state.choices, date, windowId: day.windows.length === 1 ? day.windows[0].id : '' };
      keepChoices(state.caseId, state.choices);
      this.show(state, 'day', { ...state.shown, errors: withError(state.shown.errors, 'date', '') });
    },
    pickWindow(e: Tap) {
      const state = states.get(this);
      const id = e.currentTarget.dataset.id;
      const window = state?.days?.days.find((d) => d.date === state.choices.date)?.windows.find((w) => w.id === id);
      if (!state || state.busy || !window) return;
      state.choices = { ...state.choices, windowId: window.id };
      keepChoices(state.caseId, state.choices);
      this.show(state, 'day', { ...state.shown, errors: withError(state.shown.errors, 'window', '') });
    },
    /** Step 2 done: both chosen, or each missing one said beside it. */
    toCheck() {
      const state = states.get(this);
      if (!state || state.busy) return;
      const { date, windowId } = state.choices;
      if (!date || !windowId) {
        this.show(state, 'day', { errors: { date: date ? '' : civilText.t('bookChooseDay'), window: windowId ? '' : civilText.t('bookChooseWindow') } });
        return;
      }
      this.show(state, 'check');
    },
    /** A "change" link: back to its step, every choice kept. */
    change(e: Tap) {
      const state = states.get(this);
      if (state && !state.busy) this.show(state, e.currentTarget.dataset.step === 'office' ? 'office' : 'day');
    },
    async confirm() {
      const state = states.get(this);
      const { officeId, date, windowId } = state?.choices ?? NO_CHOICES;
      if (!state || state.busy || state.step !== 'check' || !officeId || !date || !windowId) return;
      state.busy = true;
      this.setData({ busy: true, bookError: '' });
      const request = { officeId, date, window: windowId };
      const body = JSON.stringify(request);
      const key = state.attempt?.body === body ? state.attempt.key : newIdempotencyKey();
      state.attempt = { body, key };
      try {
        const booked = await bookAppointment(state.caseId, request, key);
        forgetChoices(state.caseId);
        state.busy = false;
        state.confirmed = booked;
        state.civilCase = booked;
        if (states.has(this)) this.render(state);
      } catch (err) {
        state.busy = false;
        if (states.has(this)) await this.failed(state, err);
      }
    },
    /** A refusal or a failure, said where it belongs, every choice that still holds kept. */
    async failed(state: PageState, err: unknown) {
      const refusal = refusalOf(err);
      const words = errorMessage(err, civilWords);
      if (refusal === 'identity') {
        await sendToIdentity(ROUTE, state.query);
        return;
      }
      if (refusal === 'missing') {
        this.setData(loadErrorView(err, 'bookForward', 'bookMissing'));
        return;
      }
      if (refusal === 'booked') {
        forgetChoices(state.caseId);
        this.show(state, state.step, { existing: true });
        return;
      }
      if (refusal === 'other') {
        this.show(state, state.step, state.step === 'office' ? { officeError: words } : { bookError: words });
        return;
      }
      const next = await recover(state, refusal, words);
      if (!states.has(this)) return;
      Object.assign(state, { civilCase: next.civilCase, days: next.days, choices: next.choices });
      keepChoices(state.caseId, next.choices);
      this.show(state, next.step, next.shown);
    },
    seeCase() {
      const state = states.get(this);
      if (state) void redirectTo(buildUrl(CASE_PAGE, { id: state.caseId }));
    },
    goHome() {
      void switchTab(TAB_PAGES[0]);
    },
  },
});
