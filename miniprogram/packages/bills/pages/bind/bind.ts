// Add a utility account: the utility (from ?utility, else electricity), the company (the government's
// list, only those serving that utility), the account number (digits, checked as typed against the
// company's length), and what the person knows of it (the holder's surname or the flat number). "Check"
// shows the holder and address masked, to confirm it is theirs; a name and "Add account" bind it and open
// it. Each request carries one key per form state (a retry or a double tap binds once); what was typed
// stays through every refusal; a draft keeps all but the proof.
import type { BindAccountRequest, CheckAccountRequest, Company } from '../../../../contracts/bills';
import { newIdempotencyKey } from '../../../../core/client';
import { clearDraft } from '../../../../core/draft';
import { ServiceError } from '../../../../core/errors';
import { errorView, fieldFocus, isField, summaryOf, withError, type SummaryItem } from '../../../../core/form';
import { buildUrl, sendToIdentity, type Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { redirectTo, showToast } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { billsText, billsWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { ACCOUNTS_PAGE, ACCOUNT_PAGE } from '../../paths';
import { bindAccount, checkAccount, listCompanies } from '../../service';
import {
  CHECK_FIELDS, DRAFT_FORM, FIELDS, LABEL_INPUT_MAX, NUMBER_MAX, PROOF_MAX, checkAll, checkField, isUtility, rateLimitedText, reasonsOf, requestOf,
  type Errors, type Field, type Form,
} from './rules';
import { companyFor, emptyForm, formView, keepDraft, previewView, restoredForm, type CompanyView, type PreviewView, type UtilityView } from './view';

const ROUTE = 'packages/bills/pages/bind/bind';
const KEYS = [
  'bindIntro', 'bindUtility', 'bindCompany', 'bindCompanyHint', 'bindAccountNumber', 'bindProof', 'bindProofHint', 'bindCheck', 'bindChecking',
  'bindPreviewTitle', 'bindPreviewHolder', 'bindPreviewAddress', 'bindPreviewNote', 'bindNotMine', 'bindLabel', 'bindLabelHint', 'bindAdd', 'bindAdding',
] as const;
const SUGGESTIONS = ['bindSuggest.home', 'bindSuggest.parents'] as const;

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; field: string; label: string }>;

/** One key per request body: the same form sent again (a retry, a double tap) reuses it, an edit makes a new one. */
interface Attempt { body: string; key: string }
interface PageState {
  query: Query;
  companies: Company[];
  restored: boolean;
  check?: Attempt;
  bind?: Attempt;
  /** The request whose preview is shown: "Add account" binds exactly that. */
  checked?: CheckAccountRequest;
  submitting: boolean;
}
const states = new WeakMap<object, PageState>();

function keyFor(previous: Attempt | undefined, body: string): Attempt {
  return previous && previous.body === body ? previous : { body, key: newIdempotencyKey() };
}

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as Record<(typeof KEYS)[number] | 'errorSummaryTitle', string>,
    form: emptyForm('electricity'),
    utilities: [] as UtilityView[],
    companies: [] as CompanyView[],
    accountHint: '',
    accountCount: '',
    suggestions: [] as { label: string; aria: string }[],
    limits: { number: NUMBER_MAX, proof: PROOF_MAX, label: LABEL_INPUT_MAX },
    errors: {} as Errors,
    summary: [] as SummaryItem<Field>[],
    preview: null as PreviewView | null,
    addError: '',
    busy: false,
    adding: false,
  },
  methods: {
    async onLoad(query: Query) {
      states.set(this, { query, companies: [], restored: false, submitting: false });
      await openPage(this, {
        route: ROUTE,
        query,
        title: billsText.t('bindTitle'),
        loadingText: text.t('loading'),
        initial: {
          t: { ...billsText.pick(KEYS), ...text.pick(['errorSummaryTitle']) },
          suggestions: SUGGESTIONS.map((key) => ({ label: billsText.t(key), aria: billsText.t('bindSuggestLabel', { label: billsText.t(key) }) })),
          message: text.t('loading'),
        },
        load: () => this.load(),
        forward: () => void redirectTo(ACCOUNTS_PAGE),
        reloadOnReturn: false,
      });
    },
    onUnload() {
      states.delete(this);
    },
    /** The companies, and with them (the first time) the form from the query and the draft, in one setData. */
    async load() {
      const state = states.get(this);
      if (!state) return;
      try {
        const { items } = await listCompanies();
        if (!states.has(this)) return;
        state.companies = items;
        if (!items.length) {
          this.setData({ status: 'empty', message: billsText.t('bindNoCompanies') });
          return;
        }
        const form = state.restored ? this.data.form : restoredForm(items, state.query.utility);
        state.restored = true;
        this.setData({ status: 'ready', message: '', retryText: text.t('retry'), form, ...formView(items, form) });
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, (e) => loadErrorView(e, 'bindForward'));
      }
    },
    companyOf(id: string): Company | undefined {
      return states.get(this)?.companies.find((company) => company.id === id);
    },
    /**
     * The errors after a change to `fields`: as typed, a letter or too many digits is said at once; a field
     * already in error is checked fully, so its words follow what is typed and go once it is right.
     */
    errorsAfter(form: Form, fields: readonly Field[], complete: boolean) {
      const company = this.companyOf(form.companyId);
      let errors = this.data.errors;
      fields.forEach((field) => {
        errors = withError(errors, field, checkField(field, form, company, complete || Boolean(errors[field])));
      });
      return { errors, summary: this.data.summary.length ? summaryOf(FIELDS, errors) : [] };
    },
    /** A change to what Check sends: the preview shown belonged to the old values. */
    changed(form: Form, fields: readonly Field[], complete: boolean) {
      const state = states.get(this);
      if (!state) return;
      state.checked = undefined;
      keepDraft(form);
      this.setData({ form, ...formView(state.companies, form), ...this.errorsAfter(form, fields, complete), preview: null, addError: '' });
    },
    pickUtility(e: Tap) {
      const state = states.get(this);
      const utility = e.currentTarget.dataset.id;
      if (!state || !isUtility(utility) || utility === this.data.form.utility) return;
      const form = { ...this.data.form, utility, companyId: companyFor(state.companies, utility, '') };
      this.changed(form, ['companyId', 'accountNumber'], false);
    },
    pickCompany(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (!this.companyOf(id)) return;
      this.changed({ ...this.data.form, companyId: id }, ['companyId', 'accountNumber'], false);
    },
    onAccountNumber(e: WechatMiniprogram.Input) {
      this.changed({ ...this.data.form, accountNumber: e.detail.value.slice(0, NUMBER_MAX) }, ['accountNumber'], false);
    },
    onProof(e: WechatMiniprogram.Input) {
      this.changed({ ...this.data.form, proof: e.detail.value.slice(0, PROOF_MAX) }, ['proof'], false);
    },
    onLabel(e: WechatMiniprogram.Input) {
      this.setLabel(e.detail.value.slice(0, LABEL_INPUT_MAX), false);
    },
    pickSuggestion(e: Tap) {
      this.setLabel(e.currentTarget.dataset.label, true);
    },
    setLabel(label: string, complete: boolean) {
      const form = { ...this.data.form, label };
      keepDraft(form);
      this.setData({ 'form.label': label, ...this.errorsAfter(form, ['label'], complete) });
    },
    onBlur(e: Tap) {
      const field = e.currentTarget.dataset.field;
      if (isField(FIELDS, field)) this.setData(this.errorsAfter(this.data.form, [field], true));
    },
    notMine() {
      const state = states.get(this);
      if (!state || state.submitting) return;
      state.checked = undefined;
      this.setData({ preview: null, addError: '', focused: 'accountNumber' });
    },
    async check() {
      const state = states.get(this);
      if (!state || state.submitting) return;
      const form = this.data.form;
      const company = this.companyOf(form.companyId);
      const problems = checkAll(CHECK_FIELDS, form, company);
      if (Object.keys(problems).length) {
        this.setData({ ...errorView(FIELDS, problems), preview: null, addError: '' });
        return;
      }
      const request = requestOf(form);
      const body = JSON.stringify(request);
      state.check = keyFor(state.check, body);
      state.submitting = true;
      this.setData({ busy: true, preview: null, addError: '' });
      try {
        const preview = await checkAccount(request, state.check.key);
        // Typed on while it was checked: the preview is of values no longer in the form.
        if (JSON.stringify(requestOf(this.data.form)) !== body) {
          this.setData({ busy: false });
          return;
        }
        state.checked = request;
        this.setData({ busy: false, preview: previewView(state.companies, preview), ...errorView(FIELDS, {}) });
      } catch (err) {
        await this.refused(state, err, form, company, false);
      } finally {
        state.submitting = false;
      }
    },
    async add() {
      const state = states.get(this);
      if (!state || state.submitting || !state.checked) return;
      const form = this.data.form;
      const problems = checkAll(['label'], form, undefined);
      if (problems.label) {
        this.setData({ ...errorView(FIELDS, problems), addError: '' });
        return;
      }
      const request: BindAccountRequest = { ...state.checked, label: form.label.trim() };
      state.bind = keyFor(state.bind, JSON.stringify(request));
      state.submitting = true;
      this.setData({ adding: true, addError: '' });
      try {
        const account = await bindAccount(request, state.bind.key);
        clearDraft(DRAFT_FORM);
        showToast(billsText.t('bindAdded', { label: account.label }), 'success');
        await redirectTo(buildUrl(ACCOUNT_PAGE, { id: account.id }));
      } catch (err) {
        await this.refused(state, err, form, this.companyOf(request.companyId), true);
      } finally {
        state.submitting = false;
      }
    },
    /**
     * A refusal in words, what was typed kept: the government's reasons beside their fields (one of the
     * checked fields takes the preview away: it no longer holds), anything else in the summary, or beside
     * the Add button when the preview stays.
     */
    async refused(state: PageState, err: unknown, form: Form, company: Company | undefined, adding: boolean) {
      if (err instanceof ServiceError && err.needsIdentity) {
        await sendToIdentity(ROUTE, state.query);
        return;
      }
      if (!states.has(this)) return;
      const errors = reasonsOf(err instanceof ServiceError ? err.fields : {}, form, company);
      const general = Object.keys(errors).length
        ? ''
        : err instanceof ServiceError && err.code === 'RATE_LIMITED'
          ? rateLimitedText(err.retryAfterSec ?? 24 * 3600, Date.now())
          : errorMessage(err, billsWords);
      const keep = adding && !CHECK_FIELDS.some((field) => errors[field]);
      if (!keep) state.checked = undefined;
      this.setData({
        busy: false,
        adding: false,
        ...(keep ? {} : { preview: null }),
        addError: keep ? general : '',
        ...errorView(FIELDS, errors, keep ? undefined : { field: 'accountNumber', text: general }),
      });
    },
  },
});
