// `npm run test:faults`: the randomized fault suite (test/faults), apart from `npm test`; the same
// transform and setup files as jest.config.js.
const base = require('./jest.config.js');

module.exports = { ...base, testMatch: ['**/*.faults.ts'] };
