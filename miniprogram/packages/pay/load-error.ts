// What a payment page shows when loading fails: retry only when trying again can help (the network,
// a busy service); otherwise the specific reason and a way forward instead of a useless retry.
import { ServiceError, toServiceError } from '../../core/errors';
import { errorMessage } from '../../core/messages';
import { text } from '../../i18n/main';
import { payText, payWords, type PayKey } from './i18n';

export interface LoadErrorView {
  status: 'error';
  message: string;
  /** Empty when retrying cannot help: load-state then shows no retry button. */
  retryText: string;
  /** The way forward when retrying cannot help, e.g. "Back". */
  forwardText: string;
}

/** Records of another person answer like missing ones, so both get the same words. */
const MISSING = ['NOT_FOUND', 'FORBIDDEN'];

/** `missing`: what to say when the thing is not there (or not the person's); `forward`: the button instead of retry. */
export function loadErrorView(error: unknown, forward: PayKey, missing?: PayKey): LoadErrorView {
  const err = error instanceof ServiceError ? error : toServiceError(error);
  if (err.transient) return { status: 'error', message: errorMessage(err, payWords), retryText: text.t('retry'), forwardText: '' };
  return {
    status: 'error',
    message: missing && MISSING.includes(err.code) ? payText.t(missing) : errorMessage(err, payWords),
    retryText: '',
    forwardText: payText.t(forward),
  };
}
