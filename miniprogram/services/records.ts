// My records across services.
import type { RecordsResponse } from '../contracts/records';
import { api } from './api';

export const RECORDS_PAGE_SIZE = 20;
/** My records, the one page of the records subpackage. */
export const RECORDS_PAGE = '/packages/records/pages/records/records';
/** A hospital booking's confirmation, which a booking record opens (the hospital subpackage's paths use it too). */
export const BOOKING_DETAIL_PAGE = '/packages/hospital/pages/booking/booking';
/** A marriage or divorce case, which its records open (the civil subpackage's paths use it too). */
export const CIVIL_CASE_PAGE = '/packages/civil/pages/case/case';

/** A newborn registration and a passport application, which their records open (their subpackages' paths use them too). */
export const NEWBORN_REGISTRATION_PAGE = '/packages/newborn/pages/registration/registration';
export const PASSPORT_APPLICATION_PAGE = '/packages/passport/pages/application/application';
/** A report to the city or the police, which its record opens (the reports subpackage's paths use it too). */
export const REPORT_PAGE = '/packages/reports/pages/report/report';

export function listRecords(offset = 0, limit = RECORDS_PAGE_SIZE): Promise<RecordsResponse> {
  return api().get<RecordsResponse>('/records', { offset: String(offset), limit: String(limit) });
}
