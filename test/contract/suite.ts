// What every contract test file shares: both targets, the app wired to one (its transport, WeChat Pay on
// the device paying through that government's WeChat Pay), residents signed in through the identity
// service, and raw requests for the attacker's answers a service would never send.
import type { BindVehicleRequest, FineNotice, VehicleSummary } from '../../miniprogram/contracts/fines';
import type { Profile } from '../../miniprogram/contracts/identity';
import type { ApiRequest, ApiResponse, HttpMethod } from '../../miniprogram/contracts/http';
import { ServiceError } from '../../miniprogram/core/errors';
import { clearSession, saveSession } from '../../miniprogram/core/session';
import { useTransport } from '../../miniprogram/services/api';
import { bindVehicle, listNotices, listVehicles } from '../../miniprogram/services/fines';
import { ensureSession, sendSmsCode, verifyIdentity } from '../../miniprogram/services/identity';
import { fake } from '../helpers/fake-wx';
import { resident } from '../helpers/government';
import { embeddedTarget, httpTarget, type ContractTarget } from './targets';

export type { ContractTarget };

/** Both targets, for `describe.each`: the embedded government, then the same over HTTP. */
export const targets = (): [string, ContractTarget][] => [
  ['embedded', embeddedTarget()],
  ['http', httpTarget()],
];

interface Signed { token: string; profile: Profile }
const signedIn = new WeakMap<ContractTarget, Map<string, Signed>>();

/**
 * Starts the target for this describe block and points the app at it before each test: its transport
 * (no waiting between read retries), WeChat Pay on the device paying through the target, nobody signed in.
 */
export function useTarget(target: ContractTarget): void {
  beforeAll(() => target.start());
  afterAll(() => target.stop());
  beforeEach(() => {
    useTransport(target.transport, { retryBaseDelayMs: 1 });
    clearSession();
    fake.payOnWeChat = (params) =>
      target.pay(params).then(
        () => null,
        (err: unknown) => (err instanceof Error && /ORDER_PAID/.test(err.message) ? 'order already paid' : `payment refused (${String(err)})`),
      );
  });
}

/** The government from the seed again: what was done before is gone (and so are the sign-ins). */
export async function freshGovernment(target: ContractTarget): Promise<void> {
  await target.reset();
  signedIn.delete(target);
}

/**
 * Signs a documented resident in as the app does (session, SMS code, verification) the first time, and
 * afterwards puts that session back on the device (a code a minute per number is the government's limit).
 */
export async function signIn(target: ContractTarget, key: string): Promise<string> {
  const known = signedIn.get(target) ?? new Map<string, Signed>();
  signedIn.set(target, known);
  const kept = known.get(key);
  if (kept) {
    await saveSession(kept.token, kept.profile);
    return kept.token;
  }
  const person = resident(key);
  clearSession();
  await ensureSession();
  await sendSmsCode(person.mobile);
  const profile = await verifyIdentity({ name: person.name, idNumber: person.idNumber, mobile: person.mobile, smsCode: target.smsCode(person.mobile) });
  const session = await ensureSession();
  if (!session.token) throw new Error('no token after verification');
  known.set(key, { token: session.token, profile });
  return session.token;
}

let rawKeys = 0;

/** A request as an attacker or a broken client would send it, straight through the target's transport. */
export function raw(target: ContractTarget, method: HttpMethod, path: string, options: { token?: string; body?: string; key?: string; query?: Record<string, string> } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (method !== 'GET') {
    rawKeys += 1;
    headers['idempotency-key'] = options.key ?? `contract-raw-${rawKeys}`;
  }
  const req: ApiRequest = { method, path, headers, body: options.body, query: options.query };
  return target.transport.send(req);
}

/** The error code of an answer (`{ error: { code } }`), or null. */
export function codeOf(res: ApiResponse): string | null {
  const { body } = res;
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

/** The ServiceError a call was refused with (fails when it succeeded or failed otherwise). */
export async function refusal(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof ServiceError) return err;
    throw err;
  }
  throw new Error('expected the government to refuse');
}

/** Status and code of a refusal, for one toEqual. */
export async function refused(call: Promise<unknown>): Promise<[number, string]> {
  const err = await refusal(call);
  return [err.status, err.code];
}

/** The documented vehicles (docs/api.md, the police seed): plate, type and the VIN's last 6. */
export const VEHICLES = {
  liSmall: { plate: '粤B12345', plateType: 'small', vinLast6: '183745' },
  liNewEnergy: { plate: '粤BD12345', plateType: 'new-energy', vinLast6: '604219' },
  liSpare: { plate: '粤B5Z6R8', plateType: 'small', vinLast6: '102938' },
  zhaoSmall: { plate: '粤A88888', plateType: 'small', vinLast6: '200001' },
  zhouLarge: { plate: '粤E12345', plateType: 'large', vinLast6: '512345' },
} as const satisfies Record<string, BindVehicleRequest>;

/** The signed-in resident's binding of this vehicle: bound now through the service, or the one bound earlier. */
export async function carOf(vehicle: BindVehicleRequest): Promise<VehicleSummary> {
  const bound = (await listVehicles()).vehicles.find((v) => v.plate === vehicle.plate);
  return bound ?? bindVehicle(vehicle);
}

/** The unpaid notices of a bound vehicle (the first page). */
export async function unpaidNotices(vehicleId: string): Promise<FineNotice[]> {
  return (await listNotices(vehicleId, 0, 50)).items.filter((n) => n.status === 'unpaid');
}
