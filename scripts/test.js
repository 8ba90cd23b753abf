// npm test: the checks side by side (as many at once as there are cores) with concurrently, each one's
// output printed whole when it ends, a line per check, and the wall time at the end. Fails if any fails.
'use strict';

const { concurrently } = require('concurrently');

const started = Date.now();
const CACHE = 'node_modules/.cache';
const checks = [
  { name: 'jest', command: 'jest --maxWorkers=2' },
  { name: 'tsc test', command: `tsc --noEmit --incremental --tsBuildInfoFile ${CACHE}/tsc/test.tsbuildinfo -p test/tsconfig.json` },
  { name: 'check:compile', command: 'node scripts/check-compile.js --cache' },
  { name: 'check:compile --release', command: 'node scripts/check-compile.js --release --cache' },
  { name: 'tsc app', command: `tsc --noEmit --incremental --tsBuildInfoFile ${CACHE}/tsc/app.tsbuildinfo -p tsconfig.json` },
  { name: 'tsc preview', command: `tsc --noEmit --incremental --tsBuildInfoFile ${CACHE}/tsc/preview.tsbuildinfo -p preview/tsconfig.json` },
  { name: 'eslint', command: `eslint --max-warnings 0 --cache --cache-location ${CACHE}/eslint/ .` },
];

const { result } = concurrently(checks, { maxProcesses: '100%', group: true, prefix: 'name', killOthersOn: [] });

function report(events) {
  for (const event of [...events].sort((a, b) => a.index - b.index)) {
    const seconds = (event.timings.durationSeconds ?? 0).toFixed(1);
    process.stdout.write(`${event.exitCode === 0 ? 'ok  ' : 'FAIL'} ${event.command.name} (${seconds} s)\n`);
  }
  const failed = events.filter((event) => event.exitCode !== 0).length;
  process.stdout.write(`\nnpm test: ${failed === 0 ? 'passed' : `${failed} failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s wall\n`);
  process.exit(failed === 0 ? 0 : 1);
}

result.then(report, report);
