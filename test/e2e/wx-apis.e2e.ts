// wx APIs the preview stands in for, seen from the app: face verification is unsupported (a
// warning in the console panel, a WeChat-style failure) so the app falls back to its own
// confirm modal; a payment the tester cancels leaves the fine unpaid.
import { assert, openPhone, verifyIdentity, walk } from './harness';

walk('face verification unsupported: warning in the panel, the app falls back to its confirm modal', async () => {
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
    const panel = (await page.textContent('#pv-log')) ?? '';
    assert(/checkIsSupportFacialRecognition.*not supported/.test(panel), `no unsupported-API warning in the panel: ${panel}`);
    await page.click('[data-pv="modal"] .pv-modal-confirm');
    await page.waitForSelector(phone.top('#face-done'));
  } finally {
    await phone.close();
  }
});

walk('an API WeChat has but the preview lacks fails visibly, never a silent success', async () => {
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
