// Strings of the newborn subpackage, in zh-CN and en: each page's own words.
import { createTranslator } from '../../core/i18n';
import { combineWords } from '../../core/words';
import { text } from '../../i18n/main';
import { registerEn, registerZh } from './words/register';
import { registrationEn, registrationZh } from './words/registration';

const zh = { ...registerZh, ...registrationZh };
export type NewbornKey = keyof typeof zh;
const en: Record<NewbornKey, string> = { ...registerEn, ...registrationEn };

/** Both tables, for tests that read every string (test/core/words.test.ts). */
export const newbornTables: Readonly<Record<'zh-CN' | 'en', Readonly<Record<NewbornKey, string>>>> = { 'zh-CN': zh, en };

export const newbornText = createTranslator<NewbornKey>(newbornTables);

/** This package's words first, then the app's common ones (errors, retry). */
export const newbornWords = combineWords(newbornText, text);
