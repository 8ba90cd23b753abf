// `npm run bench`: the timings run, apart from `npm test` (which never times anything).
const base = require('./jest.config.js');

module.exports = { ...base, testMatch: ['**/*.bench.ts'] };
