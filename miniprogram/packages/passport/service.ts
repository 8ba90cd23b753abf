// Passport applications: typed calls to the exit-entry administration's endpoints through the one API client.
import type { PayItemRef } from '../../contracts/payments';
import {
  EXIT_ENTRY_AGENCY, PHOTO_FIELD, type ApplicationKind, type ExitEntryDaysResponse, type ExitEntryOfficesResponse, type PassportApplication,
  type PassportApplicationRequest, type PassportApplicationsResponse, type PassportEligibilityResponse, type PassportRebookRequest, type PhotoResponse,
} from '../../contracts/passport';
import { api } from '../../services/api';

const enc = encodeURIComponent;

/** Words the government holds in both languages, in the reader's. */
export { localText as local } from '../../core/i18n';

export const listOffices = (): Promise<ExitEntryOfficesResponse> => api().get<ExitEntryOfficesResponse>('/exit-entry/offices');
export const getOfficeDays = (officeId: string): Promise<ExitEntryDaysResponse> => api().get<ExitEntryDaysResponse>(`/exit-entry/offices/${enc(officeId)}/days`);
export const getEligibility = (kind: ApplicationKind): Promise<PassportEligibilityResponse> =>
  api().get<PassportEligibilityResponse>('/exit-entry/eligibility', { kind });
/** Sends the saved photo; the same key again (a lost answer retried) gives the same photo back. */
export const uploadPhoto = (filePath: string, idempotencyKey: string): Promise<PhotoResponse> =>
  api().upload<PhotoResponse>('/exit-entry/photos', { filePath, field: PHOTO_FIELD }, {}, idempotencyKey);
/** Applies; the same key again (a double tap, a retry after a lost answer) gives the same application back. */
export const applyForPassport = (request: PassportApplicationRequest, idempotencyKey: string): Promise<PassportApplication> =>
  api().send<PassportApplication>('POST', '/exit-entry/applications', request, idempotencyKey);
export const listApplications = (): Promise<PassportApplicationsResponse> => api().get<PassportApplicationsResponse>('/exit-entry/applications');
export const getApplication = (id: string): Promise<PassportApplication> => api().get<PassportApplication>(`/exit-entry/applications/${enc(id)}`);
export const rebookApplication = (id: string, request: PassportRebookRequest, idempotencyKey: string): Promise<PassportApplication> =>
  api().send<PassportApplication>('POST', `/exit-entry/applications/${enc(id)}/appointment`, request, idempotencyKey);
export const cancelApplication = (id: string, idempotencyKey: string): Promise<PassportApplication> =>
  api().send<PassportApplication>('POST', `/exit-entry/applications/${enc(id)}/cancel`, {}, idempotencyKey);

/** What the fee's order holds: the application itself. */
export const feeItems = (applicationId: string): PayItemRef[] => [{ agency: EXIT_ENTRY_AGENCY, itemId: applicationId }];
