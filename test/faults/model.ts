// The simple model a sequence is held to, what runs it (the system under test), and the invariants
// checked after every sequence against the government's state (government.inspect() and plain reads).
import type { BookingsResponse } from '../../miniprogram/contracts/health';
import type { AccountsResponse } from '../../miniprogram/contracts/bills';
import type { CivilCase } from '../../miniprogram/contracts/civil';
import type { FineNotice } from '../../miniprogram/contracts/fines';
import type { ReportsResponse, ServiceDefinition } from '../../miniprogram/contracts/reports';
import { storedOrders } from '../helpers/government';
import { draftDescription, type App } from './app';
import type { FaultPlan, Figures } from './faults';
import type { PhoneFixture, World } from './world';

export type NoticeState = 'unpaid' | 'charged';
export type BookingState = 'pending-payment' | 'booked' | 'cancelled';
/** A booking as the model has it; `orderId`: the order its fee was charged with. */
export interface ModelBooking { slot: number; state: BookingState; orderId: string | null }

export interface Model {
  phone: PhoneFixture;
  /** 李明's notices; `charged`: WeChat Pay took the money (the receipt follows its notification). */
  notices: Map<string, NoticeState>;
  /** The shared flat's account as bound by this resident (the binding's id), or null. */
  binding: string | null;
  billsCharged: boolean;
  bookings: Map<string, ModelBooking>;
  /** What the compose draft holds, or null when there is none. */
  draft: string | null;
  reports: Set<string>;
  accepted: boolean;
}

export function initialModel(world: World, phone: PhoneFixture): Model {
  const notices = new Map<string, NoticeState>();
  if (phone.key === 'r02') world.fixture.notices.forEach((n) => notices.set(n.id, 'unpaid'));
  return { phone, notices, binding: null, billsCharged: false, bookings: new Map(), draft: null, reports: new Set(phone.seededReports), accepted: false };
}

/** What the commands act on: the world, the app as it runs now on the phone, and the faults to come. */
export interface Sut {
  world: World;
  app: App;
  plan: FaultPlan;
  figures: Figures;
  phone: PhoneFixture;
  definition: ServiceDefinition | null;
  /** The app closes and starts again (the same phone: its storage kept). */
  restartApp(): Promise<App>;
}

/** One invariant, counted: throws (fast-check reports the sequence) with what differed. */
export function holds(figures: Figures, what: string, ok: boolean, detail: () => unknown = () => ''): void {
  figures.invariantChecks += 1;
  if (!ok) throw new Error(`invariant broken: ${what} ${(JSON.stringify(detail()) ?? '').slice(0, 1500)}`);
}

const activeStatuses = new Set(['pending-payment', 'booked']);

/** After a sequence: WeChat Pay's late notifications arrive, the app's next page settles what it owes (a clean network), and everything is compared. */
export async function checkInvariants(sut: Sut, model: Model): Promise<void> {
  const { world, figures, phone, app } = sut;
  const token = phone.token;
  await world.deliverNotices();
  sut.plan.arm([]);
  await app.payments.settleUnconfirmedPayments();
  holds(figures, 'every payment WeChat Pay took is confirmed on the device', !app.payments.hasUnconfirmedPayments());

  // Money: every charge settled or refund-due with a reference; no item settled by two charges.
  const orders = storedOrders(world.government);
  const charges = world.charges();
  const paidBy = new Map<string, string[]>();
  charges.forEach((charge) => {
    const order = orders[charge.orderId];
    const settled = order !== undefined && order.status === 'paid' && typeof order.reference === 'string' && order.reference !== '';
    const owedBack = order !== undefined && order.status === 'closed' && order.closedReason === 'refund-due' && typeof order.reference === 'string' && order.reference !== '';
    holds(figures, 'a charge is settled or refund-due with a reference', settled || owedBack, () => ({ charge, order }));
    if (settled) figures.charges.settled += 1;
    if (owedBack) figures.charges.refundDue += 1;
    if (settled) order.lines.forEach((line) => paidBy.set(`${line.agency}/${line.itemId}`, [...(paidBy.get(`${line.agency}/${line.itemId}`) ?? []), order.id]));
  });
  paidBy.forEach((ids, item) => holds(figures, 'no item paid by two charges', ids.length === 1, () => ({ item, ids })));
  Object.values(orders).forEach((order) => {
    if (order.status === 'paid') holds(figures, 'a paid order was charged by WeChat Pay', charges.some((c) => c.orderId === order.id), () => order);
  });

  // Fines: each notice as the model has it; charged exactly once when charged.
  for (const [id, state] of model.notices) {
    const notice = await world.read<FineNotice>(token, `/fines/notices/${encodeURIComponent(id)}`);
    holds(figures, 'a notice is paid exactly when the model charged it', (notice.status === 'paid') === (state === 'charged'), () => ({ id, state, status: notice.status }));
    holds(figures, 'a notice is charged at most once', (paidBy.get(`police/${id}`) ?? []).length === (state === 'charged' ? 1 : 0), () => ({ id, orders: paidBy.get(`police/${id}`) }));
  }

  // Bills: bound as the model says, paid when the model charged them.
  const accounts = await world.read<AccountsResponse>(token, '/bills/accounts');
  holds(figures, 'the account is bound exactly once as the model says', accounts.items.length === (model.binding ? 1 : 0) && (!model.binding || accounts.items[0].id === model.binding), () => ({ binding: model.binding, items: accounts.items.map((a) => a.id) }));
  if (model.binding && accounts.items[0]) {
    holds(figures, 'the bills are paid exactly when the model charged them', (accounts.items[0].unpaidCount === 0) === model.billsCharged, () => ({ charged: model.billsCharged, unpaid: accounts.items[0].unpaidCount }));
  }

  // Bookings: the government's are the model's, none lost, none extra, no place taken twice.
  const bookings = await world.read<BookingsResponse>(token, '/health/bookings');
  const all = [...bookings.upcoming, ...bookings.past];
  holds(figures, 'the government has exactly the bookings of the model', all.length === model.bookings.size && all.every((b) => model.bookings.get(b.id)?.state === b.status), () => ({ government: all.map((b) => [b.id, b.status]), model: [...model.bookings] }));
  const activeSlots = all.filter((b) => activeStatuses.has(b.status)).map((b) => b.slotId);
  holds(figures, 'no place booked twice', new Set(activeSlots).size === activeSlots.length, () => activeSlots);
  const activeDays = all.filter((b) => activeStatuses.has(b.status)).map((b) => `${b.department.id}|${b.date}`);
  holds(figures, 'one booking per department a day', new Set(activeDays).size === activeDays.length, () => activeDays);
  for (const [id, booking] of model.bookings) {
    if (booking.state !== 'cancelled' || !booking.orderId) continue;
    // A fee charged for a booking then cancelled goes back: refunded with the booking, or its order refund-due.
    const found = all.find((b) => b.id === id);
    const order = orders[booking.orderId];
    holds(figures, 'a cancelled paid booking gets its fee back', Boolean(found?.refund?.reference) || (order?.closedReason === 'refund-due' && Boolean(order.reference)), () => ({ found, order }));
  }
  const seen = await app.hospital.listBookings();
  holds(figures, 'the app lists every booking (none lost)', [...seen.upcoming, ...seen.past].length === model.bookings.size, () => seen.upcoming.map((b) => b.id));

  // Reports and the draft: each filed once, the draft kept until then.
  const reports = await world.read<ReportsResponse>(token, '/reports', { offset: '0', limit: '50' });
  holds(figures, 'each report filed once', reports.total === model.reports.size && reports.items.every((r) => model.reports.has(r.id)), () => ({ government: reports.items.map((r) => r.id), model: [...model.reports] }));
  const definition = sut.definition;
  if (definition) {
    const kept = await draftDescription(app, definition);
    holds(figures, 'no draft lost', kept === model.draft, () => ({ kept, model: model.draft }));
  }

  // The marriage case 刘洋 was invited to.
  if (phone.key === 'r05') {
    const found = await world.government.handle({ method: 'GET', path: `/civil/cases/${world.fixture.invitation.caseId}`, headers: { authorization: `Bearer ${token}` } });
    const status = found.status === 200 ? (found.body as CivilCase).status : `HTTP ${found.status}`;
    holds(figures, 'the case is accepted exactly when the model says', model.accepted ? status === 'accepted' : found.status === 404 || status === 'invited', () => ({ accepted: model.accepted, status }));
  }
}
