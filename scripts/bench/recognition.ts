// Understanding throughput (messages/s): customer recognition alone, and the whole reading of a chat text
// (intent, customer, topics, stage cue) as the update flow runs it, over a synthetic corpus.
import { loadIntentRules } from '../../src/config/load-intent-rules.js';
import { loadReportRules } from '../../src/config/load-report-rules.js';
import { recognizeCustomerMatch } from '../../src/domain/customers/recognize-customer.js';
import { understandMessage } from '../../src/domain/understanding/understand-message.js';

const OPENERS = ['刚去了', '上午拜访了', '跟', '回访了', '刚挂了', '陪领导去了', '', '在'];
const NAMES = ['恒信机械', '和睿口腔诊所', '中港建工六局三公司', '茶小满', '平江市卫健委', 'IBX中国', '南湖第二人民医院', '悦家超市'];
const TAILS = ['的采购说价格偏高', '那边想先试用', ',聊了账期', '的设备科要等保证明', '签了!', '黄了,他们选了别家', '今天打电话来问货期', ''];
const OTHERS = ['你好', '怎么用', '客户说再考虑一下', '金额改成50万', '今天跑了一天,没什么进展', '谢谢👍'];

export function benchRecognition(): void {
  const report = loadReportRules();
  const rules = { report, intents: loadIntentRules() };
  const known = Array.from({ length: 2000 }, (_, i) => `客户${i}号科技`);
  const corpus: string[] = [];
  let seed = 11;
  const pick = <T>(xs: readonly T[]) => xs[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % xs.length]!;
  for (let i = 0; i < 5_000; i++) corpus.push(i % 5 === 4 ? pick(OTHERS) : `${pick(OPENERS)}${pick(NAMES)}${pick(TAILS)}`);
  const at = new Date('2026-12-07T10:00:00+08:00');
  const time = (f: (t: string) => unknown) => {
    for (const t of corpus.slice(0, 200)) f(t); // warm-up (jieba, opencc)
    const t0 = process.hrtime.bigint();
    for (const t of corpus) f(t);
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  const recognise = time((t) => recognizeCustomerMatch(t, known, report.customers));
  const understand = time((t) => understandMessage(t, at, known, rules));
  console.log(`\n# Understanding: ${corpus.length} chat messages, 2000 known customers`);
  console.log(`customer recognition ${(corpus.length / recognise).toFixed(0)} messages/s (${((recognise / corpus.length) * 1e3).toFixed(2)} ms each)`);
  console.log(`full reading (intent, customer, topics, stage) ${(corpus.length / understand).toFixed(0)} messages/s (${((understand / corpus.length) * 1e3).toFixed(2)} ms each)`);
}
