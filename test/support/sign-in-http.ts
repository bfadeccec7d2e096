// Small HTTP helpers for the console sign-in tests: JSON posts the way the sign-in page sends them, and
// the cookies a response sets.
import type { TestServer } from './test-server.js';

export async function jsonPost(t: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.server.url}${path}`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { res, status: res.status, json, text };
}

/** Every Set-Cookie header of a response. */
export const cookiesOf = (res: Response): string[] => res.headers.getSetCookie();

/** "name=value" of a cookie the response set (for a Cookie header); throws when it set none. */
export function cookieFrom(res: Response, name: string): string {
  const set = cookiesOf(res).find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`));
  if (!set) throw new Error(`the response set no ${name} cookie (it set: ${cookiesOf(res).join(' | ') || 'none'})`);
  return set.split(';')[0]!;
}
