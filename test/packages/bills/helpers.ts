// Puts government-side facts in place for bills page tests: bound accounts, their detail, a paid bill.
// Every call goes through the government's own endpoints, as the app's would.
import type { AccountDetail, AccountSummary, Utility } from '../../../miniprogram/contracts/bills';
import type { PaymentOrder } from '../../../miniprogram/contracts/payments';
import { payOrder, type TestGovernment } from '../../helpers/government';

/** The documented accounts (docs/test-residents.md): number, company, utility and a proof that matches. */
export const ACCOUNTS = {
  wangPower: { accountNumber: '0300000001', companyId: 'gz-power', utility: 'electricity', proof: '王' },
  wangWater: { accountNumber: '1100000001', companyId: 'gz-water', utility: 'water', proof: '1203' },
  wangGas: { accountNumber: '2200000001', companyId: 'gz-gas', utility: 'gas', proof: '王' },
  liPower: { accountNumber: '0300000002', companyId: 'gz-power', utility: 'electricity', proof: '李' },
} as const satisfies Record<string, { accountNumber: string; companyId: string; utility: Utility; proof: string }>;
export type AccountKey = keyof typeof ACCOUNTS;

/** Zhao Lei's (r06) ten flats: electricity accounts 0300100001..0300100010, proof 赵. */
export const landlordFlat = (i: number) => ({ accountNumber: `03001000${String(i + 1).padStart(2, '0')}`, companyId: 'gz-power', utility: 'electricity' as const, proof: '赵' });

let keys = 0;

export async function call<T>(gov: TestGovernment, token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: object): Promise<T> {
  keys += 1;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (method !== 'GET') headers['idempotency-key'] = `bills-helper-${keys}`;
  const res = await gov.government.handle({ method, path, headers, body: body && JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** Binds an account as the person (by its key in ACCOUNTS, or a number with its company and proof). */
export function bindAs(gov: TestGovernment, token: string, account: AccountKey | { accountNumber: string; companyId: string; utility: Utility; proof: string }, label = '家'): Promise<AccountSummary> {
  const request = typeof account === 'string' ? ACCOUNTS[account] : account;
  return call<AccountSummary>(gov, token, 'POST', '/bills/accounts', { ...request, label });
}

export const accountOf = (gov: TestGovernment, token: string, id: string): Promise<AccountDetail> => call<AccountDetail>(gov, token, 'GET', `/bills/accounts/${id}`);

/** Pays every unpaid bill of the account through the shared payments flow; the account as it is then. */
export async function payAccount(gov: TestGovernment, token: string, id: string): Promise<AccountDetail> {
  const detail = await accountOf(gov, token, id);
  const order = await call<PaymentOrder>(gov, token, 'POST', '/payments/orders', {
    items: detail.unpaid.map((bill) => ({ agency: 'utilities', itemId: bill.id })),
    totalFen: detail.unpaid.reduce((sum, bill) => sum + bill.dueFen, 0),
  });
  await payOrder(gov, order);
  return accountOf(gov, token, id);
}
