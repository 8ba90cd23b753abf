// What the accident page shows for what it knows, for one setData: the definition's attributes as fields
// (plates, lists, text), the angles as a checklist with example outlines, responsibility, the place, the
// errors and their summary, check your answers, or the confirmation with the code shown once.
import { ACCIDENT_ANGLES, RESPONSIBILITIES, type AccidentAngle, type CreateReportResponse } from '../../../../contracts/reports';
import { formatCstDateTime } from '../../../../core/dates';
import { summaryOf, type SummaryItem } from '../../../../core/form';
import { accidentText } from '../../i18n';
import { local } from '../../service';
import { answerText, attributeField, attributesOf, fieldsOf, angleField, type AccidentForm, type Known } from './form';

export type Step = 'form' | 'check' | 'done';

/** The page's own words (the rest come with the view). */
export const WORD_KEYS = [
  'acIntroTitle', 'acSafety', 'acPlatesHeading', 'acAnglesHeading', 'acAnglesHint', 'acTake', 'acRetake', 'acExample', 'acRespHeading', 'acPlaceHeading',
  'acUseLocation', 'acTypeAddress', 'acDistrict', 'acAddress', 'acAddressHint', 'acNoteHeading', 'acNoteHint', 'acContinue', 'acCheckHeading', 'acChange',
  'acSubmit', 'acBusy', 'acDoneTitle', 'acMoveNow', 'acReference', 'acCodeTitle', 'acCodeHint', 'acShare', 'acNextHeading', 'acToSettle', 'acOptional',
] as const;

export type FieldKind = 'plate' | 'text' | 'number' | 'textarea' | 'single' | 'multi';
export interface Option { key: string; text: string; selected: boolean }
export interface AttributeRow { field: string; code: string; kind: FieldKind; label: string; optional: boolean; value: string; options: Option[]; error: string }
export interface AngleRow { angle: AccidentAngle; label: string; hint: string; photo: string; error: string }
export interface Choice { id: string; text: string; hint: string; selected: boolean }
export interface PlaceView { mode: string; found: string; districts: Option[]; address: string; error: string; districtError: string; addressError: string }
export interface Answer { field: string; label: string; value: string; change: string }
export interface DoneView { reference: string; code: string; spoken: string; expires: string; next: string[]; reportId: string }

export interface Screen {
  step: Step;
  intro: string;
  attributes: AttributeRow[];
  angles: AngleRow[];
  responsibilities: Choice[];
  responsibilityError: string;
  place: PlaceView;
  note: string;
  noteCount: string;
  noteError: string;
  summary: SummaryItem<string>[];
  answers: Answer[];
  done: DoneView | null;
}

function kindOf(a: { datatype: string; format?: string }): FieldKind {
  if (a.format === 'plate') return 'plate';
  if (a.datatype === 'singlevaluelist') return 'single';
  if (a.datatype === 'multivaluelist') return 'multi';
  if (a.datatype === 'text') return 'textarea';
  return a.datatype === 'number' ? 'number' : 'text';
}

const spaced = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1 ');

export function doneView(answer: CreateReportResponse): DoneView {
  const code = answer.invitation?.code ?? '';
  return {
    reference: answer.report.reference,
    code: spaced(code),
    spoken: code.split('').join(' '),
    expires: answer.invitation ? accidentText.t('acCodeExpires', { time: formatCstDateTime(answer.invitation.expiresAt) }) : '',
    next: answer.report.next.map((step) => accidentText.t(`acNext.${step}`)),
    reportId: answer.report.id,
  };
}

function placeOf(k: Known, form: AccidentForm, errors: Record<string, string>): PlaceView {
  const found = form.mode === 'point' && form.lat !== null && form.long !== null
    ? accidentText.t('acLocated', { lat: form.lat.toFixed(5), long: form.long.toFixed(5) })
    : '';
  return {
    mode: form.mode,
    found,
    districts: k.districts.map((d) => ({ key: d.code, text: local(d.name), selected: d.code === form.district })),
    address: form.address,
    error: errors.location ?? '',
    districtError: errors['location.district'] ?? '',
    addressError: errors['location.address'] ?? '',
  };
}

export function placeText(k: Known, form: AccidentForm): string {
  const address = form.address.trim();
  if (form.mode === 'point' && form.lat !== null && form.long !== null) {
    const located = accidentText.t('acLocated', { lat: form.lat.toFixed(5), long: form.long.toFixed(5) });
    return address ? `${located} ${address}` : located;
  }
  const district = k.districts.find((d) => d.code === form.district);
  return district ? `${local(district.name)} ${address}` : address;
}

/** Check your answers: what will be sent, each with its change link's name. */
export function answersOf(k: Known, form: AccidentForm): Answer[] {
  const t = accidentText.t;
  const row = (field: string, label: string, value: string): Answer => ({ field, label, value, change: t('acChangeOf', { what: label }) });
  return [
    ...attributesOf(k.service).filter((a) => (form.values[a.code] ?? '').trim()).map((a) => row(attributeField(a.code), local(a.description), answerText(a, form.values[a.code] ?? ''))),
    row(angleField(ACCIDENT_ANGLES[0]), t('acAnglesHeading'), t('acPhotosTaken', { count: ACCIDENT_ANGLES.filter((angle) => form.slots[angle]).length })),
    row('accident.responsibility', t('acRespHeading'), form.responsibility ? t(`acResp.${form.responsibility}`) : ''),
    row('location', t('acPlaceHeading'), placeText(k, form)),
    ...(form.note.trim() ? [row('description', t('acNoteHeading'), form.note.trim())] : []),
  ];
}

export function screenOf(k: Known, form: AccidentForm, step: Step, errors: Record<string, string>, tried: boolean, done: CreateReportResponse | null): Screen {
  const t = accidentText.t;
  return {
    step,
    intro: local(k.service.description),
    attributes: attributesOf(k.service).map((a) => {
      const field = attributeField(a.code);
      const value = form.values[a.code] ?? '';
      const keys = value.split(',');
      return {
        field, code: a.code, kind: kindOf(a), label: local(a.description), optional: !a.required, value, error: errors[field] ?? '',
        options: (a.values ?? []).map((v) => ({ key: v.key, text: local(v.name), selected: keys.includes(v.key) })),
      };
    }),
    angles: ACCIDENT_ANGLES.map((angle) => ({
      angle, label: t(`acAngle.${angle}`), hint: t(`acAngleHint.${angle}`), photo: form.slots[angle]?.path ?? '', error: errors[angleField(angle)] ?? '',
    })),
    responsibilities: RESPONSIBILITIES.map((id) => ({ id, text: t(`acResp.${id}`), hint: t(`acRespHint.${id}`), selected: form.responsibility === id })),
    responsibilityError: errors['accident.responsibility'] ?? '',
    place: placeOf(k, form, errors),
    note: form.note,
    noteCount: t('acNoteCount', { count: Array.from(form.note).length }),
    noteError: errors.description ?? '',
    summary: tried ? summaryOf(fieldsOf(k), errors) : [],
    answers: step === 'check' ? answersOf(k, form) : [],
    done: done ? doneView(done) : null,
  };
}
