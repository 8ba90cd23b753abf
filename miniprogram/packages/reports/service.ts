// Incident reports: typed calls to the reports agency's endpoints (Open311 names where they exist) through
// the one API client. Writes carry an idempotency key: a double tap or a retry after a lost answer is one.
import {
  REPORT_PHOTO_FIELD, type CreateReportRequest, type CreateReportResponse, type DistrictsResponse, type NearbyResponse, type RatingRequest, type ReopenRequest,
  type Report, type ReportPhotoResponse, type ReportsResponse, type ServiceDefinition, type ServicesResponse,
} from '../../contracts/reports';
import { api } from '../../services/api';

const enc = encodeURIComponent;

/** Words the government holds in both languages, in the reader's. */
export { localText as local } from '../../core/i18n';

export const listServices = (): Promise<ServicesResponse> => api().get<ServicesResponse>('/reports/services');
export const getDefinition = (serviceCode: string): Promise<ServiceDefinition> => api().get<ServiceDefinition>(`/reports/services/${enc(serviceCode)}`);
export const listDistricts = (): Promise<DistrictsResponse> => api().get<DistrictsResponse>('/reports/districts');
/** Sends one saved photo; the same key again (a lost answer retried) gives the same photo back. */
export const uploadReportPhoto = (filePath: string, idempotencyKey: string): Promise<ReportPhotoResponse> =>
  api().upload<ReportPhotoResponse>('/reports/photos', { filePath, field: REPORT_PHOTO_FIELD }, undefined, idempotencyKey);
export const findNearby = (serviceCode: string, lat: number, long: number): Promise<NearbyResponse> =>
  api().get<NearbyResponse>('/reports/nearby', { serviceCode, lat: String(lat), long: String(long) });
/** Files the report; the same key again gives the same report back. */
export const fileReport = (request: CreateReportRequest, idempotencyKey: string): Promise<CreateReportResponse> =>
  api().send<CreateReportResponse>('POST', '/reports', request, idempotencyKey);
export const listMyReports = (offset: number, limit: number): Promise<ReportsResponse> =>
  api().get<ReportsResponse>('/reports', { offset: String(offset), limit: String(limit) });
export const getReport = (id: string): Promise<Report> => api().get<Report>(`/reports/${enc(id)}`);
export const followReport = (id: string, idempotencyKey: string): Promise<Report> => api().send<Report>('POST', `/reports/${enc(id)}/follow`, {}, idempotencyKey);
export const rateReport = (id: string, request: RatingRequest, idempotencyKey: string): Promise<Report> =>
  api().send<Report>('POST', `/reports/${enc(id)}/rating`, request, idempotencyKey);
export const reopenReport = (id: string, request: ReopenRequest, idempotencyKey: string): Promise<Report> =>
  api().send<Report>('POST', `/reports/${enc(id)}/reopen`, request, idempotencyKey);
