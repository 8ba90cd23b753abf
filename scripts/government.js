// `npm run government [-- --port N --state FILE --control --seed N]`: bundles server/cli.ts with esbuild
// (platform node; WeChat's require.async in the government turned into import() by requireAsyncPlugin, so
// every agency is in the bundle and loads on first use) into node_modules/.cache/government/, then runs it
// in this process, so a signal sent to this process reaches the server itself.
'use strict';

const { bundleForNode } = require('./bundle-node');

const bundle = () => bundleForNode('server/cli.ts', 'government');

async function run() {
  const file = await bundle();
  const { main } = require(file);
  await main(process.argv.slice(2));
}

run().catch((err) => {
  process.stderr.write(`government: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
