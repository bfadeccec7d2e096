// The one error type every lib module rejects with (API calls, login, recording): the HTTP status
// (0 when no answer arrived), a stable code (the server's MpErrorCode or a ClientErrorCode) and, for
// compliance_note_required, the sensitive words the server found.
import type { MpError, MpErrorCode } from '../../src/shared/mp-api.js';
import { ERROR_TEXT, MSG } from './messages.js';

/** Codes raised on the client, never sent by the server. */
export type ClientErrorCode =
  | 'network'
  | 'timeout'
  | 'not_in_wecom'
  | 'wx_login_failed'
  | 'bad_response'
  | 'voice_too_short'
  | 'voice_failed';

/** Known codes autocomplete; unknown server codes still fit (the contract allows any string). */
export type ApiErrorCode = MpErrorCode | ClientErrorCode | (string & {});

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly words?: string[];

  constructor(status: number, code: ApiErrorCode, message: string, words?: string[]) {
    super(message);
    this.status = status;
    this.code = code;
    if (words) this.words = words;
  }

  static fromBody(status: number, body: unknown): ApiError {
    const e = isMpError(body) ? body : null;
    if (!e) return new ApiError(status, 'bad_response', `HTTP ${status} without an error body`);
    const words = Array.isArray(e.words) ? e.words.filter((w): w is string => typeof w === 'string') : undefined;
    return new ApiError(status, e.code, e.message, words);
  }
}

/**
 * Checks the brand, not the prototype: once DevTools transpiles classes to ES5, `instanceof` on an
 * Error subclass is unreliable.
 */
export function isApiError(err: unknown): err is ApiError {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; status?: unknown; code?: unknown };
  return e.name === 'ApiError' && typeof e.status === 'number' && typeof e.code === 'string';
}

/** What the page shows for any rejection. */
export function errorText(err: unknown): string {
  // Unknown server codes are allowed by the contract; they get the generic sentence (own keys only,
  // so a code such as "constructor" cannot pick up an Object.prototype member).
  if (isApiError(err) && Object.prototype.hasOwnProperty.call(ERROR_TEXT, err.code)) {
    return (ERROR_TEXT as Readonly<Record<string, string>>)[err.code] ?? MSG.genericError;
  }
  return MSG.genericError;
}

function isMpError(body: unknown): body is MpError {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { code?: unknown; message?: unknown };
  return typeof b.code === 'string' && typeof b.message === 'string';
}
