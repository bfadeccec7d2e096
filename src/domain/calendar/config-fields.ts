// Readers for rule config objects that fail naming the offending field's path ("calendar.holidays[2]"),
// so a typo in config/rules.jsonc is reported where it is instead of surfacing later as a wrong push.
import { AppError } from '../../shared/errors.js';
import { isIsoDate, parseHhmm } from './local-time.js';

export type ConfigObject = Readonly<Record<string, unknown>>;

export function configError(path: string, problem: string): AppError {
  return new AppError('rules_invalid', `rules: "${path}" ${problem}`, { details: { field: path } });
}

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

/** An object whose keys are all known: unknown keys are usually typos that would silently do nothing. */
export function object(value: unknown, path: string, known: readonly string[]): ConfigObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw configError(path || '(root)', `must be an object, got ${show(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw configError(path ? `${path}.${key}` : key, `is not a known setting (known: ${known.join(', ')})`);
  }
  return value as ConfigObject;
}

export function positiveNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw configError(path, `must be a positive number, got ${show(value)}`);
  }
  return value;
}

export function wholeNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw configError(path, `must be a whole number from ${min} to ${max}, got ${show(value)}`);
  }
  return value;
}

/** "HH:MM" → minutes after midnight. */
export function clockTime(value: unknown, path: string): number {
  const minutes = parseHhmm(value);
  if (minutes === null) throw configError(path, `must be a time "HH:MM" (24-hour), got ${show(value)}`);
  return minutes;
}

export function dateList(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw configError(path, `must be a list of dates "YYYY-MM-DD", got ${show(value)}`);
  value.forEach((d, i) => {
    if (!isIsoDate(d)) throw configError(`${path}[${i}]`, `must be a date "YYYY-MM-DD", got ${show(d)}`);
  });
  return value as string[];
}
