// The embedded government as the app wires it: its state in wx storage, its digest key encrypted.
import { fake } from './helpers/fake-wx';
import { resident } from './helpers/government';
import { CAST } from '../miniprogram/mock/seed';

type Send = (method: 'GET' | 'POST', path: string, body?: object, token?: string) => Promise<{ status: number; body: unknown }>;

async function freshApp(): Promise<Send> {
  jest.resetModules();
  const backend = await import('../miniprogram/backend');
  const transport = backend.createDefaultTransport();
  // The embedded government's subpackage loads as the app's first request would load it.
  await backend.backendReady();
  return (method, path, body, token) =>
    transport.send({ method, path, body: body ? JSON.stringify(body) : undefined, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function verify(send: Send, key: string): Promise<string> {
  const person = resident(key);
  const started = await send('POST', '/identity/session', { code: 'c' });
  const token = (started.body as { token: string }).token;
  const sms = await send('POST', '/identity/sms', { mobile: person.mobile }, token);
  const code = (sms.body as { devCode: string }).devCode;
  const verified = await send('POST', '/identity/verify', { name: person.name, idNumber: person.idNumber, mobile: person.mobile, smsCode: code }, token);
  expect(verified.status).toBe(200);
  return token;
}

/** Everything the government stored, one key per part. */
const stateText = (): string => [...fake.storage.keys()].filter((key) => key.startsWith('embedded-government.state.')).map((key) => String(fake.storage.get(key))).join('\n');
const people = (): number => Object.keys(JSON.parse(String(fake.storage.get('embedded-government.state.g1.people'))) as object).length;

describe('the embedded government on the device', () => {
  it('keeps its key encrypted and apart from its state, and finds the same person after a restart', async () => {
    const first = await freshApp();
    const token = await verify(first, 'r02');
    expect(fake.encryptedKeys.has('embedded-government.secret')).toBe(true);
    const snapshot = stateText();
    expect(snapshot).toContain('"idMasked"');
    expect(snapshot).not.toContain(fake.storage.get('embedded-government.secret') as string);
    // No full ID number of anyone (a pattern would also match hex digests that happen to be all digits).
    CAST.forEach((member) => expect(snapshot).not.toContain(member.idNumber));

    const second = await freshApp();
    const me = await second('GET', '/identity/me', undefined, token);
    expect(me.body).toMatchObject({ level: 'verified', profile: { idMasked: '3405**********001X' } });
    await verify(second, 'r02');
    expect(people()).toBe(CAST.length);
  }, 20000);

  it('starts afresh when its key is gone, setting the old state aside and saying so, and drops the pre-2026 single key', async () => {
    fake.storage.set('embedded-government.state', '{"version":1}');
    const first = await freshApp();
    await verify(first, 'r02');
    expect(fake.storage.has('embedded-government.state')).toBe(false);
    const before = fake.storage.get('embedded-government.state.g1.records.p-r02');
    fake.storage.delete('embedded-government.secret');
    fake.encryptedKeys.delete('embedded-government.secret');
    const second = await freshApp();
    await verify(second, 'r02');
    expect(people()).toBe(CAST.length);
    // Generation 1 is kept as it was; the fresh government lives in generation 2.
    expect(fake.storage.get('embedded-government.state.g1.records.p-r02')).toBe(before);
    expect(fake.storage.has('embedded-government.state.g2.people')).toBe(true);
    expect(JSON.parse(String(fake.storage.get('embedded-government.state.root')))).toMatchObject({ generation: 2, setAside: [{ generation: 1, part: 'secret' }] });
    expect(fake.modals.map((modal) => modal.title)).toEqual(['测试数据无法读取']);
  }, 20000);

  it('answers UNAVAILABLE, and keeps its key, when the key cannot be read', async () => {
    const first = await freshApp();
    await verify(first, 'r01');
    const secret = fake.storage.get('embedded-government.secret');
    const spy = jest.spyOn(wx, 'getStorage').mockImplementation(((options: { fail?: (e: { errMsg: string }) => void }) => {
      options.fail?.({ errMsg: 'getStorage:fail decrypt failed' });
    }) as typeof wx.getStorage);
    const second = await freshApp();
    const res = await second('POST', '/identity/session', { code: 'c' });
    expect(res).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE' } } });
    expect(fake.storage.get('embedded-government.secret')).toBe(secret);
    spy.mockRestore();
    const retried = await second('POST', '/identity/session', { code: 'c' });
    expect(retried.status).toBe(201);
  }, 20000);

  it('answers UNAVAILABLE and keeps nothing when WeChat storage is full, and works again once there is room', async () => {
    const send = await freshApp();
    const token = await verify(send, 'r02');
    const before = stateText();
    // Another key fills the device to 40 bytes under WeChat's 10 MB.
    const used = [...fake.storage].reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value)), 0);
    const filler = 'someone-else.cache';
    fake.storage.set(filler, 'x'.repeat(10 * 1024 * 1024 - used - Buffer.byteLength(filler) - 2 - 40));
    const refused = await send('POST', '/fines/vehicles', { plate: '粤B12345', plateType: 'small', vinLast6: '183745' }, token);
    expect(refused).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE' } } });
    expect(stateText()).toBe(before);
    const vehicles = await send('GET', '/fines/vehicles', undefined, token);
    expect(vehicles.body).toMatchObject({ vehicles: [] });
    fake.storage.delete('someone-else.cache');
    const bound = await send('POST', '/fines/vehicles', { plate: '粤B12345', plateType: 'small', vinLast6: '183745' }, token);
    expect(bound.status).toBe(201);
  }, 20000);

  it('tells the tester once when stored state could not be read and was set aside', async () => {
    const first = await freshApp();
    await verify(first, 'r02');
    fake.storage.set('embedded-government.state.g1.people', '{broken');
    const second = await freshApp();
    await second('POST', '/identity/session', { code: 'c' });
    expect(fake.modals).toEqual([{ title: '测试数据无法读取', content: expect.stringContaining('第 1 代') as string }]);
    expect(fake.storage.get('embedded-government.state.g1.people')).toBe('{broken');
    const third = await freshApp();
    await third('POST', '/identity/session', { code: 'c' });
    expect(fake.modals).toHaveLength(1);
  }, 20000);

  it('keeps the tester\'s forward clock with the government across a restart', async () => {
    await freshApp();
    const simulation = await import('../miniprogram/core/stand-ins');
    const clock = simulation.standIns()?.clock;
    clock?.moveForward(3);
    clock?.moveForward(-5);
    expect(fake.storage.get('embedded-government.days-ahead')).toBe(3);
    const later = await freshApp();
    const started = await later('POST', '/identity/session', { code: 'c' });
    const expiresAt = (started.body as { expiresAt: number }).expiresAt;
    // A 30-day session, counted from three days on.
    expect(expiresAt - Date.now()).toBeGreaterThan(32 * 24 * 3600 * 1000);
  }, 20000);
});
