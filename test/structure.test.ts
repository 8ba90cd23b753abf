// The project's structure, held by a test: catalogue entries point at pages app.json has, no subpackage
// imports another's code, imports only run down the layers, only backend.ts reaches the mocked
// government, and docs/testing.md shows the worked example exactly as it runs.
import * as fs from 'fs';
import * as path from 'path';
import { CATALOGUE } from '../miniprogram/services/catalogue';

const ROOT = path.resolve(__dirname, '..');
const APP = path.join(ROOT, 'miniprogram');

interface AppJson { pages: string[]; subPackages: { root: string; pages: string[] }[] }
const appJson: AppJson = JSON.parse(fs.readFileSync(path.join(APP, 'app.json'), 'utf8'));
const pages = new Set([...appJson.pages, ...appJson.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative import of an app source, resolved to a path under miniprogram/ (no extension). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return found.map((spec) => path.relative(APP, path.resolve(path.dirname(file), spec)).split(path.sep).join('/'));
}

const files = sources(APP).map((file) => ({ file: path.relative(APP, file).split(path.sep).join('/'), imports: importsOf(file) }));
const top = (rel: string): string => rel.split('/')[0].replace(/\.ts$/, '');
const packageOf = (rel: string): string | null => (rel.startsWith('packages/') ? rel.split('/')[1] : null);

describe('the structure', () => {
  it('has a page in app.json for every catalogue entry that opens one', () => {
    const missing = CATALOGUE.filter((entry) => entry.entry !== null && !pages.has((entry.entry ?? '').replace(/^\//, '').split('?')[0])).map((entry) => `${entry.id} -> ${entry.entry}`);
    expect(missing).toEqual([]);
  });

  it('reads the imports of every app source (so the checks below are not vacuous)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(({ imports }) => imports).length).toBeGreaterThan(200);
    expect(files.find(({ file }) => file === 'backend.ts')?.imports).toContain('mock/embedded');
  });

  it('lets no subpackage import another subpackage, and the main package import none', () => {
    const crossing = files.flatMap(({ file, imports }) =>
      imports.filter((target) => packageOf(target) !== null && packageOf(target) !== packageOf(file)).map((target) => `${file} -> ${target}`),
    );
    expect(crossing).toEqual([]);
  });

  it('runs imports only downwards: pages -> services -> backend -> mock; core and contracts below all', () => {
    // What each top-level folder may import (besides itself); i18n holds words only.
    const allowed: Record<string, string[]> = {
      contracts: [],
      core: ['contracts'],
      i18n: ['core'],
      config: [],
      mock: ['core', 'contracts'],
      backend: ['core', 'contracts', 'config', 'mock'],
      services: ['core', 'contracts', 'backend', 'i18n'],
      components: ['core', 'contracts', 'i18n'],
      pages: ['core', 'contracts', 'services', 'i18n', 'components'],
      packages: ['core', 'contracts', 'services', 'i18n', 'components'],
      app: ['core', 'contracts', 'services', 'i18n'],
    };
    const upward = files.flatMap(({ file, imports }) => {
      const from = top(file);
      return imports.filter((target) => top(target) !== from && !(allowed[from] ?? []).includes(top(target))).map((target) => `${file} -> ${target}`);
    });
    expect(upward).toEqual([]);
  });

  it('lets only backend.ts know the mocked government exists', () => {
    const knowing = files.filter(({ file, imports }) => top(file) !== 'mock' && file !== 'backend.ts' && imports.some((target) => top(target) === 'mock')).map(({ file }) => file);
    expect(knowing).toEqual([]);
  });

  it('shows in docs/testing.md the worked example exactly as it runs', () => {
    const guide = fs.readFileSync(path.join(ROOT, 'docs/testing.md'), 'utf8');
    const example = fs.readFileSync(path.join(ROOT, 'test/pages/worked-example.test.ts'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(block).toBe(example);
  });
});
