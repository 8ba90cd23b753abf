// The reports pages' words for core's load-error view.
import { packageLoadError } from '../../core/load-error';
import { text } from '../../i18n/main';
import { reportsText, reportsWords } from './i18n';

export const loadErrorView = packageLoadError(reportsText, reportsWords, () => text.t('retry'));
