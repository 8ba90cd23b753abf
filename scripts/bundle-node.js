// Bundles a TypeScript entry of the project for Node with esbuild (WeChat's require.async in the
// government turned into import() by requireAsyncPlugin, so every agency is in the bundle and loads on
// first use) into node_modules/.cache/<name>/; npm run government and npm run bench:load run theirs so.
'use strict';

const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { requireAsyncPlugin } = require('./require-async');

const ROOT = path.resolve(__dirname, '..');

/** Bundles `entry` (relative to the project) and resolves the bundle's path; written under this process's name, then renamed, so two runs at once never read half a file. */
async function bundleForNode(entry, name) {
  const outDir = path.join(ROOT, 'node_modules', '.cache', name);
  const bundle = path.join(outDir, `${path.basename(entry, path.extname(entry))}.js`);
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    write: false,
    outfile: bundle,
    logLevel: 'warning',
    plugins: [requireAsyncPlugin()],
  });
  fs.mkdirSync(outDir, { recursive: true });
  const [output] = result.outputFiles;
  const tmp = `${bundle}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, output.contents);
  fs.renameSync(tmp, bundle);
  return bundle;
}

module.exports = { bundleForNode };
