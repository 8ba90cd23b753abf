/** @jest-environment node */
// Hospital booking through the hospital package's service, on both targets: a place booked and its fee
// paid, a replayed booking, the age and no-show rules, another person's booking, cancelling, and a
// restart in between. Each case books for its own resident, so the cases do not meet in one department.
import type { SlotView } from '../../miniprogram/contracts/health';
import { confirmOrder, startPayment } from '../../miniprogram/services/payments';
import { payWithWeChat } from '../../miniprogram/packages/pay/wallet';
import { bookingItems, cancelBooking, createBooking, getBooking, getDepartment, getDoctor, listBookings, listHospitals, listPatients, searchHealth } from '../../miniprogram/packages/hospital/service';
import { codeOf, raw, refusal, refused, signIn, targets, useTarget } from './suite';

/** A free slot in the department: the first doctor with places, their first day and slot with one. */
async function freeSlot(departmentId: string, skipDays = 0): Promise<SlotView & { doctorId: string }> {
  const department = await getDepartment(departmentId);
  const doctor = department.doctors.find((d) => d.remaining > 0);
  if (!doctor) throw new Error(`no doctor with places in ${departmentId}`);
  const days = (await getDoctor(doctor.id)).days.filter((day) => day.slots.some((slot) => slot.remaining > 0));
  const slot = days[skipDays]?.slots.find((s) => s.remaining > 0);
  if (!slot) throw new Error('no free slot');
  return { ...slot, doctorId: doctor.id };
}

async function remainingOf(doctorId: string, slotId: string): Promise<number> {
  const slot = (await getDoctor(doctorId)).days.flatMap((day) => day.slots).find((s) => s.id === slotId);
  if (!slot) throw new Error(`no slot ${slotId}`);
  return slot.remaining;
}

describe.each(targets())('hospital (%s)', (_name, target) => {
  useTarget(target);

  it('a resident finds a department, books a place for themself and pays its fee: booked', async () => {
    await signIn(target, 'r01');
    expect((await listHospitals()).items.map((h) => h.id)).toEqual(['h1', 'h2', 'h3', 'h4']);
    expect((await searchHealth('cough')).departments.some((d) => d.viaSymptom)).toBe(true);
    // Words that a query string must carry as they are: Chinese, a space, '&' and '+'.
    const fever = await searchHealth('发烧 & +');
    expect([fever.query, fever.departments.some((d) => d.viaSymptom)]).toEqual(['发烧 & +', true]);
    const slot = await freeSlot('h1-cardiology');
    const booking = await createBooking({ slotId: slot.id, departmentId: 'h1-cardiology', patientId: 'self' }, `book-${target.name}-1`);
    expect(booking).toMatchObject({ status: 'pending-payment', slotId: slot.id });
    expect(booking.reference).toMatch(/^GH/);
    const started = await startPayment(bookingItems(booking.id), booking.feeFen, `fee-${target.name}-1`);
    if (started.kind !== 'order') throw new Error('expected an order');
    expect(await payWithWeChat(started.order)).toBe('paid');
    expect((await confirmOrder(started.order.id)).status).toBe('paid');
    expect((await getBooking(booking.id)).status).toBe('booked');
    expect((await listBookings()).upcoming.map((b) => b.id)).toContain(booking.id);
  });

  it('a double tap books once: the same key answers the same booking and the slot loses one place', async () => {
    await signIn(target, 'r03');
    const slot = await freeSlot('h1-cardiology', 1);
    const key = `book-${target.name}-2`;
    const request = { slotId: slot.id, departmentId: 'h1-cardiology', patientId: 'self' };
    const [a, b] = await Promise.all([createBooking(request, key), createBooking(request, key)]);
    expect(b.id).toBe(a.id);
    expect(await remainingOf(slot.doctorId, slot.id)).toBe(slot.remaining - 1);
    expect((await listBookings()).upcoming.filter((x) => x.slotId === slot.id)).toHaveLength(1);
    // A new key for the same patient, department and day: one booking a day.
    expect(await refused(createBooking(request, `book-${target.name}-3`))).toEqual([409, 'ALREADY_BOOKED']);
  });

  it('the age rule for paediatrics and the no-show block are the government\'s answers', async () => {
    await signIn(target, 'r02');
    const patients = (await listPatients()).items.map((p) => p.id);
    expect(patients).toEqual(['self', 'fm-r02-son', 'fm-r02-daughter']);
    const slot = await freeSlot('h2-paediatrics');
    const age = await refusal(createBooking({ slotId: slot.id, departmentId: 'h2-paediatrics', patientId: 'fm-r02-son' }, `book-${target.name}-4`));
    expect([age.status, age.code, age.fields]).toEqual([422, 'AGE_RULE', { patientId: 'AGE_RULE' }]);
    await signIn(target, 'r09');
    const blocked = await refusal(createBooking({ slotId: (await freeSlot('h1-cardiology')).id, departmentId: 'h1-cardiology', patientId: 'self' }, `book-${target.name}-5`));
    expect([blocked.status, blocked.code]).toEqual([403, 'NO_SHOW_BLOCKED']);
    expect((await listBookings()).block).not.toBeNull();
  });

  it('another person\'s booking or family member is not found, to read or to cancel', async () => {
    await signIn(target, 'r04');
    const slot = await freeSlot('h1-cardiology', 2);
    const booking = await createBooking({ slotId: slot.id, departmentId: 'h1-cardiology', patientId: 'self' }, `book-${target.name}-6`);
    await signIn(target, 'r05');
    expect(await refused(getBooking(booking.id))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(cancelBooking(booking.id))).toEqual([404, 'NOT_FOUND']);
    // An id that is a path of its own stays one segment: it names no booking and reaches nothing else.
    expect(await refused(getBooking('../../identity/me'))).toEqual([404, 'NOT_FOUND']);
    const other = await refusal(createBooking({ slotId: slot.id, departmentId: 'h1-cardiology', patientId: 'fm-r02-daughter' }, `book-${target.name}-7`));
    expect([other.status, other.code]).toEqual([422, 'PATIENT_NOT_FOUND']);
    await signIn(target, 'r04');
    expect((await getBooking(booking.id)).status).toBe('pending-payment');
  });

  it('cancelling frees the place at once; cancelling again is 409, and a replayed cancel answers the same', async () => {
    await signIn(target, 'r07');
    const slot = await freeSlot('h1-cardiology', 3);
    const booking = await createBooking({ slotId: slot.id, departmentId: 'h1-cardiology', patientId: 'self' }, `book-${target.name}-8`);
    expect(await remainingOf(slot.doctorId, slot.id)).toBe(slot.remaining - 1);
    const key = `cancel-${target.name}-1`;
    const cancelled = await cancelBooking(booking.id, key);
    expect(cancelled.status).toBe('cancelled');
    expect(await cancelBooking(booking.id, key)).toEqual(cancelled);
    expect(await remainingOf(slot.doctorId, slot.id)).toBe(slot.remaining);
    expect(await refused(cancelBooking(booking.id))).toEqual([409, 'NOT_CANCELLABLE']);
  });

  it('bad input is a 4xx with a code: a date outside the window, a missing field, a body that is not JSON', async () => {
    const token = await signIn(target, 'r11');
    const date = await refusal(getDepartment('h1-cardiology', '2020-01-01'));
    expect([date.status, date.fields.date]).toEqual([422, 'DATE_OUTSIDE_WINDOW']);
    const missing = await raw(target, 'POST', '/health/bookings', { token, body: JSON.stringify({ slotId: 'x' }) });
    expect([missing.status, codeOf(missing)]).toEqual([422, 'VALIDATION']);
    const broken = await raw(target, 'POST', '/health/bookings', { token, body: 'slotId=x' });
    expect([broken.status, codeOf(broken)]).toEqual([400, 'BAD_REQUEST']);
    expect(await refused(getDepartment('h9-nowhere'))).toEqual([404, 'NOT_FOUND']);
  });

  it('a booking paid before the government restarts is still booked after, and its place still taken', async () => {
    await signIn(target, 'r12');
    const slot = await freeSlot('h1-general-practice');
    const booking = await createBooking({ slotId: slot.id, departmentId: 'h1-general-practice', patientId: 'self' }, `book-${target.name}-9`);
    const started = await startPayment(bookingItems(booking.id), booking.feeFen, `fee-${target.name}-9`);
    if (started.kind !== 'order') throw new Error('expected an order');
    expect(await payWithWeChat(started.order)).toBe('paid');
    await target.restart();
    expect((await confirmOrder(started.order.id)).status).toBe('paid');
    expect((await getBooking(booking.id)).status).toBe('booked');
    expect(await remainingOf(slot.doctorId, slot.id)).toBe(slot.remaining - 1);
  });
});
