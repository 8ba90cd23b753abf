// Where a record leads: a payment (and its refund) to its receipt, a booking to its confirmation, a marriage or divorce record to its case (pages
// of other subpackages, reached by URL only: their paths live in the main package's services).
import type { RecordItem } from '../../../../contracts/records';
import { buildUrl } from '../../../../core/gate';
import { receiptUrl } from '../../../../services/payments';
import { BOOKING_DETAIL_PAGE, CIVIL_CASE_PAGE, NEWBORN_REGISTRATION_PAGE, PASSPORT_APPLICATION_PAGE, REPORT_PAGE } from '../../../../services/records';

const detailText = (item: RecordItem, key: string): string => {
  const value = item.detail[key];
  return typeof value === 'string' ? value : '';
};

/** The page a record opens, or '' when it opens nothing (a verification, a record without its order). */
export function recordLink(item: RecordItem): string {
  switch (item.kind) {
    case 'booking': {
      const id = detailText(item, 'bookingId');
      return id ? buildUrl(BOOKING_DETAIL_PAGE, { id }) : '';
    }
    case 'civil-case':
    case 'civil-appointment': {
      const id = detailText(item, 'caseId');
      return id ? buildUrl(CIVIL_CASE_PAGE, { id }) : '';
    }
    case 'newborn-registration': {
      const id = detailText(item, 'registrationId');
      return id ? buildUrl(NEWBORN_REGISTRATION_PAGE, { id }) : '';
    }
    case 'report': {
      const id = detailText(item, 'reportId');
      return id ? buildUrl(REPORT_PAGE, { id }) : '';
    }
    case 'passport-application': {
      const id = detailText(item, 'applicationId');
      return id ? buildUrl(PASSPORT_APPLICATION_PAGE, { id }) : '';
    }
    case 'fine-payment':
    case 'bill-payment':
    case 'booking-fee':
    case 'passport-fee':
    case 'refund': {
      const order = detailText(item, 'orderId');
      return order ? receiptUrl(order) : '';
    }
    default:
      return '';
  }
}
