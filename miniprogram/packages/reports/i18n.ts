// Strings of the reports subpackage, in zh-CN and en: the shared words and each page's own.
import { createTranslator } from '../../core/i18n';
import { combineWords } from '../../core/words';
import { text } from '../../i18n/main';
import { composeEn, composeZh } from './words/compose';
import { reportEn, reportZh } from './words/report';
import { reportsEn, reportsZh } from './words/reports';
import { servicesEn, servicesZh } from './words/services';
import { sharedEn, sharedZh } from './words/shared';

const zh = { ...sharedZh, ...servicesZh, ...composeZh, ...reportsZh, ...reportZh };
export type ReportsKey = keyof typeof zh;
const en: Record<ReportsKey, string> = { ...sharedEn, ...servicesEn, ...composeEn, ...reportsEn, ...reportEn };

/** Both tables, for tests that read every string (test/core/words.test.ts). */
export const reportsTables: Readonly<Record<'zh-CN' | 'en', Readonly<Record<ReportsKey, string>>>> = { 'zh-CN': zh, en };

export const reportsText = createTranslator<ReportsKey>(reportsTables);

/** This package's words first, then the app's common ones (errors, retry). */
export const reportsWords = combineWords(reportsText, text);
