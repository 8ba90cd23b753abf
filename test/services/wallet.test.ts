// In DevTools against the embedded government, WeChat Pay cannot run; a sheet stands in for it.
import { saveSession } from '../../miniprogram/core/session';
import { useTransport } from '../../miniprogram/services/api';
import { bindVehicle, listNotices, noticeItems } from '../../miniprogram/services/fines';
import { createOrder, payWithWeChat, type WalletOutcome } from '../../miniprogram/services/payments';
import { fake } from '../helpers/fake-wx';
import { createTestGovernment, verifiedToken } from '../helpers/government';

async function pendingOrder() {
  const gov = createTestGovernment();
  useTransport(gov.transport);
  await saveSession(await verifiedToken(gov.government, 'r02'), null);
  const car = await bindVehicle({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' });
  const unpaid = (await listNotices(car.id)).items.filter((n) => n.status === 'unpaid');
  return createOrder(noticeItems([unpaid[0].id]), unpaid[0].dueFen, 'k-wallet');
}

describe('paying in DevTools', () => {
  it('uses the simulated wallet there, and WeChat Pay everywhere else', async () => {
    const order = await pendingOrder();
    const simulated: WalletOutcome[] = [];
    const simulate = async (): Promise<WalletOutcome> => {
      simulated.push('paid');
      return 'paid';
    };
    fake.platform = 'ios';
    await expect(payWithWeChat(order, simulate)).resolves.toBe('paid');
    expect(fake.payments).toHaveLength(1);
    expect(simulated).toEqual([]);

    fake.platform = 'devtools';
    await expect(payWithWeChat(order, simulate)).resolves.toBe('paid');
    expect(fake.payments).toHaveLength(1);
    expect(simulated).toEqual(['paid']);
  });
});
