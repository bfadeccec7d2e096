// config/stages.jsonc: the default file is today's six stages exactly; a bad file fails at start-up naming
// the field; a custom file drives labels, advances, the golden 48 h and what the language maps to.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/load-rules.js';
import { loadStages } from '../../src/config/load-stages.js';
import { evaluateBreaches } from '../../src/domain/reminders/evaluate-breaches.js';
import { compileStages } from '../../src/domain/stages/stage-catalog.js';
import { DEFAULT_STAGE_CONFIG, DEFAULT_STAGES } from '../../src/domain/stages/stage-ids.js';

type RawStage = { id: string; label: string; order: number; probability: number; actionWindowHours: number | null; flags: string[] };
/** The product's six stages (without the lead stage, so the indices below name them as before). */
const raw = (): { stages: RawStage[] } => ({ stages: JSON.parse(JSON.stringify(DEFAULT_STAGE_CONFIG.stages)).filter((x: RawStage) => x.id !== 'lead') });
const withLead = (): { stages: RawStage[] } => JSON.parse(JSON.stringify(DEFAULT_STAGE_CONFIG));

describe('config/stages.jsonc', () => {
  it('reproduces the product’s six stages exactly, after the lead stage', () => {
    const loaded = loadStages();
    expect(loaded.stages).toEqual(DEFAULT_STAGES.stages);
    expect(loaded.stages.map((s) => [s.id, s.label, s.winProbability, s.actionWindowHours])).toEqual([
      ['lead', '线索', 5, null], ['discovery', '需求探询', 10, 24], ['demo', '方案演示', 30, 48], ['negotiation', '商务谈判', 60, 72],
      ['contract', '合同签署', 90, 72], ['won', '赢单', 100, null], ['lost', '丢单', 0, null],
    ]);
    expect([loaded.won, loaded.lost, loaded.proposal, loaded.lead]).toEqual(['won', 'lost', 'demo', 'lead']);
    expect(loaded.open.map((s) => s.id)).toEqual(['lead', 'discovery', 'demo', 'negotiation', 'contract']);
    // The lead stage is where the intake puts leads; no note ever moves a deal back to it.
    expect(loaded.fromLanguage('lead')).toBeNull();
    expect(loaded.isAdvance('lead', 'discovery')).toBe(true);
    expect(loaded.endsGolden('lead')).toBe(false);
  });

  it('keeps the old rules: advances, closed deals, golden 48 h', () => {
    const s = DEFAULT_STAGES;
    expect(s.isAdvance('discovery', 'negotiation')).toBe(true);
    expect(s.isAdvance('contract', 'won')).toBe(true);
    expect(s.isAdvance('negotiation', 'lost')).toBe(false);
    expect(s.isAdvance('won', 'contract')).toBe(false);
    expect(s.isAdvance('demo', 'demo')).toBe(false);
    expect(['discovery', 'demo', 'negotiation', 'contract', 'won', 'lost', null].map((id) => s.endsGolden(id))).toEqual([false, true, true, true, true, false, false]);
    expect(s.label('gone')).toBe('gone');
  });
});

describe('a bad stage file stops start-up naming the field', () => {
  const cases: [string, string, (r: { stages: RawStage[] }) => void][] = [
    ['an unknown flag', 'stages[1].flags[0]', (r) => (r.stages[1]!.flags = ['proposal_sent'])],
    ['a duplicate id', 'stages.demo.id', (r) => (r.stages[2]!.id = 'demo')],
    ['a duplicate label', 'stages.negotiation.label', (r) => (r.stages[2]!.label = '方案演示')],
    ['a duplicate order', 'stages.negotiation.order', (r) => (r.stages[2]!.order = 2)],
    ['no won stage', 'stages', (r) => (r.stages[4]!.flags = [])],
    ['two lost stages', 'stages', (r) => (r.stages[0]!.flags = ['lost'])],
    ['no proposal stage', 'stages', (r) => (r.stages[1]!.flags = [])],
    ['won before an open stage', 'stages.won.order', (r) => (r.stages[4]!.order = 0)],
    ['a window on a closed stage', 'stages.lost.actionWindowHours', (r) => (r.stages[5]!.actionWindowHours = 24)],
    ['an unknown key', 'stages[0].window', (r) => ((r.stages[0] as any).window = 24)],
    ['a bad id', 'stages[0].id', (r) => (r.stages[0]!.id = 'Discovery Stage')],
    ['a probability over 100', 'stages[0].probability', (r) => (r.stages[0]!.probability = 110)],
  ];
  const leadCases: [string, string, (r: { stages: RawStage[] }) => void][] = [
    ['two lead stages', 'stages', (r) => (r.stages[1]!.flags = ['lead'])],
    ['a lead stage after an open stage', 'stages.lead.order', (r) => (r.stages[0]!.order = 1, r.stages[1]!.order = 0)],
    ['a closed lead stage', 'stages.won.flags', (r) => (r.stages[0]!.flags = [], r.stages[5]!.flags = ['won', 'lead'])],
  ];
  it.each(leadCases)('%s', (_what, field, spoil) => {
    const r = withLead();
    spoil(r);
    expect(() => compileStages(r)).toThrow(`"${field}"`);
  });
  it('a file without a lead stage has none', () => {
    expect(compileStages(raw()).lead).toBeNull();
  });

  it.each(cases)('%s', (_what, field, spoil) => {
    const r = raw();
    spoil(r);
    expect(() => compileStages(r)).toThrow(`"${field}"`);
  });

  it('names the file too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-stages-'));
    const r = raw();
    r.stages[4]!.flags = [];
    writeFileSync(join(dir, 'stages.jsonc'), `// one won stage missing\n${JSON.stringify(r)}`);
    expect(() => loadStages(join(dir, 'stages.jsonc'))).toThrow(new RegExp(`${dir}/stages.jsonc: stages: "stages" must have exactly one stage flagged "won"`));
  });
});

describe('a custom stage file', () => {
  // A POC stage between demo and negotiation, won renamed, and the proposal moved to the POC.
  const custom = compileStages({
    stages: [
      ...raw().stages.map((s) => (s.id === 'won' ? { ...s, id: 'signed', label: '已签约' } : s.id === 'demo' ? { ...s, flags: [] } : s)),
      { id: 'poc', label: '试点验证', order: 3, probability: 45, actionWindowHours: 120, flags: ['proposal'] },
    ].map((s) => ({ ...s, order: { discovery: 1, demo: 2, poc: 3, negotiation: 4, contract: 5, signed: 6, lost: 7 }[s.id]! })),
  });

  it('orders and labels the stages as configured', () => {
    expect(custom.stages.map((s) => s.label)).toEqual(['需求探询', '方案演示', '试点验证', '商务谈判', '合同签署', '已签约', '丢单']);
    expect(custom.isAdvance('demo', 'poc')).toBe(true);
    expect(custom.isAdvance('contract', 'signed')).toBe(true);
  });

  it('maps the language’s stage ids: won news to the won stage, unknown ids to nothing', () => {
    expect(['won', 'lost', 'negotiation', 'contract', 'poc', 'nonsense', null].map((id) => custom.fromLanguage(id))).toEqual(['signed', 'lost', 'negotiation', 'contract', 'poc', null, null]);
  });

  it('ends the golden 48 h from the proposal stage on, and takes the stage windows from the file', () => {
    const rules = loadRules(undefined, custom);
    expect(rules.stageWindowMs).toEqual({ discovery: 24 * 3_600_000, demo: 48 * 3_600_000, poc: 120 * 3_600_000, negotiation: 72 * 3_600_000, contract: 72 * 3_600_000 });
    const created = new Date('2026-05-11T02:00:00Z');
    const customer = (stage: string) => ({
      id: `c-${stage}`, name: stage, ownerUserId: 'rep', stage, stageEnteredAt: created, isInboundLead: false, firstInquiryAt: created,
      createdAt: created, lastTouchAt: new Date('2026-05-13T01:00:00Z'), firstContactAt: created, hasVisit: false, proposalSent: false,
    });
    const breaches = evaluateBreaches({ customers: ['demo', 'poc', 'signed'].map(customer), commitments: [], reps: [] }, new Date('2026-05-13T03:00:00Z'), rules);
    expect([...new Set(breaches.filter((b) => b.rule === 'golden_48h').map((b) => b.customerName))]).toEqual(['demo']);
    expect(breaches.find((b) => b.rule === 'golden_48h')?.stageLabel).toBe('方案演示');
  });
});
