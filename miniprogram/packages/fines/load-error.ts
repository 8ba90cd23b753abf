// The fines pages' words for core's load-error view.
import { loadErrorView as coreView, type LoadErrorView } from '../../core/load-error';
import { text } from '../../i18n/main';
import { finesText, finesWords, type FinesKey } from './i18n';

export function loadErrorView(error: unknown, forward: FinesKey, missing?: FinesKey): LoadErrorView {
  return coreView(error, { errors: finesWords, retry: text.t('retry'), forward: finesText.t(forward), missing: missing && finesText.t(missing) });
}
