// The passport photo on the device: chosen with wx.chooseMedia, read with wx.getImageInfo, checked against
// PHOTO_RULES before anything is sent (each problem its own reason), kept with the file system manager so
// it survives closing the page (the draft holds only its saved path and details), and removed when another
// is chosen. Every wx failure rejects with WxApiError (core/wx.ts).
import { PHOTO_RULES, type PhotoProblem } from '../../contracts/passport';
import { chooseImages, fileExists, imageInfo, removeFile, saveFile } from '../../core/wx';

/** A photo on this device, as the app knows it before (and after) uploading. */
export interface LocalPhoto { path: string; bytes: number; width: number; height: number }
/** What the person picked: its size from chooseMedia, its frame and type from getImageInfo. */
export interface PickedPhoto extends LocalPhoto { type: string }

/** The photo chosen, or null when the person cancels the picker. */
export async function pickPhoto(): Promise<PickedPhoto | null> {
  const file = (await chooseImages(1))?.[0];
  if (!file) return null;
  const info = await imageInfo(file.tempFilePath);
  return { path: file.tempFilePath, bytes: file.size, width: info.width, height: info.height, type: String(info.type) };
}

/** The first rule the photo breaks, in the order a person can fix them, or null. */
export function photoProblem(photo: PickedPhoto): PhotoProblem | null {
  if (photo.type !== 'jpeg' && photo.type !== 'jpg') return 'PHOTO_NOT_JPEG';
  if (photo.bytes < PHOTO_RULES.minBytes) return 'PHOTO_TOO_SMALL';
  if (photo.bytes > PHOTO_RULES.maxBytes) return 'PHOTO_TOO_LARGE';
  const ratio = photo.height > 0 ? photo.width / photo.height : 0;
  if (ratio < PHOTO_RULES.minRatio || ratio > PHOTO_RULES.maxRatio) return 'PHOTO_NOT_PORTRAIT';
  return photo.width < PHOTO_RULES.minWidth ? 'PHOTO_LOW_RESOLUTION' : null;
}

/** Moves the temporary file where it survives closing the page; resolves the saved path. */
export const keepPhotoFile = saveFile;
export const dropPhotoFile = removeFile;
export const photoFileExists = fileExists;

/** "52.0 KB": KB of 1024 bytes, one decimal. */
export const kilobytes = (bytes: number): string => (bytes / 1024).toFixed(1);
