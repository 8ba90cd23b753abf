// The preview against the government server over real HTTP (issue 15): a server started here, in-process
// on a free port with its control channel on, and the preview pointed at it (?government=, what
// `npm start -- --government URL` adds). The app's wx.request transport fetches from it; a resident
// verifies (the SMS code read from the control channel), binds a car and pays one fine (the server's
// WeChat Pay takes it and notifies the server over HTTP), sees the receipt, and the server's state has
// the payment. A photo goes up with wx.uploadFile as multipart/form-data. A server without --control
// is said to be so in the panel.
import * as fs from 'fs';
import * as path from 'path';
import { test } from '@playwright/test';
import type { GovernmentServer, GovernmentServerOptions } from '../../server/government-server';
import { bundleScript } from '../helpers/zones';
import { assert, bindOwnCar, openFromHome, openPhone, payOnCheckout, RESIDENT, seeInRecords, verifyIdentity, type Phone } from './harness';

type StartServer = (options?: GovernmentServerOptions) => Promise<GovernmentServer>;

const field = (value: unknown, name: string): unknown => (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, name) ? Reflect.get(value, name) : undefined);
const isStartServer = (value: unknown): value is StartServer => typeof value === 'function';

/**
 * startGovernmentServer, bundled with the government's require.async as dynamic imports (as scripts that
 * bundle the government do): playwright's own TypeScript loader leaves require.async as it is, which
 * Node does not have.
 */
async function loadStartServer(): Promise<StartServer> {
  const file = await bundleScript("export { startGovernmentServer } from './server/government-server';", 'government-server');
  const loaded: unknown = await import(file);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  // A CommonJS bundle: its exports, or (as Node's ESM loader hands them) its default.
  const start = field(loaded, 'startGovernmentServer') ?? field(field(loaded, 'default'), 'startGovernmentServer');
  assert(isStartServer(start), 'server/government-server exports no startGovernmentServer');
  return start;
}

let startServer: StartServer;
let server: GovernmentServer;

test.beforeAll(async () => {
  startServer = await loadStartServer();
  server = await startServer({ port: 0, control: true, stateFile: null });
});

test.afterAll(async () => {
  await server.close();
});

/** The preview's phone against this server. */
const openAgainst = (target: GovernmentServer): Promise<Phone> => openPhone('zh_CN', '', 'iphone-x', `government=${encodeURIComponent(target.url)}`);

/** A verified request to the server, in-process, with the resident's token from the phone. */
async function askServer(phone: Phone, path: string, query: Record<string, string> = {}): Promise<unknown> {
  const token: unknown = await phone.page.evaluate(() => wx.getStorageSync('session.token'));
  assert(typeof token === 'string' && token.length > 0, 'the phone keeps no session token');
  const res = await server.government.handle({ method: 'GET', path, query, headers: { authorization: `Bearer ${token}` } });
  assert(res.status === 200, `GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const list = (value: unknown, name: string): unknown[] => {
  const items = field(value, name);
  return Array.isArray(items) ? items : [];
};

test('against the government server over HTTP: verify, pay a fine, the receipt, and the server has the payment', async () => {
  const phone = await openAgainst(server);
  try {
    const { page } = phone;
    await page.waitForFunction((url) => document.getElementById('pv-government')?.textContent === `government: ${url} · control channel on`, server.url);

    // The SMS code the identity page shows is the one the server sent.
    await verifyIdentity(phone);
    assert(server.lastSmsCode(RESIDENT.mobile) !== null, 'the server sent no SMS code');

    await openFromHome(phone, '交通', /交通违法/, 'traffic-fines', 'packages/fines/pages/vehicles/vehicles');
    await bindOwnCar(phone);
    await page.waitForSelector(phone.top('#check-0'));
    await phone.tap('#check-0');
    await phone.tap('#pay');
    const reference = await payOnCheckout(phone);
    await phone.waitForText(/缴费成功/);

    // The server's own state: one fine payment recorded, its order paid under the receipt's reference, the notice paid.
    const records = list(await askServer(phone, '/records', { kind: 'fine-payment' }), 'items');
    assert(records.length === 1, `the server has ${records.length} fine payments, not 1`);
    assert(field(records[0], 'reference') === reference, `the server's record says ${String(field(records[0], 'reference'))}, the receipt ${reference}`);
    const orderId = field(field(records[0], 'detail'), 'orderId');
    assert(typeof orderId === 'string', 'the record names no order');
    const order = await askServer(phone, `/payments/orders/${orderId}`);
    assert(field(order, 'status') === 'paid' && field(order, 'reference') === reference, `the server's order reads ${JSON.stringify(order)}`);
    const lines = list(order, 'lines');
    assert(lines.length === 1 && field(lines[0], 'agency') === 'police', `the order's lines are ${JSON.stringify(lines)}`);
    const notice = await askServer(phone, `/fines/notices/${String(field(lines[0], 'itemId'))}`);
    assert(field(notice, 'status') === 'paid' && field(field(notice, 'payment'), 'reference') === reference, `the server's notice reads ${JSON.stringify(notice)}`);
    // Nothing ran in the browser's embedded government.
    const embeddedKeys = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('embedded-government')).length);
    assert(embeddedKeys === 0, `the embedded government stored ${embeddedKeys} keys in the browser`);

    await phone.tap('#done');
    await seeInRecords(phone, reference, /交通违法缴款/);

    // wx.uploadFile: a JPEG as multipart/form-data, as the reports page sends a photo.
    const upload = await page.evaluate(async (url) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
      const filePath = URL.createObjectURL(blob ?? new Blob());
      const token: unknown = wx.getStorageSync('session.token');
      return new Promise<{ statusCode: number; data: string }>((resolve, reject) => {
        wx.uploadFile({ url: `${url}/reports/photos`, filePath, name: 'photo', header: { authorization: `Bearer ${String(token)}` }, success: resolve, fail: reject });
      });
    }, server.url);
    assert(upload.statusCode === 201, `the photo upload answered ${upload.statusCode}: ${upload.data}`);
    const photo = field(JSON.parse(upload.data), 'photo');
    assert(field(photo, 'type') === 'jpeg' && typeof field(photo, 'id') === 'string', `the server took ${upload.data}`);

    // What went over the wire: the app's requests and the stand-ins' control calls (fetches seen by the browser).
    const sent = await page.evaluate((url) => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.startsWith(url)), server.url);
    const controlCalls = sent.filter((name) => name.includes('/__control/')).length;
    assert(sent.length - controlCalls > 10 && controlCalls >= 3, `only ${sent.length} requests reached the server (${controlCalls} control calls)`);
    // The count is the walk's output (the report of what went over the wire).
    // eslint-disable-next-line no-console
    console.log(`http walk: ${sent.length - controlCalls} app requests and ${controlCalls} control calls over HTTP to ${server.url}`);

    const errors = await phone.errors();
    assert(errors.length === 0, `page errors: ${errors.join('\n')}`);
  } finally {
    await phone.close();
  }
});

test('against a government server without --control: the panel says payments and SMS codes need it', async () => {
  const closed = await startServer({ port: 0, stateFile: null });
  const phone = await openAgainst(closed);
  try {
    await phone.page.waitForFunction(() => document.getElementById('pv-government')?.dataset.control === 'off');
    const said = (await phone.page.textContent('#pv-government')) ?? '';
    assert(said.startsWith(`government: ${closed.url} · control channel off`) && said.includes('--control'), `the panel says "${said}"`);
  } finally {
    await phone.close();
    await closed.close();
  }
});
