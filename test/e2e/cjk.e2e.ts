// CJK text renders with real glyphs (fonts-noto-cjk), not tofu: screenshots of different
// characters in the page's own font differ from each other and from a certain-tofu code point.
import { test } from '@playwright/test';
import { assert, openPhone } from './harness';

test('CJK text renders, not tofu boxes', async () => {
  const phone = await openPhone('zh_CN');
  try {
    const { page } = phone;
    const titleShot = await page.locator('#pv-title').screenshot();
    assert(titleShot.length > 200, 'navigation title screenshot is empty');
    const glyph = async (char: string): Promise<Buffer> => {
      await page.evaluate((c) => {
        const probe = document.getElementById('pv-probe') ?? document.body.appendChild(Object.assign(document.createElement('span'), { id: 'pv-probe' }));
        const title = document.getElementById('pv-title');
        probe.textContent = c;
        probe.setAttribute('style', `position:fixed;left:0;top:0;z-index:9999;background:#fff;color:#000;font-size:48px;line-height:56px;padding:4px;font-family:${title ? getComputedStyle(title).fontFamily : 'sans-serif'}`);
      }, char);
      return page.locator('#pv-probe').screenshot();
    };
    const city = await glyph('城');
    const service = await glyph('务');
    const tofu = await glyph('\u{10FFFD}');
    assert(!city.equals(service), 'two different CJK characters render identically (tofu?)');
    assert(!city.equals(tofu) && !service.equals(tofu), 'CJK characters render like an unassigned code point (tofu)');
  } finally {
    await phone.close();
  }
});
