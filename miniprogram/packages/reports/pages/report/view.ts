// What the report page shows of a report, for one setData: its status and Open311's open / closed, the
// department, the SLA clock, the place, what was said (the extra fields in the definition's words when the
// definition could be read), the photos' count, the timeline, what happens next, the rating or the ways to
// rate and reopen, and the accident's part with its links to the accident pages.
import { POOR_RATING_MAX_STARS, type Report, type ServiceDefinition } from '../../../../contracts/reports';
import { buildUrl } from '../../../../core/gate';
import { reportsText } from '../../i18n';
import { ACCIDENT_CONFIRM_PAGE, ACCIDENT_SETTLE_PAGE } from '../../paths';
import { local } from '../../service';
import { dateText, eventText, expectedText, momentText, nextTexts, statusText, statusTone } from '../../status';

export interface Line { label: string; value: string }
export interface Star { n: number; label: string; selected: boolean }
export interface RatingDraft { stars: number; comment: string; reason: string; reopening: boolean }

function attributeLines(report: Report, definition: ServiceDefinition | null): Line[] {
  if (!definition) return [];
  return report.attributes.map(({ code, value }) => {
    const a = definition.attributes.find((x) => x.code === code);
    const names = (keys: string[]) => keys.map((key) => local(a?.values?.find((v) => v.key === key)?.name ?? { zh: key, en: key })).join(reportsText.t('rpListJoin'));
    const shown = Array.isArray(value) ? names(value) : a?.values ? names([String(value)]) : a?.datatype === 'datetime' ? String(value).replace('T', ' ').slice(0, 16) : String(value);
    return { label: a ? local(a.description) : code, value: shown };
  });
}

function placeLine(report: Report): string {
  const { location } = report;
  const district = local(location.district.name);
  if (location.address) return `${district} ${location.address}`;
  return location.lat !== null && location.long !== null ? `${district} ${reportsText.t('rpPointAt', { lat: location.lat.toFixed(5), long: location.long.toFixed(5) })}` : district;
}

function accidentOf(report: Report) {
  const a = report.accident;
  if (!a) return null;
  const t = reportsText.t;
  const appointment = a.appointment ? t('rpAppointment', { desk: local(a.appointment.desk.name), date: dateText(a.appointment.date), start: a.appointment.start, end: a.appointment.end }) : '';
  const settleUrl = a.canBook && report.role === 'reporter' ? buildUrl(ACCIDENT_SETTLE_PAGE, { report: report.id }) : '';
  const confirmUrl = report.role === 'other-driver' && a.confirmation === 'awaiting' ? buildUrl(ACCIDENT_CONFIRM_PAGE, { report: report.id }) : '';
  return {
    responsibility: t(`rpResponsibility.${a.responsibility}`),
    confirmation: t(`rpConfirmation.${a.confirmation}`),
    plates: t('rpPlates', { own: a.plates.own, other: a.plates.other }),
    appointment,
    settleUrl,
    confirmUrl,
  };
}

export function viewOf(report: Report, definition: ServiceDefinition | null, draft: RatingDraft) {
  const t = reportsText.t;
  const department = local(report.department.name);
  const open = report.open311Status === 'open';
  const poor = draft.stars > 0 && draft.stars <= POOR_RATING_MAX_STARS;
  return {
    head: {
      name: local(report.service_name),
      reference: report.reference,
      status: statusText(report.status),
      tone: report.sla.overdue ? 'warn' : statusTone(report.status),
      open311: t(open ? 'rpOpen311.open' : 'rpOpen311.closed'),
      role: report.role === 'reporter' ? '' : t(`rpRole.${report.role}`),
      department,
      phone: t('rpPhone', { phone: report.department.phone }),
      expected: open ? expectedText(report.sla.expectedBy, report.sla.overdue) : '',
      overdue: report.sla.overdue,
      sla: t(`rpSla.${report.sla.kind}`, { days: report.sla.workingDays }),
      submitted: momentText(report.submittedAt),
      place: placeLine(report),
      description: report.description,
      photos: report.photos.length ? t('rpPhotoCount', { count: report.photos.length }) : t('rpNone'),
      followers: report.followers ? t('rpFollowers', { count: report.followers }) : '',
    },
    lines: attributeLines(report, definition),
    history: [...report.history].reverse().map((e) => ({ text: eventText(e), at: momentText(e.at) })),
    next: nextTexts(report.next, department, report.sla.expectedBy),
    rated: report.rating ? { stars: t('rpRatedStars', { stars: report.rating.stars }), comment: report.rating.comment, answer: report.rating.poor ? t('rpPoorAnswer') : '' } : null,
    reopened: report.reopened ? t('rpReopenedOn', { date: momentText(report.reopened.at) }) : '',
    canRate: report.canRate,
    canReopen: report.canReopen && !draft.reopening,
    reopening: report.canReopen && draft.reopening,
    stars: report.canRate ? ([1, 2, 3, 4, 5] as const).map((n): Star => ({ n, label: t(`rpStars.${n}`), selected: draft.stars === n })) : [],
    poor,
    commentLabel: t(poor ? 'rpPoorComment' : 'rpComment'),
    comment: draft.comment,
    reason: draft.reason,
    accident: accidentOf(report),
  };
}
