// One marriage or divorce registration: where it stands and what happens next, both parties (masked),
// the invitation code right after starting (to share, copy or read out; a new one later), what was
// signed, the cooling-off countdown, the next booking, the appointment as its confirmation (cancel after
// a confirm), the timeline, and withdrawing (after a confirm that says it ends the case for both).
import type { CivilCase, Invitation } from '../../../../contracts/civil';
import type { MessageKind } from '../../../../components/message/message';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { buildUrl, type Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { loadRecord, openPage, servicePage } from '../../../../core/page';
import { confirm, copyText, navigateTo, redirectTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { civilText, civilWords, type CivilKey } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { BOOK_PAGE, CASES_PAGE, JOIN_PAGE } from '../../paths';
import { cancelAppointment, getCase, newInvitation, withdrawCase } from '../../service';
import { appointmentText } from '../../view';
import { caseView, type CaseView } from './view';

const ROUTE = 'packages/civil/pages/case/case';
const KEYS = [
  'caseReference', 'caseParties', 'caseYou', 'caseRole', 'caseIdNumber', 'caseSex', 'caseSigned', 'caseWaitingOther', 'caseCodeTitle', 'caseCodeHint',
  'caseShare', 'caseCopy', 'caseNewCode', 'caseNewCodeBusy', 'caseDocuments', 'caseCertificateNumber', 'caseAgreement', 'caseDeclaration', 'caseCooling',
  'caseCoolingEnds', 'caseCertificateDays', 'caseUpcoming', 'caseApptReference', 'caseApptWhat', 'caseApptOffice', 'caseApptAddress', 'caseApptHours',
  'caseApptPhone', 'caseApptWhen', 'caseApptBookedBy', 'caseApptBring', 'caseApptFee', 'caseApptAtOffice', 'caseCancel', 'caseCancelling', 'casePast',
  'caseIssued', 'caseTimeline', 'caseWithdraw', 'caseWithdrawing', 'civilMyCases',
] as const satisfies readonly CivilKey[];

/** One idempotency key per intent, kept across a failed try (the same tap retries) and renewed after an answer. */
interface Keys { code: string; cancel: string; withdraw: string }
interface PageState { id: string; code: string; civilCase: CivilCase | null; keys: Keys; busy: boolean }
const states = new WeakMap<object, PageState>();

/** The case with a new live invitation, when reading it again after making the code failed. */
const withInvitation = (c: CivilCase, made: Invitation): CivilCase => ({ ...c, invitation: { expiresAt: made.expiresAt, expired: false } });

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    view: null as CaseView | null,
    notice: '',
    noticeKind: 'success' as MessageKind,
    busy: '',
  },
  methods: {
    async onLoad(query: Query) {
      states.set(this, {
        id: query.id ?? '',
        code: query.code ?? '',
        civilCase: null,
        keys: { code: newIdempotencyKey(), cancel: newIdempotencyKey(), withdraw: newIdempotencyKey() },
        busy: false,
      });
      await openPage(this, {
        route: ROUTE,
        query,
        title: civilText.t('caseTitle'),
        loadingText: text.t('loading'),
        load: () => this.load('', 'success'),
        forward: () => void redirectTo(CASES_PAGE),
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
        fetch: getCase,
        show: (found) => this.show(found, notice, noticeKind),
        alive: () => states.has(this),
        failed: (e) => loadErrorView(e, 'caseForward', 'caseMissing'),
        extra: { busy: '' },
      });
    },
    show(civilCase: CivilCase, notice: string, noticeKind: MessageKind) {
      const state = states.get(this);
      if (!state) return;
      state.civilCase = civilCase;
      this.setData({ t: civilText.pick(KEYS), retryText: text.t('retry'), status: 'ready', view: caseView(civilCase, state.code), notice, noticeKind, busy: '' });
    },
    /** A refusal that changed what is true (too late now, already closed) shows the case as it is; a network one keeps everything. */
    async refused(err: unknown, key: keyof Keys) {
      const state = states.get(this);
      const message = errorMessage(err, civilWords);
      if (err instanceof ServiceError && !err.transient) {
        if (state) state.keys[key] = newIdempotencyKey();
        await this.load(message, 'error');
        return;
      }
      this.setData({ busy: '', notice: message, noticeKind: 'error' });
    },
    async newCode() {
      const state = states.get(this);
      const civilCase = state?.civilCase;
      if (!state || !civilCase || state.busy) return;
      state.busy = true;
      this.setData({ busy: 'code', notice: '' });
      try {
        let made = await newInvitation(civilCase.id, state.keys.code);
        state.keys.code = newIdempotencyKey();
        // A replayed answer (the first try's answer was lost) has no code: the government keeps only its
        // digest. That code cannot be shown, so one more is made, which also stops the lost one working.
        if (!made.code) made = await newInvitation(civilCase.id, state.keys.code);
        state.keys.code = newIdempotencyKey();
        state.code = made.code;
        const fresh = await getCase(civilCase.id).catch(() => withInvitation(civilCase, made));
        this.show(fresh, civilText.t('caseNewCodeDone'), 'success');
      } catch (err) {
        await this.refused(err, 'code');
      } finally {
        state.busy = false;
      }
    },
    async copy() {
      const code = states.get(this)?.code;
      if (!code) return;
      // WeChat says "copied" itself; only a failure needs words here.
      await copyText(code).catch(() => this.setData({ notice: civilText.t('caseCopyFailed'), noticeKind: 'error' }));
    },
    async cancel() {
      const state = states.get(this);
      const upcoming = state?.civilCase?.upcoming;
      if (!state || !upcoming || state.busy) return;
      state.busy = true;
      try {
        const sure = await confirm({
          title: civilText.t('caseCancelAsk'),
          content: civilText.t('caseCancelAskText'),
          confirmText: civilText.t('caseCancelYes'),
          cancelText: civilText.t('caseCancelNo'),
          danger: true,
        });
        if (!sure) return;
        this.setData({ busy: 'cancel', notice: '' });
        const next = await cancelAppointment(state.id, upcoming.id, state.keys.cancel);
        state.keys.cancel = newIdempotencyKey();
        this.show(next, civilText.t('caseCancelled'), 'success');
      } catch (err) {
        await this.refused(err, 'cancel');
      } finally {
        state.busy = false;
      }
    },
    async withdraw() {
      const state = states.get(this);
      if (!state?.civilCase?.canWithdraw || state.busy) return;
      state.busy = true;
      try {
        const sure = await confirm({
          title: civilText.t('caseWithdrawAsk'),
          content: civilText.t('caseWithdrawAskText'),
          confirmText: civilText.t('caseWithdrawYes'),
          cancelText: civilText.t('caseWithdrawNo'),
          danger: true,
        });
        if (!sure) return;
        this.setData({ busy: 'withdraw', notice: '' });
        const next = await withdrawCase(state.id, state.keys.withdraw);
        state.keys.withdraw = newIdempotencyKey();
        this.show(next, civilText.t('caseWithdrawn'), 'success');
      } catch (err) {
        await this.refused(err, 'withdraw');
      } finally {
        state.busy = false;
      }
    },
    book() {
      const id = states.get(this)?.civilCase?.id;
      if (id) void navigateTo(buildUrl(BOOK_PAGE, { case: id }));
    },
    toCases() {
      void redirectTo(CASES_PAGE);
    },
    /**
     * WeChat's share (the share button, or the menu). With a live code in hand it sends the join page with
     * the case and the code. Without one (the page reopened later, or the code expired) there is no code
     * to send: the share leads to the cases page instead, never to a join page without its code.
     */
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const state = states.get(this);
      const c = state?.civilCase;
      const live = c && state.code && c.status === 'invited' && c.invitation && !c.invitation.expired;
      if (!c || !live) return { title: civilText.t('casesTitle'), path: CASES_PAGE };
      const what = appointmentText(c.kind === 'marriage' ? 'marriage' : 'divorce-application');
      return { title: civilText.t('caseShareTitle', { what }), path: buildUrl(JOIN_PAGE, { case: c.id, code: state.code }) };
    },
  },
});
