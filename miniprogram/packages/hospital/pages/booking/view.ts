// How the booking pages (book, one booking, my bookings) word a day, a time window and a booking's
// headline, in one place so the three read alike.
import type { Booking, DoctorSummary, Relationship, Session } from '../../../../contracts/health';
import { weekdayName } from '../../days';
import { hospitalText } from '../../i18n';
import { local } from '../../service';

/** `2026-12-05（周六）` / `Sat 2026-12-05` for a CST date (YYYY-MM-DD). */
export function dayLabel(date: string): string {
  return hospitalText.t('bookDay', { date, weekday: weekdayName(date) });
}

/** The day, morning or afternoon, and the time window. */
export function whenLabel(date: string, session: Session, start: string, end: string): string {
  return hospitalText.t('bookWhen', { day: dayLabel(date), session: hospitalText.t(`session.${session}`), start, end });
}

/** Morning before 12:00, as the agency's clinics run. */
export const sessionOf = (start: string): Session => (start < '12:00' ? 'am' : 'pm');

/** The doctor with their title: 王伟 主任医师 / Wang Wei, Chief physician. */
export function doctorLabel(doctor: DoctorSummary): string {
  return `${local(doctor.name)} · ${hospitalText.t(`title.${doctor.title}`)}`;
}

export function bookingWhen(booking: Booking): string {
  return whenLabel(booking.date, sessionOf(booking.start), booking.start, booking.end);
}

/** 李小雨（子女） / Li Ming (Myself). */
export const patientLabel = (name: string, relationship: Relationship): string =>
  hospitalText.t('bookPatientLine', { name, relationship: hospitalText.t(`relationship.${relationship}`) });
