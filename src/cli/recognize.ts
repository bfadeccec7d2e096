// `recognize FILE.jsonl`: reads {"id","text"[,"recordedAt"]} lines and prints one
// {"id","customer","topics","intent","stage"} line each: what the bot would make of the text as a chat
// message. `customer` is null when the bot would ask (or the text is no sales update at all); for a
// correction ("不是A是B") it is the customer the rep says it really is.
import { matchCommand } from '../app/commands/chat-commands.js';
import { reportTextOf } from '../app/reports/start-report.js';
import { loadIntentRules } from '../config/load-intent-rules.js';
import { loadReportRules } from '../config/load-report-rules.js';
import { understandMessage } from '../domain/understanding/understand-message.js';
import { eachJsonLine, isId } from './jsonl.js';

export async function run(args: string[]): Promise<number> {
  const [file] = args;
  if (file === undefined || args.length !== 1) {
    process.stderr.write('usage: cli recognize FILE.jsonl\n');
    return 2;
  }
  const rules = { report: loadReportRules(), intents: loadIntentRules() };
  return eachJsonLine(
    file,
    ({ id, text, recordedAt }) => {
      if (!isId(id) || typeof text !== 'string') return null;
      const at = typeof recordedAt === 'string' ? new Date(recordedAt) : new Date();
      return Number.isNaN(at.getTime()) ? null : { id, text, at };
    },
    '{"id","text"}',
    (row) => process.stdout.write(`${JSON.stringify({ id: row.id, ...readLine(row.text, row.at, rules) })}\n`),
  );
}

function readLine(text: string, at: Date, rules: Parameters<typeof understandMessage>[3]) {
  if (matchCommand(text)) return { customer: null, topics: [], intent: 'command', stage: null };
  const reportText = reportTextOf(text);
  const u = understandMessage(reportText ?? text, at, [], rules);
  const intent = reportText ? 'report' : u.intent.kind;
  const isUpdate = intent === 'update' || intent === 'report';
  if (u.correctedCustomer) return { customer: u.correctedCustomer, topics: [], intent, stage: null };
  return {
    customer: isUpdate ? (u.customer?.name ?? null) : null,
    topics: isUpdate ? u.topics : [],
    intent,
    stage: isUpdate ? u.suggestedStage : null,
  };
}
