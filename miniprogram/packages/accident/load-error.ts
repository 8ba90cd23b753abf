// The accident pages' words for core's load-error view.
import { packageLoadError } from '../../core/load-error';
import { text } from '../../i18n/main';
import { accidentText, accidentWords } from './i18n';

export const loadErrorView = packageLoadError(accidentText, accidentWords, () => text.t('retry'));
