// Submitting the accident apart from the page: every photo uploaded once (core/uploads: each under its own
// key kept in the draft; the ids that came back are kept when a later one fails, so a retry sends only what
// failed), then the report with one key per body (kept in the draft: a double tap or a retry after a lost
// answer makes one report). Every failure keeps the draft and every photo, and says where it belongs.
import { ACCIDENT_ANGLES, type CreateReportResponse } from '../../../../contracts/reports';
import { newIdempotencyKey } from '../../../../core/client';
import { ServiceError } from '../../../../core/errors';
import { errorMessage } from '../../../../core/messages';
import { uploadMissing } from '../../../../core/uploads';
import { accidentWords } from '../../i18n';
import { dropPhotos, type Slot } from '../../photos';
import { fileAccident, uploadPhoto } from '../../service';
import { angleField, dropDraft, errorsOf, keepDraft, requestOf, type AccidentForm, type Known } from './form';

export type Outcome =
  | { kind: 'made'; answer: CreateReportResponse }
  | { kind: 'fields'; errors: Record<string, string> }
  | { kind: 'failed'; message: string }
  /** The session is gone: sent to verify again. */
  | { kind: 'identity' };

type Tagged = Slot & { angle: (typeof ACCIDENT_ANGLES)[number] };

export async function submitAccident(k: Known, form: AccidentForm): Promise<Outcome> {
  const pending: Tagged[] = ACCIDENT_ANGLES.flatMap((angle) => {
    const slot = form.slots[angle];
    return slot ? [{ ...slot, angle }] : [];
  });
  const uploaded = await uploadMissing(pending, async (slot) => (await uploadPhoto(slot.path, slot.key)).photo.id);
  uploaded.files.forEach(({ angle, ...slot }) => {
    form.slots[angle] = slot;
  });
  keepDraft(form);
  if (uploaded.failed) {
    const failed = uploaded.files.find((slot) => !slot.uploadedId);
    if (failed && refusedPhoto(uploaded.failed)) {
      // The government refused this picture (too large, not a picture): it would be refused again, so
      // its slot is emptied for another; the others keep their uploads.
      const { angle, ...slot } = failed;
      delete form.slots[angle];
      keepDraft(form);
      await dropPhotos([slot]);
    }
    return refusal(k, form, uploaded.failed, failed ? angleField(failed.angle) : '');
  }
  const request = requestOf(k, form);
  const body = JSON.stringify(request);
  if (!form.reportKey || form.reportBody !== body) {
    form.reportKey = newIdempotencyKey();
    form.reportBody = body;
    keepDraft(form);
  }
  try {
    const answer = await fileAccident(request, form.reportKey);
    dropDraft();
    await dropPhotos(pending);
    return { kind: 'made', answer };
  } catch (err) {
    return refusal(k, form, err, '');
  }
}

/** The code of a refusal of the picture itself (not of the network or the session), or ''. */
const photoCodeOf = (err: ServiceError): string => err.fields.photo ?? (err.code === 'FILE_TOO_LARGE' ? err.code : '');
const refusedPhoto = (err: ServiceError): boolean => photoCodeOf(err) !== '';

function refusal(k: Known, form: AccidentForm, err: unknown, photoField: string): Outcome {
  if (!(err instanceof ServiceError)) return { kind: 'failed', message: errorMessage(err, accidentWords) };
  if (err.needsIdentity) return { kind: 'identity' };
  // A photo the government refused (too large, not a picture) is said beside its angle; another is chosen.
  const photoCode = photoCodeOf(err);
  if (photoField && photoCode) return { kind: 'fields', errors: errorsOf(k, { [photoField]: photoCode }) };
  const idsCode = err.fields.photoIds ?? '';
  if (idsCode === 'PHOTO_NOT_FOUND' || idsCode === 'PHOTO_USED') {
    // Expired or used meanwhile: every photo is uploaded again with new keys on the next try.
    ACCIDENT_ANGLES.forEach((angle) => {
      const slot = form.slots[angle];
      if (slot) form.slots[angle] = { ...slot, key: newIdempotencyKey(), uploadedId: '' };
    });
    form.reportKey = '';
    keepDraft(form);
    return { kind: 'failed', message: accidentWords.t(`field.angle.${idsCode}`, { angle: '' }) };
  }
  const errors = errorsOf(k, err.fields);
  if (Object.keys(errors).length) return { kind: 'fields', errors };
  // The network or a busy service: everything kept, and the same tap tries again (the same keys).
  return { kind: 'failed', message: errorMessage(err, accidentWords) };
}
