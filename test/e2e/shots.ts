// `npm run shots`: a PNG of every page in app.json (main package and subpackages) in zh-CN and
// en, after the identity step, into shots/<language>/, along the tour of tour.ts. A few extra states
// (empty, selected, payment sheet, not found, network failing) are saved as <page>--<state>.png.
// A page that throws, renders empty, or is missing from the folder fails the command.
import * as fs from 'fs';
import * as path from 'path';
import { assert, openPhone, verifyIdentity, walk, type Language, type Phone } from './harness';
import { allPages, settle, tour } from './tour';

const ROOT = path.resolve(process.cwd());
const OUT = path.join(ROOT, 'shots');

class Camera {
  readonly problems: string[] = [];
  readonly shot = new Set<string>();
  private errorsSeen = 0;

  constructor(private readonly phone: Phone, private readonly language: Language, private readonly dir: string) {}

  /** Saves the phone as <route>[--state].png after checking it is on `route`, did not throw, and shows something. */
  async snap(route: string, state = ''): Promise<void> {
    await settle(this.phone);
    const { page } = this.phone;
    const name = `${route.replace(/\//g, '__')}${state ? `--${state}` : ''}`;
    const file = path.join(this.dir, `${name}.png`);
    await page.locator('#pv-phone').screenshot({ path: file });
    const errors = (await this.phone.errors()).slice(this.errorsSeen);
    this.errorsSeen += errors.length;
    const text = (await this.phone.pageText()).trim();
    const now = await this.phone.route();
    const label = `${this.language} ${name}`;
    if (now !== route) this.problems.push(`${label}: expected ${route}, on ${now}`);
    if (errors.length) this.problems.push(`${label}: threw ${errors.join(' | ')}`);
    if (!text) this.problems.push(`${label}: rendered empty`);
    if (!state) this.shot.add(route);
    process.stdout.write(`  ${errors.length || !text || now !== route ? 'BAD ' : 'ok  '} ${path.relative(ROOT, file)}\n`);
  }
}

async function shoot(language: Language): Promise<void> {
  const dir = path.join(OUT, language);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const phone = await openPhone(language);
  const camera = new Camera(phone, language, dir);
  try {
    const { page } = phone;
    await page.screenshot({ path: path.join(dir, '00-before-identity.png') });
    await verifyIdentity(phone);
    await tour(phone, (route, state) => camera.snap(route, state));
    allPages().filter((route) => !camera.shot.has(route)).forEach((route) => camera.problems.push(`${language} ${route}: no screenshot`));
  } finally {
    await phone.close();
  }
  assert(camera.problems.length === 0, camera.problems.join('\n'));
}

walk('shots zh-CN', () => shoot('zh_CN'));
walk('shots en', () => shoot('en'));
