// Strings of the accident subpackage, in zh-CN and en: the shared words and each page's own.
import { createTranslator } from '../../core/i18n';
import { combineWords } from '../../core/words';
import { text } from '../../i18n/main';
import { accidentEn, accidentZh } from './words/accident';
import { confirmEn, confirmZh } from './words/confirm';
import { settleEn, settleZh } from './words/settle';
import { sharedEn, sharedZh } from './words/shared';

const zh = { ...sharedZh, ...accidentZh, ...confirmZh, ...settleZh };
export type AccidentKey = keyof typeof zh;
const en: Record<AccidentKey, string> = { ...sharedEn, ...accidentEn, ...confirmEn, ...settleEn };

/** Both tables, for tests that read every string (test/core/words.test.ts). */
export const accidentTables: Readonly<Record<'zh-CN' | 'en', Readonly<Record<AccidentKey, string>>>> = { 'zh-CN': zh, en };

export const accidentText = createTranslator<AccidentKey>(accidentTables);

/** This package's words first, then the app's common ones (errors, retry). */
export const accidentWords = combineWords(accidentText, text);
