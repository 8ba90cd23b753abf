// The HTTP shape shared by the client transport and the mocked government.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON string on the wire; the government also accepts an already parsed value. */
  body?: string | object;
  /**
   * A file sent as multipart/form-data (`wx.uploadFile`): the part's field name and its bytes in base64.
   * The form's other fields are `body`. Only an endpoint that takes a file accepts one.
   */
  file?: UploadedFile;
}

export interface UploadedFile { field: string; base64: string }

export interface ApiResponse {
  status: number;
  body: unknown;
}

/** Codes every endpoint may answer with; domains add their own string codes. */
export type CommonErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'NOT_VERIFIED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** `fields` maps a request field to the reason code for that field (e.g. `idNumber: 'ID_CHECKSUM'`). */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    retryAfterSec?: number;
  };
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const AUTH_HEADER = 'authorization';
