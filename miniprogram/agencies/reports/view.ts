// What a reader sees of a report at `now`: the status history from the workflow, Open311's open/closed,
// the SLA clock, what happens next, and only what their role may see (the reporter their contact; a
// follower nothing about the reporter; the other driver of an accident the plates and the settlement).
import {
  POOR_RATING_MAX_STARS,
  TIME_WINDOWS,
  type AccidentAppointment,
  type AccidentView,
  type Department,
  type NearbyReport,
  type NextStep,
  type Report,
  type ReportRole,
  type ReportSummary,
  type ServiceSummary,
} from '../../contracts/reports';
import { formatCstDate } from '../../core/dates';
import { maskMobile } from '../../core/validation';
import type { AgencyKit } from '../../mock/agency';
import type { AppointmentRecord } from '../../mock/appointments';
import { DEPARTMENTS, DESKS, DISTRICTS, SERVICES, type ServiceSeed } from './seed';
import type { ReportsRecord, StoredReport } from './state';
import { isFinal, type Step, type Workflow } from './workflow';

/** A service of the list by code (read at each request: the list is data). */
export const serviceOf = (code: string): ServiceSeed | undefined => SERVICES.find((s) => s.code === code);
export const departmentOf = (id: string): Department => DEPARTMENTS.find((d) => d.id === id) ?? DEPARTMENTS[0];

export function summaryOf(service: ServiceSeed): ServiceSummary {
  return {
    service_code: service.code,
    service_name: service.name,
    group: service.group,
    description: service.description,
    keywords: [...service.keywords],
    metadata: service.attributes.length > 0,
    department: departmentOf(service.department),
    sla: service.sla,
  };
}

/** A report's service, or a stand-in naming its code when the category has left the list since. */
function serviceFor(report: StoredReport): ServiceSeed {
  return serviceOf(report.service) ?? { code: report.service, name: { zh: report.service, en: report.service }, group: { zh: '', en: '' }, description: { zh: '', en: '' }, keywords: [], department: DEPARTMENTS[0].id, sla: report.sla, attributes: [] };
}

export function createView(kit: AgencyKit, workflow: Workflow) {
  const { own } = kit.store;

  const appointmentOf = (record: ReportsRecord, report: StoredReport): AppointmentRecord | undefined =>
    report.accident?.appointmentId ? own(record.book.records, report.accident.appointmentId) : undefined;

  /** Every step reached at `now`, oldest first. */
  function stepsOf(record: ReportsRecord, report: StoredReport, now: number): Step[] {
    const { accident } = report;
    if (!accident) return workflow.reached(workflow.plannedSteps(report), now);
    const appointment = appointmentOf(record, report);
    const booked = appointment && accident.bookedAt !== null ? { at: accident.bookedAt, endsAt: appointment.endsAt } : null;
    return workflow.reached(workflow.accidentSteps({ submittedAt: report.submittedAt, responsibility: accident.responsibility, confirmBy: accident.confirmBy, answer: accident.answer, booked }), now);
  }

  const districtOf = (code: string) => {
    const district = DISTRICTS.find((d) => d.code === code) ?? DISTRICTS[0];
    return { code: district.code, name: district.name };
  };

  function appointmentView(appointment: AppointmentRecord, now: number): AccidentAppointment {
    const desk = DESKS.find((d) => d.id === appointment.data.deskId) ?? DESKS[0];
    const window = TIME_WINDOWS.find((w) => w.id === appointment.data.window) ?? TIME_WINDOWS[0];
    return { reference: appointment.reference, desk, date: formatCstDate(appointment.startsAt), window: window.id, start: window.start, end: window.end, startsAt: appointment.startsAt, status: now >= appointment.endsAt ? 'attended' : 'booked' };
  }

  function accidentView(record: ReportsRecord, report: StoredReport, steps: Step[], now: number): AccidentView | null {
    const { accident } = report;
    if (!accident) return null;
    const appointment = appointmentOf(record, report);
    let confirmation: AccidentView['confirmation'] = 'not-asked';
    if (accident.responsibility === 'agreed') confirmation = accident.answer ? (accident.answer.agree ? 'agreed' : 'disagreed') : now >= accident.confirmBy ? 'expired' : 'awaiting';
    const last = steps[steps.length - 1];
    const started = steps.find((s) => s.status === 'investigating');
    const decided = steps.find((s) => s.note === 'review-decided');
    return {
      responsibility: accident.responsibility,
      confirmation,
      confirmBy: accident.confirmBy,
      review: started ? { startedAt: started.at, decidedAt: decided ? decided.at : null } : null,
      plates: { ...accident.plates },
      angles: accident.angles.map((a) => ({ ...a })),
      otherDriver: accident.answer ? { name: accident.answer.name } : null,
      appointment: appointment ? appointmentView(appointment, now) : null,
      canBook: !appointment && (last.status === 'confirmed' || last.status === 'in-progress'),
      moveVehicles: true,
    };
  }

  function nextOf(role: ReportRole, last: Step, accident: AccidentView | null, canRate: boolean, canReopen: boolean): NextStep[] {
    if (isFinal(last.status)) return role === 'reporter' && (canRate || canReopen) ? ['rate-or-reopen'] : [];
    if (!accident) return ['department-reviews'];
    if (last.status === 'submitted') return ['move-vehicles', 'other-driver-confirms'];
    if (last.status === 'investigating') return ['move-vehicles', 'police-review'];
    if (accident.appointment) return ['attend-settlement'];
    return role === 'reporter' ? ['book-settlement'] : [];
  }

  /** The report as `role` sees it at `now`. */
  function reportView(record: ReportsRecord, report: StoredReport, role: ReportRole, now: number): Report {
    const service = serviceFor(report);
    const steps = stepsOf(record, report, now);
    const last = steps[steps.length - 1];
    const final = isFinal(last.status);
    const start = report.reopened && report.reopened.at <= now ? report.reopened.at : report.submittedAt;
    const accident = role === 'follower' ? null : accidentView(record, report, steps, now);
    const canRate = role === 'reporter' && final && report.rating === null;
    const canReopen = role === 'reporter' && final && report.reopened === null && report.accident === null;
    return {
      id: report.id,
      reference: report.reference,
      service_code: service.code,
      service_name: service.name,
      group: service.group,
      department: departmentOf(service.department),
      role,
      status: last.status,
      open311Status: final ? 'closed' : 'open',
      closedReason: last.status === 'closed' ? last.reason ?? null : null,
      description: report.description,
      location: { lat: report.location.lat, long: report.location.long, address: report.location.address, district: districtOf(report.location.district) },
      photos: report.photos.map((p) => ({ ...p })),
      attributes: report.attributes.map((a) => ({ code: a.code, value: Array.isArray(a.value) ? [...a.value] : a.value })),
      reporter: role === 'reporter' ? { contact: report.contact ? { name: report.contact.name, mobile: maskMobile(report.contact.mobile) } : null, keepNamePrivate: report.keepNamePrivate } : null,
      submittedAt: report.submittedAt,
      updatedAt: last.at,
      sla: workflow.slaOf(report.sla, start, last.status, now),
      history: steps.map((s) => ({ status: s.status, at: s.at, ...(s.reason ? { reason: s.reason } : {}), ...(s.note ? { note: s.note } : {}) })),
      followers: report.followers.length,
      rating: report.rating ? { ...report.rating, poor: report.rating.stars <= POOR_RATING_MAX_STARS } : null,
      reopened: report.reopened ? { ...report.reopened } : null,
      canRate,
      canReopen,
      next: nextOf(role, last, accident, canRate, canReopen),
      accident,
    };
  }

  function summaryView(record: ReportsRecord, report: StoredReport, role: ReportRole, now: number): ReportSummary {
    const service = serviceFor(report);
    const steps = stepsOf(record, report, now);
    const last = steps[steps.length - 1];
    const start = report.reopened && report.reopened.at <= now ? report.reopened.at : report.submittedAt;
    const sla = workflow.slaOf(report.sla, start, last.status, now);
    return {
      id: report.id,
      reference: report.reference,
      service_code: service.code,
      service_name: service.name,
      department: departmentOf(service.department),
      role,
      status: last.status,
      open311Status: isFinal(last.status) ? 'closed' : 'open',
      district: districtOf(report.location.district),
      submittedAt: report.submittedAt,
      updatedAt: last.at,
      expectedBy: sla.expectedBy,
      overdue: sla.overdue,
    };
  }

  function nearbyView(record: ReportsRecord, report: StoredReport, distanceMetres: number, role: ReportRole | null, now: number): NearbyReport {
    const steps = stepsOf(record, report, now);
    return {
      id: report.id,
      reference: report.reference,
      service_code: report.service,
      status: steps[steps.length - 1].status,
      submittedAt: report.submittedAt,
      distanceMetres: Math.round(distanceMetres),
      excerpt: Array.from(report.description).slice(0, 80).join(''),
      followers: report.followers.length,
      mine: role === 'reporter' || role === 'other-driver',
      following: role === 'follower',
    };
  }

  /** The status reached at `now`. */
  const statusOf = (record: ReportsRecord, report: StoredReport, now: number) => {
    const steps = stepsOf(record, report, now);
    return steps[steps.length - 1].status;
  };

  return { reportView, summaryView, nearbyView, statusOf, appointmentOf };
}

export type ReportViews = ReturnType<typeof createView>;
