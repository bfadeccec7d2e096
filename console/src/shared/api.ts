// One fetch wrapper for the console API: same-origin cookie, the CSRF token on every write, JSON errors
// turned into a Chinese message, and a signed-out answer sending the user to the sign-in page.
import { ElMessage } from 'element-plus';
import { session } from './session';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

let onSignedOut: () => void = () => undefined;
export const whenSignedOut = (fn: () => void) => {
  onSignedOut = fn;
};

async function call<T>(method: string, path: string, body?: unknown, opts: { quiet?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  const res = await fetch(`/console/api${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const err = new ApiError(res.status, data?.code ?? 'error', data?.message ?? `请求失败(${res.status})`);
    if (res.status === 401) onSignedOut();
    else if (!opts.quiet) ElMessage.error(err.message);
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, opts?: { quiet?: boolean }) => call<T>('GET', path, undefined, opts),
  post: <T>(path: string, body: unknown = {}, opts?: { quiet?: boolean }) => call<T>('POST', path, body, opts),
  put: <T>(path: string, body: unknown = {}, opts?: { quiet?: boolean }) => call<T>('PUT', path, body, opts),
  del: <T>(path: string, opts?: { quiet?: boolean }) => call<T>('DELETE', path, undefined, opts),
};

/** Query string from an object, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
