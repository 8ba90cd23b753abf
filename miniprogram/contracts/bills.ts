// Utilities agency contract: the city's electricity, water and gas companies, the accounts (户号) a
// person binds, their monthly bills with tiered prices, arrears and the late fee, paid through the shared
// payments flow one account or all at once.

/** The agency's name: the key of its state and of its items in payment orders. */
export const UTILITIES_AGENCY = 'utilities';
/** The kind of payment line a bill is. */
export const BILL_ITEM_KIND = 'utility-bill';

export const UTILITIES = ['electricity', 'water', 'gas'] as const;
export type Utility = (typeof UTILITIES)[number];

/** Accounts a person may bind, and bills kept per account. */
export const MAX_ACCOUNTS = 10;
export const HISTORY_MONTHS = 12;
/** A label the person gives an account ("Home", "Parents' flat"). */
export const LABEL_MAX_CHARS = 12;
/** Failed binds (unknown account, wrong proof) a person may make in a day, then 429. */
export const BIND_TRIES_PER_DAY = 10;
/** Wrong proofs one account may take in a day, from everyone together, before it refuses checks until the next day. */
export const PROOF_TRIES_PER_ACCOUNT_PER_DAY = 5;

export interface LocalText { zh: string; en: string }

/** A company of the city serving one utility, and the shape of its account numbers. */
export interface Company {
  id: string;
  utility: Utility;
  name: LocalText;
  /** Account numbers are exactly this many digits. */
  accountLength: number;
  /** What an account number looks like, for the form's hint (e.g. "0300123456"). */
  accountExample: string;
  hotline: string;
}

export interface CompaniesResponse { items: Company[] }

export interface CheckAccountRequest {
  utility: Utility;
  companyId: string;
  accountNumber: string;
  /** What the person knows of the account: the holder's surname (王) or the flat number (1203). */
  proof: string;
}

/** What the government shows before binding, for the person to confirm it is theirs. */
export interface AccountPreview {
  utility: Utility;
  companyId: string;
  accountMasked: string;
  holderMasked: string;
  addressMasked: LocalText;
}

export interface BindAccountRequest extends CheckAccountRequest {
  label: string;
}

export interface RenameAccountRequest { label: string }

export interface AccountSummary {
  /** This person's binding (another person binding the same account gets another id). */
  id: string;
  utility: Utility;
  companyId: string;
  company: LocalText;
  label: string;
  accountMasked: string;
  holderMasked: string;
  addressMasked: LocalText;
  /** Unpaid bills' amounts and late fees, today. */
  dueFen: number;
  unpaidCount: number;
  /** The earliest due date among unpaid bills (CST date), or null. */
  nextDue: string | null;
  /** Some unpaid bill is past its due date. */
  overdue: boolean;
  boundAt: number;
}

export interface AccountsResponse {
  items: AccountSummary[];
  max: number;
  /** What the home of the service shows: all that is due, and the nearest due date. */
  summary: { dueFen: number; unpaidCount: number; nextDue: string | null; accountsDue: number };
}

/** One price tier of a bill (electricity: 0-200, 201-400, over 400 kWh a month). */
export interface BillTier {
  tier: number;
  /** Usage range of the tier in the bill's unit: above `from`, up to and including `to` (null for the last). */
  from: number;
  to: number | null;
  usage: number;
  /** Price per unit in 1/10000 yuan (0.5883 yuan/kWh is 5883). */
  price: number;
  amountFen: number;
}

export interface BillPayment { at: number; amountFen: number; reference: string; orderId: string }

export interface Bill {
  id: string;
  /** YYYY-MM, the month used. */
  period: string;
  /** CST dates of the meter readings. */
  readFrom: string;
  readTo: string;
  usage: number;
  unit: 'kWh' | 'm3';
  tiers: BillTier[];
  amountFen: number;
  /** CST date the bill is due. */
  dueDate: string;
  status: 'unpaid' | 'paid';
  /** Days after the due date (CST), 0 when not late or paid. */
  daysLate: number;
  /** Computed only by the government: a rate per day on the bill's arrears, at least a minimum. */
  lateFeeFen: number;
  /** What paying it costs today: amount plus late fee; 0 once paid. */
  dueFen: number;
  /**
   * Paid by this person (with the receipt), by someone else sharing the account, outside this app (at a
   * bank or counter, before the account was added), or not paid.
   */
  paidBy: 'you' | 'other' | 'elsewhere' | null;
  payment: BillPayment | null;
}

/** How the late fee is computed for a utility, for the words under a bill. */
export interface LateFeeRule {
  /** Per day, in 1/10000 of the arrears (10 = 1 per mille). */
  ratePerDay: number;
  minFen: number;
}

export interface AccountDetail {
  account: AccountSummary;
  /** The latest bill; null for an account without bills yet. */
  current: Bill | null;
  /** Unpaid bills, oldest first: paying the account pays all of them. */
  unpaid: Bill[];
  /** The last 12 bills, newest first (the chart shows them oldest first). */
  history: Bill[];
  lateFee: LateFeeRule;
}

export type BillsErrorCode =
  | 'UNKNOWN_COMPANY'
  | 'COMPANY_UTILITY_MISMATCH'
  | 'ACCOUNT_NOT_FOUND'
  | 'PROOF_MISMATCH'
  | 'ALREADY_BOUND'
  | 'ACCOUNT_LIMIT';
