// View helpers the 总览 / 客户 / 战报 pages share: the viewer's filter choices and ★ text (times and the phone
// breakpoint come from shared/).
import { api } from '../../shared/api';
import { session } from '../../shared/session';
export { formatTime, monthDay } from '../../shared/format';
export { useNarrow } from '../../shared/use-narrow';

export const stars = (n: number | null | undefined) => (n ? '★'.repeat(n) : '');
/** What a rating means (docs/product.md "Points and leaderboards", "Knowledge"). */
export const STAR_MEANING: Record<number, string> = { 1: '认可', 2: '进知识库', 3: '标杆案例' };

export interface Option {
  id: string;
  label: string;
}

export interface Scope {
  role: 'admin' | 'manager' | 'rep';
  teams: { key: string; name: string }[];
  people: { id: string; name: string; teamKey: string | null; active: boolean }[];
  stages: { id: string; label: string; terminal: boolean }[];
  topics: Option[];
}

let cached: { who: string; scope: Promise<Scope> } | null = null;

/** The viewer's filter choices, asked once per signed-in person (signing in as someone else asks again). */
export function loadScope(): Promise<Scope> {
  const who = `${session.me?.userId ?? 'admin'}:${session.me?.role ?? ''}`;
  if (cached?.who !== who) {
    const scope = api.get<Scope>('/scope').catch((e) => {
      cached = null;
      throw e;
    });
    cached = { who, scope };
  }
  return cached.scope;
}

/** Query-string values of a route as plain strings (the first of repeated ones). */
export function queryText(v: unknown): string {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}
