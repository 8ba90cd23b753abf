// Traffic fines: bound vehicles, their notices, and notices as items to pay.
import { POLICE_AGENCY, type BindVehicleRequest, type FineNotice, type NoticesResponse, type VehicleSummary, type VehiclesResponse } from '../contracts/fines';
import type { PayItemRef } from '../contracts/payments';
import { normalisePlate, normaliseVin } from '../core/plates';
import { api } from './api';

export const NOTICES_PAGE_SIZE = 20;

export function listVehicles(): Promise<VehiclesResponse> {
  return api().get<VehiclesResponse>('/fines/vehicles');
}

export function bindVehicle(form: BindVehicleRequest, idempotencyKey?: string): Promise<VehicleSummary> {
  const body: BindVehicleRequest = { plate: normalisePlate(form.plate), plateType: form.plateType, vinLast6: normaliseVin(form.vinLast6) };
  return api().send<VehicleSummary>('POST', '/fines/vehicles', body, idempotencyKey);
}

export function unbindVehicle(vehicleId: string): Promise<unknown> {
  return api().send('DELETE', `/fines/vehicles/${encodeURIComponent(vehicleId)}`);
}

export function listNotices(vehicleId: string, offset = 0, limit = NOTICES_PAGE_SIZE): Promise<NoticesResponse> {
  return api().get<NoticesResponse>(`/fines/vehicles/${encodeURIComponent(vehicleId)}/notices`, { offset: String(offset), limit: String(limit) });
}

export function getNotice(noticeId: string): Promise<FineNotice> {
  return api().get<FineNotice>(`/fines/notices/${encodeURIComponent(noticeId)}`);
}

/** Notices as items for the payments service. */
export function noticeItems(noticeIds: readonly string[]): PayItemRef[] {
  return noticeIds.map((itemId) => ({ agency: POLICE_AGENCY, itemId }));
}
