/* global document, window, requestAnimationFrame -- these lines run inside the browser page */
// `npm run preview:measure`: prints the preview's build time and first paint on localhost
// (median of several cold loads in Debian's chromium). Numbers, not a pass/fail test.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { build } = require('../preview/build');
const { createServer } = require('../preview/serve');

const RUNS = Number(process.env.RUNS || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const builds = [];
  for (let i = 0; i < 3; i += 1) builds.push((await build()).ms);
  const server = createServer();
  const port = await server.listen(0);
  const loads = [];
  for (let i = 0; i < RUNS; i += 1) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pv-measure-'));
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/`);
    // The first page counts as painted when its tiles are in the DOM and a frame has been drawn.
    await page.waitForFunction(() => document.querySelector('.pv-page-view page wx-view') !== null);
    const numbers = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      resolve({ fcp: fcp ? fcp.startTime : NaN, domContentLoaded: nav.domContentLoadedEventEnd, boot: window.__pvBootMs, pageReady: performance.now() });
    }, 0))));
    loads.push(numbers);
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await server.close();
  const pick = (key) => Math.round(median(loads.map((l) => l[key])));
  process.stdout.write(`build (whole app, ${builds.length} runs): median ${median(builds)} ms [${builds.join(', ')}]\n`);
  process.stdout.write(`first contentful paint (${RUNS} cold loads, localhost): median ${pick('fcp')} ms\n`);
  process.stdout.write(`runtime boot (register, App.onLaunch, first page onLoad/onShow): median ${pick('boot')} ms\n`);
  process.stdout.write(`first page rendered and painted: median ${pick('pageReady')} ms after navigation start\n`);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
