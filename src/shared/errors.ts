// Errors with a stable code and an exposure decision (architecture principle 6).
// `expose` means the message is safe to show to the caller; otherwise callers see a generic text.
// 4xx and 503 ("not configured", "provider down": a friendly message, retry later) are exposed by
// default; any other 5xx is a bug and shows only the generic text.

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  readonly details?: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    opts: { status?: number; expose?: boolean; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = opts.status ?? 500;
    this.expose = opts.expose ?? (this.status < 500 || this.status === 503);
    this.details = opts.details;
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, message, { status: 400, details });
export const unauthorized = (code: string, message: string) => new AppError(code, message, { status: 401 });
export const forbidden = (code: string, message: string) => new AppError(code, message, { status: 403 });
export const notFound = (code: string, message: string) => new AppError(code, message, { status: 404 });
export const unavailable = (code: string, message: string, cause?: unknown) => new AppError(code, message, { status: 503, cause });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
