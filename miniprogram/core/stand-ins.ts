// Stand-ins for what only WeChat can do for a real government (show the resident an SMS, check a
// face, take a payment) while the app runs against a government that cannot ask WeChat. A release
// build installs none: there every one of these asks WeChat itself, and services never learn which
// government they talk to.
import type { SendSmsResponse } from '../contracts/identity';
import type { PaymentOrder } from '../contracts/payments';

export type WalletOutcome = 'paid' | 'cancelled' | 'failed';

/** The government's clock, which testers move forward by whole days (kept with the government). */
export interface TesterClock {
  now(): number;
  daysAhead(): number;
  /** Forward only: going back could put records made "later" before their cause. */
  moveForward(days: number): void;
}

/** What Me > Settings says about the testers' switches, in the current language. */
export interface TesterWords {
  fault: string;
  faultHint: string;
  clock: string;
  clockHint: string;
  clockDay: string;
  clockWeek: string;
  clockValue(date: string, daysAhead: number): string;
  clockMoved(date: string): string;
}

export interface StandIns {
  /** What to tell the resident about a code just sent (a tester cannot receive it), or ''. */
  codeNote(sent: SendSmsResponse): string;
  /** A face check the government accepts, or null when the tester cancels. */
  face(): Promise<string | null>;
  /** WeChat Pay's outcome for an order, picked by the tester where WeChat Pay cannot run. */
  wallet(order: PaymentOrder): Promise<WalletOutcome>;
  /** Lets a tester see due dates, deadlines and cooling-off periods pass without waiting. */
  clock: TesterClock;
  /** The words of the testers' switches (none of them ship in a release). */
  words(): TesterWords;
}

let installed: StandIns | null = null;

/** Set by the wiring (backend.ts) when it starts a government that needs them; null removes them. */
export function installStandIns(next: StandIns | null): void {
  installed = next;
}

export function standIns(): StandIns | null {
  return installed;
}
