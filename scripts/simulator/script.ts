// The --script language: one step per line, `#` starts a comment.
//   say 文字 | voice FILE [文字稿] | tap 按钮 | choose N | wait 2s | clock +49h | clock 2026-12-07 10:00 | job reminders
//   | visit 顾客的问题 (a store visit through the mini-program API /mp/*)
//   | as 张三 (a directory name, or any userid) | as 张三 zhangsan
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';

export type Step =
  | { kind: 'say'; text: string }
  | { kind: 'voice'; file: string; transcript: string | null }
  | { kind: 'tap'; label: string }
  | { kind: 'visit'; question: string }
  | { kind: 'choose'; index: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'clock'; ms: number; at: Date | null }
  | { kind: 'job'; name: string }
  | { kind: 'as'; user: string; name: string | null };

const UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

function duration(s: string, line: number): number {
  const m = /^\+?(\d+(?:\.\d+)?)(ms|s|min|m|h|d)$/.exec(s.trim());
  if (!m) throw new Error(`line ${line}: bad duration "${s}" (e.g. 2s, 49h, 3d)`);
  return Number(m[1]) * UNIT[m[2]!]!;
}

/** Parses a script; voice file paths are taken relative to the script's folder. */
export function parseScript(text: string, baseDir = '.'): Step[] {
  const steps: Step[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [verb, ...rest] = line.split(/\s+/);
    const arg = line.slice(verb!.length).trim();
    const n = i + 1;
    switch (verb) {
      case 'say': steps.push({ kind: 'say', text: arg }); break;
      case 'voice': {
        const file = rest[0];
        if (!file) throw new Error(`line ${n}: voice needs a file`);
        steps.push({ kind: 'voice', file: isAbsolute(file) ? file : join(baseDir, file), transcript: rest.slice(1).join(' ') || null });
        break;
      }
      case 'tap': steps.push({ kind: 'tap', label: arg }); break;
      case 'visit': steps.push({ kind: 'visit', question: arg }); break;
      case 'choose': steps.push({ kind: 'choose', index: Number(arg) }); break;
      case 'wait': steps.push({ kind: 'wait', ms: duration(arg, n) }); break;
      case 'clock': {
        // `clock +49h` moves time on; `clock 2026-12-07 10:00` sets it (Beijing time).
        const at = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d$/.test(arg) ? new Date(`${arg.replace(' ', 'T')}:00+08:00`) : null;
        steps.push({ kind: 'clock', ms: at ? 0 : duration(arg, n), at });
        break;
      }
      case 'job': steps.push({ kind: 'job', name: arg }); break;
      case 'as': steps.push({ kind: 'as', user: rest[1] ?? rest[0]!, name: rest[1] ? rest[0]! : rest[0]! }); break;
      default: throw new Error(`line ${n}: unknown step "${verb}" (say, voice, tap, choose, visit, wait, clock, job, as)`);
    }
  });
  return steps;
}

export const readScript = (file: string): Step[] => parseScript(readFileSync(file, 'utf8'), dirname(file));
