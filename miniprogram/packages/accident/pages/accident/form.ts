// The accident form, apart from the page: its fields (with the government's names: the definition's
// attributes, one photo per angle, responsibility, the place, a note), what each accepts, the words for
// each reason, the request it sends, check your answers, and the draft: every answer, the saved photos'
// paths and sizes with their upload keys and ids, and the report's key for the body it was made for.
import {
  ACCIDENT_ANGLES, ADDRESS_MAX_CHARS, DESCRIPTION_MAX_CHARS, RESPONSIBILITIES, type AccidentAngle, type AttributeDefinition, type AttributeInput,
  type CreateReportRequest, type District, type LocationInput, type Responsibility, type ServiceDefinition,
} from '../../../../contracts/reports';
import { clearDraft, readDraft, saveDraft, type DraftValue } from '../../../../core/draft';
import { fieldMessages } from '../../../../core/messages';
import { checkPlate, normalisePlate } from '../../../../core/plates';
import { accidentText, accidentWords } from '../../i18n';
import { districtAt } from '../../../../contracts/reports';
import type { Slot } from '../../photos';
import { local } from '../../service';

export type PlaceMode = 'point' | 'address';
export type Slots = Partial<Record<AccidentAngle, Slot>>;

export interface AccidentForm {
  /** By attribute code: the text typed or the key chosen (a multivaluelist's keys joined by commas). */
  values: Record<string, string>;
  responsibility: Responsibility | '';
  mode: PlaceMode | '';
  lat: number | null;
  long: number | null;
  district: string;
  address: string;
  note: string;
  slots: Slots;
  /** The report's key, for the body it was made for: a retry of the same answers makes one report. */
  reportKey: string;
  reportBody: string;
}

/** What the government told us the form is: the service definition and the city's districts. */
export interface Known { service: ServiceDefinition; districts: readonly District[] }

export const INPUT_MAX = 40;
export const NOTE_MAX = DESCRIPTION_MAX_CHARS;
export const ADDRESS_MAX = ADDRESS_MAX_CHARS;

export const emptyForm = (): AccidentForm => ({ values: {}, responsibility: '', mode: '', lat: null, long: null, district: '', address: '', note: '', slots: {}, reportKey: '', reportBody: '' });

export const attributeField = (code: string): string => `attributes.${code}`;
export const angleField = (angle: AccidentAngle): string => `accident.angles.${angle}`;
export const isAngle = (value: unknown): value is AccidentAngle => ACCIDENT_ANGLES.some((a) => a === value);
export const isResponsibility = (value: unknown): value is Responsibility => RESPONSIBILITIES.some((r) => r === value);
export const attributesOf = (service: ServiceDefinition): AttributeDefinition[] => [...service.attributes].sort((a, b) => a.order - b.order);

/** Every field in the form's order. */
export const fieldsOf = (k: Known): string[] => [
  ...attributesOf(k.service).map((a) => attributeField(a.code)), ...ACCIDENT_ANGLES.map(angleField), 'accident.responsibility', 'location', 'location.district', 'location.address', 'description',
];

const chars = (text: string): number => Array.from(text.trim()).length;
const plateKind = (plate: string) => (Array.from(plate).length === 8 ? 'new-energy' : 'regular');
const platesOf = (k: Known): AttributeDefinition[] => attributesOf(k.service).filter((a) => a.format === 'plate');

function attributeProblem(k: Known, a: AttributeDefinition, form: AccidentForm, complete: boolean): string | null {
  const value = (form.values[a.code] ?? '').trim();
  if (!value) return complete && a.required ? (a.format === 'plate' ? 'REQUIRED' : 'ATTRIBUTE_REQUIRED') : null;
  if (a.format === 'plate') {
    const plate = normalisePlate(value);
    const problem = complete ? checkPlate(plate, plateKind(plate)) : null;
    if (problem) return problem;
    // Two plates the same: said on the later one.
    const plates = platesOf(k);
    const earlier = plates.slice(0, plates.findIndex((b) => b.code === a.code)).map((b) => normalisePlate(form.values[b.code] ?? ''));
    return complete && earlier.includes(plate) ? 'PLATES_SAME' : null;
  }
  if (a.datatype === 'number') {
    const n = Number(value);
    if (!Number.isFinite(n)) return 'ATTRIBUTE_TYPE';
    return (a.min !== undefined && n < a.min) || (a.max !== undefined && n > a.max) ? 'ATTRIBUTE_VALUE' : null;
  }
  return null;
}

/** Why a field is not acceptable yet (a reason code), or null; while typing only a shape already wrong. */
export function problemOf(k: Known, field: string, form: AccidentForm, complete: boolean): string | null {
  const attribute = attributesOf(k.service).find((a) => attributeField(a.code) === field);
  if (attribute) return attributeProblem(k, attribute, form, complete);
  const angle = ACCIDENT_ANGLES.find((a) => angleField(a) === field);
  if (angle) return complete && !form.slots[angle] ? 'PHOTO_ANGLE_MISSING' : null;
  const address = form.mode === 'address';
  switch (field) {
    case 'accident.responsibility':
      return complete && !form.responsibility ? 'REQUIRED' : null;
    case 'location':
      if (!form.mode) return complete ? 'REQUIRED' : null;
      return form.mode === 'point' && form.lat !== null && form.long !== null && !districtAt(k.districts, form.lat, form.long) ? 'OUTSIDE_CITY' : null;
    case 'location.district':
      return address && complete && !k.districts.some((d) => d.code === form.district) ? 'REQUIRED' : null;
    case 'location.address':
      if (chars(form.address) > ADDRESS_MAX) return 'TOO_LONG';
      return address && complete && !chars(form.address) ? 'REQUIRED' : null;
    case 'description':
      return chars(form.note) > NOTE_MAX ? 'TOO_LONG' : null;
    default:
      return null;
  }
}

/** A reason (ours or the government's) in words for its field. */
export function wordsOf(k: Known, field: string, reason: string): string {
  const has = (key: string) => accidentWords.has(key);
  const attribute = attributesOf(k.service).find((a) => attributeField(a.code) === field);
  if (attribute) {
    const label = local(attribute.description);
    if (attribute.format === 'plate' && has(`field.plate.${reason}`)) return accidentWords.t(`field.plate.${reason}`, { label });
    return accidentWords.t(has(`field.attribute.${reason}`) ? `field.attribute.${reason}` : 'field.attribute.ATTRIBUTE_TYPE', { label });
  }
  const angle = ACCIDENT_ANGLES.find((a) => angleField(a) === field);
  if (angle) return accidentWords.t(has(`field.angle.${reason}`) ? `field.angle.${reason}` : 'field.angle.PHOTO_UNREADABLE', { angle: accidentText.t(`acAngle.${angle}`) });
  return fieldMessages({ [field]: reason }, accidentWords)[field];
}

/** Reasons by field in words, the form's own fields only (the government's too). */
export function errorsOf(k: Known, reasons: Readonly<Record<string, string>>): Record<string, string> {
  const errors: Record<string, string> = {};
  fieldsOf(k).forEach((field) => {
    if (reasons[field]) errors[field] = wordsOf(k, field, reasons[field]);
  });
  return errors;
}

/** Every field checked as on "Continue". */
export function checkAll(k: Known, form: AccidentForm): Record<string, string> {
  const reasons: Record<string, string> = {};
  fieldsOf(k).forEach((field) => {
    const problem = problemOf(k, field, form, true);
    if (problem) reasons[field] = problem;
  });
  return errorsOf(k, reasons);
}

/** The errors after a change to one field: checked fully when it already shows an error, or when the person left it. */
export function errorsAfter(k: Known, errors: Record<string, string>, field: string, form: AccidentForm, complete: boolean): Record<string, string> {
  const next = { ...errors };
  const plates = platesOf(k).map((a) => attributeField(a.code));
  const touched = field.startsWith('location') ? ['location', 'location.district', 'location.address'] : plates.includes(field) ? plates : [field];
  touched.forEach((name) => {
    // Another plate than the one changed: its error follows, and it is told when both are now the same.
    const full = name === field ? complete || Boolean(errors[name]) : Boolean(errors[name]) || problemOf(k, name, form, true) === 'PLATES_SAME';
    const problem = problemOf(k, name, form, full);
    if (problem) next[name] = wordsOf(k, name, problem);
    else delete next[name];
  });
  return next;
}

/** An answer as the government takes it, or undefined when nothing was given. */
function valueOf(a: AttributeDefinition, raw: string): AttributeInput | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  if (a.format === 'plate') return normalisePlate(text);
  if (a.datatype === 'number') return Number(text);
  return a.datatype === 'multivaluelist' ? text.split(',').filter(Boolean) : text;
}

/** An answer in words: a list's names, a plate as normalised. */
export function answerText(a: AttributeDefinition, raw: string): string {
  const value = valueOf(a, raw);
  if (value === undefined) return '';
  const keys = Array.isArray(value) ? value : [String(value)];
  return a.values ? keys.map((key) => local(a.values?.find((v) => v.key === key)?.name ?? { zh: key, en: key })).join(accidentText.t('acJoin')) : keys.join(accidentText.t('acJoin'));
}

export function locationOf(form: AccidentForm): LocationInput {
  const address = form.address.trim();
  if (form.mode === 'point' && form.lat !== null && form.long !== null) return { lat: form.lat, long: form.long, ...(address ? { address } : {}) };
  return { address, district: form.district };
}

/** What is sent; only called once every field is acceptable and every photo has its id. */
export function requestOf(k: Known, form: AccidentForm): CreateReportRequest {
  const attributes: Record<string, AttributeInput> = {};
  const said: string[] = [];
  attributesOf(k.service).forEach((a) => {
    const value = valueOf(a, form.values[a.code] ?? '');
    if (value === undefined) return;
    attributes[a.code] = value;
    if (a.values) said.push(answerText(a, form.values[a.code] ?? ''));
  });
  const photoIds = ACCIDENT_ANGLES.map((angle) => form.slots[angle]?.uploadedId ?? '');
  return {
    serviceCode: k.service.service_code,
    // Without a note the police read the service and the answers chosen.
    description: form.note.trim() || accidentText.t('acAutoDescription', { service: local(k.service.service_name), answers: said.join(accidentText.t('acJoin')) }),
    location: locationOf(form),
    photoIds,
    attributes,
    accident: { responsibility: form.responsibility || 'police-review', angles: ACCIDENT_ANGLES.map((angle, i) => ({ photoId: photoIds[i], angle })) },
  };
}

// ---- the draft ----

const DRAFT_FORM = 'accident-report';
const isFlat = (value: unknown): value is Readonly<Record<string, string | number | boolean>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => ['string', 'number', 'boolean'].includes(typeof v));

export function keepDraft(form: AccidentForm): void {
  const value: Record<string, string | number | undefined> = {
    responsibility: form.responsibility, mode: form.mode, lat: form.lat ?? undefined, long: form.long ?? undefined, district: form.district, address: form.address,
    note: form.note, reportKey: form.reportKey, reportBody: form.reportBody,
  };
  Object.keys(form.values).forEach((code) => {
    value[`a.${code}`] = form.values[code];
  });
  ACCIDENT_ANGLES.forEach((angle) => {
    const slot = form.slots[angle];
    if (!slot) return;
    value[`p.${angle}.path`] = slot.path;
    value[`p.${angle}.bytes`] = slot.bytes;
    value[`p.${angle}.key`] = slot.key;
    value[`p.${angle}.id`] = slot.uploadedId;
  });
  const kept: DraftValue = value;
  saveDraft(DRAFT_FORM, kept);
}

/** The form as the draft left it (photos whose files are gone are dropped by the page). */
export function restored(k: Known): AccidentForm {
  const d = readDraft(DRAFT_FORM, isFlat);
  if (!d) return emptyForm();
  const text = (key: string, max = NOTE_MAX): string => (typeof d[key] === 'string' ? String(d[key]).slice(0, max) : '');
  const number = (key: string): number | null => (typeof d[key] === 'number' ? Number(d[key]) : null);
  const values: Record<string, string> = {};
  attributesOf(k.service).forEach((a) => {
    if (text(`a.${a.code}`)) values[a.code] = text(`a.${a.code}`, INPUT_MAX * 4);
  });
  const slots: Slots = {};
  ACCIDENT_ANGLES.forEach((angle) => {
    const path = text(`p.${angle}.path`);
    const bytes = number(`p.${angle}.bytes`);
    if (path && bytes) slots[angle] = { path, bytes, key: text(`p.${angle}.key`), uploadedId: text(`p.${angle}.id`) };
  });
  const mode = text('mode');
  const responsibility = text('responsibility');
  return {
    values,
    responsibility: isResponsibility(responsibility) ? responsibility : '',
    mode: mode === 'point' || mode === 'address' ? mode : '',
    lat: number('lat'),
    long: number('long'),
    district: text('district'),
    address: text('address', ADDRESS_MAX),
    note: text('note'),
    slots,
    reportKey: text('reportKey'),
    reportBody: text('reportBody'),
  };
}

export const dropDraft = (): void => clearDraft(DRAFT_FORM);
