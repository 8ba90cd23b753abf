/** @jest-environment node */
// The server's state file: written before each answer, a restart over it keeps a paid booking (its
// payment, its record, WeChat Pay's own record of the charge), an unreadable file is moved aside and
// said so, never overwritten; and without `control` the control channel is not there at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGovernmentServer, type GovernmentServer } from '../../server/government-server';
import { TEST_NOW } from '../helpers/government';
import { DEPARTMENT, DOCTOR } from '../packages/hospital/helpers';
import { at, bearer, codeOf, listAt, verifyOverHttp, wire } from './wire';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'government-state-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const start = (stateFile: string, startAt = TEST_NOW): Promise<GovernmentServer> => startGovernmentServer({ port: 0, stateFile, startAt, secret: 'state-test' });

/** The state file as JSON: the format's name and every key's text. */
function readState(file: string): { format: unknown; keys: Record<string, string> } {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const keys = at(parsed, 'keys');
  if (typeof keys !== 'object' || keys === null) throw new Error('no keys in the state file');
  return { format: at(parsed, 'format'), keys: Object.fromEntries(Object.entries(keys).map(([key, text]) => [key, String(text)])) };
}

/** A verified resident books a doctor and pays the fee; checks on the way that the file is written before each answer and that the control channel is off. */
async function bookAndPay(server: GovernmentServer, file: string): Promise<{ token: string; bookingId: string; orderId: string; pkg: string; reference: string }> {
  // The file is written before an answer goes out: the new session is in it when the answer arrives.
  const session = await wire(server.url, '/identity/session', { method: 'POST', body: { code: 'c' } });
  expect(Object.values(readState(file).keys).some((text) => text.includes(String(at(session.json, 'token'))))).toBe(true);

  const token = await verifyOverHttp(server, 'r02');
  const doctor = await wire(server.url, `/health/doctors/${DOCTOR}`, { headers: bearer(token) });
  const slot = listAt(doctor.json, 'days').flatMap((day) => listAt(day, 'slots')).find((candidate) => Number(at(candidate, 'remaining')) > 0);
  const booked = await wire(server.url, '/health/bookings', { method: 'POST', headers: bearer(token, 'book-1'), body: { slotId: at(slot, 'id'), departmentId: DEPARTMENT, patientId: 'self' } });
  expect(booked.status).toBe(201);
  const bookingId = String(at(booked.json, 'id'));
  const ordered = await wire(server.url, '/payments/orders', { method: 'POST', headers: bearer(token, 'order-1'), body: { items: [{ agency: 'health', itemId: bookingId }], totalFen: at(booked.json, 'feeFen') } });
  expect(ordered.status).toBe(201);
  const orderId = String(at(ordered.json, 'id'));
  const pkg = String(at(ordered.json, 'payParams', 'package'));
  expect(await server.pay({ package: pkg })).toMatchObject({ paid: true });
  const paid = await wire(server.url, `/payments/orders/${orderId}`, { headers: bearer(token) });
  const reference = String(at(paid.json, 'reference'));
  expect(reference).toMatch(/^PAY/);

  // Without control the channel does not exist: the government's own 404, not the channel's.
  const clock = await wire(server.url, '/__control/clock', { method: 'POST', body: { days: 1 } });
  expect([clock.status, codeOf(clock), at(clock.json, 'error', 'message')]).toEqual([404, 'NOT_FOUND', 'No endpoint at /__control/clock']);
  const sms = await wire(server.url, '/__control/sms?mobile=13800000002');
  expect([sms.status, codeOf(sms)]).toEqual([404, 'NOT_FOUND']);
  expect(codeOf(await wire(server.url, '/__control/pay', { method: 'POST', body: { package: pkg } }))).toBe('NOT_FOUND');
  return { token, bookingId, orderId, pkg, reference };
}

/** A fine ordered and paid in WeChat Pay while the government refuses its notification: the money taken, the order pending. */
async function payWhileNotifyFails(server: GovernmentServer): Promise<{ token: string; orderId: string }> {
  const token = await verifyOverHttp(server, 'r02');
  const bound = await wire(server.url, '/fines/vehicles', { method: 'POST', headers: bearer(token, 'bind'), body: { plate: '粤B12345', plateType: 'small', vinLast6: '183745' } });
  const notice = listAt((await wire(server.url, `/fines/vehicles/${String(at(bound.json, 'id'))}/notices`, { headers: bearer(token) })).json, 'items')[0];
  const ordered = await wire(server.url, '/payments/orders', { method: 'POST', headers: bearer(token, 'order'), body: { items: [{ agency: 'police', itemId: at(notice, 'id') }], totalFen: at(notice, 'dueFen') } });
  const orderId = String(at(ordered.json, 'id'));
  const handle = server.government.handle.bind(server.government);
  jest.spyOn(server.government, 'handle').mockImplementation((req) => (req.path === '/payments/notify' ? Promise.resolve({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'down' } } }) : handle(req)));
  expect(await server.pay({ package: String(at(ordered.json, 'payParams', 'package')) })).toMatchObject({ paid: true });
  expect(at((await wire(server.url, `/payments/orders/${orderId}`, { headers: bearer(token) })).json, 'status')).toBe('pending');
  return { token, orderId };
}

describe('the state file', () => {
  it('keeps a paid booking across a restart: the booking, its payment and record, and WeChat Pay never takes the order twice', async () => {
    const file = path.join(dir, 'restart', 'state.json');
    const first = await start(file);
    const { token, bookingId, orderId, pkg, reference } = await bookAndPay(first, file).finally(() => first.close());
    const saved = readState(file);
    expect(saved.format).toBe('city-services/government-state');
    expect(Object.keys(saved.keys)).toEqual(expect.arrayContaining(['root', 'wechat-pay']));
    expect(fs.existsSync(`${file}.${process.pid}.tmp`)).toBe(false);

    const server = await start(file, TEST_NOW + 3600_000);
    try {
      const booking = await wire(server.url, `/health/bookings/${bookingId}`, { headers: bearer(token) });
      expect(booking.status).toBe(200);
      expect(at(booking.json, 'status')).toBe('booked');
      const order = await wire(server.url, `/payments/orders/${orderId}`, { headers: bearer(token) });
      expect([at(order.json, 'status'), at(order.json, 'reference')]).toEqual(['paid', reference]);
      const records = await wire(server.url, '/records', { headers: bearer(token) });
      const kinds = listAt(records.json, 'items').map((item) => at(item, 'kind'));
      expect(kinds.sort()).toEqual(['booking', 'booking-fee', 'identity-verified']);
      // WeChat Pay's own records came back too: the same order is not charged again.
      expect(await server.pay({ package: pkg })).toEqual({ paid: false, reason: 'ORDER_PAID' });
    } finally {
      await server.close();
    }
  });

  it('sends again at the next start a payment notification the server did not take before it stopped', async () => {
    const file = path.join(dir, 'redeliver.json');
    const first = await start(file);
    const { token, orderId } = await payWhileNotifyFails(first).finally(async () => {
      jest.restoreAllMocks();
      await first.close();
    });
    const second = await start(file, TEST_NOW + 60_000);
    try {
      const order = await wire(second.url, `/payments/orders/${orderId}`, { headers: bearer(token) });
      expect([at(order.json, 'status'), String(at(order.json, 'reference'))]).toEqual(['paid', expect.stringMatching(/^PAY/)]);
    } finally {
      await second.close();
    }
  });

  it('answers 503 and keeps nothing of a request whose save fails, then serves on once the file can be written', async () => {
    const file = path.join(dir, 'unwritable.json');
    const server = await start(file);
    const said = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const sessions = (): number => Object.keys(server.government.inspect().sessions).length;
      const before = sessions();
      // The temporary file's name taken by a directory: the write fails, as on a full disk.
      fs.mkdirSync(`${file}.${process.pid}.tmp`);
      const refused = await wire(server.url, '/identity/session', { method: 'POST', body: { code: 'c' } });
      expect([refused.status, codeOf(refused)]).toEqual([503, 'UNAVAILABLE']);
      expect(refused.text).not.toContain('    at ');
      expect(said).toHaveBeenCalledTimes(1);
      expect(sessions()).toBe(before);
      fs.rmdirSync(`${file}.${process.pid}.tmp`);
      const taken = await wire(server.url, '/identity/session', { method: 'POST', body: { code: 'c' } });
      expect(taken.status).toBe(201);
      expect(sessions()).toBe(before + 1);
    } finally {
      said.mockRestore();
      await server.close();
    }
  });

  it('refuses a state file written with another secret, and leaves it as it is', async () => {
    const file = path.join(dir, 'secret.json');
    await (await start(file)).close();
    const before = fs.readFileSync(file, 'utf8');
    await expect(startGovernmentServer({ port: 0, stateFile: file, secret: 'another' })).rejects.toThrow('written with another seed or secret');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it.each([
    ['not JSON', '{"format": "city-services/gov'],
    ['another JSON file', '{"name": "some other tool", "version": 1}'],
    ['a key that is not text', '{"format": "city-services/government-state", "version": 1, "keys": {"root": 5}}'],
  ])('moves an unreadable state file (%s) aside, says so on stderr, and starts from the seed', async (_what, content) => {
    const file = path.join(dir, `broken-${_what.replace(/\W+/g, '-')}.json`);
    fs.writeFileSync(file, content);
    const said = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = await start(file);
    try {
      const aside = fs.readdirSync(dir).filter((name) => name.startsWith(`${path.basename(file)}.broken-`));
      expect(aside).toHaveLength(1);
      expect(fs.readFileSync(path.join(dir, aside[0]), 'utf8')).toBe(content);
      expect(said).toHaveBeenCalledTimes(1);
      expect(String(said.mock.calls[0][0])).toContain(`moved to ${path.join(dir, aside[0])}`);
      expect(readState(file).format).toBe('city-services/government-state');
      expect((await wire(server.url, '/identity/session', { method: 'POST', body: { code: 'c' } })).status).toBe(201);
    } finally {
      await server.close();
      said.mockRestore();
    }
  });
});
