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

/** How a module is imported: for its values, for types only (erased), or loaded later with require.async (another package). */
type ImportKind = 'value' | 'type' | 'async';
interface Import { target: string; kind: ImportKind }

/** Every relative import of an app source, resolved to a path under miniprogram/ (no extension). */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(import type [^;]*?from\s+|from\s+|require\(\s*|import\(\s*|require\.async\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => ({
    spec: m[2],
    kind: m[1].startsWith('require.async') ? ('async' as const) : m[1].startsWith('import type') ? ('type' as const) : ('value' as const),
  }));
  return found.map(({ spec, kind }) => ({ target: path.relative(APP, path.resolve(path.dirname(file), spec)).split(path.sep).join('/'), kind }));
}

const files = sources(APP).map((file) => ({ file: path.relative(APP, file).split(path.sep).join('/'), imports: importsOf(file) }));
/** The layer of a file: its top folder, except that an agency (a subpackage's, or one of agencies/) is mock code of its own. */
const top = (rel: string): string => (/^(packages\/[^/]+\/agency|agencies)\//.test(rel) ? 'agency' : rel.split('/')[0].replace(/\.ts$/, ''));
/** The package a file ships in: a subpackage's root (the government's shell is one, mock/), or null for the main package. */
const subRoots = appJson.subPackages.map((sub) => sub.root);
const packageOf = (rel: string): string | null => subRoots.find((root) => rel.startsWith(`${root}/`)) ?? null;

describe('the structure', () => {
  it('has a page in app.json for every catalogue entry that opens one', () => {
    const missing = CATALOGUE.filter((entry) => entry.entry !== null && !pages.has((entry.entry ?? '').replace(/^\//, '').split('?')[0])).map((entry) => `${entry.id} -> ${entry.entry}`);
    expect(missing).toEqual([]);
  });

  it('reads the imports of every app source (so the checks below are not vacuous)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(({ imports }) => imports).length).toBeGreaterThan(200);
    expect(files.find(({ file }) => file === 'backend.ts')?.imports).toContainEqual({ target: 'mock/embedded', kind: 'async' });
    expect(files.find(({ file }) => file === 'mock/agencies.ts')?.imports).toContainEqual({ target: 'packages/fines/agency/police', kind: 'async' });
  });

  it('lets no subpackage import another subpackage\'s code, and the main package import none, except by require.async', () => {
    const crossing = files.flatMap(({ file, imports }) =>
      imports
        .filter(({ target, kind }) => kind === 'value' && packageOf(target) !== null && packageOf(target) !== packageOf(file))
        .map(({ target }) => `${file} -> ${target}`),
    );
    expect(crossing).toEqual([]);
  });

  it('runs imports only downwards: pages -> services -> backend -> mock; core and contracts below all', () => {
    // What each top-level folder may import (besides itself); i18n holds words only.
    const allowed: Record<string, string[]> = {
      contracts: [],
      core: ['contracts'],
      i18n: ['core', 'contracts'],
      config: [],
      mock: ['core', 'contracts', 'agency'],
      // A subpackage's agency: types of the government it plugs into, and what the kit hands it.
      agency: ['core', 'contracts', 'mock'],
      backend: ['core', 'contracts', 'config', 'mock'],
      services: ['core', 'contracts', 'backend', 'i18n'],
      components: ['core', 'contracts', 'i18n'],
      pages: ['core', 'contracts', 'services', 'i18n', 'components'],
      packages: ['core', 'contracts', 'services', 'i18n', 'components'],
      app: ['core', 'contracts', 'services', 'i18n'],
    };
    const upward = files.flatMap(({ file, imports }) => {
      const from = top(file);
      return imports.filter(({ target }) => top(target) !== from && !(allowed[from] ?? []).includes(top(target))).map(({ target }) => `${file} -> ${target}`);
    });
    expect(upward).toEqual([]);
  });

  it('lets only backend.ts know the mocked government exists, loading it later; agencies take only its types', () => {
    const mockish = (layer: string): boolean => layer === 'mock' || layer === 'agency';
    const knowing = files.flatMap(({ file, imports }) =>
      imports
        .filter(({ target }) => mockish(top(target)) && !mockish(top(file)))
        .filter(({ kind }) => !(file === 'backend.ts' && kind === 'async'))
        .map(({ target, kind }) => `${file} -> ${target} (${kind})`),
    );
    expect(knowing).toEqual([]);
    // An agency is loaded by the government with require.async, and takes nothing but types from it.
    const agencyValues = files.flatMap(({ file, imports }) =>
      top(file) === 'agency' ? imports.filter(({ target, kind }) => top(target) === 'mock' && kind !== 'type').map(({ target }) => `${file} -> ${target}`) : [],
    );
    expect(agencyValues).toEqual([]);
    const mockToAgency = files.flatMap(({ file, imports }) =>
      top(file) === 'mock' ? imports.filter(({ target, kind }) => top(target) === 'agency' && kind !== 'async' && kind !== 'type').map(({ target }) => `${file} -> ${target}`) : [],
    );
    expect(mockToAgency).toEqual([]);
  });

  it('shows in docs/testing.md the worked example exactly as it runs', () => {
    const guide = fs.readFileSync(path.join(ROOT, 'docs/testing.md'), 'utf8');
    const example = fs.readFileSync(path.join(ROOT, 'test/pages/worked-example.test.ts'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(block).toBe(example);
  });
});
