// One reading of a chat text: stage cues that happened (won, lost, negotiation; contract only for facts),
// and the held-out sets as a guard against rules fitted to single sentences.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIntentRules } from '../../src/config/load-intent-rules.js';
import { loadReportRules } from '../../src/config/load-report-rules.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { understandMessage } from '../../src/domain/understanding/understand-message.js';

const rules = { report: loadReportRules(), intents: loadIntentRules() };
const at = new Date('2026-12-07T10:00:00+08:00');
const read = (text: string) => understandMessage(text, at, [], rules);

describe('stage cues in chat updates', () => {
  it.each([
    ['博瑞电子黄了,他们选了别家', 'lost'],
    ['博瑞电子丢了,预算砍了', 'lost'],
    ['博瑞电子签了!', 'won'],
    ['博瑞电子中标了', 'won'],
    ['博瑞电子回款到账了', 'won'],
    ['跟博瑞电子采购谈了价格', 'negotiation'],
    ['博瑞电子一直在压价', 'negotiation'],
    ['博瑞电子合同在法务审', 'contract'],
  ])('%s → %s', (text, stage) => {
    expect(read(text).suggestedStage).toBe(stage);
  });

  it('never suggests contract for a plan, and topics still suggest demo or negotiation', () => {
    expect(read('博瑞电子下周准备合同').suggestedStage).toBeNull();
    expect(read('博瑞电子想先试用').suggestedStage).toBe('demo');
    expect(read('博瑞电子嫌贵').suggestedStage).toBe('negotiation');
  });

  it('small talk and questions carry no customer', () => {
    expect(read('你好')).toMatchObject({ intent: { kind: 'small_talk' }, customer: null });
    expect(read('怎么用')).toMatchObject({ intent: { kind: 'bot_question' }, customer: null });
  });
});

describe('held-out messages (written apart from the rules, by other hands)', () => {
  const load = <T>(file: string) =>
    readFileSync(join(repoRoot(), 'test/fixtures/understanding', file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

  it.each(['customers.heldout.jsonl', 'customers.set2.jsonl', 'customers.set3.jsonl', 'customers.set4.jsonl'])(
    '%s: the right customer (or nobody) for at least 93 %, a wrong one for at most 2.5 %',
    (file) => {
      const gold = load<{ text: string; customer: string | null; alts?: string[] }>(file);
      let right = 0;
      let wrong = 0;
      for (const g of gold) {
        const u = read(g.text);
        const got = u.correctedCustomer ?? u.customer?.name ?? null; // "不是A是B" is about B
        const want: (string | null)[] = g.customer ? [g.customer, ...(g.alts ?? [])] : [null];
        if (want.includes(got)) right++;
        else if (got !== null) wrong++;
      }
      expect(right / gold.length).toBeGreaterThanOrEqual(0.93);
      expect(wrong / gold.length).toBeLessThanOrEqual(0.025);
    },
  );

  it.each(['topics.heldout.jsonl', 'topics.set3.jsonl'])('%s: topic micro-F1 at least 0.95', (file) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const g of load<{ text: string; gold: string[] }>(file)) {
      const got = new Set<string>(read(g.text).topics);
      const want = new Set(g.gold);
      for (const t of got) (want.has(t) ? tp++ : fp++);
      for (const t of want) if (!got.has(t)) fn++;
    }
    expect((2 * tp) / (2 * tp + fp + fn)).toBeGreaterThanOrEqual(0.95);
  });
});
