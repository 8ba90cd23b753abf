// Utility bills: typed calls to the utilities agency through the one API client, and what the pages
// share about them (bills as payment items).
import {
  UTILITIES_AGENCY,
  type AccountDetail,
  type AccountPreview,
  type AccountSummary,
  type AccountsResponse,
  type Bill,
  type BindAccountRequest,
  type CheckAccountRequest,
  type CompaniesResponse,
} from '../../contracts/bills';
import type { PayItemRef } from '../../contracts/payments';
import { api } from '../../services/api';

const enc = encodeURIComponent;

/** Words the government holds in both languages (company names, addresses), in the reader's. */
export { localText as local } from '../../core/i18n';

export const listCompanies = (): Promise<CompaniesResponse> => api().get<CompaniesResponse>('/bills/companies');
export const listAccounts = (): Promise<AccountsResponse> => api().get<AccountsResponse>('/bills/accounts');
export const getAccount = (id: string): Promise<AccountDetail> => api().get<AccountDetail>(`/bills/accounts/${enc(id)}`);
/** Shows whose account it is (masked) once the proof matches; nothing is bound yet. */
export const checkAccount = (request: CheckAccountRequest, idempotencyKey?: string): Promise<AccountPreview> =>
  api().send<AccountPreview>('POST', '/bills/accounts/check', request, idempotencyKey);
export const bindAccount = (request: BindAccountRequest, idempotencyKey?: string): Promise<AccountSummary> =>
  api().send<AccountSummary>('POST', '/bills/accounts', request, idempotencyKey);
export const renameAccount = (id: string, label: string, idempotencyKey?: string): Promise<AccountSummary> =>
  api().send<AccountSummary>('PUT', `/bills/accounts/${enc(id)}`, { label }, idempotencyKey);
export const unbindAccount = (id: string): Promise<unknown> => api().send('DELETE', `/bills/accounts/${enc(id)}`);

/** Unpaid bills as the items of one payment order. */
export const billItems = (bills: readonly Pick<Bill, 'id'>[]): PayItemRef[] => bills.map((bill) => ({ agency: UTILITIES_AGENCY, itemId: bill.id }));
