// Reads app.json and every component json it reaches: the graph the preview registers with
// j-component. Paths are project-relative, forward slashes, without extension ("keys").
const fs = require('fs');
const path = require('path');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const APP_ROOT = path.join(PROJECT_ROOT, 'miniprogram');
const WEUI_DIST = path.join(PROJECT_ROOT, 'node_modules', 'weui-miniprogram', 'miniprogram_dist');

const toKey = (file) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Where a usingComponents value points, as an absolute path without extension. */
function resolveComponent(fromDir, ref) {
  if (ref.startsWith('weui-miniprogram/')) return path.join(WEUI_DIST, ref.slice('weui-miniprogram/'.length));
  if (ref.startsWith('/')) return path.join(APP_ROOT, ref);
  return path.resolve(fromDir, ref);
}

function codeFile(base) {
  for (const ext of ['.ts', '.js']) if (fs.existsSync(base + ext)) return base + ext;
  return null;
}

/** Everything the preview needs to know about the mini program, from its own files. */
function readProject() {
  const appJson = readJson(path.join(APP_ROOT, 'app.json'));
  const pages = [...(appJson.pages || [])];
  for (const sub of appJson.subPackages || appJson.subpackages || []) {
    for (const page of sub.pages || []) pages.push(`${sub.root.replace(/\/$/, '')}/${page}`);
  }
  const components = new Map();
  const usedNames = new Set();
  const globalUsing = appJson.usingComponents || {};

  const visit = (base, isPage) => {
    const key = toKey(base);
    if (components.has(key)) return key;
    const jsonFile = `${base}.json`;
    if (!fs.existsSync(jsonFile)) throw new Error(`${key}: no ${path.basename(jsonFile)} (listed in app.json or usingComponents)`);
    const json = readJson(jsonFile);
    const entry = { key, isPage, json, using: {}, code: null, wxss: null, wxml: null, tagName: '', prefix: '' };
    components.set(key, entry);
    const code = codeFile(base);
    entry.code = code && toKey(code);
    entry.wxml = fs.existsSync(`${base}.wxml`) ? toKey(`${base}.wxml`) : null;
    entry.wxss = fs.existsSync(`${base}.wxss`) ? toKey(`${base}.wxss`) : null;
    const using = { ...(base.startsWith(APP_ROOT) ? globalUsing : {}), ...(json.usingComponents || {}) };
    for (const [tag, ref] of Object.entries(using)) {
      if (ref.startsWith('plugin://')) continue;
      entry.using[tag] = visit(resolveComponent(path.dirname(base), ref), false);
    }
    // Unique names: the DOM tag of the host, and the class prefix of its isolated styles.
    const stem = path.basename(base).replace(/[^a-zA-Z0-9-]/g, '-').toLowerCase();
    let name = isPage ? `page-${stem}` : stem;
    for (let n = 2; usedNames.has(name); n += 1) name = `${isPage ? `page-${stem}` : stem}${n}`;
    usedNames.add(name);
    entry.tagName = isPage ? 'page' : name.includes('-') ? name : `pv-${name}`;
    entry.prefix = name.replace(/-/g, '_');
    return key;
  };

  for (const route of pages) visit(path.join(APP_ROOT, route), true);
  return { appJson, pages, components, appRoot: APP_ROOT, projectRoot: PROJECT_ROOT, weuiDist: WEUI_DIST };
}

/** Files whose change means a rebuild. */
function watchedDirs() {
  return [APP_ROOT, path.join(PROJECT_ROOT, 'preview')];
}

module.exports = { readProject, watchedDirs, toKey, PROJECT_ROOT, APP_ROOT, WEUI_DIST };
