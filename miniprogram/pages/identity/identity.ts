// Real-name verification: consent first (the ID number asked for separately), then name, resident ID,
// mobile and SMS code, checked as typed; then an optional face step; then back where the person was going.
import type { IdentityLevel, Profile } from '../../contracts/identity';
import { isLargeText } from '../../core/display';
import { ServiceError } from '../../core/errors';
import { goTo, safeRedirect } from '../../core/gate';
import { errorMessage, fieldMessages } from '../../core/messages';
import { loadSession, meetsLevel } from '../../core/session';
import { readStorageSync, removeStorageSync, writeStorageSync } from '../../core/storage';
import { checkIdNumber, checkMobile, checkPersonName, checkSmsCode, maskIdNumber, normaliseIdNumber } from '../../core/validation';
import { requirePrivacyAuthorize, setNavigationTitle, showToast } from '../../core/wx';
import { text } from '../../i18n/main';
import { sendSmsCode, verifyFace, verifyIdentity } from '../../services/identity';

const KEYS = [
  'identityIntro', 'identityConsentTitle', 'identityConsentGeneral', 'identityConsentId', 'identityConsentContinue',
  'identityName', 'identityNamePlaceholder', 'identityIdNumber', 'identityIdPlaceholder', 'identityMobile',
  'identityMobilePlaceholder', 'identitySmsCode', 'identitySmsPlaceholder', 'identitySendCode', 'identitySubmit',
  'identitySubmitting', 'identityErrorSummary', 'identityDoneTitle', 'identityFaceOffer', 'identityFaceAction',
  'identityFaceDone', 'identityContinue', 'retry',
] as const;

type Field = 'name' | 'idNumber' | 'mobile' | 'smsCode';
const FIELDS: Field[] = ['name', 'idNumber', 'mobile', 'smsCode'];
type FormValues = Record<Field, string>;
type FieldErrors = Partial<Record<Field, string>>;
interface SummaryItem { field: Field; message: string }

/** Name and mobile survive a closed page; the ID number never touches storage. */
const DRAFT_KEY = 'draft.identity';

const emptyForm = (): FormValues => ({ name: '', idNumber: '', mobile: '', smsCode: '' });

/** The reason a field's value is not acceptable yet, or null. `complete` asks for a full check. */
function problemOf(field: Field, value: string, complete: boolean): string | null {
  const now = Date.now();
  switch (field) {
    case 'name':
      return complete ? checkPersonName(value) : null;
    case 'idNumber': {
      const id = normaliseIdNumber(value);
      if (!complete && id.length < 18) return id.length > 0 && !/^\d{0,17}$/.test(id) ? 'ID_CHARS' : null;
      return checkIdNumber(id, now);
    }
    case 'mobile': {
      const mobile = value.replace(/\s+/g, '');
      if (!complete && mobile.length < 11) return /^(1([3-9]\d*)?)?$/.test(mobile) ? null : 'MOBILE_FORMAT';
      return checkMobile(mobile);
    }
    default:
      return complete ? checkSmsCode(value) : null;
  }
}

function messageFor(field: Field, code: string, value: string): string {
  return fieldMessages({ [field]: code }, text, { length: normaliseIdNumber(value).length })[field];
}

function summaryOf(errors: FieldErrors): SummaryItem[] {
  return FIELDS.filter((field) => errors[field]).map((field) => ({ field, message: errors[field] as string }));
}

/** Timers and the redirect target are page state the view never shows. */
interface Private { timer?: ReturnType<typeof setInterval>; redirect: string; level: IdentityLevel; idForFace?: string; nameForFace?: string; facing?: boolean }
const privates = new WeakMap<object, Private>();
const own = (page: object): Private => {
  let p = privates.get(page);
  if (!p) {
    p = { redirect: safeRedirect(undefined), level: 'verified' };
    privates.set(page, p);
  }
  return p;
};

Component({
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    step: 'loading' as 'loading' | 'consent' | 'form' | 'done',
    consentGeneral: false,
    consentId: false,
    consentError: '',
    form: emptyForm(),
    errors: {} as FieldErrors,
    summary: [] as SummaryItem[],
    formError: '',
    sending: false,
    resendIn: 0,
    resendLabel: '',
    codeHint: '',
    submitting: false,
    doneBody: '',
    faceNeeded: false,
    faceDone: false,
    focusField: '',
    large: false,
    faceAsk: false,
  },
  lifetimes: {
    detached() {
      const p = own(this);
      if (p.timer !== undefined) clearInterval(p.timer);
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
      if (session.token && session.profile && meetsLevel(session.level, p.level)) {
        if (query.redirect) {
          void goTo(p.redirect);
          return;
        }
        this.setData({ t, large, step: 'done', ...this.doneView(session.profile) });
        return;
      }
      if (session.token && session.profile && p.level === 'face') {
        // Verified already; only the face step is missing.
        this.setData({ t, large, step: 'done', ...this.doneView(session.profile) });
        return;
      }
      const draft = readStorageSync<Partial<FormValues>>(DRAFT_KEY) ?? {};
      this.setData({ t, large, step: 'consent', form: { ...emptyForm(), name: draft.name ?? '', mobile: draft.mobile ?? '' } });
    },
    onUnload() {
      const p = own(this);
      if (p.timer !== undefined) clearInterval(p.timer);
    },
    doneView(profile: Profile) {
      const p = own(this);
      return {
        doneBody: text.t('identityDoneBody', { name: profile.nameMasked, id: profile.idMasked }),
        faceNeeded: p.level === 'face' && profile.level !== 'face',
        faceDone: profile.level === 'face',
      };
    },
    onConsentChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const values = e.detail.value;
      this.setData({ consentGeneral: values.includes('general'), consentId: values.includes('id'), consentError: '' });
    },
    async acceptConsent() {
      if (!this.data.consentGeneral || !this.data.consentId) {
        this.setData({ consentError: text.t('identityConsentNeeded') });
        return;
      }
      try {
        await requirePrivacyAuthorize();
      } catch {
        this.setData({ consentError: text.t('identityConsentNeeded') });
        return;
      }
      this.setData({ step: 'form', consentError: '' });
    },
    onFieldInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field: Field } } }) {
      const field = e.currentTarget.dataset.field;
      const value = field === 'idNumber' ? e.detail.value.toUpperCase() : e.detail.value;
      const problem = problemOf(field, value, false);
      const hadError = Boolean(this.data.errors[field]);
      const message = problem ? messageFor(field, problem, value) : '';
      const update: Record<string, unknown> = { [`form.${field}`]: value };
      if (message || hadError) {
        const errors = { ...this.data.errors, [field]: message || undefined };
        update[`errors.${field}`] = message;
        update.summary = summaryOf(errors);
      }
      this.setData(update);
      // Only the verification form keeps a draft; the face re-check keeps nothing.
      if (this.data.step === 'form' && (field === 'name' || field === 'mobile')) {
        writeStorageSync(DRAFT_KEY, { name: field === 'name' ? value : this.data.form.name, mobile: field === 'mobile' ? value : this.data.form.mobile });
      }
    },
    onFieldBlur(e: WechatMiniprogram.InputBlur & { currentTarget: { dataset: { field: Field } } }) {
      const field = e.currentTarget.dataset.field;
      const value = this.data.form[field];
      if (!value) return;
      const problem = problemOf(field, value, true);
      const message = problem ? messageFor(field, problem, value) : '';
      if ((this.data.errors[field] ?? '') === message) return;
      const errors = { ...this.data.errors, [field]: message || undefined };
      this.setData({ [`errors.${field}`]: message, summary: summaryOf(errors) });
    },
    async sendCode() {
      const { mobile } = this.data.form;
      const problem = problemOf('mobile', mobile, true);
      if (problem) {
        const errors = { ...this.data.errors, mobile: messageFor('mobile', problem, mobile) };
        this.setData({ 'errors.mobile': errors.mobile, summary: summaryOf(errors) });
        return;
      }
      if (this.data.sending || this.data.resendIn > 0) return;
      this.setData({ sending: true, formError: '' });
      try {
        const sent = await sendSmsCode(mobile);
        const hint = text.t('identityCodeSent', { mobile: sent.sentTo });
        if (sent.note) showToast(sent.note, 'none', 4000);
        this.setData({ sending: false, codeHint: sent.note ? `${hint}. ${sent.note}` : hint, 'errors.mobile': '', ...this.countdownView(sent.resendAfterSec) });
        this.startCountdown();
      } catch (err) {
        this.showFailure(err, { sending: false });
      }
    },
    countdownView(seconds: number) {
      return { resendIn: seconds, resendLabel: seconds > 0 ? text.t('identityResendIn', { seconds }) : '' };
    },
    startCountdown() {
      const p = own(this);
      if (p.timer !== undefined) clearInterval(p.timer);
      p.timer = setInterval(() => {
        const next = this.data.resendIn - 1;
        if (next <= 0 && p.timer !== undefined) {
          clearInterval(p.timer);
          p.timer = undefined;
        }
        this.setData(this.countdownView(Math.max(0, next)));
      }, 1000);
    },
    /** A failed request: field reasons beside their fields, anything else above the button with a retry. */
    showFailure(err: unknown, extra: Record<string, unknown>) {
      if (err instanceof ServiceError && Object.keys(err.fields).length > 0) {
        const known = FIELDS.filter((field) => err.fields[field]);
        const errors: FieldErrors = { ...this.data.errors };
        known.forEach((field) => {
          errors[field] = messageFor(field, err.fields[field], this.data.form[field]);
        });
        this.setData({ ...extra, errors, summary: summaryOf(errors), formError: '' });
        return;
      }
      const offline = err instanceof ServiceError && (err.code === 'NETWORK' || err.code === 'TIMEOUT');
      this.setData({ ...extra, formError: offline ? text.t('identityNetworkError') : errorMessage(err, text) });
    },
    async submit() {
      if (this.data.submitting) return;
      const form = this.data.form;
      const errors: FieldErrors = {};
      FIELDS.forEach((field) => {
        const problem = problemOf(field, form[field], true);
        if (problem) errors[field] = messageFor(field, problem, form[field]);
      });
      const summary = summaryOf(errors);
      if (summary.length > 0) {
        this.setData({ errors, summary, formError: '' });
        return;
      }
      this.setData({ submitting: true, formError: '', errors: {}, summary: [] });
      try {
        const profile = await verifyIdentity(form);
        const p = own(this);
        p.idForFace = form.idNumber;
        p.nameForFace = form.name;
        removeStorageSync(DRAFT_KEY);
        if (p.timer !== undefined) clearInterval(p.timer);
        // The ID number leaves the view data as soon as it has done its job.
        this.setData({ submitting: false, step: 'done', form: emptyForm(), ...this.doneView(profile) });
      } catch (err) {
        this.showFailure(err, { submitting: false });
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
        const errors: FieldErrors = {};
        (['name', 'idNumber'] as Field[]).forEach((field) => {
          const problem = problemOf(field, this.data.form[field], true);
          if (problem) errors[field] = messageFor(field, problem, this.data.form[field]);
        });
        const verifiedAs = (await loadSession()).profile?.idMasked ?? '';
        if (!errors.idNumber && maskIdNumber(normaliseIdNumber(this.data.form.idNumber)) !== verifiedAs) {
          errors.idNumber = fieldMessages({ idNumber: 'ID_NOT_YOURS' }, text, { idMasked: verifiedAs }).idNumber;
        }
        if (Object.keys(errors).length) {
          this.setData({ errors, summary: summaryOf(errors) });
          return;
        }
      }
      const name = p.nameForFace ?? this.data.form.name;
      const idNumber = p.idForFace ?? this.data.form.idNumber;
      try {
        const profile = await verifyFace(name, idNumber);
        if (!profile) return;
        p.idForFace = undefined;
        this.setData({ ...this.doneView(profile), formError: '', faceAsk: false, form: emptyForm(), errors: {}, summary: [] });
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
    focusField(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { field: Field }>) {
      // Tapping a summary item is a shortcut to its field, as on GOV.UK.
      this.setData({ focusField: e.currentTarget.dataset.field });
    },
  },
});
