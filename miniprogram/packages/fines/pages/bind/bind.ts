// Bind a vehicle: province picker plus the rest of the plate, plate type, last 6 of the VIN.
// Shape is checked here for quick feedback; whether it is the person's vehicle, the government decides.
import { PLATE_TYPES, type PlateType } from '../../../../contracts/fines';
import { newIdempotencyKey } from '../../../../core/client';
import { isLargeText } from '../../../../core/display';
import { ServiceError } from '../../../../core/errors';
import { buildUrl, passGate, sendToIdentity } from '../../../../core/gate';
import { errorMessage, fieldMessages } from '../../../../core/messages';
import { PROVINCES, checkPlate, checkVinLast6, normalisePlate, normaliseVin, plateLength } from '../../../../core/plates';
import { readStorageSync, removeStorageSync, writeStorageSync } from '../../../../core/storage';
import { redirectTo, setNavigationTitle, showToast } from '../../../../core/wx';
import { bindVehicle } from '../../../../services/fines';
import { finesText, finesWords } from '../../i18n';

const ROUTE = 'packages/fines/pages/bind/bind';
const NOTICES_PAGE = '/packages/fines/pages/notices/notices';
const DRAFT_KEY = 'fines.bind-draft';
const KEYS = [
  'bindIntro', 'bindPlateType', 'bindPlate', 'bindProvince', 'bindVin', 'bindVinPlaceholder', 'bindVinHint', 'bindSubmit', 'bindSubmitting', 'bindErrorSummary',
] as const;
const FIELD_ORDER = ['plateType', 'plate', 'vinLast6'] as const;

type Field = (typeof FIELD_ORDER)[number];
interface Draft { province: number; rest: string; plateType: PlateType; vin: string }
interface TypeView { id: PlateType; name: string; selected: boolean }
interface SummaryLine { field: Field; text: string }

const typeName = (type: PlateType): string => finesText.t(`plateType.${type}`);
const typesFor = (selected: PlateType): TypeView[] => PLATE_TYPES.map((id) => ({ id, name: typeName(id), selected: id === selected }));
const restMax = (type: PlateType): number => plateLength(type === 'new-energy' ? 'new-energy' : 'regular') - 1;
const cleanRest = (raw: string, type: PlateType): string => normalisePlate(raw).replace(/[^A-Z0-9]/g, '').slice(0, restMax(type));

/** The key for the form as it is now: a retry of the same form reuses it, an edit makes a new one. */
const attempts = new WeakMap<object, { body: string; key: string }>();
const submitting = new WeakSet<object>();

Component({
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    provinces: [...PROVINCES] as string[],
    province: 0,
    rest: '',
    restMax: 6,
    restPlaceholder: '',
    types: [] as TypeView[],
    vin: '',
    errors: {} as Partial<Record<Field, string>>,
    summary: [] as SummaryLine[],
    busy: false,
    large: false,
  },
  methods: {
    async onLoad() {
      setNavigationTitle(finesText.t('bindTitle'));
      if (!(await passGate(ROUTE))) return;
      const draft = readStorageSync<Draft>(DRAFT_KEY);
      const plateType = draft && PLATE_TYPES.includes(draft.plateType) ? draft.plateType : 'small';
      this.setData({
        t: finesText.pick(KEYS),
        large: isLargeText(),
        province: draft && draft.province >= 0 && draft.province < PROVINCES.length ? draft.province : 0,
        rest: draft ? cleanRest(draft.rest, plateType) : '',
        vin: draft ? normaliseVin(draft.vin).slice(0, 6) : '',
        types: typesFor(plateType),
        restMax: restMax(plateType),
        restPlaceholder: finesText.t(plateType === 'new-energy' ? 'bindPlatePlaceholderEnergy' : 'bindPlatePlaceholder'),
      });
    },
    plateType(): PlateType {
      return this.data.types.find((type) => type.selected)?.id ?? 'small';
    },
    saveDraft(change: Partial<Draft>) {
      const { province, rest, vin } = this.data;
      writeStorageSync(DRAFT_KEY, { province, rest, plateType: this.plateType(), vin, ...change });
    },
    onProvince(e: WechatMiniprogram.PickerChange) {
      const province = Number(e.detail.value);
      this.saveDraft({ province });
      this.setData({ province });
    },
    onType(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: PlateType }>) {
      const plateType = e.currentTarget.dataset.id;
      if (!PLATE_TYPES.includes(plateType)) return;
      // What was typed stays; the field simply allows one more character for new energy plates.
      this.saveDraft({ plateType });
      this.setData({
        types: typesFor(plateType),
        restMax: restMax(plateType),
        restPlaceholder: finesText.t(plateType === 'new-energy' ? 'bindPlatePlaceholderEnergy' : 'bindPlatePlaceholder'),
      });
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
    showProblems(fields: Record<string, string>, summaryOnly: string) {
      const params = {
        type: typeName(this.plateType()),
        expected: restMax(this.plateType()) + 1,
        length: Array.from(`${PROVINCES[this.data.province]}${this.data.rest}`).length,
        vinLength: this.data.vin.length,
      };
      const words = fieldMessages(fields, finesWords, params);
      const errors: Partial<Record<Field, string>> = {};
      const summary: SummaryLine[] = [];
      FIELD_ORDER.forEach((field) => {
        if (words[field]) {
          errors[field] = words[field];
          summary.push({ field, text: words[field] });
        }
      });
      if (summaryOnly) summary.push({ field: 'plate', text: summaryOnly });
      this.setData({ errors, summary, busy: false });
    },
    async submit() {
      if (submitting.has(this)) return;
      const problems = this.problemsNow();
      if (Object.keys(problems).length) {
        this.showProblems(problems, '');
        return;
      }
      submitting.add(this);
      const form = { plate: `${PROVINCES[this.data.province]}${this.data.rest}`, plateType: this.plateType(), vinLast6: this.data.vin };
      const body = JSON.stringify(form);
      const previous = attempts.get(this);
      const key = previous && previous.body === body ? previous.key : newIdempotencyKey();
      attempts.set(this, { body, key });
      this.setData({ busy: true });
      try {
        const vehicle = await bindVehicle(form, key);
        removeStorageSync(DRAFT_KEY);
        showToast(finesText.t('bindDone', { plate: vehicle.plate }), 'success');
        await redirectTo(buildUrl(NOTICES_PAGE, { vehicle: vehicle.id }));
      } catch (err) {
        if (err instanceof ServiceError && err.needsIdentity) {
          await sendToIdentity(ROUTE);
          return;
        }
        const fields = err instanceof ServiceError ? err.fields : {};
        this.showProblems(fields, Object.keys(fields).length ? '' : errorMessage(err, finesWords));
      } finally {
        submitting.delete(this);
      }
    },
  },
});
