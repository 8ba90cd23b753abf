// In WeChat DevTools with the embedded government, a sheet stands in for WeChat Pay.
import { fake } from '../../helpers/fake-wx';
import { createTestGovernment } from '../../helpers/government';
import { expectWithinBudgets, renderPage } from '../../helpers/render';
import { signInAs } from '../../helpers/session';
import { bindAs, noticesOf, orderFor, paidOrders } from '../fines/helpers';

const ROUTE = 'packages/pay/pages/checkout/checkout';

async function openCheckout() {
  const gov = createTestGovernment();
  const token = await signInAs(gov, 'r02');
  const car = await bindAs(gov, token, '粤B12345');
  const unpaid = (await noticesOf(gov, token, car.id)).items.filter((n) => n.status === 'unpaid');
  const order = await orderFor(gov, token, [unpaid[0].id], unpaid[0].dueFen);
  fake.platform = 'devtools';
  const page = await renderPage(ROUTE, { gov, query: { order: order.id } });
  return { gov, order, page };
}

describe('checkout in DevTools', () => {
  it('lets the tester fail, cancel, then pay, charging once and never calling WeChat Pay', async () => {
    const { gov, order, page } = await openCheckout();
    fake.actionSheetAnswer = 1;
    await page.tap('#pay');
    expect(fake.actionSheets[0]).toEqual(['模拟：支付 ¥200.00 成功（开发者工具）', '模拟：支付失败（开发者工具）']);
    expect(paidOrders(gov)).toHaveLength(0);
    fake.actionSheetAnswer = null;
    await page.tap('#pay');
    expect(paidOrders(gov)).toHaveLength(0);
    fake.actionSheetAnswer = 0;
    await page.tap('#pay');
    expect(paidOrders(gov)).toHaveLength(1);
    expect(fake.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: `/packages/pay/pages/receipt/receipt?order=${order.id}` });
    expect(fake.payments).toEqual([]);
    expectWithinBudgets(page);
  });
});
