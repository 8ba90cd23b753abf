// WeChat Pay on the device, for the checkout page: a cancel or a failure charges nothing; a success is
// remembered (services/payments) until the government has WeChat Pay's notification for it. In DevTools
// WeChat Pay cannot run, so where a stand-in is installed (a government whose prepay ids WeChat never
// issued) the tester picks the outcome instead.
import type { PaymentOrder } from '../../contracts/payments';
import { ServiceError, toWxApiError } from '../../core/errors';
import type { WalletOutcome } from '../../core/stand-ins';
import { isDevTools, requestPayment } from '../../core/wx';
import { readyStandIns } from '../../services/api';
import { rememberPaid } from '../../services/payments';

export type { WalletOutcome };

/** Opens WeChat Pay for a pending order. */
export async function payWithWeChat(order: PaymentOrder): Promise<WalletOutcome> {
  if (order.status !== 'pending' || !order.payParams) throw new ServiceError('ORDER_CLOSED', 'This order can no longer be paid');
  let outcome: WalletOutcome;
  const standIn = await readyStandIns();
  if (standIn && isDevTools()) outcome = await standIn.wallet(order);
  else {
    try {
      await requestPayment(order.payParams);
      outcome = 'paid';
    } catch (raw) {
      outcome = toWxApiError(raw).cancelled ? 'cancelled' : 'failed';
    }
  }
  if (outcome === 'paid') rememberPaid(order);
  return outcome;
}
