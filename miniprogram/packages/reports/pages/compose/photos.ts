// The report's photos on the device: chosen with wx.chooseMedia (as many as are still allowed), each under
// 10 MB by the size the picker gives (nothing is sent or saved for a larger one), saved with the file
// system manager so they survive closing the page, removed when the person takes one out. A 10th is
// refused with its words; the others chosen with it are kept.
import { REPORT_PHOTOS_MAX, REPORT_PHOTO_MAX_BYTES } from '../../../../contracts/reports';
import { newIdempotencyKey } from '../../../../core/client';
import { chooseImages, removeFile, saveFile } from '../../../../core/wx';
import type { Photo } from './form';

/** The photos after choosing, and the reason code of the first one refused ('' when none was). */
export interface PhotoChoice { photos: Photo[]; problem: string }

export async function addPhotos(photos: readonly Photo[]): Promise<PhotoChoice | null> {
  const room = REPORT_PHOTOS_MAX - photos.length;
  if (room <= 0) return { photos: [...photos], problem: 'PHOTOS_TOO_MANY' };
  let chosen: WechatMiniprogram.MediaFile[] | null;
  try {
    chosen = await chooseImages(room);
  } catch {
    return { photos: [...photos], problem: 'PHOTO_UNREADABLE' };
  }
  if (!chosen) return null;
  const kept: Photo[] = [...photos];
  let problem = '';
  for (const file of chosen) {
    if (file.size > REPORT_PHOTO_MAX_BYTES) problem = problem || 'PHOTO_TOO_LARGE';
    else if (kept.length >= REPORT_PHOTOS_MAX) problem = problem || 'PHOTOS_TOO_MANY';
    else {
      try {
        kept.push({ path: await saveFile(file.tempFilePath), bytes: file.size, key: newIdempotencyKey(), uploadedId: '' });
      } catch {
        problem = problem || 'PHOTO_SAVE_FAILED';
      }
    }
  }
  return { photos: kept, problem };
}

export const dropPhotoFiles = async (photos: readonly Photo[]): Promise<void> => {
  for (const photo of photos) await removeFile(photo.path);
};
