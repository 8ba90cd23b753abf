// Newborn registration: typed calls to the civil-affairs agency's newborn endpoints through the one API client.
import type { Invitation, NewbornListResponse, NewbornRegistration, NewbornRequest, NewbornStartResponse } from '../../contracts/civil';
import { api } from '../../services/api';

const enc = encodeURIComponent;

export const listRegistrations = (): Promise<NewbornListResponse> => api().get<NewbornListResponse>('/civil/newborn');
export const getRegistration = (id: string): Promise<NewbornRegistration> => api().get<NewbornRegistration>(`/civil/newborn/${enc(id)}`);
/** Registers; the same key again (a double tap, a retry after a lost answer) gives the same registration back (a father's code then reads ''). */
export const register = (request: NewbornRequest, idempotencyKey: string): Promise<NewbornStartResponse> =>
  api().send<NewbornStartResponse>('POST', '/civil/newborn', request, idempotencyKey);
/** The father's new code for the mother; a replay of the same key reads code '' (only its digest is kept). */
export const newCode = (id: string, idempotencyKey: string): Promise<Invitation> =>
  api().send<Invitation>('POST', `/civil/newborn/${enc(id)}/invitation`, {}, idempotencyKey);
export const confirmRegistration = (id: string, code: string, idempotencyKey: string): Promise<NewbornRegistration> =>
  api().send<NewbornRegistration>('POST', `/civil/newborn/${enc(id)}/confirm`, { code }, idempotencyKey);
export const withdrawRegistration = (id: string, idempotencyKey: string): Promise<NewbornRegistration> =>
  api().send<NewbornRegistration>('POST', `/civil/newborn/${enc(id)}/withdraw`, {}, idempotencyKey);
