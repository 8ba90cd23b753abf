// Uploading a form's photos before the form itself: each file once, in order, with its own idempotency key
// kept beside it (a retry after a lost answer gets the same id back); the ids that came back are kept even
// when a later one fails, so a retry sends only what failed. Callers save the list in their draft.
import { toServiceError, type ServiceError } from './errors';

/** A local file to upload: its path, the key its upload uses, and the government's id once uploaded (''). */
export interface PendingUpload { path: string; key: string; uploadedId: string }

export interface UploadOutcome<T extends PendingUpload> {
  /** The same files, with the ids of those uploaded now filled in. */
  files: T[];
  /** The failure that stopped the uploads, or null when every file has its id. */
  failed: ServiceError | null;
  /** How many were sent this time (0 when all had ids already). */
  sent: number;
}

export async function uploadMissing<T extends PendingUpload>(files: readonly T[], upload: (file: T) => Promise<string>): Promise<UploadOutcome<T>> {
  const done: T[] = [...files];
  let sent = 0;
  for (let i = 0; i < done.length; i += 1) {
    if (done[i].uploadedId) continue;
    sent += 1;
    try {
      const id = await upload(done[i]);
      done[i] = { ...done[i], uploadedId: id };
    } catch (err) {
      return { files: done, failed: toServiceError(err), sent };
    }
  }
  return { files: done, failed: null, sent };
}
