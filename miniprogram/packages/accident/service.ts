// Minor traffic accidents: typed calls to the reports agency's endpoints (the police's minor-accident
// service, photos, the other driver's confirmation, the settlement desks) through the one API client.
import {
  ACCIDENT_SERVICE, REPORT_PHOTO_FIELD, type AccidentAppointmentRequest, type AccidentConfirmRequest, type AccidentDesksResponse, type AccidentInvitation,
  type CreateReportRequest, type CreateReportResponse, type DeskDaysResponse, type DistrictsResponse, type Report, type ReportPhotoResponse, type ServiceDefinition,
} from '../../contracts/reports';
import { api } from '../../services/api';

const enc = encodeURIComponent;

/** Words the government holds in both languages, in the reader's. */
export { localText as local } from '../../core/i18n';

export const getAccidentService = (): Promise<ServiceDefinition> => api().get<ServiceDefinition>(`/reports/services/${ACCIDENT_SERVICE}`);
export const listDistricts = (): Promise<DistrictsResponse> => api().get<DistrictsResponse>('/reports/districts');
/** Sends one saved photo; the same key again (a lost answer retried) gives the same photo back. */
export const uploadPhoto = (filePath: string, idempotencyKey: string): Promise<ReportPhotoResponse> =>
  api().upload<ReportPhotoResponse>('/reports/photos', { filePath, field: REPORT_PHOTO_FIELD }, undefined, idempotencyKey);
/** Files the accident; the same key again gives the same report back (its code then reads ''). */
export const fileAccident = (request: CreateReportRequest, idempotencyKey: string): Promise<CreateReportResponse> =>
  api().send<CreateReportResponse>('POST', '/reports', request, idempotencyKey);
export const getReport = (id: string): Promise<Report> => api().get<Report>(`/reports/${enc(id)}`);
export const confirmAccident = (id: string, request: AccidentConfirmRequest, idempotencyKey: string): Promise<Report> =>
  api().send<Report>('POST', `/reports/accidents/${enc(id)}/confirm`, request, idempotencyKey);
/** A new code for the other driver (the earlier one stops working); a replay reads code ''. */
export const newInvitation = (id: string, idempotencyKey: string): Promise<AccidentInvitation> =>
  api().send<AccidentInvitation>('POST', `/reports/accidents/${enc(id)}/invitation`, {}, idempotencyKey);
export const listDesks = (): Promise<AccidentDesksResponse> => api().get<AccidentDesksResponse>('/reports/accidents/desks');
export const getDeskDays = (deskId: string): Promise<DeskDaysResponse> => api().get<DeskDaysResponse>(`/reports/accidents/desks/${enc(deskId)}/days`);
export const bookSettlement = (id: string, request: AccidentAppointmentRequest, idempotencyKey: string): Promise<Report> =>
  api().send<Report>('POST', `/reports/accidents/${enc(id)}/appointment`, request, idempotencyKey);
