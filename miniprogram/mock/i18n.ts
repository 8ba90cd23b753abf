// What the embedded government says to a tester, in zh-CN and en. None of it ships in a release build.
import { createTranslator } from '../core/i18n';

const zh = {
  codeNote: '测试环境验证码：{code}',
  faceTitle: '模拟人脸核身',
  faceBody: '测试环境无法调用微信人脸核身，将以模拟结果继续。正式版会使用微信人脸核身。',
  walletPay: '模拟：支付 {amount} 成功（开发者工具）',
  walletFail: '模拟：支付失败（开发者工具）',
  setAsideTitle: '测试数据无法读取',
  setAsideBody: '本机保存的测试政务数据已损坏，已原样保留（第 {generation} 代），并重新开始了一份新的数据。之前的核验、绑定和缴费记录在新数据里看不到。',
  ok: '知道了',
  confirm: '继续',
  cancel: '取消',
  clock: '政务日期（测试）',
  clockHint: '仅测试环境：把政务系统的日期往后调，查看到期、冷静期等变化。只能往后调。',
  clockValue: '{date}',
  clockAhead: '{date}（已往后调 {days} 天）',
  clockDay: '往后 1 天',
  clockWeek: '往后 7 天',
  clockMoved: '政务日期已调到 {date}',
  fault: '模拟网络故障（测试）',
  faultHint: '打开后所有请求返回“服务不可用”，用于检查错误提示与重试',
};

const en: typeof zh = {
  codeNote: 'Test code: {code}',
  faceTitle: 'Simulated face check',
  faceBody: 'This test setup cannot call WeChat face verification, so it continues with a simulated result. The released app uses WeChat face verification.',
  walletPay: 'Simulate: payment of {amount} succeeds (DevTools)',
  walletFail: 'Simulate: payment fails (DevTools)',
  setAsideTitle: 'Test data could not be read',
  setAsideBody: 'The test government data saved on this device was damaged. It has been kept as it was (generation {generation}) and a fresh copy started, so earlier verifications, vehicles and payments are not in the new one.',
  ok: 'OK',
  confirm: 'Continue',
  cancel: 'Cancel',
  clock: 'Government date (testing)',
  clockHint: 'Test setups only: move the government\'s date forward to see due dates and cooling-off periods pass. It only moves forward.',
  clockValue: '{date}',
  clockAhead: '{date} ({days} days ahead)',
  clockDay: '1 day on',
  clockWeek: '7 days on',
  clockMoved: 'Government date is now {date}',
  fault: 'Simulate network failure (testing)',
  faultHint: 'While on, every request answers "service unavailable", to check error messages and retry',
};

export const mockText = createTranslator({ 'zh-CN': zh, en });
