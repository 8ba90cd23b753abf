// Local files in the browser, as WeChat's file system manager keeps them: temporary files are the blob:
// URLs the file picker made; a saved file (saveFile) gets a wxfile://usr/ path and is kept as a data URL in
// localStorage, so a draft that names it still shows its photo after a reload. <image> resolves those paths.
const PREFIX = 'pv-file:';
let saved = Number(localStorage.getItem('pv-file-count') ?? '0');

/** What a path shows as in an <img>: a saved file's data URL, or the path itself. */
export function fileUrl(path: string): string {
  return path.startsWith('wxfile://usr/') ? localStorage.getItem(PREFIX + path) ?? path : path;
}

export function hasFile(path: string): boolean {
  return path.startsWith('wxfile://usr/') ? localStorage.getItem(PREFIX + path) !== null : path.startsWith('blob:') || path.startsWith('data:');
}

export async function readBytes(path: string): Promise<Uint8Array> {
  if (!hasFile(path)) throw new Error(`no such file or directory ${path}`);
  const res = await fetch(fileUrl(path));
  return new Uint8Array(await res.arrayBuffer());
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('the file could not be read'));
    reader.readAsDataURL(blob);
  });
}

/** Keeps a temporary file under wxfile://usr/ and gives its path; storage full fails as WeChat's limit does. */
export async function saveFile(tempPath: string): Promise<string> {
  const res = await fetch(fileUrl(tempPath));
  const blob = await res.blob();
  const url = await dataUrlOf(blob);
  saved += 1;
  const ext = blob.type === 'image/png' ? '.png' : blob.type === 'image/jpeg' ? '.jpg' : '';
  const path = `wxfile://usr/saved-${saved}${ext}`;
  try {
    localStorage.setItem(PREFIX + path, url);
    localStorage.setItem('pv-file-count', String(saved));
  } catch {
    throw new Error('the maximum size of the file storage limit is exceeded');
  }
  return path;
}

export function removeFile(path: string): void {
  if (!hasFile(path)) throw new Error(`no such file or directory ${path}`);
  if (path.startsWith('wxfile://usr/')) localStorage.removeItem(PREFIX + path);
}

/** 'jpeg', 'png', 'gif', 'webp' from the first bytes (as WeChat's getImageInfo reports the type), or 'unknown'. */
export function imageType(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'png';
  if (bytes[0] === 0x47 && bytes[1] === 0x49) return 'gif';
  if (bytes[8] === 0x57 && bytes[9] === 0x45) return 'webp';
  return 'unknown';
}
