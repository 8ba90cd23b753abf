// The civil pages' words for core's load-error view.
import { packageLoadError } from '../../core/load-error';
import { text } from '../../i18n/main';
import { civilText, civilWords } from './i18n';

export const loadErrorView = packageLoadError(civilText, civilWords, () => text.t('retry'));
