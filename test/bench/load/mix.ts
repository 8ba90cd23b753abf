// One simulated resident's 20 requests: verified as a new resident (a valid generated ID number, as
// test/helpers/residents.ts makes them), then the errands people do most (reads of fines, bills and
// hospitals, a doctor booked and its fee paid, records, a report filed), with what each answer must say.
import { randomUUID } from 'node:crypto';
import type { ApiRequest, HttpMethod } from '../../../miniprogram/contracts/http';
import type { AccountsResponse } from '../../../miniprogram/contracts/bills';
import type { VehiclesResponse } from '../../../miniprogram/contracts/fines';
import type { WhoAmIResponse } from '../../../miniprogram/contracts/identity';
import type { Booking, DepartmentResponse, DoctorResponse, HospitalDetail, HospitalsResponse } from '../../../miniprogram/contracts/health';
import type { PaymentOrder } from '../../../miniprogram/contracts/payments';
import type { RecordsResponse } from '../../../miniprogram/contracts/records';
import type { CreateReportResponse, ReportsResponse } from '../../../miniprogram/contracts/reports';
import { idNumber } from '../../helpers/residents';
import type { Target } from './targets';

export const REQUESTS_PER_RESIDENT = 20;

/** Every request's step name, latency and whether it was an error (a failure, a 5xx, or a status the step does not expect). */
export interface Sample { step: string; ms: number; error: string | null }

export interface ResidentOutcome {
  samples: Sample[];
  /** What the answers contradicted (a booking not booked after paying, a receipt missing...). */
  violations: string[];
  booking: { id: string; slotId: string; capacity: number } | null;
  orderId: string | null;
}

const SURNAMES = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈', '褚', '卫'];
const GIVEN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The `n`th resident: a name, a mobile, and a valid ID number (born 1990-01-01, male or female by sequence). */
export function residentOf(n: number): { name: string; mobile: string; idNumber: string } {
  return { name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}`, mobile: `1391${String(n).padStart(7, '0')}`, idNumber: idNumber(n + 1) };
}

class Halt extends Error {}

/** Runs resident `n`'s requests in order; a failed step ends the resident's run (what follows needs it). */
export async function runResident(target: Target, n: number): Promise<ResidentOutcome> {
  const person = residentOf(n);
  const samples: Sample[] = [];
  const violations: string[] = [];
  const outcome: ResidentOutcome = { samples, violations, booking: null, orderId: null };
  let token = '';

  async function call<T>(step: string, method: HttpMethod, path: string, body?: object, query?: Record<string, string>): Promise<T> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (method !== 'GET') headers['idempotency-key'] = randomUUID();
    const req: ApiRequest = { method, path, headers, query, body: body === undefined ? undefined : JSON.stringify(body) };
    const began = performance.now();
    try {
      const res = await target.send(req);
      const ms = performance.now() - began;
      if (res.status < 200 || res.status >= 300) {
        samples.push({ step, ms, error: `${res.status} ${JSON.stringify(res.body).slice(0, 200)}` });
        throw new Halt(step);
      }
      samples.push({ step, ms, error: null });
      return res.body as T;
    } catch (err) {
      if (err instanceof Halt) throw err;
      samples.push({ step, ms: performance.now() - began, error: err instanceof Error ? err.message : String(err) });
      throw new Halt(step);
    }
  }
  const expectThat = (what: string, ok: boolean): void => {
    if (!ok) violations.push(`resident ${n}: ${what}`);
  };

  try {
    token = (await call<{ token: string }>('session', 'POST', '/identity/session', { code: `load-${n}` })).token;
    const sms = await call<unknown>('sms', 'POST', '/identity/sms', { mobile: person.mobile });
    const code = target.smsCode(person.mobile, sms);
    expectThat('an SMS code was sent', code !== null);
    await call('verify', 'POST', '/identity/verify', { name: person.name, idNumber: person.idNumber, mobile: person.mobile, smsCode: code ?? '' });
    const me = await call<WhoAmIResponse>('me', 'GET', '/identity/me');
    expectThat('verified', me.level === 'verified' && me.profile !== null);
    const vehicles = await call<VehiclesResponse>('vehicles', 'GET', '/fines/vehicles');
    expectThat('a new resident has no vehicles', vehicles.vehicles.length === 0);
    await call('companies', 'GET', '/bills/companies');
    const accounts = await call<AccountsResponse>('accounts', 'GET', '/bills/accounts');
    expectThat('a new resident has no accounts', accounts.items.length === 0);
    const hospitals = await call<HospitalsResponse>('hospitals', 'GET', '/health/hospitals');
    const hospital = await call<HospitalDetail>('hospital', 'GET', `/health/hospitals/${hospitals.items[n % hospitals.items.length].id}`);
    const adult = hospital.departments.filter((d) => d.maxAge === null);
    const department = await call<DepartmentResponse>('department', 'GET', `/health/departments/${adult[Math.floor(n / hospitals.items.length) % adult.length].id}`);
    const doctor = await call<DoctorResponse>('doctor', 'GET', `/health/doctors/${department.doctors[n % department.doctors.length].id}`);
    const days = doctor.days.filter((day) => day.slots.some((slot) => slot.remaining > 0));
    const day = days[n % Math.max(1, days.length)];
    const slot = day?.slots.find((s) => s.remaining > 0);
    expectThat('the doctor has a free place', slot !== undefined);
    if (!slot) return outcome;
    const booking = await call<Booking>('book', 'POST', '/health/bookings', { slotId: slot.id, departmentId: department.department.id, patientId: 'self' });
    outcome.booking = { id: booking.id, slotId: slot.id, capacity: slot.capacity };
    expectThat('a new booking waits for its fee', booking.status === 'pending-payment');
    const order = await call<PaymentOrder>('order', 'POST', '/payments/orders', { items: [{ agency: 'health', itemId: booking.id }], totalFen: booking.feeFen });
    outcome.orderId = order.id;
    expectThat('the order is pending with pay parameters', order.status === 'pending' && order.payParams !== null);
    const began = performance.now();
    const paid = order.payParams ? await target.pay(order.payParams) : { paid: false };
    samples.push({ step: 'pay', ms: performance.now() - began, error: paid.paid ? null : 'WeChat Pay refused' });
    const settled = await call<PaymentOrder>('order-status', 'GET', `/payments/orders/${order.id}`);
    expectThat('the order is paid with a receipt', settled.status === 'paid' && typeof settled.reference === 'string');
    const after = await call<Booking>('booking', 'GET', `/health/bookings/${booking.id}`);
    expectThat('the booking is booked and paid', after.status === 'booked' && after.paidAt !== null);
    const records = await call<RecordsResponse>('records', 'GET', '/records');
    expectThat('one record of the payment', records.items.filter((r) => r.reference === settled.reference).length === 1);
    await call('services', 'GET', '/reports/services');
    const filed = await call<CreateReportResponse>('report', 'POST', '/reports', {
      serviceCode: 'blocked-drain', description: `路口的雨水箅子被落叶堵住了（${n} 号）`, location: { address: `天河路 ${n + 1} 号门前`, district: 'tianhe' }, photoIds: [], contact: null, keepNamePrivate: false, attributes: {},
    });
    const mine = await call<ReportsResponse>('my-reports', 'GET', '/reports', undefined, { offset: '0', limit: '20' });
    expectThat('the report filed is among mine, once', mine.items.filter((r) => r.id === filed.report.id).length === 1 && mine.total === 1);
  } catch (err) {
    if (!(err instanceof Halt)) throw err;
  }
  return outcome;
}
