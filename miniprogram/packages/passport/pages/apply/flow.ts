// The apply page's two journeys apart from the page. Choosing the photo: picked, checked against the rules
// (nothing is sent for a photo that breaks one), saved on the device, the one it replaces removed.
// Submitting: the photo uploaded unless its id is kept, then the application with the key kept for this
// body; every failure keeps the draft, and says where it belongs.
import { PASSPORT_INELIGIBLE, PHOTO_PROBLEMS, type PassportApplication } from '../../../../contracts/passport';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { sendToIdentity } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { passportText, passportWords } from '../../i18n';
import { dropPhotoFile, keepPhotoFile, kilobytes, photoProblem, pickPhoto } from '../../photo';
import { applyForPassport, getOfficeDays, uploadPhoto } from '../../service';
import type { PageState } from './screen';
import { dropDraft, errorsOf, keepDraft, requestOf, type Errors, type Progress } from './form';

/** Null: the person cancelled, nothing changes. */
export type PhotoChoice = { problem: string; progress?: undefined } | { problem?: undefined; progress: Progress } | null;

export async function choosePhoto(progress: Progress): Promise<PhotoChoice> {
  let picked;
  try {
    picked = await pickPhoto();
  } catch {
    return { problem: passportText.t('photoUnreadable') };
  }
  if (!picked) return null;
  const problem = photoProblem(picked);
  if (problem) return { problem: passportText.t(`field.photo.${problem}`, { size: kilobytes(picked.bytes) }) };
  let path: string;
  try {
    path = await keepPhotoFile(picked.path);
  } catch {
    return { problem: passportText.t('photoSaveFailed') };
  }
  await dropPhotoFile(progress.photo?.path ?? '');
  // Another photo: uploaded afresh, and the application it makes is another one.
  return { progress: { photo: { path, bytes: picked.bytes, width: picked.width, height: picked.height }, photoId: '', uploadKey: newIdempotencyKey(), applyKey: '', applyBody: '' } };
}

export type Outcome =
  | { kind: 'made'; application: PassportApplication }
  | { kind: 'fields'; errors: Errors }
  | { kind: 'failed'; message: string }
  /** The applicant can no longer apply (a passport, an open application): the page loads its panel. */
  | { kind: 'reload' }
  /** Sent to verify again. */
  | { kind: 'gone' };

const isIneligible = (code: string): boolean => PASSPORT_INELIGIBLE.some((c) => c === code);
const isPhotoCode = (code: string): boolean => PHOTO_PROBLEMS.some((c) => c === code) || code === 'PHOTO_NOT_FOUND' || code === 'PHOTO_USED';

export async function submitApplication(state: PageState, route: string): Promise<Outcome> {
  const { progress } = state;
  const photo = progress.photo;
  if (!photo) return { kind: 'fields', errors: errorsOf({ photo: 'REQUIRED' }) };
  try {
    if (!progress.photoId) {
      if (!progress.uploadKey) progress.uploadKey = newIdempotencyKey();
      keepDraft(state.form, progress);
      progress.photoId = (await uploadPhoto(photo.path, progress.uploadKey)).photo.id;
      keepDraft(state.form, progress);
    }
    const request = requestOf(state.kind, state.form, progress.photoId);
    const body = JSON.stringify(request);
    if (!progress.applyKey || progress.applyBody !== body) {
      progress.applyKey = newIdempotencyKey();
      progress.applyBody = body;
      keepDraft(state.form, progress);
    }
    const application = await applyForPassport(request, progress.applyKey);
    dropDraft();
    await dropPhotoFile(photo.path);
    return { kind: 'made', application };
  } catch (err) {
    return refusal(state, err, route);
  }
}

async function refusal(state: PageState, err: unknown, route: string): Promise<Outcome> {
  const { progress } = state;
  if (!(err instanceof ServiceError)) return { kind: 'failed', message: errorMessage(err, passportWords) };
  if (err.needsIdentity) {
    await sendToIdentity(route, state.query);
    return { kind: 'gone' };
  }
  if (isIneligible(err.code)) return { kind: 'reload' };
  const photoCode = err.fields.photo ?? err.fields.photoId ?? (isPhotoCode(err.code) ? err.code : '');
  if (photoCode) {
    const refused = progress.photo;
    // The government no longer has the photo: it is uploaded again. It refused the photo itself: that one is
    // dropped (sending the same bytes again would be refused again), its reason stays until another is chosen.
    const content = PHOTO_PROBLEMS.some((c) => c === photoCode);
    if (content && refused) {
      await dropPhotoFile(refused.path);
      progress.photo = null;
    }
    progress.photoId = '';
    progress.uploadKey = newIdempotencyKey();
    progress.applyKey = '';
    keepDraft(state.form, progress);
    return { kind: 'fields', errors: errorsOf({ ...err.fields, photo: photoCode }, { size: kilobytes(refused?.bytes ?? 0) }) };
  }
  if (err.code === 'WINDOW_FULL') {
    // The window just went: the days as they are now, the window chosen again.
    state.days = await getOfficeDays(state.form.officeId).then((r) => r.days, () => state.days);
    state.form = { ...state.form, window: '' };
    keepDraft(state.form, progress);
    return { kind: 'fields', errors: { window: passportText.t('field.window.WINDOW_FULL') } };
  }
  const errors = errorsOf(err.fields);
  if (Object.keys(errors).length) return { kind: 'fields', errors };
  const top = errorsOf(err.code.startsWith('DATE_') || err.code === 'OFFICE_CLOSED' ? { date: err.code } : {});
  if (Object.keys(top).length) return { kind: 'fields', errors: top };
  // The network or a busy service: everything kept, and the same tap tries again (the same keys).
  return { kind: 'failed', message: errorMessage(err, passportWords) };
}
