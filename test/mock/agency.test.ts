// The government is assembled from a registry of agencies, each loaded on first use. A tiny fixture
// agency (test/fixtures/library, a library with late fees, written as a service's agency is) gets its
// routes behind the gate, its items paid through the shared payments flow, a refund when a paid fee is
// waived, and its part in deleting a person's data, with nothing else to wire.
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import type { RecordsResponse } from '../../miniprogram/contracts/records';
import type { AgencyEntry } from '../../miniprogram/mock/agency';
import { AGENCIES, agencyOf } from '../../miniprogram/mock/agencies';
import { createGovernment } from '../../miniprogram/mock/index';
import { createSecureRandom, defaultRandomBytes } from '../../miniprogram/mock/random';
import { createWeChatPay } from '../../miniprogram/mock/wechat-pay';
import { LIBRARY, type LateFee } from '../fixtures/library/agency';
import { TEST_MERCHANT_KEY, allEndpoints, createClock, verifiedToken } from '../helpers/government';

/** The fixture's registry entry, counting its loads; `failFirst` makes the first load fail (a subpackage that could not be fetched). */
function libraryEntry(failFirst = false): AgencyEntry & { loads: number } {
  const entry = {
    name: LIBRARY,
    paths: ['/library/'],
    roles: ['payments', 'erasure'] as const,
    loads: 0,
    load: (kit: Parameters<AgencyEntry['load']>[0]) => {
      entry.loads += 1;
      if (failFirst && entry.loads === 1) return Promise.reject(new Error('subpackage unavailable'));
      return agencyOf(import('../fixtures/library/agency'), kit);
    },
  };
  return entry;
}

function setUp(entry = libraryEntry()) {
  const clock = createClock();
  const refunds: { orderId: string; reference: string; amountFen: number }[] = [];
  const weChatPay = createWeChatPay({ merchantKey: TEST_MERCHANT_KEY, clock, random: createSecureRandom(defaultRandomBytes()) });
  const merchant = {
    key: TEST_MERCHANT_KEY,
    refund: (orderId: string, reference: string, amountFen: number) => {
      refunds.push({ orderId, reference, amountFen });
      return `wx-refund-${refunds.length}`;
    },
  };
  const government = createGovernment({ clock, secret: 'test-secret', config: { exposeSmsCode: true }, agencies: [...AGENCIES, entry], checkWrites: true, merchant });
  weChatPay.connect((req) => government.handle(req));
  return { government, weChatPay, refunds, entry };
}

describe('the agency registry', () => {
  it('loads an agency on first use, once, and serves its routes behind the gate', async () => {
    const { government, entry } = setUp();
    const token = await verifiedToken(government, 'r02');
    // Who-am-I and records need no agency; only deleting one's data asks every agency holding data.
    await government.handle({ method: 'GET', path: '/identity/me', headers: { authorization: `Bearer ${token}` } });
    await government.handle({ method: 'GET', path: '/records', headers: { authorization: `Bearer ${token}` } });
    expect(entry.loads).toBe(0);
    expect(government.endpoints().map((e) => e.path)).not.toContain('/library/fees');
    expect((await government.handle({ method: 'GET', path: '/library/fees' })).status).toBe(401);
    expect(entry.loads).toBe(1);
    await government.handle({ method: 'GET', path: '/library/fees' });
    expect(entry.loads).toBe(1);
    expect(government.endpoints().map((e) => `${e.method} ${e.path}`)).toContain('GET /library/fees');
  });

  it('answers 503 with a code when an agency cannot be loaded, changes nothing, and loads it on the next try', async () => {
    const { government, entry } = setUp(libraryEntry(true));
    const token = await verifiedToken(government, 'r02');
    const headers = { authorization: `Bearer ${token}` };
    const before = JSON.stringify(government.inspect());
    expect(await government.handle({ method: 'GET', path: '/library/fees', headers })).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE' } } });
    expect(JSON.stringify(government.inspect())).toBe(before);
    expect(await government.handle({ method: 'GET', path: '/library/fees', headers })).toMatchObject({ status: 200, body: { fees: [] } });
    expect(entry.loads).toBe(2);
  });

  it('refuses an agency whose entry does not say what it offers', async () => {
    const wrong: AgencyEntry = { ...libraryEntry(), roles: ['erasure'] };
    const { government } = setUp({ ...wrong, loads: 0 });
    expect(await government.handle({ method: 'GET', path: '/library/fees' })).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE' } } });
  });

  it('serves, lazily loaded, every endpoint the tests know of (allEndpoints)', async () => {
    const government = createGovernment({ clock: createClock() });
    await government.loadAgencies();
    const paths = (list: { method: string; path: string }[]): string[] => list.map((e) => `${e.method} ${e.path}`).sort();
    expect(paths(government.endpoints())).toEqual(paths(allEndpoints()));
  });

  it('pays its items through the shared flow, refunds a paid fee once when it is waived, and deletes its data', async () => {
    const { government, weChatPay, refunds } = setUp();
    const token = await verifiedToken(government, 'r02');
    const headers = { authorization: `Bearer ${token}` };
    await government.handle({ method: 'GET', path: '/library/fees', headers });
    government.amend((state) => {
      const fees: Record<string, LateFee> = {
        lf1: { personId: 'p-r02', fen: 500, paid: null, waived: false },
        lf2: { personId: 'p-r03', fen: 800, paid: null, waived: false },
      };
      state.agencies[LIBRARY] = { fees };
    });
    const order = (await government.handle({ method: 'POST', path: '/payments/orders', headers, body: JSON.stringify({ items: [{ agency: LIBRARY, itemId: 'lf1' }], totalFen: 500 }) })).body as PaymentOrder;
    expect(order.status).toBe('pending');
    expect(weChatPay.pay(order.payParams ?? { package: '' })).toMatchObject({ paid: true });
    await weChatPay.deliver();
    const fees = (await government.handle({ method: 'GET', path: '/library/fees', headers })).body as { fees: { paid: string | null }[] };
    expect(fees.fees[0].paid).toMatch(/^PAY\d{14}$/);

    const waived = await government.handle({ method: 'POST', path: '/library/fees/lf1/waive', headers });
    expect(waived).toMatchObject({ status: 200, body: { refund: { orderId: order.id, amountFen: 500, refundId: 'wx-refund-1' } } });
    const refund = (waived.body as { refund: { reference: string } }).refund;
    expect(refund.reference).toMatch(/^RFD\d{14}$/);
    // WeChat Pay's refund number is the order and the item, so a retry after a refusal asks for the same refund.
    expect(refunds).toEqual([{ orderId: order.id, reference: `${order.id}/library/lf1`, amountFen: 500 }]);
    // Asked again (a retry, a replay): the same refund, and WeChat Pay is not asked twice.
    const again = await government.handle({ method: 'POST', path: '/library/fees/lf1/waive', headers });
    expect((again.body as { refund: { reference: string } }).refund.reference).toBe(refund.reference);
    expect(refunds).toHaveLength(1);
    const records = (await government.handle({ method: 'GET', path: '/records', query: { kind: 'refund' }, headers })).body as RecordsResponse;
    expect(records.items).toEqual([expect.objectContaining({ kind: 'refund', reference: refund.reference, amountFen: 500 })]);
    // Another person's fee is not this person's to waive, and nothing is refunded.
    expect(await government.handle({ method: 'POST', path: '/library/fees/lf2/waive', headers })).toMatchObject({ status: 404 });
    expect(refunds).toHaveLength(1);

    const erased = (await government.handle({ method: 'DELETE', path: '/identity/me', headers })).body as { deleted: Record<string, number> };
    expect(erased.deleted.libraryFees).toBe(1);
  });
});
