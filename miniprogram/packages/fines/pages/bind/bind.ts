// Bind a vehicle: province picker plus the rest of the plate, plate type, last 6 of the VIN.
// Shape is checked here for quick feedback; whether it is the person's vehicle, the government decides.
import { PLATE_TYPES, type PlateType } from '../../../../contracts/fines';
import { newIdempotencyKey } from '../../../../core/client';
import { clearDraft, draftShape, readDraft, saveDraft } from '../../../../core/draft';
import { ServiceError } from '../../../../core/errors';
import { errorView, errorsOf, fieldFocus, type FieldErrors, type SummaryItem } from '../../../../core/form';
import { buildUrl, sendToIdentity, type Query } from '../../../../core/gate';
import { errorMessage, fieldMessages } from '../../../../core/messages';
import { openPage, servicePage } from '../../../../core/page';
import { PROVINCES, checkPlate, checkVinLast6, normalisePlate, normaliseVin, plateLength } from '../../../../core/plates';
import { redirectTo, showToast } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { bindVehicle } from '../../../../services/fines';
import { finesText, finesWords } from '../../i18n';
import { NOTICES_PAGE } from '../../paths';

const ROUTE = 'packages/fines/pages/bind/bind';
const DRAFT_FORM = 'fines-bind';
const KEYS = [
  'bindIntro', 'bindPlateType', 'bindPlate', 'bindProvince', 'bindVin', 'bindVinPlaceholder', 'bindVinHint', 'bindSubmit', 'bindSubmitting',
] as const;
const FIELD_ORDER = ['plateType', 'plate', 'vinLast6'] as const;

type Field = (typeof FIELD_ORDER)[number];
interface Draft { province: number; rest: string; plateType: PlateType; vin: string }
interface TypeView { id: PlateType; name: string; selected: boolean }

const isDraft = draftShape({ province: 'number', rest: 'string', plateType: 'string', vin: 'string' });
const isPlateType = (value: string | undefined): value is PlateType => PLATE_TYPES.some((type) => type === value);
const typeName = (type: PlateType): string => finesText.t(`plateType.${type}`);
const typesFor = (selected: PlateType): TypeView[] => PLATE_TYPES.map((id) => ({ id, name: typeName(id), selected: id === selected }));
const restMax = (type: PlateType): number => plateLength(type === 'new-energy' ? 'new-energy' : 'regular') - 1;
const cleanRest = (raw: string, type: PlateType): string => normalisePlate(raw).replace(/[^A-Z0-9]/g, '').slice(0, restMax(type));
const typeView = (type: PlateType) => ({
  types: typesFor(type),
  restMax: restMax(type),
  restPlaceholder: finesText.t(type === 'new-energy' ? 'bindPlatePlaceholderEnergy' : 'bindPlatePlaceholder'),
});

/**
 * The query the page was opened with (for the identity detour), and the key for the form as it is now:
 * a retry of the same form reuses it, an edit makes a new one.
 */
interface PageState { query: Query; attempt?: { body: string; key: string }; submitting: boolean }
const states = new WeakMap<object, PageState>();

Component({
  behaviors: [servicePage, fieldFocus],
  data: {
    t: {} as Record<(typeof KEYS)[number] | 'errorSummaryTitle', string>,
    provinces: [...PROVINCES] as string[],
    province: 0,
    rest: '',
    restMax: 6,
    restPlaceholder: '',
    types: [] as TypeView[],
    vin: '',
    errors: {} as FieldErrors<Field>,
    summary: [] as SummaryItem<Field>[],
    busy: false,
  },
  methods: {
    async onLoad(query: Query) {
      states.set(this, { query, submitting: false });
      // Nothing to fetch: "loading" is the person's draft, read once the gate has loaded who they are.
      await openPage(this, {
        route: ROUTE,
        query,
        title: finesText.t('bindTitle'),
        loadingText: text.t('loading'),
        initial: { t: { ...finesText.pick(KEYS), ...text.pick(['errorSummaryTitle']) } },
        load: async () => this.restore(),
        reloadOnReturn: false,
      });
    },
    restore() {
      const draft = readDraft(DRAFT_FORM, isDraft);
      const plateType = isPlateType(draft?.plateType) ? draft.plateType : 'small';
      const province = draft?.province ?? 0;
      this.setData({
        province: province >= 0 && province < PROVINCES.length ? province : 0,
        rest: cleanRest(draft?.rest ?? '', plateType),
        vin: normaliseVin(draft?.vin ?? '').slice(0, 6),
        ...typeView(plateType),
      });
    },
    plateType(): PlateType {
      return this.data.types.find((type) => type.selected)?.id ?? 'small';
    },
    saveDraft(change: Partial<Draft>) {
      const { province, rest, vin } = this.data;
      saveDraft(DRAFT_FORM, { province, rest, plateType: this.plateType(), vin, ...change });
    },
    onProvince(e: WechatMiniprogram.PickerChange) {
      const province = Number(e.detail.value);
      this.saveDraft({ province });
      this.setData({ province });
    },
    onType(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const plateType = e.currentTarget.dataset.id;
      if (!isPlateType(plateType)) return;
      // What was typed stays; the field simply allows one more character for new energy plates.
      this.saveDraft({ plateType });
      this.setData(typeView(plateType));
    },
    onRest(e: WechatMiniprogram.Input) {
      const rest = normalisePlate(e.detail.value).slice(0, restMax(this.plateType()) + 1);
      this.saveDraft({ rest });
      this.setData({ rest });
      return rest;
    },
    onVin(e: WechatMiniprogram.Input) {
      const vin = normaliseVin(e.detail.value).slice(0, 7);
      this.saveDraft({ vin });
      this.setData({ vin });
      return vin;
    },
    problemsNow(): Record<string, string> {
      const plate = `${PROVINCES[this.data.province]}${this.data.rest}`;
      const problems: Record<string, string> = {};
      const plateProblem = this.data.rest ? checkPlate(plate, this.plateType() === 'new-energy' ? 'new-energy' : 'regular') : 'REQUIRED';
      if (plateProblem) problems.plate = plateProblem;
      const vinProblem = checkVinLast6(this.data.vin);
      if (vinProblem) problems.vinLast6 = vinProblem;
      return problems;
    },
    /** Field reasons beside their fields and in the summary; a problem of no field (`general`) in the summary only. */
    showProblems(fields: Record<string, string>, general: string) {
      const params = {
        type: typeName(this.plateType()),
        expected: restMax(this.plateType()) + 1,
        length: Array.from(`${PROVINCES[this.data.province]}${this.data.rest}`).length,
        vinLength: this.data.vin.length,
      };
      const errors = errorsOf(FIELD_ORDER, fieldMessages(fields, finesWords, params));
      this.setData({ ...errorView(FIELD_ORDER, errors, { field: 'plate', text: general }), busy: false });
    },
    async submit() {
      const state = states.get(this);
      if (!state || state.submitting) return;
      const problems = this.problemsNow();
      if (Object.keys(problems).length) {
        this.showProblems(problems, '');
        return;
      }
      state.submitting = true;
      const form = { plate: `${PROVINCES[this.data.province]}${this.data.rest}`, plateType: this.plateType(), vinLast6: this.data.vin };
      const body = JSON.stringify(form);
      const key = state.attempt && state.attempt.body === body ? state.attempt.key : newIdempotencyKey();
      state.attempt = { body, key };
      this.setData({ busy: true });
      try {
        const vehicle = await bindVehicle(form, key);
        clearDraft(DRAFT_FORM);
        showToast(finesText.t('bindDone', { plate: vehicle.plate }), 'success');
        await redirectTo(buildUrl(NOTICES_PAGE, { vehicle: vehicle.id }));
      } catch (err) {
        if (err instanceof ServiceError && err.needsIdentity) {
          await sendToIdentity(ROUTE, state.query);
          return;
        }
        const fields = err instanceof ServiceError ? err.fields : {};
        this.showProblems(fields, Object.keys(fields).length ? '' : errorMessage(err, finesWords));
      } finally {
        state.submitting = false;
      }
    },
  },
});
