// The hospital pages' words for core's load-error view.
import { packageLoadError } from '../../core/load-error';
import { text } from '../../i18n/main';
import { hospitalText, hospitalWords } from './i18n';

export const loadErrorView = packageLoadError(hospitalText, hospitalWords, () => text.t('retry'));
