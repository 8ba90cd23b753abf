// Words of the records subpackage (Me > my records), in zh-CN and en: the page and each kind of record,
// which the type check holds to contracts/records.ts's kinds (records.ts reads `record.<kind>`).
import { createTranslator } from '../../core/i18n';
import { combineWords } from '../../core/words';
import { text } from '../../i18n/main';

const zh = {
  recordsTitle: '我的办事记录',
  recordsEmpty: '还没有办事记录。缴费、预约和上报后会显示在这里。',
  recordsLoadMore: '加载更多',
  recordsEnd: '没有更多记录了',
  recordsReference: '编号 {reference}',
  'record.identity-verified': '实名认证（{idMasked}）',
  'record.face-verified': '人脸核身',
  'record.fine-payment': '交通违法缴款 {count}\u00a0笔',
  'record.bill-payment': '生活缴费',
  'record.booking': '预约挂号：{department} {date}',
  'record.booking-fee': '挂号费',
  'record.civil-case': '{kindZh}：{role}',
  'record.civil-appointment': '{kindZh}预约：{date} {start}',
  'record.newborn-registration': '新生儿出生登记',
  'record.passport-application': '护照申请：{date} {start}',
  'record.passport-fee': '护照申请费',
  'record.report': '上报：{service}',
  'record.refund': '退款',
};

type RecordsKey = keyof typeof zh;
const en: Record<RecordsKey, string> = {
  recordsTitle: 'My records',
  recordsEmpty: 'No records yet. Payments, bookings and reports will appear here.',
  recordsLoadMore: 'Load more',
  recordsEnd: 'No more records',
  recordsReference: 'Ref. {reference}',
  'record.identity-verified': 'Identity verified ({idMasked})',
  'record.face-verified': 'Face verified',
  'record.fine-payment': 'Traffic fines paid: {count}',
  'record.bill-payment': 'Bill paid',
  'record.booking': 'Appointment: {departmentEn}, {date}',
  'record.booking-fee': 'Registration fee paid',
  'record.civil-case': '{kindEn}: {roleEn}',
  'record.civil-appointment': '{kindEn} appointment: {date} {start}',
  'record.newborn-registration': 'Newborn registration',
  'record.passport-application': 'Passport application: {date} {start}',
  'record.passport-fee': 'Passport fee paid',
  'record.report': 'Report: {serviceEn}',
  'record.refund': 'Refund',
};

export const recordsTables: Readonly<Record<'zh-CN' | 'en', Readonly<Record<RecordsKey, string>>>> = { 'zh-CN': zh, en };
export const recordsText = createTranslator<RecordsKey>(recordsTables);
export const recordsWords = combineWords(recordsText, text);
