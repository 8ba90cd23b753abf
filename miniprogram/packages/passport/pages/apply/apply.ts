// Apply for a passport (?kind=first|renewal, first by default): first whether the applicant can (a panel
// of its own with the way on when not), then one page in sections: the renewal reason, the photo (checked
// here before anything is sent, kept on the device), the office, day and window, collection, the
// declaration; then check your answers, then submit: the photo is uploaded once (its id kept), the
// application made with one key per submission (kept in the draft), and checkout opened for the fee.
import type { ApplicationKind, PassportApplication } from '../../../../contracts/passport';
import { newIdempotencyKey } from '../../../../core/client';
import { fieldFocus, isField } from '../../../../core/form';
import { buildUrl, type Query } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, redirectTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { checkoutUrl, startPayment } from '../../../../services/payments';
import { openWindow } from '../../days';
import { passportText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { APPLICATION_PAGE, APPLICATIONS_PAGE, APPLY_PAGE } from '../../paths';
import { photoFileExists } from '../../photo';
import { feeItems, getEligibility, getOfficeDays, listOffices } from '../../service';
import {
  ADDRESS_MAX, FIELDS, MOBILE_INPUT_MAX, NAME_INPUT_MAX, checkAll, emptyForm, errorsAfter, isCollection, isReason, keepDraft, noProgress, restored,
  type ApplyForm, type Field,
} from './form';
import { choosePhoto, submitApplication, type Outcome } from './flow';
import { WORD_KEYS, photoRules, screenOf, type PageState } from './screen';

const ROUTE = 'packages/passport/pages/apply/apply';

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; date: string; field: string; value: string; code: string }>;

const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as Record<(typeof WORD_KEYS)[number] | 'errorSummaryTitle', string>,
    rules: '',
    limits: { name: NAME_INPUT_MAX, mobile: MOBILE_INPUT_MAX, address: ADDRESS_MAX },
    ...screenOf({ kind: 'first', eligibility: { kind: 'first', ineligible: [], held: null, validityYears: 10, ageToday: 0, guardianNeeded: false, feeFen: 0 }, offices: [], days: [], form: emptyForm(), photo: null, step: 'form', errors: {}, tried: false }),
    submitError: '',
    busy: false,
  },
  methods: {
    async onLoad(query: Query) {
      const kind: ApplicationKind = query.kind === 'renewal' ? 'renewal' : 'first';
      const kept: Query = { ...query, kind };
      states.set(this, {
        query: kept, kind, eligibility: null, offices: [], days: [], form: emptyForm(), progress: noProgress(), step: 'form', errors: {}, tried: false,
        restored: false, made: null, busy: false,
      });
      await openPage(this, {
        route: ROUTE,
        query: kept,
        title: passportText.t(kind === 'renewal' ? 'applyRenewalTitle' : 'applyFirstTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void redirectTo(APPLICATIONS_PAGE),
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      try {
        // Back from checkout: the application shows where it stands (paid, or with its Pay button).
        if (state.made) {
          await redirectTo(buildUrl(APPLICATION_PAGE, { id: state.made.id }));
          return;
        }
        const [eligibility, offices] = await Promise.all([getEligibility(state.kind), listOffices()]);
        state.eligibility = eligibility;
        state.offices = offices.items;
        if (!state.restored && !eligibility.ineligible.length) {
          state.restored = true;
          const draft = restored();
          // WeChat may have cleared the saved photo meanwhile: then it is chosen again.
          const photoKept = draft.progress.photo !== null && (await photoFileExists(draft.progress.photo.path));
          state.form = { ...draft.form, officeId: offices.items.some((o) => o.id === draft.form.officeId) ? draft.form.officeId : '' };
          state.progress = photoKept ? draft.progress : noProgress();
        }
        state.days = state.form.officeId && !eligibility.ineligible.length ? (await getOfficeDays(state.form.officeId)).days : [];
        if (!states.has(this)) return;
        this.fit(state);
        this.render(state, { rules: photoRules(), retryText: text.t('retry'), status: 'ready' });
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, (e) => loadErrorView(e, 'applyForward'));
      }
    },
    /** A day or window no longer open is dropped (the days as the government has them now). */
    fit(state: PageState) {
      const { date, window } = state.form;
      const day = state.days.find((d) => d.date === date);
      const kept = day && (day.status === 'available' || day.status === 'few') ? date : '';
      state.form = { ...state.form, date: kept, window: kept ? openWindow(state.days, kept, window) : '' };
    },
    render(state: PageState, extra: Record<string, unknown> = {}) {
      if (!state.eligibility) return;
      this.setData({
        t: { ...passportText.pick(WORD_KEYS), ...text.pick(['errorSummaryTitle']) },
        ...screenOf({ ...state, eligibility: state.eligibility, photo: state.progress.photo }),
        busy: state.busy,
        ...extra,
      });
    },
    /** A change to the form: kept in the draft; an error already shown follows what is typed or chosen. */
    changed(state: PageState, form: ApplyForm, field: Field | null, complete: boolean, extra: Record<string, unknown> = {}) {
      state.form = form;
      keepDraft(form, state.progress);
      if (field) state.errors = errorsAfter(state.errors, field, state.kind, form, state.progress.photo, complete);
      this.render(state, extra);
    },
    edit(field: Field, patch: Partial<ApplyForm>, complete: boolean) {
      const state = states.get(this);
      if (state && !state.busy) this.changed(state, { ...state.form, ...patch }, field, complete);
    },
    pickReason(e: Tap) {
      const value = e.currentTarget.dataset.value;
      if (isReason(value)) this.edit('renewalReason', { renewalReason: value }, true);
    },
    async pickPhoto() {
      const state = states.get(this);
      if (!state || state.busy) return;
      const next = await choosePhoto(state.progress);
      if (!next || !states.has(this)) return;
      if (next.progress === undefined) {
        state.errors = { ...state.errors, photo: next.problem };
        this.render(state);
        return;
      }
      state.progress = next.progress;
      this.changed(state, state.form, 'photo', true);
    },
    async pickOffice(e: Tap) {
      const state = states.get(this);
      const id = e.currentTarget.dataset.id;
      if (!state || state.busy || !state.offices.some((o) => o.id === id) || id === state.form.officeId) return;
      state.busy = true;
      try {
        state.days = (await getOfficeDays(id)).days;
        state.busy = false;
        this.changed(state, { ...state.form, officeId: id, date: '', window: '' }, 'officeId', true);
      } catch {
        state.busy = false;
        if (!states.has(this)) return;
        state.errors = { ...state.errors, officeId: passportText.t('applyDaysFailed') };
        this.render(state, { submitError: '' });
      }
    },
    pickDay(e: Tap) {
      const state = states.get(this);
      const date = e.currentTarget.dataset.date;
      const day = state?.days.find((d) => d.date === date);
      if (!state || !day || (day.status !== 'available' && day.status !== 'few')) return;
      const only = day.windows.filter((w) => w.remaining > 0);
      this.edit('date', { date, window: only.length === 1 ? only[0].id : '' }, true);
    },
    pickWindow(e: Tap) {
      const state = states.get(this);
      const id = state ? openWindow(state.days, state.form.date, e.currentTarget.dataset.id) : '';
      if (id) this.edit('window', { window: id }, true);
    },
    pickCollection(e: Tap) {
      const value = e.currentTarget.dataset.value;
      if (isCollection(value)) this.edit('collection', { collection: value }, true);
    },
    onRecipient(e: WechatMiniprogram.Input) {
      this.edit('delivery.recipient', { recipient: e.detail.value.slice(0, NAME_INPUT_MAX) }, false);
    },
    onMobile(e: WechatMiniprogram.Input) {
      this.edit('delivery.mobile', { mobile: e.detail.value.slice(0, MOBILE_INPUT_MAX) }, false);
    },
    onAddress(e: WechatMiniprogram.Input) {
      this.edit('delivery.address', { address: e.detail.value.slice(0, ADDRESS_MAX) }, false);
    },
    onBlur(e: Tap) {
      const field = e.currentTarget.dataset.field;
      if (isField(FIELDS, field)) this.edit(field, {}, true);
    },
    toggleDeclaration() {
      const state = states.get(this);
      if (state) this.edit('declaration', { declaration: !state.form.declaration }, false);
    },
    /** "Continue": every field checked; all well, check your answers. */
    next() {
      const state = states.get(this);
      if (!state || state.busy) return;
      const view = checkAll(state.kind, state.form, state.progress.photo, state.errors);
      state.errors = view.errors;
      state.tried = true;
      if (!view.summary.length) state.step = 'check';
      this.render(state, { submitError: '' });
    },
    /** A "change" link of check your answers: back to the form at that field. */
    change(e: Tap) {
      const state = states.get(this);
      if (!state || state.busy) return;
      const field = e.currentTarget.dataset.field;
      state.step = 'form';
      this.render(state, { focused: isField(FIELDS, field) ? field : '', submitError: '' });
    },
    /** A panel's way on: the other kind of application, or the open one. */
    panelAction(e: Tap) {
      const state = states.get(this);
      const code = e.currentTarget.dataset.code;
      const open = state?.eligibility?.ineligible.find((r) => r.code === 'APPLICATION_OPEN');
      if (code === 'HOLDS_VALID_PASSPORT') void redirectTo(buildUrl(APPLY_PAGE, { kind: 'renewal' }));
      else if (code === 'NO_PASSPORT_HELD') void redirectTo(buildUrl(APPLY_PAGE, { kind: 'first' }));
      else if (open?.applicationId) void redirectTo(buildUrl(APPLICATION_PAGE, { id: open.applicationId }));
    },
    async submit() {
      const state = states.get(this);
      if (!state || state.busy || state.step !== 'check') return;
      state.busy = true;
      this.setData({ busy: true, submitError: '' });
      const outcome: Outcome = await submitApplication(state, ROUTE);
      state.busy = false;
      if (!states.has(this)) return;
      if (outcome.kind === 'gone') return;
      if (outcome.kind === 'made') {
        state.made = outcome.application;
        await this.pay(outcome.application);
        return;
      }
      if (outcome.kind === 'reload') {
        await this.load();
        return;
      }
      if (outcome.kind === 'fields') {
        state.step = 'form';
        state.errors = outcome.errors;
        state.tried = true;
      }
      this.render(state, { submitError: outcome.kind === 'failed' ? outcome.message : '' });
    },
    /** Opens checkout for the fee; if that cannot start, the application's page has its Pay button. */
    async pay(application: PassportApplication) {
      try {
        const start = await startPayment(feeItems(application.id), application.feeFen, newIdempotencyKey());
        await navigateTo(start.kind === 'order' ? checkoutUrl(start.order.id, start.resumed) : checkoutUrl(start.earlier.id, true));
      } catch {
        await redirectTo(buildUrl(APPLICATION_PAGE, { id: application.id }));
      }
    },
  },
});

