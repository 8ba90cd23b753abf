/** @jest-environment node */
// Review of issue 15: the state file from a tester's and an attacker's side. A second server on the same
// file, a file edited by hand, a restart between a charge and its notification, and a kill between the two
// requests of a double tap (the file as a SIGKILL leaves it: copied right after the first answer).
import fs from 'node:fs';
import path from 'node:path';
import { NOTIFY_PATH } from '../../miniprogram/mock/wechat-pay';
import { startGovernmentServer, type GovernmentServer } from '../../server/government-server';
import { TEST_NOW } from '../helpers/government';
import { DEPARTMENT, DOCTOR } from '../packages/hospital/helpers';
import { at, bearer, listAt, verifyOverHttp, wire } from './wire';
import { orderAFine, startIn, stop, type Started } from './attack-kit';

const open: GovernmentServer[] = [];
const folders: Started[] = [];

afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(open.splice(0).map((server) => server.close()));
  await Promise.all(folders.splice(0).map((started) => stop(started)));
});

async function fresh(name: string): Promise<Started> {
  const started = await startIn(name, { control: true });
  folders.push(started);
  return started;
}

async function again(file: string, startAt = TEST_NOW + 60_000): Promise<GovernmentServer> {
  const server = await startGovernmentServer({ port: 0, stateFile: file, startAt, secret: 'review-15' });
  open.push(server);
  return server;
}

/** The keys the state file holds. */
function keysOf(file: string): Record<string, string> {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const keys = at(parsed, 'keys');
  if (typeof keys !== 'object' || keys === null) throw new Error('no keys');
  return Object.fromEntries(Object.entries(keys).map(([name, text]) => [name, String(text)]));
}

function editKeys(file: string, edit: (keys: Record<string, string>) => void): void {
  const table = keysOf(file);
  edit(table);
  fs.writeFileSync(file, JSON.stringify({ format: 'city-services/government-state', version: 1, keys: table }));
}

describe('one state file', () => {
  it('a second server on the same state file is refused at start (a lock), so neither overwrites what the other acknowledged', async () => {
    const first = await fresh('two-servers');
    await expect(startGovernmentServer({ port: 0, stateFile: first.file, startAt: TEST_NOW, secret: 'review-15' }).then((second) => {
      open.push(second);
      return second;
    })).rejects.toThrow(/in use|another government/i);
  });
});

describe('a state file edited by hand', () => {
  it('a government part of the wrong type is set aside with a line on stderr; the server starts and serves, no 500', async () => {
    const { server, file } = await fresh('edited-root');
    await server.close();
    editKeys(file, (keys) => {
      keys.root = '{"version": "x", "parts": 5}';
    });
    const said = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const restarted = await again(file);
    expect(said).toHaveBeenCalledWith(expect.stringContaining('could not be read'));
    const answer = await wire(restarted.url, '/identity/session', { method: 'POST', body: { code: 'c' } });
    expect(answer.status).toBe(201);
  });

  it('a clock offset edited out of range ("1e308") is not taken: the clock stays within the ten years the control channel allows', async () => {
    const { server, file } = await fresh('edited-clock');
    await server.close();
    editKeys(file, (keys) => {
      keys['server.clock'] = '1e308';
    });
    // Without startAt, as the CLI starts it: the stored offset is read.
    const restarted = await startGovernmentServer({ port: 0, stateFile: file, secret: 'review-15' });
    open.push(restarted);
    const session = await wire(restarted.url, '/identity/session', { method: 'POST', body: { code: 'c' } });
    expect(Number.isSafeInteger(at(session.json, 'expiresAt'))).toBe(true);
    // The offset kept with the next save is none: the edited one was dropped, not clamped or carried on.
    expect(keysOf(file)['server.clock']).toBe('0');
  });

  it('WeChat Pay\'s records edited to the wrong type (transactions a list) are refused at start, not taken: a new charge would vanish from the file', async () => {
    const { server, file } = await fresh('edited-wechat-pay');
    const { pkg } = await orderAFine(server);
    await server.close();
    editKeys(file, (keys) => {
      keys['wechat-pay'] = '{"transactions": [], "refunds": {}}';
    });
    // Taken today: WeChat Pay then charges the already-paid order again, and that charge is written nowhere.
    await expect(again(file).then(async (restarted) => {
      await restarted.pay({ package: pkg });
      return fs.readFileSync(file, 'utf8');
    })).rejects.toThrow(/WeChat Pay/);
  });
});

describe('restarts', () => {
  it('a restart between the charge and its notification: the notification is sent again at the next start, the order ends paid, once, and never notified again', async () => {
    const { server, file } = await fresh('charge-then-restart');
    const { token, orderId, pkg } = await orderAFine(server);
    const handle = server.government.handle.bind(server.government);
    // The government is gone for the notification (it stopped before taking it).
    jest.spyOn(server.government, 'handle').mockImplementation((req) => (req.path === NOTIFY_PATH ? Promise.resolve({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'stopping' } } }) : handle(req)));
    expect(await server.pay({ package: pkg })).toMatchObject({ paid: true });
    expect(at((await wire(server.url, `/payments/orders/${orderId}`, { headers: bearer(token) })).json, 'status')).toBe('pending');
    jest.restoreAllMocks();
    await server.close();

    const second = await again(file);
    const order = await wire(second.url, `/payments/orders/${orderId}`, { headers: bearer(token) });
    expect([at(order.json, 'status'), String(at(order.json, 'reference'))]).toEqual(['paid', expect.stringMatching(/^PAY/)]);
    const paidRecords = listAt((await wire(second.url, '/records', { headers: bearer(token) })).json, 'items').filter((item) => String(at(item, 'kind')).includes('fine'));
    expect(paidRecords).toHaveLength(1);
    await second.close();

    // A third start sends nothing more: the acknowledgement was kept.
    const third = await startGovernmentServer({ port: 0, stateFile: file, startAt: TEST_NOW + 120_000, secret: 'review-15' });
    open.push(third);
    const seen: string[] = [];
    const passOn = third.government.handle.bind(third.government);
    jest.spyOn(third.government, 'handle').mockImplementation((req) => {
      seen.push(req.path);
      return passOn(req);
    });
    expect(await third.pay({ package: pkg })).toEqual({ paid: false, reason: 'ORDER_PAID' });
    expect(seen.filter((where) => where === NOTIFY_PATH)).toEqual([]);
    const still = await wire(third.url, `/payments/orders/${orderId}`, { headers: bearer(token) });
    expect(at(still.json, 'reference')).toBe(at(order.json, 'reference'));
  });

  it('a kill between the two requests of a double tap (an order): after the restart the second replays the first answer, one order, not two', async () => {
    const { server, file, dir } = await fresh('double-tap-kill');
    const { token, orderId, body } = await orderAFine(server);
    // What a SIGKILL right after the first answer leaves on disk (the file is written before every answer).
    const killed = path.join(dir, 'killed.json');
    fs.copyFileSync(file, killed);
    const restarted = await again(killed);
    const second = await wire(restarted.url, '/payments/orders', { method: 'POST', headers: bearer(token, 'order'), body });
    expect([second.status, at(second.json, 'id')]).toEqual([201, orderId]);
    const mine = listAt((await wire(restarted.url, '/payments/orders', { headers: bearer(token) })).json, 'items');
    expect(mine.map((order) => at(order, 'id'))).toEqual([orderId]);
  });

  it('a kill between the two taps of a booking: the replay is the same booking, the slot taken once', async () => {
    const { server, file, dir } = await fresh('double-tap-booking');
    const token = await verifyOverHttp(server, 'r02');
    const doctor = await wire(server.url, `/health/doctors/${DOCTOR}`, { headers: bearer(token) });
    const slot = listAt(doctor.json, 'days').flatMap((day) => listAt(day, 'slots')).find((candidate) => Number(at(candidate, 'remaining')) > 0);
    const remaining = Number(at(slot, 'remaining'));
    const tap = { slotId: at(slot, 'id'), departmentId: DEPARTMENT, patientId: 'self' };
    const first = await wire(server.url, '/health/bookings', { method: 'POST', headers: bearer(token, 'book-tap'), body: tap });
    expect(first.status).toBe(201);
    const killed = path.join(dir, 'killed-booking.json');
    fs.copyFileSync(file, killed);
    const restarted = await again(killed);
    const replay = await wire(restarted.url, '/health/bookings', { method: 'POST', headers: bearer(token, 'book-tap'), body: tap });
    expect([replay.status, at(replay.json, 'id')]).toEqual([201, at(first.json, 'id')]);
    const after = listAt((await wire(restarted.url, `/health/doctors/${DOCTOR}`, { headers: bearer(token) })).json, 'days').flatMap((day) => listAt(day, 'slots')).find((candidate) => at(candidate, 'id') === at(slot, 'id'));
    expect(Number(at(after, 'remaining'))).toBe(remaining - 1);
  });
});
