// The compose form apart from the page: what a person has typed and chosen (the place, the description,
// every extra field of the category's definition by its datatype, the contact), the fields in the form's
// order with the government's names, the shape checks that give fast feedback (the government decides),
// the government's reasons in words beside their fields, what is sent, and check your answers.
import { ADDRESS_MAX_CHARS, DESCRIPTION_MAX_CHARS, districtAt, type AttributeDefinition, type AttributeInput, type CreateReportRequest, type District, type ServiceDefinition } from '../../../../contracts/reports';
import type { FieldErrors } from '../../../../core/form';
import { fieldMessages } from '../../../../core/messages';
import { checkPlate, normalisePlate } from '../../../../core/plates';
import type { PendingUpload } from '../../../../core/uploads';
import { checkMobile, checkPersonName, normaliseMobile } from '../../../../core/validation';
import { reportsText, reportsWords } from '../../i18n';
import { local } from '../../service';

export interface AttrState { text: string; picked: string[]; date: string; time: string }
export interface Place {
  /** point: picked on the map or where the person is; address: typed, with a district chosen. */
  mode: 'point' | 'address' | '';
  lat: number;
  long: number;
  /** What the map said of the point. */
  label: string;
  address: string;
  district: string;
}
export interface ComposeForm {
  description: string;
  attrs: Record<string, AttrState>;
  place: Place;
  contactName: string;
  contactMobile: string;
  keepNamePrivate: boolean;
}
/** A photo saved on this device, its size, its upload's key and the government's id once uploaded. */
export interface Photo extends PendingUpload { bytes: number }
export interface Progress {
  photos: Photo[];
  /** The report's key, for the body it was made for: the same body again is the same report. */
  submitKey: string;
  submitBody: string;
}

export type Errors = FieldErrors<string>;

export const STRING_MAX = 200;
export const TEXT_MAX = 2000;
export const NAME_INPUT_MAX = 30;
export const MOBILE_INPUT_MAX = 13;
/** Typing may go past the limit (the counter says by how much); beyond this it stops. */
export const DESCRIPTION_INPUT_MAX = DESCRIPTION_MAX_CHARS + 1000;

export const emptyAttr = (): AttrState => ({ text: '', picked: [], date: '', time: '' });
export const noPlace = (): Place => ({ mode: '', lat: 0, long: 0, label: '', address: '', district: '' });
export const emptyForm = (): ComposeForm => ({ description: '', attrs: {}, place: noPlace(), contactName: '', contactMobile: '', keepNamePrivate: false });
export const noProgress = (): Progress => ({ photos: [], submitKey: '', submitBody: '' });

export const attrField = (code: string): string => `attributes.${code}`;
export const attrOf = (form: ComposeForm, code: string): AttrState => form.attrs[code] ?? emptyAttr();
export const sortedAttributes = (definition: ServiceDefinition): AttributeDefinition[] => [...definition.attributes].sort((a, b) => a.order - b.order);

/** The form's fields in order, with the government's names. */
export const fieldsOf = (definition: ServiceDefinition | null): string[] =>
  ['location', 'location.address', 'location.district', 'description', ...(definition ? sortedAttributes(definition).map((a) => attrField(a.code)) : []), 'photoIds', 'contact.name', 'contact.mobile'];

/** Characters as the government counts them: code points of the trimmed text. */
export const charCount = (value: string): number => Array.from(value.trim()).length;

const isNumber = (value: string): boolean => /^-?\d+(\.\d+)?$/.test(value.trim());

/** Why an extra field is not acceptable (a reason code, worded by `field.attributes.<code>`), or null. */
export function attrProblem(a: AttributeDefinition, value: AttrState, complete: boolean): string | null {
  const text = value.text.trim();
  switch (a.datatype) {
    case 'singlevaluelist':
    case 'multivaluelist':
      return complete && a.required && !value.picked.length ? 'CHOICE_REQUIRED' : null;
    case 'datetime':
      if (!value.date && !value.time) return complete && a.required ? 'DATETIME_REQUIRED' : null;
      return complete && (!value.date || !value.time) ? 'DATETIME_PART' : null;
    case 'number':
      if (!text) return complete && a.required ? 'ATTRIBUTE_REQUIRED' : null;
      if (!isNumber(text)) return 'NUMBER_TYPE';
      return (a.min !== undefined && Number(text) < a.min) || (a.max !== undefined && Number(text) > a.max) ? 'NUMBER_RANGE' : null;
    default: {
      if (!text) return complete && a.required ? 'ATTRIBUTE_REQUIRED' : null;
      if (a.format !== 'plate' || !complete) return null;
      const plate = normalisePlate(text);
      return checkPlate(plate, Array.from(plate).length === 8 ? 'new-energy' : 'regular');
    }
  }
}

/** The government's reason for an extra field, as the code the words use for its datatype. */
function attrReason(a: AttributeDefinition, code: string): string {
  const list = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
  if (code === 'ATTRIBUTE_REQUIRED') return list ? 'CHOICE_REQUIRED' : a.datatype === 'datetime' ? 'DATETIME_REQUIRED' : code;
  if (code === 'ATTRIBUTE_TYPE') return a.datatype === 'number' ? 'NUMBER_TYPE' : a.datatype === 'datetime' ? 'DATETIME_PART' : 'ATTRIBUTE_VALUE';
  if (code === 'ATTRIBUTE_VALUE') return a.datatype === 'number' ? 'NUMBER_RANGE' : a.datatype === 'datetime' ? 'DATETIME_FUTURE' : code;
  return code;
}

const attrWords = (a: AttributeDefinition, code: string): string => {
  const key = `field.attributes.${attrReason(a, code)}`;
  const params = { name: local(a.description), min: a.min ?? '', max: a.max ?? '' };
  return reportsText.has(key) ? reportsText.t(key, params) : reportsText.t('field.attributes.ATTRIBUTE_VALUE', params);
};

/** Why a field is not acceptable (a reason code), or null; while typing (`complete` false) only a shape already wrong. */
export function problemOf(field: string, form: ComposeForm, districts: readonly District[], complete: boolean): string | null {
  const { place } = form;
  const contactGiven = Boolean(form.contactName.trim() || form.contactMobile.trim());
  switch (field) {
    case 'location':
      if (place.mode === 'point') return districtAt(districts, place.lat, place.long) ? null : 'OUTSIDE_CITY';
      return complete && !place.mode ? 'REQUIRED' : null;
    case 'location.address':
      if (place.mode !== 'address') return null;
      if (charCount(place.address) > ADDRESS_MAX_CHARS) return 'TOO_LONG';
      return complete && !place.address.trim() ? 'REQUIRED' : null;
    case 'location.district':
      return place.mode === 'address' && complete && !place.district ? 'REQUIRED' : null;
    case 'description':
      if (charCount(form.description) > DESCRIPTION_MAX_CHARS) return 'DESCRIPTION_TOO_LONG';
      return complete && !form.description.trim() ? 'DESCRIPTION_REQUIRED' : null;
    case 'contact.name': {
      if (!contactGiven) return null;
      const problem = checkPersonName(form.contactName.trim());
      return complete || problem === 'TOO_LONG' ? problem : null;
    }
    case 'contact.mobile':
      return contactGiven && complete ? checkMobile(form.contactMobile) : null;
    default:
      return null;
  }
}

/** Reasons (ours or the government's) in words beside their fields; `photo` (the upload's field) is the photos'. */
export function errorsOf(reasons: Readonly<Record<string, string>>, definition: ServiceDefinition | null, form: ComposeForm): Errors {
  const plain: Record<string, string> = {};
  const errors: Errors = {};
  Object.keys(reasons).forEach((field) => {
    const code = reasons[field];
    const attr = definition?.attributes.find((a) => attrField(a.code) === field);
    if (attr) errors[field] = attrWords(attr, code);
    else if (field === 'photo') plain.photoIds = code;
    else if (field.startsWith('location.') && field !== 'location.address' && field !== 'location.district') plain.location = code;
    else plain[field] = code;
  });
  const words = fieldMessages(plain, reportsWords, { count: charCount(form.description) - DESCRIPTION_MAX_CHARS, max: DESCRIPTION_MAX_CHARS });
  fieldsOf(definition).forEach((field) => {
    if (words[field]) errors[field] = words[field];
  });
  return errors;
}

/** Every field checked as on "Continue". */
export function problemsOf(form: ComposeForm, definition: ServiceDefinition, districts: readonly District[]): Record<string, string> {
  const reasons: Record<string, string> = {};
  fieldsOf(definition).forEach((field) => {
    const attr = definition.attributes.find((a) => attrField(a.code) === field);
    const problem = attr ? attrProblem(attr, attrOf(form, attr.code), true) : problemOf(field, form, districts, true);
    if (problem) reasons[field] = problem;
  });
  return reasons;
}

/** The errors after a change to one field: checked fully when it already shows an error or the person left it. */
export function errorsAfter(errors: Errors, field: string, form: ComposeForm, definition: ServiceDefinition, districts: readonly District[], complete: boolean): Errors {
  const full = complete || Boolean(errors[field]);
  const attr = definition.attributes.find((a) => attrField(a.code) === field);
  const problem = attr ? attrProblem(attr, attrOf(form, attr.code), full) : problemOf(field, form, districts, full);
  const next: Errors = { ...errors, ...(problem ? errorsOf({ [field]: problem }, definition, form) : {}) };
  if (!problem) delete next[field];
  return next;
}

function attrValue(a: AttributeDefinition, value: AttrState): AttributeInput | undefined {
  const text = value.text.trim();
  switch (a.datatype) {
    case 'singlevaluelist':
      return value.picked[0];
    case 'multivaluelist':
      return value.picked.length ? (a.values ?? []).map((v) => v.key).filter((key) => value.picked.includes(key)) : undefined;
    case 'datetime':
      return value.date && value.time ? `${value.date}T${value.time}:00+08:00` : undefined;
    case 'number':
      return text ? Number(text) : undefined;
    default:
      return text ? (a.format === 'plate' ? normalisePlate(text) : text) : undefined;
  }
}

/** What is sent; only called once every field is acceptable. */
export function requestOf(definition: ServiceDefinition, form: ComposeForm, photoIds: string[]): CreateReportRequest {
  const attributes: Record<string, AttributeInput> = {};
  definition.attributes.forEach((a) => {
    const value = attrValue(a, attrOf(form, a.code));
    if (value !== undefined) attributes[a.code] = value;
  });
  const { place } = form;
  const contactGiven = Boolean(form.contactName.trim() || form.contactMobile.trim());
  return {
    serviceCode: definition.service_code,
    description: form.description.trim(),
    location: place.mode === 'point' ? { lat: place.lat, long: place.long, ...(place.label ? { address: place.label.slice(0, ADDRESS_MAX_CHARS) } : {}) } : { address: place.address.trim(), district: place.district },
    photoIds,
    contact: contactGiven ? { name: form.contactName.trim(), mobile: normaliseMobile(form.contactMobile) } : null,
    keepNamePrivate: form.keepNamePrivate,
    attributes,
  };
}

/** An extra field's answer in words: the list's names, the date and time, or what was typed. */
export function attrAnswer(a: AttributeDefinition, value: AttrState): string {
  if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
    return (a.values ?? []).filter((v) => value.picked.includes(v.key)).map((v) => local(v.name)).join(reportsText.t('rpListJoin'));
  }
  if (a.datatype === 'datetime') return value.date && value.time ? `${value.date} ${value.time}` : '';
  return a.format === 'plate' ? normalisePlate(value.text) : value.text.trim();
}

/** The place in words: what the map said and its district, or the typed address and its district. */
export function placeText(place: Place, districts: readonly District[]): string {
  if (place.mode === 'point') {
    const district = districtAt(districts, place.lat, place.long);
    const where = place.label || reportsText.t('rpPointAt', { lat: place.lat.toFixed(5), long: place.long.toFixed(5) });
    return district ? `${where}（${local(district.name)}）` : where;
  }
  if (place.mode === 'address') {
    const district = districts.find((d) => d.code === place.district);
    return district ? `${local(district.name)} ${place.address.trim()}` : place.address.trim();
  }
  return '';
}

export interface Answer { field: string; label: string; value: string; change: string }

/** Check your answers: what will be sent, as the department will read it, each with its change link's name. */
export function answersOf(definition: ServiceDefinition, form: ComposeForm, photos: readonly Photo[], districts: readonly District[]): Answer[] {
  const t = reportsText.t;
  const row = (field: string, label: string, value: string): Answer => ({ field, label, value, change: t('rpChangeOf', { what: label }) });
  const rows: Answer[] = [row('service', t('rpCategory'), local(definition.service_name)), row('location', t('rpPlace'), placeText(form.place, districts)), row('description', t('rpDescription'), form.description.trim())];
  sortedAttributes(definition).forEach((a) => {
    const value = attrAnswer(a, attrOf(form, a.code));
    if (value) rows.push(row(attrField(a.code), local(a.description), value));
  });
  rows.push(row('photoIds', t('rpPhotos'), photos.length ? t('rpPhotoCount', { count: photos.length }) : t('rpNone')));
  const contactGiven = Boolean(form.contactName.trim() || form.contactMobile.trim());
  rows.push(row('contact.name', t('rpContactAnswer'), contactGiven ? `${form.contactName.trim()} ${normaliseMobile(form.contactMobile)}` : t('rpNone')));
  rows.push(row('keepNamePrivate', t('rpPrivacy'), t(form.keepNamePrivate ? 'rpNamePrivate' : 'rpNameShown')));
  return rows;
}
