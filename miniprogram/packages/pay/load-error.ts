// The payment pages' words for core's load-error view.
import { packageLoadError } from '../../core/load-error';
import { text } from '../../i18n/main';
import { payText, payWords } from './i18n';

export const loadErrorView = packageLoadError(payText, payWords, () => text.t('retry'));
