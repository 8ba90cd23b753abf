// Strings of the bills subpackage, in zh-CN and en: the shared words and each area's own (accounts:
// the list and its summary; account: one account and its bills; bind: adding an account).
import { createTranslator } from '../../core/i18n';
import { combineWords } from '../../core/words';
import { text } from '../../i18n/main';
import { accountEn, accountZh } from './words/account';
import { accountsEn, accountsZh } from './words/accounts';
import { bindEn, bindZh } from './words/bind';
import { sharedEn, sharedZh } from './words/shared';

const zh = { ...sharedZh, ...accountsZh, ...accountZh, ...bindZh };
export type BillsKey = keyof typeof zh;
const en: Record<BillsKey, string> = { ...sharedEn, ...accountsEn, ...accountEn, ...bindEn };

/** Both tables, for tests that read every string (test/core/words.test.ts). */
export const billsTables: Readonly<Record<'zh-CN' | 'en', Readonly<Record<BillsKey, string>>>> = { 'zh-CN': zh, en };

export const billsText = createTranslator<BillsKey>(billsTables);

/** This package's words first, then the app's common ones (errors, retry). */
export const billsWords = combineWords(billsText, text);
