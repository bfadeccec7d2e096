// Reads a JSONL file line by line for the evaluation commands: each valid line goes to `handle`, each
// invalid one is reported on stderr (stdout stays pure JSON for the scorer). Exit code 1 if any skipped.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function eachJsonLine<T>(
  file: string,
  parse: (value: Record<string, unknown>) => T | null,
  expected: string,
  handle: (row: T) => void,
): Promise<number> {
  let lineNo = 0;
  let skipped = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    const row = parseLine(line, parse);
    if (row === null) {
      skipped++;
      process.stderr.write(`${file}:${lineNo}: skipped, expected ${expected}\n`);
      continue;
    }
    handle(row);
  }
  return skipped === 0 ? 0 : 1;
}

function parseLine<T>(line: string, parse: (value: Record<string, unknown>) => T | null): T | null {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? parse(v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const isId = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';
