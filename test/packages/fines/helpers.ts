// Puts government-side facts in place for fines page tests: a bound vehicle, a paid order.
import type { NoticesResponse, VehicleSummary } from '../../../miniprogram/contracts/fines';
import type { PaymentOrder } from '../../../miniprogram/contracts/payments';
import { payOrder, type TestGovernment, storedOrders } from '../../helpers/government';

const VINS: Record<string, [string, string]> = {
  '粤B12345': ['small', '183745'],
  '粤BD12345': ['new-energy', '604219'],
  '粤A88888': ['small', '200001'],
  '粤E12345': ['large', '512345'],
  '粤B5Z6R8': ['small', '102938'],
};

async function call<T>(gov: TestGovernment, token: string, method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  const res = await gov.government.handle({ method, path, headers: { authorization: `Bearer ${token}` }, body: body && JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export function bindAs(gov: TestGovernment, token: string, plate: string): Promise<VehicleSummary> {
  const [plateType, vinLast6] = VINS[plate];
  return call<VehicleSummary>(gov, token, 'POST', '/fines/vehicles', { plate, plateType, vinLast6 });
}

export async function noticesOf(gov: TestGovernment, token: string, vehicleId: string): Promise<NoticesResponse> {
  return call<NoticesResponse>(gov, token, 'GET', `/fines/vehicles/${vehicleId}/notices`, undefined);
}

/** Creates an order for the given notices at their current amounts. */
export async function orderFor(gov: TestGovernment, token: string, noticeIds: string[], dueFen: number): Promise<PaymentOrder> {
  return call<PaymentOrder>(gov, token, 'POST', '/payments/orders', { items: noticeIds.map((itemId) => ({ agency: 'police', itemId })), totalFen: dueFen });
}

export function paidOrders(gov: TestGovernment): PaymentOrder[] {
  return Object.values(storedOrders(gov.government)).filter((order) => order.status === 'paid');
}

/** The payer pays one of their orders on WeChat Pay; with `notify` false its notification is still to come. */
export async function payOrderOf(gov: TestGovernment, token: string, orderId: string, notify = true): Promise<void> {
  const order = await call<PaymentOrder>(gov, token, 'GET', `/payments/orders/${orderId}`);
  await payOrder(gov, order, notify);
}
