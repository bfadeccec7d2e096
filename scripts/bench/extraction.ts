// Battle-report extraction throughput (notes/s, mean ms per note) over a synthetic corpus of rep notes
// assembled from phrase parts; the evaluation sentences are never used here.
import { loadReportRules } from '../../src/config/load-report-rules.js';
import { extractReport } from '../../src/domain/reports/extract-report.js';

const OPENERS = ['今天拜访了恒达机械', '上午去了瑞丰食品', '跟金诚物业的王经理聊了聊', '下午给远洋贸易打了电话', '昨天和天成化工的张总吃饭'];
const MIDDLES = [
  '第一次见面了解了一下需求', '演示做完了', '客户觉得价格偏高想要九折', '报价一百二十万', '合同交给法务了',
  '对方要九十天账期', '预算在四十万左右', '他们担心系统稳定性', '客户说友商便宜两成', '合同签了总价七十二万五',
  '要老板拍板', '要求先试用两周', '交期太长了', '单价三千五一台共二十台', '首付30%余款两个月内付清',
];
const CLOSERS = ['明天再去一趟', '下周四带样机过去', '月底前等回复', '周五前把报价发过去', '下个月再说', '持续跟进', '有意向再沟通', '15号之前交材料'];

export function benchExtraction(): void {
  const rules = loadReportRules();
  let seed = 11;
  const rand = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
  const notes: { text: string; recordedAt: Date }[] = [];
  for (let i = 0; i < 5_000; i++) {
    const middle = Array.from({ length: 1 + rand(3) }, () => MIDDLES[rand(MIDDLES.length)]);
    const text = `${OPENERS[rand(OPENERS.length)]}，${middle.join('，')}，${CLOSERS[rand(CLOSERS.length)]}。`;
    notes.push({ text, recordedAt: new Date(Date.UTC(2026, 0, 1) + rand(365) * 86_400_000 + rand(86_400_000)) });
  }
  for (const n of notes.slice(0, 300)) extractReport(n, rules); // warm-up (jieba, regex JIT)
  const t0 = process.hrtime.bigint();
  let fields = 0;
  for (const n of notes) fields += extractReport(n, rules).objections.length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const chars = notes.reduce((s, n) => s + n.text.length, 0);
  console.log(`\n# Battle-report extraction: ${notes.length} notes, ${(chars / notes.length).toFixed(0)} chars each on average`);
  console.log(`${(notes.length / seconds).toFixed(0)} notes/s   ${((seconds * 1000) / notes.length).toFixed(3)} ms per note   (${fields} objections found)`);
}

// Run directly: `npx tsx scripts/bench/extraction.ts`.
if (import.meta.url === `file://${process.argv[1]}`) benchExtraction();
