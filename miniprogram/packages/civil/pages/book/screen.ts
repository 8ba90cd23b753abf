// The whole of what the book page shows for what it knows, for one setData: which step (office, day,
// check, done, or the panels when the case cannot be booked), and that step's rows, errors and notes.
import type { CivilCase, Office, OfficeDaysResponse } from '../../../../contracts/civil';
import { errorView, type FieldErrors, type SummaryItem } from '../../../../core/form';
import { civilText } from '../../i18n';
import type { Choices } from './choices';
import {
  answersOf, blockedPanels, confirmationOf, dateLong, dayCells, dayNotes, officeRows, windowCells,
  type Answers, type BlockPanel, type Confirmation, type DayCell, type OfficeRow, type WindowCell,
} from './view';

export type Step = 'office' | 'day' | 'check' | 'done' | 'blocked';
export const DAY_FIELDS = ['date', 'window'] as const;
export type DayField = (typeof DAY_FIELDS)[number];

/** What the page says about the last action, beside the step it belongs to. */
export interface Shown {
  /** The day was just taken, or a rule excludes it: panels above the days. */
  panels: BlockPanel[];
  /** A day chosen before (a draft) that is no longer open. */
  note: string;
  /** The days of the office chosen could not be read. */
  officeError: string;
  errors: FieldErrors<DayField>;
  /** Booking failed (the network): choices kept, the same tap tries again. */
  bookError: string;
  /** The case was booked meanwhile (by the other person): a way to it. */
  existing: boolean;
}

export const NOTHING_SHOWN: Shown = { panels: [], note: '', officeError: '', errors: {}, bookError: '', existing: false };

export interface Known {
  civilCase: CivilCase;
  offices: Office[];
  days: OfficeDaysResponse | null;
  choices: Choices;
  step: Step;
  shown: Shown;
  confirmed: CivilCase | null;
  busy: boolean;
}

export interface Screen {
  step: Step;
  panels: BlockPanel[];
  offices: OfficeRow[];
  officeError: string;
  pending: string;
  office: OfficeRow | null;
  days: DayCell[];
  notes: string[];
  note: string;
  windows: WindowCell[];
  windowLabel: string;
  errors: FieldErrors<DayField>;
  summary: SummaryItem<DayField>[];
  answers: Answers | null;
  bookError: string;
  existing: boolean;
  busy: boolean;
  done: Confirmation | null;
}

/** Before the first load: nothing chosen, nothing shown. */
export const EMPTY_SCREEN: Screen = {
  step: 'office', panels: [], offices: [], officeError: '', pending: '', office: null, days: [], notes: [], note: '', windows: [], windowLabel: '',
  errors: {}, summary: [], answers: null, bookError: '', existing: false, busy: false, done: null,
};

export function screenOf(known: Known): Screen {
  const { civilCase, choices, shown } = known;
  const confirmed = known.confirmed?.upcoming;
  const blocked = confirmed ? [] : blockedPanels(civilCase);
  const step: Step = confirmed ? 'done' : blocked.length ? 'blocked' : known.step;
  const rows = officeRows(known.offices, choices.officeId);
  const office = known.offices.find((o) => o.id === choices.officeId);
  const days = known.days?.days ?? [];
  const kind = civilCase.next?.kind ?? known.days?.kind;
  return {
    step,
    panels: step === 'blocked' ? blocked : shown.panels,
    offices: rows,
    officeError: shown.officeError,
    pending: '',
    office: rows.find((row) => row.selected) ?? null,
    days: dayCells(days, choices.date),
    notes: known.days ? dayNotes(known.days, civilCase) : [],
    note: shown.note,
    windows: windowCells(days, choices),
    windowLabel: choices.date ? civilText.t('bookWindowLabel', { date: dateLong(choices.date) }) : '',
    ...errorView(DAY_FIELDS, shown.errors),
    answers: step === 'check' && kind ? answersOf(civilCase, kind, office, days.find((d) => d.date === choices.date), choices) : null,
    bookError: shown.bookError,
    existing: shown.existing,
    busy: known.busy,
    done: confirmed ? confirmationOf(confirmed) : null,
  };
}
