// The book page's steps after the confirm tap, and what it shows of a doctor's slot, apart from the page:
// book with one key per set of choices (a double tap or a retry after a lost answer gets the same
// booking back), record the reminder answer once, then start paying the fee with one key per booking.
import type { Booking, CreateBookingRequest, DoctorResponse, Patient, ReminderRequest } from '../../../../contracts/health';
import { newIdempotencyKey } from '../../../../core/client';
import { formatMoney } from '../../../../core/money';
import { checkoutUrl, startPayment } from '../../../../services/payments';
import { bookingItems, cancelBooking, createBooking, local, nextFreeSlots, setReminder } from '../../service';
import { doctorLabel, patientLabel, whenLabel } from '../booking/view';

/** A booking made for a set of choices: it holds its place until paid; paying it again uses the same key. */
export interface Made { body: string; booking: Booking; payKey: string }

/** How far booking the choices got, kept across retries. */
export interface Progress {
  /** The create request's key for the choices as they are: the same choices, the same key. */
  attempt: { body: string; key: string } | null;
  made: Made | null;
  /** The booking whose reminder answer the government has. */
  reminded: string;
}

export interface Answers { hospital: string; department: string; doctor: string; when: string; patient: string; fee: string }
export interface NextSlot { id: string; label: string }

export function slotOf(doctor: DoctorResponse, slotId: string) {
  for (const day of doctor.days) {
    const slot = day.slots.find((s) => s.id === slotId);
    if (slot) return { ...slot, date: day.date };
  }
  return null;
}

/** "Check your answers": the slot and the patient as chosen. */
export function answersOf(doctor: DoctorResponse, slotId: string, patient: Patient | undefined): Answers {
  const slot = slotOf(doctor, slotId);
  return {
    hospital: local(doctor.hospital.name),
    department: `${local(doctor.department.name)} · ${local(doctor.department.location)}`,
    doctor: doctorLabel(doctor.doctor),
    when: slot ? whenLabel(slot.date, slot.session, slot.start, slot.end) : '',
    patient: patient ? patientLabel(patient.name, patient.relationship) : '',
    fee: formatMoney(doctor.doctor.feeFen),
  };
}

/** The doctor's next free times after a slot just taken. */
export const nextSlotsOf = (doctor: DoctorResponse, slotId: string): NextSlot[] =>
  nextFreeSlots(doctor.days, slotId).map((slot) => ({ id: slot.id, label: whenLabel(slot.date, slot.session, slot.start, slot.end) }));

/** The booking made for earlier choices is gone (lapsed, cancelled): the next confirm books afresh, with a new key. */
export function forget(progress: Progress): void {
  progress.made = null;
  progress.attempt = null;
}

/** Gives back the place held for the choices made (unpaid), if any; a failure leaves it to lapse. */
export async function releaseHold(progress: Progress): Promise<void> {
  if (!progress.made) return;
  await cancelBooking(progress.made.booking.id).catch(() => undefined);
  forget(progress);
}

/** Books (or finds the booking already made for these choices), records the reminder, starts paying; resolves the checkout's URL. */
export async function bookAndPay(progress: Progress, request: CreateBookingRequest, reminder: Promise<ReminderRequest>): Promise<string> {
  const body = JSON.stringify(request);
  // New choices: the place held for the old ones goes back (or it would count against them).
  if (progress.made && progress.made.body !== body) await releaseHold(progress);
  if (!progress.made) {
    const key = progress.attempt?.body === body ? progress.attempt.key : newIdempotencyKey();
    progress.attempt = { body, key };
    const booking = await createBooking(request, key);
    progress.made = { body, booking, payKey: newIdempotencyKey() };
  }
  const { booking, payKey } = progress.made;
  if (progress.reminded !== booking.id) {
    await setReminder(booking.id, await reminder);
    progress.reminded = booking.id;
  }
  const start = await startPayment(bookingItems(booking.id), booking.feeFen, payKey);
  return start.kind === 'order' ? checkoutUrl(start.order.id, start.resumed) : checkoutUrl(start.earlier.id, true);
}
