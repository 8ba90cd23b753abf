// Hospital booking: typed calls to the health agency through the one API client, and what the pages
// share about them (the registration fee as a payment item, the next free slots after "just taken").
import {
  HEALTH_AGENCY,
  type AddPatientRequest,
  type Booking,
  type BookingsResponse,
  type CreateBookingRequest,
  type DepartmentResponse,
  type DoctorDay,
  type DoctorResponse,
  type HospitalDetail,
  type HospitalsResponse,
  type Patient,
  type PatientsResponse,
  type ReminderRequest,
  type SearchResponse,
  type SlotView,
} from '../../contracts/health';
import type { PayItemRef } from '../../contracts/payments';
import { api } from '../../services/api';

const enc = encodeURIComponent;

/** Words the government holds in both languages, in the reader's. */
export { localText as local } from '../../core/i18n';

export const listHospitals = (): Promise<HospitalsResponse> => api().get<HospitalsResponse>('/health/hospitals');
export const getHospital = (id: string): Promise<HospitalDetail> => api().get<HospitalDetail>(`/health/hospitals/${enc(id)}`);
export const getDepartment = (id: string, date?: string): Promise<DepartmentResponse> =>
  api().get<DepartmentResponse>(`/health/departments/${enc(id)}`, date ? { date } : {});
export const getDoctor = (id: string): Promise<DoctorResponse> => api().get<DoctorResponse>(`/health/doctors/${enc(id)}`);
export const searchHealth = (q: string): Promise<SearchResponse> => api().get<SearchResponse>('/health/search', { q });

export const listPatients = (): Promise<PatientsResponse> => api().get<PatientsResponse>('/health/patients');
export const addPatient = (request: AddPatientRequest, idempotencyKey?: string): Promise<Patient> =>
  api().send<Patient>('POST', '/health/patients', request, idempotencyKey);
export const removePatient = (id: string): Promise<unknown> => api().send('DELETE', `/health/patients/${enc(id)}`);

export const listBookings = (): Promise<BookingsResponse> => api().get<BookingsResponse>('/health/bookings');
export const getBooking = (id: string): Promise<Booking> => api().get<Booking>(`/health/bookings/${enc(id)}`);
/** Books a slot; the same key again (a double tap, a retry after a lost answer) gives the same booking back. */
export const createBooking = (request: CreateBookingRequest, idempotencyKey: string): Promise<Booking> =>
  api().send<Booking>('POST', '/health/bookings', request, idempotencyKey);
export const cancelBooking = (id: string, idempotencyKey?: string): Promise<Booking> =>
  api().send<Booking>('POST', `/health/bookings/${enc(id)}/cancel`, {}, idempotencyKey);
export const setReminder = (id: string, request: ReminderRequest): Promise<Booking> =>
  api().send<Booking>('POST', `/health/bookings/${enc(id)}/reminder`, request);

/** A booking's fee as the item of a payment order. */
export const bookingItems = (bookingId: string): PayItemRef[] => [{ agency: HEALTH_AGENCY, itemId: bookingId }];

/** The first free slots after a slot (same doctor, in time order), to offer when it was just taken. */
export function nextFreeSlots(days: readonly DoctorDay[], afterSlotId: string, count = 3): (SlotView & { date: string })[] {
  const all = days.flatMap((day) => day.slots.map((slot) => ({ ...slot, date: day.date })));
  const at = all.findIndex((slot) => slot.id === afterSlotId);
  return all.slice(at + 1).filter((slot) => slot.remaining > 0).slice(0, count);
}
