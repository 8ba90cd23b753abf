// The world one generated sequence runs in: the government (over a storage Map it can restart from),
// the simulated WeChat Pay beside it, and the fixture every sequence starts from (built once per file).
import type { ApiRequest, ApiResponse } from '../../miniprogram/contracts/http';
import type { Profile, WhoAmIResponse } from '../../miniprogram/contracts/identity';
import type { ReportsResponse, ServiceDefinition } from '../../miniprogram/contracts/reports';
import type { DoctorResponse } from '../../miniprogram/contracts/health';
import type { NoticesResponse } from '../../miniprogram/contracts/fines';
import type { StartCaseResponse } from '../../miniprogram/contracts/civil';
import { createGovernment, type Government } from '../../miniprogram/mock/index';
import { createSecureRandom, defaultRandomBytes } from '../../miniprogram/mock/random';
import { createWeChatPay, type WeChatPay } from '../../miniprogram/mock/wechat-pay';
import { createEmbeddedTransport } from '../../miniprogram/mock/transport';
import type { Transport } from '../../miniprogram/core/transport';
import { fake } from '../helpers/fake-wx';
import { TEST_MERCHANT_KEY, createClock, createTestGovernment, memoryStorage, verifiedToken, type TestClock } from '../helpers/government';

/** The phones a sequence may run on: 李明 (a car with fines, a shared flat's electricity) and 刘洋 (invited to marry). */
export type PhoneKey = 'r02' | 'r05';

export interface PhoneFixture {
  key: PhoneKey;
  token: string;
  profile: Profile;
  /** The proof this resident binds the shared flat's electricity account with (surname or flat number). */
  proof: string;
  /** The reports the seed gives this resident. */
  seededReports: string[];
}

export interface FixtureNotice { id: string; dueFen: number }
export interface FixtureSlot { slotId: string; departmentId: string; date: string }

export interface Fixture {
  stored: Map<string, string>;
  startAt: number;
  phones: Record<PhoneKey, PhoneFixture>;
  /** 李明's unpaid notices (粤B12345 bound in the fixture). */
  notices: FixtureNotice[];
  /** Free places of one doctor, on different days. */
  slots: FixtureSlot[];
  /** 张伟's marriage case and its invitation, for 刘洋. */
  invitation: { code: string; caseId: string };
  /** The report category the sequences file (no required extra field). */
  reportService: string;
}

/** The account both residents may bind (a shared flat). */
export const SHARED_ACCOUNT = { utility: 'electricity', companyId: 'gz-power', accountNumber: '0300000002' } as const;
export const REPORT_SERVICE = 'blocked-drain';

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

async function must<T>(government: Government, req: ApiRequest): Promise<T> {
  const res = await government.handle(req);
  if (res.status >= 300) throw new Error(`fixture step ${req.method} ${req.path} answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** Built once per file: the residents verified, the car bound, the invitation made; every sequence copies what was stored. */
export async function buildFixture(): Promise<Fixture> {
  const gov = createTestGovernment(createClock());
  const g = gov.government;
  const li = await verifiedToken(g, 'r02');
  const liu = await verifiedToken(g, 'r05');
  const zhang = await verifiedToken(g, 'r04');
  const reportsOf = async (token: string): Promise<string[]> =>
    (await must<ReportsResponse>(g, { method: 'GET', path: '/reports', query: { offset: '0', limit: '50' }, headers: bearer(token) })).items.map((r) => r.id);
  const profileOf = async (token: string): Promise<Profile> => {
    const me = await must<WhoAmIResponse>(g, { method: 'GET', path: '/identity/me', headers: bearer(token) });
    if (!me.profile) throw new Error('fixture resident not verified');
    return me.profile;
  };
  const car = await must<{ id: string }>(g, { method: 'POST', path: '/fines/vehicles', headers: bearer(li), body: JSON.stringify({ plate: '粤B12345', plateType: 'small', vinLast6: '183745' }) });
  const notices = (await must<NoticesResponse>(g, { method: 'GET', path: `/fines/vehicles/${car.id}/notices`, headers: bearer(li) })).items
    .filter((n) => n.status === 'unpaid')
    .slice(0, 3)
    .map((n) => ({ id: n.id, dueFen: n.dueFen }));
  const started = await must<StartCaseResponse>(g, {
    method: 'POST', path: '/civil/cases', headers: { ...bearer(zhang), 'idempotency-key': 'fixture-case' }, body: JSON.stringify({ kind: 'marriage', declaration: true }),
  });
  const slots = await freeSlots(g, li);
  // A definition read once, so the category is known to exist with no required extra field.
  const definition = await must<ServiceDefinition>(g, { method: 'GET', path: `/reports/services/${REPORT_SERVICE}`, headers: bearer(li) });
  if (definition.attributes.some((a) => a.required)) throw new Error(`${REPORT_SERVICE} has a required extra field`);
  return {
    stored: new Map(gov.stored),
    startAt: gov.clock.now(),
    phones: {
      r02: { key: 'r02', token: li, profile: await profileOf(li), proof: '李', seededReports: await reportsOf(li) },
      r05: { key: 'r05', token: liu, profile: await profileOf(liu), proof: '0801', seededReports: await reportsOf(liu) },
    },
    notices,
    slots,
    invitation: { code: started.invitation.code, caseId: started.invitation.caseId },
    reportService: REPORT_SERVICE,
  };
}

/** Four places with room of one general doctor, each on another day (one booking per department a day). */
async function freeSlots(g: Government, token: string): Promise<FixtureSlot[]> {
  const hospitals = await must<{ items: { id: string }[] }>(g, { method: 'GET', path: '/health/hospitals', headers: bearer(token) });
  for (const hospital of hospitals.items) {
    const detail = await must<{ departments: { id: string; maxAge: number | null }[] }>(g, { method: 'GET', path: `/health/hospitals/${hospital.id}`, headers: bearer(token) });
    for (const department of detail.departments.filter((d) => d.maxAge === null)) {
      const dept = await must<{ doctors: { id: string }[] }>(g, { method: 'GET', path: `/health/departments/${department.id}`, headers: bearer(token) });
      for (const doctor of dept.doctors) {
        const answer = await must<DoctorResponse>(g, { method: 'GET', path: `/health/doctors/${doctor.id}`, headers: bearer(token) });
        const days = answer.days
          .map((day) => ({ date: day.date, slot: day.slots.find((slot) => slot.remaining >= 2) }))
          .filter((day): day is { date: string; slot: NonNullable<typeof day.slot> } => day.slot !== undefined);
        if (days.length >= 4) return days.slice(0, 4).map((day) => ({ slotId: day.slot.id, departmentId: department.id, date: day.date }));
      }
    }
  }
  throw new Error('fixture: no doctor with four free days');
}

/** What WeChat Pay charged, as the payer's sheet saw it. */
export interface Charge { orderId: string; transactionId: string }

export class World {
  readonly stored: Map<string, string>;
  readonly clock: TestClock;
  readonly weChatPay: WeChatPay & { connect(notify: (req: ApiRequest) => Promise<ApiResponse>): void };
  government: Government;
  /** While set, WeChat Pay takes payments but its notification is late (delivered by `deliverNotices`). */
  holdNotices = false;

  constructor(readonly fixture: Fixture) {
    this.stored = new Map(fixture.stored);
    this.clock = createClock(fixture.startAt);
    this.weChatPay = createWeChatPay({ merchantKey: TEST_MERCHANT_KEY, clock: this.clock, random: createSecureRandom(defaultRandomBytes()) });
    this.government = this.start();
    // wx.requestPayment in the fake wx pays through this WeChat Pay, which then notifies the government.
    fake.payOnWeChat = async (params) => {
      const outcome = this.weChatPay.pay(params);
      if (!outcome.paid) return outcome.reason === 'ORDER_PAID' ? 'order already paid' : `payment refused (${outcome.reason})`;
      if (!this.holdNotices) await this.weChatPay.deliver();
      return null;
    };
  }

  private start(): Government {
    const government = createGovernment({
      clock: this.clock,
      seed: 7,
      secret: 'test-secret',
      storage: memoryStorage(this.stored),
      config: { exposeSmsCode: true, allowSimulatedFace: true },
      merchant: { key: TEST_MERCHANT_KEY, refund: (orderId, reference, amountFen) => this.weChatPay.refund(orderId, reference, amountFen) },
    });
    this.weChatPay.connect((req) => government.handle(req));
    return government;
  }

  /** The government process dies and starts again from what it stored. */
  restartGovernment(): void {
    this.government = this.start();
  }

  /** The wire to whichever government runs now, serialised both ways. */
  wire(): Transport {
    return createEmbeddedTransport(this.government, { latencyMs: 0 });
  }

  /** WeChat Pay sends the notifications the government has not acknowledged yet. */
  async deliverNotices(): Promise<void> {
    this.holdNotices = false;
    await this.weChatPay.deliver();
  }

  /** Whether the government has taken WeChat Pay's notification for this order (false: late, or never paid). */
  notified(orderId: string): boolean {
    return this.weChatPay.inspect().transactions.some((tx) => tx.orderId === orderId && tx.acknowledged);
  }

  charges(): Charge[] {
    return this.weChatPay.inspect().transactions.map((tx) => ({ orderId: tx.orderId, transactionId: tx.transactionId }));
  }

  /** A read straight to the government, past every fault, as the resident. */
  async read<T>(token: string, path: string, query?: Record<string, string>): Promise<T> {
    return must<T>(this.government, { method: 'GET', path, query, headers: bearer(token) });
  }
}
