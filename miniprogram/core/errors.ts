// Every failure a service reports is a ServiceError: a code, a message key for people, field reasons.

export type ClientErrorCode = 'TIMEOUT' | 'NETWORK';

export class ServiceError extends Error {
  readonly code: string;
  readonly status: number;
  /** request field -> reason code, e.g. { idNumber: 'ID_CHECKSUM' } */
  readonly fields: Record<string, string>;
  readonly retryAfterSec: number | undefined;

  constructor(code: string, message: string, status = 0, fields: Record<string, string> = {}, retryAfterSec?: number) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.status = status;
    this.fields = fields;
    this.retryAfterSec = retryAfterSec;
  }

  /** Whether trying the same request again may succeed. */
  get transient(): boolean {
    return this.code === 'UNAVAILABLE' || this.code === 'TIMEOUT' || this.code === 'NETWORK' || this.code === 'RATE_LIMITED';
  }

  get needsIdentity(): boolean {
    return this.code === 'UNAUTHENTICATED' || this.code === 'NOT_VERIFIED';
  }
}

/** A wx API that failed (its `fail` callback); carries WeChat's errMsg. */
export class WxApiError extends Error {
  readonly errMsg: string;
  readonly errno: number | undefined;
  constructor(errMsg: string, errno?: number) {
    super(errMsg);
    this.name = 'WxApiError';
    this.errMsg = errMsg;
    this.errno = errno;
  }

  get cancelled(): boolean {
    return /cancel/i.test(this.errMsg);
  }
}

export function toWxApiError(raw: unknown): WxApiError {
  if (raw instanceof WxApiError) return raw;
  if (raw instanceof Error) return new WxApiError(raw.message);
  if (typeof raw === 'object' && raw !== null) {
    const { errMsg, errno } = raw as { errMsg?: unknown; errno?: unknown };
    return new WxApiError(typeof errMsg === 'string' ? errMsg : 'wx api failed', typeof errno === 'number' ? errno : undefined);
  }
  return new WxApiError(String(raw));
}

export function toServiceError(raw: unknown): ServiceError {
  if (raw instanceof ServiceError) return raw;
  if (raw instanceof Error) return new ServiceError('NETWORK', raw.message);
  return new ServiceError('NETWORK', String(raw));
}
