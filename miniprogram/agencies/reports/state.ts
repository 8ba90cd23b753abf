// What the reports agency keeps (one key of the government's state, `reports`), and the state it starts
// with: the seed's reports placed relative to the government's first run.
import { REPORTS_AGENCY, type AccidentAngle, type AttributeInput, type ReportRole, type Responsibility, type SlaKind } from '../../contracts/reports';
import { DAY_MS, cstMidnight, cstParts, formatCstDate } from '../../core/dates';
import type { AgencyKit } from '../../mock/agency';
import type { AppointmentBook } from '../../mock/appointments';
import type { InvitationBook } from '../../mock/invitations';
import type { GovernmentState } from '../../mock/store';
import type { StoredLocation } from './fields';
import { SEEDED_REPORTS, SERVICES } from './seed';
import type { Step } from './workflow';

export interface StoredAccident {
  responsibility: Responsibility;
  angles: { photoId: string; angle: AccidentAngle }[];
  plates: { own: string; other: string };
  confirmBy: number;
  /** The other driver's answer ('' once they deleted their data); their name masked. */
  answer: { by: string; agree: boolean; at: number; name: string } | null;
  appointmentId: string | null;
  bookedAt: number | null;
}

export interface StoredReport {
  id: string;
  reference: string;
  /** The reporter's person id; '' once they deleted their data (the department keeps the report). */
  owner: string;
  service: string;
  description: string;
  location: StoredLocation;
  photos: { id: string; bytes: number }[];
  attributes: { code: string; value: AttributeInput }[];
  contact: { name: string; mobile: string } | null;
  keepNamePrivate: boolean;
  submittedAt: number;
  /** The service's SLA when it was filed. */
  sla: SlaKind;
  /** Seeded reports only: their first round as the seed says. */
  seedSteps?: Step[];
  /** Person ids of the followers. */
  followers: string[];
  rating: { stars: number; comment: string; at: number } | null;
  reopened: { at: number; reason: string } | null;
  accident: StoredAccident | null;
}

/** A report in a person's list: filed, followed or answered as the other driver, with when it joined. */
export interface Entry { id: string; role: ReportRole; at: number }

export interface PhotoRecord {
  id: string;
  owner: string;
  /** A keyed digest of the bytes' fingerprint: the picture itself is not kept (state lives in wx storage). */
  digest: string;
  bytes: number;
  type: 'jpeg' | 'png';
  uploadedAt: number;
  expiresAt: number;
  /** The report it went with; it then stays with it. */
  usedBy: string | null;
}

export interface ReportsRecord {
  reports: Record<string, StoredReport>;
  /** personId -> their entries, in the order they joined (oldest first). */
  byPerson: Record<string, Entry[]>;
  /** `<service>|<lat cell>:<long cell>` (0.001 degree cells) -> reports with a point there, for "nearby". */
  byCell: Record<string, string[]>;
  photos: Record<string, PhotoRecord>;
  photosByPerson: Record<string, string[]>;
  /** The other drivers' codes (minor accidents). */
  invitations: InvitationBook;
  /** Settlement appointments. */
  book: AppointmentBook;
}

const HOUR_MS = 3600 * 1000;

/** The 0.001-degree cell of a point (about 110 m north-south, 100 m east-west in Guangzhou). */
export const cellOf = (lat: number, long: number): string => `${Math.floor(lat * 1000)}:${Math.floor(long * 1000)}`;
export const cellKey = (service: string, cell: string): string => `${service}|${cell}`;

export function createReportsState(kit: AgencyKit) {
  const { dict, own, agencyState, peekAgency } = kit.store;

  /** The seed's reports, their days counted from the CST day of the government's first run. */
  function seedRecord(state: GovernmentState): ReportsRecord {
    const record: ReportsRecord = { reports: dict(), byPerson: dict(), byCell: dict(), photos: dict(), photosByPerson: dict(), invitations: kit.invitations.empty(), book: kit.appointments.emptyBook() };
    const day0 = cstMidnight(cstParts(state.meta.firstRunAt));
    const at = (day: number, hour: number): number => day0 + day * DAY_MS + hour * HOUR_MS;
    const entries: { person: string; entry: Entry }[] = [];
    SEEDED_REPORTS.forEach((seed, i) => {
      const service = SERVICES.find((s) => s.code === seed.service);
      const submittedAt = at(seed.day, seed.hour);
      const attributes = Object.keys(seed.attributes).map((code) => {
        const raw = seed.attributes[code];
        const value = typeof raw === 'object' && !Array.isArray(raw) ? `${formatCstDate(at(raw.day, raw.hour))}T${String(raw.hour).padStart(2, '0')}:00:00+08:00` : raw;
        return { code, value };
      });
      const report: StoredReport = {
        id: seed.id,
        reference: `RP${formatCstDate(submittedAt).replace(/-/g, '')}9${String(i + 1).padStart(5, '0')}`,
        owner: `p-${seed.owner}`,
        service: seed.service,
        description: seed.description,
        location: { ...seed.location },
        photos: [],
        attributes,
        contact: seed.contact ? { ...seed.contact } : null,
        keepNamePrivate: seed.keepNamePrivate,
        submittedAt,
        sla: service?.sla ?? 'ordinary',
        seedSteps: seed.steps.map((step) => ({ status: step.status, at: at(step.day, step.hour), ...(step.reason ? { reason: step.reason } : {}), ...(step.note ? { note: step.note } : {}) })),
        followers: seed.followers.map((key) => `p-${key}`),
        rating: null,
        reopened: null,
        accident: null,
      };
      record.reports[report.id] = report;
      entries.push({ person: report.owner, entry: { id: report.id, role: 'reporter', at: submittedAt } });
      report.followers.forEach((person) => entries.push({ person, entry: { id: report.id, role: 'follower', at: submittedAt + DAY_MS } }));
      const { lat, long } = report.location;
      if (lat !== null && long !== null && !service?.private) {
        const key = cellKey(report.service, cellOf(lat, long));
        record.byCell[key] = [...(own(record.byCell, key) ?? []), report.id];
      }
    });
    entries
      .sort((a, b) => a.entry.at - b.entry.at)
      .forEach(({ person, entry }) => {
        record.byPerson[person] = [...(own(record.byPerson, person) ?? []), entry];
      });
    return record;
  }

  return {
    seedRecord,
    /** The state to change (created with the seed on first use, and marked changed). */
    write: (state: GovernmentState): ReportsRecord => agencyState<ReportsRecord>(state, REPORTS_AGENCY, () => seedRecord(state)),
    /** The state to read: as kept, or the seed's before the first change. */
    read: (state: GovernmentState): ReportsRecord => peekAgency<ReportsRecord>(state, REPORTS_AGENCY) ?? seedRecord(state),
    peek: (state: GovernmentState): ReportsRecord | undefined => peekAgency<ReportsRecord>(state, REPORTS_AGENCY),
  };
}

export type ReportsState = ReturnType<typeof createReportsState>;
