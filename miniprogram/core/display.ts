// Display preferences: larger text for people who need it (an elderly-friendly mode, like 粤省事's 长者模式).
import { readStorageSync, writeStorageSync } from './storage';

export const LARGE_TEXT_KEY = 'settings.largeText';

export function isLargeText(): boolean {
  return readStorageSync<boolean>(LARGE_TEXT_KEY) === true;
}

export function setLargeText(on: boolean): void {
  writeStorageSync(LARGE_TEXT_KEY, on);
}
