// The trust issue's defect classes, each held by a test that failed before the fix.
import type { ApiRequest } from '../../miniprogram/contracts/http';
import { DAY_MS } from '../../miniprogram/core/dates';
import { createGovernment, merchantKeyOf, type GovernmentStorage } from '../../miniprogram/mock/index';
import { noticeSignature, rfc3339Cst } from '../../miniprogram/mock/wechat-pay';
import { noticeWork } from '../helpers/police';
import { MAX_ANONYMOUS_SESSIONS, SMS_PER_SESSION_PER_DAY } from '../../miniprogram/mock/identity';
import { ANSWERS_PER_SESSION } from '../../miniprogram/mock/router';
import { createClock, createTestGovernment, memoryStorage, resident, savedAnswers, verifiedToken, type TestGovernment, storedOrders } from '../helpers/government';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = (body: unknown): string => JSON.stringify(body);
const stateWithoutLimits = (gov: ReturnType<typeof createTestGovernment>): string => {
  const state = gov.government.inspect();
  return JSON.stringify(state, (key, value: unknown) => (key === 'limits' && value === state.limits ? undefined : value));
};

describe('no session is found by accident', () => {
  it.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'])('refuses Bearer %s and writes nothing onto a prototype', async (word) => {
    const gov = createTestGovernment();
    const me = await gov.government.handle({ method: 'GET', path: '/identity/me', headers: auth(word) });
    expect([me.status, (me.body as { error: { code: string } }).error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const verify = await gov.government.handle({ method: 'POST', path: '/identity/verify', headers: auth(word), body: json({ name: '李明' }) });
    expect(verify.status).toBe(401);
    expect(Object.keys(Object.prototype)).toEqual([]);
    const never = await gov.government.handle({ method: 'GET', path: '/fines/vehicles', headers: auth('never-issued') });
    expect(never.status).toBe(401);
  });
});

describe('secrets are unpredictable', () => {
  it('a relaunched government with the same seed never issues the same token or order id', async () => {
    const a = createGovernment({ clock: createClock(), seed: 1 });
    const b = createGovernment({ clock: createClock(), seed: 1 });
    const start = (g: typeof a) => g.handle({ method: 'POST', path: '/identity/session', body: json({ code: 'c' }) });
    const ta = ((await start(a)).body as { token: string }).token;
    const tb = ((await start(b)).body as { token: string }).token;
    expect(ta).not.toBe(tb);
    expect(ta).toMatch(/^tk_[0-9a-f]{32}$/);
  });

  it('draws its tokens from the injected cryptographic source', async () => {
    let drawn = 0;
    const gov = createGovernment({ clock: createClock(), randomBytes: (n) => { drawn += n; return new Uint8Array(n).fill(7); } });
    const res = await gov.handle({ method: 'POST', path: '/identity/session', body: json({ code: 'c' }) });
    expect(res.status).toBe(201);
    expect(drawn).toBeGreaterThanOrEqual(16);
  });
});

describe('limits hold across restarts and spellings', () => {
  it('keeps the wrong-code lock after a relaunch, and one code a minute whatever the spelling', async () => {
    const stored = new Map<string, string>();
    const storage: GovernmentStorage = memoryStorage(stored);
    const clock = createClock();
    const g1 = createGovernment({ clock, storage, secret: 's', config: { exposeSmsCode: true } });
    const token = ((await g1.handle({ method: 'POST', path: '/identity/session', body: json({ code: 'c' }) })).body as { token: string }).token;
    const li = resident('r02');
    const sent = await g1.handle({ method: 'POST', path: '/identity/sms', headers: auth(token), body: json({ mobile: li.mobile }) });
    expect((sent.body as { sentTo: string }).sentTo).toBe('138****0002');
    clock.advance(10_000);
    const spaced = await g1.handle({ method: 'POST', path: '/identity/sms', headers: auth(token), body: json({ mobile: '138 0000 0002' }) });
    expect(spaced.status).toBe(429);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await g1.handle({ method: 'POST', path: '/identity/verify', headers: auth(token), body: json({ name: li.name, idNumber: li.idNumber, mobile: li.mobile, smsCode: '000000' }) });
      expect(wrong.status).toBe(422);
    }
    const g2 = createGovernment({ clock, storage, secret: 's', config: { exposeSmsCode: true } });
    const code = (sent.body as { devCode: string }).devCode;
    const locked = await g2.handle({ method: 'POST', path: '/identity/verify', headers: auth(token), body: json({ name: li.name, idNumber: li.idNumber, mobile: '138-0000-0002', smsCode: code }) });
    expect(locked.status).toBe(429);
  });

  it('never tells a guesser whether the VIN of someone else\'s vehicle is right, and limits failed binds', async () => {
    const gov = createTestGovernment();
    const chen = await verifiedToken(gov.government, 'r03');
    const car = resident('r02').vehicles[0];
    const bind = (vin: string) => gov.government.handle({ method: 'POST', path: '/fines/vehicles', headers: auth(chen), body: json({ plate: car.plate, plateType: car.plateType, vinLast6: vin }) });
    const right = await bind(car.vin.slice(-6));
    const wrong = await bind('000000');
    expect((right.body as { error: { code: string } }).error.code).toBe('NOT_OWNER');
    expect((wrong.body as { error: { code: string } }).error.code).toBe('NOT_OWNER');
    for (let i = 0; i < 8; i += 1) await bind('000000');
    expect((await bind(car.vin.slice(-6))).status).toBe(429);
  });
});

describe('a refused request changes nothing', () => {
  type Limits = ReturnType<TestGovernment['government']['inspect']>['limits'];
  /** A refusal to try, made after its setup, and the limits as they must be after it (unchanged unless said). */
  interface Refusal { make(gov: TestGovernment, token: string): Promise<ApiRequest>; limitsAfter?(before: Limits, gov: TestGovernment): Limits }
  const li = resident('r02');
  const orderAndExpire = async (gov: TestGovernment, token: string): Promise<ApiRequest> => {
    const car = (await gov.government.handle({ method: 'POST', path: '/fines/vehicles', headers: auth(token), body: json({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' }) })).body as { id: string };
    const notices = (await gov.government.handle({ method: 'GET', path: `/fines/vehicles/${car.id}/notices`, headers: auth(token) })).body as { items: { id: string; status: string; dueFen: number }[] };
    const unpaid = notices.items.filter((n) => n.status === 'unpaid')[0];
    await gov.government.handle({ method: 'POST', path: '/payments/orders', headers: auth(token), body: json({ items: [{ agency: 'police', itemId: unpaid.id }], totalFen: unpaid.dueFen }) });
    gov.clock.advance(31 * 60 * 1000);
    // The example: a wrong total for the expired order's items must not reopen it.
    return { method: 'POST', path: '/payments/orders', headers: auth(token), body: json({ items: [{ agency: 'police', itemId: unpaid.id }], totalFen: 1 }) };
  };
  const bad: [string, Refusal][] = [
    ['an unknown vehicle', { make: async (_g, t) => ({ method: 'POST', path: '/fines/vehicles', headers: auth(t), body: json({ plate: '粤B99999', plateType: 'small', vinLast6: '123456' }) }), limitsAfter: (l, g) => ({ ...l, bind: { 'p-r02': { count: 1, since: g.clock.now() } } }) }],
    ['someone else\'s vehicle', { make: async (_g, t) => ({ method: 'POST', path: '/fines/vehicles', headers: auth(t), body: json({ plate: '粤E12345', plateType: 'large', vinLast6: '512345' }) }), limitsAfter: (l, g) => ({ ...l, bind: { 'p-r02': { count: 1, since: g.clock.now() } } }) }],
    ['an order with a wrong total', { make: async (_g, t) => ({ method: 'POST', path: '/payments/orders', headers: auth(t), body: json({ items: [{ agency: 'police', itemId: 'x' }], totalFen: 1 }) }) }],
    ['a wrong total for an expired order\'s items', { make: orderAndExpire }],
    ['unbinding a vehicle not mine', { make: async (_g, t) => ({ method: 'DELETE', path: '/fines/vehicles/v123', headers: auth(t) }) }],
    ['a payment notice not signed by WeChat Pay', { make: async (_g, t) => ({ method: 'POST', path: '/payments/notify', headers: auth(t), body: '{"resource":{}}' }) }],
    ['a body that is not JSON', { make: async (_g, t) => ({ method: 'POST', path: '/payments/orders', headers: auth(t), body: '{' }) }],
    [
      'a wrong SMS code',
      {
        make: async (gov, t) => {
          const sent = (await gov.government.handle({ method: 'POST', path: '/identity/sms', headers: auth(t), body: json({ mobile: '13900000011' }) })).body as { devCode: string };
          return { method: 'POST', path: '/identity/verify', headers: auth(t), body: json({ name: li.name, idNumber: li.idNumber, mobile: '13900000011', smsCode: sent.devCode === '000000' ? '111111' : '000000' }) };
        },
        limitsAfter: (l) => ({ ...l, sms: { ...l.sms, '13900000011': { ...l.sms['13900000011'], attempts: 1 } } }),
      },
    ],
  ];
  it.each(bad)('%s: the state is as it was, and exactly the expected limit counter moved', async (_name, refusal) => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r02');
    const req = await refusal.make(gov, token);
    const before = stateWithoutLimits(gov);
    const limitsBefore = JSON.parse(JSON.stringify(gov.government.inspect().limits)) as Limits;
    const storedBefore = new Map(gov.stored);
    const res = await gov.government.handle(req);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(stateWithoutLimits(gov)).toBe(before);
    expect(JSON.parse(JSON.stringify(gov.government.inspect().limits))).toEqual(refusal.limitsAfter ? refusal.limitsAfter(limitsBefore, gov) : limitsBefore);
    [...storedBefore.keys()].filter((key) => !key.endsWith('.limits')).forEach((key) => expect(gov.stored.get(key)).toBe(storedBefore.get(key)));
  });

  it('a write storage refuses answers UNAVAILABLE and keeps nothing of the request in memory', async () => {
    const stored = new Map<string, string>();
    let full = false;
    const storage: GovernmentStorage = { ...memoryStorage(stored), write: (key, value) => { if (full) throw new Error('setStorageSync:fail exceed storage max size 10MB'); stored.set(key, value); } };
    const government = createGovernment({ clock: createClock(), storage, secret: 's', config: { exposeSmsCode: true } });
    const token = await verifiedToken(government, 'r02');
    const before = JSON.stringify(government.inspect());
    full = true;
    const car = resident('r02').vehicles[0];
    const res = await government.handle({ method: 'POST', path: '/fines/vehicles', headers: auth(token), body: json({ plate: car.plate, plateType: car.plateType, vinLast6: car.vin.slice(-6) }) });
    expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([503, 'UNAVAILABLE']);
    expect(JSON.stringify(government.inspect())).toBe(before);
  });
});

describe('bad input never reaches a 500', () => {
  it.each(['/fines/notices/%E0%A4%A', '/fines/notices/%', '/fines/notices/%zz'])('answers 400 for %s', async (path) => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r02');
    const res = await gov.government.handle({ method: 'GET', path, headers: auth(token) });
    expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([400, 'BAD_ENCODING']);
  });

  it('answers 413 for a body over the limit, and takes an empty body as {}', async () => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r02');
    const huge = await gov.government.handle({ method: 'POST', path: '/payments/orders', headers: auth(token), body: json({ junk: 'x'.repeat(1024 * 1024) }) });
    expect([huge.status, (huge.body as { error: { code: string } }).error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // An empty body reads as {}: the fields it lacks are named, rather than a bare 400.
    const empty = await gov.government.handle({ method: 'POST', path: '/payments/orders', headers: auth(token), body: '' });
    expect([empty.status, (empty.body as { error: { code: string; fields: Record<string, string> } }).error.fields]).toEqual([422, { items: 'REQUIRED', totalFen: 'REQUIRED' }]);
  });
});

describe('the documented dates hold', () => {
  it('dates seeded notices from the first run, across a restart, not from the first fines request', async () => {
    const stored = new Map<string, string>();
    const clock = createClock();
    const first = createGovernment({ clock, storage: memoryStorage(stored), secret: 's', config: { exposeSmsCode: true } });
    await first.handle({ method: 'POST', path: '/identity/session', body: '{}' });
    clock.advance(10 * DAY_MS);
    const later = createGovernment({ clock, storage: memoryStorage(stored), secret: 's', config: { exposeSmsCode: true } });
    const token = await verifiedToken(later, 'r02');
    const car = resident('r02').vehicles[0];
    const bound = await later.handle({ method: 'POST', path: '/fines/vehicles', headers: auth(token), body: json({ plate: car.plate, plateType: car.plateType, vinLast6: car.vin.slice(-6) }) });
    const id = (bound.body as { id: string }).id;
    const list = await later.handle({ method: 'GET', path: `/fines/vehicles/${id}/notices`, headers: auth(token) });
    const items = (list.body as { items: { noticedAt: number }[] }).items;
    expect(Math.max(...items.map((n) => n.noticedAt))).toBeLessThan(clock.now() - 10 * DAY_MS + DAY_MS);
  });
});

describe('a write cut off half way', () => {
  it('is found at the next start and set aside, never read as a government where an order is paid but its notice not', async () => {
    for (let cut = 1; cut <= 4; cut += 1) {
      const clock = createClock();
      const stored = new Map<string, string>();
      let writesLeft = Number.POSITIVE_INFINITY;
      // The app is killed after `cut` more writes: nothing after them reaches storage.
      const storage: GovernmentStorage = { ...memoryStorage(stored), write: (key, value) => { if (writesLeft <= 0) throw new Error('killed'); writesLeft -= 1; stored.set(key, value); } };
      const government = createGovernment({ clock, storage, secret: 's', config: { exposeSmsCode: true } });
      const token = await verifiedToken(government, 'r02');
      const car = (await government.handle({ method: 'POST', path: '/fines/vehicles', headers: auth(token), body: json({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' }) })).body as { id: string };
      const notices = (await government.handle({ method: 'GET', path: `/fines/vehicles/${car.id}/notices`, headers: auth(token) })).body as { items: { id: string; status: string; dueFen: number }[] };
      const unpaid = notices.items.filter((n) => n.status === 'unpaid')[0];
      const order = (await government.handle({ method: 'POST', path: '/payments/orders', headers: auth(token), body: json({ items: [{ agency: 'police', itemId: unpaid.id }], totalFen: unpaid.dueFen }) })).body as { id: string };
      writesLeft = cut;
      const notice = { id: 'EV', event_type: 'TRANSACTION.SUCCESS', resource: { out_trade_no: order.id, transaction_id: '4200000000000000000000000001', trade_state: 'SUCCESS', success_time: rfc3339Cst(clock.now()), amount: { total: unpaid.dueFen, currency: 'CNY' } } };
      const body = json(notice);
      const ts = String(Math.floor(clock.now() / 1000));
      await government.handle({ method: 'POST', path: '/payments/notify', headers: { 'wechatpay-timestamp': ts, 'wechatpay-nonce': 'n', 'wechatpay-signature': noticeSignature(merchantKeyOf('s'), ts, 'n', body) }, body });

      const restarted = createGovernment({ clock, storage: memoryStorage(stored), secret: 's', config: { exposeSmsCode: true } });
      const orderPaid = storedOrders(restarted)[order.id]?.status === 'paid';
      const noticePaid = (restarted.inspect().agencies.police as { changes: Record<string, unknown> } | undefined)?.changes[unpaid.id] !== undefined;
      // Either the whole write is there, or none of it is trusted: never one half.
      expect([cut, orderPaid]).toEqual([cut, noticePaid]);
      expect(restarted.setAside().map((entry) => entry.part)).toEqual(['interrupted write']);
    }
  });
});

describe('one caller cannot fill the government\'s storage', () => {
  it('keeps at most 1,000 unverified sessions, and sends one session at most 5 codes a day', async () => {
    const gov = createTestGovernment();
    const verified = await verifiedToken(gov.government, 'r02');
    const start = async (): Promise<string> => ((await gov.government.handle({ method: 'POST', path: '/identity/session', body: json({ code: 'c' }) })).body as { token: string }).token;
    const first = await start();
    for (let i = 0; i < MAX_ANONYMOUS_SESSIONS; i += 1) await start();
    const sessions = Object.values(gov.government.inspect().sessions);
    expect(sessions.filter((session) => session.personId === null)).toHaveLength(MAX_ANONYMOUS_SESSIONS);
    expect(gov.government.inspect().sessions[first]).toBeUndefined();
    expect(gov.government.inspect().sessions[verified]).toBeDefined();

    const token = await start();
    for (let i = 0; i < SMS_PER_SESSION_PER_DAY; i += 1) {
      const sent = await gov.government.handle({ method: 'POST', path: '/identity/sms', headers: auth(token), body: json({ mobile: `1390000${String(i).padStart(4, '0')}` }) });
      expect(sent.status).toBe(200);
    }
    const more = await gov.government.handle({ method: 'POST', path: '/identity/sms', headers: auth(token), body: json({ mobile: '13900009999' }) });
    expect([more.status, (more.body as { error: { code: string } }).error.code]).toEqual([429, 'RATE_LIMITED']);
    gov.clock.advance(DAY_MS);
    expect((await gov.government.handle({ method: 'POST', path: '/identity/sms', headers: auth(token), body: json({ mobile: '13900009999' }) })).status).toBe(200);
    // Codes that expired an hour ago are gone from storage.
    expect(Object.keys(gov.government.inspect().limits.sms)).toEqual(['13900009999']);
  });
});

describe('saved answers of one session', () => {
  it('keeps only its latest answers, so retries with ever new keys cannot fill the saved answers', async () => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r02');
    const car = (await gov.government.handle({ method: 'POST', path: '/fines/vehicles', headers: auth(token), body: json({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' }) })).body as { id: string };
    const notices = (await gov.government.handle({ method: 'GET', path: `/fines/vehicles/${car.id}/notices`, headers: auth(token) })).body as { items: { id: string; status: string; dueFen: number }[] };
    const unpaid = notices.items.filter((n) => n.status === 'unpaid')[0];
    // The same order asked for again and again, each time under a new key: each answer (the same order) is saved.
    const order = (key: string) => gov.government.handle({ method: 'POST', path: '/payments/orders', headers: { ...auth(token), 'idempotency-key': key }, body: json({ items: [{ agency: 'police', itemId: unpaid.id }], totalFen: unpaid.dueFen }) });
    for (let i = 0; i < ANSWERS_PER_SESSION + 20; i += 1) {
      expect((await order(`k${i}`)).status).toBeLessThan(300);
      gov.clock.advance(1000);
    }
    expect(savedAnswers(gov.government)).toHaveLength(ANSWERS_PER_SESSION);
    // The latest still replays exactly.
    const replay = await order(`k${ANSWERS_PER_SESSION + 19}`);
    expect(replay.status).toBe(200);
    expect(savedAnswers(gov.government)).toHaveLength(ANSWERS_PER_SESSION);
  });

  it('stores each session\'s answers under a key of its own, so one resident\'s write does not rewrite everybody\'s', async () => {
    const gov = createTestGovernment();
    const bind = (token: string, key: string, plate: string, vinLast6: string) =>
      gov.government.handle({ method: 'POST', path: '/fines/vehicles', headers: { ...auth(token), 'idempotency-key': key }, body: json({ plate, plateType: 'small', vinLast6 }) });
    const li = await verifiedToken(gov.government, 'r02');
    const zhao = await verifiedToken(gov.government, 'r06');
    expect((await bind(li, 'li-1', '粤B12345', '183745')).status).toBe(201);
    expect((await bind(zhao, 'zhao-1', '粤A88888', '200001')).status).toBe(201);
    const keys = () => [...gov.stored.keys()].filter((key) => /^g\d+\.idempotency\./.test(key));
    expect(keys()).toHaveLength(2);
    const zhaoKey = keys().find((key) => (gov.stored.get(key) ?? '').length > 0 && !(gov.stored.get(key) ?? '').includes('粤B12345')) ?? '';
    const zhaoBefore = gov.stored.get(zhaoKey);
    const writes: string[] = [];
    const write = gov.stored.set.bind(gov.stored);
    jest.spyOn(gov.stored, 'set').mockImplementation((key, value) => {
      writes.push(key);
      return write(key, value);
    });
    // Li's second answer rewrites his key and the list, never Zhao's answers.
    expect((await bind(li, 'li-2', '粤B5Z6R8', '520741')).status).toBeLessThan(500);
    expect(writes).not.toContain(zhaoKey);
    expect(gov.stored.get(zhaoKey)).toBe(zhaoBefore);
    // And a replay of each still answers as first.
    expect((await bind(zhao, 'zhao-1', '粤A88888', '200001')).status).toBe(201);
    jest.restoreAllMocks();
  });

  it('reads the answers an earlier version kept under one key, and still replays them after the upgrade', async () => {
    const gov = createTestGovernment();
    const li = await verifiedToken(gov.government, 'r02');
    const bind = () => gov.government.handle({ method: 'POST', path: '/fines/vehicles', headers: { ...auth(li), 'idempotency-key': 'upgrade-1' }, body: json({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' }) });
    const first = await bind();
    expect(first.status).toBe(201);
    // What the earlier version stored: one key holding every slot, no shards.
    const flat = Object.assign({}, ...Object.values(gov.government.inspect().idempotency));
    const stored = new Map([...gov.stored].filter(([key]) => !/\.idempotency\./.test(key)));
    const head = [...stored.keys()].find((key) => key.endsWith('.idempotency')) ?? '';
    stored.set(head, JSON.stringify(flat));
    const restarted = createGovernment({ clock: gov.clock, seed: 7, secret: 'test-secret', storage: memoryStorage(stored), config: { exposeSmsCode: true, allowSimulatedFace: true }, checkWrites: true });
    expect(restarted.setAside()).toEqual([]);
    const again = await restarted.handle({ method: 'POST', path: '/fines/vehicles', headers: { ...auth(li), 'idempotency-key': 'upgrade-1' }, body: json({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' }) });
    expect(again).toEqual(first);
    // The next change stores them a session a key.
    await restarted.handle({ method: 'POST', path: '/fines/vehicles', headers: { ...auth(li), 'idempotency-key': 'upgrade-2' }, body: json({ plate: '粤B5Z6R8', plateType: 'small', vinLast6: '520741' }) });
    expect([...stored.keys()].filter((key) => /\.idempotency\./.test(key))).toHaveLength(1);
    expect(JSON.parse(stored.get(head) ?? 'null')).toEqual(expect.any(Array));
  });
});

describe('a face check confirmed twice', () => {
  it('records one face verification, not two', async () => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r02');
    for (let i = 0; i < 2; i += 1) {
      const answer = await gov.government.handle({ method: 'POST', path: '/identity/face', headers: auth(token), body: json({ verifyResult: 'simulated' }) });
      expect(answer.status).toBe(200);
    }
    expect(gov.government.inspect().records['p-r02'].filter((record) => record.kind === 'face-verified')).toHaveLength(1);
  });
});

describe('a limit storage cannot keep', () => {
  it('stops the government answering until it is kept, so a relaunch cannot forget wrong codes', async () => {
    const stored = new Map<string, string>();
    let refuseLimits = false;
    const storage: GovernmentStorage = { ...memoryStorage(stored), write: (key, value) => { if (refuseLimits && key.endsWith('.limits')) throw new Error('full'); stored.set(key, value); } };
    const government = createGovernment({ clock: createClock(), storage, secret: 's', config: { exposeSmsCode: true } });
    const li = resident('r02');
    const token = ((await government.handle({ method: 'POST', path: '/identity/session', body: json({ code: 'c' }) })).body as { token: string }).token;
    const sent = (await government.handle({ method: 'POST', path: '/identity/sms', headers: auth(token), body: json({ mobile: li.mobile }) })).body as { devCode: string };
    refuseLimits = true;
    const wrong = await government.handle({ method: 'POST', path: '/identity/verify', headers: auth(token), body: json({ name: li.name, idNumber: li.idNumber, mobile: li.mobile, smsCode: sent.devCode === '000000' ? '111111' : '000000' }) });
    expect(wrong.status).toBe(422);
    const read = await government.handle({ method: 'GET', path: '/identity/me', headers: auth(token) });
    const right = await government.handle({ method: 'POST', path: '/identity/verify', headers: auth(token), body: json({ name: li.name, idNumber: li.idNumber, mobile: li.mobile, smsCode: sent.devCode }) });
    expect([read.status, right.status]).toEqual([503, 503]);
    expect(government.inspect().limits.sms[li.mobile].attempts).toBe(1);
    refuseLimits = false;
    expect((await government.handle({ method: 'GET', path: '/identity/me', headers: auth(token) })).status).toBe(200);
    expect(JSON.parse(stored.get('g1.limits') ?? '{}')).toMatchObject({ sms: { [li.mobile]: { attempts: 1 } } });
  });
});

describe('the state is kept part by part', () => {
  it('stores no seed notices, and an unreadable part is set aside, not overwritten', async () => {
    const gov = createTestGovernment();
    const token = await verifiedToken(gov.government, 'r06');
    await gov.government.handle({ method: 'POST', path: '/fines/vehicles', headers: auth(token), body: json({ plate: '粤A88888', plateType: 'small', vinLast6: '200001' }) });
    // Each agency under its own key, holding what happened (a binding), not the 200 seeded notices.
    expect(JSON.parse(gov.stored.get('g1.agencies') ?? '[]')).toEqual(['police']);
    expect(gov.stored.get('g1.agencies.police')).toMatch(/^\{"bindings":\{"p-r06":\["v[0-9a-f]{10}"\]\},"changes":\{\}\}$/);
    gov.stored.set('g1.people', '{broken');
    const restarted = createGovernment({ clock: gov.clock, storage: memoryStorage(gov.stored), secret: 'test-secret' });
    expect(restarted.setAside()).toEqual([{ generation: 1, part: 'people', at: gov.clock.now() }]);
    expect(gov.stored.get('g1.people')).toBe('{broken');
    expect(gov.stored.has('g2.people')).toBe(true);
  });
});

describe('listing one page does work in proportion to the page', () => {
  it('touches about a page of notices at 2,000 notices once the index is built', async () => {
    const clock = createClock();
    const government = createGovernment({ clock, secret: 's', config: { exposeSmsCode: true, busyNoticeCount: 2000 } });
    const token = await verifiedToken(government, 'r06');
    const car = resident('r06').vehicles[0];
    const bound = await government.handle({ method: 'POST', path: '/fines/vehicles', headers: auth(token), body: json({ plate: car.plate, plateType: car.plateType, vinLast6: car.vin.slice(-6) }) });
    const id = (bound.body as { id: string }).id;
    const page = () => government.handle({ method: 'GET', path: `/fines/vehicles/${id}/notices`, query: { offset: '40', limit: '20' }, headers: auth(token) });
    await page();
    noticeWork.touched = 0;
    const res = await page();
    expect((res.body as { total: number }).total).toBe(2000);
    expect(noticeWork.touched).toBe(20);
  });
});
