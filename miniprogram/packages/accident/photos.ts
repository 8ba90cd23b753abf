// A photo for one of the angles the police ask for: chosen with wx.chooseMedia (one at a time), checked
// here before anything is sent (under 10 MB by chooseMedia's size, JPEG or PNG by getImageInfo), kept
// with the file system manager so it survives closing the page (the draft holds only its saved path, its
// size and its upload's key and id), and the one it replaces removed.
import { REPORT_PHOTO_MAX_BYTES } from '../../contracts/reports';
import { newIdempotencyKey } from '../../core/client';
import type { PendingUpload } from '../../core/uploads';
import { chooseImages, imageInfo, removeFile, saveFile } from '../../core/wx';

/** A saved photo of one angle, uploaded once under its own key (`uploadedId` once the government has it). */
export interface Slot extends PendingUpload { bytes: number }

/** Null: the person cancelled the picker. A problem is a reason code said beside the angle. */
export type PhotoChoice = { problem: string } | { slot: Slot } | null;

export async function takePhoto(replacing: Slot | undefined): Promise<PhotoChoice> {
  let file: WechatMiniprogram.MediaFile | undefined;
  try {
    file = (await chooseImages(1))?.[0];
  } catch {
    return { problem: 'PHOTO_UNREADABLE' };
  }
  if (!file) return null;
  if (file.size > REPORT_PHOTO_MAX_BYTES) return { problem: 'PHOTO_TOO_LARGE' };
  try {
    const type = String((await imageInfo(file.tempFilePath)).type);
    if (type !== 'jpeg' && type !== 'jpg' && type !== 'png') return { problem: 'PHOTO_TYPE' };
  } catch {
    return { problem: 'PHOTO_UNREADABLE' };
  }
  let path: string;
  try {
    path = await saveFile(file.tempFilePath);
  } catch {
    return { problem: 'PHOTO_SAVE_FAILED' };
  }
  await removeFile(replacing?.path ?? '');
  return { slot: { path, bytes: file.size, key: newIdempotencyKey(), uploadedId: '' } };
}

export const dropPhotos = async (slots: readonly Slot[]): Promise<void> => {
  await Promise.all(slots.map((slot) => removeFile(slot.path)));
};
