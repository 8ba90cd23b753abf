// What the compose page shows for what it knows, for one setData: the category, the place (the point with
// its district, or the typed address with the districts to choose from), the description with its counter,
// each extra field by its datatype, the photos, the contact, the errors and their summary; then the open
// reports nearby, check your answers, or the confirmation with the reference and what happens next.
import { DESCRIPTION_MAX_CHARS, REPORT_PHOTOS_MAX, type AttributeDatatype, type CreateReportResponse, type District, type NearbyReport, type ServiceDefinition } from '../../../../contracts/reports';
import { errorView, type SummaryItem } from '../../../../core/form';
import { reportsText } from '../../i18n';
import { local } from '../../service';
import { expectedText, nextTexts, statusText } from '../../status';
import { STRING_MAX, TEXT_MAX, answersOf, attrField, attrOf, charCount, fieldsOf, placeText, sortedAttributes, type Answer, type ComposeForm, type Errors, type Photo } from './form';

export type Step = 'none' | 'form' | 'nearby' | 'check' | 'done';

/** The page's own words (the rest come with the view). */
export const WORD_KEYS = [
  'rpNoService', 'rpChooseService', 'rpPlace', 'rpPlaceHint', 'rpChoosePoint', 'rpMyLocation', 'rpTypeAddress', 'rpAddress', 'rpAddressHint', 'rpDistrict',
  'rpDescription', 'rpDescriptionHint', 'rpDetails', 'rpOptional', 'rpPhotos', 'rpPhotosHint', 'rpAddPhotos', 'rpRemovePhoto', 'rpContact', 'rpContactHint', 'rpContactName',
  'rpContactMobile', 'rpKeepNamePrivate', 'rpContinue', 'rpNearbyHeading', 'rpNearbyIntro', 'rpFollowThis', 'rpOpenThis', 'rpReportNew', 'rpCheckHeading', 'rpChange',
  'rpSubmit', 'rpSubmitting', 'rpDoneTitle', 'rpReference', 'rpDepartment', 'rpNextHeading', 'rpOpenReport', 'rpMine', 'rpDatePick', 'rpTimePick',
] as const;

export interface ChoiceView { key: string; name: string; selected: boolean }
export interface AttrView {
  code: string;
  field: string;
  datatype: AttributeDatatype;
  label: string;
  optional: boolean;
  text: string;
  inputType: string;
  maxlength: number;
  values: ChoiceView[];
  date: string;
  time: string;
  error: string;
}
export interface PhotoView { path: string; alt: string; remove: string }
export interface NearbyView { id: string; excerpt: string; status: string; distance: string; followers: string; mine: boolean; following: boolean }
export interface DoneView { id: string; reference: string; department: string; phone: string; expected: string; next: string[] }

export interface Known {
  definition: ServiceDefinition | null;
  districts: readonly District[];
  form: ComposeForm;
  photos: readonly Photo[];
  step: Step;
  errors: Errors;
  tried: boolean;
  nearby: readonly NearbyReport[];
  filed: CreateReportResponse | null;
}

function attrViews(definition: ServiceDefinition, form: ComposeForm, errors: Errors): AttrView[] {
  return sortedAttributes(definition).map((a) => {
    const value = attrOf(form, a.code);
    const field = attrField(a.code);
    return {
      code: a.code,
      field,
      datatype: a.datatype,
      label: local(a.description),
      optional: !a.required,
      text: value.text,
      inputType: a.datatype === 'number' ? 'digit' : 'text',
      maxlength: a.datatype === 'text' ? TEXT_MAX : STRING_MAX,
      values: (a.values ?? []).map((v) => ({ key: v.key, name: local(v.name), selected: value.picked.includes(v.key) })),
      date: value.date,
      time: value.time,
      error: errors[field] ?? '',
    };
  });
}

function counterOf(description: string): { text: string; over: boolean } {
  const left = DESCRIPTION_MAX_CHARS - charCount(description);
  return left >= 0 ? { text: reportsText.t('rpCharsLeft', { count: left }), over: false } : { text: reportsText.t('rpCharsOver', { count: -left }), over: true };
}

const nearbyView = (n: NearbyReport): NearbyView => ({
  id: n.id,
  excerpt: n.excerpt,
  status: statusText(n.status),
  distance: reportsText.t('rpMetresAway', { metres: Math.round(n.distanceMetres) }),
  followers: n.followers ? reportsText.t('rpFollowers', { count: n.followers }) : '',
  mine: n.mine,
  following: n.following,
});

function doneView(filed: CreateReportResponse): DoneView {
  const r = filed.report;
  const department = local(r.department.name);
  return {
    id: r.id,
    reference: r.reference,
    department,
    phone: reportsText.t('rpPhone', { phone: r.department.phone }),
    expected: expectedText(r.sla.expectedBy, r.sla.overdue),
    next: nextTexts(r.next, department, r.sla.expectedBy),
  };
}

export function screenOf(k: Known) {
  const shown = errorView<string>(fieldsOf(k.definition), k.errors);
  const counter = counterOf(k.form.description);
  const d = k.definition;
  return {
    step: k.step,
    serviceName: d ? local(d.service_name) : '',
    serviceHint: d ? reportsText.t('rpServiceHint', { description: local(d.description), department: local(d.department.name) }) : '',
    form: { description: k.form.description, address: k.form.place.address, contactName: k.form.contactName, contactMobile: k.form.contactMobile, keepNamePrivate: k.form.keepNamePrivate },
    counter: counter.text,
    counterOver: counter.over,
    attrs: d ? attrViews(d, k.form, k.errors) : [],
    placeMode: k.form.place.mode,
    placeText: k.form.place.mode === 'point' ? placeText(k.form.place, k.districts) : '',
    districts: k.form.place.mode === 'address' ? k.districts.map((x) => ({ key: x.code, name: local(x.name), selected: x.code === k.form.place.district })) : [],
    photos: k.photos.map((p, i): PhotoView => ({ path: p.path, alt: reportsText.t('rpPhotoAlt', { n: i + 1 }), remove: reportsText.t('rpRemovePhotoOf', { n: i + 1 }) })),
    photoCount: reportsText.t('rpPhotoRoom', { count: k.photos.length, max: REPORT_PHOTOS_MAX }),
    errors: shown.errors,
    summary: (k.tried ? shown.summary : []) as SummaryItem<string>[],
    nearby: k.step === 'nearby' ? k.nearby.map(nearbyView) : [],
    answers: (k.step === 'check' && d ? answersOf(d, k.form, k.photos, k.districts) : []) as Answer[],
    done: k.step === 'done' && k.filed ? doneView(k.filed) : null,
  };
}
