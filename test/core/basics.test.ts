import { ageOn, cstDaysBetween, formatCstDateTime } from '../../miniprogram/core/dates';
import { formatMoney, formatYuan, yuanToFen } from '../../miniprogram/core/money';
import { checkIdNumber, checkMobile, checkPersonName, maskIdNumber, maskMobile, maskName } from '../../miniprogram/core/validation';
import { getLocale, resetLocaleCache, setLocaleSetting, createTranslator } from '../../miniprogram/core/i18n';
import { fake } from '../helpers/fake-wx';
import { errorMessage } from '../../miniprogram/core/messages';
import { ServiceError } from '../../miniprogram/core/errors';

const NOW = Date.UTC(2026, 10, 22, 2, 0); // 10:00 CST

describe('resident ID (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', null],
    ['11010519491231002x', null],
    ['34052419800101001X', null],
    ['340524198001010013', 'ID_CHECKSUM'],
    ['3405241980010100', 'ID_LENGTH'],
    ['34052419800101001Y', 'ID_CHARS'],
    ['340524198002300010', 'ID_BIRTH_DATE'],
    ['340524202712010012', 'ID_FUTURE_BIRTH'],
    ['', 'REQUIRED'],
  ])('%s -> %s', (id, problem) => {
    expect(checkIdNumber(id, NOW)).toBe(problem);
  });

  it('masks to the first 4 and last 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
});

describe('mobile and name', () => {
  it('checks and masks', () => {
    expect(checkMobile('13800000001')).toBeNull();
    expect(checkMobile('12800000001')).toBe('MOBILE_FORMAT');
    expect(checkMobile('1380000000')).toBe('MOBILE_FORMAT');
    expect(maskMobile('13800000001')).toBe('138****0001');
    expect(checkPersonName('阿卜杜·热合曼')).toBeNull();
    expect(checkPersonName('Li Ming')).toBeNull();
    expect(checkPersonName('李4')).toBe('NAME_CHARS');
    expect(maskName('王芳')).toBe('*芳');
  });
});

describe('dates in China Standard Time', () => {
  it('counts calendar days in UTC+8 whatever the clock zone', () => {
    const lateEvening = Date.UTC(2026, 10, 21, 15, 30); // 23:30 CST on the 21st
    const justAfterMidnight = Date.UTC(2026, 10, 21, 16, 10); // 00:10 CST on the 22nd
    expect(cstDaysBetween(lateEvening, justAfterMidnight)).toBe(1);
    expect(formatCstDateTime(justAfterMidnight)).toBe('2026-11-22 00:10');
    expect(ageOn({ year: 2004, month: 11, day: 23 }, NOW)).toBe(21);
    expect(ageOn({ year: 2004, month: 11, day: 22 }, NOW)).toBe(22);
  });
});

describe('money in fen', () => {
  it('formats yuan only at the edge', () => {
    expect(yuanToFen(200.1)).toBe(20010);
    expect(formatYuan(123456)).toBe('1,234.56');
    expect(formatMoney(5)).toBe('¥0.05');
  });
});

describe('i18n', () => {
  const words = createTranslator({ 'zh-CN': { hello: '你好，{name}' }, en: { hello: 'Hello, {name}' } });

  it('follows the WeChat language until the person picks one, and remembers the pick', () => {
    resetLocaleCache();
    fake.language = 'en';
    expect(getLocale()).toBe('en');
    expect(words.t('hello', { name: 'Li' })).toBe('Hello, Li');
    setLocaleSetting('zh-CN');
    expect(words.t('hello', { name: '李' })).toBe('你好，李');
    resetLocaleCache();
    expect(getLocale()).toBe('zh-CN');
    expect(fake.storage.get('settings.locale')).toBe('zh-CN');
    setLocaleSetting('system');
    expect(getLocale()).toBe('en');
  });
});

describe('error words', () => {
  it('never shows the government\'s English developer message: unknown codes get the general words', () => {
    resetLocaleCache();
    fake.language = 'zh_CN';
    const words = createTranslator({ 'zh-CN': { 'err.other': '出了点问题，请重试', 'err.NETWORK': '网络连接失败' }, en: { 'err.other': 'Something went wrong', 'err.NETWORK': 'No connection' } });
    expect(errorMessage(new ServiceError('METHOD_NOT_ALLOWED', 'PUT is not allowed on /x', 405), words)).toBe('出了点问题，请重试');
    expect(errorMessage(new ServiceError('NETWORK', 'request:fail'), words)).toBe('网络连接失败');
  });
});
