// The compose page's journeys with the government, apart from the page. Submitting: the photos uploaded
// first (core/uploads: each once, with its own key; the ids that came back are kept even when a later one
// fails, so a retry sends only what failed), then the report with the key kept for this body; every failure
// keeps the draft and every photo, and says where it belongs. Following a report found nearby instead.
import type { CreateReportResponse, ServiceDefinition } from '../../../../contracts/reports';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { sendToIdentity, type Query } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { uploadMissing } from '../../../../core/uploads';
import { reportsWords } from '../../i18n';
import { fileReport, followReport, uploadReportPhoto } from '../../service';
import { dropDraft, keepDraft } from './draft';
import { errorsOf, requestOf, type ComposeForm, type Errors, type Progress } from './form';
import { dropPhotoFiles } from './photos';

export interface Submission {
  definition: ServiceDefinition;
  form: ComposeForm;
  progress: Progress;
  query: Query;
}

export type Outcome =
  | { kind: 'filed'; answer: CreateReportResponse }
  | { kind: 'followed'; id: string }
  | { kind: 'fields'; errors: Errors }
  | { kind: 'failed'; message: string }
  /** Sent to verify again. */
  | { kind: 'gone' };

const PHOTO_GONE = ['PHOTO_NOT_FOUND', 'PHOTO_USED'];

export async function submitReport(s: Submission, route: string): Promise<Outcome> {
  const code = s.definition.service_code;
  const uploaded = await uploadMissing(s.progress.photos, async (photo) => (await uploadReportPhoto(photo.path, photo.key)).photo.id);
  s.progress.photos = uploaded.files;
  const failed = uploaded.failed;
  // The government refused a photo for what it is (not a JPEG or PNG, too large): that one is dropped, since the
  // same file would be refused again; its reason is said beside the photos and the others stay.
  if (failed && (failed.fields.photo === 'PHOTO_TYPE' || failed.code === 'FILE_TOO_LARGE')) {
    const refused = uploaded.files.find((p) => !p.uploadedId);
    if (refused) {
      s.progress.photos = uploaded.files.filter((p) => p !== refused);
      await dropPhotoFiles([refused]);
    }
  }
  keepDraft(code, s.form, s.progress);
  if (failed) return refusal(s, failed, route);
  const request = requestOf(s.definition, s.form, uploaded.files.map((p) => p.uploadedId));
  const body = JSON.stringify(request);
  if (!s.progress.submitKey || s.progress.submitBody !== body) {
    s.progress.submitKey = newIdempotencyKey();
    s.progress.submitBody = body;
    keepDraft(code, s.form, s.progress);
  }
  try {
    const answer = await fileReport(request, s.progress.submitKey);
    await finish(s);
    return { kind: 'filed', answer };
  } catch (err) {
    return refusal(s, err, route);
  }
}

/** "Is this the one?": the person follows that report instead, and this draft is done with. */
export async function followInstead(s: Submission, reportId: string, route: string): Promise<Outcome> {
  try {
    await followReport(reportId, newIdempotencyKey());
    await finish(s);
    return { kind: 'followed', id: reportId };
  } catch (err) {
    return refusal(s, err, route);
  }
}

async function finish(s: Submission): Promise<void> {
  dropDraft(s.definition.service_code);
  await dropPhotoFiles(s.progress.photos);
}

async function refusal(s: Submission, err: unknown, route: string): Promise<Outcome> {
  if (!(err instanceof ServiceError)) return { kind: 'failed', message: errorMessage(err, reportsWords) };
  if (err.needsIdentity) {
    await sendToIdentity(route, s.query);
    return { kind: 'gone' };
  }
  const photoCode = err.fields.photoIds ?? err.fields.photo ?? (err.code === 'FILE_TOO_LARGE' ? 'PHOTO_TOO_LARGE' : '');
  if (PHOTO_GONE.includes(photoCode)) {
    // The government no longer has a photo (expired, or used): every photo is uploaded again on the next submit.
    s.progress.photos = s.progress.photos.map((p) => ({ ...p, key: newIdempotencyKey(), uploadedId: '' }));
    s.progress.submitKey = '';
    keepDraft(s.definition.service_code, s.form, s.progress);
  }
  const errors = errorsOf(photoCode ? { ...err.fields, photoIds: photoCode } : err.fields, s.definition, s.form);
  if (Object.keys(errors).length) return { kind: 'fields', errors };
  // The network or a busy service: everything kept, and the same tap tries again (the same keys).
  return { kind: 'failed', message: errorMessage(err, reportsWords) };
}
