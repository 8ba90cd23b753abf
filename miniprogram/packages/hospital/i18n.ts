// Strings of the hospital subpackage, in zh-CN and en: the shared words and each area's own
// (browse: hospitals to doctors; booking: book, confirmation, my bookings; patients: family members).
import { createTranslator } from '../../core/i18n';
import { combineWords } from '../../core/words';
import { text } from '../../i18n/main';
import { bookingEn, bookingZh } from './words/booking';
import { browseEn, browseZh } from './words/browse';
import { patientsEn, patientsZh } from './words/patients';
import { sharedEn, sharedZh } from './words/shared';

const zh = { ...sharedZh, ...browseZh, ...bookingZh, ...patientsZh };
export type HospitalKey = keyof typeof zh;
const en: Record<HospitalKey, string> = { ...sharedEn, ...browseEn, ...bookingEn, ...patientsEn };

/** Both tables, for tests that read every string (test/core/words.test.ts). */
export const hospitalTables: Readonly<Record<'zh-CN' | 'en', Readonly<Record<HospitalKey, string>>>> = { 'zh-CN': zh, en };

export const hospitalText = createTranslator<HospitalKey>(hospitalTables);

/** This package's words first, then the app's common ones (errors, retry). */
export const hospitalWords = combineWords(hospitalText, text);
