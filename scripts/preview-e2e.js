// `npm run shots` (--shots): builds the preview, serves it on a free port, bundles test/e2e/shots.ts
// with esbuild and saves every page in Debian's chromium through playwright-core. The browser walks
// (test/e2e/*.e2e.ts) run on @playwright/test instead: `npm run test:e2e` (playwright.config.js).
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { build } = require('../preview/build');
const { createServer } = require('../preview/serve');

const ROOT = path.resolve(__dirname, '..');
const E2E = path.join(ROOT, 'test', 'e2e');
const OUT = path.join(ROOT, '.preview', 'e2e');

async function main() {
  const shots = process.argv.includes('--shots');
  if (!shots) {
    console.error('the browser walks run on @playwright/test: npm run test:e2e');
    process.exit(2);
  }
  const only = process.argv.find((a) => a.startsWith('--only='));
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.error(`${chromium} not found: install it with apt-get install -y chromium fonts-noto-cjk`);
    process.exit(1);
  }
  const built = await build();
  built.warnings.forEach((w) => console.warn(`warning: ${w}`));
  process.stdout.write(`preview built in ${built.ms} ms (WXML via ${built.compiler})\n`);

  const files = shots
    ? [path.join(E2E, 'shots.ts')]
    : fs.readdirSync(E2E).filter((f) => f.endsWith('.e2e.ts')).sort().map((f) => path.join(E2E, f));
  fs.mkdirSync(OUT, { recursive: true });
  const entry = path.join(OUT, 'entry.ts');
  const rel = (file) => JSON.stringify(path.relative(OUT, file).split(path.sep).join('/').replace(/\.ts$/, ''));
  fs.writeFileSync(entry, `export { walks } from ${rel(path.join(E2E, 'harness.ts'))};\n${files.map((f) => `import ${rel(f)};`).join('\n')}\n`);
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node18', format: 'cjs', outfile: path.join(OUT, 'walks.js'), external: ['playwright-core'], logLevel: 'error' });

  const server = createServer();
  const port = await server.listen(Number(process.env.PORT || 0));
  process.env.PREVIEW_URL = `http://127.0.0.1:${port}`;
  process.env.CHROMIUM_PATH = chromium;
  const { walks } = require(path.join(OUT, 'walks.js'));
  const selected = only ? walks.filter((w) => w.name.includes(only.slice('--only='.length))) : walks;
  let failed = 0;
  for (const w of selected) {
    const started = Date.now();
    try {
      await w.run();
      process.stdout.write(`ok   ${w.name} (${Date.now() - started} ms)\n`);
    } catch (err) {
      failed += 1;
      process.stdout.write(`FAIL ${w.name} (${Date.now() - started} ms)\n     ${String(err && err.stack ? err.stack : err).split('\n').slice(0, 6).join('\n     ')}\n`);
    }
  }
  await server.close();
  process.stdout.write(`${selected.length - failed}/${selected.length} ${shots ? 'shot runs' : 'walks'} passed\n`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
