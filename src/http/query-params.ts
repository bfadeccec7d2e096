// Admin API inputs that numbers and times come in as: validated here so a "1.5", "-3" or the year 9999
// is a 400 naming the parameter, never a 500 from the database.
import { badRequest } from '../shared/errors.js';

const MAX_LIMIT = 500;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** `?limit=`: absent → the default; otherwise an integer 1–500. */
export function limitParam(raw: string | undefined, fallback = 100): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw badRequest('invalid_limit', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return n;
}

/** An ISO 8601 time between the years 2000 and 2100. */
export function timeParam(raw: unknown, name: string): Date {
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms) || ms < EARLIEST || ms >= LATEST) throw badRequest(`invalid_${name}`, `${name} must be an ISO 8601 time between 2000 and 2100`);
  return new Date(ms);
}
