// What a release build leaves out, and how to tell that it did. Shared by check-compile --release
// (which npm run build:release runs) and upload-release.
'use strict';

// packOptions.ignore entries, relative to the miniprogram root: the mocked government's shell and
// every subpackage's mocked agency. A wrong pattern silently drops nothing, so releaseLeaks checks
// the compiled output for what must be absent rather than trusting these.
const RELEASE_PACK_IGNORE = [
  { type: 'folder', value: 'mock' },
  { type: 'glob', value: 'packages/*/agency/**' },
];

// Paths of compiled files that are mock code.
const MOCK_PATH = /^(mock\/|packages\/[^/]+\/agency\/)/;
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

/** Everything in a compiled release that should not be there, one line each. */
function releaseLeaks(compiled) {
  const leaks = [];
  for (const [file, content] of Object.entries(compiled)) {
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

module.exports = { RELEASE_PACK_IGNORE, MOCK_PATH, releaseLeaks, releasePackOptions, outsideMiniprogram };
