// Open an invitation (?case=&code=, both optional; a share card gives both and the code opens at once):
// the code as people type it, then the case as the invited person sees it (the inviter masked, until
// when the code works, the agreement or the declaration), why they cannot accept on its own panel, and
// Accept (the box ticked; one key per request, so a double tap accepts once) or Decline (after a confirm).
import type { CasePreview } from '../../../../contracts/civil';
import { ServiceError } from '../../../../core/errors';
import { errorView, fieldFocus, summaryOf, withError, type SummaryItem } from '../../../../core/form';
import { buildUrl, sendToIdentity, TAB_PAGES, type Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { confirm, redirectTo, switchTab } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { civilText, civilWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { CASE_PAGE, CASES_PAGE } from '../../paths';
import { acceptCase, declineCase, openInvitation } from '../../service';
import { ineligiblePanels, type PanelView } from '../../view';
import {
  CODE_INPUT_MAX, FIELDS, acceptRequestOf, codeProblem, declineQuestion, fallbackPanel, ineligibleCode, isCodeError, keyFor, previewData, signWords, wordsOf,
  type Attempt, type Errors, type Field, type PreviewView,
} from './view';

const ROUTE = 'packages/civil/pages/join/join';

interface PageState {
  query: Query;
  /** The code opened and what it showed: Accept and Decline act on exactly that. */
  opened: { code: string; preview: CasePreview } | null;
  accept: Attempt | null;
  decline: Attempt | null;
  loaded: boolean;
  busy: boolean;
}
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as ReturnType<typeof wordsOf>,
    code: '',
    codeMax: CODE_INPUT_MAX,
    errors: {} as Errors,
    summary: [] as SummaryItem<Field>[],
    preview: null as PreviewView | null,
    panels: [] as PanelView[],
    signed: false,
    busy: '' as '' | 'open' | 'accept' | 'decline',
    openError: '',
    actionError: '',
    declined: false,
  },
  methods: {
    async onLoad(query: Query) {
      states.set(this, { query, opened: null, accept: null, decline: null, loaded: false, busy: false });
      await openPage(this, {
        route: ROUTE,
        query,
        title: civilText.t('joinTitle'),
        loadingText: text.t('loading'),
        initial: { message: text.t('loading') },
        load: () => this.load(),
        forward: () => void redirectTo(CASES_PAGE),
        reloadOnReturn: false,
      });
    },
    onUnload() {
      states.delete(this);
    },
    /** The form with the code of the link; with the case too (a share card), the code opened at once. */
    async load() {
      const state = states.get(this);
      if (!state) return;
      const code = state.loaded ? this.data.code : (state.query.code ?? '').slice(0, CODE_INPUT_MAX);
      let shown: Record<string, unknown> = {};
      if (code && state.query.case && !state.opened) {
        try {
          const result = await this.opened(state, code);
          if (!result) return;
          shown = result;
        } catch (err) {
          if (states.has(this)) await loadFailed(this, err, (e) => loadErrorView(e, 'civilMyCases'));
          return;
        }
      }
      if (!states.has(this)) return;
      state.loaded = true;
      this.setData({ t: wordsOf(), retryText: text.t('retry'), status: 'ready', code, ...shown });
    },
    /**
     * Opens the code: what the page then shows, the refusal beside the code field, or null when the person
     * was sent to verify; any other failure is thrown.
     */
    async opened(state: PageState, code: string): Promise<Record<string, unknown> | null> {
      try {
        const preview = await openInvitation({ code: code.trim(), ...(state.query.case ? { caseId: state.query.case } : {}) });
        state.opened = { code: code.trim(), preview };
        state.accept = null;
        state.decline = null;
        return { ...previewData(preview), ...errorView(FIELDS, {}), openError: '' };
      } catch (err) {
        if (err instanceof ServiceError && err.needsIdentity) {
          await sendToIdentity(ROUTE, state.query);
          return null;
        }
        if (err instanceof ServiceError && isCodeError(err.code)) {
          state.opened = null;
          return { preview: null, panels: [], ...errorView(FIELDS, { code: errorMessage(err, civilWords) }), openError: '' };
        }
        throw err;
      }
    },
    onCode(e: WechatMiniprogram.Input) {
      const state = states.get(this);
      if (!state) return;
      const code = e.detail.value.slice(0, CODE_INPUT_MAX);
      // Another code: what was shown belongs to the old one.
      const stale = state.opened !== null && state.opened.code !== code.trim();
      if (stale) state.opened = null;
      const errors = this.data.errors.code ? withError(this.data.errors, 'code', codeProblem(code)) : this.data.errors;
      this.setData({ code, errors, summary: this.data.summary.length ? summaryOf(FIELDS, errors) : [], ...(stale ? { preview: null, panels: [], actionError: '' } : {}) });
    },
    onCodeBlur() {
      const errors = withError(this.data.errors, 'code', this.data.code ? codeProblem(this.data.code) : '');
      this.setData({ errors, summary: this.data.summary.length ? summaryOf(FIELDS, errors) : [] });
    },
    async open() {
      const state = states.get(this);
      if (!state || state.busy) return;
      const code = this.data.code;
      const problem = codeProblem(code);
      if (problem) {
        this.setData({ ...errorView(FIELDS, { code: problem }), preview: null, panels: [], openError: '' });
        return;
      }
      state.busy = true;
      this.setData({ busy: 'open', openError: '' });
      try {
        const shown = await this.opened(state, code);
        if (shown && states.has(this)) this.setData({ busy: '', ...shown });
      } catch (err) {
        if (states.has(this)) this.setData({ busy: '', openError: errorMessage(err, civilWords) });
      } finally {
        state.busy = false;
      }
    },
    toggleSigned() {
      const state = states.get(this);
      if (!state?.opened || state.busy) return;
      const errors = withError(this.data.errors, 'signed', '');
      this.setData({ signed: !this.data.signed, errors, summary: this.data.summary.length ? summaryOf(FIELDS, errors) : [] });
    },
    async accept() {
      const state = states.get(this);
      const opened = state?.opened;
      if (!state || !opened || state.busy || opened.preview.accepted || opened.preview.ineligible.length) return;
      if (!this.data.signed) {
        this.setData(errorView(FIELDS, { ...this.data.errors, signed: signWords(opened.preview) }));
        return;
      }
      const request = acceptRequestOf(opened.preview, opened.code);
      state.accept = keyFor(state.accept, JSON.stringify(request));
      state.busy = true;
      this.setData({ busy: 'accept', actionError: '' });
      try {
        const accepted = await acceptCase(opened.preview.caseId, request, state.accept.key);
        await redirectTo(buildUrl(CASE_PAGE, { id: accepted.id }));
      } catch (err) {
        state.busy = false;
        if (states.has(this)) await this.refused(state, opened, err);
      }
    },
    async decline() {
      const state = states.get(this);
      const opened = state?.opened;
      if (!state || !opened || state.busy || opened.preview.accepted) return;
      state.busy = true;
      try {
        const sure = await confirm(declineQuestion());
        if (!sure || !states.has(this)) return;
        const request = { code: opened.code };
        state.decline = keyFor(state.decline, JSON.stringify(request));
        this.setData({ busy: 'decline', actionError: '' });
        await declineCase(opened.preview.caseId, request, state.decline.key);
        state.opened = null;
        if (states.has(this)) this.setData({ busy: '', declined: true, preview: null, panels: [] });
      } catch (err) {
        if (states.has(this)) await this.refused(state, opened, err);
      } finally {
        state.busy = false;
      }
    },
    /** A refusal of Accept or Decline: each kind of reason where it belongs, the page otherwise as it was. */
    async refused(state: PageState, opened: { code: string; preview: CasePreview }, err: unknown) {
      const code = err instanceof ServiceError ? err.code : 'NETWORK';
      if (err instanceof ServiceError && err.needsIdentity) {
        await sendToIdentity(ROUTE, state.query);
        return;
      }
      // Accepted already (on another phone, or an answer lost): the case is theirs to see.
      if (code === 'ALREADY_ACCEPTED') {
        await redirectTo(buildUrl(CASE_PAGE, { id: opened.preview.caseId }));
        return;
      }
      const problem = ineligibleCode(code);
      if (problem) {
        const again = await openInvitation({ code: opened.code, caseId: opened.preview.caseId }).catch(() => null);
        if (again) state.opened = { code: opened.code, preview: again };
        const panels = again?.ineligible.length ? ineligiblePanels(again.ineligible) : [fallbackPanel(problem)];
        this.setData({ busy: '', ...(again ? previewData(again) : {}), panels });
        return;
      }
      if (isCodeError(code)) {
        state.opened = null;
        this.setData({ busy: '', preview: null, panels: [], ...errorView(FIELDS, { code: errorMessage(err, civilWords) }) });
        return;
      }
      const fields = err instanceof ServiceError ? err.fields : {};
      if (fields.declaration || fields.agreementAcknowledged) {
        this.setData({ busy: '', ...errorView(FIELDS, { signed: signWords(opened.preview) }) });
        return;
      }
      this.setData({ busy: '', actionError: errorMessage(err, civilWords) });
    },
    openCase() {
      const opened = states.get(this)?.opened;
      if (opened) void redirectTo(buildUrl(CASE_PAGE, { id: opened.preview.caseId }));
    },
    openCases() {
      void redirectTo(CASES_PAGE);
    },
    goHome() {
      void switchTab(TAB_PAGES[0]);
    },
  },
});
