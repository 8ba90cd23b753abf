// Puts government-side facts in place for civil tests: a started case with its code, an accepted one, a
// booked appointment, a divorce through its application. Every call goes through the government's own
// endpoints, as the app's would.
import type { CivilCase, OfficeDaysResponse, StartCaseResponse } from '../../../miniprogram/contracts/civil';
import { verifiedToken, type TestGovernment } from '../../helpers/government';

/** Any government the helpers can talk to: a test government, or one made on stored state (a restart). */
export type Gov = Pick<TestGovernment, 'government'>;

/** An office with open days, and the office whose Friday marriage quota is always full. */
export const OFFICE = 'gz-yuexiu';
export const BUSY_OFFICE = 'gz-tianhe';
/** The seeded marriages' certificate numbers. */
export const CERTIFICATES = { r02r03: 'J440305-2008-000316', r07r08: 'J440304-2023-002871', r12r13: 'J440106-2020-004512' } as const;
export const AGREEMENT = '双方自愿离婚。儿子由女方抚养，男方每月支付抚养费 2000 元；住房归男方，存款平分；无共同债务。';

let keys = 0;

export interface Answer<T> { status: number; body: T & { error?: { code: string; fields?: Record<string, string> } } }

/** One request as a verified person (a query may follow the path); `key` is the Idempotency-Key (a fresh one unless given). */
export async function request<T>(gov: Gov, token: string, method: 'GET' | 'POST', path: string, body?: object, key?: string): Promise<Answer<T>> {
  keys += 1;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (method !== 'GET') headers['idempotency-key'] = key ?? `civil-helper-${keys}`;
  const [bare, search] = path.split('?');
  const query = search ? Object.fromEntries(new URLSearchParams(search)) : undefined;
  return (await gov.government.handle({ method, path: bare, query, headers, body: body && JSON.stringify(body) })) as Answer<T>;
}

/** The same, failing the test on anything but success. */
export async function call<T>(gov: Gov, token: string, method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  const res = await request<T>(gov, token, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const startMarriage = (gov: Gov, token: string): Promise<StartCaseResponse> =>
  call<StartCaseResponse>(gov, token, 'POST', '/civil/cases', { kind: 'marriage', declaration: true });

export const startDivorce = (gov: Gov, token: string, certificateNumber: string = CERTIFICATES.r02r03): Promise<StartCaseResponse> =>
  call<StartCaseResponse>(gov, token, 'POST', '/civil/cases', { kind: 'divorce', certificateNumber, agreement: AGREEMENT, agreementAcknowledged: true });

export const accept = (gov: Gov, token: string, started: StartCaseResponse): Promise<CivilCase> =>
  call<CivilCase>(gov, token, 'POST', `/civil/cases/${started.case.id}/accept`, { code: started.invitation.code, declaration: true, agreementAcknowledged: true });

export const caseOf = (gov: Gov, token: string, id: string): Promise<CivilCase> => call<CivilCase>(gov, token, 'GET', `/civil/cases/${id}`);

export const daysOf = (gov: Gov, token: string, caseId: string, office = OFFICE): Promise<OfficeDaysResponse> =>
  call<OfficeDaysResponse>(gov, token, 'GET', `/civil/cases/${caseId}/offices/${office}/days`);

/** The first bookable day and window at the office for the case's next appointment. */
export async function firstOpen(gov: Gov, token: string, caseId: string, office = OFFICE, skip = 0): Promise<{ date: string; window: string }> {
  const { days } = await daysOf(gov, token, caseId, office);
  const open = days.filter((day) => day.status === 'available' || day.status === 'few');
  if (open.length <= skip) throw new Error(`no open day at ${office}`);
  return { date: open[skip].date, window: open[skip].windows[0].id };
}

/** Books the case's next appointment on the first open day at the office. */
export async function bookFirst(gov: Gov, token: string, caseId: string, office = OFFICE): Promise<CivilCase> {
  const day = await firstOpen(gov, token, caseId, office);
  return call<CivilCase>(gov, token, 'POST', `/civil/cases/${caseId}/appointments`, { officeId: office, ...day });
}

/** A marriage case of two residents, accepted (and booked when asked): the tokens and the case. */
export async function couple(gov: Gov, first = 'r04', second = 'r05', booked = false): Promise<{ a: string; b: string; started: StartCaseResponse; civilCase: CivilCase }> {
  const a = await verifiedToken(gov.government, first);
  const b = await verifiedToken(gov.government, second);
  const started = first === 'r02' || first === 'r03' || first === 'r07' || first === 'r08' || first === 'r12' || first === 'r13' ? await startDivorce(gov, a, certificateFor(first)) : await startMarriage(gov, a);
  let civilCase = await accept(gov, b, started);
  if (booked) civilCase = await bookFirst(gov, a, civilCase.id);
  return { a, b, started, civilCase };
}

function certificateFor(key: string): string {
  if (key === 'r07' || key === 'r08') return CERTIFICATES.r07r08;
  if (key === 'r12' || key === 'r13') return CERTIFICATES.r12r13;
  return CERTIFICATES.r02r03;
}
