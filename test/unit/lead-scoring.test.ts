// The lead score with fixed facts: each rule's points and reasons, the clamp, the yardsticks from won
// deals, and reproducibility (facts recorded after the instant change nothing).
import { describe, expect, it } from 'vitest';
import { loadScoringRules } from '../../src/config/load-scoring-rules.js';
import { scoreCustomer } from '../../src/domain/scoring/score-customer.js';
import type { CustomerFacts, WonDeal } from '../../src/domain/scoring/score-facts.js';
import { median, scoringBaseline } from '../../src/domain/scoring/scoring-baseline.js';
import { compileScoringRules } from '../../src/domain/scoring/scoring-rules.js';
import { DEFAULT_STAGES } from '../../src/domain/stages/stage-ids.js';
import { reasonText, topReasons } from '../../src/app/scoring/scoring-texts.js';

const rules = loadScoringRules();
const DAY = 86_400_000;
const NOW = new Date('2026-12-10T10:00:00+08:00');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const noBaseline = scoringBaseline([]);

const facts = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({
  id: 'c1', currentStage: 'negotiation', stageChanges: [{ from: null, to: 'negotiation', at: ago(10) }], createdAt: ago(20), firstInquiryAt: ago(20),
  touches: [], reports: [], amount: null, ...over,
});
const touch = (daysAgo: number, kind = 'call', topics: string[] = [], text: string | null = null) => ({ kind, topics, text, at: ago(daysAgo) });

/** Five won deals: negotiation lasted 4, 6, 8, 10, 12 days; amounts 20–60万. */
const won: WonDeal[] = [4, 6, 8, 10, 12].map((d, i) => ({
  wonAt: ago(30 + i), amount: (20 + i * 10) * 10_000,
  path: [{ from: null, to: 'discovery', at: ago(30 + i + d + 5) }, { from: 'discovery', to: 'negotiation', at: ago(30 + i + d) }, { from: 'negotiation', to: 'won', at: ago(30 + i) }],
}));
const baseline = scoringBaseline(won);

describe('scoreCustomer', () => {
  it('adds up depth, stage, recency and topic signals, strongest reason first', () => {
    const s = scoreCustomer(facts({
      touches: [touch(1, 'visit', ['contract'], '谈了合同条款'), touch(3, 'call', ['decision_maker']), touch(5, 'message')],
      reports: [{ at: ago(1), amount: null, competitors: [], vaguePhrases: [] }],
    }), noBaseline, NOW, rules, DEFAULT_STAGES);
    // base 30 + depth (6+3+1+3=13) + stage (60 × 0.2 = 12) + fresh 6 + contract 10 + decision maker 7 = 78
    expect(s.score).toBe(78);
    expect(s.reasons.map((r) => [r.code, r.points])).toEqual([
      ['depth', 13], ['stage', 12], ['topic_contract', 10], ['topic_decision_maker', 7], ['fresh', 6],
    ]);
  });

  it('takes points for silence, rivals, vague notes and lost cues, and clamps at 0', () => {
    const s = scoreCustomer(facts({
      currentStage: 'discovery', stageChanges: [{ from: null, to: 'discovery', at: ago(20) }],
      touches: [touch(15, 'message', ['competitor'], '客户说再看看,可能选了别家')],
      reports: [{ at: ago(15), amount: null, competitors: ['华为'], vaguePhrases: [] }],
    }), noBaseline, NOW, rules, DEFAULT_STAGES);
    const codes = Object.fromEntries(s.reasons.map((r) => [r.code, r]));
    expect(codes.stale!.params).toEqual({ days: 15 });
    expect(codes.stale!.points).toBe(-18);
    expect(codes.competitor!.params).toEqual({ name: '华为' });
    expect(codes.vague!.params).toEqual({ phrase: '再看看' });
    expect(codes.lost_cue!.params).toEqual({ phrase: '选了别家' });
    // 30 + depth 4 + stage 2 − 18 − 8 − 5 − 15 = −10 → 0
    expect(s.score).toBe(0);
  });

  it('reads "已3天未跟进" from the third day on and "还没联系过" for an untouched lead', () => {
    const three = scoreCustomer(facts({ touches: [touch(3)] }), noBaseline, NOW, rules, DEFAULT_STAGES);
    expect(three.reasons.find((r) => r.code === 'stale')).toEqual({ code: 'stale', points: -4, params: { days: 3 } });
    expect(reasonText(three.reasons.find((r) => r.code === 'stale')!, DEFAULT_STAGES)).toBe('已3天未跟进');
    const lead = scoreCustomer(facts({ currentStage: 'lead', stageChanges: [{ from: null, to: 'lead', at: ago(0.1) }], createdAt: ago(0.1) }), noBaseline, NOW, rules, DEFAULT_STAGES);
    // 30 + stage 5 × 0.2 = 1 − 12 never touched
    expect(lead.score).toBe(19);
    expect(topReasons(lead.reasons, DEFAULT_STAGES)).toEqual(['还没联系过']);
  });

  it('compares the stage age and the amount with the tenant’s won deals', () => {
    expect(baseline.stageDays.get('negotiation')).toEqual({ deals: 5, medianDays: 8 });
    expect(baseline.amounts).toEqual({ deals: 5, median: 400_000 });
    const base = { touches: [touch(1)] };
    const onPace = scoreCustomer(facts({ ...base, stageChanges: [{ from: null, to: 'negotiation', at: ago(5) }], reports: [{ at: ago(1), amount: 350_000, competitors: [], vaguePhrases: [] }] }), baseline, NOW, rules, DEFAULT_STAGES);
    expect(onPace.reasons.find((r) => r.code === 'on_pace')?.points).toBe(3);
    expect(onPace.reasons.find((r) => r.code === 'budget_fit')?.points).toBe(8);
    const stuck = scoreCustomer(facts({ ...base, stageChanges: [{ from: null, to: 'negotiation', at: ago(30) }], reports: [{ at: ago(1), amount: 5_000_000, competitors: [], vaguePhrases: [] }] }), baseline, NOW, rules, DEFAULT_STAGES);
    const stuckReason = stuck.reasons.find((r) => r.code === 'stuck_stage')!;
    expect(stuckReason).toEqual({ code: 'stuck_stage', points: -12, params: { stage: 'negotiation', days: 30, medianDays: 8 } });
    expect(reasonText(stuckReason, DEFAULT_STAGES)).toBe('在商务谈判已30天(赢单一般8天)');
    expect(stuck.reasons.find((r) => r.code === 'budget_above')?.points).toBe(-6);
    // Too few won deals: no yardstick, only "an amount was named".
    const few = scoreCustomer(facts({ ...base, reports: [{ at: ago(1), amount: 5_000_000, competitors: [], vaguePhrases: [] }] }), scoringBaseline(won.slice(0, 2)), NOW, rules, DEFAULT_STAGES);
    expect(few.reasons.map((r) => r.code)).not.toContain('slow_stage');
    expect(few.reasons.find((r) => r.code === 'amount_known')?.points).toBe(3);
  });

  it('is a function of the facts up to the instant: later facts change nothing, closed deals have no score', () => {
    const before = facts({ touches: [touch(4, 'visit')] });
    const later = facts({
      touches: [...before.touches, { kind: 'call', topics: ['contract'], text: null, at: new Date(NOW.getTime() + DAY) }],
      reports: [{ at: new Date(NOW.getTime() + DAY), amount: 1, competitors: ['x'], vaguePhrases: [] }],
      stageChanges: [...before.stageChanges, { from: 'negotiation', to: 'won', at: new Date(NOW.getTime() + DAY) }],
    });
    expect(scoreCustomer(later, baseline, NOW, rules, DEFAULT_STAGES)).toEqual(scoreCustomer(before, baseline, NOW, rules, DEFAULT_STAGES));
    expect(scoreCustomer(later, baseline, new Date(NOW.getTime() + 2 * DAY), rules, DEFAULT_STAGES)).toEqual({ score: null, reasons: [] });
    // The stage before a change that came later is the one it had then.
    const movedLater = facts({ stageChanges: [{ from: 'demo', to: 'negotiation', at: new Date(NOW.getTime() + DAY) }], touches: [touch(1)] });
    expect(scoreCustomer(movedLater, noBaseline, NOW, rules, DEFAULT_STAGES).reasons.find((r) => r.code === 'stage')?.params).toEqual({ stage: 'demo' });
  });

  it('shows the strongest plus and the strongest minus, never the stage', () => {
    const s = scoreCustomer(facts({ touches: [touch(3, 'call', ['contract'], '谈到合同条款')] }), noBaseline, NOW, rules, DEFAULT_STAGES);
    expect(topReasons(s.reasons, DEFAULT_STAGES)).toEqual(['谈到合同条款', '已3天未跟进']);
  });
});

describe('scoring config', () => {
  it('compiles config/scoring.jsonc and names a bad field', () => {
    expect(rules.base).toBe(30);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    const raw = JSON.parse(JSON.stringify(rules));
    raw.recency.stale[1].days = 2;
    expect(() => compileScoringRules(raw)).toThrow('"recency.stale[1].days"');
    expect(() => compileScoringRules({ ...JSON.parse(JSON.stringify(rules)), extra: 1 })).toThrow('"extra"');
    const noDepth = JSON.parse(JSON.stringify(rules));
    delete noDepth.depth.visit;
    expect(() => compileScoringRules(noDepth)).toThrow('"depth.visit"');
  });
});
