// The government is assembled from a list of agencies: a tiny fixture agency (a library with late fees)
// registered beside the police gets its routes behind the gate, its items paid through the shared
// payments flow, and its part in deleting a person's data, with nothing else to wire.
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import type { Agency } from '../../miniprogram/mock/agency';
import { AGENCIES, createGovernment } from '../../miniprogram/mock/index';
import { createSecureRandom, defaultRandomBytes } from '../../miniprogram/mock/random';
import { ok } from '../../miniprogram/mock/router';
import { agencyState, dict, own } from '../../miniprogram/mock/store';
import { createWeChatPay } from '../../miniprogram/mock/wechat-pay';
import { TEST_MERCHANT_KEY, createClock, verifiedToken } from '../helpers/government';

interface Library { fees: Record<string, { personId: string; fen: number; paid: string | null }> }
const libraryOf = (state: Parameters<typeof agencyState>[0]): Library => agencyState<Library>(state, 'library', () => ({ fees: dict() }));

const library: Agency = {
  name: 'library',
  routes: [
    {
      method: 'GET',
      path: '/library/fees',
      auth: 'verified',
      summary: 'My late fees',
      handle: (ctx) => ok({ fees: Object.entries(libraryOf(ctx.state).fees).filter(([, fee]) => fee.personId === ctx.person.id).map(([id, fee]) => ({ id, ...fee })) }),
    },
  ],
  payables: {
    recordKind: 'bill-payment',
    quote: (ctx, itemId) => {
      const fee = own(libraryOf(ctx.state).fees, itemId);
      if (!fee || fee.personId !== ctx.person.id) return null;
      return { state: fee.paid ? 'paid' : 'payable', kind: 'traffic-fine', amountFen: fee.fen, detail: {} };
    },
    settle: (ctx, itemId, payment) => {
      libraryOf(ctx.state).fees[itemId].paid = payment.reference;
    },
  },
  forget: (state, personId) => {
    const fees = libraryOf(state).fees;
    const mine = Object.keys(fees).filter((id) => fees[id].personId === personId);
    mine.forEach((id) => delete fees[id]);
    return { deleted: { libraryFees: mine.length }, kept: [] };
  },
};

describe('the agency registry', () => {
  it('serves a registered agency\'s routes behind the gate, pays its items and deletes its data', async () => {
    const clock = createClock();
    const weChatPay = createWeChatPay({ merchantKey: TEST_MERCHANT_KEY, clock, random: createSecureRandom(defaultRandomBytes()) });
    const government = createGovernment({ clock, secret: 'test-secret', config: { exposeSmsCode: true }, agencies: [...AGENCIES, library], checkWrites: true });
    weChatPay.connect((req) => government.handle(req));
    expect(government.endpoints().map((e) => `${e.method} ${e.path}`)).toContain('GET /library/fees');
    expect((await government.handle({ method: 'GET', path: '/library/fees' })).status).toBe(401);

    const token = await verifiedToken(government, 'r02');
    const headers = { authorization: `Bearer ${token}` };
    government.amend((state) => {
      libraryOf(state).fees.lf1 = { personId: 'p-r02', fen: 500, paid: null };
    });
    const order = (await government.handle({ method: 'POST', path: '/payments/orders', headers, body: JSON.stringify({ items: [{ agency: 'library', itemId: 'lf1' }], totalFen: 500 }) })).body as PaymentOrder;
    expect(order.status).toBe('pending');
    expect(weChatPay.pay(order.payParams ?? { package: '' })).toMatchObject({ paid: true });
    await weChatPay.deliver();
    const fees = (await government.handle({ method: 'GET', path: '/library/fees', headers })).body as { fees: { paid: string | null }[] };
    expect(fees.fees[0].paid).toMatch(/^PAY\d{14}$/);

    const erased = (await government.handle({ method: 'DELETE', path: '/identity/me', headers })).body as { deleted: Record<string, number> };
    expect(erased.deleted.libraryFees).toBe(1);
  });
});
