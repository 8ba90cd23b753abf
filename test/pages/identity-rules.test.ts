// The identity form's rules, apart from the page (miniprogram/pages/identity/form-rules.ts).
// core/form defines its fieldFocus behavior with the mini program's Behavior(), which simulate provides.
import 'miniprogram-simulate';
import { setLocaleSetting } from '../../miniprogram/core/i18n';
import { ServiceError } from '../../miniprogram/core/errors';
import { checkAll, checkField, countdown, countdownView, doneView, emptyForm, faceErrors, failureView, isIdentityDraft, problemOf, withReasons } from '../../miniprogram/pages/identity/form-rules';

const NOW = Date.UTC(2026, 10, 22, 2, 0);
const LI = { name: '李明', idNumber: '34052419800101001X', mobile: '13800000002', smsCode: '123456' };

describe('identity form rules', () => {
  it('let a field be half typed, and check it whole once complete', () => {
    expect(problemOf('idNumber', '3405241980', false, NOW)).toBeNull();
    expect(problemOf('idNumber', '3405241980', true, NOW)).toBe('ID_LENGTH');
    expect(problemOf('idNumber', '3405X', false, NOW)).toBe('ID_CHARS');
    expect(problemOf('idNumber', '340524198001010013', false, NOW)).toBe('ID_CHECKSUM');
    expect(problemOf('idNumber', '34052419800101001x', true, NOW)).toBeNull();
    expect(problemOf('mobile', '138', false, NOW)).toBeNull();
    expect(problemOf('mobile', '12', false, NOW)).toBe('MOBILE_FORMAT');
    expect(problemOf('mobile', '138', true, NOW)).toBe('MOBILE_FORMAT');
    expect(problemOf('name', '', false, NOW)).toBeNull();
    expect(problemOf('name', '', true, NOW)).toBe('REQUIRED');
    expect(problemOf('smsCode', '12', true, NOW)).toBe('SMS_FORMAT');
  });

  it('give the words beside a field, counting what was typed', () => {
    expect(checkField('idNumber', '3405241980010100', true)).toBe('身份证号码应为 18\u00a0位，您输入了 16\u00a0位');
    expect(checkField('idNumber', '3405241980010100', false)).toBe('');
    expect(checkField('mobile', LI.mobile, true)).toBe('');
  });

  it('find every problem at once, and take the government\'s reasons over what is shown', () => {
    expect(checkAll(['name', 'idNumber', 'mobile', 'smsCode'], emptyForm())).toEqual({ name: '请输入姓名', idNumber: '请输入身份证号码', mobile: '请输入手机号码', smsCode: '请输入短信验证码' });
    expect(checkAll(['name', 'mobile'], LI)).toEqual({});
    const shown = { mobile: '请输入手机号码' };
    expect(withReasons(shown, { smsCode: 'SMS_WRONG', unknown: 'X' }, LI)).toEqual({ mobile: '请输入手机号码', smsCode: '验证码不正确，请核对短信或重新获取' });
    expect(shown).toEqual({ mobile: '请输入手机号码' });
  });

  it('put a failure beside its fields, or above the button, keeping the errors shown', () => {
    const shown = { mobile: '请输入手机号码' };
    const refused = new ServiceError('VALIDATION', 'bad', 422, { smsCode: 'SMS_EXPIRED' });
    expect(failureView(refused, shown, LI)).toEqual({
      errors: { mobile: '请输入手机号码', smsCode: '验证码已过期，请重新获取' },
      summary: [{ field: 'mobile', text: '请输入手机号码' }, { field: 'smsCode', text: '验证码已过期，请重新获取' }],
      formError: '',
    });
    expect(failureView(new ServiceError('NETWORK', 'offline'), shown, LI)).toMatchObject({ errors: shown, formError: '网络不稳定，刚才的请求没有发出。您填写的内容已保留，请重试。' });
    expect(failureView(new ServiceError('UNAVAILABLE', 'down', 503), {}, LI)).toEqual({ errors: {}, summary: [], formError: '服务暂时不可用，请稍后重试' });
  });

  it('say who was verified, and whether the face step is still to do', () => {
    const profile = { level: 'verified' as const, nameMasked: '*明', idMasked: '3405**********001X', mobileMasked: '138****0002', sex: 'male' as const, age: 46, newResident: false };
    expect(doneView(profile, 'verified')).toEqual({ doneBody: '*明，您的身份已核验（3405**********001X）。现在可以办理需要实名的服务。', faceNeeded: false, faceDone: false });
    expect(doneView(profile, 'face')).toMatchObject({ faceNeeded: true, faceDone: false });
    expect(doneView({ ...profile, level: 'face' }, 'face')).toMatchObject({ faceNeeded: false, faceDone: true });
  });

  it('for the face step, ask for the very ID that was verified', () => {
    expect(faceErrors({ ...emptyForm(), name: LI.name }, '3405**********001X')).toEqual({ idNumber: '请输入身份证号码' });
    expect(faceErrors({ ...emptyForm(), name: LI.name, idNumber: '11010519491231002X' }, '3405**********001X')).toEqual({ idNumber: '这不是您实名认证时使用的身份证号码（3405**********001X）' });
    expect(faceErrors({ ...emptyForm(), name: LI.name, idNumber: LI.idNumber }, '3405**********001X')).toEqual({});
  });

  it('count the resend down once a second to zero, in the person\'s language', () => {
    jest.useFakeTimers();
    try {
      const seen: number[] = [];
      countdown(3, (left) => seen.push(left));
      jest.advanceTimersByTime(10000);
      expect(seen).toEqual([2, 1, 0]);
      const stop = countdown(60, (left) => seen.push(left));
      jest.advanceTimersByTime(2000);
      stop();
      jest.advanceTimersByTime(5000);
      expect(seen).toEqual([2, 1, 0, 59, 58]);
    } finally {
      jest.useRealTimers();
    }
    expect(countdownView(0)).toEqual({ resendIn: 0, resendLabel: '' });
    setLocaleSetting('en');
    expect(countdownView(42)).toEqual({ resendIn: 42, resendLabel: 'Resend in 42\u00a0s' });
  });

  it('read back a draft of name and mobile only', () => {
    expect(isIdentityDraft({ name: '李明', mobile: '13800000002' })).toBe(true);
    expect(isIdentityDraft({ mobile: '13800000002' })).toBe(true);
    expect(isIdentityDraft({ name: 7 })).toBe(false);
    expect(isIdentityDraft('李明')).toBe(false);
  });
});
