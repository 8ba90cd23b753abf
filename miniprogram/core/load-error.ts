// What a page shows when loading fails: retry only when trying again can help (the network, a busy
// service); otherwise the specific reason and a way forward instead of a useless retry.
import { ServiceError, toServiceError } from './errors';
import { errorMessage, type ErrorWords } from './messages';

/** What a page section shows: the load-state component renders all but `ready`. */
export type LoadStatus = 'loading' | 'error' | 'empty' | 'ready';

export interface LoadErrorView {
  status: 'error';
  message: string;
  /** Empty when retrying cannot help: load-state then shows no retry button. */
  retryText: string;
  /** The way forward when retrying cannot help, e.g. "See my vehicles". */
  forwardText: string;
}

/** Records of another person answer like missing ones, so both get the same words. */
const MISSING = ['NOT_FOUND', 'FORBIDDEN'];

export interface LoadErrorWords {
  errors: ErrorWords;
  retry: string;
  forward: string;
  /** What to say when the thing is not there (or not the person's). */
  missing?: string;
}

export function loadErrorView(error: unknown, words: LoadErrorWords): LoadErrorView {
  const err = error instanceof ServiceError ? error : toServiceError(error);
  if (err.transient) return { status: 'error', message: errorMessage(err, words.errors), retryText: words.retry, forwardText: '' };
  return {
    status: 'error',
    message: words.missing && MISSING.includes(err.code) ? words.missing : errorMessage(err, words.errors),
    retryText: '',
    forwardText: words.forward,
  };
}

/**
 * A package's load-error view: its own words for the way forward and for "not there", the errors in its
 * words then the app's, and the app's "retry" (read when the view is made, so the language is current).
 */
export function packageLoadError<K extends string>(own: { t(key: K): string }, errors: ErrorWords, retry: () => string) {
  return (error: unknown, forward: K, missing?: K): LoadErrorView =>
    loadErrorView(error, { errors, retry: retry(), forward: own.t(forward), missing: missing && own.t(missing) });
}
