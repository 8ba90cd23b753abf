// Real-name verification: consent first (the ID number asked for separately), then name, resident ID,
// mobile and SMS code; then an optional face step; then back where the person was going. As GOV.UK does
// it, a field is checked (form-rules.ts) when the person leaves it or submits, never while they type a
// field that shows nothing wrong; a field that shows an error is re-checked as typed, so the words go as
// soon as it is right. "Get code" checks only what sending needs: the mobile, and that the ID number
// typed so far is not already wrong (no SMS for a number that fails its checksum). Errors show beside
// the fields and in the error summary; name and mobile are a draft.
import type { IdentityLevel } from '../../contracts/identity';
import { isLargeText } from '../../core/display';
import { clearDraft, draftOwner, readDraft, saveDraft } from '../../core/draft';
import { ServiceError } from '../../core/errors';
import { errorView, fieldFocus, withError, type SummaryItem } from '../../core/form';
import { goTo, safeRedirect } from '../../core/gate';
import { errorMessage } from '../../core/messages';
import { loadSession, meetsLevel } from '../../core/session';
import { requirePrivacyAuthorize, setNavigationTitle, showToast } from '../../core/wx';
import { text } from '../../i18n/main';
import { sendSmsCode, verifyFace, verifyIdentity } from '../../services/identity';
import {
  DRAFT_FORM, FIELDS, KEYS, checkAll, checkField, countdown, countdownView, doneView, emptyForm, failureView, faceErrors, isIdentityDraft,
  type Errors, type Field, type Words,
} from './form-rules';

/** The countdown, the redirect target and whose draft the form is are page state the view never shows. */
interface Private { stopCountdown?: () => void; redirect: string; level: IdentityLevel; draftOwner: string; idForFace?: string; nameForFace?: string; facing?: boolean }
const privates = new WeakMap<object, Private>();
const own = (page: object): Private => {
  const p = privates.get(page) ?? { redirect: safeRedirect(undefined), level: 'verified', draftOwner: draftOwner() };
  privates.set(page, p);
  return p;
};
const stopCountdown = (page: object): void => {
  const p = own(page);
  p.stopCountdown?.();
  p.stopCountdown = undefined;
};
type FieldEvent = { currentTarget: { dataset: { field: Field } } };

Component({
  behaviors: [fieldFocus],
  data: {
    t: {} as Words,
    step: 'loading' as 'loading' | 'consent' | 'form' | 'done',
    consentGeneral: false,
    consentId: false,
    consentError: '',
    form: emptyForm(),
    errors: {} as Errors,
    summary: [] as SummaryItem<Field>[],
    formError: '',
    sending: false,
    resendIn: 0,
    resendLabel: '',
    codeHint: '',
    submitting: false,
    doneBody: '',
    faceNeeded: false,
    faceDone: false,
    large: false,
    faceAsk: false,
  },
  lifetimes: {
    detached() {
      stopCountdown(this);
    },
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      const p = own(this);
      p.redirect = safeRedirect(query.redirect ? decodeURIComponent(query.redirect) : undefined);
      p.level = query.level === 'face' ? 'face' : 'verified';
      setNavigationTitle(text.t('identityTitle'));
      const session = await loadSession();
      const t = text.pick(KEYS);
      const large = isLargeText();
      if (session.token && session.profile && meetsLevel(session.level, p.level) && query.redirect) {
        void goTo(p.redirect);
        return;
      }
      // Verified already (with the face step, or only that step missing): say so.
      if (session.token && session.profile && (meetsLevel(session.level, p.level) || p.level === 'face')) {
        this.setData({ t, large, step: 'done', ...doneView(session.profile, p.level) });
        return;
      }
      // The draft belongs to whoever is filling the form now, not to the person it verifies.
      p.draftOwner = draftOwner();
      const draft = readDraft(DRAFT_FORM, isIdentityDraft, p.draftOwner);
      this.setData({ t, large, step: 'consent', form: { ...emptyForm(), name: draft?.name ?? '', mobile: draft?.mobile ?? '' } });
    },
    onUnload() {
      stopCountdown(this);
    },
    onConsentChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const values = e.detail.value;
      this.setData({ consentGeneral: values.includes('general'), consentId: values.includes('id'), consentError: '' });
    },
    async acceptConsent() {
      // WeChat's privacy authorization is asked for only once both boxes are ticked.
      const agreed = this.data.consentGeneral && this.data.consentId && (await requirePrivacyAuthorize().then(() => true, () => false));
      this.setData(agreed ? { step: 'form', consentError: '' } : { consentError: text.t('identityConsentNeeded') });
    },
    /** One field's words changed (or stayed): set them with the summary, or nothing when unchanged. */
    showFieldError(field: Field, message: string, update: Record<string, unknown> = {}) {
      if ((this.data.errors[field] ?? '') === message) {
        if (Object.keys(update).length) this.setData(update);
        return;
      }
      this.setData({ ...update, ...errorView(FIELDS, withError(this.data.errors, field, message)) });
    },
    onFieldInput(e: WechatMiniprogram.Input & FieldEvent) {
      const field = e.currentTarget.dataset.field;
      const value = field === 'idNumber' ? e.detail.value.toUpperCase() : e.detail.value;
      // Typing never raises a new error; it only keeps an error already shown true (or takes it away).
      const shown = Boolean(this.data.errors[field]);
      this.showFieldError(field, shown ? checkField(field, value, true) : '', { [`form.${field}`]: value });
      // Only the verification form keeps a draft; the face re-check keeps nothing.
      if (this.data.step === 'form' && (field === 'name' || field === 'mobile')) {
        saveDraft(DRAFT_FORM, { name: this.data.form.name, mobile: this.data.form.mobile }, own(this).draftOwner);
      }
    },
    onFieldBlur(e: WechatMiniprogram.InputBlur & FieldEvent) {
      const field = e.currentTarget.dataset.field;
      const value = this.data.form[field];
      if (value) this.showFieldError(field, checkField(field, value, true));
    },
    async sendCode() {
      if (this.data.sending || this.data.resendIn > 0) return;
      const { mobile, idNumber } = this.data.form;
      // Only what sending depends on is checked; other fields keep what they show (the SMS code, still
      // to come, is not asked for). An unfinished ID number is no reason to wait; a wrong one is.
      const mobileProblem = checkField('mobile', mobile, true);
      const idProblem = checkField('idNumber', idNumber, false);
      if (mobileProblem || idProblem) {
        const errors = withError(this.data.errors, 'mobile', mobileProblem);
        this.setData(errorView(FIELDS, idProblem ? withError(errors, 'idNumber', idProblem) : errors));
        return;
      }
      this.setData({ sending: true, formError: '' });
      try {
        const sent = await sendSmsCode(mobile);
        const hint = sent.note ? text.t('identityCodeSentNote', { mobile: sent.sentTo, note: sent.note }) : text.t('identityCodeSent', { mobile: sent.sentTo });
        if (sent.note) showToast(sent.note, 'none', 4000);
        const { errors, summary } = errorView(FIELDS, withError(this.data.errors, 'mobile', ''));
        this.setData({ sending: false, codeHint: hint, errors, summary, ...countdownView(sent.resendAfterSec) });
        stopCountdown(this);
        own(this).stopCountdown = countdown(sent.resendAfterSec, (left) => this.setData(countdownView(left)));
      } catch (err) {
        this.setData({ sending: false, ...failureView(err, this.data.errors, this.data.form) });
      }
    },
    async submit() {
      if (this.data.submitting) return;
      const form = this.data.form;
      const view = errorView(FIELDS, checkAll(FIELDS, form));
      if (view.summary.length > 0) {
        this.setData({ ...view, formError: '' });
        return;
      }
      this.setData({ submitting: true, formError: '', ...view });
      try {
        const profile = await verifyIdentity(form);
        const p = own(this);
        Object.assign(p, { idForFace: form.idNumber, nameForFace: form.name });
        clearDraft(DRAFT_FORM, p.draftOwner);
        stopCountdown(this);
        // The ID number leaves the view data as soon as it has done its job.
        this.setData({ submitting: false, step: 'done', form: emptyForm(), ...doneView(profile, p.level) });
      } catch (err) {
        this.setData({ submitting: false, ...failureView(err, this.data.errors, this.data.form) });
      }
    },
    async startFace() {
      const p = own(this);
      // A second tap while WeChat's face check (or its stand-in) is open does nothing.
      if (p.facing) return;
      p.facing = true;
      try {
        await this.faceStep();
      } finally {
        p.facing = false;
      }
    },
    async faceStep() {
      const p = own(this);
      if (this.data.faceAsk) {
        const view = errorView(FIELDS, faceErrors(this.data.form, (await loadSession()).profile?.idMasked ?? ''));
        if (view.summary.length) {
          this.setData(view);
          return;
        }
      }
      try {
        const profile = await verifyFace(p.nameForFace ?? this.data.form.name, p.idForFace ?? this.data.form.idNumber);
        if (!profile) return;
        p.idForFace = undefined;
        this.setData({ ...doneView(profile, p.level), formError: '', faceAsk: false, form: emptyForm(), errors: {}, summary: [] });
      } catch (err) {
        if (err instanceof ServiceError && err.code === 'FACE_NEEDS_ID') {
          this.setData({ faceAsk: true, formError: text.t('identityFaceNeedsId') });
          return;
        }
        this.setData({ formError: errorMessage(err, text) });
      }
    },
    continueOn() {
      void goTo(own(this).redirect);
    },
  },
});
