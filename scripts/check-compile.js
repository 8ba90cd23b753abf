// Compiles the mini program offline with miniprogram-ci, as WeChat's upload would,
// holds the compiled packages to the budgets in docs/architecture.md and runs WeChat's code
// quality checks. Usage: node scripts/check-compile.js [--release] [--out DIR] [--cache] [projectPath]
//   --release  compile what a release ships: no mock code (scripts/release.js), checked absent
//   --out DIR  also write the compiled files to DIR (npm run build:release)
//   --cache    skip when nothing the compile reads changed since the last pass (npm test; a clean
//              clone, as in CI, always compiles)
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { outsideMiniprogram, releaseLeaks, releasePackOptions, stageRelease } = require('./release');

function parseArgs(argv) {
  const options = { release: false, out: null, cache: false, projectPath: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--release') options.release = true;
    else if (arg === '--cache') options.cache = true;
    else if (arg === '--out') {
      options.out = argv[i + 1];
      i += 1;
      if (!options.out) usage('--out needs a directory');
    } else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (options.projectPath) usage(`one project path only (got ${options.projectPath} and ${arg})`);
    else options.projectPath = arg;
  }
  return options;
}

function usage(problem) {
  process.stderr.write(`check:compile: ${problem}\nusage: node scripts/check-compile.js [--release] [--out DIR] [--cache] [projectPath]\n`);
  process.exit(2);
}

const args = parseArgs(process.argv.slice(2));

const KB = 1024;
const MAIN_BUDGET_KB = 150;
const SUBPACKAGE_BUDGET_KB = 150;
// A hung network call inside miniprogram-ci must fail the check, not stall npm test;
// generous, because a normal run takes 12-25 s depending on how busy the machine is.
const WATCHDOG_MS = 90000;

const projectPath = path.resolve(args.projectPath || path.join(__dirname, '..'));
const outDir = args.out ? path.resolve(args.out) : null;

// A digest of everything the compile and its checks read: the miniprogram root, the project settings,
// the installed tool versions and these scripts. Equal to the last passing run's: nothing to check again.
function inputsDigest() {
  const crypto = require('crypto');
  const hash = crypto.createHash('sha256');
  const add = (file) => {
    hash.update(path.relative(projectPath, file));
    hash.update(fs.readFileSync(file));
  };
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else add(full);
    }
  };
  const config = JSON.parse(fs.readFileSync(path.join(projectPath, 'project.config.json'), 'utf8'));
  walk(path.join(projectPath, (config.miniprogramRoot || '').replace(/\/$/, '')));
  ['project.config.json', 'package-lock.json'].map((file) => path.join(projectPath, file)).filter((file) => fs.existsSync(file)).forEach(add);
  [__filename, path.join(__dirname, 'release.js')].forEach(add);
  hash.update(args.release ? 'release' : 'develop');
  return hash.digest('hex');
}
const cacheFile = path.join(__dirname, '..', 'node_modules', '.cache', 'check-compile', `${args.release ? 'release' : 'develop'}.json`);
let digest = null;
if (args.cache && !outDir) {
  digest = inputsDigest();
  try {
    if (JSON.parse(fs.readFileSync(cacheFile, 'utf8')).digest === digest) {
      process.stdout.write(`check:compile${args.release ? ' --release' : ''}: unchanged since its last pass (inputs ${digest.slice(0, 12)}), not compiled again\n`);
      process.exit(0);
    }
  } catch {
    // No earlier pass recorded: compile.
  }
}

// miniprogram-ci's summer compiler creates its cache folder relative to the working
// directory (an empty folder named by a hash of the project path); run from a
// temporary directory so it never lands in the repo.
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-compile-'));
process.chdir(workDir);

// miniprogram-ci chatters on the console (even on require); keep its lines and show
// them only when something fails, so a passing run prints just our report.
const ciLog = [];
const realConsole = { log: console.log, info: console.info, debug: console.debug, warn: console.warn, error: console.error };
function muteCi() {
  for (const level of Object.keys(realConsole)) {
    console[level] = (...args) => ciLog.push(args.map(String).join(' '));
  }
}
function unmuteCi() {
  Object.assign(console, realConsole);
}
function say(line = '') {
  process.stdout.write(`${line}\n`);
}
function indent(text, first, rest = first) {
  return text.split('\n').map((line, i) => `${i === 0 ? first : rest}${line}`).join('\n');
}

function finish(failures) {
  unmuteCi();
  if (failures.length > 0) {
    // Its start-up lines ("initservices", "forkProcess", "serialize") say nothing about the failure.
    const useful = ciLog.filter((line) => !/^(\[miniprogram-builder\]|\[summer-compiler\]|serialize )/.test(line));
    if (useful.length > 0) {
      say('\nminiprogram-ci log:');
      for (const line of useful) say(indent(line, '  '));
    }
    say(`\ncheck:compile FAILED (${failures.length}):`);
    for (const failure of failures) say(indent(failure, '  - ', '    '));
  } else {
    say('\ncheck:compile passed');
    if (digest) {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      fs.writeFileSync(cacheFile, JSON.stringify({ digest, at: new Date().toISOString() }));
    }
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  // Exit explicitly: checkCodeQuality leaves a file watcher running that would keep Node alive.
  process.exit(failures.length > 0 ? 1 : 0);
}

const watchdog = setTimeout(() => {
  finish([`miniprogram-ci did not finish within ${WATCHDOG_MS / 1000} s (a network call it could not make offline?)`]);
}, WATCHDOG_MS);
watchdog.unref();

muteCi();
const ci = require('miniprogram-ci');
// miniprogram-ci asks servicewechat.com for the allowed file extensions, with no
// timeout, before every compile; answer with the list it ships and falls back to,
// so the compile never touches the network.
const whiteExtList = require('miniprogram-ci/dist/utils/white_ext_list');
whiteExtList.getWhiteExtList = async () => ({
  MiniProgramWhiteList: new Set(whiteExtList.MiniProgramWhiteList),
  GameWhiteList: new Set(whiteExtList.GameWhiteList),
});

// Our own failures carry a message for the person, not a stack.
class CheckError extends Error {}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CheckError(`cannot read ${path.relative(projectPath, file)}: ${error.message}`);
  }
}

function byteSize(content) {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.length;
}

function kb(bytes) {
  return (bytes / KB).toFixed(1);
}

// Page files listed in app.json that do not exist, read leniently: when app.json
// itself is broken, miniprogram-ci's own message already says so.
function missingPageFiles(miniprogramDir) {
  let appJson;
  try {
    appJson = JSON.parse(fs.readFileSync(path.join(miniprogramDir, 'app.json'), 'utf8'));
  } catch {
    return [];
  }
  const pages = [...(appJson.pages || [])];
  for (const sub of appJson.subPackages || appJson.subpackages || []) {
    for (const page of sub.pages || []) pages.push(path.posix.join(sub.root, page));
  }
  const missing = [];
  for (const page of pages) {
    const base = path.join(miniprogramDir, page);
    if (!fs.existsSync(`${base}.ts`) && !fs.existsSync(`${base}.js`)) missing.push(`${page}.ts`);
    if (!fs.existsSync(`${base}.wxml`)) missing.push(`${page}.wxml`);
  }
  return missing;
}

function packageOf(file, subRoots) {
  return subRoots.find((root) => file.startsWith(`${root}/`)) || null;
}

function measurePackages(compiled, subRoots) {
  const sizes = new Map([[null, { files: 0, bytes: 0 }], ...subRoots.map((root) => [root, { files: 0, bytes: 0 }])]);
  for (const [file, content] of Object.entries(compiled)) {
    const size = sizes.get(packageOf(file, subRoots));
    size.files += 1;
    size.bytes += byteSize(content);
  }
  return sizes;
}

// Which subpackages load each component, following component-in-component use,
// read from the compiled .json files (absolute paths start at the miniprogram root).
function subpackagesUsingComponents(compiled, subRoots) {
  const usersOf = new Map();
  for (const [file, content] of Object.entries(compiled)) {
    if (!file.endsWith('.json') || file === 'app.json' || file === 'project.config.json' || file === 'sitemap.json') continue;
    let json;
    try {
      json = JSON.parse(content.toString());
    } catch {
      continue;
    }
    const user = file.replace(/\.json$/, '');
    for (const target of Object.values(json.usingComponents || {})) {
      if (typeof target !== 'string' || target.startsWith('plugin://')) continue;
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : path.posix.join(path.posix.dirname(file), target);
      if (!usersOf.has(resolved)) usersOf.set(resolved, new Set());
      usersOf.get(resolved).add(user);
    }
  }
  const packagesOf = (component, seen = new Set()) => {
    const found = new Set();
    if (seen.has(component)) return found;
    seen.add(component);
    for (const user of usersOf.get(component) || []) {
      const ownPackage = packageOf(user, subRoots) || 'main';
      if (usersOf.has(user) && ownPackage === 'main') {
        for (const p of packagesOf(user, seen)) found.add(p);
      } else {
        found.add(ownPackage);
      }
    }
    return found;
  };
  return packagesOf;
}

// A module that declares only types compiles to nothing: nothing imports it at run
// time, so WeChat's analyzer calls it unused and leaves it out of the package.
// The contracts are such modules on purpose (docs/architecture.md: one set of types shared by
// services and mock), and tsc already checks every type import, so they pass.
function isTypeOnlyModule(file) {
  const ts = require('typescript');
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, removeComments: true },
  });
  const runtime = outputText
    .replace('"use strict";', '')
    .replace('Object.defineProperty(exports, "__esModule", { value: true });', '');
  return runtime.trim() === '';
}

// Files the compile's own analyzer found unused (it sees .ts, unlike checkCodeQuality,
// whose analyzer runs without the TypeScript plugin and so never reports a .ts file).
// WeChat drops them from the package, so they cost no size, but they are dead code.
// (The list is only built while project.config.json keeps ignoreUploadUnusedFiles on.)
function judgeUnusedSources() {
  const failures = [];
  const typeOnly = [];
  const unused = [];
  for (const target of [...ci.packOptionsHelper.getUnusedFiles()].sort()) {
    const tsSource = target.replace(/\.js$/, '.ts');
    const source = target.endsWith('.js') && fs.existsSync(path.join(projectPath, tsSource)) ? tsSource : target;
    if (source.endsWith('.ts') && isTypeOnlyModule(path.join(projectPath, source))) typeOnly.push(source);
    else unused.push(source);
  }
  say(`  ${unused.length === 0 ? 'ok  ' : 'FAIL'} unused sources (compile analyzer, sees .ts): ${describeList(unused)}`);
  if (typeOnly.length > 0) say(`       allowed, type-only modules that compile to nothing: ${typeOnly.join(', ')}`);
  if (unused.length > 0) failures.push(`unused source files (delete them or use them): ${unused.join(', ')}`);
  return failures;
}

function describeList(list) {
  return list.length === 0 ? 'none' : list.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join(', ');
}

// How to fix the project settings that checkCodeQuality checks without a detail.
const SETTING_FIXES = {
  JS_COMPRESS_OPEN: 'set "minified": true in project.config.json "setting"',
  WXML_COMPRESS_OPEN: 'set "minifyWXML": true in project.config.json "setting"',
  WXSS_COMPRESS_OPEN: 'set "minifyWXSS": true in project.config.json "setting"',
  LAZYCODE_LOADING_OPEN: 'set "lazyCodeLoading": "requiredComponents" in app.json',
};

// Turns checkCodeQuality's items into failures. Items that carry a `detail` are
// judged on it, because their `success` hides real findings (unused code files pass
// whenever project.config.json sets ignoreUploadUnusedFiles; components only used by
// subpackages always pass; a checker that throws passes too, without a detail).
// Items without a detail are project settings, and `success` is all they have.
function judgeQuality(items, compiled, subRoots) {
  const failures = [];
  const packagesOf = subpackagesUsingComponents(compiled, subRoots);
  for (const item of items) {
    const { name, success, detail } = item;
    // note: what was found; allowed: findings let through, and why.
    let verdict;
    if (detail === undefined && ['PACKAGE_SIZE_LIMIT', 'CONTAINS_OTHER_PKG_JS', 'CONTAINS_OTHER_PKG_COMPONENTS', 'CONTAINS_UNUSED_PLUGINS', 'CONTAINS_UNUSED_COMPONENTS', 'CONTAINS_UNUSED_CODES'].includes(name)) {
      verdict = { ok: false, note: 'the checker gave no detail (it failed; see the miniprogram-ci log)' };
    } else if (name === 'PACKAGE_SIZE_LIMIT') {
      // Counts only .wxml/.wxss/.json of the sources, not .ts, so the compiled
      // sizes above are the budget; this one is shown for reference.
      const sizes = Object.entries(detail).map(([pkg, bytes]) => `${pkg === '__APP__' ? 'main' : pkg.replace(/\/$/, '')} ${kb(bytes)} KB`);
      verdict = { ok: success !== false, note: `sources without .ts: ${describeList(sizes)}` };
    } else if (name === 'CONTAINS_OTHER_PKG_JS') {
      const files = detail.files || [];
      verdict = { ok: files.length === 0, note: `main-package JS used only by subpackages: ${describeList(files)}` };
    } else if (name === 'CONTAINS_OTHER_PKG_COMPONENTS') {
      // WeChat flags every main-package component that no main-package page uses.
      // A component shared by two or more subpackages has to live in the main
      // package (a subpackage cannot synchronously use another one's components
      // without copying them), so that finding is a false positive here; a
      // component used by only one subpackage belongs in that subpackage.
      const shared = [];
      const misplaced = [];
      for (const comp of detail.comps || []) {
        const users = [...packagesOf(comp)].filter((pkg) => pkg !== 'main');
        if (users.length >= 2) shared.push(`${comp} (${users.join(', ')})`);
        else misplaced.push(`${comp} (${describeList(users)}): move it into that subpackage`);
      }
      verdict = { ok: misplaced.length === 0, note: `main-package components used only by subpackages: ${describeList(misplaced)}` };
      if (shared.length > 0) verdict.allowed = `shared by several subpackages, so they stay in the main package: ${shared.join(', ')}`;
    } else if (['CONTAINS_UNUSED_PLUGINS', 'CONTAINS_UNUSED_COMPONENTS', 'CONTAINS_UNUSED_CODES'].includes(name)) {
      const found = Array.isArray(detail) ? detail : [detail];
      verdict = { ok: found.length === 0, note: describeList(found) };
    } else if (success === false) {
      verdict = { ok: false, note: `${item.text}${SETTING_FIXES[name] ? `: ${SETTING_FIXES[name]}` : ''}` };
    } else {
      verdict = { ok: true, note: detail === undefined ? 'ok' : JSON.stringify(detail) };
    }
    say(`  ${verdict.ok ? 'ok  ' : 'FAIL'} ${name}: ${verdict.note}`);
    if (verdict.allowed) say(`       allowed, ${verdict.allowed}`);
    if (!verdict.ok) failures.push(`${name}: ${verdict.note}`);
  }
  return failures;
}

async function main() {
  const started = Date.now();
  const failures = [];
  const projectConfig = readJson(path.join(projectPath, 'project.config.json'));
  const miniprogramRoot = (projectConfig.miniprogramRoot || '').replace(/\/$/, '');
  const miniprogramDir = path.join(projectPath, miniprogramRoot);
  // A release compiles a staged copy: the mock files left out, app.json without the mock subpackage.
  const compilePath = args.release ? stageRelease(projectPath, miniprogramRoot) : projectPath;
  if (args.release) process.on('exit', () => fs.rmSync(compilePath, { recursive: true, force: true }));

  const project = new ci.Project({
    appid: projectConfig.appid || 'touristappid',
    type: 'miniProgram',
    projectPath: compilePath,
    // The key only signs requests to WeChat's servers (attributes, upload); with the
    // attributes preset below none is made, so a placeholder is enough offline.
    privateKey: 'offline-check-no-key',
    ignores: outsideMiniprogram(compilePath, miniprogramRoot),
    // A release also ignores the mock by these patterns (what upload-release hands WeChat); the project's own packOptions otherwise.
    ...(args.release ? { packOptions: releasePackOptions(projectConfig) } : {}),
  });
  // Without preset attributes miniprogram-ci fetches them from servicewechat.com;
  // the defaults are what it falls back to for an unregistered app anyway.
  project._attr = ci.DefaultProjectAttr;

  const shownPath = path.relative(path.join(__dirname, '..'), projectPath);
  say(`check:compile ${shownPath.startsWith('..') ? projectPath : shownPath || '.'} (miniprogram-ci, offline${args.release ? ', release build' : ''})`);

  let compiled;
  try {
    // useProjectConfig: compile with project.config.json's settings (TS plugin, es6,
    // minified JS, postcss) as the WeChat devtools upload does; without it
    // miniprogram-ci compiles everything unminified.
    compiled = await ci.getCompiledResult({ project, setting: { useProjectConfig: true } });
  } catch (error) {
    const message = error && error.message ? error.message : String(error);
    // miniprogram-ci names only the first missing file of the first missing page.
    const missing = missingPageFiles(miniprogramDir);
    const missingNote = missing.length > 0
      ? `\napp.json lists pages whose files are missing: ${missing.map((file) => path.posix.join(miniprogramRoot, file)).join(', ')}`
      : '';
    finish([`compile error: ${message}${missingNote}`]);
    return;
  }
  const compileMs = Date.now() - started;

  // app.json compiled, so it parses; subpackage roots decide which package a file ships in.
  const appJson = readJson(path.join(compilePath, miniprogramRoot, 'app.json'));
  const subRoots = (appJson.subPackages || appJson.subpackages || []).map((sub) => sub.root.replace(/^\/|\/$/g, ''));

  const sizes = measurePackages(compiled, subRoots);
  const rows = [...sizes].map(([root, size]) => {
    const budget = root === null ? MAIN_BUDGET_KB : SUBPACKAGE_BUDGET_KB;
    return { name: root === null ? 'main' : root, files: size.files, bytes: size.bytes, budget, ok: size.bytes <= budget * KB };
  });
  const nameWidth = Math.max(7, ...rows.map((row) => row.name.length));
  say(`\ncompiled in ${(compileMs / 1000).toFixed(1)} s (${Object.keys(compiled).length} files)`);
  say(`  ${'package'.padEnd(nameWidth)}  files  size KB  budget KB`);
  for (const row of rows) {
    say(`  ${row.name.padEnd(nameWidth)}  ${String(row.files).padStart(5)}  ${kb(row.bytes).padStart(7)}  ${String(row.budget).padStart(9)}${row.ok ? '' : '  OVER BUDGET'}`);
    if (!row.ok) failures.push(`${row.name} is ${kb(row.bytes)} KB compiled, over its ${row.budget} KB budget`);
  }

  if (args.release) {
    const leaks = releaseLeaks(compiled);
    say(`\nrelease build: ${leaks.length === 0 ? 'ok   no mock module, no devCode, no simulated face or payment in the output' : `FAIL ${leaks.length} leaks`}`);
    for (const leak of leaks) say(`  ${leak}`);
    if (leaks.length > 0) failures.push(`mock code in the release build: ${leaks.join('; ')}`);
  }
  if (outDir) {
    fs.rmSync(outDir, { recursive: true, force: true });
    for (const [file, content] of Object.entries(compiled)) {
      const target = path.join(outDir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
    say(`\nwrote ${Object.keys(compiled).length} files to ${outDir}`);
  }

  say('\ncheckCodeQuality:');
  const items = await ci.checkCodeQuality(project);
  failures.push(...judgeQuality(items, compiled, subRoots));
  // Dead code is judged on the full build: in a release, modules only mock code uses (the entropy pool,
  // the record kinds list) are unused by design, and WeChat leaves them out.
  if (args.release) say('  --   unused sources: judged by the develop build (a release leaves out what only mock code uses)');
  else failures.push(...judgeUnusedSources());

  say(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
  finish(failures);
}

main().catch((error) => {
  finish([error instanceof CheckError ? error.message : `check:compile crashed: ${error && error.stack ? error.stack : String(error)}`]);
});
