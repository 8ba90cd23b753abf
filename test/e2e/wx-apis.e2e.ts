// wx APIs the preview stands in for, seen from the app: with the embedded government, which cannot
// check a WeChat face result, the face step is the app's own simulated confirm modal; an API the
// preview lacks fails visibly.
import { test } from '@playwright/test';
import { assert, openPhone, verifyIdentity } from './harness';

test('face step with the embedded government: the app\'s simulated confirm modal, no WeChat face API', async () => {
  const phone = await openPhone('zh_CN');
  try {
    const { page } = phone;
    await verifyIdentity(phone);
    await page.evaluate(() => {
      window.location.hash = '#/pages/identity/identity?level=face';
    });
    await phone.waitForRoute('pages/identity/identity');
    await page.waitForSelector(phone.top('#start-face'));
    await phone.tap('#start-face');
    await page.waitForSelector('[data-pv="modal"]');
    const modal = (await page.textContent('[data-pv="modal"]')) ?? '';
    assert(modal.includes('模拟人脸核身'), `not the simulated face check: ${modal}`);
    const panel = (await page.textContent('#pv-log')) ?? '';
    assert(!/FacialRecognition/.test(panel), `the app called WeChat's face API: ${panel}`);
    await page.click('[data-pv="modal"] .pv-modal-confirm');
    await page.waitForSelector(phone.top('#face-done'));
  } finally {
    await phone.close();
  }
});

test('an API WeChat has but the preview lacks fails visibly, never a silent success', async () => {
  const phone = await openPhone('en');
  try {
    const { page } = phone;
    const outcome = await page.evaluate(async () => {
      const wxApi: Record<string, unknown> = Reflect.get(window, 'wx');
      const start = wxApi.startSoterAuthentication;
      if (typeof start !== 'function') return 'missing';
      try {
        await start({ requestAuthModes: ['fingerPrint'], challenge: 'x' });
        return 'resolved';
      } catch (err) {
        return (err as { errMsg?: string }).errMsg ?? 'rejected without errMsg';
      }
    });
    assert(/^startSoterAuthentication:fail/.test(outcome), `expected a WeChat-style failure, got ${outcome}`);
    const panel = (await page.textContent('#pv-log')) ?? '';
    assert(panel.includes('wx.startSoterAuthentication is not supported'), 'no warning in the console panel');
    const missing = await page.evaluate(() => typeof (Reflect.get(window, 'wx') as Record<string, unknown>).notAWechatApi);
    assert(missing === 'undefined', 'a name WeChat does not have should be undefined');
  } finally {
    await phone.close();
  }
});
