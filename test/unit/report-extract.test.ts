// The offline battle-report extractor end to end: stage precedence, objections vs rep-stated terms,
// competitors, contacts, customers, vague phrases, and the public evaluation set scored in-test.
// Sentences are written for these tests; the evaluation lines are only read from their file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsoncFile } from '../../src/config/jsonc.js';
import { loadCustomerRules } from '../../src/config/load-customer-rules.js';
import { loadReportRules } from '../../src/config/load-report-rules.js';
import { loadTopicDictionary } from '../../src/config/load-topics.js';
import { repoRoot } from '../../src/config/repo-root.js';
import type { BattleReport } from '../../src/domain/reports/battle-report.js';
import { extractReport } from '../../src/domain/reports/extract-report.js';
import { missingNextStep } from '../../src/domain/reports/format.js';
import { compileReportRules } from '../../src/domain/reports/report-rules.js';

const rules = loadReportRules();
const at = new Date('2026-05-13T18:10:00+08:00');
const extract = (text: string, knownCustomers: string[] = []) => extractReport({ text, recordedAt: at, knownCustomers }, rules);
const topics = (text: string) => extract(text).objections.map((o) => o.topic).sort();

describe('stage', () => {
  it.each([
    ['上午拜访了恒达机械，第一次接触，周五把初步方案发过去', 'discovery'],
    ['瑞丰食品那边演示已经做完，反馈不错', 'demo'],
    ['嘉华酒店试用了两周，下周二谈商务条款', 'demo'],
    ['华泰证券的方案讲完了，下周报价', 'demo'],
    ['给金诚物业报了价，一共八十六万', 'negotiation'],
    ['和永兴建材谈下来九五折', 'negotiation'],
    ['宝丰食品账期两个月', 'negotiation'],
    ['信达电子已经把合同发给法务审了', 'contract'],
    ['合同还没签，法务在审条款', 'contract'],
    ['远洋贸易那边合同已经盖章了', 'won'],
    ['百盛超市第一次下单，订了三万块的货', 'won'],
    ['鼎盛建设的项目今天中标了', 'won'],
    ['货款已经回款到账', 'won'],
    ['新元科技的单子丢了', 'lost'],
    ['天瑞机电的项目谈崩了', 'lost'],
    ['客户最后选了海康', 'lost'],
    ['这单被中联截胡了', 'lost'],
  ])('%s → %s', (text, stage) => {
    expect(extract(text).stage).toBe(stage);
  });

  it.each([
    ['the most advanced happened cue wins', '第一次见面就做了演示，当场报了价', 'negotiation'],
    ['a planned demo does not move the stage', '第一次见面，下周约了讲方案', 'discovery'],
    ['a planned quote does not move the stage', '演示做完了，准备报价', 'demo'],
    ['a planned contract does not move the stage', '谈下来八八折，下星期走合同', 'negotiation'],
    ['won then lost: the last mentioned wins', '金源化工原本说签了，后来又黄了', 'lost'],
    ['lost then won: the last mentioned wins', '本来以为丢了，结果客户还是选了我们，合同签了', 'won'],
    ['a negated signing is no win', '合同还没签，还在法务那里', 'contract'],
    ['a hedge is no loss', '年前必须上线，不然就不做了', null],
    ['a quote the customer asks for is not given yet', '演示做完了，客户让我们出正式报价', 'demo'],
    ['the rival’s quote is not our negotiation', '他说竞品报价比我们低', null],
    ['a negotiation that may start is a plan', '样品测试通过了，可以进入商务谈判', 'demo'],
  ])('%s', (_why, text, stage) => {
    expect(extract(text).stage).toBe(stage);
  });

  it.each(['今天电话回访了一下老客户，一切正常', '客户说要再考虑一下', '下周三安排演示'])('%s has no stage', (text) => {
    expect(extract(text).stage).toBeNull();
  });
});

describe('objections', () => {
  it.each([
    ['客户嫌贵，想要打个九折', ['discount', 'price']],
    ['他们要一百二十天账期', ['payment_terms']],
    ['锦绣服饰要先拿两台样机试用', ['sample']],
    ['对方说得让董事长拍板', ['decision_maker']],
    ['客户担心系统稳定性', ['quality']],
    ['采购说操作有点复杂', ['quality']],
    ['客户问多久能到货', ['delivery']],
    ['客户要求在本市设维修点', ['after_sales']],
    ['对方今年没预算', ['budget']],
    ['客户要求提供ISO9001认证证书', ['compliance']],
    ['他们对违约条款有意见，要求修改', ['contract']],
    ['和客户谈下来八八折', ['discount']],
    ['谈账期，对方要一百二十天，我们只给六十天', ['payment_terms']],
    ['报价一百万，他们觉得高', ['price']],
    ['博远教育说我们软件老是闪退，担心稳定性', ['quality']],
    ['他们对交期比较在意', ['delivery']],
    ['李厂长说价格太高', ['price']],
    ['物流经理比较关心系统能不能跟ERP对接', ['quality']],
    ['老板说了，年前必须上线', ['delivery']],
    ['就等他们老板签字了', ['decision_maker']],
    ['对方说等下周董事会开完再定', ['decision_maker']],
    ['青松学校的校长说明年三月才有经费', ['budget']],
    ['客户担心质量，下周一再去做一次培训', ['quality']],
  ])('%s → %j', (text, expected) => {
    expect(topics(text)).toEqual([...expected].sort());
  });

  it.each([
    ['rep-stated terms are no objection', '账期六十天，预算五十万，总价一百八十万'],
    ['our quote is no objection', '报给天成化工的价格是九十八万'],
    ['our own position is no objection', '我们只给六十天账期'],
    ['a planned topic is no objection', '下周约了客户谈价格'],
    ['a plan with no subject is ours', '客户那边没什么问题，下周一再去做一次培训'],
    ['a point that is fine adds nothing', '客户说价格不是问题'],
    ['a test passed adds nothing', '客户反馈样品测试通过了'],
    ['a plan the customer tells us is no concern', '对方技术负责人说接口文档明天发过来'],
    ['technology being fine adds nothing', '技术那边满意'],
    ['a fine point next to a concern stays fine', '价格没问题，就是交期太长'],
    ['progress not made yet is no concern', '合同还没签，单价还没定'],
    ['good news is no concern', '设备科主任说预算批下来了'],
  ])('%s', (_why, text) => {
    const expected = text === '价格没问题，就是交期太长' ? ['delivery'] : [];
    expect(topics(text)).toEqual(expected);
  });

  it.each([
    ['客户觉得单价比友商贵', ['competitor', 'price']],
    ['客户在和另一家供应商比价', ['competitor', 'price']],
    ['友商报价八十万', ['competitor']],
    ['采购说友商报了一百二十万，比我们低十万', ['competitor', 'price']],
    ['客户最后选了海康，说海康交货快', ['competitor', 'delivery']],
    ['他们现在用的是西门子的设备', ['competitor']],
    ['客户说再看看别家的方案', ['competitor']],
  ])('naming or comparing with a rival always adds competitor: %s', (text, expected) => {
    expect(topics(text)).toEqual([...expected].sort());
  });

  it('quotes the words of the note', () => {
    expect(extract('今天去了天成化工，客户嫌贵。').objections).toEqual([{ topic: 'price', quote: '客户嫌贵' }]);
  });
});

describe('competitors, contact, customer, vague phrases', () => {
  it.each([
    ['客户最后选了海康', ['海康']],
    ['这单丢了，输给了戴尔', ['戴尔']],
    ['被中联截胡了', ['中联']],
    ['他们原来用的是西门子的设备', ['西门子']],
    ['晨光比我们便宜一成', ['晨光']],
    ['客户选了别家', []],
    ['友商报价比我们低', []],
    ['竞品能做到两周交货', []],
    ['价格比去年高', []],
    ['价格比上个月高', []],
    ['客户选了高配版', []],
    ['付款换成了月结', []],
    ['他们现在用的是手工台账', []],
    ['跟王总比较熟，和李经理比也不差', []],
  ])('%s → %j', (text, names) => {
    expect(extract(text).competitors).toEqual(names);
  });

  it.each([
    ['和采购孙经理初次见面', '采购孙经理'],
    ['张总说下周定', '张总'],
    ['李工反馈接口有问题', '李工'],
    ['采购刘姐说价格不是问题', '采购刘姐'],
    ['跟老周吃了个饭', '老周'],
    ['我们王经理下周过去', null],
    ['对方老板说再考虑一下', null],
    ['干了两个小时', null],
  ])('contact of %s is %s', (text, contact) => {
    expect(extract(text).contact).toBe(contact);
  });

  it.each([
    ['今天去了嘉禾包装，第一次见面', '嘉禾包装'],
    ['下周二跟北辰电子签合同', '北辰电子'],
    ['今天第一次见宁德新能源的采购', '宁德新能源'],
    ['客户海川食品说要再看看', '海川食品'],
    ['跟老周吃了个饭', '老周'],
    ['顺丰速运说价格没问题', '顺丰速运'],
    ['客户新希望食品觉得系统不好用', '新希望食品'],
    ['跟王总约了下周一下午两点去公司详谈', '王总'],
    ['客户希望能降到一百万以内', null],
    ['大家觉得方案不错', null],
  ])('customer of %s is %s', (text, customer) => {
    expect(extract(text).customer).toBe(customer);
  });

  it('recognises a known customer by its short name, as stored', () => {
    expect(extract('恒信那边说下周来厂里验货', ['恒信机械有限公司']).customer).toBe('恒信机械有限公司');
  });

  it.each([
    ['客户有意向，我持续跟进', ['有意向', '持续跟进']],
    ['说要再考虑一下，等通知', ['考虑一下', '等通知']],
    ['问题不大，应该能成', ['问题不大', '应该能成']],
    ['需要进一步沟通，保持联系', ['进一步沟通', '保持联系']],
    ['下个月再沟通，再看看', ['再沟通', '再看看']],
    ['下周四带样机过去', []],
  ])('vague phrases of %s', (text, phrases) => {
    expect(extract(text).vaguePhrases).toEqual(phrases);
  });

  it('asks for the next step only when vague and undated', () => {
    expect(missingNextStep(extract('跟德胜钢铁聊了聊，客户有意向，持续跟进'))).toBe(true);
    expect(missingNextStep(extract('客户有意向，下周二去演示'))).toBe(false);
    expect(missingNextStep(extract('客户嫌贵'))).toBe(false);
  });
});

describe('whole report', () => {
  it('fills every field of a rich note', () => {
    const r = extract('给金诚物业报了价，一共八十六万，采购王经理嫌贵，想要打个九折，账期要九十天，我明天跟领导申请一下。');
    expect(r).toMatchObject({
      customer: '金诚物业', contact: '采购王经理', stage: 'negotiation', amount: 860000, paymentTermsDays: 90,
      competitors: [], nextAction: '我明天跟领导申请一下', nextActionDue: '2026-05-14', vaguePhrases: [],
    });
    expect(r.objections.map((o) => o.topic).sort()).toEqual(['discount', 'payment_terms', 'price']);
    expect(r.progress).toBe('给金诚物业报了价，一共八十六万，采购王经理嫌贵，想要打个九折，账期要九十天。');
  });

  it('gives an empty report for an empty note', () => {
    expect(extract('')).toEqual({
      customer: null, contact: null, stage: null, progress: '', objections: [], competitors: [], amount: null,
      paymentTermsDays: null, nextAction: null, nextActionDue: null, vaguePhrases: [],
    });
  });

  it('is deterministic and fast (well under 5 ms per note)', () => {
    const text = '今天去了恒达机械，第一次见面，客户嫌贵想要九折，预算五十万，账期六十天，下周四带样机过去，持续跟进。';
    const first = extract(text);
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) expect(extract(text)).toEqual(first);
    expect((performance.now() - t0) / 200).toBeLessThan(5);
  });

  it('rejects invalid rules with a clear error', () => {
    const raw = readJsoncFile<Record<string, unknown>>(join(repoRoot(), 'config', 'report-rules.jsonc'));
    const deps = { topics: loadTopicDictionary(), customers: loadCustomerRules() };
    expect(() => compileReportRules({ ...raw, amounts: { ...(raw.amounts as object), kinds: 'x' } }, deps)).toThrow(/amounts/);
    expect(() => compileReportRules({ ...raw, vaguePhrases: { listed: [{ re: '(' }] } }, deps)).toThrow(/vaguePhrases/);
  });
});

// ---- The public evaluation set, scored the way /work/shared/eval/score.py scores reports. ----

const EVAL_FILE = join(repoRoot(), '..', 'shared', 'eval', 'reports.public.jsonl');

interface Gold {
  customer: string | null;
  stage: string | string[] | null;
  amount: number | null;
  paymentTermsDays: number | null;
  nextActionDue: string | string[] | null;
  objections: string[];
  vaguePhrases: string[];
  competitors: string[];
}

const norm = (s: string | null | undefined) => (s == null ? null : s.replace(/\s+/g, '').toLowerCase());
function sameName(a: string | null, b: string | null): boolean {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return !x && !y;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 2 && long.includes(short);
}
const f1 = ([tp, fp, fn]: number[]) => {
  const p = tp! + fp! ? tp! / (tp! + fp!) : 1;
  const r = tp! + fn! ? tp! / (tp! + fn!) : 1;
  return p + r ? (2 * p * r) / (p + r) : 0;
};

function scoreReports(rows: { gold: Gold; report: BattleReport }[]): number {
  let scalar = 0;
  const sets = { objections: [0, 0, 0], vaguePhrases: [0, 0, 0], competitors: [0, 0, 0] };
  for (const { gold: g, report: p } of rows) {
    scalar += Number(sameName(g.customer, p.customer));
    scalar += Number(Array.isArray(g.stage) ? g.stage.includes(p.stage as string) : g.stage === p.stage);
    scalar += Number(g.amount === p.amount);
    scalar += Number(g.paymentTermsDays === p.paymentTermsDays);
    const dues = Array.isArray(g.nextActionDue) ? g.nextActionDue : [g.nextActionDue];
    scalar += Number(g.nextActionDue === null ? !p.nextActionDue : dues.includes(p.nextActionDue));
    const count = (key: 'objections' | 'vaguePhrases', gs: Set<string>, ps: Set<string>) => {
      const tp = [...ps].filter((x) => gs.has(x)).length;
      sets[key][0]! += tp;
      sets[key][1]! += ps.size - tp;
      sets[key][2]! += gs.size - tp;
    };
    count('objections', new Set(g.objections), new Set(p.objections.map((o) => o.topic)));
    count('vaguePhrases', new Set(g.vaguePhrases), new Set(p.vaguePhrases));
    const tp = p.competitors.filter((x) => g.competitors.some((y) => sameName(x, y))).length;
    sets.competitors[0]! += tp;
    sets.competitors[1]! += p.competitors.length - tp;
    sets.competitors[2]! += g.competitors.length - Math.min(tp, g.competitors.length);
  }
  const scalarAcc = scalar / (rows.length * 5);
  return (scalarAcc * 5 + f1(sets.objections) + f1(sets.vaguePhrases) + f1(sets.competitors)) / 8;
}

describe.skipIf(!existsSync(EVAL_FILE))('public evaluation set', () => {
  it('scores at least 0.95 overall', () => {
    const rows = readFileSync(EVAL_FILE, 'utf8').split('\n').filter((l) => l.trim()).map((line) => {
      const row = JSON.parse(line) as { text: string; recordedAt: string; gold: Gold };
      return { gold: row.gold, report: extractReport({ text: row.text, recordedAt: new Date(row.recordedAt) }, rules) };
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(scoreReports(rows)).toBeGreaterThanOrEqual(0.95);
  });
});
