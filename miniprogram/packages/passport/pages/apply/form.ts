// The apply page's form, apart from the page: its fields (with the government's names) and what each
// accepts, the request it sends, check your answers, and the draft: everything chosen or typed but the
// declaration, the saved photo's path and details (never its bytes), the photo's id once uploaded and the
// keys of the upload and of the application, so a retry never makes a second one.
import {
  DELIVERY_ADDRESS_LENGTH, RENEWAL_REASONS, TIME_WINDOWS, type ApplicationKind, type ExitEntryOffice, type PassportApplicationRequest, type RenewalReason, type TimeWindowId,
} from '../../../../contracts/passport';
import { clearDraft, draftShape, readDraft, saveDraft } from '../../../../core/draft';
import { errorView, type FieldErrors } from '../../../../core/form';
import { fieldMessages } from '../../../../core/messages';
import { checkMobile, checkPersonName, normaliseMobile } from '../../../../core/validation';
import { dateLong, windowText } from '../../days';
import { passportText, passportWords } from '../../i18n';
import { kilobytes, type LocalPhoto } from '../../photo';
import { local } from '../../service';

/** In the form's order, with the government's field names ('photo' also stands for its 'photoId'). */
export const FIELDS = ['renewalReason', 'photo', 'officeId', 'date', 'window', 'collection', 'delivery.recipient', 'delivery.mobile', 'delivery.address', 'declaration'] as const;
export type Field = (typeof FIELDS)[number];
export type Errors = FieldErrors<Field>;
export type Collection = 'in-person' | 'delivery';

export interface ApplyForm {
  renewalReason: RenewalReason | '';
  officeId: string;
  date: string;
  window: TimeWindowId | '';
  collection: Collection | '';
  recipient: string;
  mobile: string;
  address: string;
  declaration: boolean;
}

/** How far the submission got, kept in the draft with the form. */
export interface Progress {
  photo: LocalPhoto | null;
  /** The government's id of the photo uploaded: a retry sends only the application. */
  photoId: string;
  uploadKey: string;
  /** The application's key, for the body it was made for. */
  applyKey: string;
  applyBody: string;
}

export const NAME_INPUT_MAX = 30;
export const MOBILE_INPUT_MAX = 13;
export const ADDRESS_MAX = DELIVERY_ADDRESS_LENGTH.max;

export const emptyForm = (): ApplyForm => ({ renewalReason: '', officeId: '', date: '', window: '', collection: '', recipient: '', mobile: '', address: '', declaration: false });
export const noProgress = (): Progress => ({ photo: null, photoId: '', uploadKey: '', applyKey: '', applyBody: '' });

export const isReason = (value: unknown): value is RenewalReason => RENEWAL_REASONS.some((reason) => reason === value);
export const isCollection = (value: unknown): value is Collection => value === 'in-person' || value === 'delivery';
const windowOf = (id: unknown): TimeWindowId | '' => TIME_WINDOWS.find((w) => w.id === id)?.id ?? '';

function addressProblem(address: string): string | null {
  // Counted as the government counts: characters, not UTF-16 units.
  const length = Array.from(address.trim()).length;
  if (!length) return 'REQUIRED';
  return length < DELIVERY_ADDRESS_LENGTH.min || length > DELIVERY_ADDRESS_LENGTH.max ? 'ADDRESS_LENGTH' : null;
}

/** Why a field is not acceptable yet (a reason code), or null; while typing only a shape already wrong. */
export function problemOf(field: Field, kind: ApplicationKind, form: ApplyForm, photo: LocalPhoto | null, complete: boolean): string | null {
  const delivery = form.collection === 'delivery';
  switch (field) {
    case 'renewalReason':
      return complete && kind === 'renewal' && !form.renewalReason ? 'REQUIRED' : null;
    case 'photo':
      return complete && !photo ? 'REQUIRED' : null;
    case 'officeId':
    case 'date':
    case 'window':
    case 'collection':
      return complete && !form[field] ? 'REQUIRED' : null;
    case 'delivery.recipient': {
      const problem = delivery ? checkPersonName(form.recipient.trim()) : null;
      return !complete && problem !== 'TOO_LONG' ? null : problem;
    }
    case 'delivery.mobile':
      return delivery && complete ? checkMobile(form.mobile) : null;
    case 'delivery.address':
      return delivery && complete ? addressProblem(form.address) : null;
    default:
      return complete && !form.declaration ? 'DECLARATION_REQUIRED' : null;
  }
}

/** Reasons (ours or the government's) in words beside their fields; the government's 'photoId' is the photo's. */
export function errorsOf(reasons: Readonly<Record<string, string>>, params: Record<string, string> = {}): Errors {
  const mapped: Record<string, string> = { ...reasons };
  if (reasons.photoId && !reasons.photo) mapped.photo = reasons.photoId;
  const words = fieldMessages(mapped, passportWords, params);
  const errors: Errors = {};
  FIELDS.forEach((field) => {
    if (words[field]) errors[field] = words[field];
  });
  return errors;
}

/** Every field checked as on "Continue": the errors and their summary. */
export function checkAll(kind: ApplicationKind, form: ApplyForm, photo: LocalPhoto | null, kept: Errors) {
  const reasons: Record<string, string> = {};
  FIELDS.forEach((field) => {
    const problem = problemOf(field, kind, form, photo, true);
    if (problem) reasons[field] = problem;
  });
  // A photo refused on this device keeps its own words until another is chosen.
  const errors = errorsOf(reasons);
  return errorView(FIELDS, kept.photo && photo === null ? { ...errors, photo: kept.photo } : errors);
}

/** The errors after a change to one field: checked fully when it already shows an error, or when the person left it. */
export function errorsAfter(errors: Errors, field: Field, kind: ApplicationKind, form: ApplyForm, photo: LocalPhoto | null, complete: boolean): Errors {
  const problem = problemOf(field, kind, form, photo, complete || Boolean(errors[field]));
  const next: Errors = { ...errors, ...errorsOf(problem ? { [field]: problem } : {}) };
  if (!problem) delete next[field];
  return next;
}

/** What is sent; only called once every field is acceptable. */
export function requestOf(kind: ApplicationKind, form: ApplyForm, photoId: string): PassportApplicationRequest {
  return {
    kind,
    ...(kind === 'renewal' && form.renewalReason ? { renewalReason: form.renewalReason } : {}),
    photoId,
    officeId: form.officeId,
    date: form.date,
    window: form.window || TIME_WINDOWS[0].id,
    collection: form.collection === 'delivery' ? 'delivery' : 'in-person',
    ...(form.collection === 'delivery'
      ? { delivery: { recipient: form.recipient.trim(), mobile: normaliseMobile(form.mobile), address: form.address.trim() } }
      : {}),
    declaration: form.declaration,
  };
}

export interface Answer { field: Field | 'kind'; label: string; value: string; change: string }

/** Check your answers: what will be sent, as the office will read it, each with its change link's name. */
export function answersOf(kind: ApplicationKind, form: ApplyForm, photo: LocalPhoto | null, office: ExitEntryOffice | undefined, window: { start: string; end: string } | undefined): Answer[] {
  const t = passportText.t;
  const row = (field: Answer['field'], label: string, value: string): Answer => ({ field, label, value, change: t('applyChangeOf', { what: label }) });
  const rows: Answer[] = [];
  if (kind === 'renewal' && form.renewalReason) rows.push(row('renewalReason', t('applyReasonHeading'), t(`reason.${form.renewalReason}`)));
  if (photo) rows.push(row('photo', t('applyPhotoHeading'), t('photoDetails', { size: kilobytes(photo.bytes), width: photo.width, height: photo.height })));
  rows.push(row('officeId', t('office'), office ? `${local(office.name)}（${local(office.address)}）` : ''));
  rows.push(row('date', t('date'), dateLong(form.date)));
  rows.push(row('window', t('window'), window ? windowText(window) : ''));
  rows.push(row('collection', t('collection'), t(form.collection === 'delivery' ? 'collection.delivery' : 'collection.in-person')));
  if (form.collection === 'delivery') {
    rows.push(row('delivery.recipient', t('applyRecipient'), form.recipient.trim()));
    rows.push(row('delivery.mobile', t('applyMobile'), normaliseMobile(form.mobile)));
    rows.push(row('delivery.address', t('applyAddress'), form.address.trim()));
  }
  rows.push(row('declaration', t('applyDeclarationHeading'), t('applyDeclared')));
  return rows;
}

// ---- the draft ----

const DRAFT_FORM = 'passport-apply';
const isApplyDraft = draftShape({
  renewalReason: 'string', officeId: 'string', date: 'string', window: 'string', collection: 'string', recipient: 'string', mobile: 'string', address: 'string',
  photoPath: 'string', photoBytes: 'number', photoWidth: 'number', photoHeight: 'number', photoId: 'string', uploadKey: 'string', applyKey: 'string', applyBody: 'string',
});

/** Keeps everything but the declaration, which is made each time. */
export function keepDraft(form: ApplyForm, progress: Progress): void {
  const photo = progress.photo;
  saveDraft(DRAFT_FORM, {
    renewalReason: form.renewalReason, officeId: form.officeId, date: form.date, window: form.window, collection: form.collection,
    recipient: form.recipient, mobile: form.mobile, address: form.address,
    photoPath: photo?.path, photoBytes: photo?.bytes, photoWidth: photo?.width, photoHeight: photo?.height,
    photoId: progress.photoId, uploadKey: progress.uploadKey, applyKey: progress.applyKey, applyBody: progress.applyBody,
  });
}

/** The form and progress as the draft left them (the declaration never ticked). */
export function restored(): { form: ApplyForm; progress: Progress } {
  const d = readDraft(DRAFT_FORM, isApplyDraft);
  if (!d) return { form: emptyForm(), progress: noProgress() };
  const photo = d.photoPath && d.photoBytes && d.photoWidth && d.photoHeight ? { path: d.photoPath, bytes: d.photoBytes, width: d.photoWidth, height: d.photoHeight } : null;
  return {
    form: {
      renewalReason: isReason(d.renewalReason) ? d.renewalReason : '',
      officeId: d.officeId ?? '',
      date: /^\d{4}-\d{2}-\d{2}$/.test(d.date ?? '') ? d.date ?? '' : '',
      window: windowOf(d.window),
      collection: isCollection(d.collection) ? d.collection : '',
      recipient: (d.recipient ?? '').slice(0, NAME_INPUT_MAX),
      mobile: (d.mobile ?? '').slice(0, MOBILE_INPUT_MAX),
      address: (d.address ?? '').slice(0, ADDRESS_MAX),
      declaration: false,
    },
    progress: photo
      ? { photo, photoId: d.photoId ?? '', uploadKey: d.uploadKey ?? '', applyKey: d.applyKey ?? '', applyBody: d.applyBody ?? '' }
      : noProgress(),
  };
}

export const dropDraft = (): void => clearDraft(DRAFT_FORM);
