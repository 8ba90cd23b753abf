// `npm run bench:load [-- --residents N --in-flight N --memory]`: bundles test/bench/load/main.ts with
// esbuild (platform node; WeChat's require.async in the government turned into import() by
// requireAsyncPlugin) into node_modules/.cache/bench-load/, then runs it: the government server on
// loopback and the embedded government, the same mix against both. Exits 1 on any error or invariant
// violation, never on a time.
'use strict';

const { bundleForNode } = require('./bundle-node');

const bundle = () => bundleForNode('test/bench/load/main.ts', 'bench-load');

async function run() {
  const { main } = require(await bundle());
  process.exitCode = await main(process.argv.slice(2));
}

run().catch((err) => {
  process.stderr.write(`bench:load: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 1;
});
