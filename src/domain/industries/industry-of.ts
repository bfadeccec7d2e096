// A customer's industry from the organisation kind in its name (config/industries.jsonc): the cue that ends
// last wins (an organisation's kind is its tail: 大学附属医院 is a hospital), the longer one at the same end;
// one-character cues count only as the last character; weak cues (科技, 贸易) only when nothing else is
// found. Pure.
import { AppError } from '../../shared/errors.js';
import { toSimplified } from '../text/simplified.js';

export interface IndustryRules {
  /** Cue → industry, strong cues. */
  readonly cues: ReadonlyMap<string, string>;
  readonly weak: ReadonlyMap<string, string>;
  /** Every industry name, strong and weak, in file order. */
  readonly industries: readonly string[];
}

const MAX_INDUSTRY = 20;

function invalid(path: string, problem: string): AppError {
  return new AppError('industries_invalid', `industries: "${path}" ${problem}`, { details: { field: path } });
}

function cueMap(raw: unknown, path: string, names: string[]): Map<string, string> {
  const map = new Map<string, string>();
  if (raw === undefined) return map;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(path, 'must be an object of industry → cue list');
  for (const [industry, cues] of Object.entries(raw)) {
    if (!industry.trim() || [...industry].length > MAX_INDUSTRY) throw invalid(`${path}.${industry}`, `must be a name of 1–${MAX_INDUSTRY} characters`);
    if (!Array.isArray(cues) || cues.length === 0) throw invalid(`${path}.${industry}`, 'must be a non-empty list of cue words');
    for (const [i, cue] of cues.entries()) {
      if (typeof cue !== 'string' || !cue.trim()) throw invalid(`${path}.${industry}[${i}]`, 'must be a non-empty text');
      const key = cue.trim().normalize('NFKC').toLowerCase();
      const earlier = map.get(key);
      if (earlier !== undefined && earlier !== industry) throw invalid(`${path}.${industry}[${i}]`, `repeats "${cue}" of ${earlier}`);
      map.set(key, industry);
    }
    if (!names.includes(industry)) names.push(industry);
  }
  return map;
}

export function compileIndustryRules(raw: unknown): IndustryRules {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('(root)', 'must be an object');
  for (const key of Object.keys(raw)) if (key !== 'industries' && key !== 'weak') throw invalid(key, 'is not a known setting (known: industries, weak)');
  const o = raw as { industries?: unknown; weak?: unknown };
  const names: string[] = [];
  const cues = cueMap(o.industries, 'industries', names);
  if (cues.size === 0) throw invalid('industries', 'must list at least one industry');
  const weak = cueMap(o.weak, 'weak', names);
  for (const cue of weak.keys()) if (cues.has(cue)) throw invalid(`weak`, `repeats the strong cue "${cue}"`);
  return { cues, weak, industries: names };
}

/** The industry the name's organisation kind says, or null (no cue in the name). */
export function industryOf(name: string, rules: IndustryRules): string | null {
  const text = toSimplified(name.normalize('NFKC')).toLowerCase().replace(/\s+/g, '');
  return lastCue(text, rules.cues) ?? lastCue(text, rules.weak);
}

function lastCue(text: string, cues: ReadonlyMap<string, string>): string | null {
  let best: { end: number; length: number; industry: string } | null = null;
  for (const [cue, industry] of cues) {
    const single = [...cue].length === 1;
    for (let at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + 1)) {
      const end = at + cue.length;
      if (single && end !== text.length) continue;
      if (!best || end > best.end || (end === best.end && cue.length > best.length)) best = { end, length: cue.length, industry };
    }
  }
  return best?.industry ?? null;
}

/** An industry an admin typed: trimmed, at most 20 characters; null clears it (back to the name's). */
export function cleanIndustry(raw: unknown): string | null | undefined {
  if (raw === null) return null;
  if (typeof raw !== 'string') return undefined;
  const v = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!v) return null;
  return [...v].length <= MAX_INDUSTRY ? v : undefined;
}
