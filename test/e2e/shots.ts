// `npm run shots`: a PNG of every page in app.json (main package and subpackages) in zh-CN and
// en, after the identity step, into shots/<language>/. A page that throws or renders empty fails.
import * as fs from 'fs';
import * as path from 'path';
import { assert, openPhone, verifyIdentity, walk, type Language } from './harness';

const ROOT = path.resolve(process.cwd());
const OUT = path.join(ROOT, 'shots');

interface AppJson { pages: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] }

function allPages(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8')) as AppJson;
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [...app.pages, ...subs.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))];
}

async function shoot(language: Language): Promise<void> {
  const dir = path.join(OUT, language);
  fs.mkdirSync(dir, { recursive: true });
  const phone = await openPhone(language);
  const problems: string[] = [];
  try {
    const { page } = phone;
    await page.screenshot({ path: path.join(dir, '00-before-identity.png') });
    await verifyIdentity(phone);
    for (const route of allPages()) {
      const before = (await phone.errors()).length;
      await page.evaluate((r) => {
        window.location.hash = `#/${r}`;
      }, route);
      await phone.waitForRoute(route).catch(() => undefined);
      // Let the embedded government answer (configured latency) and the page settle.
      await page.waitForTimeout(700);
      const errors = (await phone.errors()).slice(before);
      const text = (await phone.pageText()).trim();
      const file = path.join(dir, `${route.replace(/\//g, '__')}.png`);
      await page.locator('#pv-phone').screenshot({ path: file });
      if ((await phone.route()) !== route) problems.push(`${language} ${route}: did not open (now on ${await phone.route()})`);
      if (errors.length) problems.push(`${language} ${route}: threw ${errors.join(' | ')}`);
      if (!text) problems.push(`${language} ${route}: rendered empty`);
      process.stdout.write(`  ${errors.length || !text ? 'BAD ' : 'ok  '} ${path.relative(ROOT, file)}\n`);
    }
  } finally {
    await phone.close();
  }
  assert(problems.length === 0, problems.join('\n'));
}

walk('shots zh-CN', () => shoot('zh_CN'));
walk('shots en', () => shoot('en'));
