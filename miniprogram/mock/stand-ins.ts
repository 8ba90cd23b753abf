// The stand-ins of the embedded government (core/stand-ins.ts says what they are): the SMS code shown
// to a tester, a face check confirmed in a dialog, the DevTools wallet paying on the simulated WeChat Pay.
// Apart from embedded.ts, which builds the government itself, so a test can install them alone.
import type { SendSmsResponse } from '../contracts/identity';
import type { PaymentOrder } from '../contracts/payments';
import { formatMoney } from '../core/money';
import type { StandIns, TesterClock, WalletOutcome } from '../core/stand-ins';
import { chooseAction, confirm } from '../core/wx';
import { mockText } from './i18n';
import type { WeChatPay } from './wechat-pay';

const FACE_STAND_IN_RESULT = 'simulated';

/**
 * Pays an order on the simulated WeChat Pay and delivers its notification: what the payer's sheet does
 * where real WeChat Pay cannot run. 'failed' when WeChat Pay refuses (expired, already paid, forged).
 */
export async function payOnSheet(weChatPay: WeChatPay, order: PaymentOrder): Promise<WalletOutcome> {
  if (!order.payParams) return 'failed';
  const outcome = weChatPay.pay(order.payParams);
  if (!outcome.paid) return 'failed';
  await weChatPay.deliver();
  return 'paid';
}

/** A tester cannot receive the SMS, read a face or pay a prepay id WeChat never issued: these stand in. */
export function createStandIns(clock: TesterClock, weChatPay: () => Promise<WeChatPay>): StandIns {
  return {
    clock,
    words: () => ({
      ...mockText.pick(['fault', 'faultHint', 'clock', 'clockHint', 'clockDay', 'clockWeek']),
      clockValue: (date, daysAhead) => (daysAhead > 0 ? mockText.t('clockAhead', { date, days: daysAhead }) : mockText.t('clockValue', { date })),
      clockMoved: (date) => mockText.t('clockMoved', { date }),
    }),
    codeNote: (sent: SendSmsResponse) => (sent.devCode ? mockText.t('codeNote', { code: sent.devCode }) : ''),
    face: async () =>
      (await confirm({ title: mockText.t('faceTitle'), content: mockText.t('faceBody'), confirmText: mockText.t('confirm'), cancelText: mockText.t('cancel') }))
        ? FACE_STAND_IN_RESULT
        : null,
    wallet: async (order: PaymentOrder): Promise<WalletOutcome> => {
      const choice = await chooseAction([mockText.t('walletPay', { amount: formatMoney(order.totalFen) }), mockText.t('walletFail')]);
      if (choice === 0) return payOnSheet(await weChatPay(), order);
      return choice === 1 ? 'failed' : 'cancelled';
    },
  };
}
