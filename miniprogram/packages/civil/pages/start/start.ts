// Start a marriage or divorce registration (?kind=marriage|divorce; without one, the two to choose from).
// Whether the person may start one comes first: a reason they cannot has its own panel and no form. Then
// what happens, the declaration to sign (marriage) or the certificate number and the agreement (divorce),
// check your answers, and "Start": one key per request body (a double tap or a retry starts one case), the
// case page then shows the invitation code. What was typed stays through every refusal and in a draft.
import { AGREEMENT_MAX_CHARS, INELIGIBLE_CODES, type CaseKind, type EligibilityResponse } from '../../../../contracts/civil';
import { ServiceError } from '../../../../core/errors';
import { errorView, fieldFocus, isField, summaryOf, type SummaryItem } from '../../../../core/form';
import { buildUrl, sendToIdentity, TAB_PAGES, type Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { redirectTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { civilText, civilWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { CASE_PAGE, CASES_PAGE } from '../../paths';
import { getEligibility, local, startCase } from '../../service';
import { ineligiblePanels, type PanelView } from '../../view';
import {
  CERTIFICATE_INPUT_MAX, FIELDS, answersOf, checkAll, countText, draftKind, dropDraft, emptyForm, errorsAfter, errorsOf, isKind, keepDraft, kindsOf, requestOf,
  restoredForm, wordsOf, type Answers, type Errors, type Field, type StartForm,
} from './form';
import { fallbackPanel, keyFor, type Attempt } from '../join/view';

const ROUTE = 'packages/civil/pages/start/start';

type Step = 'choose' | 'form' | 'check' | 'ineligible';
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { kind: string; field: string }>;

interface PageState {
  query: Query;
  kind: CaseKind | '';
  /** The form was filled from the draft (once; a reload keeps what is on the page). */
  restored: boolean;
  /** The key of the request body last sent: the same body again (a retry) reuses it. */
  attempt: Attempt | null;
  busy: boolean;
}
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as ReturnType<typeof wordsOf>,
    step: 'choose' as Step,
    kind: '' as CaseKind | '',
    kinds: [] as ReturnType<typeof kindsOf>,
    panels: [] as PanelView[],
    declaration: '',
    form: emptyForm(),
    count: '',
    limits: { certificate: CERTIFICATE_INPUT_MAX, agreement: AGREEMENT_MAX_CHARS },
    errors: {} as Errors,
    summary: [] as SummaryItem<Field>[],
    answers: null as Answers | null,
    submitError: '',
    busy: false,
  },
  methods: {
    async onLoad(query: Query) {
      const kept: Query = { ...query };
      states.set(this, { query: kept, kind: isKind(query.kind) ? query.kind : '', restored: false, attempt: null, busy: false });
      await openPage(this, {
        route: ROUTE,
        query: kept,
        title: civilText.t('startTitle'),
        loadingText: text.t('loading'),
        initial: { message: text.t('loading') },
        load: () => this.load(),
        forward: () => void redirectTo(CASES_PAGE),
        // Coming back from another app must not throw away the check-your-answers step.
        reloadOnReturn: false,
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      // Opened without a kind: the one of the draft, if there is one.
      if (!state.restored && !state.kind) {
        state.kind = draftKind();
        if (state.kind) state.query.kind = state.kind;
      }
      const kind = state.kind;
      if (!kind) {
        this.setData({ t: wordsOf(), retryText: text.t('retry'), status: 'ready', step: 'choose', kind: '', kinds: kindsOf() });
        return;
      }
      try {
        const eligibility = await getEligibility(kind);
        if (!states.has(this) || state.kind !== kind) return;
        this.show(state, kind, eligibility);
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, (e) => loadErrorView(e, 'civilMyCases'));
      }
    },
    show(state: PageState, kind: CaseKind, eligibility: EligibilityResponse) {
      const form: StartForm = state.restored ? { ...this.data.form, signed: false } : restoredForm();
      state.restored = true;
      const blocked = eligibility.ineligible.length > 0;
      this.setData({
        t: wordsOf(),
        retryText: text.t('retry'),
        status: 'ready',
        step: blocked ? 'ineligible' : 'form',
        kind,
        panels: ineligiblePanels(eligibility.ineligible),
        declaration: eligibility.declaration ? local(eligibility.declaration) : '',
        form,
        count: countText(form.agreement),
        ...errorView(FIELDS, {}),
        submitError: '',
        busy: false,
      });
    },
    async pickKind(e: Tap) {
      const state = states.get(this);
      const kind = e.currentTarget.dataset.kind;
      if (!state || state.busy || !isKind(kind)) return;
      state.kind = kind;
      state.query.kind = kind;
      state.attempt = null;
      keepDraft(kind, this.data.form);
      this.setData({ status: 'loading', message: text.t('loading') });
      await this.load();
    },
    /** A change to the form: kept in the draft; an error already shown follows what is typed. */
    changed(form: StartForm, field: Field, complete: boolean, extra: Record<string, unknown> = {}) {
      const state = states.get(this);
      if (!state) return;
      keepDraft(state.kind, form);
      const errors = errorsAfter(this.data.errors, field, form, complete, Date.now());
      this.setData({ ...extra, errors, summary: this.data.summary.length ? summaryOf(FIELDS, errors) : [] });
    },
    onCertificate(e: WechatMiniprogram.Input) {
      const form = { ...this.data.form, certificateNumber: e.detail.value.slice(0, CERTIFICATE_INPUT_MAX) };
      this.changed(form, 'certificateNumber', false, { 'form.certificateNumber': form.certificateNumber });
    },
    onAgreement(e: WechatMiniprogram.Input) {
      const form = { ...this.data.form, agreement: e.detail.value };
      this.changed(form, 'agreement', false, { 'form.agreement': form.agreement, count: countText(form.agreement) });
    },
    onBlur(e: Tap) {
      const field = e.currentTarget.dataset.field;
      if (isField(FIELDS, field)) this.changed(this.data.form, field, true);
    },
    toggleSigned() {
      const state = states.get(this);
      if (!state || !state.kind) return;
      const form = { ...this.data.form, signed: !this.data.form.signed };
      this.changed(form, state.kind === 'marriage' ? 'declaration' : 'agreementAcknowledged', false, { 'form.signed': form.signed });
    },
    /** "Continue": every field checked; all well, check your answers. */
    next() {
      const state = states.get(this);
      if (!state || !state.kind) return;
      const view = checkAll(state.kind, this.data.form, Date.now());
      if (view.summary.length) {
        this.setData(view);
        return;
      }
      this.setData({ ...view, step: 'check', answers: answersOf(state.kind, this.data.form), submitError: '' });
    },
    /** A "change" link of check your answers: back to the choice of kind, or to the form at that field. */
    edit(e: Tap) {
      const state = states.get(this);
      const field = e.currentTarget.dataset.field;
      if (!state || state.busy) return;
      if (field === 'kind') this.setData({ step: 'choose', kinds: kindsOf(), submitError: '' });
      else this.setData({ step: 'form', focused: isField(FIELDS, field) ? field : '', submitError: '' });
    },
    async submit() {
      const state = states.get(this);
      if (!state || state.busy || !state.kind || this.data.step !== 'check') return;
      const request = requestOf(state.kind, this.data.form);
      const body = JSON.stringify(request);
      state.attempt = keyFor(state.attempt, body);
      state.busy = true;
      this.setData({ busy: true, submitError: '' });
      try {
        const started = await startCase(request, state.attempt.key);
        dropDraft();
        // A replayed answer has no code (the government keeps only its digest): the case page makes a new one.
        await redirectTo(buildUrl(CASE_PAGE, { id: started.case.id, code: started.invitation.code || undefined }));
      } catch (err) {
        state.busy = false;
        if (states.has(this)) await this.refused(state, err);
      }
    },
    async refused(state: PageState, err: unknown) {
      if (err instanceof ServiceError && err.needsIdentity) {
        await sendToIdentity(ROUTE, state.query);
        return;
      }
      const code = err instanceof ServiceError ? INELIGIBLE_CODES.find((c) => c === err.code) : undefined;
      const kind = state.kind;
      if (code && kind) {
        const again = await getEligibility(kind).catch(() => null);
        const panels = again?.ineligible.length ? ineligiblePanels(again.ineligible) : [fallbackPanel(code)];
        if (states.has(this)) this.setData({ busy: false, step: 'ineligible', panels });
        return;
      }
      const errors = errorsOf(err instanceof ServiceError ? err.fields : {});
      if (Object.keys(errors).length) {
        this.setData({ busy: false, step: 'form', ...errorView(FIELDS, errors) });
        return;
      }
      this.setData({ busy: false, submitError: errorMessage(err, civilWords) });
    },
    openCases() {
      void redirectTo(CASES_PAGE);
    },
    goHome() {
      void switchTab(TAB_PAGES[0]);
    },
  },
});
