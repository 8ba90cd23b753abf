// The fines pages' words for core's load-error view.
import { packageLoadError } from '../../core/load-error';
import { text } from '../../i18n/main';
import { finesText, finesWords } from './i18n';

export const loadErrorView = packageLoadError(finesText, finesWords, () => text.t('retry'));
