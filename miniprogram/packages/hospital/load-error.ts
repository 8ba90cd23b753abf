// The hospital pages' words for core's load-error view.
import { loadErrorView as coreView, type LoadErrorView } from '../../core/load-error';
import { text } from '../../i18n/main';
import { hospitalText, hospitalWords, type HospitalKey } from './i18n';

export function loadErrorView(error: unknown, forward: HospitalKey, missing?: HospitalKey): LoadErrorView {
  return coreView(error, { errors: hospitalWords, retry: text.t('retry'), forward: hospitalText.t(forward), missing: missing && hospitalText.t(missing) });
}
