// The payment pages' words for core's load-error view.
import { loadErrorView as coreView, type LoadErrorView } from '../../core/load-error';
import { text } from '../../i18n/main';
import { payText, payWords, type PayKey } from './i18n';

export function loadErrorView(error: unknown, forward: PayKey, missing?: PayKey): LoadErrorView {
  return coreView(error, { errors: payWords, retry: text.t('retry'), forward: payText.t(forward), missing: missing && payText.t(missing) });
}
