// ts-jest, after WeChat's require.async('<path>') is turned into import('<path>') (scripts/require-async.js),
// so a test loads a subpackage's module lazily as the mini program does.
'use strict';

const tsJest = require('ts-jest').default;
const { rewriteRequireAsync } = require('../../scripts/require-async');

module.exports = {
  createTransformer(options) {
    const inner = tsJest.createTransformer(options);
    const rewrite = (source) => rewriteRequireAsync(source).code;
    return {
      canInstrument: inner.canInstrument,
      process: (source, file, config) => inner.process(rewrite(source), file, config),
      processAsync: (source, file, config) => inner.processAsync(rewrite(source), file, config),
      getCacheKey: (source, file, config) => inner.getCacheKey(rewrite(source), file, config),
      getCacheKeyAsync: (source, file, config) => inner.getCacheKeyAsync(rewrite(source), file, config),
    };
  },
};
