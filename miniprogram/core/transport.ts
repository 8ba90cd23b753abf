// How a request reaches a government: in-process (embedded mock) or over HTTPS with wx.request.
import type { ApiRequest, ApiResponse } from '../contracts/http';
import { ServiceError } from './errors';

/** One file sent as multipart/form-data (`wx.uploadFile`), with the form's other fields. */
export interface UploadRequest {
  path: string;
  headers?: Record<string, string>;
  /** A local file: a temporary path from `wx.chooseMedia`, or one saved with the file system manager. */
  filePath: string;
  /** The part's field name. */
  field: string;
  form?: Record<string, string>;
}

export interface Transport {
  /** Resolves with whatever status the government answered; rejects only with TIMEOUT or NETWORK. */
  send(req: ApiRequest): Promise<ApiResponse>;
  /** Sends a file, POST; resolves and rejects as `send` does (NETWORK also when the file cannot be read). */
  upload(req: UploadRequest): Promise<ApiResponse>;
}

export interface GovernmentHandler {
  handle(req: ApiRequest): Promise<ApiResponse>;
}

export type NetworkFault = 'none' | 'unavailable' | 'offline' | 'timeout';

export interface EmbeddedTransport extends Transport {
  /** Simulates a bad network for testers: every request fails this way until set back to 'none'. */
  setFault(fault: NetworkFault): void;
  readonly fault: NetworkFault;
}

export interface EmbeddedOptions {
  /** Added before each answer, so loading states are real. */
  latencyMs?: number;
}

export interface WxRequestOptions {
  baseUrl: string;
  timeoutMs?: number;
}

export function createWxRequestTransport(options: WxRequestOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    send(req) {
      const query = req.query ? Object.keys(req.query).map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(req.query?.[k] ?? '')}`).join('&') : '';
      const url = `${base}${req.path}${query ? `?${query}` : ''}`;
      return new Promise<ApiResponse>((resolve, reject) => {
        wx.request({
          url,
          method: req.method,
          header: { 'content-type': 'application/json', ...(req.headers ?? {}) },
          data: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body),
          dataType: 'json',
          timeout: options.timeoutMs ?? 15000,
          success: (res) => resolve({ status: res.statusCode, body: res.data }),
          fail: (err) => reject(networkError(err.errMsg)),
        });
      });
    },
    upload(req) {
      return new Promise<ApiResponse>((resolve, reject) => {
        wx.uploadFile({
          url: `${base}${req.path}`,
          filePath: req.filePath,
          name: req.field,
          header: req.headers ?? {},
          formData: req.form ?? {},
          timeout: options.timeoutMs ?? 15000,
          // uploadFile answers text: the government's JSON, or a proxy's page that is not JSON.
          success: (res) => resolve({ status: res.statusCode, body: parseJson(res.data) }),
          fail: (err) => reject(networkError(err.errMsg)),
        });
      });
    },
  };
}

const networkError = (errMsg: string): ServiceError => (/timeout/i.test(errMsg) ? new ServiceError('TIMEOUT', errMsg) : new ServiceError('NETWORK', errMsg));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
