// Builds the browser preview into .preview/dist: the app's own .ts/.wxml/.wxss/.json files,
// WXML through the official wcc (j-component's compiler when wcc cannot run), WXSS through
// postcss, everything bundled by esbuild with the preview runtime (preview/runtime).
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { readProject, toKey, PROJECT_ROOT, APP_ROOT, WEUI_DIST } = require('./lib/project');
const { compileWxss } = require('./lib/wxss');
const { requireAsyncPlugin } = require('../scripts/require-async');

const OUT = path.join(PROJECT_ROOT, '.preview');
const DIST = path.join(OUT, 'dist');
const GEN = path.join(OUT, 'gen');
const SHELL = path.join(__dirname, 'shell');

function listFiles(dir, ext) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, ext);
    return entry.name.endsWith(ext) ? [full] : [];
  });
}

const relToApp = (file) => path.relative(APP_ROOT, file).split(path.sep).join('/');

/** Runs wcc over the app's and WeUI's WXML; returns the JS source of a function returning $gwx, or null. */
function compileWxmlOfficial(warn) {
  let compiler;
  try {
    compiler = require('miniprogram-compiler');
  } catch (err) {
    warn(`miniprogram-compiler not installed (${err.message}); using j-component's compiler`);
    return null;
  }
  try {
    const wxmlList = [...listFiles(APP_ROOT, '.wxml'), ...listFiles(WEUI_DIST, '.wxml')].map(relToApp);
    const wxsList = [...listFiles(APP_ROOT, '.wxs'), ...listFiles(WEUI_DIST, '.wxs')].map(relToApp);
    const source = compiler.wxmlToJs(APP_ROOT, { wxmlList, wxsList });
    if (!/\$gwx/.test(source)) throw new Error('wcc produced no $gwx');
    return source;
  } catch (err) {
    const message = String(err && err.message ? err.message : err);
    // Broken markup is the author's to fix, as in DevTools; a binary that cannot run is ours.
    if (/ENOENT|EACCES|spawn|exec format/i.test(message)) {
      warn(`wcc cannot run here (${message.split('\n')[0]}); using j-component's compiler`);
      return null;
    }
    throw new Error(`WXML compile failed:\n${message}`, { cause: err });
  }
}

// j-component registers every component with addGlobalClass: false and writeIdToDOM: false;
// WeChat honours addGlobalClass (and pages always see app.wxss), so the preview lets both through.
const globalClassPlugin = {
  name: 'j-component-global-class',
  setup(build) {
    build.onLoad({ filter: /j-component[\\/]src[\\/]componentmanager\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      let patched = source;
      for (const [from, to] of [
        ['addGlobalClass: false,', 'addGlobalClass: !!options.addGlobalClass,'],
        // ids reach the DOM, so WXSS #id selectors, scroll-into-view and testers' selectors work.
        ['writeIdToDOM: false,', 'writeIdToDOM: true,'],
      ]) {
        if (!patched.includes(from)) throw new Error(`j-component changed: "${from}" not found in componentmanager.js`);
        patched = patched.replace(from, to);
      }
      return { contents: patched, loader: 'js' };
    });
  },
};

/** Every wx.* API WeChat documents (from miniprogram-api-typings): known names the preview may lack. */
function wxApiNames() {
  const file = path.join(PROJECT_ROOT, 'node_modules/miniprogram-api-typings/types/wx/lib.wx.api.d.ts');
  if (!fs.existsSync(file)) return [];
  const names = new Set();
  for (const match of fs.readFileSync(file, 'utf8').matchAll(/dev\/api\/[\w/-]*\/wx\.(\w+)\.html/g)) names.add(match[1]);
  return [...names].sort();
}

function writeIfChanged(file, contents) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === contents) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, contents);
}

/** One build; returns timings and warnings. options.dev adds the live-reload client. */
async function build(options = {}) {
  const started = Date.now();
  const warnings = [];
  const warn = (message) => warnings.push(message);
  const project = readProject();

  // WXML
  const wcc = compileWxmlOfficial(warn);
  const afterWxml = Date.now();

  // WXSS: global sheets first (app.wxss, WeUI's base styles), then each component, isolated.
  const cssOptions = { appRoot: APP_ROOT, warn };
  const css = [];
  const appWxss = path.join(APP_ROOT, 'app.wxss');
  if (fs.existsSync(appWxss)) css.push(`/* app.wxss */\n${compileWxss(appWxss, { ...cssOptions, prefix: '' })}`);
  if (project.appJson.useExtendedLib && project.appJson.useExtendedLib.weui) {
    css.push(`/* weui.wxss (useExtendedLib) */\n${compileWxss(path.join(WEUI_DIST, 'weui-wxss/dist/style/weui.wxss'), { ...cssOptions, prefix: '' })}`);
  }
  for (const entry of project.components.values()) {
    if (!entry.wxss) continue;
    const file = path.join(PROJECT_ROOT, entry.wxss);
    css.push(`/* ${entry.wxss} */\n${compileWxss(file, { ...cssOptions, prefix: entry.prefix, hostTag: entry.tagName })}`);
  }
  const afterWxss = Date.now();

  // The manifest: what the runtime registers, and how to run each component's code.
  const genRel = (key) => JSON.stringify(path.relative(GEN, path.join(PROJECT_ROOT, key)).split(path.sep).join('/'));
  const lines = [];
  lines.push('// Generated by preview/build.js. Do not edit.');
  lines.push('module.exports = {');
  lines.push(`  appJson: ${JSON.stringify(project.appJson)},`);
  lines.push(`  pages: ${JSON.stringify(project.pages)},`);
  lines.push(`  appCode: () => { require(${genRel(toKey(path.join(APP_ROOT, fs.existsSync(path.join(APP_ROOT, 'app.ts')) ? 'app.ts' : 'app.js')))}); },`);
  lines.push(`  officialWxml: ${wcc ? 'true' : 'false'},`);
  lines.push(`  wxApiNames: ${JSON.stringify(wxApiNames())},`);
  lines.push('  components: {');
  for (const entry of project.components.values()) {
    const wxmlKey = entry.wxml ? relToApp(path.join(PROJECT_ROOT, entry.wxml)) : null;
    const template = !wcc && entry.wxml ? fs.readFileSync(path.join(PROJECT_ROOT, entry.wxml), 'utf8') : null;
    lines.push(`    ${JSON.stringify(entry.key)}: {`);
    lines.push(`      isPage: ${entry.isPage}, tagName: ${JSON.stringify(entry.tagName)}, prefix: ${JSON.stringify(entry.prefix)},`);
    lines.push(`      json: ${JSON.stringify(entry.json)}, using: ${JSON.stringify(entry.using)},`);
    lines.push(`      wxml: ${JSON.stringify(wxmlKey)}, template: ${JSON.stringify(template)},`);
    lines.push(`      code: ${entry.code ? `() => { require(${genRel(entry.code)}); }` : 'null'},`);
    lines.push('    },');
  }
  lines.push('  },');
  lines.push('};');
  writeIfChanged(path.join(GEN, 'manifest.js'), `${lines.join('\n')}\n`);

  fs.mkdirSync(DIST, { recursive: true });
  writeIfChanged(path.join(DIST, 'app.css'), css.join('\n'));
  writeIfChanged(
    path.join(DIST, 'wxml.js'),
    wcc ? `// WXML compiled by the official wcc.\nwindow.__pvGwx = function () {\n${wcc}\n};\n` : 'window.__pvGwx = null;\n',
  );

  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, 'runtime', 'index.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile: path.join(DIST, 'app.js'),
    sourcemap: 'linked',
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"development"', __PV_DEV__: options.dev ? 'true' : 'false' },
    alias: { 'pv-manifest': path.join(GEN, 'manifest.js') },
    // require.async('<subpackage module>') as a dynamic import, as in jest (scripts/require-async.js).
    plugins: [globalClassPlugin, requireAsyncPlugin()],
    // The app's tsconfig, not preview/tsconfig.json (whose paths point j-component at typings).
    tsconfig: path.join(PROJECT_ROOT, 'tsconfig.json'),
    logLevel: 'silent',
    metafile: false,
  });
  result.warnings.forEach((w) => warn(`esbuild: ${w.text}`));
  const afterBundle = Date.now();

  for (const name of fs.readdirSync(SHELL)) fs.copyFileSync(path.join(SHELL, name), path.join(DIST, name));

  return {
    ms: Date.now() - started,
    steps: { wxml: afterWxml - started, wxss: afterWxss - afterWxml, bundle: afterBundle - afterWxss },
    compiler: wcc ? 'wcc' : 'j-component',
    pages: project.pages,
    warnings,
    dist: DIST,
  };
}

module.exports = { build, DIST };

if (require.main === module) {
  build().then(
    (res) => {
      res.warnings.forEach((w) => console.warn(`warning: ${w}`));
      process.stdout.write(`preview built in ${res.ms} ms (wxml ${res.steps.wxml} ms via ${res.compiler}, wxss ${res.steps.wxss} ms, bundle ${res.steps.bundle} ms) -> ${path.relative(PROJECT_ROOT, res.dist)}\n`);
    },
    (err) => {
      console.error(err.message || err);
      process.exit(1);
    },
  );
}
