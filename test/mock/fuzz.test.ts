// Property-based fuzzing of every endpoint the router lists: no generated request throws or gets a 5xx,
// and every refusal carries a code and changes nothing but the limits (wrong SMS codes, failed binds).
// FUZZ_RUNS=20000 npx jest test/mock/fuzz.test.ts for a longer run
// (FUZZ_SEED=<seed> FUZZ_PATH=<path> replay a reported failure; FUZZ_VERBOSE=1 prints the requests per endpoint and their statuses).
import fc from 'fast-check';
import type { ApiRequest, ApiResponse, HttpMethod } from '../../miniprogram/contracts/http';
import { createGovernment, type Government } from '../../miniprogram/mock/index';
import { vehicleIdOf } from '../helpers/police';
import { MAX_BODY_CHARS, type Endpoint } from '../../miniprogram/mock/router';
import { NONCE_HEADER, NOTIFY_PATH, SIGNATURE_HEADER, TIMESTAMP_HEADER, noticeSignature, rfc3339Cst } from '../../miniprogram/mock/wechat-pay';
import { TEST_MERCHANT_KEY, createTestGovernment, memoryStorage, resident, verifiedToken, type TestClock } from '../helpers/government';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PATH = process.env.FUZZ_PATH;
const VERBOSE = Boolean(process.env.FUZZ_VERBOSE);
const MAX_PATH_CHARS = 2048;

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__', 'isPrototypeOf'];
const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];
/** The fields each endpoint reads from its body (docs/api.md); the others get every field name. */
const FIELDS: Record<string, string[]> = {
  'POST /identity/session': ['code'],
  'POST /identity/sms': ['mobile'],
  'POST /identity/verify': ['name', 'idNumber', 'mobile', 'smsCode'],
  'POST /identity/face': ['verifyResult'],
  'POST /fines/vehicles': ['plate', 'plateType', 'vinLast6'],
  'POST /payments/orders': ['items', 'totalFen'],
  'POST /payments/notify': ['id', 'event_type', 'resource'],
};
const ALL_FIELDS = [...new Set(Object.values(FIELDS).flat())];

const endpointKey = (endpoint: Endpoint): string => `${endpoint.method} ${endpoint.path}`;
const json = (value: unknown): string => JSON.stringify(value);

type Who = 'li' | 'zhou' | 'anonymous' | 'ended';

/** The persisted state every run starts from, and the ids and secrets in it worth aiming at. */
interface Fixture {
  clock: TestClock;
  /** Everything below in place; `bare`: the same people and sessions before any vehicle or order (agencies first used). */
  stored: Record<'full' | 'bare', Map<string, string>>;
  endpoints: Endpoint[];
  tokens: Record<Who, string>;
  /** Ids by path parameter: li's and zhou's vehicles (and one of li's not bound), notices and orders. */
  ids: Record<string, string[]>;
  noticeIds: string[];
  /** A body each endpoint would take, by endpoint key. */
  good: Record<string, object>;
  amounts: number[];
  times: number[];
  smsCode: string;
  /** The body of li's open order, sent with idempotency key `fuzz-order`: repeating it is a replay. */
  orderBody: string;
}

async function buildFixture(): Promise<Fixture> {
  const gov = createTestGovernment();
  const g = gov.government;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const send = async <T>(req: ApiRequest): Promise<T> => {
    const res = await g.handle(req);
    if (res.status >= 300) throw new Error(`fixture step ${req.method} ${req.path} answered ${res.status} ${json(res.body)}`);
    return res.body as T;
  };
  const li = await verifiedToken(g, 'r02');
  const zhou = await verifiedToken(g, 'r08');
  const anonymous = (await send<{ token: string }>({ method: 'POST', path: '/identity/session', body: json({ code: 'c' }) })).token;
  const ended = (await send<{ token: string }>({ method: 'POST', path: '/identity/session', body: json({ code: 'c' }) })).token;
  await send({ method: 'DELETE', path: '/identity/session', headers: bearer(ended) });
  // A code waiting for 陈静 (r03), so a generated verify can succeed and reach the deep paths.
  const sms = await send<{ devCode: string }>({ method: 'POST', path: '/identity/sms', headers: bearer(anonymous), body: json({ mobile: resident('r03').mobile }) });
  const bare = new Map(gov.stored);
  const liCar = await send<{ id: string }>({ method: 'POST', path: '/fines/vehicles', headers: bearer(li), body: json({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' }) });
  const zhouCar = await send<{ id: string }>({ method: 'POST', path: '/fines/vehicles', headers: bearer(zhou), body: json({ plate: '粤E12345', plateType: 'large', vinLast6: '512345' }) });
  type Notices = { items: { id: string; dueFen: number; status: string }[] };
  const liNotices = (await send<Notices>({ method: 'GET', path: `/fines/vehicles/${liCar.id}/notices`, headers: bearer(li) })).items;
  const zhouNotices = (await send<Notices>({ method: 'GET', path: `/fines/vehicles/${zhouCar.id}/notices`, headers: bearer(zhou) })).items;
  const unpaid = liNotices.filter((n) => n.status === 'unpaid');
  const orderBody = json({ items: [{ agency: 'police', itemId: unpaid[0].id }], totalFen: unpaid[0].dueFen });
  const liOrder = await send<{ id: string; createdAt: number }>({ method: 'POST', path: '/payments/orders', headers: { ...bearer(li), 'idempotency-key': 'fuzz-order' }, body: orderBody });
  const zhouOrder = await send<{ id: string }>({ method: 'POST', path: '/payments/orders', headers: bearer(zhou), body: json({ items: [{ agency: 'police', itemId: zhouNotices[0].id }], totalFen: zhouNotices[0].dueFen }) });
  const otherCar = resident('r02').vehicles.find((v) => v.plate !== '粤B12345');
  const now = gov.clock.now();
  const noticeIds = [...liNotices, ...zhouNotices].map((n) => n.id);
  return {
    clock: gov.clock,
    stored: { full: new Map(gov.stored), bare },
    endpoints: g.endpoints(),
    tokens: { li, zhou, anonymous, ended },
    ids: { vehicleId: [liCar.id, zhouCar.id, ...(otherCar ? [vehicleIdOf(otherCar.plate)] : [])], noticeId: noticeIds, orderId: [liOrder.id, zhouOrder.id] },
    noticeIds,
    good: {
      'POST /identity/session': { code: 'c' },
      'POST /identity/sms': { mobile: resident('r04').mobile },
      'POST /identity/verify': { name: resident('r03').name, idNumber: resident('r03').idNumber, mobile: resident('r03').mobile, smsCode: sms.devCode },
      'POST /identity/face': { verifyResult: 'simulated' },
      'POST /fines/vehicles': { plate: '粤BD12345', plateType: 'new-energy', vinLast6: '604219' },
      'POST /payments/orders': { items: [{ agency: 'police', itemId: unpaid[1].id }], totalFen: unpaid[1].dueFen },
      'POST /payments/notify': {
        id: 'EV-fuzz',
        event_type: 'TRANSACTION.SUCCESS',
        resource: { out_trade_no: liOrder.id, transaction_id: '4200000000000000000000000007', trade_state: 'SUCCESS', success_time: rfc3339Cst(now), amount: { total: unpaid[0].dueFen, currency: 'CNY' } },
      },
    },
    amounts: [...liNotices.map((n) => n.dueFen), unpaid[0].dueFen + unpaid[1].dueFen],
    times: [now, now - 1, now + 120_000, now + 120_001, liOrder.createdAt - 120_000, liOrder.createdAt - 120_001, 0, 8_640_000_000_000, 8_640_000_000_001],
    smsCode: sms.devCode,
    orderBody,
  };
}

interface Running { government: Government; stored: Map<string, string> }

/** A government restarted over a copy of the fixture's storage, with the options createTestGovernment uses. */
function restart(fixture: Fixture, start: 'full' | 'bare'): Running {
  const stored = new Map(fixture.stored[start]);
  const government = createGovernment({
    clock: fixture.clock,
    seed: 7,
    secret: 'test-secret',
    storage: memoryStorage(stored),
    config: { exposeSmsCode: true, allowSimulatedFace: true },
    checkWrites: true,
  });
  return { government, stored };
}

/** One generated request, printed short (a 65 KB body would drown the counterexample). */
interface Input { endpoint: Endpoint; request: ApiRequest; [fc.toStringMethod]: () => string }

const short = (value: unknown): string => {
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'string' && v.length > 160) return `${v.slice(0, 80)}… (${v.length} chars)`;
      return v;
    }) ?? String(value);
  } catch (err) {
    return `<unprintable: ${String(err)}>`;
  }
};

/** A request, its parsed body (which may be what JSON cannot show: a function, a BigInt, a toJSON) printed by fast-check. */
function describeRequest(request: ApiRequest): string {
  const { body } = request;
  if (body === undefined || typeof body === 'string') return short(request);
  const parsed = typeof body === 'function' ? 'a function' : fc.stringify(body);
  return short({ ...request, body: `<parsed> ${parsed.length > 300 ? `${parsed.slice(0, 300)}…` : parsed}` });
}

// ---- generators (all fast-check combinators) ----

function arbitraries(f: Fixture) {
  const longText = fc
    .tuple(fc.constantFrom('x', '中', '😀', 'a\u0301', '\u0000', '"', '\\'), fc.integer({ min: 3_990, max: 10_001 }))
    .map(([unit, n]) => unit.repeat(n));
  const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 3 });
  const text = fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: loneSurrogates },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'NaN', 'Infinity', '-0', '1e308', '0x10', '１２３', 'null', 'true', '[]', '{}') },
  );
  const number = fc.oneof(
    fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, -0, 0, -1, 0.5, 2 ** 53, 2 ** 53 + 2, -(2 ** 31), 2 ** 32),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  const protoDict = fc.dictionary(fc.constantFrom(...PROTO_KEYS, 'x', 'level', 'personId'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
  const wrong = fc.oneof(
    { weight: 3, arbitrary: number },
    { weight: 3, arbitrary: text },
    { weight: 1, arbitrary: longText },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
    { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) },
    { weight: 1, arbitrary: protoDict },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
  const li = resident('r02');
  const chen = resident('r03');
  const item = fc.record({
    agency: fc.oneof(fc.constantFrom('police', 'police', 'casino', ''), fc.constantFrom(...PROTO_KEYS), wrong),
    itemId: fc.oneof(fc.constantFrom(...f.noticeIds), fc.constantFrom(...PROTO_KEYS, '', 'x'.repeat(64), 'x'.repeat(65)), wrong),
  }, { requiredKeys: [] });
  const plausible: Record<string, fc.Arbitrary<unknown>> = {
    code: fc.constantFrom('c', 'wx-login-code', 'x'.repeat(128), 'x'.repeat(129)),
    mobile: fc.constantFrom(li.mobile, chen.mobile, '138 0000 0003', '+86 13800000003', '0086-138-0000-0002', '(138)00000002', '12345', '2'.repeat(11)),
    name: fc.constantFrom(li.name, chen.name, 'Li Ming', '周强', '·', 'A', ` ${chen.name} `),
    idNumber: fc.constantFrom(li.idNumber, chen.idNumber, chen.idNumber.toLowerCase(), '340524198001010013', '110105194912310021', '000000000000000000', '11010520991231002X'),
    smsCode: fc.constantFrom(f.smsCode, f.smsCode, '000000', '12345', '1234567', ` ${f.smsCode}`),
    verifyResult: fc.constantFrom('simulated', 'real', 'SIMULATED'),
    plate: fc.constantFrom('粤B12345', '粤E12345', '粤BD12345', '粤b 12345', '粤A88888', '粤B5Z6R8', 'XB12345', '粤B1234', '粤B123456', '粤BDO2345'),
    plateType: fc.constantFrom('small', 'large', 'new-energy', 'boat', '__proto__'),
    vinLast6: fc.constantFrom('183745', '512345', '604219', '102938', '000000', '18374O', '1837455', ' 183745'),
    items: fc.oneof(
      fc.array(item, { maxLength: 4 }),
      fc.integer({ min: 50, max: 52 }).map((n) => Array.from({ length: n }, (_, i) => ({ agency: 'police', itemId: f.noticeIds[i % f.noticeIds.length] }))),
    ),
    totalFen: fc.constantFrom(...f.amounts, 0, 1, 100_000_000, 100_000_001),
    paidAt: fc.constantFrom(...f.times),
  };
  const fieldValue = (name: string): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: plausible[name] ?? wrong }, { weight: 2, arbitrary: wrong });
  const fieldsOf = (endpoint: Endpoint): string[] => FIELDS[endpointKey(endpoint)] ?? ALL_FIELDS;
  // The endpoint's fields over nothing or over a body it would take, so some requests get past validation.
  const fieldsBody = (endpoint: Endpoint) =>
    fc
      .tuple(
        fc.constantFrom({}, f.good[endpointKey(endpoint)] ?? {}),
        fc.record(Object.fromEntries(fieldsOf(endpoint).map((name) => [name, fieldValue(name)])), { requiredKeys: [] }),
        fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS, ...ALL_FIELDS), fc.string()), wrong, { maxKeys: 2 }),
      )
      .map(([base, fields, extra]) => ({ ...extra, ...base, ...fields }));

  // A body: nothing, empty, not JSON, any JSON, a parsed object, the endpoint's fields with good or wrong values,
  // `__proto__`-style keys only raw JSON can carry, number literals JSON.stringify never writes, and sizes about the limit.
  const body = (endpoint: Endpoint): fc.Arbitrary<string | object | undefined> => {
    const fields = fieldsOf(endpoint);
    const field = fc.constantFrom(...fields);
    return fc.oneof(
      { weight: endpointKey(endpoint) in FIELDS ? 1 : 6, arbitrary: fc.constantFrom(undefined, '', ' ') },
      { weight: 2, arbitrary: fc.constant(json(f.good[endpointKey(endpoint)] ?? {})) },
      { weight: 2, arbitrary: fc.oneof(fc.constantFrom('{', '[', '{"a":}', 'nul', 'undefined', 'NaN', "{'a':1}", '{"a":1,}', '\ufeff{}', '{"a":"\\x"}', '{"a":1}}'), fc.string()) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
      {
        weight: 2,
        // Already parsed values, as the contract allows: any object, an array, the fields, and values JSON.stringify
        // turns into nothing (a function, a toJSON answering undefined), which are not JSON either.
        arbitrary: fc.oneof(
          fc.object({ maxDepth: 2, withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true }),
          fc.array(fc.anything({ maxDepth: 1 })),
          fieldsBody(endpoint),
          fc.func(fc.jsonValue({ maxDepth: 1 })),
          fc.record({ toJSON: fc.func(fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined })) }),
        ),
      },
      { weight: 8, arbitrary: fieldsBody(endpoint).map(json) },
      { weight: 1, arbitrary: fc.constant(f.orderBody) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom(...PROTO_KEYS), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ x: 1 }), fc.constant({ level: 'face', personId: 'p-r02', agency: 'police' })), fieldsBody(endpoint))
          .map(([key, inner, rest]) => {
            const tail = json(rest).slice(1, -1);
            return `{${json(key)}:${json(inner)}${tail ? `,${tail}` : ''}}`;
          }),
      },
      { weight: 1, arbitrary: fc.constant(`{"items":[{"__proto__":{"agency":"police","itemId":"${f.noticeIds[0]}"}}],"totalFen":${f.amounts[0]}}`) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(field, fc.constantFrom('1e400', '-1e400', '1e-400', '-0', '0.0', '1E2', '123456789012345678901234567890', '0.1e1', '-0.0', `${f.amounts[0]}.0`))
          .map(([name, literal]) => `{${json(name)}:${literal},${json(name)}:${literal}}`),
      },
      {
        weight: 1,
        // {"<field>":"xxx…"} of a total length about the 65,536-character limit, or well over it.
        arbitrary: fc
          .tuple(field, fc.oneof(fc.integer({ min: MAX_BODY_CHARS - 3, max: MAX_BODY_CHARS + 3 }), fc.integer({ min: MAX_BODY_CHARS + 4, max: 3 * MAX_BODY_CHARS })))
          .map(([name, length]) => {
            const frame = `{${json(name)}:""}`;
            return `${frame.slice(0, -2)}${'x'.repeat(length - frame.length)}"}`;
          }),
      },
    );
  };

  const allIds = Object.values(f.ids).flat();
  const segment = (param: string) => fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...(f.ids[param] ?? allIds)) },
    { weight: 2, arbitrary: fc.constantFrom(...allIds) },
    // Every character of a real id percent-encoded: it decodes back to the id.
    { weight: 1, arbitrary: fc.constantFrom(...allIds).map((id) => id.replace(/./g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
    { weight: 2, arbitrary: fc.constantFrom('%E0%A4%A', '%', '%zz', '%%', '%u0041', '%C0%AF', '%ED%A0%80', '%00', '%2F', '%2e%2e', '..', '.', '', '?', '#') },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: longText },
  );

  const path = (endpoint: Endpoint): fc.Arbitrary<string> => {
    const params = (endpoint.path.match(/:\w+/g) ?? []).map((name) => name.slice(1));
    return fc
      .tuple(
        fc.tuple(...params.map(segment)),
        fc.oneof(
          { weight: 24, arbitrary: fc.constant('as is') },
          { weight: 1, arbitrary: fc.constantFrom('query', 'trailing slash', 'double slash', 'upper case', 'dot segment') },
          { weight: 1, arbitrary: fc.integer({ min: MAX_PATH_CHARS - 3, max: MAX_PATH_CHARS + 3 }) },
          { weight: 1, arbitrary: fc.webPath() },
        ),
      )
      .map(([values, mangle]) => {
        let i = 0;
        const filled = endpoint.path.replace(/:\w+/g, () => values[i++]);
        if (typeof mangle === 'number') return `${filled}?${'q'.repeat(Math.max(0, mangle - filled.length - 1))}`;
        switch (mangle) {
          case 'as is': return filled;
          case 'query': return `${filled}?offset=1&__proto__=x`;
          case 'trailing slash': return `${filled}/`;
          case 'double slash': return `/${filled}`;
          case 'upper case': return filled.toUpperCase();
          case 'dot segment': return `${filled}/../${filled.split('/').pop() ?? ''}`;
          default: return mangle;
        }
      });
  };

  const query = fc.option(
    fc.dictionary(
      fc.oneof(fc.constantFrom('offset', 'limit', 'kind', ...PROTO_KEYS), fc.string({ maxLength: 8 })),
      fc.oneof(
        fc.constantFrom('0', '1', '20', '50', '51', '-1', 'NaN', 'Infinity', '1e308', '-0', '0.5', '', ' 3', '0x10', '1e1', '9007199254740993', 'identity-verified', 'fine-payment', '__proto__', 'constructor'),
        fc.integer().map(String),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
      ),
      { maxKeys: 4 },
    ),
    { nil: undefined },
  );

  const token = f.tokens.li;
  const authorization = fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 10, arbitrary: fc.constant(`Bearer ${f.tokens.li}`) },
    { weight: 4, arbitrary: fc.constantFrom<Who>('zhou', 'anonymous', 'anonymous', 'ended').map((who) => `Bearer ${f.tokens[who]}`) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS).map((key) => `Bearer ${key}`) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom('', 'Bearer', 'Bearer ', `bearer ${token}`, `Bearer  ${token}`, `Bearer ${token} `, `Bearer ${token}\n`, `Basic ${token}`, token, `Bearer tk_${'0'.repeat(32)}`, `Bearer ${token} ${token}`, `Bearer ${token.toUpperCase()}`),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`),
      ),
    },
  );
  const idempotencyKey = fc.option(fc.oneof(fc.constantFrom('fuzz-order', 'k1', 'k1', 'k2', '', ...PROTO_KEYS), fc.string({ unit: 'grapheme', maxLength: 40 })), { nil: undefined });
  const headers = fc
    .record({
      authName: fc.constantFrom('authorization', 'authorization', 'Authorization', 'AUTHORIZATION'),
      authorization,
      keyName: fc.constantFrom('idempotency-key', 'Idempotency-Key'),
      idempotencyKey,
      extra: fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS, 'content-type', 'x-request-id'), fc.string({ maxLength: 12 })), fc.string({ maxLength: 20 }), { maxKeys: 2 }),
    })
    .map(({ authName, authorization: auth, keyName, idempotencyKey: key, extra }) => {
      const out: Record<string, string> = { ...extra };
      if (auth !== undefined) out[authName] = auth;
      if (key !== undefined) out[keyName] = key;
      return out;
    });

  const method = fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });

  const input: fc.Arbitrary<Input> = fc
    .constantFrom(...f.endpoints)
    .chain((endpoint) =>
      fc.record({ method, path: path(endpoint), query, headers: fc.option(headers, { freq: 12, nil: undefined }), body: body(endpoint), signed: fc.boolean() }).map(({ method: other, path: p, query: q, headers: h, body: b, signed }) => {
        const request: ApiRequest = { method: other ?? endpoint.method, path: p };
        if (q !== undefined) request.query = q;
        if (h !== undefined) request.headers = h;
        // Half the notifications carry WeChat Pay's genuine signature over their body, to reach the checks after it.
        if (endpoint.path === NOTIFY_PATH && signed && typeof b === 'string') {
          const timestamp = String(Math.floor(f.clock.now() / 1000));
          request.headers = { ...h, [TIMESTAMP_HEADER]: timestamp, [NONCE_HEADER]: 'fuzz', [SIGNATURE_HEADER]: noticeSignature(TEST_MERCHANT_KEY, timestamp, 'fuzz', b) };
        }
        if (b !== undefined) request.body = b;
        return { endpoint, request, [fc.toStringMethod]: () => `${endpointKey(endpoint)} <- ${describeRequest(request)}` };
      }),
    );
  return { input };
}

// ---- checks ----

/** The state as JSON without `limits`, the one part a refusal may move. */
const stateWithoutLimits = (government: Government): string => {
  const state = government.inspect();
  return JSON.stringify(state, (key, value: unknown) => (key === 'limits' && value === state.limits ? undefined : value));
};
/** Which parts (and entries of them) of two JSON states differ, to say what a refusal changed. */
function differences(before: string, after: string): string {
  const a = JSON.parse(before) as Record<string, Record<string, unknown>>;
  const b = JSON.parse(after) as Record<string, Record<string, unknown>>;
  const show = (value: unknown): string => (value === undefined ? 'nothing' : short(value));
  return Object.keys({ ...a, ...b })
    .filter((part) => json(a[part]) !== json(b[part]))
    .flatMap((part) => {
      const entries = typeof a[part] === 'object' && typeof b[part] === 'object' ? Object.keys({ ...a[part], ...b[part] }) : [];
      const changed = entries.filter((entry) => json(a[part][entry]) !== json(b[part][entry]));
      return changed.length > 0 ? changed.map((entry) => `${part}.${entry}: ${show(a[part][entry])} -> ${show(b[part][entry])}`) : [`${part}: ${show(a[part])} -> ${show(b[part])}`];
    })
    .join('; ');
}
/** What is stored, but the `g<gen>.limits` key. */
const storedWithoutLimits = (stored: Map<string, string>): string => json(Object.fromEntries([...stored].filter(([key]) => !key.endsWith('.limits')).sort(([a], [b]) => (a < b ? -1 : 1))));

const PROTOTYPES: [string, object][] = [['Object', Object.prototype], ['Array', Array.prototype], ['String', String.prototype], ['Function', Function.prototype]];
/** Every own property of the built-in prototypes, with its value or getter, to see that none was added or replaced. */
function prototypeShape(): Map<string, unknown> {
  const shape = new Map<string, unknown>();
  PROTOTYPES.forEach(([name, proto]) => {
    Object.getOwnPropertyNames(proto).forEach((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      shape.set(`${name}.${key}`, descriptor && ('value' in descriptor ? descriptor.value : descriptor.get));
    });
  });
  return shape;
}
const PRISTINE = prototypeShape();
const prototypeChanges = (): string[] => {
  const now = prototypeShape();
  const added = [...now.keys()].filter((key) => !PRISTINE.has(key));
  const replaced = [...PRISTINE.keys()].filter((key) => !Object.is(now.get(key), PRISTINE.get(key)));
  return [...added, ...replaced];
};

/** The body as the router measures it (JSON text), or undefined when it cannot be written as JSON. */
function wireText(body: ApiRequest['body']): string | undefined {
  if (typeof body === 'string' || body === undefined) return body;
  try {
    return JSON.stringify(body);
  } catch {
    return undefined;
  }
}
const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

interface Tally { sent: number; byEndpoint: Map<string, Map<number, number>> }

async function probe(running: Running, input: Input, tally: Tally): Promise<void> {
  const key = endpointKey(input.endpoint);
  const before = stateWithoutLimits(running.government);
  const storedBefore = storedWithoutLimits(running.stored);
  const limitsBefore = counters(running.government);
  let answer: ApiResponse;
  try {
    answer = await running.government.handle(input.request);
  } catch (err) {
    throw new Error(`handle threw ${err instanceof Error ? err.stack : String(err)}\n  request: ${key} <- ${describeRequest(input.request)}`, { cause: err });
  }
  tally.sent += 1;
  const statuses = tally.byEndpoint.get(key) ?? new Map<number, number>();
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  tally.byEndpoint.set(key, statuses);
  const fail = (why: string): Error => new Error(`${why}\n  request: ${key} <- ${describeRequest(input.request)}\n  answer: ${short(answer)}`);

  const { status } = answer;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status >= 500) throw fail(`status ${status} is not a 2xx-4xx`);
  const touched = prototypeChanges();
  if (touched.length > 0) throw fail(`a built-in prototype changed: ${touched.join(', ')}`);

  const text = wireText(input.request.body);
  if (status < 400 && (text === undefined ? input.request.body !== undefined : text !== '' && !isJson(text))) throw fail('a body that is not JSON was accepted');
  const pathTooLong = input.request.path.length > MAX_PATH_CHARS;
  if (text !== undefined && text.length > MAX_BODY_CHARS && ![404, 405, 413].includes(status) && !pathTooLong) throw fail(`a body of ${text.length} characters was not refused with 413`);
  if (status === 413 && (text === undefined || text.length <= MAX_BODY_CHARS)) throw fail('413 for a body within the limit');

  if (status >= 400) {
    const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof error?.code !== 'string' || error.code === '') throw fail('a refusal without an error code');
    if (typeof error.message !== 'string') throw fail('a refusal without an error message');
    const after = stateWithoutLimits(running.government);
    if (after !== before) throw fail(`a refusal changed the state (beyond limits): ${differences(before, after)}`);
    const storedAfter = storedWithoutLimits(running.stored);
    if (storedAfter !== storedBefore) throw fail(`a refusal changed what is stored (beyond limits): ${differences(storedBefore, storedAfter)}`);
    // The limits may only count up: a refusal that lowered or dropped a counter would reset a lock.
    const limitsAfter = counters(running.government);
    const lowered = [...limitsBefore].filter(([name, count]) => (limitsAfter.get(name) ?? -1) < count).map(([name]) => name);
    if (lowered.length > 0) throw fail(`a refusal lowered limit counters: ${lowered.join(', ')}`);
    const moved = [...limitsAfter].filter(([name, count]) => count !== (limitsBefore.get(name) ?? 0));
    if (moved.length > 1) throw fail(`a refusal moved more than one counter: ${moved.map(([name]) => name).join(', ')}`);
  }
}

/** Every limit counter by name: wrong tries of each SMS code, failed binds of each person. */
function counters(government: Government): Map<string, number> {
  const { sms, bind } = government.inspect().limits;
  return new Map([...Object.entries(sms).map(([mobile, record]): [string, number] => [`sms.${mobile}`, record.attempts]), ...Object.entries(bind).map(([person, tries]): [string, number] => [`bind.${person}`, tries.count])]);
}

describe('fuzzing every endpoint', () => {
  it(`answers ${RUNS} runs of generated requests without a throw, a 5xx, or a refusal that changes anything`, async () => {
    const fixture = await buildFixture();
    const { input } = arbitraries(fixture);
    const tally: Tally = { sent: 0, byEndpoint: new Map() };
    // The spread is printed on a failure too (it counts the shrinking runs then).
    const report = (): void => {
      if (!VERBOSE) return;
      const lines = fixture.endpoints.map((endpoint) => {
        const statuses = tally.byEndpoint.get(endpointKey(endpoint)) ?? new Map<number, number>();
        const count = [...statuses.values()].reduce((sum, n) => sum + n, 0);
        const spread = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
        return `${String(count).padStart(6)}  ${endpointKey(endpoint).padEnd(42)} ${spread}`;
      });
      process.stdout.write(`\nfuzz: ${tally.sent} requests in ${RUNS} runs\n${lines.join('\n')}\n`);
    };
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom<'full' | 'bare'>('full', 'full', 'bare'), fc.array(input, { minLength: 1, maxLength: 3 }), async (start, inputs) => {
          // Each run starts from one of the same stored states; requests within a run see what earlier ones did.
          const running = restart(fixture, start);
          for (const one of inputs) await probe(running, one, tally);
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), ...(PATH === undefined ? {} : { path: PATH }) },
      );
    } finally {
      report();
    }
    expect(tally.sent).toBeGreaterThanOrEqual(RUNS);
    expect(fixture.endpoints.filter((endpoint) => !tally.byEndpoint.has(endpointKey(endpoint))).map(endpointKey)).toEqual([]);
  }, Math.max(60_000, RUNS * 10));
});
