// `npm run government [-- --port N --state FILE --control --seed N]`: bundles server/cli.ts with esbuild
// (platform node; WeChat's require.async in the government turned into import() by requireAsyncPlugin, so
// every agency is in the bundle and loads on first use) into node_modules/.cache/government/, then runs it
// in this process, so a signal sent to this process reaches the server itself.
'use strict';

const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { requireAsyncPlugin } = require('./require-async');

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'government');
const BUNDLE = path.join(OUT_DIR, 'cli.js');

/** Bundles the server; written under a name of this process's, then renamed, so two starts at once never read half a file. */
async function bundle() {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'server', 'cli.ts')],
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
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, output.contents);
  fs.renameSync(tmp, BUNDLE);
  return BUNDLE;
}

async function run() {
  const file = await bundle();
  const { main } = require(file);
  await main(process.argv.slice(2));
}

run().catch((err) => {
  process.stderr.write(`government: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
