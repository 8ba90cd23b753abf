// The payments and fines services against the embedded government, including an answer lost on
// the way back: the retry with the same key must not make a second order or a second payment.
import type { ApiRequest, ApiResponse } from '../../miniprogram/contracts/http';
import { ServiceError } from '../../miniprogram/core/errors';
import { saveSession } from '../../miniprogram/core/session';
import type { Transport } from '../../miniprogram/core/transport';
import { useTransport } from '../../miniprogram/services/api';
import { bindVehicle, listNotices, noticeItems } from '../../miniprogram/services/fines';
import { confirmOrder, createOrder, getOrder, payWithWeChat } from '../../miniprogram/services/payments';
import { fake } from '../helpers/fake-wx';
import { createTestGovernment, verifiedToken, type TestGovernment } from '../helpers/government';
import { paidOrders } from '../packages/fines/helpers';

/** Delivers requests, but loses the answers of the next `n` matching ones after the government acted. */
function lossyTransport(gov: TestGovernment) {
  let lose: { path: RegExp; left: number } | null = null;
  const transport: Transport = {
    async send(req: ApiRequest): Promise<ApiResponse> {
      const res = await gov.transport.send(req);
      if (lose && lose.left > 0 && lose.path.test(req.path)) {
        lose.left -= 1;
        throw new ServiceError('TIMEOUT', 'request:fail timeout');
      }
      return res;
    },
  };
  return { transport, loseNext: (path: RegExp, n = 1) => { lose = { path, left: n }; } };
}

async function setUp() {
  const gov = createTestGovernment();
  const lossy = lossyTransport(gov);
  useTransport(lossy.transport);
  const token = await verifiedToken(gov.government, 'r02');
  await saveSession(token, null);
  const car = await bindVehicle({ plate: ' 粤b12345 ', plateType: 'small', vinLast6: '183745' });
  const unpaid = (await listNotices(car.id)).items.filter((n) => n.status === 'unpaid');
  return { gov, lossy, unpaid };
}

const orderCount = (gov: TestGovernment): number =>
  Object.keys((gov.government.inspect().agencies.payments as { orders: object } | undefined)?.orders ?? {}).length;

describe('payments service', () => {
  it('retrying a create whose answer was lost gets the same order, not a second one', async () => {
    const { gov, lossy, unpaid } = await setUp();
    lossy.loseNext(/^\/payments\/orders$/);
    const items = noticeItems([unpaid[0].id]);
    await expect(createOrder(items, unpaid[0].dueFen, 'k-1')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(orderCount(gov)).toBe(1);
    const order = await createOrder(items, unpaid[0].dueFen, 'k-1');
    expect(orderCount(gov)).toBe(1);
    expect((await getOrder(order.id)).status).toBe('pending');
  });

  it('retrying a confirmation whose answer was lost returns the receipt and records one payment', async () => {
    const { gov, lossy, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id, unpaid[1].id]), unpaid[0].dueFen + unpaid[1].dueFen, 'k-2');
    expect(await payWithWeChat(order)).toBe('paid');
    lossy.loseNext(/confirm$/, 2);
    await expect(confirmOrder(order.id)).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(confirmOrder(order.id)).rejects.toMatchObject({ code: 'TIMEOUT' });
    const receipt = await confirmOrder(order.id);
    expect(receipt).toMatchObject({ status: 'paid', reference: 'PAY20261122000001', totalFen: 44800 });
    expect(paidOrders(gov)).toHaveLength(1);
    expect(gov.government.inspect().records['p-r02'].filter((r) => r.kind === 'fine-payment')).toHaveLength(1);
    expect(fake.payments).toHaveLength(1);
  });

  it('reports a cancel and a failure of WeChat Pay without touching the order', async () => {
    const { gov, unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-3');
    fake.paymentOutcome = 'cancel';
    expect(await payWithWeChat(order)).toBe('cancelled');
    fake.paymentOutcome = 'fail';
    expect(await payWithWeChat(order)).toBe('failed');
    expect((await getOrder(order.id)).status).toBe('pending');
    expect(paidOrders(gov)).toHaveLength(0);
  });

  it('refuses to open WeChat Pay for an order that is no longer pending', async () => {
    const { unpaid } = await setUp();
    const order = await createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-4');
    await confirmOrder(order.id);
    await expect(payWithWeChat(await getOrder(order.id))).rejects.toMatchObject({ code: 'ORDER_CLOSED' });
    expect(fake.payments).toHaveLength(0);
  });
});
