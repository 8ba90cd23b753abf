// `npm start`: builds the preview, serves it on http://127.0.0.1:$PORT (default 5180), rebuilds
// when miniprogram/ or preview/ changes and tells open pages to reload (server-sent events).
const fs = require('fs');
const http = require('http');
const path = require('path');
const { build, DIST } = require('./build');
const { watchedDirs, APP_ROOT } = require('./lib/project');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.json': 'application/json',
};

/** Serves dist/ first, then the mini program's own files (images referenced as /assets/...). */
function resolveFile(urlPath) {
  const clean = decodeURIComponent(urlPath.split('?')[0]);
  const rel = clean === '/' ? 'index.html' : clean.replace(/^\/+/, '');
  for (const root of [DIST, APP_ROOT]) {
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) continue;
    if (root === APP_ROOT && /\.(ts|js|json|wxml|wxss|wxs)$/.test(file)) continue;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

function createServer(options = {}) {
  const clients = new Set();
  const server = http.createServer((req, res) => {
    if (req.url === '/__pv/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const file = resolveFile(req.url || '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  const send = (event, data) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${String(data).replace(/\n/g, ' ')}\n\n`);
  };
  const close = () => {
    for (const client of clients) client.end();
    return new Promise((resolve) => server.close(resolve));
  };
  return {
    server,
    send,
    close,
    listen: (port) => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host || '127.0.0.1', () => resolve(server.address().port));
    }),
  };
}

function watch(onChange) {
  let timer = null;
  const fire = (file) => {
    clearTimeout(timer);
    timer = setTimeout(() => onChange(file), 80);
  };
  for (const dir of watchedDirs()) {
    fs.watch(dir, { recursive: true }, (_event, file) => {
      if (file && !/(^|[\\/])(\.|node_modules)/.test(file)) fire(file);
    });
  }
}

async function main() {
  const port = Number(process.env.PORT || 5180);
  const first = await build({ dev: true });
  first.warnings.forEach((w) => console.warn(`warning: ${w}`));
  const app = createServer();
  const actual = await app.listen(port);
  process.stdout.write(`preview built in ${first.ms} ms (WXML via ${first.compiler})\n`);
  process.stdout.write(`preview: http://127.0.0.1:${actual}/  (PORT=${actual}; watching miniprogram/ and preview/)\n`);
  let building = false;
  let again = false;
  watch(async (file) => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    do {
      again = false;
      try {
        const res = await build({ dev: true });
        res.warnings.forEach((w) => console.warn(`warning: ${w}`));
        process.stdout.write(`rebuilt in ${res.ms} ms (${file}); reloading\n`);
        app.send('reload', file);
      } catch (err) {
        console.error(`build failed: ${err.message || err}`);
        app.send('build-error', err.message || err);
      }
    } while (again);
    building = false;
  });
}

module.exports = { createServer, resolveFile };

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message || err);
    process.exit(1);
  });
}
