// The mocked utilities agency: the city's electricity, water and gas companies. A person binds an
// account (户号) by its number and something only a member of the household knows (the holder's surname or
// the flat number), after seeing whose it is, masked; failed tries are limited per day. Monthly bills
// follow from the seed's tariffs (Guangdong's household electricity tiers), the late fee is computed
// here only, and bills are paid through the shared payments flow, one account or all at once. Several
// people may bind one account (a shared flat); each sees only the payments they made.
import {
  BILL_ITEM_KIND,
  BIND_TRIES_PER_DAY,
  PROOF_TRIES_PER_ACCOUNT_PER_DAY,
  HISTORY_MONTHS,
  LABEL_MAX_CHARS,
  MAX_ACCOUNTS,
  UTILITIES,
  UTILITIES_AGENCY,
  type AccountDetail,
  type AccountPreview,
  type AccountSummary,
  type AccountsResponse,
  type Bill,
  type BillPayment,
  type BillTier,
  type CompaniesResponse,
  type Company,
  type LocalText,
  type Utility,
} from '../../../contracts/bills';
import { cstDaysBetween, cstMidnight, cstParts, formatCivilDate, type CivilDate } from '../../../core/dates';
import { maskName } from '../../../core/validation';
import type { Agency, AgencyKit } from '../../../mock/agency';
import type { Forget } from '../../../mock/erasure';
import type { PayableSource } from '../../../mock/payments';
import type { Context, PayerContext, Route, VerifiedContext } from '../../../mock/router';
import type { GovernmentState } from '../../../mock/store';
import { COMPANIES, SEED_ACCOUNTS, TARIFFS, type SeedAccount } from './seed';

interface Binding { id: string; companyId: string; number: string; label: string; boundAt: number }
interface StoredPayment extends BillPayment { personId: string }

/** What is stored: each person's bindings, and every bill paid through the app (by bill id). */
export interface UtilitiesState {
  bindings: Record<string, Binding[]>;
  payments: Record<string, StoredPayment>;
}

/** A month of one account: YYYY-MM as a number of months since year 0, for arithmetic. */
type MonthIndex = number;
const monthOf = (date: CivilDate): MonthIndex => date.year * 12 + (date.month - 1);
const periodText = (m: MonthIndex): string => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
const dayIn = (m: MonthIndex, day: number): CivilDate => ({ year: Math.floor(m / 12), month: (m % 12) + 1, day });
const lastDayOf = (m: MonthIndex): number => new Date(Date.UTC(Math.floor(m / 12), (m % 12) + 1, 0)).getUTCDate();

/** How a receipt names the bill (the pay subpackage words its lines from the detail). */
const UTILITY_NAMES: Record<Utility, LocalText> = { electricity: { zh: '电费', en: 'Electricity' }, water: { zh: '水费', en: 'Water' }, gas: { zh: '燃气费', en: 'Gas' } };

const ACCOUNT_KEY = (companyId: string, number: string): string => `${companyId}|${number}`;

export interface UtilitiesAgency extends Agency {
  /** For tests: the stored state, and the seed's accounts. */
  utilitiesState(state: GovernmentState): UtilitiesState | undefined;
  accounts: readonly SeedAccount[];
}

export function createAgency(kit: AgencyKit): UtilitiesAgency {
  const { dict, own, agencyState, peekAgency } = kit.store;
  const { BodyReader, HttpError, notFound, conflict } = kit.http;
  const { ok, created } = kit.reply;

  const companies = dict<Company>();
  COMPANIES.forEach((company) => {
    companies[company.id] = company;
  });
  const accounts = dict<SeedAccount>();
  SEED_ACCOUNTS.forEach((account) => {
    accounts[ACCOUNT_KEY(account.companyId, account.number)] = account;
  });

  const utilitiesOf = (ctx: Context): UtilitiesState => agencyState<UtilitiesState>(ctx.state, UTILITIES_AGENCY, () => ({ bindings: dict(), payments: dict() }));
  const readState = (ctx: Context): UtilitiesState => peekAgency<UtilitiesState>(ctx.state, UTILITIES_AGENCY) ?? { bindings: dict(), payments: dict() };

  // ---- bills ----

  const roll = (text: string): number => parseInt(kit.random.hashKey(text).slice(9, 17), 16) / 0x100000000;

  /** The latest month whose bill is issued at `at` (issued on `issueDay` of the next month). */
  function latestIssued(utility: Utility, at: number): MonthIndex {
    const today = cstParts(at);
    return monthOf(today) - (today.day >= TARIFFS[utility].issueDay ? 1 : 2);
  }

  function usageOf(account: SeedAccount, company: Company, m: MonthIndex): number {
    const tariff = TARIFFS[company.utility];
    const month = (m % 12) + 1;
    // Summer air conditioning in Guangzhou; a little more gas and hot water in winter.
    const season = company.utility === 'electricity' ? (month >= 6 && month <= 9 ? 1.45 : month <= 2 || month === 12 ? 0.9 : 1) : month <= 2 || month === 12 ? 1.2 : 1;
    const raw = tariff.typical * season + (roll(`usage|${account.companyId}|${account.number}|${m}`) - 0.5) * tariff.spread;
    return Math.max(1, Math.round(raw));
  }

  function tiersOf(utility: Utility, usage: number): BillTier[] {
    let from = 0;
    const tiers: BillTier[] = [];
    TARIFFS[utility].tiers.forEach((tier, i) => {
      if (from >= usage && i > 0) return;
      const to = tier.upTo;
      const used = Math.max(0, Math.min(usage, to ?? usage) - from);
      tiers.push({ tier: i + 1, from, to, usage: used, price: tier.price, amountFen: Math.round((used * tier.price) / 100) });
      from = to ?? usage;
    });
    return tiers;
  }

  const billId = (account: SeedAccount, m: MonthIndex): string => `${account.companyId}.${account.number}.${periodText(m).replace('-', '')}`;

  /** Whether a month's bill was paid before the government first ran (outside the app: bank, counter). */
  function paidBefore(ctx: Context, account: SeedAccount, company: Company, m: MonthIndex): boolean {
    const latestAtFirstRun = latestIssued(company.utility, ctx.state.meta.firstRunAt);
    if (m > latestAtFirstRun) return false;
    return !account.unpaidBack.some((back) => latestAtFirstRun - (back - 1) === m);
  }

  function billOf(ctx: PayerContext, state: UtilitiesState, account: SeedAccount, company: Company, m: MonthIndex): Bill {
    const tariff = TARIFFS[company.utility];
    const usage = usageOf(account, company, m);
    const tiers = tiersOf(company.utility, usage);
    const amountFen = tiers.reduce((sum, tier) => sum + tier.amountFen, 0);
    const due = dayIn(m + 1, tariff.dueDay);
    const id = billId(account, m);
    const payment = own(state.payments, id);
    const before = paidBefore(ctx, account, company, m);
    const paid = payment !== undefined || before;
    const daysLate = paid ? 0 : Math.max(0, cstDaysBetween(cstMidnight(due), ctx.now));
    const lateFeeFen = daysLate > 0 ? Math.max(tariff.lateFee.minFen, Math.floor((amountFen * tariff.lateFee.ratePerDay * daysLate) / 10000)) : 0;
    const mine = payment !== undefined && payment.personId === ctx.person.id;
    return {
      id,
      period: periodText(m),
      readFrom: formatCivilDate(dayIn(m, 1)),
      readTo: formatCivilDate(dayIn(m, lastDayOf(m))),
      usage,
      unit: tariff.unit,
      tiers,
      amountFen,
      dueDate: formatCivilDate(due),
      status: paid ? 'paid' : 'unpaid',
      daysLate,
      lateFeeFen,
      dueFen: paid ? 0 : amountFen + lateFeeFen,
      paidBy: payment ? (mine ? 'you' : 'other') : before ? 'elsewhere' : null,
      payment: mine ? { at: payment.at, amountFen: payment.amountFen, reference: payment.reference, orderId: payment.orderId } : null,
    };
  }

  /** Every bill of the account issued by now, newest first: the history's 12 and any older still unpaid. */
  function billsOf(ctx: PayerContext, state: UtilitiesState, account: SeedAccount, company: Company): Bill[] {
    const latest = latestIssued(company.utility, ctx.now);
    const earliest = latestIssued(company.utility, ctx.state.meta.firstRunAt) - (HISTORY_MONTHS - 1);
    const bills: Bill[] = [];
    for (let m = latest; m >= earliest; m -= 1) {
      const bill = billOf(ctx, state, account, company, m);
      if (bills.length < HISTORY_MONTHS || bill.status === 'unpaid') bills.push(bill);
    }
    return bills;
  }

  // ---- views ----

  const maskNumber = (number: string): string => `${'*'.repeat(number.length - 4)}${number.slice(-4)}`;
  /** The street kept, the building and flat numbers hidden (the flat number is a proof). */
  const maskAddress = (address: LocalText): LocalText => ({ zh: address.zh.replace(/\d+/g, '**'), en: address.en.replace(/\d+/g, '**') });

  function previewOf(account: SeedAccount, company: Company): AccountPreview {
    return { utility: company.utility, companyId: company.id, accountMasked: maskNumber(account.number), holderMasked: maskName(account.holder), addressMasked: maskAddress(account.address) };
  }

  function summaryOf(ctx: PayerContext, state: UtilitiesState, binding: Binding): { summary: AccountSummary; bills: Bill[] } {
    const account = accounts[ACCOUNT_KEY(binding.companyId, binding.number)];
    const company = companies[binding.companyId];
    const bills = billsOf(ctx, state, account, company);
    const unpaid = bills.filter((bill) => bill.status === 'unpaid');
    const nextDue = unpaid.map((bill) => bill.dueDate).sort()[0] ?? null;
    return {
      bills,
      summary: {
        id: binding.id,
        utility: company.utility,
        companyId: company.id,
        company: company.name,
        label: binding.label,
        accountMasked: maskNumber(account.number),
        holderMasked: maskName(account.holder),
        addressMasked: maskAddress(account.address),
        dueFen: unpaid.reduce((sum, bill) => sum + bill.dueFen, 0),
        unpaidCount: unpaid.length,
        nextDue,
        overdue: unpaid.some((bill) => bill.daysLate > 0),
        boundAt: binding.boundAt,
      },
    };
  }

  const bindingsOf = (state: UtilitiesState, personId: string): Binding[] => own(state.bindings, personId) ?? [];

  function ownBinding(ctx: PayerContext, state: UtilitiesState, id: string): Binding {
    const binding = bindingsOf(state, ctx.person.id).find((b) => b.id === id);
    if (!binding) throw notFound('No such account among yours');
    return binding;
  }

  // ---- handlers ----

  function listCompanies() {
    const answer: CompaniesResponse = { items: [...COMPANIES] };
    return ok(answer);
  }

  function listAccounts(ctx: VerifiedContext) {
    const state = readState(ctx);
    const items = bindingsOf(state, ctx.person.id).map((binding) => summaryOf(ctx, state, binding).summary);
    const due = items.filter((item) => item.dueFen > 0);
    const answer: AccountsResponse = {
      items,
      max: MAX_ACCOUNTS,
      summary: {
        dueFen: due.reduce((sum, item) => sum + item.dueFen, 0),
        unpaidCount: items.reduce((sum, item) => sum + item.unpaidCount, 0),
        nextDue: due.map((item) => item.nextDue ?? '').filter(Boolean).sort()[0] ?? null,
        accountsDue: due.length,
      },
    };
    return ok(answer);
  }

  function getAccount(ctx: VerifiedContext) {
    const state = readState(ctx);
    const binding = ownBinding(ctx, state, ctx.params.accountId);
    const { summary, bills } = summaryOf(ctx, state, binding);
    const answer: AccountDetail = {
      account: summary,
      current: bills[0] ?? null,
      unpaid: bills.filter((bill) => bill.status === 'unpaid').reverse(),
      history: bills.slice(0, HISTORY_MONTHS),
      lateFee: TARIFFS[companies[binding.companyId].utility].lateFee,
    };
    return ok(answer);
  }

  /** Full-width digits (a Chinese keyboard's) as ASCII ones. */
  const asciiDigits = (text: string): string => text.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
  /** A flat number compared as people type it ("0801", "801", "801房", "８０１"). */
  const flatOf = (text: string): string => asciiDigits(text).replace(/[室房号\s]/g, '').replace(/^0+/, '');
  /** The proof matches: the holder's surname or whole name, or the flat number. */
  const proves = (proof: string, account: SeedAccount): boolean =>
    proof === Array.from(account.holder)[0] || proof === account.holder || (flatOf(proof) !== '' && flatOf(proof) === flatOf(account.flat));

  /** The account a request names, when its proof matches; otherwise the reason, counting a failed try. */
  function provenAccount(ctx: VerifiedContext, reader: InstanceType<AgencyKit['http']['BodyReader']>): { account: SeedAccount; company: Company } {
    const utility = reader.string('utility', { max: 20 });
    const companyId = reader.string('companyId', { max: 40 });
    const number = reader.string('accountNumber', { max: 40 }).replace(/[\s-]/g, '');
    const proof = reader.string('proof', { max: 20, trim: true });
    if (utility && !UTILITIES.some((u) => u === utility)) reader.flag('utility', 'UNKNOWN_UTILITY');
    const company = companyId ? own(companies, companyId) : undefined;
    if (companyId && !company) reader.flag('companyId', 'UNKNOWN_COMPANY');
    if (number && !/^\d+$/.test(number)) reader.flag('accountNumber', 'ACCOUNT_DIGITS');
    else if (number && company && number.length !== company.accountLength) reader.flag('accountNumber', 'ACCOUNT_LENGTH');
    reader.done();
    if (!company) throw notFound('No such company');
    if (company.utility !== utility) {
      throw new HttpError(422, 'COMPANY_UTILITY_MISMATCH', 'That company does not supply this utility', { companyId: 'COMPANY_UTILITY_MISMATCH' });
    }
    kit.limits.check(ctx.state, 'accountBind', ctx.person.id, ctx.now, BIND_TRIES_PER_DAY, 'Too many accounts that did not match today');
    const account = own(accounts, ACCOUNT_KEY(company.id, number));
    if (!account) {
      kit.limits.count(ctx.state, 'accountBind', ctx.person.id, ctx.now);
      throw new HttpError(422, 'ACCOUNT_NOT_FOUND', 'There is no such account with this company', { accountNumber: 'ACCOUNT_NOT_FOUND' });
    }
    // An account's proof is counted for the account too, so several people cannot share the guessing.
    const accountKey = ACCOUNT_KEY(company.id, number);
    kit.limits.check(ctx.state, 'accountProof', accountKey, ctx.now, PROOF_TRIES_PER_ACCOUNT_PER_DAY, 'Too many wrong proofs for this account today');
    if (!proves(proof, account)) {
      kit.limits.count(ctx.state, 'accountBind', ctx.person.id, ctx.now);
      kit.limits.count(ctx.state, 'accountProof', accountKey, ctx.now);
      throw new HttpError(422, 'PROOF_MISMATCH', 'The surname or flat number does not match this account', { proof: 'PROOF_MISMATCH' });
    }
    return { account, company };
  }

  function refuseBound(ctx: VerifiedContext, account: SeedAccount): void {
    const state = peekAgency<UtilitiesState>(ctx.state, UTILITIES_AGENCY);
    const mine = state ? bindingsOf(state, ctx.person.id) : [];
    if (mine.some((b) => b.companyId === account.companyId && b.number === account.number)) {
      throw new HttpError(409, 'ALREADY_BOUND', 'You have already added this account', { accountNumber: 'ALREADY_BOUND' });
    }
  }

  function checkAccount(ctx: VerifiedContext) {
    const { account, company } = provenAccount(ctx, new BodyReader(ctx.body));
    refuseBound(ctx, account);
    return ok(previewOf(account, company));
  }

  function readLabel(reader: InstanceType<AgencyKit['http']['BodyReader']>): string {
    const label = reader.string('label', { max: 100, visibleOnly: true });
    if (Array.from(label).length > LABEL_MAX_CHARS) reader.flag('label', 'TOO_LONG');
    return label;
  }

  function bindAccount(ctx: VerifiedContext) {
    const reader = new BodyReader(ctx.body);
    const label = readLabel(reader);
    // A full list is said first: no number is looked up (nor a try counted) for a bind that cannot happen.
    const held = bindingsOf(readState(ctx), ctx.person.id).length;
    if (held >= MAX_ACCOUNTS) throw conflict('ACCOUNT_LIMIT', `You can add up to ${MAX_ACCOUNTS} accounts; remove one first`);
    const { account, company } = provenAccount(ctx, reader);
    refuseBound(ctx, account);
    const state = utilitiesOf(ctx);
    const mine = bindingsOf(state, ctx.person.id);
    const binding: Binding = { id: `ac-${ctx.random.hex(8)}`, companyId: company.id, number: account.number, label, boundAt: ctx.now };
    state.bindings[ctx.person.id] = [...mine, binding];
    return created(summaryOf(ctx, state, binding).summary);
  }

  function renameAccount(ctx: VerifiedContext) {
    const reader = new BodyReader(ctx.body);
    const label = readLabel(reader);
    reader.done();
    const state = utilitiesOf(ctx);
    const binding = ownBinding(ctx, state, ctx.params.accountId);
    binding.label = label;
    return ok(summaryOf(ctx, state, binding).summary);
  }

  function unbindAccount(ctx: VerifiedContext) {
    const state = utilitiesOf(ctx);
    const binding = ownBinding(ctx, state, ctx.params.accountId);
    state.bindings[ctx.person.id] = bindingsOf(state, ctx.person.id).filter((b) => b.id !== binding.id);
    return ok({ unbound: true });
  }

  // ---- payments and erasure ----

  /** The bill an item id names, if it is of an account the person has bound. */
  function billFor(ctx: PayerContext, state: UtilitiesState, itemId: string): { bill: Bill; binding: Binding; company: Company } | null {
    const [companyId, number, yyyymm] = itemId.split('.');
    if (!companyId || !number || !/^\d{6}$/.test(yyyymm ?? '')) return null;
    const binding = bindingsOf(state, ctx.person.id).find((b) => b.companyId === companyId && b.number === number);
    const account = own(accounts, ACCOUNT_KEY(companyId, number));
    const company = own(companies, companyId);
    if (!binding || !account || !company) return null;
    const bill = billsOf(ctx, state, account, company).find((b) => b.id === itemId);
    return bill ? { bill, binding, company } : null;
  }

  const billSource: PayableSource = {
    recordKind: 'bill-payment',
    quote(ctx, itemId) {
      const found = billFor(ctx, readState(ctx), itemId);
      if (!found) return null;
      const { bill, binding, company } = found;
      return {
        state: bill.status === 'paid' ? 'paid' : 'payable',
        kind: BILL_ITEM_KIND,
        amountFen: bill.status === 'paid' ? bill.amountFen : bill.dueFen,
        detail: {
          utility: company.utility,
          utilityName: UTILITY_NAMES[company.utility].zh,
          utilityNameEn: UTILITY_NAMES[company.utility].en,
          company: company.name.zh,
          companyEn: company.name.en,
          period: bill.period,
          account: maskNumber(binding.number),
          label: binding.label,
          arrearsFen: bill.amountFen,
          lateFeeFen: bill.lateFeeFen,
          daysLate: bill.daysLate,
        },
      };
    },
    settle(ctx, itemId, payment) {
      const state = utilitiesOf(ctx);
      if (!billFor(ctx, state, itemId) || own(state.payments, itemId)) return;
      state.payments[itemId] = { ...payment, personId: ctx.person.id };
    },
  };

  /**
   * Deleting a person's data unbinds their accounts and unlinks them from the bills they paid: those stay
   * paid (the companies' accounts; the payment itself is kept by the payments service), paid by nobody
   * anyone can name, even the same person verifying again.
   */
  const forgetUtilities: Forget = (state, personId) => {
    const stored = peekAgency<UtilitiesState>(state, UTILITIES_AGENCY);
    if (!stored) return { deleted: { utilityAccounts: 0 }, kept: [] };
    const kept = agencyState<UtilitiesState>(state, UTILITIES_AGENCY, () => stored);
    const bindings = bindingsOf(kept, personId).length;
    delete kept.bindings[personId];
    Object.values(kept.payments).forEach((payment) => {
      if (payment.personId === personId) payment.personId = '';
    });
    return { deleted: { utilityAccounts: bindings }, kept: [] };
  };

  const routes: Route[] = [
    { method: 'GET', path: '/bills/companies', auth: 'verified', summary: 'The city\'s electricity, water and gas companies and their account number formats', handle: listCompanies },
    { method: 'POST', path: '/bills/accounts/check', auth: 'verified', summary: 'Whose account it is (masked), when the holder\'s surname or flat number matches; binds nothing', handle: checkAccount },
    { method: 'GET', path: '/bills/accounts', auth: 'verified', summary: 'My accounts with what is due, and the total due with the nearest due date', handle: listAccounts },
    { method: 'POST', path: '/bills/accounts', auth: 'verified', summary: 'Add an account (number, company, proof, label); at most 10', handle: bindAccount },
    { method: 'GET', path: '/bills/accounts/:accountId', auth: 'verified', summary: 'One of my accounts: the current bill with its tiers, unpaid bills with late fees, the last 12 bills', handle: getAccount },
    { method: 'PUT', path: '/bills/accounts/:accountId', auth: 'verified', summary: 'Rename one of my accounts', handle: renameAccount },
    { method: 'DELETE', path: '/bills/accounts/:accountId', auth: 'verified', summary: 'Remove one of my accounts', handle: unbindAccount },
  ];

  return {
    name: UTILITIES_AGENCY,
    routes,
    payables: billSource,
    forget: forgetUtilities,
    utilitiesState: (state) => peekAgency<UtilitiesState>(state, UTILITIES_AGENCY),
    accounts: SEED_ACCOUNTS,
  };
}
