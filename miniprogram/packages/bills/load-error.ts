// The bills pages' words for core's load-error view.
import { packageLoadError } from '../../core/load-error';
import { text } from '../../i18n/main';
import { billsText, billsWords } from './i18n';

export const loadErrorView = packageLoadError(billsText, billsWords, () => text.t('retry'));
