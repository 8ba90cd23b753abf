// Report a problem (?service=<service_code>): one page in sections, rendered from the category's definition
// so a new category needs no new page: the place (WeChat's map or "use my location"; refused, a typed
// address and a district), the description with its counter, every extra field by its datatype, up to 9
// photos, an optional contact and "keep my name private". The draft is saved as the person types. On
// "Continue" open reports of the category within 50 m are offered to follow instead; then check your
// answers; then submit (photos, then the report, one key per submission) and the confirmation.
import { ACCIDENT_SERVICE, type District, type NearbyReport, type ServiceDefinition, type CreateReportResponse } from '../../../../contracts/reports';
import { errorView, fieldFocus } from '../../../../core/form';
import { buildUrl, type Query } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { fileExists, navigateTo, redirectTo, removeFile } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { reportsText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { choosePoint, currentPoint, type PlaceOutcome } from '../../location';
import { ACCIDENT_PAGE, REPORTS_PAGE, REPORT_PAGE, SERVICES_PAGE } from '../../paths';
import { findNearby, getDefinition, listDistricts } from '../../service';
import { keepDraft, restored } from './draft';
import {
  DESCRIPTION_INPUT_MAX, MOBILE_INPUT_MAX, NAME_INPUT_MAX, attrField, attrOf, emptyForm, errorsAfter, errorsOf, fieldsOf, noPlace, noProgress, problemsOf,
  type AttrState, type ComposeForm, type Errors, type Progress,
} from './form';
import { followInstead, submitReport, type Outcome } from './flow';
import { addPhotos } from './photos';
import { WORD_KEYS, screenOf, type Step } from './screen';

const ROUTE = 'packages/reports/pages/compose/compose';
const CODE_SHAPE = /^[A-Za-z0-9_-]{1,40}$/;

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { code: string; key: string; field: string; id: string; index: number }>;
type Change = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { code: string }>;

interface PageState {
  query: Query;
  serviceCode: string;
  definition: ServiceDefinition | null;
  districts: District[];
  form: ComposeForm;
  progress: Progress;
  step: Step;
  errors: Errors;
  tried: boolean;
  nearby: NearbyReport[];
  filed: CreateReportResponse | null;
  restored: boolean;
  busy: boolean;
}
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as Record<(typeof WORD_KEYS)[number] | 'errorSummaryTitle', string>,
    limits: { description: DESCRIPTION_INPUT_MAX, name: NAME_INPUT_MAX, mobile: MOBILE_INPUT_MAX },
    ...screenOf({ definition: null, districts: [], form: emptyForm(), photos: [], step: 'none', errors: {}, tried: false, nearby: [], filed: null }),
    placeNotice: '',
    submitError: '',
    busy: false,
  },
  methods: {
    async onLoad(query: Query) {
      const serviceCode = CODE_SHAPE.test(query.service ?? '') ? query.service ?? '' : '';
      states.set(this, {
        query: { ...query }, serviceCode, definition: null, districts: [], form: emptyForm(), progress: noProgress(), step: serviceCode ? 'form' : 'none',
        errors: {}, tried: false, nearby: [], filed: null, restored: false, busy: false,
      });
      await openPage(this, {
        route: ROUTE,
        query: { ...query },
        title: reportsText.t('rpComposeTitle'),
        loadingText: text.t('loading'),
        load: () => this.load(),
        forward: () => void redirectTo(SERVICES_PAGE),
        // Coming back from the map or the photo picker hides the page too: nothing to load again.
        reloadOnReturn: false,
      });
    },
    onUnload() {
      states.delete(this);
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      if (!state.serviceCode) {
        this.render(state, { retryText: text.t('retry'), status: 'ready' });
        return;
      }
      if (state.serviceCode === ACCIDENT_SERVICE) {
        await redirectTo(ACCIDENT_PAGE);
        return;
      }
      try {
        const [definition, districts] = await Promise.all([getDefinition(state.serviceCode), listDistricts()]);
        state.definition = definition;
        state.districts = districts.items;
        if (!state.restored) {
          state.restored = true;
          const draft = restored(definition);
          // WeChat may have cleared saved files meanwhile: those photos are chosen again.
          const kept = await Promise.all(draft.progress.photos.map((p) => fileExists(p.path)));
          state.form = draft.form;
          state.progress = { ...draft.progress, photos: draft.progress.photos.filter((_p, i) => kept[i]) };
        }
        if (!states.has(this)) return;
        this.render(state, { retryText: text.t('retry'), status: 'ready' });
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, (e) => loadErrorView(e, 'rpChooseService', 'rpServiceMissing'));
      }
    },
    render(state: PageState, extra: Record<string, unknown> = {}) {
      this.setData({
        t: { ...reportsText.pick(WORD_KEYS), ...text.pick(['errorSummaryTitle']) },
        ...screenOf({ ...state, photos: state.progress.photos }),
        busy: state.busy,
        ...extra,
      });
    },
    /** A change to the form: kept in the draft; an error already shown follows what is typed or chosen. */
    edit(form: ComposeForm, field: string, complete: boolean, extra: Record<string, unknown> = {}) {
      const state = states.get(this);
      if (!state || state.busy || !state.definition) return;
      state.form = form;
      keepDraft(state.definition.service_code, form, state.progress);
      state.errors = errorsAfter(state.errors, field, form, state.definition, state.districts, complete);
      this.render(state, extra);
    },
    formNow(): ComposeForm {
      return states.get(this)?.form ?? emptyForm();
    },
    editAttr(code: string, patch: Partial<AttrState>, complete: boolean) {
      const form = this.formNow();
      if (!states.get(this)?.definition?.attributes.some((a) => a.code === code)) return;
      this.edit({ ...form, attrs: { ...form.attrs, [code]: { ...attrOf(form, code), ...patch } } }, attrField(code), complete);
    },
    onDescription(e: WechatMiniprogram.Input) {
      this.edit({ ...this.formNow(), description: e.detail.value.slice(0, DESCRIPTION_INPUT_MAX) }, 'description', false);
    },
    onAttrText(e: WechatMiniprogram.Input) {
      const code = String(e.currentTarget.dataset.code ?? '');
      this.editAttr(code, { text: e.detail.value.slice(0, 2000) }, false);
    },
    onAttrBlur(e: Tap) {
      this.editAttr(e.currentTarget.dataset.code, {}, true);
    },
    pickValue(e: Tap) {
      const { code, key } = e.currentTarget.dataset;
      const a = states.get(this)?.definition?.attributes.find((x) => x.code === code);
      if (!a || !(a.values ?? []).some((v) => v.key === key)) return;
      const picked = attrOf(this.formNow(), code).picked;
      const next = a.datatype === 'multivaluelist' ? (picked.includes(key) ? picked.filter((k) => k !== key) : [...picked, key]) : [key];
      this.editAttr(code, { picked: next }, true);
    },
    pickDate(e: Change) {
      this.editAttr(e.currentTarget.dataset.code, { date: /^\d{4}-\d{2}-\d{2}$/.test(e.detail.value) ? e.detail.value : '' }, attrOf(this.formNow(), e.currentTarget.dataset.code).time !== '');
    },
    pickTime(e: Change) {
      this.editAttr(e.currentTarget.dataset.code, { time: /^\d{2}:\d{2}$/.test(e.detail.value) ? e.detail.value : '' }, true);
    },
    async choosePoint() {
      await this.placeFrom(await choosePoint());
    },
    async useMyLocation() {
      await this.placeFrom(await currentPoint());
    },
    /** A point from the map or the device; refused, the typed address instead, and the person is told why. */
    async placeFrom(outcome: PlaceOutcome) {
      const state = states.get(this);
      if (!state || outcome.kind === 'cancelled') return;
      if (outcome.kind === 'refused') {
        this.edit({ ...state.form, place: { ...noPlace(), mode: 'address', address: state.form.place.address, district: state.form.place.district } }, 'location', false, { placeNotice: reportsText.t('rpLocationRefused') });
        return;
      }
      const { lat, long, address } = outcome.point;
      this.edit({ ...state.form, place: { ...state.form.place, mode: 'point', lat, long, label: address } }, 'location', true, { placeNotice: '' });
    },
    typeAddress() {
      const form = this.formNow();
      this.edit({ ...form, place: { ...form.place, mode: 'address' } }, 'location', false, { placeNotice: '', focused: 'location.address' });
    },
    onAddress(e: WechatMiniprogram.Input) {
      const form = this.formNow();
      this.edit({ ...form, place: { ...form.place, address: e.detail.value.slice(0, 400) } }, 'location.address', false);
    },
    pickDistrict(e: Tap) {
      const state = states.get(this);
      const code = e.currentTarget.dataset.key;
      if (state?.districts.some((d) => d.code === code)) this.edit({ ...state.form, place: { ...state.form.place, district: code } }, 'location.district', true);
    },
    onContactName(e: WechatMiniprogram.Input) {
      this.edit({ ...this.formNow(), contactName: e.detail.value.slice(0, NAME_INPUT_MAX) }, 'contact.name', false);
    },
    onContactMobile(e: WechatMiniprogram.Input) {
      this.edit({ ...this.formNow(), contactMobile: e.detail.value.slice(0, MOBILE_INPUT_MAX) }, 'contact.mobile', false);
    },
    onBlur(e: Tap) {
      const field = e.currentTarget.dataset.field;
      if (fieldsOf(null).includes(field)) this.edit(this.formNow(), field, true);
    },
    toggleKeepNamePrivate() {
      const form = this.formNow();
      this.edit({ ...form, keepNamePrivate: !form.keepNamePrivate }, 'keepNamePrivate', false);
    },
    async addPhotos() {
      const state = states.get(this);
      if (!state?.definition || state.busy) return;
      const choice = await addPhotos(state.progress.photos);
      if (!choice || !states.has(this)) return;
      state.progress = { ...state.progress, photos: choice.photos };
      keepDraft(state.definition.service_code, state.form, state.progress);
      const errors = { ...state.errors };
      delete errors.photoIds;
      state.errors = choice.problem ? { ...errors, ...errorsOf({ photoIds: choice.problem }, state.definition, state.form) } : errors;
      this.render(state);
    },
    async removePhoto(e: Tap) {
      const state = states.get(this);
      const index = Number(e.currentTarget.dataset.index);
      const photo = state?.progress.photos[index];
      if (!state?.definition || !photo || state.busy) return;
      state.progress = { ...state.progress, photos: state.progress.photos.filter((_p, i) => i !== index) };
      keepDraft(state.definition.service_code, state.form, state.progress);
      const errors = { ...state.errors };
      delete errors.photoIds;
      state.errors = errors;
      this.render(state);
      await removeFile(photo.path);
    },
    /** "Continue": every field checked; all well, the open reports nearby, else check your answers. */
    async next() {
      const state = states.get(this);
      if (!state?.definition || state.busy) return;
      state.errors = errorsOf(problemsOf(state.form, state.definition, state.districts), state.definition, state.form);
      state.tried = true;
      if (errorView(fieldsOf(state.definition), state.errors).summary.length) {
        this.render(state, { submitError: '' });
        return;
      }
      const { place } = state.form;
      // Nearby is advice: when it cannot be had, the person goes on to check their answers.
      state.nearby = place.mode === 'point' ? await findNearby(state.definition.service_code, place.lat, place.long).then((r) => r.items, () => []) : [];
      if (!states.has(this)) return;
      state.step = state.nearby.length ? 'nearby' : 'check';
      this.render(state, { submitError: '' });
    },
    reportNew() {
      const state = states.get(this);
      if (!state || state.busy) return;
      state.step = 'check';
      this.render(state);
    },
    openNearby(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) void navigateTo(buildUrl(REPORT_PAGE, { id }));
    },
    async follow(e: Tap) {
      const state = states.get(this);
      const id = e.currentTarget.dataset.id;
      const definition = state?.definition;
      if (!state || !definition || state.busy || !state.nearby.some((n) => n.id === id)) return;
      await this.run(state, () => followInstead({ definition, form: state.form, progress: state.progress, query: state.query }, id, ROUTE));
    },
    /** A "change" link of check your answers: back to the form at that field. */
    change(e: Tap) {
      const state = states.get(this);
      if (!state || state.busy) return;
      state.step = 'form';
      const field = e.currentTarget.dataset.field;
      this.render(state, { focused: field === 'location' ? 'location.address' : field, submitError: '' });
    },
    async submit() {
      const state = states.get(this);
      const definition = state?.definition;
      if (!state || !definition || state.busy || state.step !== 'check') return;
      await this.run(state, () => submitReport({ definition, form: state.form, progress: state.progress, query: state.query }, ROUTE));
    },
    async run(state: PageState, send: () => Promise<Outcome>) {
      state.busy = true;
      this.setData({ busy: true, submitError: '' });
      const outcome = await send();
      state.busy = false;
      if (!states.has(this) || outcome.kind === 'gone') return;
      if (outcome.kind === 'followed') {
        await redirectTo(buildUrl(REPORT_PAGE, { id: outcome.id }));
        return;
      }
      if (outcome.kind === 'filed') {
        state.filed = outcome.answer;
        state.step = 'done';
        state.form = emptyForm();
        state.progress = noProgress();
      } else if (outcome.kind === 'fields') {
        state.step = 'form';
        state.errors = outcome.errors;
        state.tried = true;
      }
      this.render(state, { submitError: outcome.kind === 'failed' ? outcome.message : '' });
    },
    openReport() {
      const id = states.get(this)?.filed?.report.id;
      if (id) void redirectTo(buildUrl(REPORT_PAGE, { id }));
    },
    openMine() {
      void redirectTo(REPORTS_PAGE);
    },
    openServices() {
      void redirectTo(SERVICES_PAGE);
    },
  },
});
