// The bills pages' words for core's load-error view.
import { loadErrorView as coreView, type LoadErrorView } from '../../core/load-error';
import { text } from '../../i18n/main';
import { billsText, billsWords, type BillsKey } from './i18n';

export function loadErrorView(error: unknown, forward: BillsKey, missing?: BillsKey): LoadErrorView {
  return coreView(error, { errors: billsWords, retry: text.t('retry'), forward: billsText.t(forward), missing: missing && billsText.t(missing) });
}
