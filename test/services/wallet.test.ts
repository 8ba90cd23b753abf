// In DevTools against the embedded government, WeChat Pay cannot run; its stand-in sheet takes over.
// Where no stand-in is installed (a real government, a release build) WeChat Pay always runs.
import { installStandIns } from '../../miniprogram/core/stand-ins';
import { saveSession } from '../../miniprogram/core/session';
import { useTransport } from '../../miniprogram/services/api';
import { bindVehicle, listNotices, noticeItems } from '../../miniprogram/services/fines';
import { createOrder } from '../../miniprogram/services/payments';
import { payWithWeChat } from '../../miniprogram/packages/pay/wallet';
import { fake } from '../helpers/fake-wx';
import { createTestGovernment, verifiedToken } from '../helpers/government';

/** Two orders for two notices, each payable once. */
async function pendingOrders() {
  const gov = createTestGovernment();
  useTransport(gov.transport);
  await saveSession(await verifiedToken(gov.government, 'r02'), null);
  const car = await bindVehicle({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' });
  const unpaid = (await listNotices(car.id)).items.filter((n) => n.status === 'unpaid');
  return { gov, orders: await Promise.all([0, 1].map((i) => createOrder(noticeItems([unpaid[i].id]), unpaid[i].dueFen, `k-wallet-${i}`))) };
}

describe('paying with WeChat Pay', () => {
  it('uses the stand-in sheet only in DevTools, and WeChat Pay on a phone; both pay through WeChat Pay once', async () => {
    const { gov, orders } = await pendingOrders();
    fake.platform = 'ios';
    await expect(payWithWeChat(orders[0])).resolves.toBe('paid');
    expect(fake.payments).toHaveLength(1);
    expect(fake.actionSheets).toEqual([]);

    fake.platform = 'devtools';
    fake.actionSheetAnswer = 1;
    await expect(payWithWeChat(orders[1])).resolves.toBe('failed');
    fake.actionSheetAnswer = null;
    await expect(payWithWeChat(orders[1])).resolves.toBe('cancelled');
    fake.actionSheetAnswer = 0;
    await expect(payWithWeChat(orders[1])).resolves.toBe('paid');
    // The sheet's "pay" went through the simulated WeChat Pay, which refuses the same order again.
    await expect(payWithWeChat(orders[1])).resolves.toBe('failed');
    expect(fake.actionSheets).toHaveLength(4);
    expect(fake.payments).toHaveLength(1);
    expect(gov.weChatPay.inspect().transactions.map((tx) => tx.orderId)).toEqual([orders[0].id, orders[1].id]);
  });

  it('calls WeChat Pay even in DevTools when no stand-in is installed', async () => {
    const [order] = (await pendingOrders()).orders;
    installStandIns(null);
    fake.platform = 'devtools';
    fake.paymentOutcome = 'cancel';
    await expect(payWithWeChat(order)).resolves.toBe('cancelled');
    expect(fake.payments).toHaveLength(1);
    expect(fake.actionSheets).toEqual([]);
  });
});
