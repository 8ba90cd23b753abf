// What the apply page shows for what it knows, for one setData: the panels when the applicant cannot
// apply (each with its way on), the facts of this application (validity, a guardian, the fee), the form's
// sections with the offices, days and windows, the errors and their summary, or check your answers.
import { PHOTO_RULES, RENEWAL_REASONS, type ApplicationKind, type ExitEntryDay, type ExitEntryOffice, type PassportApplication, type PassportEligibilityResponse } from '../../../../contracts/passport';
import type { Query } from '../../../../core/gate';
import { errorView, type SummaryItem } from '../../../../core/form';
import { formatYuan } from '../../../../core/money';
import { dayCells, officeRows, windowCells, type DayCell, type OfficeRow, type WindowCell } from '../../days';
import { passportText } from '../../i18n';
import { kilobytes, type LocalPhoto } from '../../photo';
import { answersOf, FIELDS, type Answer, type ApplyForm, type Errors, type Field, type Progress } from './form';

/** What the apply page keeps per page (the page, its journeys in flow.ts and this view all read it). */
export interface PageState {
  query: Query;
  kind: ApplicationKind;
  eligibility: PassportEligibilityResponse | null;
  offices: ExitEntryOffice[];
  days: ExitEntryDay[];
  form: ApplyForm;
  progress: Progress;
  step: Step;
  errors: Errors;
  tried: boolean;
  /** The draft is read once, on the first load. */
  restored: boolean;
  /** The application made here: coming back from checkout opens it. */
  made: PassportApplication | null;
  busy: boolean;
}

export type Step = 'form' | 'check' | 'blocked';

/** The page's own words (the rest come with the view). */
export const WORD_KEYS = [
  'applyGuardianTitle', 'applyReasonHeading', 'applyPhotoHeading', 'applyPhotoAnother', 'applyPhotoChoose', 'applyOfficeHeading', 'applyOfficeHint',
  'applyDayHeading', 'window', 'collection', 'collection.in-person', 'collection.delivery', 'applyEmsNote', 'applyRecipient', 'applyMobile', 'applyAddress',
  'applyAddressHint', 'applyDeclarationHeading', 'applyDeclarationText', 'applyDeclaration', 'applyContinue', 'applyCheckHeading', 'applyChange',
  'applySubmitting', 'applySubmit',
] as const;

export interface Panel { code: string; title: string; text: string; action: string }
export interface Facts { heading: string; validity: string; guardian: string; fee: string }
export interface PhotoView { path: string; details: string; alt: string }
export interface Choice { id: string; text: string; selected: boolean }

export interface Known {
  kind: ApplicationKind;
  eligibility: PassportEligibilityResponse;
  offices: readonly ExitEntryOffice[];
  days: readonly ExitEntryDay[];
  form: ApplyForm;
  photo: LocalPhoto | null;
  step: Step;
  errors: Errors;
  /** The summary shows once the person tried to go on. */
  tried: boolean;
}

export interface Screen {
  step: Step;
  kind: ApplicationKind;
  panels: Panel[];
  facts: Facts;
  reasons: Choice[];
  form: ApplyForm;
  photo: PhotoView | null;
  offices: OfficeRow[];
  days: DayCell[];
  windows: WindowCell[];
  errors: Errors;
  summary: SummaryItem<Field>[];
  answers: Answer[];
}

function panelsOf(e: PassportEligibilityResponse): Panel[] {
  const t = passportText.t;
  return e.ineligible.map((reason) => {
    if (reason.code === 'HOLDS_VALID_PASSPORT') {
      const held = e.held;
      return { code: reason.code, title: t('panelHeldTitle'), text: t('panelHeldText', { number: held?.numberMasked ?? '', date: held?.expiresOn ?? '' }), action: t('panelHeldAction') };
    }
    if (reason.code === 'NO_PASSPORT_HELD') return { code: reason.code, title: t('panelNoneTitle'), text: t('panelNoneText'), action: t('panelNoneAction') };
    return { code: reason.code, title: t('panelOpenTitle'), text: t('panelOpenText'), action: reason.applicationId ? t('panelOpenAction') : '' };
  });
}

export function factsOf(kind: ApplicationKind, e: PassportEligibilityResponse): Facts {
  const t = passportText.t;
  return {
    heading: t(kind === 'renewal' ? 'applyRenewalHeading' : 'applyFirstHeading'),
    validity: t('applyValidity', { years: e.validityYears }),
    guardian: e.guardianNeeded ? t('applyGuardian') : '',
    fee: t('applyFee', { amount: formatYuan(e.feeFen) }),
  };
}

export const photoView = (photo: LocalPhoto | null): PhotoView | null =>
  photo ? { path: photo.path, details: passportText.t('photoDetails', { size: kilobytes(photo.bytes), width: photo.width, height: photo.height }), alt: passportText.t('applyPhotoAlt') } : null;

/** The rules shown beside the photo, filled from the contract's numbers. */
export const photoRules = (): string => passportText.t('applyPhotoRules', { min: PHOTO_RULES.minBytes / 1024, max: PHOTO_RULES.maxBytes / 1024 });

export function screenOf(k: Known): Screen {
  const blocked = k.eligibility.ineligible.length > 0;
  const step: Step = blocked ? 'blocked' : k.step;
  const day = k.days.find((d) => d.date === k.form.date);
  const shown = errorView(FIELDS, k.errors);
  return {
    step,
    kind: k.kind,
    panels: blocked ? panelsOf(k.eligibility) : [],
    facts: factsOf(k.kind, k.eligibility),
    reasons: RENEWAL_REASONS.map((id) => ({ id, text: passportText.t(`reason.${id}`), selected: k.form.renewalReason === id })),
    form: k.form,
    photo: photoView(k.photo),
    offices: officeRows(k.offices, k.form.officeId),
    days: k.form.officeId ? dayCells(k.days, k.form.date) : [],
    windows: windowCells(k.days, k.form.date, k.form.window),
    errors: shown.errors,
    summary: k.tried ? shown.summary : [],
    answers: step === 'check' ? answersOf(k.kind, k.form, k.photo, k.offices.find((o) => o.id === k.form.officeId), day?.windows.find((w) => w.id === k.form.window)) : [],
  };
}
