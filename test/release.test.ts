// A release build is not a fake government: with the mock left out (or the app running as the
// released version) the app talks to the real government over https and installs no stand-ins,
// and the release check names any mock code that would ship.
import * as fs from 'fs';
import * as path from 'path';
import { MOCK_PATH, RELEASE_PACK_IGNORE, releaseAppJson, releaseLeaks, releasePackOptions, stageRelease } from '../scripts/release';
import { fake } from './helpers/fake-wx';

interface Sent { url: string; method?: string }

async function freshBackend() {
  jest.resetModules();
  const backend = await import('../miniprogram/backend');
  const simulation = await import('../miniprogram/core/stand-ins');
  return { backend, simulation };
}

function recordRequests(): Sent[] {
  const sent: Sent[] = [];
  fake.requestHandler = (options) => {
    sent.push({ url: options.url, method: options.method });
    return { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: 'no session' } } };
  };
  return sent;
}

describe('which government the app talks to', () => {
  it('runs the embedded government with its stand-ins in a develop build', async () => {
    const sent = recordRequests();
    const { backend, simulation } = await freshBackend();
    const transport = backend.createDefaultTransport();
    const answer = await transport.send({ method: 'GET', path: '/identity/me', headers: {} });
    expect(answer.status).toBe(401);
    expect(sent).toEqual([]);
    // The mock's subpackage loaded on that first request, and the app's transport goes through it.
    expect(backend.embeddedTransport()).not.toBeNull();
    expect(await backend.backendReady()).toBe(backend.embeddedTransport());
    expect(simulation.standIns()).not.toBeNull();
  });

  it('uses the real government and no stand-ins when the mini program is the released version', async () => {
    fake.envVersion = 'release';
    const sent = recordRequests();
    const { backend, simulation } = await freshBackend();
    const answer = await backend.createDefaultTransport().send({ method: 'GET', path: '/identity/me', headers: {} });
    expect(answer.status).toBe(401);
    expect(sent).toEqual([{ url: 'https://api.city-services.gov.cn.example/identity/me', method: 'GET' }]);
    expect(backend.embeddedTransport()).toBeNull();
    expect(simulation.standIns()).toBeNull();
  });

  it('uses the real government when the build left the mock out, whatever the version', async () => {
    const sent = recordRequests();
    jest.resetModules();
    jest.doMock('../miniprogram/mock/embedded', () => {
      throw new Error("module 'mock/embedded.js' is not defined");
    });
    const backend = await import('../miniprogram/backend');
    const simulation = await import('../miniprogram/core/stand-ins');
    expect(await backend.loadEmbeddedModule()).toBeNull();
    await backend.createDefaultTransport().send({ method: 'GET', path: '/identity/me', headers: {} });
    expect(sent).toHaveLength(1);
    expect(simulation.standIns()).toBeNull();
    jest.dontMock('../miniprogram/mock/embedded');
  });

  it('shows no SMS code where no stand-in is installed', async () => {
    fake.envVersion = 'release';
    fake.requestHandler = (options) =>
      options.url.endsWith('/identity/sms')
        ? { statusCode: 200, data: { sentTo: '138****0002', expiresInSec: 300, resendAfterSec: 60, devCode: '123456' } }
        : { statusCode: 200, data: { token: 't'.repeat(43), level: 'anonymous', expiresAt: Date.now() + 60000 } };
    jest.resetModules();
    const identity = await import('../miniprogram/services/identity');
    const sent = await identity.sendSmsCode('13800000002');
    expect(sent).toEqual({ sentTo: '138****0002', expiresInSec: 300, resendAfterSec: 60, note: '' });
  });
});

describe('the release check', () => {
  it('names mock files and mock words in a compiled build, and passes a clean one', () => {
    const leaks = releaseLeaks({
      'mock/router.js': 'module.exports={}',
      'packages/hospital/agency/routes.js': 'x',
      'pages/identity/identity.js': 'e.devCode&&t(e.devCode)',
      'services/identity.js': 'verifyResult:"simulated"',
      'core/client.js': 'fine',
      'i18n/main.js': 'a:"模拟网络故障（测试）"',
      'images/tab-home.png': new Uint8Array([137, 80, 78, 71]),
    });
    expect(leaks).toEqual([
      'mock/router.js is mock code',
      'packages/hospital/agency/routes.js is mock code',
      'pages/identity/identity.js contains "devCode"',
      'services/identity.js contains "simulat"',
      'i18n/main.js contains "模拟"',
      'i18n/main.js contains "测试"',
    ]);
    expect(releaseLeaks({ 'backend.js': 'require("./mock/embedded")', 'app.js': 'App({})' })).toEqual([]);
  });

  it('adds the mock patterns to the project\'s own, and they cover what the check looks for', () => {
    const own = { type: 'suffix' as const, value: '.md' };
    expect(releasePackOptions({ packOptions: { ignore: [own] } })).toEqual({ ignore: [own, ...RELEASE_PACK_IGNORE], include: [] });
    expect(RELEASE_PACK_IGNORE.map((entry) => entry.value)).toEqual(['mock', 'agencies', 'packages/*/agency/**']);
    expect(MOCK_PATH.test('mock/embedded.js')).toBe(true);
    expect(MOCK_PATH.test('agencies/civil/civil.js')).toBe(true);
    expect(MOCK_PATH.test('packages/bills/agency/index.js')).toBe(true);
    expect(MOCK_PATH.test('packages/bills/pages/bills/bills.js')).toBe(false);
  });

  it('ships an app.json without the government\'s subpackage or its preloading, and names one that has it', () => {
    const appJson = {
      pages: ['pages/home/home'],
      subPackages: [{ root: 'packages/fines', name: 'fines', pages: ['pages/vehicles/vehicles'] }, { root: 'mock', name: 'government', pages: [] }],
      preloadRule: { 'pages/home/home': { network: 'all', packages: ['fines', 'government'] } },
    };
    expect(releaseAppJson(appJson)).toEqual({
      pages: ['pages/home/home'],
      subPackages: [{ root: 'packages/fines', name: 'fines', pages: ['pages/vehicles/vehicles'] }],
      preloadRule: { 'pages/home/home': { network: 'all', packages: ['fines'] } },
    });
    expect(releaseLeaks({ 'app.json': JSON.stringify(appJson) })).toEqual(['app.json lists the mock subpackage mock']);
    expect(releaseLeaks({ 'app.json': JSON.stringify(releaseAppJson(appJson)) })).toEqual([]);
  });

  it('stages the project for a release without a single mock file', () => {
    const root = path.resolve(__dirname, '..');
    const stage = stageRelease(root, 'miniprogram');
    try {
      const listed = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listed(path.join(dir, entry.name)).map((rel) => `${entry.name}/${rel}`) : [entry.name]));
      const files = listed(path.join(stage, 'miniprogram'));
      expect(files).toContain('backend.ts');
      expect(files).toContain('packages/fines/pages/bind/bind.ts');
      expect(files.filter((file) => MOCK_PATH.test(file))).toEqual([]);
      expect(fs.existsSync(path.join(root, 'miniprogram/packages/fines/agency/police.ts'))).toBe(true);
      const staged = JSON.parse(fs.readFileSync(path.join(stage, 'miniprogram/app.json'), 'utf8')) as { subPackages: { root: string }[] };
      expect(staged.subPackages.map((sub) => sub.root)).not.toContain('mock');
      // An agency in a page-less subpackage of its own goes with its subpackage.
      expect(staged.subPackages.map((sub) => sub.root)).not.toContain('agencies/civil');
      expect(fs.existsSync(path.join(root, 'miniprogram/agencies/civil/civil.ts'))).toBe(true);
    } finally {
      fs.rmSync(stage, { recursive: true, force: true });
    }
  });
});
