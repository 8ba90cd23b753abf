// Turns a ServiceError into words for people, through whichever translator the page uses.
import { ServiceError } from './errors';
import type { Params } from './i18n';

export interface ErrorWords {
  t(key: string, params?: Params): string;
  has(key: string): boolean;
}

export function errorMessage(error: unknown, words: ErrorWords): string {
  const err = error instanceof ServiceError ? error : new ServiceError('NETWORK', String(error));
  const key = `err.${err.code}`;
  if (words.has(key)) return words.t(key, { seconds: err.retryAfterSec ?? 60 });
  // The government's own message is English and for developers: people get words in their language.
  return words.t('err.other');
}

/** Field reason -> the words beside that field; `params` fills counts such as the typed length. */
export function fieldMessages(fields: Record<string, string>, words: ErrorWords, params: Params = {}): Record<string, string> {
  const out: Record<string, string> = {};
  Object.keys(fields).forEach((field) => {
    const code = fields[field];
    const specific = `field.${field}.${code}`;
    const general = `field.any.${code}`;
    out[field] = words.has(specific) ? words.t(specific, params) : words.has(general) ? words.t(general, params) : words.t('field.any.WRONG_TYPE');
  });
  return out;
}
