// `detect-topics FILE.jsonl`: reads {"id","text"} lines, prints one {"id","topics"} line each to stdout.
// Diagnostics go to stderr so stdout can be piped straight into the scorer.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadTopicDictionary } from '../config/load-topics.js';
import { detectTopics } from '../domain/topics/detect-topics.js';

export async function run(args: string[]): Promise<number> {
  const [file] = args;
  if (file === undefined || args.length !== 1) {
    process.stderr.write('usage: cli detect-topics FILE.jsonl\n');
    return 2;
  }
  const dict = loadTopicDictionary();
  let lineNo = 0;
  let skipped = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    const row = parseRow(line);
    if (!row) {
      skipped++;
      process.stderr.write(`${file}:${lineNo}: skipped, expected {"id","text"}\n`);
      continue;
    }
    process.stdout.write(`${JSON.stringify({ id: row.id, topics: detectTopics(row.text, dict) })}\n`);
  }
  return skipped === 0 ? 0 : 1;
}

function parseRow(line: string): { id: string | number; text: string } | null {
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v !== 'object' || v === null) return null;
    const { id, text } = v as Record<string, unknown>;
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof text !== 'string') return null;
    return { id, text };
  } catch {
    return null;
  }
}
