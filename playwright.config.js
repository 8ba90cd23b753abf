// Browser walks (npm run test:e2e) on @playwright/test: the preview served by its own server as the
// webServer, Debian's chromium (no browser download), one walk at a time.
'use strict';

const { defineConfig } = require('@playwright/test');

const PORT = Number(process.env.E2E_PORT || 5181);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// The walks open their own phone-sized contexts (test/e2e/harness.ts) at this address.
process.env.PREVIEW_URL = `http://127.0.0.1:${PORT}`;
process.env.CHROMIUM_PATH = CHROMIUM;

module.exports = defineConfig({
  testDir: 'test/e2e',
  testMatch: /.*\.e2e\.ts$/,
  workers: 1,
  fullyParallel: false,
  timeout: 60000,
  reporter: [['list']],
  outputDir: '.preview/e2e-results',
  use: { baseURL: process.env.PREVIEW_URL, launchOptions: { executablePath: CHROMIUM } },
  webServer: {
    command: 'node preview/serve.js',
    url: process.env.PREVIEW_URL,
    env: { PORT: String(PORT) },
    reuseExistingServer: false,
    timeout: 60000,
    stdout: 'ignore',
  },
});
