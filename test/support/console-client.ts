// A console API client for tests: a session opened straight in the database for a person (or the admin
// token when userId is null), then requests carrying its cookie and CSRF token like the browser does.
import { openSession } from '../../src/app/console/sessions.js';
import type { TestServer } from './test-server.js';

export interface ConsoleClient {
  cookie: string;
  csrfToken: string;
  request(method: string, path: string, body?: unknown, opts?: { csrf?: string | null }): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  get(path: string): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  post(path: string, body?: unknown): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  put(path: string, body?: unknown): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  del(path: string): Promise<{ status: number; json: any; text: string; headers: Headers }>;
}

export async function consoleClient(ts: TestServer, userId: string | null): Promise<ConsoleClient> {
  const tenantId = ts.config.defaultTenantId;
  const session = await openSession(ts.db, { tenantId, userId, via: userId ? 'link' : 'admin_token', now: ts.server.deps.clock.now(), adminToken: ts.config.adminToken });
  const cookie = `zb_console=${session.token}`;
  const request: ConsoleClient['request'] = async (method, path, body, opts = {}) => {
    const headers: Record<string, string> = { cookie };
    const csrf = opts.csrf === undefined ? session.csrfToken : opts.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = path.startsWith('/') && !path.startsWith('/console/') ? `/console/api${path}` : path;
    const res = await fetch(`${ts.server.url}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
  return {
    cookie,
    csrfToken: session.csrfToken,
    request,
    get: (p) => request('GET', p),
    post: (p, b = {}) => request('POST', p, b),
    put: (p, b = {}) => request('PUT', p, b),
    del: (p) => request('DELETE', p),
  };
}
