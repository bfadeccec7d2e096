// `detect-topics FILE.jsonl`: reads {"id","text"} lines, prints one {"id","topics"} line each to stdout.
import { loadTopicDictionary } from '../config/load-topics.js';
import { detectTopics } from '../domain/topics/detect-topics.js';
import { eachJsonLine, isId } from './jsonl.js';

export async function run(args: string[]): Promise<number> {
  const [file] = args;
  if (file === undefined || args.length !== 1) {
    process.stderr.write('usage: cli detect-topics FILE.jsonl\n');
    return 2;
  }
  const dict = loadTopicDictionary();
  return eachJsonLine(
    file,
    ({ id, text }) => (isId(id) && typeof text === 'string' ? { id, text } : null),
    '{"id","text"}',
    (row) => process.stdout.write(`${JSON.stringify({ id: row.id, topics: detectTopics(row.text, dict) })}\n`),
  );
}
