// Uploads the release build to WeChat with miniprogram-ci: first the release check (no mock code in
// the output), then the upload of the same build. It needs the mini program's appid and its upload
// key (WeChat MP admin > Development > Development settings > Mini program code upload), so it
// cannot run on a machine without them.
//   WECHAT_APPID             the mini program's appid (project.config.json keeps touristappid)
//   WECHAT_PRIVATE_KEY_PATH  path to the upload key file (private.<appid>.key)
//   RELEASE_VERSION          optional, default package.json's version
//   RELEASE_DESC             optional, the upload's description
//   WECHAT_ROBOT             optional, CI robot 1-30 (default 1)
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { outsideMiniprogram, releasePackOptions } = require('./release');

const ROOT = path.join(__dirname, '..');

function fail(message) {
  process.stderr.write(`upload:release: ${message}\n`);
  process.exit(2);
}

const appid = process.env.WECHAT_APPID;
const privateKeyPath = process.env.WECHAT_PRIVATE_KEY_PATH;
if (!appid || appid === 'touristappid') fail('set WECHAT_APPID to the mini program\'s appid');
if (!privateKeyPath || !fs.existsSync(privateKeyPath)) fail('set WECHAT_PRIVATE_KEY_PATH to the upload key file downloaded from the WeChat MP admin');
const robot = Number(process.env.WECHAT_ROBOT || 1);
if (!Number.isInteger(robot) || robot < 1 || robot > 30) fail('WECHAT_ROBOT must be a whole number from 1 to 30');
const version = process.env.RELEASE_VERSION || require('../package.json').version;
const desc = process.env.RELEASE_DESC || `release ${version}`;

// The release check compiles what the upload will: if mock code leaks, nothing is uploaded.
const check = spawnSync(process.execPath, [path.join(__dirname, 'check-compile.js'), '--release'], { stdio: 'inherit' });
if (check.status !== 0) fail('the release check failed; nothing was uploaded');

const ci = require('miniprogram-ci');
const projectConfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
const project = new ci.Project({
  appid,
  type: 'miniProgram',
  projectPath: ROOT,
  privateKeyPath,
  ignores: outsideMiniprogram(ROOT, (projectConfig.miniprogramRoot || '').replace(/\/$/, '')),
  packOptions: releasePackOptions(projectConfig),
});

ci.upload({ project, version, desc, robot, setting: { useProjectConfig: true } })
  .then((result) => {
    const sizes = (result.subPackageInfo || []).map((sub) => `${sub.name} ${(sub.size / 1024).toFixed(1)} KB`).join(', ');
    process.stdout.write(`uploaded ${version} as robot ${robot}${sizes ? `: ${sizes}` : ''}\n`);
  })
  .catch((error) => fail(`WeChat refused the upload: ${error && error.message ? error.message : String(error)}`));
