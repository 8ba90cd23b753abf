// The civil pages' words for core's load-error view.
import { loadErrorView as coreView, type LoadErrorView } from '../../core/load-error';
import { text } from '../../i18n/main';
import { civilText, civilWords, type CivilKey } from './i18n';

export function loadErrorView(error: unknown, forward: CivilKey, missing?: CivilKey): LoadErrorView {
  return coreView(error, { errors: civilWords, retry: text.t('retry'), forward: civilText.t(forward), missing: missing && civilText.t(missing) });
}
