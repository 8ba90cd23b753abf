// `npm start`: builds the preview, serves it on http://127.0.0.1:$PORT (default 5180), rebuilds
// when miniprogram/ or preview/ changes and tells open pages to reload (server-sent events).
// `npm start -- --government http://127.0.0.1:8787`: the app talks to that government server over HTTP
// instead of the embedded government (the page's ?government=, which this server adds to the page).
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

/** The government server named by `--government URL` (or `--government=URL`), or null; throws on a bad address. */
function governmentArg(argv) {
  const at = argv.findIndex((arg) => arg === '--government' || arg.startsWith('--government='));
  if (at < 0) return null;
  const value = argv[at].includes('=') ? argv[at].slice(argv[at].indexOf('=') + 1) : argv[at + 1];
  let url;
  try {
    url = new URL(value || '');
  } catch {
    throw new Error(`--government needs the server's address, e.g. --government http://127.0.0.1:8787 (got "${value || ''}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--government must be an http(s) address (got "${value}")`);
  return url.href.replace(/\/+$/, '');
}

/**
 * The page's address with `?government=` added, or null when it has one already (`embedded` included):
 * the runtime reads the government from the address, so a deep link or a reload keeps it.
 */
function withGovernment(reqUrl, government) {
  const url = new URL(reqUrl, 'http://preview');
  if (url.pathname !== '/' && url.pathname !== '/index.html') return null;
  if (url.searchParams.has('government')) return null;
  url.searchParams.set('government', government);
  return `${url.pathname}${url.search}`;
}

/** options.government: the government server every page is pointed at (`--government`). */
function createServer(options = {}) {
  const clients = new Set();
  const server = http.createServer((req, res) => {
    const redirect = options.government ? withGovernment(req.url || '/', options.government) : null;
    if (redirect) {
      res.writeHead(302, { location: redirect, 'cache-control': 'no-store' });
      res.end();
      return;
    }
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
  const government = governmentArg(process.argv.slice(2));
  const first = await build({ dev: true });
  first.warnings.forEach((w) => console.warn(`warning: ${w}`));
  const app = createServer({ government });
  const actual = await app.listen(port);
  process.stdout.write(`preview built in ${first.ms} ms (WXML via ${first.compiler})\n`);
  process.stdout.write(`preview: http://127.0.0.1:${actual}/  (PORT=${actual}; watching miniprogram/ and preview/)\n`);
  process.stdout.write(`government: ${government ? `${government} over HTTP (paying, SMS codes and its clock need its control channel: npm run government -- --control)` : 'embedded'}\n`);
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

module.exports = { createServer, resolveFile, governmentArg };

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message || err);
    process.exit(1);
  });
}
