// What the join page shows, apart from the page: the code's shape (8 characters, spaces and dashes as
// people type them), which refusals belong beside the code field, and the case as the invited person
// sees it before accepting (the inviter masked as the government gives them).
import { INELIGIBLE_CODES, type AcceptRequest, type CasePreview } from '../../../../contracts/civil';
import { newIdempotencyKey } from '../../../../core/client';
import { formatCstDateTime } from '../../../../core/dates';
import type { FieldErrors } from '../../../../core/form';
import type { ConfirmOptions } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { civilText } from '../../i18n';
import { local } from '../../service';
import { ineligiblePanels, kindText, type PanelView } from '../../view';

const KEYS = [
  'joinIntro', 'joinCodeLabel', 'joinCodeHint', 'joinOpen', 'joinOpening', 'joinPreviewHeading', 'joinKind', 'joinReference', 'joinFrom', 'joinFromId', 'joinExpires',
  'joinCertificate', 'joinAgreement', 'joinDeclarationHeading', 'joinSign', 'joinAcknowledge', 'joinAccept', 'joinAccepting', 'joinDecline', 'joinDeclining',
  'joinDeclinedTitle', 'joinDeclined', 'joinAccepted', 'joinOpenCase', 'civilMyCases', 'civilHome',
] as const;

/** The page's words, picked once per render. */
export const wordsOf = () => ({ ...civilText.pick(KEYS), ...text.pick(['errorSummaryTitle']) });

/** One key per request body: the same body again (a retry, a double tap) reuses it. */
export interface Attempt { body: string; key: string }
export const keyFor = (previous: Attempt | null, body: string): Attempt => (previous && previous.body === body ? previous : { body, key: newIdempotencyKey() });

export const declineQuestion = (): ConfirmOptions => ({
  title: civilText.t('joinDeclineAsk'),
  content: civilText.t('joinDeclineAskText'),
  confirmText: civilText.t('joinDeclineYes'),
  cancelText: civilText.t('joinDeclineNo'),
  danger: true,
});

export const FIELDS = ['code', 'signed'] as const;
export type Field = (typeof FIELDS)[number];
export type Errors = FieldErrors<Field>;

export const CODE_LENGTH = 8;
/** Longer than a code with a separator or two, within what the government reads. */
export const CODE_INPUT_MAX = 16;

/** Refusals about the code itself: said beside the code field. */
const CODE_ERRORS = ['INVITATION_NOT_FOUND', 'INVITATION_EXPIRED', 'INVITATION_OTHER_CASE', 'INVITATION_OWN', 'INVITATION_USED', 'INVITATION_REVOKED', 'RATE_LIMITED'];
export const isCodeError = (code: string): boolean => CODE_ERRORS.includes(code);
export const ineligibleCode = (code: string) => INELIGIBLE_CODES.find((c) => c === code);

/** The code's problem in words, or '': empty, or not 8 characters once spaces and dashes are left out. */
export function codeProblem(typed: string): string {
  const compact = typed.replace(/[\s-]/g, '');
  if (!compact) return civilText.t('field.code.REQUIRED');
  return compact.length === CODE_LENGTH ? '' : civilText.t('joinCodeLength', { count: compact.length });
}

/** The words beside the box when it is not ticked. */
export const signWords = (preview: CasePreview): string =>
  civilText.t(preview.kind === 'marriage' ? 'field.declaration.DECLARATION_REQUIRED' : 'field.agreementAcknowledged.ACKNOWLEDGEMENT_REQUIRED');

export const acceptRequestOf = (preview: CasePreview, code: string): AcceptRequest =>
  preview.kind === 'marriage' ? { code, declaration: true } : { code, agreementAcknowledged: true };

export interface PreviewView {
  marriage: boolean;
  kind: string;
  reference: string;
  from: string;
  fromId: string;
  expires: string;
  certificate: string;
  agreement: string;
  declaration: string;
  accepted: boolean;
  /** Not accepted yet and nothing stands in the way: the box and Accept. */
  canAccept: boolean;
}

export function previewView(preview: CasePreview): PreviewView {
  return {
    marriage: preview.kind === 'marriage',
    kind: kindText(preview.kind),
    reference: preview.reference,
    from: preview.from.name,
    fromId: preview.from.idMasked,
    expires: formatCstDateTime(preview.expiresAt),
    certificate: preview.certificateNumber ?? '',
    agreement: preview.agreement ?? '',
    declaration: preview.declaration ? local(preview.declaration) : '',
    accepted: preview.accepted,
    canAccept: !preview.accepted && preview.ineligible.length === 0,
  };
}

/** A refusal for a reason with its own panel, when the case cannot be opened again for its details. */
export function fallbackPanel(code: (typeof INELIGIBLE_CODES)[number]): PanelView {
  return { code, title: civilText.t(`ineligible.${code}.title`, { who: civilText.t('who.you') }), text: civilText.t(`err.${code}`) };
}

/** What the page shows of an opened code, for one setData. */
export const previewData = (preview: CasePreview) => ({
  preview: previewView(preview),
  panels: preview.accepted ? [] : ineligiblePanels(preview.ineligible),
  signed: false,
  actionError: '',
});
