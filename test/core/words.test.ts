// Words are checked by the compiler: a service, record kind, offence or item kind without words fails
// the type check (the @ts-expect-error lines below fail `tsc` if a missing key were ever accepted), and
// every one of them reads as words in both languages, never as a raw key.
import { OFFENCES, type Offence } from '../../miniprogram/contracts/fines';
import { RECORD_KINDS } from '../../miniprogram/contracts/records';
import { setLocaleSetting } from '../../miniprogram/core/i18n';
import { mainTables, text } from '../../miniprogram/i18n/main';
import { billsTables } from '../../miniprogram/packages/bills/i18n';
import { accountEn, accountZh } from '../../miniprogram/packages/bills/words/account';
import { accountsEn, accountsZh } from '../../miniprogram/packages/bills/words/accounts';
import { bindEn, bindZh } from '../../miniprogram/packages/bills/words/bind';
import { sharedEn as billsSharedEn, sharedZh as billsSharedZh } from '../../miniprogram/packages/bills/words/shared';
import { civilTables } from '../../miniprogram/packages/civil/i18n';
import { bookEn as civilBookEn, bookZh as civilBookZh } from '../../miniprogram/packages/civil/words/book';
import { caseEn, caseZh } from '../../miniprogram/packages/civil/words/case';
import { casesEn, casesZh } from '../../miniprogram/packages/civil/words/cases';
import { joinEn, joinZh } from '../../miniprogram/packages/civil/words/join';
import { sharedEn as civilSharedEn, sharedZh as civilSharedZh } from '../../miniprogram/packages/civil/words/shared';
import { startEn, startZh } from '../../miniprogram/packages/civil/words/start';
import { finesTables, finesText } from '../../miniprogram/packages/fines/i18n';
import { hospitalTables } from '../../miniprogram/packages/hospital/i18n';
import { newbornTables } from '../../miniprogram/packages/newborn/i18n';
import { passportTables } from '../../miniprogram/packages/passport/i18n';
import { recordsTables, recordsText } from '../../miniprogram/packages/records/i18n';
import { reportsTables } from '../../miniprogram/packages/reports/i18n';
import { composeEn, composeZh } from '../../miniprogram/packages/reports/words/compose';
import { reportEn, reportZh } from '../../miniprogram/packages/reports/words/report';
import { reportsEn, reportsZh } from '../../miniprogram/packages/reports/words/reports';
import { servicesEn, servicesZh } from '../../miniprogram/packages/reports/words/services';
import { sharedEn as reportsSharedEn, sharedZh as reportsSharedZh } from '../../miniprogram/packages/reports/words/shared';
import { accidentTables } from '../../miniprogram/packages/accident/i18n';
import { accidentEn, accidentZh } from '../../miniprogram/packages/accident/words/accident';
import { confirmEn, confirmZh } from '../../miniprogram/packages/accident/words/confirm';
import { settleEn, settleZh } from '../../miniprogram/packages/accident/words/settle';
import { sharedEn as accidentSharedEn, sharedZh as accidentSharedZh } from '../../miniprogram/packages/accident/words/shared';
import { applicationEn, applicationZh } from '../../miniprogram/packages/passport/words/application';
import { applicationsEn, applicationsZh } from '../../miniprogram/packages/passport/words/applications';
import { applyEn, applyZh } from '../../miniprogram/packages/passport/words/apply';
import { sharedEn as passportSharedEn, sharedZh as passportSharedZh } from '../../miniprogram/packages/passport/words/shared';
import { registerEn, registerZh } from '../../miniprogram/packages/newborn/words/register';
import { registrationEn, registrationZh } from '../../miniprogram/packages/newborn/words/registration';
import { bookingEn, bookingZh } from '../../miniprogram/packages/hospital/words/booking';
import { browseEn, browseZh } from '../../miniprogram/packages/hospital/words/browse';
import { patientsEn, patientsZh } from '../../miniprogram/packages/hospital/words/patients';
import { sharedEn, sharedZh } from '../../miniprogram/packages/hospital/words/shared';
import { lineView } from '../../miniprogram/packages/pay/lines';
import { payTables } from '../../miniprogram/packages/pay/i18n';
import { CATALOGUE } from '../../miniprogram/services/catalogue';

describe('typed words', () => {
  it('refuses keys that have no words at compile time', () => {
    // @ts-expect-error: no service has this id, so it has no name.
    expect(() => text.t('svc.casino')).not.toThrow();
    const offence: Offence = OFFENCES[0];
    expect(finesText.t(`offence.${offence}`)).not.toBe(`offence.${offence}`);
    // @ts-expect-error: an offence code that is not in the union has no words.
    expect(() => finesText.t('offence.jaywalking-on-the-moon')).not.toThrow();
  });

  it.each(['zh-CN', 'en'] as const)('gives every service, record kind, offence and item kind words in %s', (locale) => {
    setLocaleSetting(locale);
    const read = [
      ...CATALOGUE.flatMap((entry) => [text.t(`svc.${entry.id}`), text.t(`kw.${entry.id}`)]),
      ...RECORD_KINDS.map((kind) => recordsText.t(`record.${kind}`, {
        count: 1, idMasked: '1101**********002X', department: '心内科', departmentEn: 'Cardiology', date: '2026-12-05',
        kindZh: '结婚登记', kindEn: 'Marriage registration', service: '路灯不亮', serviceEn: 'Broken street light', role: '发起', roleEn: 'started', start: '09:00',
      })),
      ...OFFENCES.map((offence) => finesText.t(`offence.${offence}`)),
      lineView({ agency: 'police', itemId: 'n1', kind: 'traffic-fine', amountFen: 100, detail: { plate: '粤B12345', date: '2026-11-01' } }).title,
    ];
    read.forEach((words) => {
      expect(words).toBeTruthy();
      expect(words).not.toMatch(/^(svc|kw|record|offence|item)\./);
      expect(words).not.toMatch(/\{\w+\}/);
    });
  });
});

/**
 * Strings whose number and unit still break at a plain space: other pages' tests assert them exactly
 * (test/packages/fines/selection.test.ts, test/pages/me-delete.test.ts); they get \u00a0 with those tests.
 */
const SPLIT_KEPT = new Set(['noticesSelected', 'noticesPage', 'noticesSummary', 'noticesEarlier', 'kept.payments', 'kept.traffic-records']);
const tables = [mainTables, finesTables, hospitalTables, billsTables, civilTables, newbornTables, passportTables, recordsTables, reportsTables, accidentTables, payTables].map((table) => ({ zh: Object.entries(table['zh-CN']), en: Object.entries(table.en) }));
const zhWords = tables.flatMap((table) => table.zh);
const enWords = tables.flatMap((table) => table.en);

describe('words tables put together from parts', () => {
  it.each([
    ['zh-CN', [sharedZh, browseZh, bookingZh, patientsZh]],
    ['en', [sharedEn, browseEn, bookingEn, patientsEn]],
    ['zh-CN', [billsSharedZh, accountsZh, accountZh, bindZh]],
    ['en', [billsSharedEn, accountsEn, accountEn, bindEn]],
    ['zh-CN', [civilSharedZh, casesZh, caseZh, startZh, joinZh, civilBookZh]],
    ['en', [civilSharedEn, casesEn, caseEn, startEn, joinEn, civilBookEn]],
    ['zh-CN', [registerZh, registrationZh]],
    ['en', [registerEn, registrationEn]],
    ['zh-CN', [passportSharedZh, applicationsZh, applyZh, applicationZh]],
    ['en', [passportSharedEn, applicationsEn, applyEn, applicationEn]],
    ['zh-CN', [reportsSharedZh, servicesZh, composeZh, reportsZh, reportZh]],
    ['en', [reportsSharedEn, servicesEn, composeEn, reportsEn, reportEn]],
    ['zh-CN', [accidentSharedZh, accidentZh, confirmZh, settleZh]],
    ['en', [accidentSharedEn, accidentEn, confirmEn, settleEn]],
  ])('never define a key twice in one package\'s %s parts (a later part would silently win)', (_locale, parts) => {
    const keys = parts.flatMap((part) => Object.keys(part));
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });
});

describe('words read right', () => {
  it('uses full-width punctuation in Chinese text', () => {
    const cjk = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”]';
    const halfWidth = new RegExp(`${cjk}[?.,:;!]|[?.,:;!]${cjk}`);
    expect(zhWords.filter(([, words]) => halfWidth.test(words)).map(([key]) => key)).toEqual([]);
  });

  it('has one word for the late-payment surcharge in each language: 滞纳金 and "surcharge" (a bill\'s is its "late fee")', () => {
    expect(zhWords.filter(([, words]) => /加处|滞纳费|罚金/.test(words)).map(([key]) => key)).toEqual([]);
    const fineWords = [mainTables, finesTables].flatMap((table) => Object.entries(table.en));
    expect(fineWords.filter(([, words]) => /late fee|late charge|penalty charge/i.test(words)).map(([key]) => key)).toEqual([]);
    expect(Object.entries(billsTables.en).filter(([, words]) => /surcharge|late charge|penalty/i.test(words)).map(([key]) => key)).toEqual([]);
    setLocaleSetting('zh-CN');
    expect(finesText.t('detailRule')).toContain('滞纳金');
  });

  it('never lets a line break split a number from its unit', () => {
    const zhSplit = /(\d|\}) (位|秒|天|分|条|辆|笔|台|个字|年|日)/;
    const enSplit = /(\d|\}) (s|days?|pts|points?|vehicles?|characters?|digits?|letters?|years?)\b/;
    expect(zhWords.filter(([key, words]) => !SPLIT_KEPT.has(key) && zhSplit.test(words)).map(([key]) => key)).toEqual([]);
    expect(enWords.filter(([key, words]) => !SPLIT_KEPT.has(key) && enSplit.test(words)).map(([key]) => key)).toEqual([]);
    setLocaleSetting('en');
    expect(finesText.t('noticePoints', { points: 3 })).toBe('3\u00a0pts');
    setLocaleSetting('zh-CN');
    expect(text.t('identityResendIn', { seconds: 60 })).toBe('60\u00a0秒后重发');
  });
});

describe('English in sentence case', () => {
  // Names keep their capitals: the app's, WeChat's, places, laws, and the screens a sentence sends a
  // person to (as they are titled). Everything else after a sentence's first word is lower case.
  const NAMES = [
    'City Services', 'WeChat Pay', 'WeChat', 'China', 'Chinese', 'Guangzhou Weather', 'Guangzhou', 'Tiyu East Road', 'Tiyu West Road', 'Tianhe Road', 'Zhongshan Avenue West',
    'Latin', 'Civil Code', 'Personal Information Protection Law', 'Me > Records', 'My bookings', 'My marriage registrations',
    'Marriage registration', 'My registrations', 'My records', 'Settings', 'Home', "Parents'", 'May',
  ];
  const capitalised = (words: string): string[] => {
    let rest = words.replace(/\{[^}]*\}/g, 'x');
    NAMES.forEach((name) => {
      rest = rest.split(name).join('name');
    });
    const tokens = rest.trim().split(/\s+/);
    return tokens.filter((token, i) => i > 0 && /^[A-Z][a-z]/.test(token) && !/[.?!:;]$/.test(tokens[i - 1]) && !/^["“(]/.test(token));
  };

  it('starts each sentence with a capital and nothing else, except names', () => {
    const offending = enWords.filter(([, words]) => capitalised(words).length > 0).map(([key, words]) => `${key}: ${words}`);
    expect(offending).toEqual([]);
  });

  it('would catch title case', () => {
    expect(capitalised('Pay All Fines')).toEqual(['All', 'Fines']);
    expect(capitalised('Pay all fines. Then go home')).toEqual([]);
    expect(capitalised('Paid with WeChat Pay in City Services')).toEqual([]);
  });
});
