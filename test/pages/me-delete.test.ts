// Withdrawing consent from Me: the government deletes what it holds about the resident except what a
// law keeps (said so, with until when), the phone forgets everything but its settings, and the next
// visit starts at consent again. Nothing is deleted when the network fails or a payment is unconfirmed.
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import { fake } from '../helpers/fake-wx';
import { createTestGovernment, payOrder, savedAnswers, verifiedToken, type TestGovernment, storedOrders } from '../helpers/government';
import { expectWithinBudgets, renderPage } from '../helpers/render';
import { signInAs } from '../helpers/session';
import { bindAs, noticesOf, orderFor } from '../packages/fines/helpers';

const orders = (gov: TestGovernment): PaymentOrder[] =>
  Object.values(storedOrders(gov.government));
const personOf = (gov: TestGovernment, token: string): string => gov.government.inspect().sessions[token].personId ?? '';

/** r02 with a bound car, one fine paid, an order left open, and a second signed-in device. */
async function busyResident() {
  const gov = createTestGovernment();
  const token = await signInAs(gov, 'r02');
  const otherDevice = await verifiedToken(gov.government, 'r02');
  const car = await bindAs(gov, token, '粤B12345');
  const unpaid = (await noticesOf(gov, token, car.id)).items.filter((n) => n.status === 'unpaid');
  const paid = await orderFor(gov, token, [unpaid[0].id], unpaid[0].dueFen);
  await payOrder(gov, paid);
  await orderFor(gov, token, [unpaid[1].id], unpaid[1].dueFen);
  fake.storage.set('draft.identity', { name: '李明', mobile: '13800000002' });
  fake.storage.set('settings.locale', 'zh-CN');
  return { gov, token, otherDevice, personId: personOf(gov, token) };
}

describe('me page, deleting my data', () => {
  it('asks first, then deletes all but what the law keeps, says which, and forgets the phone', async () => {
    const { gov, token, otherDevice, personId } = await busyResident();
    const page = await renderPage('pages/me/me', { gov });
    fake.modalAnswer = false;
    await page.tap('#delete-data');
    expect(fake.modals.at(-1)?.title).toBe('删除我的数据？');
    expect(fake.modals.at(-1)?.content).toContain('会计凭证保存30年');
    expect(gov.government.inspect().sessions[token]).toBeDefined();

    fake.modalAnswer = true;
    await page.tap('#delete-data');
    expect(page.textOf('.deleted-body')).toBe('已删除：绑定车辆 1 辆，缴费户号 0 个，就诊人 0 位，办事记录 2 条，未支付订单 1 笔；已在 2 台设备上退出登录。');
    expect(page.textOf('.deleted-kept-title')).toBe('依法保留：');
    expect(page.findAll('.deleted-kept').map((node) => (node.dom as Element).textContent)).toEqual([
      '· 1 辆车的交通违法记录，由交警保存',
      // 李明's two reports seeded with the city (a fixed street light, an overdue one): kept without his contact.
      '· 上报记录 2\u00a0条，作为诉求办理档案由承办部门保存（已删除联系人和姓名）',
      '· 缴费记录 1 笔，保存至 2056-11-14',
      '· 户籍登记信息，由登记机关保存',
    ]);
    expect(page.textOf('#guest')).toBe('未实名认证');
    expect(page.find('#delete-data')).toBeUndefined();

    const state = gov.government.inspect();
    expect(state.sessions[token]).toBeUndefined();
    expect(state.sessions[otherDevice]).toBeUndefined();
    expect(state.records[personId]).toBeUndefined();
    expect((state.agencies.police as { bindings: Record<string, string[]> }).bindings[personId]).toBeUndefined();
    expect(orders(gov).map((order) => [order.status, order.closedReason])).toEqual([['paid', null], ['closed', 'withdrawn']]);
    expect(savedAnswers(gov.government).filter((answer) => answer.owner === personId)).toEqual([]);
    // The register's own entry of a registered resident stays; only settings stay on the phone.
    expect(state.people[personId]).toBeDefined();
    expect([...fake.storage.keys()].filter((key) => !key.startsWith('embedded-government.'))).toEqual(['settings.locale']);

    const identity = await renderPage('pages/identity/identity', { gov });
    expect(identity.find('#consent')).toBeDefined();
    expect(identity.find('#name')).toBeUndefined();
    [page, identity].forEach(expectWithinBudgets);
  });

  it('deletes a resident the register does not hold, and says nothing had to be kept', async () => {
    const gov = createTestGovernment();
    const page = await renderPage('pages/identity/identity', { gov });
    await page.fire('#consent', 'change', { value: ['general', 'id'] });
    await page.tap('#consent-continue');
    await page.input('#name', '林新');
    await page.input('#idNumber', '440106199001010013');
    await page.input('#mobile', '13900000011');
    await page.tap('#send-code');
    await page.input('#smsCode', /(\d{6})/.exec(page.textOf('#code-hint'))?.[1] ?? '');
    await page.tap('#submit');
    const people = Object.keys(gov.government.inspect().people).length;
    const me = await renderPage('pages/me/me', { gov });
    await me.tap('#delete-data');
    expect(me.textOf('#deleted-notice')).toBe('已删除您的数据已删除：绑定车辆 0 辆，缴费户号 0 个，就诊人 0 位，办事记录 1 条，未支付订单 0 笔；已在 1 台设备上退出登录。没有需要保留的信息。');
    expect(me.findAll('.deleted-kept')).toHaveLength(0);
    expect(Object.keys(gov.government.inspect().people)).toHaveLength(people - 1);
    expectWithinBudgets(me);
  });

  it('deletes nothing when the government cannot be reached, says so beside the action, and works on retry', async () => {
    const { gov, token } = await busyResident();
    const page = await renderPage('pages/me/me', { gov });
    const before = gov.snapshot();
    gov.transport.setFault('offline');
    await page.tap('#delete-data');
    expect(page.textOf('#delete-error')).toBe('网络连接失败，请检查网络后重试');
    expect(gov.snapshot()).toBe(before);
    expect(fake.storage.has('session.token')).toBe(true);
    expect(page.textOf('#level')).toBe('已实名认证');
    expect(fake.loadingShown).toBe(false);

    gov.transport.setFault('none');
    await page.tap('#delete-data');
    expect(page.find('#delete-error')).toBeUndefined();
    expect(gov.government.inspect().sessions[token]).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('will not delete while a payment WeChat Pay took is unconfirmed and cannot be confirmed now', async () => {
    const { gov, token } = await busyResident();
    const open = orders(gov).find((order) => order.status === 'pending');
    // WeChat Pay took the money; its notification has not reached the government yet.
    if (open) await payOrder(gov, open, false);
    fake.storage.set('payments.unconfirmed', [{ orderId: open?.id, savedAt: Date.now(), items: [], person: '3405**********001X', totalFen: 20000 }]);
    const page = await renderPage('pages/me/me', { gov });
    const before = gov.snapshot();
    gov.transport.setFault('unavailable');
    await page.tap('#delete-data');
    expect(page.textOf('#delete-error')).toBe('您有一笔微信支付已扣款的缴费还没有确认。确认前不能删除数据，以免这笔款项的凭证或退款无据可查。请连接网络后再试。');
    expect(gov.snapshot()).toBe(before);
    expect(gov.government.inspect().sessions[token]).toBeDefined();

    // WeChat Pay's notification arrives; back online, the payment is settled first (a receipt), then the data goes; the receipt is kept.
    await gov.weChatPay.deliver();
    gov.transport.setFault('none');
    await page.tap('#delete-data');
    expect(page.textOf('#deleted-notice')).toContain('· 缴费记录 2 笔，保存至 2056-11-14');
    expect(orders(gov).filter((order) => order.status === 'paid')).toHaveLength(2);
    expect(fake.storage.get('payments.unconfirmed') ?? []).toEqual([]);
    expectWithinBudgets(page);
  });

  it('asks once and deletes once on a double tap', async () => {
    const { gov } = await busyResident();
    const page = await renderPage('pages/me/me', { gov });
    const handle = jest.spyOn(gov.government, 'handle');
    await Promise.all([page.tap('#delete-data'), page.tap('#delete-data')]);
    expect(fake.modals.filter((modal) => modal.title === '删除我的数据？')).toHaveLength(1);
    expect(handle.mock.calls.filter(([req]) => req.method === 'DELETE' && req.path === '/identity/me')).toHaveLength(1);
    expect(page.find('#delete-error')).toBeUndefined();
    expectWithinBudgets(page);
  });

  it('clears the phone and says so when an earlier try went through but its answer was lost', async () => {
    const { gov, token } = await busyResident();
    const page = await renderPage('pages/me/me', { gov });
    // The earlier request deleted everything; its answer never reached the phone.
    await gov.government.handle({ method: 'DELETE', path: '/identity/me', headers: { authorization: `Bearer ${token}` } });
    await page.tap('#delete-data');
    expect(page.textOf('#deleted-notice')).toBe('已删除您的数据本机已清除您的信息，您已退出登录。之前的删除请求很可能已经完成；如不确定，请重新实名认证后再删除一次。');
    expect(page.textOf('#guest')).toBe('未实名认证');
    expect([...fake.storage.keys()].filter((key) => !key.startsWith('embedded-government.'))).toEqual(['settings.locale']);
    expectWithinBudgets(page);
  });
});
