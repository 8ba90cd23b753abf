// A resident who used the services for weeks: 1,000 payments and 2,000 records, then a restart. Every
// one is found again, and no stored key comes near WeChat's limits (1 MB a key, 10 MB in all).
import type { RecordItem } from '../../miniprogram/contracts/records';
import type { PaymentOrder } from '../../miniprogram/contracts/payments';
import { createGovernment, merchantKeyOf, type Government } from '../../miniprogram/mock/index';
import { createSecureRandom, defaultRandomBytes } from '../../miniprogram/mock/random';
import { createWeChatPay } from '../../miniprogram/mock/wechat-pay';
import { createClock, memoryStorage, verifiedToken } from '../helpers/government';

const KB = 1024;
const HALF_HOUR = 30 * 60 * 1000;

async function call<T>(government: Government, token: string, method: 'GET' | 'POST', path: string, body?: object, query?: Record<string, string>, key?: string): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (key) headers['idempotency-key'] = key;
  const answer = await government.handle({ method, path, headers, query, body: body && JSON.stringify(body) });
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

describe('a long-used government', () => {
  it('keeps 1,000 payments and 2,000 records of one resident across a restart, every key under 1 MB', async () => {
    const clock = createClock();
    const stored = new Map<string, string>();
    const start = (): Government => createGovernment({ clock, secret: 's', storage: memoryStorage(stored), config: { exposeSmsCode: true, busyNoticeCount: 2000 }, checkWrites: false });
    const government = start();
    const weChatPay = createWeChatPay({ merchantKey: merchantKeyOf('s'), clock, random: createSecureRandom(defaultRandomBytes()), notify: (req) => government.handle(req) });
    let token = await verifiedToken(government, 'r06');
    const car = await call<{ id: string }>(government, token, 'POST', '/fines/vehicles', { plate: '粤A88888', plateType: 'small', vinLast6: '200001' });
    const unpaid: string[] = [];
    for (let offset = 0; unpaid.length < 1000; offset += 50) {
      const page = await call<{ items: { id: string; status: string }[] }>(government, token, 'GET', `/fines/vehicles/${car.id}/notices`, undefined, { offset: String(offset), limit: '50' });
      unpaid.push(...page.items.filter((n) => n.status === 'unpaid').map((n) => n.id));
    }

    // One payment every half hour, as the app makes them (idempotency keys), over about three weeks.
    const paid: string[] = [];
    for (const [i, noticeId] of unpaid.slice(0, 1000).entries()) {
      clock.advance(HALF_HOUR);
      if (i % 500 === 499) token = await verifiedToken(government, 'r06');
      const notice = await call<{ dueFen: number }>(government, token, 'GET', `/fines/notices/${noticeId}`);
      const order = await call<PaymentOrder>(government, token, 'POST', '/payments/orders', { items: [{ agency: 'police', itemId: noticeId }], totalFen: notice.dueFen }, undefined, `k-order-${i}`);
      expect(weChatPay.pay(order.payParams ?? { package: '' })).toMatchObject({ paid: true });
      await weChatPay.deliver();
      paid.push(order.id);
    }
    // The other half of the records stand for services still to come (bookings, reports).
    government.amend((state) => {
      const list = state.records['p-r06'];
      for (let i = list.length; i < 2000; i += 1) list.push({ id: `rec-vol-${i}`, kind: 'booking', at: clock.now() - i * 1000, reference: `BK${i}`, detail: { place: '市第一人民医院' } } satisfies RecordItem);
    });

    const restarted = start();
    expect(restarted.setAside()).toEqual([]);
    for (const id of paid) {
      const order = await call<{ status: string }>(restarted, token, 'GET', `/payments/orders/${id}`);
      expect(order.status).toBe('paid');
    }
    const seen = new Set<string>();
    for (let offset = 0; ; offset += 50) {
      const page = await call<{ items: { id: string }[]; total: number }>(restarted, token, 'GET', '/records', undefined, { offset: String(offset), limit: '50' });
      page.items.forEach((item) => seen.add(item.id));
      if (page.items.length < 50) break;
    }
    expect(seen.size).toBe(2000);

    const sizes = [...stored].map(([key, text]) => ({ key, bytes: Buffer.byteLength(key) + Buffer.byteLength(text) })).sort((a, b) => b.bytes - a.bytes);
    const total = sizes.reduce((sum, entry) => sum + entry.bytes, 0);
    process.stdout.write(`volume: ${sizes.length} keys, ${(total / KB).toFixed(0)} KB in all; largest ${sizes.slice(0, 3).map((e) => `${e.key} ${(e.bytes / KB).toFixed(0)} KB`).join(', ')}\n`);
    expect(sizes[0].bytes).toBeLessThan(1024 * KB);
    expect(total).toBeLessThan(10 * 1024 * KB);
  }, 60000);
});
