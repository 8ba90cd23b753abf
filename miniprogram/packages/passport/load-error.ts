// The passport pages' words for core's load-error view.
import { packageLoadError } from '../../core/load-error';
import { text } from '../../i18n/main';
import { passportText, passportWords } from './i18n';

export const loadErrorView = packageLoadError(passportText, passportWords, () => text.t('retry'));
