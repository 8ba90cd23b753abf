// Report a minor traffic accident (the police's service; its fields from the service definition): both
// plates and who was where, one photo per angle the police ask for (a checklist with example outlines),
// responsibility agreed (the other driver confirms with a code shown once) or left to the police's online
// review, the place (wx.getLocation, or a district and an address), an optional note; a draft kept as the
// person goes; check your answers; submit uploads the photos then files the report with one key per
// body; the confirmation tells both drivers to move the cars now, shows the code and what happens next.
import type { CreateReportResponse } from '../../../../contracts/reports';
import { fieldFocus } from '../../../../core/form';
import { buildUrl, sendToIdentity, type Query } from '../../../../core/gate';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { fileExists, navigateTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { accidentText } from '../../i18n';
import { loadErrorView } from '../../load-error';
import { districtAt } from '../../../../contracts/reports';
import { currentLocation } from '../../../../core/wx';
import { ACCIDENT_PAGE, CONFIRM_PAGE, SETTLE_PAGE } from '../../paths';
import { takePhoto } from '../../photos';
import { getAccidentService, listDistricts } from '../../service';
import { ADDRESS_MAX, INPUT_MAX, NOTE_MAX, angleField, attributeField, attributesOf, checkAll, emptyForm, errorsAfter, isAngle, isResponsibility, keepDraft, restored, wordsOf, type AccidentForm, type Known } from './form';
import { submitAccident } from './flow';
import { WORD_KEYS, screenOf, type Step } from './screen';

const ROUTE = 'packages/accident/pages/accident/accident';

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { code: string; key: string; field: string; angle: string; id: string }>;
type Typed = WechatMiniprogram.Input & { currentTarget: { dataset: { code?: string; field?: string } } };

interface PageState { query: Query; known: Known | null; form: AccidentForm; step: Step; errors: Record<string, string>; tried: boolean; restored: boolean; done: CreateReportResponse | null; busy: boolean }
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as Record<(typeof WORD_KEYS)[number] | 'errorSummaryTitle', string>,
    limits: { input: INPUT_MAX, note: NOTE_MAX, address: ADDRESS_MAX },
    step: 'form' as Step,
    intro: '',
    attributes: [] as ReturnType<typeof screenOf>['attributes'],
    angles: [] as ReturnType<typeof screenOf>['angles'],
    responsibilities: [] as ReturnType<typeof screenOf>['responsibilities'],
    responsibilityError: '',
    place: null as ReturnType<typeof screenOf>['place'] | null,
    note: '',
    noteCount: '',
    noteError: '',
    summary: [] as ReturnType<typeof screenOf>['summary'],
    answers: [] as ReturnType<typeof screenOf>['answers'],
    done: null as ReturnType<typeof screenOf>['done'],
    placeNotice: '',
    submitError: '',
    busy: false,
  },
  methods: {
    async onLoad(query: Query) {
      const kept: Query = { ...query };
      states.set(this, { query: kept, known: null, form: emptyForm(), step: 'form', errors: {}, tried: false, restored: false, done: null, busy: false });
      await openPage(this, { route: ROUTE, query: kept, title: accidentText.t('acTitle'), loadingText: text.t('loading'), load: () => this.load() });
    },
    onUnload() {
      states.delete(this);
    },
    async load() {
      const state = states.get(this);
      if (!state) return;
      try {
        if (!state.known) {
          const [service, districts] = await Promise.all([getAccidentService(), listDistricts()]);
          state.known = { service, districts: districts.items };
        }
        if (!state.restored) {
          state.restored = true;
          const form = restored(state.known);
          // WeChat may have cleared a saved photo meanwhile: that angle is taken again.
          const kept = await Promise.all(Object.entries(form.slots).map(async ([angle, slot]) => ((await fileExists(slot.path)) ? angle : '')));
          Object.keys(form.slots).filter((angle) => !kept.includes(angle)).forEach((angle) => {
            if (isAngle(angle)) delete form.slots[angle];
          });
          state.form = form;
        }
        if (states.has(this)) this.render(state, { retryText: text.t('retry'), status: 'ready' });
      } catch (err) {
        if (states.has(this)) await loadFailed(this, err, (e) => loadErrorView(e, 'acHome'));
      }
    },
    render(state: PageState, extra: Record<string, unknown> = {}) {
      if (!state.known) return;
      this.setData({
        t: { ...accidentText.pick(WORD_KEYS), ...text.pick(['errorSummaryTitle']) },
        ...screenOf(state.known, state.form, state.step, state.errors, state.tried, state.done),
        busy: state.busy,
        ...extra,
      });
    },
    /** A change: kept in the draft; an error already shown follows what is typed or chosen. */
    changed(field: string, complete: boolean, extra: Record<string, unknown> = {}) {
      const state = states.get(this);
      if (!state?.known) return;
      keepDraft(state.form);
      state.errors = errorsAfter(state.known, state.errors, field, state.form, complete);
      this.render(state, extra);
    },
    editable(): PageState | null {
      const state = states.get(this);
      return state?.known && !state.busy && state.step === 'form' ? state : null;
    },
    onAttribute(e: Typed) {
      const state = this.editable();
      const code = e.currentTarget.dataset.code ?? '';
      if (!state?.known || !attributesOf(state.known.service).some((a) => a.code === code)) return;
      state.form.values = { ...state.form.values, [code]: e.detail.value.slice(0, INPUT_MAX * 4) };
      this.changed(attributeField(code), false);
    },
    onBlur(e: Typed) {
      if (this.editable()) this.changed(e.currentTarget.dataset.field ?? '', true);
    },
    pickOption(e: Tap) {
      const state = this.editable();
      const { code, key } = e.currentTarget.dataset;
      const attribute = state?.known ? attributesOf(state.known.service).find((a) => a.code === code) : undefined;
      if (!state || !attribute?.values?.some((v) => v.key === key)) return;
      const chosen = (state.form.values[code] ?? '').split(',').filter(Boolean);
      const next = attribute.datatype === 'multivaluelist' ? (chosen.includes(key) ? chosen.filter((k) => k !== key) : [...chosen, key]) : [key];
      state.form.values = { ...state.form.values, [code]: next.join(',') };
      this.changed(attributeField(code), true);
    },
    async takePhoto(e: Tap) {
      const state = this.editable();
      const angle = e.currentTarget.dataset.angle;
      if (!state?.known || !isAngle(angle)) return;
      const choice = await takePhoto(state.form.slots[angle]);
      if (!choice || !states.has(this)) return;
      if ('problem' in choice) {
        state.errors = { ...state.errors, [angleField(angle)]: wordsOf(state.known, angleField(angle), choice.problem) };
        this.render(state);
        return;
      }
      // Another photo: uploaded afresh, and the report it makes is another one.
      state.form.slots = { ...state.form.slots, [angle]: choice.slot };
      this.changed(angleField(angle), true);
    },
    pickResponsibility(e: Tap) {
      const state = this.editable();
      const id = e.currentTarget.dataset.id;
      if (!state || !isResponsibility(id)) return;
      state.form.responsibility = id;
      this.changed('accident.responsibility', true);
    },
    /** "Use where I am": refused, unknown or outside the city, the person picks a district and types the address instead. */
    async useLocation() {
      const state = this.editable();
      if (!state?.known) return;
      state.busy = true;
      const point = await currentLocation();
      state.busy = false;
      if (!states.has(this)) return;
      const inCity = point ? districtAt(state.known.districts, point.lat, point.long) : undefined;
      state.form = point && inCity ? { ...state.form, mode: 'point', lat: point.lat, long: point.long } : { ...state.form, mode: 'address', lat: null, long: null };
      keepDraft(state.form);
      state.errors = errorsAfter(state.known, state.errors, 'location', state.form, false);
      if (point && !inCity) state.errors = { ...state.errors, location: wordsOf(state.known, 'location', 'OUTSIDE_CITY') };
      this.render(state, { placeNotice: point ? '' : accidentText.t('acLocationRefused') });
    },
    typeAddress() {
      const state = this.editable();
      if (!state) return;
      state.form = { ...state.form, mode: 'address', lat: null, long: null };
      this.changed('location', false, { placeNotice: '' });
    },
    pickDistrict(e: Tap) {
      const state = this.editable();
      const code = e.currentTarget.dataset.code;
      if (!state?.known?.districts.some((d) => d.code === code)) return;
      state.form.district = code;
      this.changed('location.district', true);
    },
    onAddress(e: Typed) {
      const state = this.editable();
      if (!state) return;
      state.form.address = e.detail.value.slice(0, ADDRESS_MAX);
      this.changed('location.address', false);
    },
    onNote(e: Typed) {
      const state = this.editable();
      if (!state) return;
      state.form.note = e.detail.value.slice(0, NOTE_MAX + 1);
      this.changed('description', false);
    },
    /** "Continue": every field checked; all well, check your answers. */
    next() {
      const state = this.editable();
      if (!state?.known) return;
      state.errors = checkAll(state.known, state.form);
      state.tried = true;
      if (!Object.keys(state.errors).length) state.step = 'check';
      this.render(state, { submitError: '' });
    },
    change(e: Tap) {
      const state = states.get(this);
      if (!state || state.busy || state.step !== 'check') return;
      state.step = 'form';
      this.render(state, { focused: e.currentTarget.dataset.field, submitError: '' });
    },
    async submit() {
      const state = states.get(this);
      if (!state?.known || state.busy || state.step !== 'check') return;
      state.busy = true;
      this.setData({ busy: true, submitError: '' });
      const outcome = await submitAccident(state.known, state.form);
      state.busy = false;
      if (!states.has(this)) return;
      if (outcome.kind === 'identity') {
        await sendToIdentity(ROUTE, state.query);
        return;
      }
      if (outcome.kind === 'made') {
        state.done = outcome.answer;
        state.step = 'done';
      } else if (outcome.kind === 'fields') {
        state.step = 'form';
        state.errors = outcome.errors;
        state.tried = true;
      }
      this.render(state, { submitError: outcome.kind === 'failed' ? outcome.message : '' });
    },
    toSettle() {
      const id = states.get(this)?.done?.report.id;
      if (id) void navigateTo(buildUrl(SETTLE_PAGE, { report: id }));
    },
    /** WeChat's share: right after reporting, the other driver's link with the code; otherwise this page. */
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const done = states.get(this)?.done;
      if (!done?.invitation?.code) return { title: accidentText.t('acTitle'), path: ACCIDENT_PAGE };
      return { title: accidentText.t('acShareTitle'), path: buildUrl(CONFIRM_PAGE, { report: done.report.id, code: done.invitation.code }) };
    },
  },
});
