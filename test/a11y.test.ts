// Screen readers: every control has a role and a name. WeChat's ARIA (base library 2.7.1+) reads
// `aria-role` and `aria-label`; this walks every .wxml of the app and fails on a tappable element
// without a role, and on a form control without a label.
import * as fs from 'fs';
import * as path from 'path';

const APP = path.resolve(__dirname, '../miniprogram');

function wxmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return wxmlFiles(full);
    return entry.name.endsWith('.wxml') ? [full] : [];
  });
}

/** Form controls a screen reader must be able to name. */
const CONTROLS = new Set(['input', 'textarea', 'picker', 'switch', 'slider']);

interface Finding { file: string; tag: string; id: string; problem: string }

function findings(file: string): Finding[] {
  const text = fs.readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const rel = path.relative(APP, file).split(path.sep).join('/');
  return [...text.matchAll(/<([a-z][\w-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g)].flatMap(([, tag, attrs]) => {
    const id = /\bid="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const out: Finding[] = [];
    if (/\b(?:bind|catch):?tap=/.test(attrs) && !/\baria-role="[^"]+"/.test(attrs)) out.push({ file: rel, tag, id, problem: 'tappable without aria-role' });
    if (CONTROLS.has(tag) && !/\baria-label="[^"]+"/.test(attrs)) out.push({ file: rel, tag, id, problem: `${tag} without aria-label` });
    return out;
  });
}

describe('screen readers', () => {
  const files = wxmlFiles(APP);

  it('reads every template of the app (so the check is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((file) => fs.readFileSync(file, 'utf8').match(/bind:?tap=/g) ?? []).length).toBeGreaterThan(20);
  });

  it('hides decorative glyphs (chevrons, ticks, arrows) from screen readers', () => {
    const GLYPHS = /^[\s›‹▾▸✓✔×→←·]+$/;
    const bare = files.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
      const rel = path.relative(APP, file).split(path.sep).join('/');
      // An element whose whole text is a glyph, e.g. <text class="chevron">›</text>.
      return [...text.matchAll(/<([a-z][\w-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>([^<{]*)<\/\1>/g)]
        .filter(([, , attrs, inner]) => inner.trim() !== '' && GLYPHS.test(inner) && !/\baria-hidden="true"/.test(attrs))
        .map(([, tag, , inner]) => `${rel} <${tag}>${inner.trim()}`);
    });
    expect(bare).toEqual([]);
  });

  it('gives every tappable element a role and every form control a label', () => {
    expect(files.flatMap(findings).map((f) => `${f.file} <${f.tag}${f.id ? ` id=${f.id}` : ''}>: ${f.problem}`)).toEqual([]);
  });
});
