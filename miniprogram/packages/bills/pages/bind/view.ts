// What the bind page shows of its form, apart from the page: the form opened from the query and the draft,
// the utility and company choices (only the companies serving the utility), the number's hint and count,
// and the preview of the account to confirm.
import { UTILITIES, type AccountPreview, type Company, type Utility } from '../../../../contracts/bills';
import { readDraft, saveDraft } from '../../../../core/draft';
import { billsText } from '../../i18n';
import { local } from '../../service';
import { DRAFT_FORM, LABEL_INPUT_MAX, NUMBER_MAX, cleanNumber, isBindDraft, isUtility, type Form } from './rules';

export interface UtilityView { id: Utility; name: string; selected: boolean }
export interface CompanyView { id: string; name: string; note: string; selected: boolean }
export interface PreviewView { holder: string; address: string; company: string; number: string }

export const emptyForm = (utility: Utility): Form => ({ utility, companyId: '', accountNumber: '', proof: '', label: '' });

/** The company kept for a utility: the one chosen if it serves it, the only one if there is one, else none. */
export function companyFor(companies: readonly Company[], utility: Utility, chosen: string): string {
  const serving = companies.filter((company) => company.utility === utility);
  if (serving.some((company) => company.id === chosen)) return chosen;
  return serving.length === 1 ? serving[0].id : '';
}

/** The utility the page was opened for (else the draft's, else electricity), and the draft where it fits. */
export function restoredForm(companies: readonly Company[], asked: string | undefined): Form {
  const draft = readDraft(DRAFT_FORM, isBindDraft);
  const utility: Utility = isUtility(asked) ? asked : isUtility(draft?.utility) ? draft.utility : 'electricity';
  // A number typed for another utility is not this one's.
  const same = draft?.utility === utility;
  return {
    ...emptyForm(utility),
    companyId: companyFor(companies, utility, same ? draft.companyId ?? '' : ''),
    accountNumber: same ? (draft.accountNumber ?? '').slice(0, NUMBER_MAX) : '',
    label: (draft?.label ?? '').slice(0, LABEL_INPUT_MAX),
  };
}

/** Everything but the proof. */
export function keepDraft(form: Form): void {
  saveDraft(DRAFT_FORM, { utility: form.utility, companyId: form.companyId, accountNumber: form.accountNumber, label: form.label });
}

/** The choices and hints for the form as it is. */
export function formView(companies: readonly Company[], form: Form) {
  const company = companies.find((c) => c.id === form.companyId);
  const typed = cleanNumber(form.accountNumber).length;
  const utilities: UtilityView[] = UTILITIES.map((id) => ({ id, name: billsText.t(`utility.${id}`), selected: id === form.utility }));
  const serving: CompanyView[] = companies
    .filter((c) => c.utility === form.utility)
    .map((c) => ({ id: c.id, name: local(c.name), note: billsText.t('bindHotline', { hotline: c.hotline }), selected: c.id === form.companyId }));
  return {
    utilities,
    companies: serving,
    accountHint: company ? billsText.t('bindAccountHint', { length: company.accountLength, example: company.accountExample }) : billsText.t('bindAccountChooseFirst'),
    accountCount: company && typed ? billsText.t('bindAccountCount', { typed, length: company.accountLength }) : '',
  };
}

export function previewView(companies: readonly Company[], preview: AccountPreview): PreviewView {
  const company = companies.find((c) => c.id === preview.companyId);
  return { holder: preview.holderMasked, address: local(preview.addressMasked), company: company ? local(company.name) : '', number: preview.accountMasked };
}
