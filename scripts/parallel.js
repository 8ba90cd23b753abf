// Runs shell commands side by side (as many at once as there are cores) and fails if any fails.
// `npm test` uses it for the type checks and lint, which are single-threaded each.
const { spawn } = require('child_process');
const os = require('os');

const commands = process.argv.slice(2);
const limit = Math.max(1, os.cpus().length);
let next = 0;
let running = 0;
let failed = false;

function start() {
  while (running < limit && next < commands.length) {
    const command = commands[next];
    next += 1;
    running += 1;
    const began = Date.now();
    const child = spawn(command, { shell: true, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('close', (code) => {
      running -= 1;
      const seconds = ((Date.now() - began) / 1000).toFixed(1);
      // Output is printed whole per command, so parallel runs do not interleave.
      process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} ${command} (${seconds} s)\n`);
      const shown = output.split('\n').filter((line) => line.trim() && !/Unknown user config "nodedir"/.test(line));
      if (code !== 0 || shown.length) process.stdout.write(`${shown.join('\n')}\n`);
      if (code !== 0) failed = true;
      if (next < commands.length) start();
      else if (running === 0) process.exit(failed ? 1 : 0);
    });
  }
}

if (commands.length === 0) {
  process.stderr.write('usage: node scripts/parallel.js "<command>" ["<command>" ...]\n');
  process.exit(2);
}
start();
