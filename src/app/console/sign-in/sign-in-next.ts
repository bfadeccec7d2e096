// Where a sign-in may send the browser afterwards: only a page of the console on this site. Anything else
// (another host, "//host", a backslash trick, the API, the sign-in page itself) becomes the overview, so
// the sign-in routes can never be used as an open redirect.
export const CONSOLE_HOME = '/console/overview';

const BASE = 'http://console.invalid';

export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 1024 || !raw.startsWith('/console/')) return CONSOLE_HOME;
  // Browsers read "\" as "/" and drop tabs/newlines inside URLs: refuse them rather than guess.
  if (/[\\\u0000-\u001f\u007f]/u.test(raw)) return CONSOLE_HOME;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return CONSOLE_HOME;
  }
  // The URL parser resolves "..", "%2e%2e" and the like; judge the path it ends up with.
  const path = url.pathname;
  if (url.origin !== BASE || !path.startsWith('/console/') || path.startsWith('/console/api/') || path.startsWith('/console/login')) return CONSOLE_HOME;
  return `${path}${url.search}${url.hash}`;
}

/** The same place as a route of the single-page app (its router's base is /console/). */
export const appRoute = (next: string): string => next.slice('/console'.length) || '/';
