// WeChat's require.async('<path>') (分包异步化) loads a module of another subpackage on first use.
// Outside WeChat (jest, the browser preview) it becomes a dynamic import of the same path, so
// those load lazily the same way; only literal paths are rewritten, as WeChat only resolves those.
'use strict';

const REQUIRE_ASYNC = /\brequire\.async\((['"])([^'"\n]+)\1\)/g;

/** The source with each require.async('<literal>') as import('<literal>'), and how many were rewritten. */
function rewriteRequireAsync(source) {
  let count = 0;
  const code = source.replace(REQUIRE_ASYNC, (_match, quote, target) => {
    count += 1;
    return `import(${quote}${target}${quote})`;
  });
  return { code, count };
}

/** An esbuild plugin doing the same for the app's .ts files (the preview, scripts bundling the government). */
function requireAsyncPlugin() {
  const fs = require('fs');
  return {
    name: 'require-async',
    setup(build) {
      build.onLoad({ filter: /[\\/]miniprogram[\\/].*\.ts$/ }, async (args) => {
        const source = await fs.promises.readFile(args.path, 'utf8');
        const { code, count } = rewriteRequireAsync(source);
        return count === 0 ? undefined : { contents: code, loader: 'ts' };
      });
    },
  };
}

module.exports = { rewriteRequireAsync, requireAsyncPlugin };
