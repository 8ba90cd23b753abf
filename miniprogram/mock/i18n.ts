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
};

export const mockText = createTranslator({ 'zh-CN': zh, en });
