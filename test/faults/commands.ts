// The resident's actions and the step faults as fast-check commands: each runs through the app (the
// faults it carries armed on the network first), checks its answers against the model, then moves the
// model on. A command's own checks count as invariant checks too.
import fc from 'fast-check';
import { acceptInvitation, bindAccount, bookSlot, cancelBooking, payBills, payBooking, payFine, submitReport, typeReport, type PayResult } from './app';
import { NETWORK_FAULTS, type NetworkFault } from './faults';
import { holds, type Model, type ModelBooking, type Sut } from './model';

type Command = fc.AsyncCommand<Model, Sut>;

/** Options every resident action carries: its network faults, a double tap, WeChat Pay's late notification arriving first. */
interface Step { faults: NetworkFault[]; doubleTap: boolean; notificationArrives: boolean }

const label = (step: Step): string =>
  [step.faults.length ? `faults=[${step.faults.join(',')}]` : '', step.doubleTap ? 'double-tap' : '', step.notificationArrives ? 'notification-arrives' : ''].filter(Boolean).join(' ');

let keys = 0;
/** A page's idempotency key: one per page opened (a restart opens a new page, so a new key). */
const pageKey = (what: string): string => `fault-${what}-${(keys += 1).toString(36)}`;

/** What every action does first: the clock moves on, a late notification may arrive, the faults are armed. */
async function begin(sut: Sut, step: Step): Promise<void> {
  sut.figures.commands += 1;
  sut.world.clock.advance(1000);
  if (step.notificationArrives) await sut.world.deliverNotices();
  sut.plan.arm(step.faults);
  if (step.doubleTap) sut.plan.count('double-tap');
}

/** One tap, or two at once on the same page (the same key). */
function taps<T>(step: Step, journey: () => Promise<T>): Promise<T[]> {
  return step.doubleTap ? Promise.all([journey(), journey()]) : journey().then((one) => [one]);
}

const chargedNow = (results: readonly (PayResult | { kind: string })[]): number => results.filter((r) => r.kind === 'charged' || r.kind === 'killed').length;

/** After a checkout: a late notification held, or the app killed right after WeChat Pay (reopened on the same phone). */
async function afterPay(sut: Sut, results: readonly (PayResult | { kind: string })[], late: boolean): Promise<void> {
  if (late && chargedNow(results) > 0) sut.plan.count('late-notification');
  if (results.some((r) => r.kind === 'killed')) {
    sut.plan.count('app-killed-after-pay');
    await sut.restartApp();
  }
}

/** A checkout as the command says: a late notification held, one or two taps, the app killed after WeChat Pay; with the charges WeChat Pay made. */
async function checkout<R extends { kind: string }>(
  sut: Sut, step: Step, options: { what: string; killAfterPay: boolean; late: boolean }, journey: (key: string, kill: boolean) => Promise<R>,
): Promise<{ results: R[]; charged: number }> {
  await begin(sut, step);
  const before = sut.world.charges().length;
  sut.world.holdNotices = options.late;
  const key = pageKey(options.what);
  const kill = options.killAfterPay && !step.doubleTap;
  const results = await taps(step, () => journey(key, kill));
  await afterPay(sut, results, options.late);
  return { results, charged: sut.world.charges().length - before };
}

class PayFine implements Command {
  constructor(readonly notice: number, readonly step: Step, readonly killAfterPay: boolean, readonly late: boolean) {}
  check = (m: Readonly<Model>): boolean => m.notices.size > 0;
  async run(m: Model, sut: Sut): Promise<void> {
    const ids = [...m.notices.keys()];
    const id = ids[this.notice % ids.length];
    const { results, charged } = await checkout(sut, this.step, { what: 'fine', killAfterPay: this.killAfterPay, late: this.late }, (key, kill) => payFine(sut.app, id, key, kill));
    if (m.notices.get(id) === 'unpaid') {
      holds(sut.figures, 'paying an unpaid notice charges it once', charged === 1, () => ({ id, results }));
      m.notices.set(id, 'charged');
    } else {
      holds(sut.figures, 'a charged notice is not charged again', charged === 0, () => ({ id, results }));
    }
  }
  toString = (): string => `PayFine(#${this.notice}${this.killAfterPay ? ' killed-after-pay' : ''}${this.late ? ' late-notification' : ''} ${label(this.step)})`;
}

class PayBills implements Command {
  constructor(readonly step: Step, readonly killAfterPay: boolean, readonly late: boolean) {}
  check = (m: Readonly<Model>): boolean => m.binding !== null;
  async run(m: Model, sut: Sut): Promise<void> {
    const { results, charged } = await checkout(sut, this.step, { what: 'bills', killAfterPay: this.killAfterPay, late: this.late }, (key, kill) => payBills(sut.app, key, kill));
    if (!m.billsCharged) {
      holds(sut.figures, 'paying the bills due charges them once', charged === 1, () => results);
      m.billsCharged = true;
    } else {
      holds(sut.figures, 'bills charged are not charged again', charged === 0, () => results);
    }
  }
  toString = (): string => `PayBills(${this.killAfterPay ? 'killed-after-pay ' : ''}${this.late ? 'late-notification ' : ''}${label(this.step)})`;
}

class PayBooking implements Command {
  constructor(readonly which: number, readonly step: Step, readonly killAfterPay: boolean, readonly late: boolean) {}
  check = (m: Readonly<Model>): boolean => m.bookings.size > 0;
  async run(m: Model, sut: Sut): Promise<void> {
    const ids = [...m.bookings.keys()];
    const id = ids[this.which % ids.length];
    const booking: ModelBooking = m.bookings.get(id) ?? { slot: 0, state: 'cancelled', orderId: null };
    const { results, charged } = await checkout(sut, this.step, { what: 'fee', killAfterPay: this.killAfterPay, late: this.late }, (key, kill) => payBooking(sut.app, id, key, kill));
    if (booking.state === 'pending-payment') {
      holds(sut.figures, 'paying a booking\'s fee charges it once', charged === 1, () => ({ id, results }));
      const paid = results.flatMap((r) => ('order' in r && (r.kind === 'charged' || r.kind === 'killed') ? [r.order.id] : []));
      m.bookings.set(id, { ...booking, state: 'booked', orderId: paid[0] ?? null });
    } else {
      holds(sut.figures, 'a booking paid or cancelled is not charged', charged === 0, () => ({ id, results }));
    }
  }
  toString = (): string => `PayBooking(#${this.which}${this.killAfterPay ? ' killed-after-pay' : ''}${this.late ? ' late-notification' : ''} ${label(this.step)})`;
}

class BindAccount implements Command {
  constructor(readonly step: Step) {}
  check = (): boolean => true;
  async run(m: Model, sut: Sut): Promise<void> {
    await begin(sut, this.step);
    const key = pageKey('bind');
    const answers = await taps(this.step, () => bindAccount(sut.app, sut.phone, key));
    const bound = answers.flatMap((a) => (a.ok ? [a.value.id] : []));
    holds(sut.figures, 'a bind is answered by the one binding', new Set(bound).size <= 1 && (m.binding === null || bound.every((id) => id === m.binding)), () => ({ answers, binding: m.binding }));
    if (m.binding === null) {
      holds(sut.figures, 'binding an unbound account succeeds', bound.length > 0, () => answers);
      m.binding = bound[0];
    } else {
      holds(sut.figures, 'binding again is refused for what it is', answers.every((a) => a.ok || (!a.error.transient && a.error.status >= 400 && a.error.status < 500)), () => answers);
    }
  }
  toString = (): string => `BindAccount(${label(this.step)})`;
}

class BookSlot implements Command {
  constructor(readonly slot: number, readonly step: Step) {}
  check = (): boolean => true;
  async run(m: Model, sut: Sut): Promise<void> {
    const slots = sut.world.fixture.slots;
    const index = this.slot % slots.length;
    await begin(sut, this.step);
    const key = pageKey('book');
    const answers = await taps(this.step, () => bookSlot(sut.app, slots[index], key));
    const active = [...m.bookings.values()].filter((b) => b.state !== 'cancelled');
    // Holds: unpaid, or paid with WeChat Pay's notification still on its way (the government has not seen the payment).
    const holding = active.filter((b) => b.state === 'pending-payment' || (b.orderId !== null && !sut.world.notified(b.orderId)));
    const refusals = new Set<string>();
    if (active.some((b) => slots[b.slot].date === slots[index].date)) refusals.add('ALREADY_BOOKED');
    if (holding.length >= 3) refusals.add('PENDING_LIMIT');
    const made = new Set(answers.flatMap((a) => (a.ok ? [a.value.id] : [])));
    holds(sut.figures, 'one booking per tap and key', made.size <= 1, () => answers);
    if (refusals.size === 0) {
      holds(sut.figures, 'a free place is booked', made.size === 1 && answers.every((a) => a.ok && a.value.status === 'pending-payment'), () => answers);
      const [id] = [...made];
      holds(sut.figures, 'a booking is new', !m.bookings.has(id), () => id);
      m.bookings.set(id, { slot: index, state: 'pending-payment', orderId: null });
    } else {
      holds(sut.figures, 'a booking the rules refuse is refused with their code', answers.every((a) => !a.ok && refusals.has(a.error.code)), () => ({ answers, expected: [...refusals] }));
    }
  }
  toString = (): string => `BookSlot(#${this.slot} ${label(this.step)})`;
}

class CancelBooking implements Command {
  constructor(readonly which: number, readonly step: Step) {}
  check = (m: Readonly<Model>): boolean => m.bookings.size > 0;
  async run(m: Model, sut: Sut): Promise<void> {
    const ids = [...m.bookings.keys()];
    const id = ids[this.which % ids.length];
    await begin(sut, this.step);
    const key = pageKey('cancel');
    const booking: ModelBooking = m.bookings.get(id) ?? { slot: 0, state: 'cancelled', orderId: null };
    const paidBefore = booking.orderId !== null && sut.world.notified(booking.orderId);
    const answers = await taps(this.step, () => cancelBooking(sut.app, id, key));
    if (booking.state !== 'cancelled') {
      holds(sut.figures, 'an upcoming booking is cancelled', answers.every((a) => a.ok && a.value.status === 'cancelled'), () => answers);
      if (paidBefore) holds(sut.figures, 'a paid booking cancelled is refunded with a reference', answers.every((a) => a.ok && Boolean(a.value.refund?.reference)), () => answers);
      m.bookings.set(id, { ...booking, state: 'cancelled' });
    } else {
      holds(sut.figures, 'cancelling twice is refused or answered as cancelled', answers.every((a) => (a.ok ? a.value.status === 'cancelled' : !a.error.transient)), () => answers);
    }
  }
  toString = (): string => `CancelBooking(#${this.which} ${label(this.step)})`;
}

class AcceptInvitation implements Command {
  constructor(readonly step: Step) {}
  check = (m: Readonly<Model>): boolean => m.phone.key === 'r05';
  async run(m: Model, sut: Sut): Promise<void> {
    await begin(sut, this.step);
    const key = pageKey('accept');
    const answers = await taps(this.step, () => acceptInvitation(sut.app, sut.world.fixture.invitation, key));
    const accepted = answers.some((a) => a.ok && a.value.status === 'accepted');
    if (!m.accepted) holds(sut.figures, 'an open invitation is accepted', accepted, () => answers);
    holds(sut.figures, 'accepting is answered accepted or refused for what it is', answers.every((a) => (a.ok ? a.value.status === 'accepted' : !a.error.transient && a.error.status < 500)), () => answers);
    m.accepted = true;
  }
  toString = (): string => `AcceptInvitation(${label(this.step)})`;
}

class TypeReport implements Command {
  constructor(readonly text: string, readonly step: Step) {}
  check = (): boolean => true;
  async run(m: Model, sut: Sut): Promise<void> {
    await begin(sut, { ...this.step, doubleTap: false });
    const answer = await typeReport(sut.app, sut.world.fixture.reportService, this.text);
    holds(sut.figures, 'the category is read', answer.ok, () => answer);
    if (answer.ok) sut.definition = answer.value;
    m.draft = this.text;
  }
  toString = (): string => `TypeReport(${JSON.stringify(this.text)} ${label({ ...this.step, doubleTap: false })})`;
}

class SubmitReport implements Command {
  constructor(readonly step: Step, readonly restartAfterFailure: boolean) {}
  check = (m: Readonly<Model>): boolean => m.draft !== null;
  async run(m: Model, sut: Sut): Promise<void> {
    await begin(sut, { ...this.step, doubleTap: false });
    const reopen = this.restartAfterFailure ? () => sut.restartApp() : null;
    const result = await submitReport(sut.app, sut.world.fixture.reportService, reopen);
    holds(sut.figures, 'a report is filed despite the faults', result.kind === 'filed', () => result);
    if (result.kind === 'filed') {
      holds(sut.figures, 'a filed report is a new one', !m.reports.has(result.answer.report.id), () => result.answer.report.id);
      m.reports.add(result.answer.report.id);
    }
    m.draft = null;
  }
  toString = (): string => `SubmitReport(${this.restartAfterFailure ? 'restart-after-failure ' : ''}${label({ ...this.step, doubleTap: false })})`;
}

class RestartApp implements Command {
  check = (): boolean => true;
  async run(_m: Model, sut: Sut): Promise<void> {
    sut.figures.commands += 1;
    sut.plan.count('app-restart');
    await sut.restartApp();
  }
  toString = (): string => 'RestartApp';
}

class RestartGovernment implements Command {
  check = (): boolean => true;
  async run(_m: Model, sut: Sut): Promise<void> {
    sut.figures.commands += 1;
    sut.plan.count('government-restart');
    sut.world.restartGovernment();
  }
  toString = (): string => 'RestartGovernment';
}

/** True about `percent` per cent of the time. */
const sometimes = (percent: number): fc.Arbitrary<boolean> => fc.integer({ min: 0, max: 99 }).map((n) => n < percent);

const step: fc.Arbitrary<Step> = fc.record({
  faults: fc.array(fc.constantFrom(...NETWORK_FAULTS), { maxLength: 3 }),
  doubleTap: sometimes(25),
  // A notification held back stays late for a while (until a later step lets it arrive, or another payment).
  notificationArrives: sometimes(30),
});
const description = fc.constantFrom('下水道井盖周围积水，雨后一直排不出去', '路口的雨水箅子被落叶堵住了', 'The drain by the bus stop is blocked and water is pooling');

/** The commands a sequence is drawn from, weighted towards the errands with money and places. */
export const COMMAND: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.nat(2), step, sometimes(20), sometimes(30)).map(([n, s, kill, late]) => new PayFine(n, s, kill, late)) },
  { weight: 2, arbitrary: fc.tuple(step, sometimes(20), sometimes(30)).map(([s, kill, late]) => new PayBills(s, kill, late)) },
  { weight: 2, arbitrary: step.map((s) => new BindAccount(s)) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(3), step).map(([n, s]) => new BookSlot(n, s)) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(3), step, sometimes(20), sometimes(40)).map(([n, s, kill, late]) => new PayBooking(n, s, kill, late)) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(3), step).map(([n, s]) => new CancelBooking(n, s)) },
  { weight: 1, arbitrary: step.map((s) => new AcceptInvitation(s)) },
  { weight: 2, arbitrary: fc.tuple(description, step).map(([text, s]) => new TypeReport(text, s)) },
  { weight: 2, arbitrary: fc.tuple(step, fc.boolean()).map(([s, restart]) => new SubmitReport(s, restart)) },
  { weight: 1, arbitrary: fc.constant(new RestartApp()) },
  { weight: 1, arbitrary: fc.constant(new RestartGovernment()) },
);
