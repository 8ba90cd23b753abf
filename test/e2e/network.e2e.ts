// The network failing: with Me > Settings' fault switch on, the embedded transport answers
// UNAVAILABLE; My records shows the error and a retry, which works once the network is back.
import { test } from '@playwright/test';
import { assert, openPhone, verifyIdentity } from './harness';

test('network failing: My records shows an error and a retry that recovers', async () => {
  const phone = await openPhone('zh_CN');
  try {
    const { page } = phone;
    await verifyIdentity(phone);
    await page.click('.pv-tab[data-index="1"]');
    await phone.waitForRoute('pages/me/me');
    if (await page.locator(phone.top('#fault')).count()) {
      await phone.tap('#fault');
    } else {
      await page.selectOption('#pv-fault', 'unavailable');
    }
    await phone.tap('#records');
    await phone.waitForRoute('packages/records/pages/records/records');
    await page.waitForSelector(phone.top('.load-retry'));
    const message = (await page.textContent(phone.top('.load-state'))) ?? '';
    assert(message.trim().length > 0, 'error state has no message');
    // Network back (the preview's own control), then retry.
    await page.selectOption('#pv-fault', 'none');
    await phone.tap('.load-retry');
    await page.waitForSelector(phone.top('.load-retry'), { state: 'detached' });
    await phone.waitForText(/ID\d+/);
  } finally {
    await phone.close();
  }
});
