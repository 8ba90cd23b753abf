// Register a newborn (出生一件事): my registrations first (each opens its page), then one form: who applies,
// the baby, the parents and the household, and the separate consent for the child's data. Continue checks
// every field (words beside each and in a summary), then check your answers with change links, then
// Submit: one key per request body and a busy flag, so a double tap or a retry registers once. A refusal
// about a field says so beside it; one about the couple (no spouse, the wrong parent) has its own panel.
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { errorView, fieldFocus, isField, summaryOf, type SummaryItem } from '../../../../core/form';
import { buildUrl, sendToIdentity, TAB_PAGES, type Query } from '../../../../core/gate';
import { formatCstDate } from '../../../../core/dates';
import { loadErrorView } from '../../../../core/load-error';
import { errorMessage } from '../../../../core/messages';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { navigateTo, redirectTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { newbornText, newbornWords } from '../../i18n';
import { REGISTRATION_PAGE } from '../../paths';
import { listRegistrations, register } from '../../service';
import {
  CERTIFICATE_INPUT_MAX, FIELDS, NAME_INPUT_MAX, answersOf, checkAll, dropDraft, emptyForm, errorsAfter, errorsOf, isParent, isSex, keepDraft, mineOf, namesFather,
  requestOf, restoredForm, settled, wordsOf, type Answer, type Errors, type Field, type MineRow, type RegisterForm,
} from './form';

const ROUTE = 'packages/newborn/pages/register/register';

/** Refusals about the couple rather than a field: each has its own panel. */
const PANEL_CODES = { NO_SPOUSE: 'registerNoSpouseTitle', APPLICANT_MISMATCH: 'registerMismatchTitle' } as const;
type PanelCode = keyof typeof PANEL_CODES;
const isPanelCode = (code: string): code is PanelCode => code === 'NO_SPOUSE' || code === 'APPLICANT_MISMATCH';
interface Panel { code: PanelCode; title: string; text: string }
const panelOf = (code: PanelCode): Panel => ({ code, title: newbornText.t(PANEL_CODES[code]), text: newbornText.t(`err.${code}`) });

type Step = 'form' | 'check';
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { field: string; value: string; id: string }>;

interface PageState {
  query: Query;
  /** The form was filled from the draft (once; a reload keeps what is on the page). */
  restored: boolean;
  /** The key of the request body last sent: the same body again (a retry, a double tap) reuses it. */
  attempt: { body: string; key: string } | null;
  busy: boolean;
}
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as ReturnType<typeof wordsOf>,
    mine: [] as MineRow[],
    step: 'form' as Step,
    form: emptyForm(),
    withFather: false,
    today: '',
    limits: { certificate: CERTIFICATE_INPUT_MAX, name: NAME_INPUT_MAX },
    errors: {} as Errors,
    summary: [] as SummaryItem<Field>[],
    panel: null as Panel | null,
    answers: [] as Answer[],
    submitError: '',
    busy: false,
  },
  methods: {
    async onLoad(query: Query) {
      const kept: Query = { ...query };
      states.set(this, { query: kept, restored: false, attempt: null, busy: false });
      await openPage(this, {
        route: ROUTE,
        query: kept,
        title: newbornText.t('registerTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void switchTab(TAB_PAGES[0]),
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      try {
        const list = await listRegistrations();
        if (!states.has(this)) return;
        // The draft fills the form once; coming back later keeps what is on the page.
        const form = state.restored ? this.data.form : restoredForm();
        state.restored = true;
        this.setData({
          t: wordsOf(),
          retryText: text.t('retry'),
          status: 'ready',
          mine: mineOf(list.items),
          form,
          withFather: namesFather(form),
          today: formatCstDate(Date.now()),
        });
      } catch (err) {
        if (states.has(this)) {
          await loadFailed(this, err, (e) => loadErrorView(e, { errors: newbornWords, retry: text.t('retry'), forward: newbornText.t('registerHome') }));
        }
      }
    },
    /** A change to the form: kept in the draft; an error already shown follows what is typed or chosen. */
    changed(next: RegisterForm, field: Field | null, complete: boolean) {
      const form = settled(next);
      keepDraft(form);
      const errors = field ? errorsAfter(this.data.errors, field, form, complete) : this.data.errors;
      this.setData({ form, withFather: namesFather(form), errors, summary: this.data.summary.length ? summaryOf(FIELDS, errors) : [] });
    },
    pickApplicant(e: Tap) {
      const value = e.currentTarget.dataset.value;
      if (isParent(value)) this.changed({ ...this.data.form, applicant: value }, 'applicant', true);
    },
    onCertificate(e: WechatMiniprogram.Input) {
      this.changed({ ...this.data.form, birthCertificateNumber: e.detail.value.slice(0, CERTIFICATE_INPUT_MAX) }, 'birthCertificateNumber', false);
    },
    onName(e: WechatMiniprogram.Input) {
      this.changed({ ...this.data.form, babyName: e.detail.value.slice(0, NAME_INPUT_MAX) }, 'babyName', false);
    },
    onBlur(e: Tap) {
      const field = e.currentTarget.dataset.field;
      if (isField(FIELDS, field)) this.changed(this.data.form, field, true);
    },
    pickSex(e: Tap) {
      const value = e.currentTarget.dataset.value;
      if (isSex(value)) this.changed({ ...this.data.form, babySex: value }, 'babySex', true);
    },
    onBirthDate(e: WechatMiniprogram.PickerChange) {
      const value = String(e.detail.value);
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) this.changed({ ...this.data.form, birthDate: value }, 'birthDate', true);
    },
    toggleFatherNamed() {
      this.changed({ ...this.data.form, fatherNamed: !this.data.form.fatherNamed }, null, false);
    },
    pickHukou(e: Tap) {
      const value = e.currentTarget.dataset.value;
      if (!isParent(value) || (value === 'father' && !this.data.withFather)) return;
      this.changed({ ...this.data.form, hukouWith: value }, 'hukouWith', true);
    },
    toggleConsent() {
      this.changed({ ...this.data.form, consent: !this.data.form.consent }, 'consent', false);
    },
    openRegistration(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) void navigateTo(buildUrl(REGISTRATION_PAGE, { id }));
    },
    /** "Continue": every field checked; all well, check your answers. */
    next() {
      const state = states.get(this);
      if (!state || state.busy) return;
      const view = checkAll(this.data.form);
      if (view.summary.length) {
        this.setData({ ...view, panel: null });
        return;
      }
      this.setData({ ...view, panel: null, step: 'check', answers: answersOf(this.data.form), submitError: '' });
    },
    /** A "change" link of check your answers: back to the form at that field. */
    edit(e: Tap) {
      const state = states.get(this);
      if (!state || state.busy) return;
      const field = e.currentTarget.dataset.field;
      this.setData({ step: 'form', focused: isField(FIELDS, field) ? field : '', submitError: '' });
    },
    async submit() {
      const state = states.get(this);
      if (!state || state.busy || this.data.step !== 'check') return;
      const request = requestOf(this.data.form);
      const body = JSON.stringify(request);
      if (!state.attempt || state.attempt.body !== body) state.attempt = { body, key: newIdempotencyKey() };
      state.busy = true;
      this.setData({ busy: true, submitError: '' });
      try {
        const started = await register(request, state.attempt.key);
        dropDraft();
        // A replayed answer carries no code (the government keeps only its digest).
        await redirectTo(buildUrl(REGISTRATION_PAGE, { id: started.registration.id, code: started.invitation?.code || undefined }));
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
      if (err instanceof ServiceError && isPanelCode(err.code)) {
        state.attempt = null;
        this.setData({ busy: false, step: 'form', panel: panelOf(err.code), ...errorView(FIELDS, {}) });
        return;
      }
      const errors = errorsOf(err instanceof ServiceError ? err.fields : {});
      if (Object.keys(errors).length) {
        state.attempt = null;
        this.setData({ busy: false, step: 'form', panel: null, ...errorView(FIELDS, errors) });
        return;
      }
      this.setData({ busy: false, submitError: errorMessage(err, newbornWords) });
    },
  },
});
