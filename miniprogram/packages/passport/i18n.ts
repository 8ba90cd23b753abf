// Strings of the passport subpackage, in zh-CN and en: the shared words and each page's own.
import { createTranslator } from '../../core/i18n';
import { combineWords } from '../../core/words';
import { text } from '../../i18n/main';
import { applicationEn, applicationZh } from './words/application';
import { applicationsEn, applicationsZh } from './words/applications';
import { applyEn, applyZh } from './words/apply';
import { sharedEn, sharedZh } from './words/shared';

const zh = { ...sharedZh, ...applicationsZh, ...applyZh, ...applicationZh };
export type PassportKey = keyof typeof zh;
const en: Record<PassportKey, string> = { ...sharedEn, ...applicationsEn, ...applyEn, ...applicationEn };

/** Both tables, for tests that read every string (test/core/words.test.ts). */
export const passportTables: Readonly<Record<'zh-CN' | 'en', Readonly<Record<PassportKey, string>>>> = { 'zh-CN': zh, en };

export const passportText = createTranslator<PassportKey>(passportTables);

/** This package's words first, then the app's common ones (errors, retry). */
export const passportWords = combineWords(passportText, text);
