// Marriage and divorce registration: typed calls to the civil-affairs agency through the one API client.
import type {
  AcceptRequest,
  BookRequest,
  CasePreview,
  CasesResponse,
  CaseKind,
  CivilCase,
  DeclineRequest,
  EligibilityResponse,
  Invitation,
  OfficeDaysResponse,
  OfficesResponse,
  OpenInvitationRequest,
  StartCaseRequest,
  StartCaseResponse,
} from '../../contracts/civil';
import { api } from '../../services/api';

const enc = encodeURIComponent;

/** Words the government holds in both languages, in the reader's. */
export { localText as local } from '../../core/i18n';

export const listOffices = (): Promise<OfficesResponse> => api().get<OfficesResponse>('/civil/offices');
export const getEligibility = (kind: CaseKind): Promise<EligibilityResponse> => api().get<EligibilityResponse>('/civil/eligibility', { kind });
export const listCases = (): Promise<CasesResponse> => api().get<CasesResponse>('/civil/cases');
export const getCase = (id: string): Promise<CivilCase> => api().get<CivilCase>(`/civil/cases/${enc(id)}`);

/** Starts a case; the same key again (a double tap, a retry after a lost answer) gives the same case back. */
export const startCase = (request: StartCaseRequest, idempotencyKey: string): Promise<StartCaseResponse> =>
  api().send<StartCaseResponse>('POST', '/civil/cases', request, idempotencyKey);
export const newInvitation = (caseId: string, idempotencyKey: string): Promise<Invitation> =>
  api().send<Invitation>('POST', `/civil/cases/${enc(caseId)}/invitation`, {}, idempotencyKey);

export const openInvitation = (request: OpenInvitationRequest): Promise<CasePreview> =>
  api().send<CasePreview>('POST', '/civil/invitations/open', request);
export const acceptCase = (caseId: string, request: AcceptRequest, idempotencyKey: string): Promise<CivilCase> =>
  api().send<CivilCase>('POST', `/civil/cases/${enc(caseId)}/accept`, request, idempotencyKey);
export const declineCase = (caseId: string, request: DeclineRequest, idempotencyKey: string): Promise<CasePreview> =>
  api().send<CasePreview>('POST', `/civil/cases/${enc(caseId)}/decline`, request, idempotencyKey);

export const getOfficeDays = (caseId: string, officeId: string): Promise<OfficeDaysResponse> =>
  api().get<OfficeDaysResponse>(`/civil/cases/${enc(caseId)}/offices/${enc(officeId)}/days`);
export const bookAppointment = (caseId: string, request: BookRequest, idempotencyKey: string): Promise<CivilCase> =>
  api().send<CivilCase>('POST', `/civil/cases/${enc(caseId)}/appointments`, request, idempotencyKey);
export const cancelAppointment = (caseId: string, appointmentId: string, idempotencyKey: string): Promise<CivilCase> =>
  api().send<CivilCase>('POST', `/civil/cases/${enc(caseId)}/appointments/${enc(appointmentId)}/cancel`, {}, idempotencyKey);
export const withdrawCase = (caseId: string, idempotencyKey: string): Promise<CivilCase> =>
  api().send<CivilCase>('POST', `/civil/cases/${enc(caseId)}/withdraw`, {}, idempotencyKey);
