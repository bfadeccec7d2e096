// Topic detection throughput (chars/s) over a synthetic corpus of sales updates.
import { detectTopics } from '../../src/domain/topics/detect-topics.js';
import { loadTopicDictionary } from '../../src/config/load-topics.js';

const PARTS = [
  '今天拜访了客户', '对方采购经理说', '老板还没拍板', '他们觉得报价偏高', '想要九十天账期', '下周安排一次演示',
  '样品已经寄出', '竞品那边给了八五折', '交期能不能提前', '预算今年还没批', '售后响应要快', '系统稳定性他们很关心',
  '需要等保三级的资质', '合同条款法务在看', '天气不错顺便吃了个饭', '聊了聊行业情况',
];

export function benchTopics(): void {
  const dict = loadTopicDictionary();
  const corpus: string[] = [];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 20_000; i++) {
    const n = 2 + Math.floor(rand() * 4);
    corpus.push(Array.from({ length: n }, () => PARTS[Math.floor(rand() * PARTS.length)]).join(','));
  }
  const chars = corpus.reduce((s, t) => s + t.length, 0);
  for (const t of corpus.slice(0, 500)) detectTopics(t, dict); // warm-up
  const t0 = process.hrtime.bigint();
  let found = 0;
  for (const t of corpus) found += detectTopics(t, dict).length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`\n# Topic detection: ${corpus.length} updates, ${chars} chars`);
  console.log(`${(chars / seconds / 1e6).toFixed(2)} M chars/s   ${(corpus.length / seconds).toFixed(0)} updates/s   (${found} topics found)`);
}
