// Strings of the shared payment pages, in zh-CN and en. Each kind of item has its own line.
import { createTranslator } from '../../core/i18n';
import { combineWords } from '../../core/words';
import { text } from '../../i18n/main';

const zh = {
  checkoutTitle: '确认缴费',
  walletSimPay: '模拟：支付 {amount} 成功（开发者工具）',
  walletSimFail: '模拟：支付失败（开发者工具）',
  checkoutItems: '缴费项目',
  checkoutTotal: '合计',
  checkoutPay: '微信支付 {amount}',
  checkoutPaying: '正在支付…',
  checkoutExpires: '请在 {time} 前完成支付',
  checkoutCancelled: '您取消了支付，没有扣款。准备好后可以再次支付。',
  checkoutFailed: '支付没有成功，没有扣款。请重试。',
  checkoutUnconfirmed: '微信支付已完成，但暂时无法确认缴费结果。请不要重复支付，稍后点击“查询缴费结果”。',
  checkoutCheckAgain: '查询缴费结果',
  checkoutClosed: '这笔订单已关闭，没有扣款。请返回重新选择缴费项目。',
  checkoutBack: '返回',
  checkoutNext: '支付后会显示缴费凭证和缴款编号，这笔缴费也会记入“我的办事记录”。',
  checkoutMissing: '没有找到这笔订单，没有扣款。请返回重新选择缴费项目。',
  receiptTitle: '缴费成功',
  receiptReference: '缴款编号',
  receiptTime: '缴费时间',
  receiptAmount: '金额',
  receiptItems: '缴费项目',
  receiptDone: '完成',
  receiptNotPaid: '这笔订单还没有完成缴费，没有扣款。去支付页面可以完成缴费。',
  receiptPayNow: '去支付',
  receiptMissing: '没有找到这笔缴费。请在“我的办事记录”中查看已完成的缴费。',
  receiptNext: '已缴的项目现在显示为已缴款，这笔缴费已记入“我的办事记录”。',
  'item.traffic-fine': '交通违法罚款',
  'item.traffic-fine.sub': '{plate} · {date}',
  'item.traffic-fine.late': '罚款 {fine} + 滞纳金 {surcharge}（逾期 {days} 天）',
  'item.other': '缴费项目',
  'err.ORDER_CLOSED': '这笔订单已关闭，没有扣款。请返回重新选择缴费项目。',
  'err.ORDER_EXPIRED': '订单已超过支付时间，没有扣款。请返回重新缴费。',
  'err.ALREADY_PAID': '其中有项目已经缴纳，这笔订单已关闭。',
};

export type PayKey = keyof typeof zh;

const en: Record<PayKey, string> = {
  checkoutTitle: 'Check and pay',
  walletSimPay: 'Simulate: payment of {amount} succeeds (DevTools)',
  walletSimFail: 'Simulate: payment fails (DevTools)',
  checkoutItems: 'You are paying for',
  checkoutTotal: 'Total',
  checkoutPay: 'Pay {amount} with WeChat Pay',
  checkoutPaying: 'Paying…',
  checkoutExpires: 'Please pay by {time}',
  checkoutCancelled: 'You cancelled the payment; nothing was charged. Pay again when you are ready.',
  checkoutFailed: 'The payment did not go through; nothing was charged. Try again.',
  checkoutUnconfirmed: 'WeChat Pay finished, but we could not confirm the payment yet. Do not pay again; tap "Check payment" in a moment.',
  checkoutCheckAgain: 'Check payment',
  checkoutClosed: 'This order is closed and nothing was charged. Go back and choose what to pay again.',
  checkoutBack: 'Back',
  checkoutNext: 'After paying you get a receipt with a reference number; the payment also appears in My records.',
  checkoutMissing: 'This order was not found and nothing was charged. Go back and choose what to pay.',
  receiptTitle: 'Payment received',
  receiptReference: 'Reference',
  receiptTime: 'Paid on',
  receiptAmount: 'Amount',
  receiptItems: 'Paid for',
  receiptDone: 'Done',
  receiptNotPaid: 'This order has not been paid yet, and nothing was charged. You can pay it on the payment page.',
  receiptPayNow: 'Go to payment',
  receiptMissing: 'This payment was not found. Your completed payments are in My records.',
  receiptNext: 'What you paid for now shows as paid, and this payment is in My records.',
  'item.traffic-fine': 'Traffic fine',
  'item.traffic-fine.sub': '{plate} · {date}',
  'item.traffic-fine.late': 'fine {fine} + surcharge {surcharge} ({days} days late)',
  'item.other': 'Payment',
  'err.ORDER_CLOSED': 'This order is closed and nothing was charged. Go back and choose what to pay again.',
  'err.ORDER_EXPIRED': 'The time to pay this order has passed; nothing was charged. Go back and start again.',
  'err.ALREADY_PAID': 'Something in this order has already been paid, so the order is closed.',
};

export const payText = createTranslator<PayKey>({ 'zh-CN': zh, en });

export const payWords = combineWords(payText, text);
