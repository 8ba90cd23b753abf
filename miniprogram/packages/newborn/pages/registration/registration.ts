// One newborn registration (?id=, and ?code= right after the father applied, or in the link he shared):
// where it stands and what happens next, the baby and both parents (masked), the household, whether it is
// late, the four items with their dates. Waiting for the mother: the father sees his code to share and
// can withdraw (after a confirm); the mother confirms with the code of the link, or types it.
import type { NewbornRegistration } from '../../../../contracts/civil';
import type { MessageKind } from '../../../../components/message/message';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { buildUrl, sendToIdentity, type Query } from '../../../../core/gate';
import { loadErrorView } from '../../../../core/load-error';
import { errorMessage } from '../../../../core/messages';
import { loadRecord, openPage, servicePage } from '../../../../core/page';
import { currentSession } from '../../../../core/session';
import { confirm, redirectTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { newbornText, newbornWords } from '../../i18n';
import { REGISTER_PAGE, REGISTRATION_PAGE } from '../../paths';
import { confirmRegistration, getRegistration, newCode, withdrawRegistration } from '../../service';
import { CODE_INPUT_MAX, KEYS, codeProblem, compactCode, isCodeError, registrationView, type RegistrationView } from './view';

const ROUTE = 'packages/newborn/pages/registration/registration';

/** One idempotency key per intent, kept across a failed try (the same tap retries) and renewed after an answer. */
interface Keys { confirm: string; withdraw: string; code: string }
interface PageState { query: Query; id: string; code: string; registration: NewbornRegistration | null; keys: Keys; busy: boolean }
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    view: null as RegistrationView | null,
    typed: '',
    codeMax: CODE_INPUT_MAX,
    codeError: '',
    notice: '',
    noticeKind: 'success' as MessageKind,
    busy: '',
  },
  methods: {
    async onLoad(query: Query) {
      const kept: Query = { ...query };
      states.set(this, {
        query: kept,
        id: query.id ?? '',
        code: compactCode(query.code ?? ''),
        registration: null,
        keys: { confirm: newIdempotencyKey(), withdraw: newIdempotencyKey(), code: newIdempotencyKey() },
        busy: false,
      });
      await openPage(this, {
        route: ROUTE,
        query: kept,
        title: newbornText.t('registrationTitle'),
        loadingText: text.t('loading'),
        load: () => this.load('', 'success'),
        forward: () => void redirectTo(REGISTER_PAGE),
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
        fetch: getRegistration,
        show: (found) => this.show(found, notice, noticeKind),
        alive: () => states.has(this),
        failed: (e) => loadErrorView(e, {
          errors: newbornWords, retry: text.t('retry'), forward: newbornText.t('registrationForward'), missing: newbornText.t('registrationMissing'),
        }),
        extra: { busy: '' },
      });
    },
    show(registration: NewbornRegistration, notice: string, noticeKind: MessageKind, extra: Record<string, unknown> = {}) {
      const state = states.get(this);
      if (!state) return;
      state.registration = registration;
      const mine = currentSession().profile?.idMasked ?? '';
      this.setData({
        t: newbornText.pick(KEYS), retryText: text.t('retry'), status: 'ready', view: registrationView(registration, state.code, mine), notice, noticeKind, busy: '', ...extra,
      });
    },
    onCode(e: WechatMiniprogram.Input) {
      const typed = e.detail.value.slice(0, CODE_INPUT_MAX);
      // An error already shown follows what is typed.
      this.setData({ typed, codeError: this.data.codeError ? codeProblem(typed) : '' });
    },
    async confirmIt() {
      const state = states.get(this);
      const r = state?.registration;
      if (!state || !r || state.busy || r.status !== 'awaiting-mother' || r.applicant !== 'other') return;
      const code = state.code || compactCode(this.data.typed);
      if (!state.code) {
        const problem = codeProblem(this.data.typed);
        if (problem) {
          this.setData({ codeError: problem, notice: '' });
          return;
        }
      }
      state.busy = true;
      this.setData({ busy: 'confirm', codeError: '', notice: '' });
      try {
        const next = await confirmRegistration(r.id, code, state.keys.confirm);
        state.keys.confirm = newIdempotencyKey();
        this.show(next, newbornText.t('registrationConfirmed'), 'success', { typed: '' });
      } catch (err) {
        await this.refused(err, 'confirm');
      } finally {
        state.busy = false;
      }
    },
    /** The father lost his code (it is shown once): a new one; the earlier one stops working. */
    async newCode() {
      const state = states.get(this);
      const r = state?.registration;
      if (!state || !r || state.busy || r.status !== 'awaiting-mother' || r.applicant !== 'you') return;
      state.busy = true;
      this.setData({ busy: 'code', notice: '' });
      try {
        const invitation = await newCode(r.id, state.keys.code);
        state.keys.code = newIdempotencyKey();
        state.code = invitation.code;
        this.show(r, newbornText.t('registrationNewCodeDone'), 'success');
      } catch (err) {
        await this.refused(err, 'code');
      } finally {
        state.busy = false;
      }
    },
    async withdraw() {
      const state = states.get(this);
      const r = state?.registration;
      if (!state || !r || state.busy || r.status !== 'awaiting-mother' || r.applicant !== 'you') return;
      state.busy = true;
      try {
        const sure = await confirm({
          title: newbornText.t('registrationWithdrawAsk'),
          content: newbornText.t('registrationWithdrawAskText'),
          confirmText: newbornText.t('registrationWithdrawYes'),
          cancelText: newbornText.t('registrationWithdrawNo'),
          danger: true,
        });
        if (!sure) return;
        this.setData({ busy: 'withdraw', notice: '' });
        const next = await withdrawRegistration(r.id, state.keys.withdraw);
        state.keys.withdraw = newIdempotencyKey();
        state.code = '';
        this.show(next, newbornText.t('registrationWithdrawn'), 'success');
      } catch (err) {
        await this.refused(err, 'withdraw');
      } finally {
        state.busy = false;
      }
    },
    /**
     * A refusal about the code goes beside it; one that changed what is true (already confirmed, withdrawn)
     * shows the registration as it is now; a network failure keeps everything and the same tap retries.
     */
    async refused(err: unknown, key: keyof Keys) {
      const state = states.get(this);
      if (!state) return;
      if (err instanceof ServiceError && err.needsIdentity) {
        await sendToIdentity(ROUTE, state.query);
        return;
      }
      const message = errorMessage(err, newbornWords);
      if (err instanceof ServiceError && isCodeError(err.code) && key === 'confirm') {
        if (err.code !== 'RATE_LIMITED') state.keys.confirm = newIdempotencyKey();
        // A wrong code from the link: the person types the right one.
        state.code = '';
        const view = state.registration ? registrationView(state.registration, '', currentSession().profile?.idMasked ?? '') : this.data.view;
        this.setData({ busy: '', codeError: message, view });
        return;
      }
      if (err instanceof ServiceError && !err.transient) {
        state.keys[key] = newIdempotencyKey();
        await this.load(message, 'error');
        return;
      }
      this.setData({ busy: '', notice: message, noticeKind: 'error' });
    },
    toRegister() {
      void redirectTo(REGISTER_PAGE);
    },
    /**
     * WeChat's share (the button, or the menu). The father, with his code in hand while the mother has not
     * confirmed: this registration with the code. Otherwise the register page, never a code-less link to confirm.
     */
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const state = states.get(this);
      const r = state?.registration;
      if (!state || !r || !state.code || r.status !== 'awaiting-mother' || r.applicant !== 'you') {
        return { title: newbornText.t('registerTitle'), path: REGISTER_PAGE };
      }
      return { title: newbornText.t('registrationShareTitle'), path: buildUrl(REGISTRATION_PAGE, { id: r.id, code: state.code }) };
    },
  },
});
