// The utilities agency as a resident (and an attacker) meets it: companies and their formats, binding
// with a proof and its limit, bills with tiers and the late fee computed here only, paying one account
// or all through the shared payments flow, a shared account, and what another person can never see.
import type { AccountDetail, AccountPreview, AccountSummary, AccountsResponse, CompaniesResponse } from '../../miniprogram/contracts/bills';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import { DAY_MS } from '../../miniprogram/core/dates';
import { createGovernment } from '../../miniprogram/mock/index';
import { createClock, createTestGovernment, expectNoIdNumbers, memoryStorage, payOrder, verifiedToken, type TestGovernment } from '../helpers/government';
import { ACCOUNTS, landlordFlat } from '../packages/bills/helpers';

type Answer<T> = { status: number; body: T & { error?: { code: string; fields?: Record<string, string> } }; headers?: Record<string, string> };

let keys = 0;
function caller(gov: { government: TestGovernment['government'] }, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: async <T>(path: string) => (await gov.government.handle({ method: 'GET', path, headers })) as Answer<T>,
    send: async <T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: object, key = `b-${(keys += 1)}`) =>
      (await gov.government.handle({ method, path, headers: { ...headers, 'idempotency-key': key }, body: body === undefined ? undefined : JSON.stringify(body) })) as Answer<T>,
  };
}
type Caller = ReturnType<typeof caller>;

const bind = (who: Caller, account: object, label = '家') => who.send<AccountSummary>('POST', '/bills/accounts', { ...account, label });

async function payAll(gov: TestGovernment, who: Caller, details: AccountDetail[]): Promise<PaymentOrder> {
  const bills = details.flatMap((d) => d.unpaid);
  const order = await who.send<PaymentOrder>('POST', '/payments/orders', { items: bills.map((b) => ({ agency: 'utilities', itemId: b.id })), totalFen: bills.reduce((s, b) => s + b.dueFen, 0) });
  expect(order.status).toBe(201);
  await payOrder(gov, order.body);
  return order.body;
}

describe('utilities agency: companies and binding', () => {
  let gov: TestGovernment;
  let wang: Caller;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    wang = caller(gov, await verifiedToken(gov.government, 'r01'));
  });

  it('lists the city\'s companies, each serving one utility with its own account length', async () => {
    const { items } = (await wang.get<CompaniesResponse>('/bills/companies')).body;
    expect(items.map((c) => [c.id, c.utility, c.accountLength])).toEqual([
      ['gz-power', 'electricity', 10], ['gz-water', 'water', 10], ['ns-water', 'water', 8], ['gz-gas', 'gas', 10], ['hk-gas', 'gas', 12],
    ]);
    items.forEach((c) => expect(c.accountExample).toHaveLength(c.accountLength));
  });

  it('shows whose account it is, masked, when the proof matches, and binds nothing until asked', async () => {
    const preview = await wang.send<AccountPreview>('POST', '/bills/accounts/check', ACCOUNTS.wangPower);
    expect(preview.body).toEqual({
      utility: 'electricity', companyId: 'gz-power', accountMasked: '******0001', holderMasked: '*芳',
      addressMasked: { zh: '广州市天河区体育东路**号**房', en: 'Flat **, ** Tiyu East Road, Tianhe District, Guangzhou' },
    });
    // The flat number works as well, as people write it.
    for (const proof of ['1203', '1203房', ' 1203 ']) expect((await wang.send('POST', '/bills/accounts/check', { ...ACCOUNTS.wangPower, proof })).status).toBe(200);
    expect((await wang.get<AccountsResponse>('/bills/accounts')).body.items).toEqual([]);
    const bound = await bind(wang, ACCOUNTS.wangPower, '我家');
    expect(bound.status).toBe(201);
    expect(bound.body).toMatchObject({ label: '我家', utility: 'electricity', accountMasked: '******0001', unpaidCount: 2, overdue: true });
    expect(JSON.stringify(bound.body)).not.toContain('0300000001');
  });

  it('answers each wrong bind with its own code beside its field', async () => {
    const power = ACCOUNTS.wangPower;
    const cases: [object, number, string, Record<string, string> | undefined][] = [
      [{ ...power, accountNumber: '03000001' }, 422, 'VALIDATION', { accountNumber: 'ACCOUNT_LENGTH' }],
      [{ ...power, accountNumber: '03000A0001' }, 422, 'VALIDATION', { accountNumber: 'ACCOUNT_DIGITS' }],
      [{ ...power, accountNumber: '', proof: '' }, 422, 'VALIDATION', { accountNumber: 'REQUIRED', proof: 'REQUIRED' }],
      [{ ...power, utility: 'heating' }, 422, 'VALIDATION', { utility: 'UNKNOWN_UTILITY' }],
      [{ ...power, companyId: 'moon-power' }, 422, 'VALIDATION', { companyId: 'UNKNOWN_COMPANY' }],
      [{ ...power, companyId: 'gz-water' }, 422, 'COMPANY_UTILITY_MISMATCH', { companyId: 'COMPANY_UTILITY_MISMATCH' }],
      [{ ...power, accountNumber: '0399999999' }, 422, 'ACCOUNT_NOT_FOUND', { accountNumber: 'ACCOUNT_NOT_FOUND' }],
      [{ ...power, proof: '李' }, 422, 'PROOF_MISMATCH', { proof: 'PROOF_MISMATCH' }],
      [{ ...power, label: '我'.repeat(13) }, 422, 'VALIDATION', { label: 'TOO_LONG' }],
      [{ ...power, accountNumber: 300000001 }, 422, 'VALIDATION', { accountNumber: 'WRONG_TYPE' }],
    ];
    const before = gov.snapshot();
    for (const [body, status, code, fields] of cases) {
      const answer = await wang.send('POST', '/bills/accounts', { label: '家', ...body });
      expect([answer.status, answer.body.error?.code, answer.body.error?.fields]).toEqual([status, code, fields]);
    }
    expect((await wang.get<AccountsResponse>('/bills/accounts')).body.items).toEqual([]);
    // Only the counted failures (unknown number, wrong proof) changed anything: the limits.
    expect(gov.snapshot()).not.toBe(before);
    expect((await bind(wang, power)).status).toBe(201);
    const again = await bind(wang, power);
    expect([again.status, again.body.error?.code]).toEqual([409, 'ALREADY_BOUND']);
    expect((await wang.send('POST', '/bills/accounts/check', power)).body.error?.code).toBe('ALREADY_BOUND');
  });

  it('stops a walk through account numbers after 10 failures a day, even for a right one, across a restart', async () => {
    for (let i = 0; i < 10; i += 1) {
      const answer = await wang.send('POST', '/bills/accounts/check', { ...ACCOUNTS.wangPower, accountNumber: `03999999${String(i).padStart(2, '0')}` });
      expect(answer.body.error?.code).toBe('ACCOUNT_NOT_FOUND');
    }
    const limited = await wang.send('POST', '/bills/accounts/check', ACCOUNTS.wangPower);
    expect([limited.status, limited.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    const restarted = createGovernment({ clock: gov.clock, seed: 7, secret: 'test-secret', storage: memoryStorage(new Map(gov.stored)), config: { exposeSmsCode: true } });
    const again = caller({ government: restarted }, await verifiedToken(restarted, 'r01'));
    expect((await again.send('POST', '/bills/accounts', { ...ACCOUNTS.wangPower, label: '家' })).status).toBe(429);
    // Someone else is not held up, and the day after the person is not either.
    const li = caller(gov, await verifiedToken(gov.government, 'r02'));
    expect((await bind(li, ACCOUNTS.liPower)).status).toBe(201);
    gov.clock.advance(DAY_MS);
    expect((await bind(wang, ACCOUNTS.wangPower)).status).toBe(201);
  });

  it('holds at most 10 accounts, renames and unbinds only the person\'s own', async () => {
    const zhao = caller(gov, await verifiedToken(gov.government, 'r06'));
    const bound: AccountSummary[] = [];
    for (let i = 0; i < 10; i += 1) bound.push((await bind(zhao, landlordFlat(i), `${101 + i}`)).body);
    // A full list says so before any number is looked up, so no try is counted.
    for (const account of [ACCOUNTS.wangPower, { ...ACCOUNTS.wangPower, proof: '李' }]) {
      const limit = await bind(zhao, account);
      expect([limit.status, limit.body.error?.code]).toEqual([409, 'ACCOUNT_LIMIT']);
    }
    expect((await zhao.send<AccountSummary>('PUT', `/bills/accounts/${bound[0].id}`, { label: '一楼铺面' })).body.label).toBe('一楼铺面');
    expect((await zhao.send('PUT', `/bills/accounts/${bound[0].id}`, { label: '' })).body.error?.fields).toEqual({ label: 'REQUIRED' });
    // Another person's binding id is not found, changes nothing.
    const before = gov.snapshot();
    expect((await wang.get(`/bills/accounts/${bound[1].id}`)).status).toBe(404);
    expect((await wang.send('PUT', `/bills/accounts/${bound[1].id}`, { label: 'x' })).status).toBe(404);
    expect((await wang.send('DELETE', `/bills/accounts/${bound[1].id}`)).status).toBe(404);
    expect(gov.snapshot()).toBe(before);
    expect((await zhao.send('DELETE', `/bills/accounts/${bound[1].id}`)).body).toEqual({ unbound: true });
    expect((await zhao.get<AccountsResponse>('/bills/accounts')).body.items).toHaveLength(9);
  });
});

describe('utilities agency: bills, late fees and paying', () => {
  let gov: TestGovernment;
  let wang: Caller;
  let power: AccountSummary;
  beforeEach(async () => {
    gov = createTestGovernment(createClock());
    wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    power = (await bind(wang, ACCOUNTS.wangPower)).body;
  });

  it('prices electricity in Guangdong\'s tiers and keeps the last 12 bills', async () => {
    const detail = (await wang.get<AccountDetail>(`/bills/accounts/${power.id}`)).body;
    expect(detail.history).toHaveLength(12);
    expect(detail.history[0].period).toBe('2026-10');
    expect(detail.history[11].period).toBe('2025-11');
    detail.history.forEach((bill) => {
      expect(bill.tiers.reduce((sum, t) => sum + t.usage, 0)).toBe(bill.usage);
      expect(bill.tiers.reduce((sum, t) => sum + t.amountFen, 0)).toBe(bill.amountFen);
      bill.tiers.forEach((t) => expect(t.amountFen).toBe(Math.round((t.usage * t.price) / 100)));
      if (bill.usage > 200) expect(bill.tiers[0]).toMatchObject({ usage: 200, price: 5883 });
    });
    expect(detail.current).toEqual(detail.history[0]);
    expect(detail.lateFee).toEqual({ ratePerDay: 10, minFen: 100 });
  });

  it('computes the late fee here only: 1 per mille a day of each bill past due, at least 1 yuan, in CST days', async () => {
    const { unpaid } = (await wang.get<AccountDetail>(`/bills/accounts/${power.id}`)).body;
    expect(unpaid.map((b) => [b.period, b.dueDate, b.daysLate])).toEqual([['2026-09', '2026-10-20', 33], ['2026-10', '2026-11-20', 2]]);
    expect(unpaid[0].lateFeeFen).toBe(Math.floor((unpaid[0].amountFen * 33) / 1000));
    expect(unpaid[1].lateFeeFen).toBe(100);
    unpaid.forEach((b) => expect(b.dueFen).toBe(b.amountFen + b.lateFeeFen));
    // Midnight CST (16:00 UTC) starts a day of late fee, not midnight UTC.
    gov.clock.set(Date.parse('2026-11-22T23:59:00+08:00'));
    expect((await wang.get<AccountDetail>(`/bills/accounts/${power.id}`)).body.unpaid[0].daysLate).toBe(33);
    gov.clock.set(Date.parse('2026-11-23T00:00:00+08:00'));
    expect((await wang.get<AccountDetail>(`/bills/accounts/${power.id}`)).body.unpaid[0].daysLate).toBe(34);
  });

  it('pays an account\'s bills in one order, shows them paid by you with the receipt, and lists it in records', async () => {
    const detail = (await wang.get<AccountDetail>(`/bills/accounts/${power.id}`)).body;
    const order = await payAll(gov, wang, [detail]);
    expect(order.lines.map((l) => [l.kind, l.detail.period, l.amountFen])).toEqual(detail.unpaid.map((b) => ['utility-bill', b.period, b.dueFen]));
    const after = (await wang.get<AccountDetail>(`/bills/accounts/${power.id}`)).body;
    expect(after.unpaid).toEqual([]);
    expect(after.account).toMatchObject({ dueFen: 0, unpaidCount: 0, overdue: false, nextDue: null });
    expect(after.history.slice(0, 2).map((b) => [b.status, b.paidBy, b.payment?.orderId, b.dueFen, b.daysLate])).toEqual([['paid', 'you', order.id, 0, 0], ['paid', 'you', order.id, 0, 0]]);
    expect(after.history[2].paidBy).toBe('elsewhere');
    const records = (await wang.get<RecordsResponse>('/records')).body.items;
    expect(records[0]).toMatchObject({ kind: 'bill-payment', amountFen: order.totalFen, detail: { count: 2, orderId: order.id } });
    // A paid bill cannot be paid again.
    const twice = await wang.send('POST', '/payments/orders', { items: [{ agency: 'utilities', itemId: detail.unpaid[0].id }], totalFen: detail.unpaid[0].dueFen });
    expect(twice.body.error?.code).toBe('ALREADY_PAID');
  });

  it('pays everything due across accounts at once, and refuses a total that a new day re-priced', async () => {
    const water = (await bind(wang, ACCOUNTS.wangWater)).body;
    await bind(wang, ACCOUNTS.wangGas);
    const list = (await wang.get<AccountsResponse>('/bills/accounts')).body;
    expect(list.summary).toEqual({ dueFen: list.items.reduce((s, a) => s + a.dueFen, 0), unpaidCount: 3, nextDue: '2026-10-20', accountsDue: 2 });
    const details = await Promise.all([power.id, water.id].map(async (id) => (await wang.get<AccountDetail>(`/bills/accounts/${id}`)).body));
    const bills = details.flatMap((d) => d.unpaid);
    const seen = bills.reduce((s, b) => s + b.dueFen, 0);
    gov.clock.advance(DAY_MS);
    const stale = await wang.send('POST', '/payments/orders', { items: bills.map((b) => ({ agency: 'utilities', itemId: b.id })), totalFen: seen });
    expect([stale.status, stale.body.error?.code]).toEqual([409, 'TOTAL_MISMATCH']);
    const fresh = await Promise.all([power.id, water.id].map(async (id) => (await wang.get<AccountDetail>(`/bills/accounts/${id}`)).body));
    const order = await payAll(gov, wang, fresh);
    expect(order.lines).toHaveLength(3);
    expect((await wang.get<AccountsResponse>('/bills/accounts')).body.summary).toEqual({ dueFen: 0, unpaidCount: 0, nextDue: null, accountsDue: 0 });
  });

  it('issues next month\'s bill when the clock reaches its issue day', async () => {
    gov.clock.set(Date.parse('2026-12-05T00:00:00+08:00'));
    const detail = (await wang.get<AccountDetail>(`/bills/accounts/${power.id}`)).body;
    expect(detail.current?.period).toBe('2026-11');
    expect(detail.current?.dueDate).toBe('2026-12-20');
    expect(detail.unpaid.map((b) => b.period)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(detail.history).toHaveLength(12);
  });
});

describe('utilities agency: a shared account and another person', () => {
  it('lets two people of one flat bind its account; each sees only the payments they made', async () => {
    const gov = createTestGovernment(createClock());
    const li = caller(gov, await verifiedToken(gov.government, 'r02'));
    const chen = caller(gov, await verifiedToken(gov.government, 'r03'));
    const his = (await bind(li, ACCOUNTS.liPower)).body;
    const hers = (await bind(chen, ACCOUNTS.liPower, '家里')).body;
    expect(his.id).not.toBe(hers.id);
    const detail = (await chen.get<AccountDetail>(`/bills/accounts/${hers.id}`)).body;
    const order = await payAll(gov, chen, [detail]);
    const seenByHim = (await li.get<AccountDetail>(`/bills/accounts/${his.id}`)).body;
    expect(seenByHim.unpaid).toEqual([]);
    expect(seenByHim.history[0]).toMatchObject({ status: 'paid', paidBy: 'other', payment: null });
    expect(JSON.stringify(seenByHim)).not.toContain(order.id);
    expect(JSON.stringify(seenByHim)).not.toContain(order.reference ?? 'no reference');
    expect((await li.get<RecordsResponse>('/records')).body.items.map((r) => r.kind)).not.toContain('bill-payment');
    // He cannot pay it again, nor pay a bill of an account he has not bound.
    const wang = caller(gov, await verifiedToken(gov.government, 'r01'));
    const foreign = await wang.send('POST', '/payments/orders', { items: [{ agency: 'utilities', itemId: detail.unpaid[0].id }], totalFen: detail.unpaid[0].dueFen });
    expect(foreign.status).toBe(404);
  });

  it('forgets a person\'s accounts when they delete their data, keeping the bills they paid paid', async () => {
    const gov = createTestGovernment(createClock());
    const li = caller(gov, await verifiedToken(gov.government, 'r02'));
    const chen = caller(gov, await verifiedToken(gov.government, 'r03'));
    const his = (await bind(li, ACCOUNTS.liPower)).body;
    const hers = (await bind(chen, ACCOUNTS.liPower)).body;
    await payAll(gov, li, [(await li.get<AccountDetail>(`/bills/accounts/${his.id}`)).body]);
    const erased = await li.send<{ deleted: Record<string, number> }>('DELETE', '/identity/me');
    expect(erased.status).toBe(200);
    expect(erased.body.deleted.utilityAccounts).toBe(1);
    const state = gov.snapshot() ?? '';
    expect(state).not.toContain(his.id);
    expect((await chen.get<AccountDetail>(`/bills/accounts/${hers.id}`)).body.history[0].paidBy).toBe('other');
    expectNoIdNumbers(state);
  });
});
