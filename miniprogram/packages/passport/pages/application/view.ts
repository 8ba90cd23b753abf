// What the application page shows of a passport application, apart from the page: the status and what
// happens next for it, the applicant (masked as the government gives them), validity, photo, appointment,
// collection, the fee with what can be done about it, the cancel deadline and the timeline.
import type { PassportApplication } from '../../../../contracts/passport';
import { formatCstDateTime } from '../../../../core/dates';
import { formatYuan } from '../../../../core/money';
import { dateLong, windowText } from '../../days';
import { passportText, type PassportKey } from '../../i18n';
import { kilobytes } from '../../photo';
import { local } from '../../service';
import { kindText, statusText, statusTone } from '../../status';

export const KEYS = [
  'reference', 'applicationApplicant', 'applicationValidity', 'applicationPhoto', 'applicationAppointment', 'office', 'applicationAddress', 'applicationHours',
  'date', 'window', 'collection', 'applicationFee', 'applicationPay', 'applicationPaying', 'applicationRebook', 'applicationCancel', 'applicationCancelling',
  'applicationTimeline', 'applicationRebookHeading', 'applicationRebookConfirm', 'applicationRebooking', 'applicationToList', 'applicationKind',
] as const satisfies readonly PassportKey[];

export interface EventRow { key: string; text: string; at: string }

export interface ApplicationView {
  reference: string;
  status: string;
  tone: string;
  next: string;
  kind: string;
  applicant: string;
  validity: string;
  photo: string;
  office: string;
  address: string;
  hours: string;
  date: string;
  window: string;
  collection: string;
  fee: string;
  canPay: boolean;
  canRebook: boolean;
  cancelUntil: string;
  events: EventRow[];
}

function nextOf(a: PassportApplication): string {
  const t = passportText.t;
  const office = local(a.appointment.office.name);
  const when = { office, date: dateLong(a.appointment.date), window: windowText(a.appointment) };
  switch (a.status) {
    case 'payment-due':
      if (a.fee === 'not-payable') return t('next.lapsed');
      return a.holdUntil !== null ? t('next.pay', { amount: formatYuan(a.feeFen), time: formatCstDateTime(a.holdUntil) }) : t('next.payFree', { amount: formatYuan(a.feeFen) });
    case 'booked':
      return t(a.kind === 'renewal' ? 'next.booked.renewal' : 'next.booked.first', when) + (a.guardianNeeded ? t('next.guardian') : '');
    case 'processing':
      return t('next.processing', { date: dateLong(a.readyBy) });
    case 'ready':
      return a.collection === 'delivery' ? t('next.ready.delivery') : t('next.ready.in-person', { office });
    case 'cancelled':
      return t(a.fee === 'refunded' ? 'next.refunded' : 'next.cancelled');
    default:
      return t('next.missed');
  }
}

function collectionOf(a: PassportApplication): string {
  const t = passportText.t;
  if (a.collection !== 'delivery' || !a.delivery) return t('collection.in-person');
  return t('applicationDelivery', { recipient: a.delivery.recipient, mobile: a.delivery.mobile, address: a.delivery.address });
}

function feeOf(a: PassportApplication): string {
  return passportText.t(`fee.${a.fee}`, { amount: formatYuan(a.feeFen) });
}

export function applicationView(a: PassportApplication): ApplicationView {
  const t = passportText.t;
  return {
    reference: a.reference,
    status: statusText(a),
    tone: statusTone(a),
    next: nextOf(a),
    kind: a.kind === 'renewal' && a.renewalReason ? t('kindWithReason', { kind: kindText(a), reason: t(`reasonInTitle.${a.renewalReason}`) }) : kindText(a),
    applicant: `${a.applicant.name} ${a.applicant.idMasked}`,
    validity: a.expiresOn ? t('applicationValidUntil', { years: a.validity.years, date: a.expiresOn }) : t('applicationValidYears', { years: a.validity.years }),
    photo: t('photoDetails', { size: kilobytes(a.photo.bytes), width: a.photo.width, height: a.photo.height }),
    office: local(a.appointment.office.name),
    address: local(a.appointment.office.address),
    hours: local(a.appointment.office.hours),
    date: dateLong(a.appointment.date),
    window: windowText(a.appointment),
    collection: collectionOf(a),
    fee: feeOf(a),
    canPay: a.status === 'payment-due' && a.fee === 'payable',
    canRebook: a.status === 'payment-due' && a.fee === 'not-payable',
    // Unpaid, it can be cancelled until the appointment (nothing to refund); paid, until the deadline.
    cancelUntil: !a.cancellable ? '' : a.fee === 'paid' ? t('applicationCancelUntil', { time: formatCstDateTime(a.appointment.cancelUntil) }) : t('applicationCancelUnpaid'),
    events: a.events.map((e, i) => ({ key: `${i}`, text: t(`ppEvent.${e.kind}`), at: formatCstDateTime(e.at) })),
  };
}
