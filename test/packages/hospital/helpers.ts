// Puts government-side facts in place for hospital page tests: a free slot, a booking, a paid booking,
// a family member. Every call goes through the government's own endpoints, as the app's would.
import type { AddPatientRequest, Booking, DoctorResponse, Patient, SlotView } from '../../../miniprogram/contracts/health';
import type { PaymentOrder } from '../../../miniprogram/contracts/payments';
import { payOrder, type TestGovernment } from '../../helpers/government';

/** A department and doctor of the seed with clinics most days (h1 cardiology, its chief physician). */
export const DEPARTMENT = 'h1-cardiology';
export const DOCTOR = 'h1-cardiology-1';
/** The performance seed's department: 60 doctors. */
export const BUSY_DEPARTMENT = 'h1-general-practice';
export const PAEDIATRICS = 'h2-paediatrics';

let keys = 0;

export async function call<T>(gov: TestGovernment, token: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: object, query?: Record<string, string>): Promise<T> {
  keys += 1;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (method !== 'GET') headers['idempotency-key'] = `test-helper-${keys}`;
  const res = await gov.government.handle({ method, path, query, headers, body: body && JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export const doctorOf = (gov: TestGovernment, token: string, doctorId = DOCTOR): Promise<DoctorResponse> =>
  call<DoctorResponse>(gov, token, 'GET', `/health/doctors/${doctorId}`);

/** The first slot of the doctor with a place free, and its date. */
export async function freeSlot(gov: TestGovernment, token: string, doctorId = DOCTOR, skip = 0): Promise<SlotView & { date: string }> {
  const doctor = await doctorOf(gov, token, doctorId);
  const free = doctor.days.flatMap((day) => day.slots.filter((slot) => slot.remaining > 0).map((slot) => ({ ...slot, date: day.date })));
  if (free.length <= skip) throw new Error(`no free slot for ${doctorId}`);
  return free[skip];
}

/** Books the first free slot of the doctor for a patient (unpaid: it holds the place for 30 minutes). */
export async function bookAs(gov: TestGovernment, token: string, options: { patientId?: string; doctorId?: string; departmentId?: string; skip?: number } = {}): Promise<Booking> {
  const slot = await freeSlot(gov, token, options.doctorId ?? DOCTOR, options.skip ?? 0);
  return call<Booking>(gov, token, 'POST', '/health/bookings', { slotId: slot.id, departmentId: options.departmentId ?? DEPARTMENT, patientId: options.patientId ?? 'self' });
}

/** Pays a booking's fee through the shared payments flow (order, WeChat Pay, notification). */
export async function payBooking(gov: TestGovernment, token: string, booking: Booking): Promise<Booking> {
  const order = await call<PaymentOrder>(gov, token, 'POST', '/payments/orders', { items: [{ agency: 'health', itemId: booking.id }], totalFen: booking.feeFen });
  await payOrder(gov, order);
  return call<Booking>(gov, token, 'GET', `/health/bookings/${booking.id}`);
}

/** Books and pays: a booked appointment. */
export async function bookedAs(gov: TestGovernment, token: string, options: Parameters<typeof bookAs>[2] = {}): Promise<Booking> {
  return payBooking(gov, token, await bookAs(gov, token, options));
}

export const addFamily = (gov: TestGovernment, token: string, request: AddPatientRequest): Promise<Patient> =>
  call<Patient>(gov, token, 'POST', '/health/patients', request);
