// Reading the console's list filters from a query string: every value is checked here, so a bad one is a
// 400 naming the parameter (in Chinese, the page shows it), never a 500 or a silently ignored filter.
import { isTopicId } from '../../domain/topics/topic-ids.js';
import { badRequest } from '../../shared/errors.js';

export type RawQuery = Record<string, string | string[] | undefined>;

const MAX_PAGE_SIZE = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One trimmed value; an empty or missing parameter is undefined; a repeated one takes the first. */
export function text(query: RawQuery, name: string, maxLength = 64): string | undefined {
  const raw = query[name];
  const v = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!v) return undefined;
  if (v.length > maxLength) throw badRequest(`invalid_${name}`, `参数 ${name} 太长`);
  return v;
}

export function integer(query: RawQuery, name: string, min: number, max: number): number | undefined {
  const v = text(query, name, 12);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw badRequest(`invalid_${name}`, `参数 ${name} 要是 ${min}–${max} 的整数`);
  return n;
}

export function oneOf<T extends string>(query: RawQuery, name: string, allowed: readonly T[]): T | undefined {
  const v = text(query, name);
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) throw badRequest(`invalid_${name}`, `参数 ${name} 只能是 ${allowed.join(' / ')}`);
  return v as T;
}

export function topic(query: RawQuery, name: string): string | undefined {
  const v = text(query, name);
  if (v !== undefined && !isTopicId(v)) throw badRequest(`invalid_${name}`, `没有这个话题:${v}`);
  return v;
}

/** YYYY-MM-DD, a real calendar date. */
export function date(query: RawQuery, name: string): string | undefined {
  const v = text(query, name, 10);
  if (v === undefined) return undefined;
  const ms = DATE.test(v) ? Date.parse(`${v}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== v || v < '2000-01-01' || v >= '2100-01-01') {
    throw badRequest(`invalid_${name}`, `参数 ${name} 要是日期,如 2026-05-01`);
  }
  return v;
}

export function paging(query: RawQuery): { page: number; pageSize: number } {
  return { page: integer(query, 'page', 1, 100_000) ?? 1, pageSize: integer(query, 'pageSize', 1, MAX_PAGE_SIZE) ?? 20 };
}
