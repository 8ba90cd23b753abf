// The other driver (?report=&code=, from the link the reporter shared; the code may be typed instead),
// verified with their own identity: the code, their own plate, and whether they agree. Agreeing settles
// responsibility; disagreeing sends the case to the police's online review. A code of another accident
// is said beside the code, a plate that is not the one reported beside the plate.
import type { Report } from '../../../../contracts/reports';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { sendToIdentity, type Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { openPage, servicePage } from '../../../../core/page';
import { checkPlate, normalisePlate } from '../../../../core/plates';
import { text } from '../../../../i18n/main';
import { accidentText, accidentWords } from '../../i18n';
import { confirmAccident } from '../../service';

const ROUTE = 'packages/accident/pages/confirm/confirm';
const CODE_LENGTH = 8;
const CODE_INPUT_MAX = 12;
const PLATE_INPUT_MAX = 12;

const KEYS = [
  'acConfirmTitle', 'acConfirmIntro', 'acConfirmNoLink', 'acConfirmCode', 'acConfirmCodeHint', 'acConfirmPlate', 'acConfirmPlateHint', 'acConfirmAgree',
  'acConfirmDisagree', 'acBusy', 'acReference', 'acNextHeading', 'acOwnPlate', 'acOtherPlate',
] as const;

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { agree: string }>;

interface PageState { query: Query; report: string; key: string; busy: boolean }
const states = new WeakMap<object, PageState>();

const compact = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();
const spaced = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1 ');

function codeProblem(typed: string): string {
  const code = compact(typed);
  if (!code) return accidentText.t('field.code.REQUIRED');
  return code.length === CODE_LENGTH ? '' : accidentText.t('field.code.CODE_LENGTH', { count: code.length });
}

function plateProblem(typed: string): string {
  const plate = normalisePlate(typed);
  const problem = checkPlate(plate, Array.from(plate).length === 8 ? 'new-energy' : 'regular');
  return problem ? accidentWords.t(`field.plate.${problem}`, { label: accidentText.t('acConfirmPlate') }) : '';
}

/** What the other driver sees once they answered. */
function resultOf(report: Report) {
  const agreed = report.accident?.confirmation === 'agreed';
  return {
    text: accidentText.t(agreed ? 'acConfirmAgreed' : 'acConfirmDisagreed'),
    reference: report.reference,
    own: report.accident?.plates.own ?? '',
    other: report.accident?.plates.other ?? '',
    next: report.next.map((step) => accidentText.t(`acNext.${step}`)),
  };
}

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    limits: { code: CODE_INPUT_MAX, plate: PLATE_INPUT_MAX },
    hasReport: false,
    code: '',
    plate: '',
    codeError: '',
    plateError: '',
    notice: '',
    result: null as ReturnType<typeof resultOf> | null,
    busy: false,
  },
  methods: {
    async onLoad(query: Query) {
      const kept: Query = { ...query };
      states.set(this, { query: kept, report: query.report ?? '', key: newIdempotencyKey(), busy: false });
      await openPage(this, {
        route: ROUTE,
        query: kept,
        title: accidentText.t('acConfirmTitle'),
        loadingText: text.t('loading'),
        // Nothing to fetch: the report is the other driver's until this one answers.
        load: async () => {
          const state = states.get(this);
          if (state) this.setData({ t: accidentText.pick(KEYS), status: 'ready', hasReport: Boolean(state.report), code: spaced(compact(query.code ?? '')).slice(0, CODE_INPUT_MAX) });
        },
      });
    },
    onUnload() {
      states.delete(this);
    },
    onCode(e: WechatMiniprogram.Input) {
      const code = e.detail.value.slice(0, CODE_INPUT_MAX);
      this.setData({ code, codeError: this.data.codeError ? codeProblem(code) : '' });
    },
    onPlate(e: WechatMiniprogram.Input) {
      const plate = e.detail.value.slice(0, PLATE_INPUT_MAX);
      this.setData({ plate, plateError: this.data.plateError ? plateProblem(plate) : '' });
    },
    async answer(e: Tap) {
      const state = states.get(this);
      if (!state || state.busy || !state.report || this.data.result) return;
      const codeError = codeProblem(this.data.code);
      const plateError = plateProblem(this.data.plate);
      if (codeError || plateError) {
        this.setData({ codeError, plateError, notice: '' });
        return;
      }
      state.busy = true;
      this.setData({ busy: true, codeError: '', plateError: '', notice: '' });
      try {
        const report = await confirmAccident(state.report, { code: compact(this.data.code), plate: normalisePlate(this.data.plate), agree: e.currentTarget.dataset.agree === 'yes' }, state.key);
        state.busy = false;
        this.setData({ busy: false, result: resultOf(report) });
      } catch (err) {
        state.busy = false;
        await this.refused(err);
      }
    },
    /** A refusal about the code goes beside it, about the plate beside the plate; the network keeps all and the same tap retries. */
    async refused(err: unknown) {
      const state = states.get(this);
      if (!state) return;
      if (err instanceof ServiceError && err.needsIdentity) {
        await sendToIdentity(ROUTE, state.query);
        return;
      }
      const message = errorMessage(err, accidentWords);
      if (!(err instanceof ServiceError) || err.transient) {
        this.setData({ busy: false, notice: message });
        return;
      }
      state.key = newIdempotencyKey();
      if (err.fields.plate) this.setData({ busy: false, plateError: accidentWords.t(`field.plate.${err.fields.plate}`, { label: accidentText.t('acConfirmPlate') }) });
      else if (err.code.startsWith('INVITATION_') || err.code === 'NOT_FOUND') this.setData({ busy: false, codeError: message });
      else this.setData({ busy: false, notice: message });
    },
  },
});
