// Strings of the civil subpackage, in zh-CN and en: the shared words and each page's own.
import { createTranslator } from '../../core/i18n';
import { combineWords } from '../../core/words';
import { text } from '../../i18n/main';
import { bookEn, bookZh } from './words/book';
import { caseEn, caseZh } from './words/case';
import { casesEn, casesZh } from './words/cases';
import { joinEn, joinZh } from './words/join';
import { sharedEn, sharedZh } from './words/shared';
import { startEn, startZh } from './words/start';

const zh = { ...sharedZh, ...casesZh, ...caseZh, ...startZh, ...joinZh, ...bookZh };
export type CivilKey = keyof typeof zh;
const en: Record<CivilKey, string> = { ...sharedEn, ...casesEn, ...caseEn, ...startEn, ...joinEn, ...bookEn };

/** Both tables, for tests that read every string (test/core/words.test.ts). */
export const civilTables: Readonly<Record<'zh-CN' | 'en', Readonly<Record<CivilKey, string>>>> = { 'zh-CN': zh, en };

export const civilText = createTranslator<CivilKey>(civilTables);

/** This package's words first, then the app's common ones (errors, retry). */
export const civilWords = combineWords(civilText, text);
