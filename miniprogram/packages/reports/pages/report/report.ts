// One report (?id=): its status and Open311's open / closed, the department, the SLA clock (the expected
// date, overdue once passed), the timeline in FixMyStreet's states, what happens next; once fixed or
// closed, the reporter rates it (5 levels: a poor rating is always taken, and asks what went wrong) or
// reopens it as not fixed, once. An accident's part links to the accident pages.
import { RATING_COMMENT_MAX_CHARS, REOPEN_REASON_MAX_CHARS, type Report, type ServiceDefinition } from '../../../../contracts/reports';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { sendToIdentity, type Query } from '../../../../core/gate';
import { errorMessage, fieldMessages } from '../../../../core/messages';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { reportsText, reportsWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { REPORTS_PAGE } from '../../paths';
import { getDefinition, getReport, rateReport, reopenReport } from '../../service';
import { viewOf, type RatingDraft } from './view';

const ROUTE = 'packages/reports/pages/report/report';
const KEYS = [
  'rpNoReport', 'rpMine', 'rpReference', 'rpDepartment', 'rpSubmitted', 'rpPlace', 'rpDescription', 'rpPhotos', 'rpTimeline', 'rpNextHeading',
  'rpRateHeading', 'rpRateHint', 'rpPoorHint', 'rpReopen', 'rpReopenHint', 'rpReopenReason', 'rpReopenSubmit', 'rpRatedHeading', 'rpAccidentHeading',
  'rpSettle', 'rpConfirm', 'rpOpen311Label', 'rpSlaLabel', 'rpSending', 'rpRateSubmit',
] as const;

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { n: number; url: string }>;

interface PageState {
  id: string;
  report: Report | null;
  definition: ServiceDefinition | null;
  draft: RatingDraft;
  /** The key of the rating or reopening being sent, kept while the same words are retried. */
  key: string;
  busy: boolean;
}
const states = new WeakMap<object, PageState>();

const emptyDraft = (): RatingDraft => ({ stars: 0, comment: '', reason: '', reopening: false });

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    limits: { comment: RATING_COMMENT_MAX_CHARS, reason: REOPEN_REASON_MAX_CHARS },
    empty: false,
    view: null as ReturnType<typeof viewOf> | null,
    errors: {} as Record<string, string>,
    actionError: '',
    busy: false,
  },
  methods: {
    async onLoad(query: Query) {
      states.set(this, { id: query.id ?? '', report: null, definition: null, draft: emptyDraft(), key: '', busy: false });
      await openPage(this, {
        route: ROUTE,
        query: { ...query },
        title: reportsText.t('rpReportTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void navigateTo(REPORTS_PAGE),
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      if (!state.id) {
        this.setData({ t: reportsText.pick(KEYS), status: 'ready', empty: true });
        return;
      }
      try {
        state.report = await getReport(state.id);
        // The extra fields' names come with the definition; without it the page still shows the rest.
        state.definition = state.definition ?? (await getDefinition(state.report.service_code).catch(() => null));
        if (!states.has(this)) return;
        this.render(state, { t: reportsText.pick(KEYS), retryText: text.t('retry'), status: 'ready' });
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, (e) => loadErrorView(e, 'rpMine', 'rpMissing'));
      }
    },
    render(state: PageState, extra: Record<string, unknown> = {}) {
      if (!state.report) return;
      this.setData({ view: viewOf(state.report, state.definition, state.draft), busy: state.busy, ...extra });
    },
    pickStars(e: Tap) {
      const state = states.get(this);
      const n = Number(e.currentTarget.dataset.n);
      if (!state || state.busy || !(n >= 1 && n <= 5)) return;
      state.draft = { ...state.draft, stars: n };
      this.render(state, { errors: {}, actionError: '' });
    },
    onComment(e: WechatMiniprogram.Input) {
      const state = states.get(this);
      if (state) state.draft = { ...state.draft, comment: e.detail.value.slice(0, RATING_COMMENT_MAX_CHARS) };
    },
    onReason(e: WechatMiniprogram.Input) {
      const state = states.get(this);
      if (state) state.draft = { ...state.draft, reason: e.detail.value.slice(0, REOPEN_REASON_MAX_CHARS) };
    },
    startReopen() {
      const state = states.get(this);
      if (!state || state.busy) return;
      state.draft = { ...state.draft, reopening: true };
      this.render(state, { errors: {}, actionError: '' });
    },
    async rate() {
      const state = states.get(this);
      if (!state?.report || state.busy) return;
      if (!state.draft.stars) {
        this.setData({ errors: { stars: reportsText.t('field.stars.REQUIRED') }, actionError: '' });
        return;
      }
      const comment = state.draft.comment.trim();
      await this.send(state, (key) => rateReport(state.id, { stars: state.draft.stars, ...(comment ? { comment } : {}) }, key));
    },
    async reopen() {
      const state = states.get(this);
      if (!state?.report || state.busy) return;
      const reason = state.draft.reason.trim();
      if (!reason) {
        this.setData({ errors: { reason: reportsText.t('field.reason.REQUIRED') }, actionError: '' });
        return;
      }
      await this.send(state, (key) => reopenReport(state.id, { reason }, key));
    },
    /** Sends a rating or a reopening; a failure keeps what was typed, and a retry uses the same key. */
    async send(state: PageState, call: (key: string) => Promise<Report>) {
      state.busy = true;
      state.key = state.key || newIdempotencyKey();
      this.setData({ busy: true, errors: {}, actionError: '' });
      try {
        state.report = await call(state.key);
        state.key = '';
        state.draft = emptyDraft();
        state.busy = false;
        if (states.has(this)) this.render(state);
      } catch (err) {
        state.busy = false;
        if (!states.has(this)) return;
        if (err instanceof ServiceError && err.needsIdentity) {
          await sendToIdentity(ROUTE, { id: state.id });
          return;
        }
        // Refused for good (not a network failure): the next try is another request.
        if (err instanceof ServiceError && !err.transient) state.key = '';
        const fields = err instanceof ServiceError ? fieldMessages(err.fields, reportsWords) : {};
        this.render(state, { errors: fields, actionError: Object.keys(fields).length ? '' : errorMessage(err, reportsWords) });
      }
    },
    openUrl(e: Tap) {
      const url = e.currentTarget.dataset.url;
      if (url) void navigateTo(url);
    },
    openMine() {
      void navigateTo(REPORTS_PAGE);
    },
  },
});
