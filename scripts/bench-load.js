// `npm run bench:load [-- --residents N --in-flight N --memory]`: bundles test/bench/load/main.ts with
// esbuild (platform node; WeChat's require.async in the government turned into import() by
// requireAsyncPlugin) into node_modules/.cache/bench-load/, then runs it: the government server on
// loopback and the embedded government, the same mix against both. Exits 1 on any error or invariant
// violation, never on a time.
'use strict';

const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { requireAsyncPlugin } = require('./require-async');

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'bench-load');
const BUNDLE = path.join(OUT_DIR, 'main.js');

async function bundle() {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'test', 'bench', 'load', 'main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    write: false,
    outfile: BUNDLE,
    logLevel: 'warning',
    plugins: [requireAsyncPlugin()],
  });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const [output] = result.outputFiles;
  // Written under this process's name, then renamed: two runs at once never read half a file.
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, output.contents);
  fs.renameSync(tmp, BUNDLE);
  return BUNDLE;
}

async function run() {
  const { main } = require(await bundle());
  process.exitCode = await main(process.argv.slice(2));
}

run().catch((err) => {
  process.stderr.write(`bench:load: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 1;
});
