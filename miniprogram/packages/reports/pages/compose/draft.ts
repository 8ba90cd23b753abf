// The compose draft: one per category, flat (core/draft), saved as the person types and read once on the
// first load. Photos are files saved on the device: the draft holds only each one's path, size, upload key
// and the government's id once uploaded, never the picture; the report's key stays with the body it was
// made for, so a retry after a lost answer (or a restart) files the same report.
import { REPORT_PHOTOS_MAX, type ServiceDefinition } from '../../../../contracts/reports';
import { newIdempotencyKey } from '../../../../core/client';
import { clearDraft, readDraft, saveDraft, type DraftValue } from '../../../../core/draft';
import { DESCRIPTION_INPUT_MAX, MOBILE_INPUT_MAX, NAME_INPUT_MAX, emptyAttr, emptyForm, noPlace, noProgress, type AttrState, type ComposeForm, type Photo, type Place, type Progress } from './form';

const formOf = (serviceCode: string): string => `reports-compose.${serviceCode}`;

const isFlat = (value: unknown): value is DraftValue =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => ['string', 'number', 'boolean'].includes(typeof v));

const str = (d: DraftValue, key: string, max = 10000): string => {
  const value = d[key];
  return typeof value === 'string' ? value.slice(0, max) : '';
};
const num = (d: DraftValue, key: string): number => {
  const value = d[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
};

export function keepDraft(serviceCode: string, form: ComposeForm, progress: Progress): void {
  const value: Record<string, string | number | boolean> = {
    description: form.description,
    placeMode: form.place.mode, lat: form.place.lat, long: form.place.long, placeLabel: form.place.label, address: form.place.address, district: form.place.district,
    contactName: form.contactName, contactMobile: form.contactMobile, keepNamePrivate: form.keepNamePrivate,
    submitKey: progress.submitKey, submitBody: progress.submitBody, photoCount: progress.photos.length,
  };
  Object.keys(form.attrs).forEach((code) => {
    const a = form.attrs[code];
    value[`a.${code}`] = a.text;
    value[`m.${code}`] = a.picked.join(',');
    value[`d.${code}`] = a.date;
    value[`t.${code}`] = a.time;
  });
  progress.photos.forEach((photo, i) => {
    value[`p${i}.path`] = photo.path;
    value[`p${i}.bytes`] = photo.bytes;
    value[`p${i}.key`] = photo.key;
    value[`p${i}.id`] = photo.uploadedId;
  });
  saveDraft(formOf(serviceCode), value);
}

/** The form and progress as the draft left them, with only the extra fields the definition has now. */
export function restored(definition: ServiceDefinition): { form: ComposeForm; progress: Progress } {
  const d = readDraft(formOf(definition.service_code), isFlat);
  if (!d) return { form: emptyForm(), progress: noProgress() };
  const mode = str(d, 'placeMode');
  const place: Place = mode === 'point' || mode === 'address'
    ? { mode, lat: num(d, 'lat'), long: num(d, 'long'), label: str(d, 'placeLabel', 400), address: str(d, 'address', 400), district: str(d, 'district', 40) }
    : noPlace();
  const attrs: Record<string, AttrState> = {};
  definition.attributes.forEach((a) => {
    const keys = new Set((a.values ?? []).map((v) => v.key));
    const picked = str(d, `m.${a.code}`).split(',').filter((key) => keys.has(key));
    attrs[a.code] = { ...emptyAttr(), text: str(d, `a.${a.code}`, 2000), picked: a.datatype === 'singlevaluelist' ? picked.slice(0, 1) : picked, date: str(d, `d.${a.code}`, 10), time: str(d, `t.${a.code}`, 5) };
  });
  const photos: Photo[] = [];
  for (let i = 0; i < Math.min(num(d, 'photoCount'), REPORT_PHOTOS_MAX); i += 1) {
    const path = str(d, `p${i}.path`);
    if (path) photos.push({ path, bytes: num(d, `p${i}.bytes`), key: str(d, `p${i}.key`, 80) || newIdempotencyKey(), uploadedId: str(d, `p${i}.id`, 80) });
  }
  return {
    form: {
      description: str(d, 'description', DESCRIPTION_INPUT_MAX),
      attrs,
      place,
      contactName: str(d, 'contactName', NAME_INPUT_MAX),
      contactMobile: str(d, 'contactMobile', MOBILE_INPUT_MAX),
      keepNamePrivate: d.keepNamePrivate === true,
    },
    progress: { photos, submitKey: str(d, 'submitKey', 80), submitBody: str(d, 'submitBody', 40000) },
  };
}

export const dropDraft = (serviceCode: string): void => clearDraft(formOf(serviceCode));
