// An application's status as both passport pages say it: a word, a tone for its tag, and the
// appointment in one line.
import type { PassportApplication } from '../../contracts/passport';
import { dateLong, windowText } from './days';
import { passportText } from './i18n';
import { local } from './service';

/** The status word; an unpaid one whose place lapsed says so. */
export function statusText(a: PassportApplication): string {
  if (a.status === 'payment-due' && a.fee === 'not-payable') return passportText.t('ppStatus.lapsed');
  if (a.status === 'cancelled' && a.fee === 'refunded') return passportText.t('ppStatus.refunded');
  return passportText.t(`ppStatus.${a.status}`);
}

export function statusTone(a: PassportApplication): string {
  if (a.status === 'ready') return 'ok';
  if (a.status === 'payment-due') return 'warn';
  return a.status === 'cancelled' || a.status === 'missed' ? 'off' : 'on';
}

/** "天河出入境接待大厅 · 2026年11月30日（周一） 09:00–10:30" */
export const appointmentLine = (a: PassportApplication): string =>
  `${local(a.appointment.office.name)} · ${dateLong(a.appointment.date)} ${windowText(a.appointment)}`;

export const kindText = (a: Pick<PassportApplication, 'kind'>): string => passportText.t(a.kind === 'renewal' ? 'kind.renewal' : 'kind.first');
