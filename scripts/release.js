// What a release build leaves out, and how to tell that it did. Shared by check-compile --release
// (which npm run build:release runs) and upload-release.
'use strict';

// packOptions.ignore entries, relative to the miniprogram root: the mocked government's shell, every
// subpackage's mocked agency, and the agencies kept in page-less subpackages of their own (agencies/<domain>,
// for a domain whose pages fill their subpackage's budget). A wrong pattern silently drops nothing, so releaseLeaks checks
// the compiled output for what must be absent rather than trusting these.
const RELEASE_PACK_IGNORE = [
  { type: 'folder', value: 'mock' },
  { type: 'folder', value: 'agencies' },
  { type: 'glob', value: 'packages/*/agency/**' },
];

// Paths of compiled files that are mock code.
const MOCK_PATH = /^(mock\/|agencies\/|packages\/[^/]+\/agency\/)/;
// Words only mock code uses: the SMS code shown to testers, anything simulated (模拟) or for testing (测试),
// the embedded government's settings and transport. None may reach a resident's phone.
const MOCK_WORDS = [/devCode/, /simulat/i, /模拟/, /测试/, /exposeSmsCode/, /allowSimulatedFace/, /walletSim/, /createEmbeddedTransport/];

/** The project's packOptions with the release patterns added (ci.Project's packOptions option). */
function releasePackOptions(projectConfig) {
  const own = projectConfig.packOptions || {};
  return { ignore: [...(own.ignore || []), ...RELEASE_PACK_IGNORE], include: own.include || [] };
}

/**
 * ci.Project `ignores` (globs relative to the project): everything outside the miniprogram root
 * (tests, previews, node_modules), so miniprogram-ci's file scan stays short.
 */
function outsideMiniprogram(projectPath, miniprogramRoot) {
  const fs = require('fs');
  const topFolder = miniprogramRoot.split('/')[0];
  const ignores = ['node_modules/**/*'];
  for (const entry of fs.readdirSync(projectPath, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== topFolder && entry.name !== 'node_modules') ignores.push(`${entry.name}/**/*`);
  }
  return ignores;
}

function text(content) {
  return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
}

/**
 * app.json as a release has it: without the subpackages that are mock code (the government's shell,
 * mock/, is one with no pages), and without preloading them.
 */
function releaseAppJson(appJson) {
  const isMock = (root) => MOCK_PATH.test(`${root.replace(/^\/|\/$/g, '')}/`);
  const subPackages = (appJson.subPackages || []).filter((sub) => !isMock(sub.root));
  const gone = new Set((appJson.subPackages || []).filter((sub) => isMock(sub.root)).flatMap((sub) => [sub.root, sub.name]));
  const preloadRule = {};
  for (const [page, rule] of Object.entries(appJson.preloadRule || {})) {
    preloadRule[page] = { ...rule, packages: (rule.packages || []).filter((name) => !gone.has(name)) };
  }
  return { ...appJson, subPackages, ...(appJson.preloadRule ? { preloadRule } : {}) };
}

/**
 * A copy of the project as a release compiles it, in a fresh temporary folder: the miniprogram root
 * without its mock files (MOCK_PATH, the same rule the leak check holds the output to) and with
 * releaseAppJson's app.json, beside the project settings, tsconfig and typings. Returns its path.
 */
function stageRelease(projectPath, miniprogramRoot) {
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'city-services-release-'));
  for (const name of ['project.config.json', 'tsconfig.json', 'typings']) {
    const from = path.join(projectPath, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, name), { recursive: true });
  }
  const appRoot = path.join(projectPath, miniprogramRoot);
  fs.cpSync(appRoot, path.join(stage, miniprogramRoot), {
    recursive: true,
    filter: (source) => {
      const rel = path.relative(appRoot, source).split(path.sep).join('/');
      return rel === '' || !(MOCK_PATH.test(rel) || MOCK_PATH.test(`${rel}/`));
    },
  });
  const appJsonPath = path.join(stage, miniprogramRoot, 'app.json');
  fs.writeFileSync(appJsonPath, `${JSON.stringify(releaseAppJson(JSON.parse(fs.readFileSync(appJsonPath, 'utf8'))), null, 2)}\n`);
  const modules = path.join(projectPath, 'node_modules');
  if (fs.existsSync(modules)) fs.symlinkSync(modules, path.join(stage, 'node_modules'), 'dir');
  return stage;
}

/** Everything in a compiled release that should not be there, one line each. */
function releaseLeaks(compiled) {
  const leaks = [];
  for (const [file, content] of Object.entries(compiled)) {
    if (file === 'app.json') {
      let appJson = {};
      try {
        appJson = JSON.parse(text(content));
      } catch {
        leaks.push('app.json does not parse');
      }
      for (const sub of appJson.subPackages || appJson.subpackages || []) {
        if (MOCK_PATH.test(`${String(sub.root).replace(/^\/|\/$/g, '')}/`)) leaks.push(`app.json lists the mock subpackage ${sub.root}`);
      }
    }
    if (MOCK_PATH.test(file)) {
      leaks.push(`${file} is mock code`);
      continue;
    }
    const body = text(content);
    for (const word of MOCK_WORDS) {
      const found = word.exec(body);
      if (found) leaks.push(`${file} contains "${found[0]}"`);
    }
  }
  return leaks;
}

module.exports = { RELEASE_PACK_IGNORE, MOCK_PATH, releaseAppJson, releaseLeaks, releasePackOptions, outsideMiniprogram, stageRelease };
