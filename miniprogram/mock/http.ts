// HTTP-shaped answers and request-body reading with specific field reasons.
import type { ApiResponse } from '../contracts/http';

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  readonly retryAfterSec: number | undefined;
  constructor(status: number, code: string, message: string, fields?: Record<string, string>, retryAfterSec?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfterSec = retryAfterSec;
  }
}

export function errorResponse(error: HttpError): ApiResponse {
  const body: { code: string; message: string; fields?: Record<string, string>; retryAfterSec?: number } = { code: error.code, message: error.message };
  if (error.fields) body.fields = error.fields;
  if (error.retryAfterSec !== undefined) body.retryAfterSec = error.retryAfterSec;
  return { status: error.status, body: { error: body } };
}

export const notFound = (what = 'Not found'): HttpError => new HttpError(404, 'NOT_FOUND', what);
export const conflict = (code: string, message: string): HttpError => new HttpError(409, code, message);
export const invalid = (fields: Record<string, string>, message = 'Some fields need attention'): HttpError =>
  new HttpError(422, 'VALIDATION', message, fields);

export const MAX_STRING = 4000;

interface StringRule {
  max?: number;
  optional?: boolean;
  pattern?: RegExp;
  patternCode?: string;
  /** Words a person typed (a name, a label): the ends trimmed, and only spaces is REQUIRED like a missing field. */
  trim?: boolean;
  /** Also drop invisible characters (zero-width, direction marks, controls): for free text such as a label. */
  visibleOnly?: boolean;
}
interface NumberRule { min?: number; max?: number; optional?: boolean; integer?: boolean }

/** Reads fields from a parsed JSON body, collecting a reason per field, then `done()` throws them all at once. */
export class BodyReader {
  private readonly source: Record<string, unknown>;
  readonly problems: Record<string, string> = {};

  constructor(body: unknown) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'BAD_REQUEST', 'The request body must be a JSON object');
    }
    this.source = body as Record<string, unknown>;
  }

  string(name: string, rule: StringRule = {}): string {
    const value = this.source[name];
    if (value === undefined || value === null || value === '') {
      if (!rule.optional) this.problems[name] = 'REQUIRED';
      return '';
    }
    if (typeof value !== 'string') {
      this.problems[name] = 'WRONG_TYPE';
      return '';
    }
    if (value.length > (rule.max ?? MAX_STRING)) {
      this.problems[name] = 'TOO_LONG';
      return '';
    }
    // Controls and format characters go (bidi overrides, zero-width spaces), except the joiners ZWNJ and ZWJ that
    // emoji sequences and Persian or Indic words need.
    const visible = rule.visibleOnly ? value.replace(/(?![\u200c\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/gu, '') : value;
    const text = rule.trim || rule.visibleOnly ? visible.trim() : visible;
    if (text !== value && !text) {
      if (!rule.optional) this.problems[name] = 'REQUIRED';
      return '';
    }
    if (rule.pattern && !rule.pattern.test(text)) {
      this.problems[name] = rule.patternCode ?? 'FORMAT';
    }
    return text;
  }

  number(name: string, rule: NumberRule = {}): number {
    const value = this.source[name];
    if (value === undefined || value === null) {
      if (!rule.optional) this.problems[name] = 'REQUIRED';
      return 0;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || (rule.integer !== false && !Number.isInteger(value))) {
      this.problems[name] = 'WRONG_TYPE';
      return 0;
    }
    if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
      this.problems[name] = 'OUT_OF_RANGE';
    }
    return value;
  }

  /** true or false; undefined when optional and absent. */
  boolean(name: string, rule: { optional?: boolean } = {}): boolean | undefined {
    const value = this.source[name];
    if (value === undefined || value === null) {
      if (!rule.optional) this.problems[name] = 'REQUIRED';
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.problems[name] = 'WRONG_TYPE';
      return undefined;
    }
    return value;
  }

  stringList(name: string, rule: { maxItems: number; maxLength?: number; optional?: boolean }): string[] {
    const value = this.source[name];
    if (value === undefined || value === null) {
      if (!rule.optional) this.problems[name] = 'REQUIRED';
      return [];
    }
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      this.problems[name] = 'WRONG_TYPE';
      return [];
    }
    if (value.length > rule.maxItems) {
      this.problems[name] = 'TOO_MANY';
      return [];
    }
    if (value.some((item: string) => item.length > (rule.maxLength ?? 200))) {
      this.problems[name] = 'TOO_LONG';
      return [];
    }
    return value as string[];
  }

  flag(name: string, problem: string): void {
    if (!this.problems[name]) this.problems[name] = problem;
  }

  done(): void {
    if (Object.keys(this.problems).length > 0) throw invalid({ ...this.problems });
  }
}

export interface Paging { offset: number; limit: number }

/**
 * The `offset` and `limit` of a listing query (limit 1..max, default 20); 422 VALIDATION naming each
 * field otherwise, with any other query `fields` the caller found wrong.
 */
export function readPaging(query: Record<string, string>, max: number, fields: Record<string, string> = {}, defaultLimit = 20): Paging {
  const offset = Number(query.offset ?? '0');
  const limit = Number(query.limit ?? String(defaultLimit));
  if (!Number.isInteger(offset) || offset < 0) fields.offset = 'OUT_OF_RANGE';
  if (!Number.isInteger(limit) || limit < 1 || limit > max) fields.limit = 'OUT_OF_RANGE';
  if (Object.keys(fields).length) throw new HttpError(422, 'VALIDATION', 'Check the query', fields);
  return { offset, limit };
}
