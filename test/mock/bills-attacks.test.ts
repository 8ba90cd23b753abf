// The utilities agency from an attacker's side (a review of issue 10, kept): tokens, other people's ids,
// walking account numbers and guessing one account's proof, replays, malformed bodies, paying twice, late
// fees at CST midnight and month ends, rebinding and deleting one's data.
import type { AccountDetail, AccountSummary } from '../../miniprogram/contracts/bills';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import { createGovernment } from '../../miniprogram/mock/index';
import { createClock, createTestGovernment, memoryStorage, payOrder, verifiedToken, type TestGovernment } from '../helpers/government';
import { ACCOUNTS } from '../packages/bills/helpers';

type Answer<T = unknown> = { status: number; body: T & { error?: { code: string; message?: string; fields?: Record<string, string> } }; headers?: Record<string, string> };
let keys = 0;
function caller(gov: { government: TestGovernment['government'] }, token: string | null) {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  return {
    get: async <T>(path: string) => (await gov.government.handle({ method: 'GET', path, headers })) as Answer<T>,
    send: async <T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, key = `rv-${(keys += 1)}`) =>
      (await gov.government.handle({ method, path, headers: { ...headers, 'idempotency-key': key }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) })) as Answer<T>,
  };
}
type Caller = ReturnType<typeof caller>;
const bind = (who: Caller, account: object, label = '家') => who.send<AccountSummary>('POST', '/bills/accounts', { ...account, label });
const items = (bills: { id: string }[]) => bills.map((b) => ({ agency: 'utilities', itemId: b.id }));
const total = (bills: { dueFen: number }[]) => bills.reduce((s, b) => s + b.dueFen, 0);

describe('bills attacks: tokens and other people\'s ids', () => {
  it('refuses every /bills endpoint without a token or with a forged one, changing nothing', async () => {
    const gov = createTestGovernment(createClock());
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const mine = (await bind(wang, ACCOUNTS.wangPower)).body;
    const before = gov.snapshot();
    for (const who of [caller(gov, null), caller(gov, 'forged-token-0000')]) {
      const answers = [
        await who.get('/bills/companies'), await who.get('/bills/accounts'), await who.get(`/bills/accounts/${mine.id}`),
        await who.send('POST', '/bills/accounts/check', ACCOUNTS.wangPower), await who.send('POST', '/bills/accounts', { ...ACCOUNTS.wangPower, label: 'x' }),
        await who.send('PUT', `/bills/accounts/${mine.id}`, { label: 'x' }), await who.send('DELETE', `/bills/accounts/${mine.id}`),
      ];
      answers.forEach((a) => expect(a.status).toBe(401));
    }
    expect(gov.snapshot()).toBe(before);
  });

  it('answers another person\'s account id and bill id exactly like unknown ones, everywhere', async () => {
    const gov = createTestGovernment(createClock());
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const li = caller(gov, await verifiedToken(gov.government, 'r02'));
    const hers = (await bind(wang, ACCOUNTS.wangPower)).body;
    const detail = (await wang.get<AccountDetail>(`/bills/accounts/${hers.id}`)).body;
    const before = gov.snapshot();
    const strip = (a: Answer) => [a.status, a.body.error?.code];
    for (const [method, body] of [['GET', undefined], ['PUT', { label: 'x' }], ['DELETE', undefined]] as const) {
      const run = (id: string) => (method === 'GET' ? li.get(`/bills/accounts/${id}`) : li.send(method, `/bills/accounts/${id}`, body));
      expect(strip(await run(hers.id))).toEqual(strip(await run('ac-0000000000000000')));
    }
    const theirs = await li.send('POST', '/payments/orders', { items: items([detail.unpaid[0]]), totalFen: detail.unpaid[0].dueFen });
    const unknown = await li.send('POST', '/payments/orders', { items: [{ agency: 'utilities', itemId: 'gz-power.0399999999.202610' }], totalFen: detail.unpaid[0].dueFen });
    expect(strip(theirs)).toEqual(strip(unknown));
    expect(JSON.stringify(theirs.body)).not.toContain('王');
    expect(gov.snapshot()).toBe(before);
  });
});

describe('bills attacks: walking account numbers', () => {
  const wrong = (n: number) => ({ ...ACCOUNTS.wangPower, accountNumber: `03999999${String(n).padStart(2, '0')}` });

  it('counts /check and bind, every spelling and every company against one limit of 10 a day, across a restart', async () => {
    const stored = new Map<string, string>();
    const clock = createClock();
    const make = () => createGovernment({ clock, seed: 7, secret: 's', storage: memoryStorage(stored), config: { exposeSmsCode: true, allowSimulatedFace: true } });
    let government = make();
    let wang = caller({ government }, await verifiedToken(government, 'r01'));
    const tries: [string, object][] = [
      ['/bills/accounts/check', wrong(1)],
      ['/bills/accounts/check', { ...wrong(2), accountNumber: '0399-9999-02' }],
      ['/bills/accounts/check', { ...wrong(3), accountNumber: ' 03999 99903 ' }],
      ['/bills/accounts', { ...wrong(4), label: '家' }],
      ['/bills/accounts/check', { utility: 'water', companyId: 'gz-water', accountNumber: '1199999999', proof: '王' }],
      ['/bills/accounts/check', { utility: 'water', companyId: 'ns-water', accountNumber: '59999999', proof: '王' }],
      ['/bills/accounts/check', { utility: 'gas', companyId: 'hk-gas', accountNumber: '889999999999', proof: '王' }],
      ['/bills/accounts/check', { ...ACCOUNTS.wangPower, proof: '李' }],
    ];
    for (const [path, body] of tries) expect((await wang.send('POST', path, body)).status).toBe(422);
    government = make(); // a relaunch
    wang = caller({ government }, await verifiedToken(government, 'r01'));
    expect((await wang.send('POST', '/bills/accounts/check', wrong(9))).status).toBe(422);
    expect((await wang.send('POST', '/bills/accounts', { ...wrong(10), label: '家' })).status).toBe(422);
    const limited = await wang.send('POST', '/bills/accounts/check', ACCOUNTS.wangPower);
    expect([limited.status, limited.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((limited.body.error as { retryAfterSec?: number }).retryAfterSec).toBeGreaterThan(0);
    expect((await wang.send('POST', '/bills/accounts', { ...ACCOUNTS.wangPower, label: '家' })).status).toBe(429);
  });

  it('does not let an account\'s flat number be guessed by many people: tries are counted per account too', async () => {
    // Each verified person has 10 tries a day, but nothing counts tries against one account: the
    // four-digit flat number of a known account number falls to a few people within days.
    const gov = createTestGovernment(createClock());
    let refusedByAccountLimit = false;
    for (const key of ['r02', 'r03', 'r04']) {
      const who = caller(gov, await verifiedToken(gov.government, key));
      for (let i = 0; i < 10; i += 1) {
        const a = await who.send('POST', '/bills/accounts/check', { ...ACCOUNTS.wangPower, proof: String(1100 + i + (key === 'r02' ? 0 : key === 'r03' ? 10 : 20)) });
        if (a.status === 429) refusedByAccountLimit = true;
      }
    }
    expect(refusedByAccountLimit).toBe(true);
  });
});

describe('bills attacks: replays and malformed bodies', () => {
  let gov: TestGovernment;
  let wang: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    wang = caller(gov, await verifiedToken(gov.government, 'r01'));
  });

  it('refuses the same Idempotency-Key with a changed body, and replays the same one without binding twice', async () => {
    const first = await wang.send<AccountSummary>('POST', '/bills/accounts', { ...ACCOUNTS.wangPower, label: '家' }, 'k-1');
    const again = await wang.send<AccountSummary>('POST', '/bills/accounts', { ...ACCOUNTS.wangPower, label: '家' }, 'k-1');
    const changed = await wang.send('POST', '/bills/accounts', { ...ACCOUNTS.wangWater, label: '家' }, 'k-1');
    expect(again.body).toEqual(first.body);
    expect([changed.status, changed.body.error?.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect((await wang.get<{ items: unknown[] }>('/bills/accounts')).body.items).toHaveLength(1);
  });

  it('answers malformed bodies with a 4xx and changes nothing', async () => {
    const mine = (await bind(wang, ACCOUNTS.wangPower)).body;
    const before = gov.snapshot();
    const bodies: unknown[] = [
      '[]', '"text"', 'null', '{not json', '123', [ACCOUNTS.wangPower], { ...ACCOUNTS.wangPower, accountNumber: ['0300000001'] },
      { ...ACCOUNTS.wangPower, proof: { $ne: '' } }, { ...ACCOUNTS.wangPower, utility: ['electricity'] }, { ...ACCOUNTS.wangPower, companyId: '__proto__' },
      { ...ACCOUNTS.wangPower, companyId: 'constructor' }, { ...ACCOUNTS.wangPower, accountNumber: '٠٣٠٠٠٠٠٠٠١' }, { ...ACCOUNTS.wangPower, accountNumber: '0'.repeat(5000) },
      { ...ACCOUNTS.wangPower, proof: '王'.repeat(5000) }, { ...ACCOUNTS.wangPower, label: { zh: 'x' } }, { ...ACCOUNTS.wangPower, extra: 1 },
      { ...ACCOUNTS.wangPower, label: 'x'.repeat(70 * 1024) },
    ];
    for (const body of bodies) {
      for (const path of ['/bills/accounts/check', '/bills/accounts']) {
        const a = await wang.send('POST', path, body);
        expect(a.status).toBeGreaterThanOrEqual(400);
        expect(a.status).toBeLessThan(500);
      }
      const renamed = await wang.send('PUT', `/bills/accounts/${mine.id}`, body);
      expect(renamed.status).toBeGreaterThanOrEqual(400);
      expect(renamed.status).toBeLessThan(500);
    }
    for (const id of ['__proto__', 'constructor', '%E0%A4%A', 'x'.repeat(3000), '..%2F..%2Fpayments']) {
      const a = await wang.get(`/bills/accounts/${id}`);
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.status).toBeLessThan(500);
    }
    for (const itemId of ['__proto__', 'gz-power.__proto__.202610', '__proto__.0300000001.202610', 'gz-power.0300000001.202610.x', 'gz-power.0300000001.999999', 'gz-power..202610']) {
      const a = await wang.send('POST', '/payments/orders', { items: [{ agency: 'utilities', itemId }], totalFen: 100 });
      expect([a.status, itemId]).toEqual([404, itemId]);
    }
    expect(gov.snapshot()).toBe(before);
  });

  it('refuses a label a reader cannot see (only zero-width or control characters)', async () => {
    const mine = (await bind(wang, ACCOUNTS.wangPower)).body;
    for (const label of ['\u200b\u200b', '\u200e', '\u2028', '\u0007']) {
      const a = await wang.send('PUT', `/bills/accounts/${mine.id}`, { label });
      expect([label, a.status]).toEqual([label, 422]);
    }
  });
});

describe('bills attacks: paying twice', () => {
  it('charges a shared flat once when both people pay at once: the second charge is owed back, not settled', async () => {
    const gov = createTestGovernment(createClock());
    const li = caller(gov, await verifiedToken(gov.government, 'r02'));
    const chen = caller(gov, await verifiedToken(gov.government, 'r03'));
    const his = (await bind(li, ACCOUNTS.liPower)).body;
    const hers = (await bind(chen, ACCOUNTS.liPower)).body;
    const a = (await li.get<AccountDetail>(`/bills/accounts/${his.id}`)).body.unpaid;
    const b = (await chen.get<AccountDetail>(`/bills/accounts/${hers.id}`)).body.unpaid;
    const o1 = (await li.send<PaymentOrder>('POST', '/payments/orders', { items: items(a), totalFen: total(a) })).body;
    const o2 = (await chen.send<PaymentOrder>('POST', '/payments/orders', { items: items(b), totalFen: total(b) })).body;
    await payOrder(gov, o1);
    await payOrder(gov, o2);
    const r1 = (await li.get<PaymentOrder>(`/payments/orders/${o1.id}`)).body;
    const r2 = (await chen.get<PaymentOrder>(`/payments/orders/${o2.id}`)).body;
    expect([r1.status, r2.status, r2.closedReason]).toEqual(['paid', 'closed', 'refund-due']);
    expect((await chen.get<AccountDetail>(`/bills/accounts/${hers.id}`)).body.history[0]).toMatchObject({ paidBy: 'other', payment: null });
  });

  it('refunds a charge whose account was removed before WeChat Pay\'s notification, and pay-all after paying one account refuses the overlap', async () => {
    const gov = createTestGovernment(createClock());
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const power = (await bind(wang, ACCOUNTS.wangPower)).body;
    const water = (await bind(wang, ACCOUNTS.wangWater)).body;
    const p = (await wang.get<AccountDetail>(`/bills/accounts/${power.id}`)).body.unpaid;
    const w = (await wang.get<AccountDetail>(`/bills/accounts/${water.id}`)).body.unpaid;
    const one = (await wang.send<PaymentOrder>('POST', '/payments/orders', { items: items(p), totalFen: total(p) })).body;
    const all = await wang.send('POST', '/payments/orders', { items: items([...p, ...w]), totalFen: total([...p, ...w]) });
    expect([all.status, all.body.error?.code]).toEqual([409, 'ORDER_PENDING']);
    gov.holdNotices(true);
    const outcome = gov.weChatPay.pay(one.payParams!);
    expect(outcome.paid).toBe(true);
    expect((await wang.send('DELETE', `/bills/accounts/${power.id}`)).status).toBe(200);
    await gov.weChatPay.deliver();
    const after = (await wang.get<PaymentOrder>(`/payments/orders/${one.id}`)).body;
    expect([after.status, after.closedReason]).toEqual(['closed', 'refund-due']);
  });
});

describe('bills attacks: late fee arithmetic', () => {
  it('starts a day of late fee at 00:00 CST after the due date, and rolls bills over a year end', async () => {
    const clock = createClock();
    const gov = createTestGovernment(clock);
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const power = (await bind(wang, ACCOUNTS.wangPower)).body;
    const at = async (iso: string) => {
      clock.set(Date.parse(iso));
      // Sessions last 30 days: sign in again at each date.
      const fresh = caller(gov, await verifiedToken(gov.government, 'r01'));
      return (await fresh.get<AccountDetail>(`/bills/accounts/${power.id}`)).body;
    };
    // 2026-11's bill: issued 2026-12-05, due 2026-12-20.
    let d = await at('2026-12-20T23:59:59+08:00');
    const nov = d.unpaid.find((b) => b.period === '2026-11')!;
    expect([nov.dueDate, nov.daysLate, nov.lateFeeFen]).toEqual(['2026-12-20', 0, 0]);
    d = await at('2026-12-21T00:00:00+08:00');
    expect(d.unpaid.find((b) => b.period === '2026-11')).toMatchObject({ daysLate: 1, lateFeeFen: 100 });
    // December's bill is dated in the next year; its readings end on 12-31.
    d = await at('2027-01-05T00:00:00+08:00');
    expect(d.current).toMatchObject({ period: '2026-12', readFrom: '2026-12-01', readTo: '2026-12-31', dueDate: '2027-01-20' });
    d = await at('2027-03-05T08:00:00+08:00');
    expect(d.current).toMatchObject({ period: '2027-02', readTo: '2027-02-28', dueDate: '2027-03-20' });
    // 1 per mille a day of each bill, at least 1 yuan.
    d.unpaid.forEach((b) => expect(b.lateFeeFen).toBe(b.daysLate > 0 ? Math.max(100, Math.floor((b.amountFen * b.daysLate) / 1000)) : 0));
  });
});

describe('bills attacks: rebinding and deleting one\'s data', () => {
  it('shows a bill paid, then the account removed and added again, as paid by you with its receipt', async () => {
    const gov = createTestGovernment(createClock());
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const first = (await bind(wang, ACCOUNTS.wangPower)).body;
    const p = (await wang.get<AccountDetail>(`/bills/accounts/${first.id}`)).body.unpaid;
    const order = (await wang.send<PaymentOrder>('POST', '/payments/orders', { items: items(p), totalFen: total(p) })).body;
    await payOrder(gov, order);
    await wang.send('DELETE', `/bills/accounts/${first.id}`);
    const again = (await bind(wang, ACCOUNTS.wangPower)).body;
    const d = (await wang.get<AccountDetail>(`/bills/accounts/${again.id}`)).body;
    expect(d.unpaid).toEqual([]);
    expect(d.history[0]).toMatchObject({ paidBy: 'you', payment: { orderId: order.id } });
  });

  it('after deleting one\'s data, keeps no link from the paid bills to the person (or lists it as kept)', async () => {
    const gov = createTestGovernment(createClock());
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const mine = (await bind(wang, ACCOUNTS.wangPower)).body;
    const p = (await wang.get<AccountDetail>(`/bills/accounts/${mine.id}`)).body.unpaid;
    const order = (await wang.send<PaymentOrder>('POST', '/payments/orders', { items: items(p), totalFen: total(p) })).body;
    await payOrder(gov, order);
    const erased = await wang.send<{ kept: { kind: string }[] }>('DELETE', '/identity/me');
    expect(erased.status).toBe(200);
    // The same resident verifies again (same person in the register) and adds the account again.
    const back = caller(gov, await verifiedToken(gov.government, 'r01'));
    const rebound = (await bind(back, ACCOUNTS.wangPower)).body;
    const d = (await back.get<AccountDetail>(`/bills/accounts/${rebound.id}`)).body;
    const keptListed = erased.body.kept.some((k) => /util|bill/i.test(k.kind));
    // The deletion listed nothing kept by utilities, yet the bills still say who paid them, with a receipt.
    expect(keptListed).toBe(false);
    expect({ paidBy: d.history[0].paidBy, receipt: d.history[0].payment?.orderId ?? null }).toEqual({ paidBy: 'other', receipt: null });
  });
});
