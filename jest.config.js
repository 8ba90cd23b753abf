/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // ts before json, or simulate.load picks up a page's .json as its code.
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['<rootDir>/test/helpers/transform.js', { tsconfig: '<rootDir>/test/tsconfig.json' }],
  },
  setupFiles: ['<rootDir>/test/helpers/setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/after-env.ts'],
  testTimeout: 15000,
};
