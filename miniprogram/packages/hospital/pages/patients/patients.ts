// Patients: the verified person and their family members (up to 5), removing one, and adding one (name,
// resident ID with its birth date shown, relationship, and a guardian's separate consent for a child
// under 14). With ?pick=1 (from the book page) a tap on a person, or adding one, goes back to booking.
import { newIdempotencyKey } from '../../../../core/client';
import { clearDraft, readDraft, saveDraft } from '../../../../core/draft';
import { ServiceError } from '../../../../core/errors';
import { errorView, fieldFocus, isField, summaryOf, withError, type SummaryItem } from '../../../../core/form';
import { sendToIdentity, type Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { normaliseIdNumber } from '../../../../core/validation';
import { confirm, navigateBack, navigateTo, redirectTo, showToast } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { addPatient, listPatients, removePatient } from '../../service';
import { hospitalText, hospitalWords } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { HOSPITALS_PAGE } from '../../paths';
import {
  DRAFT_FORM, FIELDS, MEMBER_RELATIONSHIPS, birthOf, checkAll, checkField, emptyForm, isMemberRelationship, isPatientDraft, patientView, reasonsOf,
  type Errors, type Field, type FormValues, type PatientView,
} from './rules';

const ROUTE = 'packages/hospital/pages/patients/patients';
const KEYS = [
  'patientRemove', 'addTitle', 'addName', 'addNamePlaceholder', 'addIdNumber', 'addIdPlaceholder', 'addRelationship',
  'addConsentTitle', 'addConsent', 'addConsentNote', 'addSubmit', 'addSubmitting',
] as const;

interface ChoiceView { id: string; name: string; selected: boolean }
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; field: string }>;

/**
 * The query (for the identity detour), pick mode, whether the draft was restored, the government's word
 * that the ID is a child's (the device's clock may disagree), and the key for the form as it is now.
 */
interface PageState { query: Query; pick: boolean; restored: boolean; child: boolean; attempt?: { body: string; key: string }; submitting: boolean }
const states = new WeakMap<object, PageState>();
/** Pages busy removing someone. */
const busy = new WeakSet<object>();

const choicesFor = (selected: string): ChoiceView[] => MEMBER_RELATIONSHIPS.map((id) => ({ id, name: hospitalText.t(`relationship.${id}`), selected: id === selected }));

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as Record<(typeof KEYS)[number] | 'errorSummaryTitle', string>,
    intro: '',
    patients: [] as PatientView[],
    pick: false,
    canAdd: false,
    limitText: '',
    removeError: '',
    form: emptyForm(),
    relationships: [] as ChoiceView[],
    birthText: '',
    child: false,
    errors: {} as Errors,
    summary: [] as SummaryItem<Field>[],
    busy: false,
  },
  methods: {
    async onLoad(query: Query) {
      const pick = query.pick === '1';
      states.set(this, { query, pick, restored: false, child: false, submitting: false });
      await openPage(this, {
        route: ROUTE,
        query,
        title: hospitalText.t('patientsTitle'),
        loadingText: text.t('loading'),
        initial: { t: { ...hospitalText.pick(KEYS), ...text.pick(['errorSummaryTitle']) }, pick, message: text.t('loading') },
        load: () => this.load(),
        forward: () => void navigateTo(HOSPITALS_PAGE),
      });
    },
    /** The list, and with it (in the same setData) the draft the first time, or `extra` (a cleared form). */
    async load(extra: Record<string, unknown> = {}) {
      const state = states.get(this);
      try {
        const answer = await listPatients();
        const family = answer.items.filter((p) => p.id !== 'self').length;
        const canAdd = family < answer.maxFamily;
        const restore = state && !state.restored ? this.draftView() : {};
        if (state) state.restored = true;
        this.setData({
          status: 'ready',
          message: '',
          retryText: text.t('retry'),
          intro: hospitalText.t(state?.pick ? 'patientsPickIntro' : 'patientsIntro', { max: answer.maxFamily }),
          patients: answer.items.map(patientView),
          canAdd,
          limitText: canAdd ? '' : hospitalText.t('patientsLimit', { max: answer.maxFamily }),
          removeError: '',
          ...restore,
          ...extra,
        });
      } catch (err) {
        await loadFailed(this, err, (e) => loadErrorView(e, 'forwardHospitals'));
      }
    },
    draftView(given?: FormValues) {
      const form = given ?? this.restoredForm();
      return { form, relationships: choicesFor(form.relationship), ...this.idView(form) };
    },
    restoredForm(): FormValues {
      const draft = readDraft(DRAFT_FORM, isPatientDraft);
      return { ...emptyForm(), name: (draft?.name ?? '').slice(0, 30), relationship: isMemberRelationship(draft?.relationship) ? draft.relationship : '' };
    },
    /** What the ID says: the birth date, and whether the consent box shows. */
    idView(form: FormValues) {
      const birth = birthOf(form.idNumber, Date.now());
      const child = Boolean(birth?.child) || Boolean(states.get(this)?.child);
      return { birthText: birth ? hospitalText.t('addBirth', { date: birth.date, age: birth.age }) : '', child };
    },
    /** The errors shown after a change: a field already in error is checked again (as typed, or complete). */
    errorsAfter(field: Field, form: FormValues, complete: boolean) {
      const { errors, summary } = this.data;
      const next = complete || errors[field] ? withError(errors, field, checkField(field, form, complete, Date.now())) : errors;
      return { errors: next, summary: summary.length ? summaryOf(FIELDS, next) : [] };
    },
    saveDraft(form: FormValues) {
      saveDraft(DRAFT_FORM, { name: form.name, relationship: form.relationship });
    },
    onName(e: WechatMiniprogram.Input) {
      const form = { ...this.data.form, name: e.detail.value };
      this.saveDraft(form);
      this.setData({ 'form.name': form.name, ...this.errorsAfter('name', form, false) });
    },
    onIdNumber(e: WechatMiniprogram.Input) {
      const form = { ...this.data.form, idNumber: normaliseIdNumber(e.detail.value).slice(0, 18) };
      const state = states.get(this);
      if (state) state.child = false;
      this.setData({ 'form.idNumber': form.idNumber, ...this.idView(form), ...this.errorsAfter('idNumber', form, false) });
    },
    onBlur(e: Tap) {
      const field = e.currentTarget.dataset.field;
      if (isField(FIELDS, field)) this.setData(this.errorsAfter(field, this.data.form, true));
    },
    onRelationship(e: Tap) {
      const relationship = e.currentTarget.dataset.id;
      if (!isMemberRelationship(relationship)) return;
      const form = { ...this.data.form, relationship };
      this.saveDraft(form);
      this.setData({ 'form.relationship': relationship, relationships: choicesFor(relationship), ...this.errorsAfter('relationship', form, true) });
    },
    onConsent(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const form = { ...this.data.form, consent: e.detail.value.includes('consent') };
      this.setData({ 'form.consent': form.consent, ...this.errorsAfter('guardianConsent', form, true) });
    },
    showErrors(errors: Errors, general = '') {
      this.setData({ ...errorView(FIELDS, errors, { field: 'name', text: general }), ...this.idView(this.data.form), busy: false });
    },
    async submit() {
      const state = states.get(this);
      if (!state || state.submitting || !this.data.canAdd) return;
      const form = this.data.form;
      const problems = checkAll(form, Date.now());
      if (Object.keys(problems).length || !form.relationship) {
        this.showErrors(problems);
        return;
      }
      state.submitting = true;
      const request = { name: form.name.trim(), idNumber: normaliseIdNumber(form.idNumber), relationship: form.relationship, ...(form.consent ? { guardianConsent: true } : {}) };
      const body = JSON.stringify(request);
      const key = state.attempt && state.attempt.body === body ? state.attempt.key : newIdempotencyKey();
      state.attempt = { body, key };
      this.setData({ busy: true });
      try {
        const added = await addPatient(request, key);
        clearDraft(DRAFT_FORM);
        state.attempt = undefined;
        state.child = false;
        showToast(hospitalText.t('added', { name: added.name }), 'success');
        if (state.pick) {
          await this.back();
          return;
        }
        await this.load({ ...this.draftView(emptyForm()), errors: {}, summary: [], busy: false });
      } catch (err) {
        if (err instanceof ServiceError && err.needsIdentity) {
          await sendToIdentity(ROUTE, state.query);
          return;
        }
        const reasons = err instanceof ServiceError ? err.fields : {};
        // The government's clock decides who is a child: show the box it asks for.
        if (reasons.guardianConsent) state.child = true;
        const errors = reasonsOf(reasons, form);
        this.showErrors(errors, Object.keys(errors).length ? '' : errorMessage(err, hospitalWords));
      } finally {
        state.submitting = false;
      }
    },
    choose() {
      if (states.get(this)?.pick) void this.back();
    },
    /** Back to the book page, which loads the list again; opened on its own (a shared link), to the hospitals. */
    back(): Promise<unknown> {
      return navigateBack().catch(() => redirectTo(HOSPITALS_PAGE));
    },
    async remove(e: Tap) {
      const patient = this.data.patients.find((p) => p.id === e.currentTarget.dataset.id);
      if (!patient || !patient.removable || busy.has(this)) return;
      busy.add(this);
      try {
        const sure = await confirm({
          title: hospitalText.t('removeTitle', { name: patient.name }),
          content: hospitalText.t('removeBody', { name: patient.name }),
          confirmText: hospitalText.t('removeConfirm'),
          cancelText: text.t('cancel'),
          danger: true,
        });
        if (!sure) return;
        await removePatient(patient.id);
        showToast(hospitalText.t('removed', { name: patient.name }), 'success');
        await this.load();
      } catch (err) {
        this.setData({ removeError: errorMessage(err, hospitalWords) });
      } finally {
        busy.delete(this);
      }
    },
  },
});
