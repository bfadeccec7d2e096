// Stage suggestion from topics and the stage-advance rule.
import { describe, expect, it } from 'vitest';
import { STAGES, stageLabel } from '../../src/domain/stages/stage-ids.js';
import { isAdvance, suggestStageFromTopics } from '../../src/domain/stages/suggest-stage.js';

describe('suggestStageFromTopics', () => {
  it('maps commercial topics to negotiation', () => {
    expect(suggestStageFromTopics(['price'])).toBe('negotiation');
    expect(suggestStageFromTopics(['discount'])).toBe('negotiation');
    expect(suggestStageFromTopics(['payment_terms'])).toBe('negotiation');
  });

  it('maps demo/sample to demo and leaves contract to the stage cues (facts, never plans)', () => {
    expect(suggestStageFromTopics(['contract'])).toBeNull();
    expect(suggestStageFromTopics(['demo'])).toBe('demo');
    expect(suggestStageFromTopics(['sample'])).toBe('demo');
  });

  it('picks the most advanced stage when several apply', () => {
    expect(suggestStageFromTopics(['sample', 'price'])).toBe('negotiation');
    expect(suggestStageFromTopics(['contract', 'demo', 'discount'])).toBe('negotiation');
  });

  it('returns null when no topic suggests a stage', () => {
    expect(suggestStageFromTopics([])).toBeNull();
    expect(suggestStageFromTopics(['competitor', 'quality', 'budget'])).toBeNull();
  });
});

describe('stages', () => {
  it('lists the default stages in order with labels and probabilities', () => {
    expect(STAGES.map((s) => s.id)).toEqual(['discovery', 'demo', 'negotiation', 'contract', 'won', 'lost']);
    expect(STAGES.map((s) => s.winProbability)).toEqual([10, 30, 60, 90, 100, 0]);
    expect(stageLabel('negotiation')).toBe('商务谈判');
  });

  it('counts only forward moves between open stages, or into won, as advances', () => {
    expect(isAdvance('discovery', 'demo')).toBe(true);
    expect(isAdvance('demo', 'contract')).toBe(true);
    expect(isAdvance('contract', 'won')).toBe(true);
    expect(isAdvance('negotiation', 'demo')).toBe(false);
    expect(isAdvance('demo', 'demo')).toBe(false);
    expect(isAdvance('negotiation', 'lost')).toBe(false);
    expect(isAdvance('lost', 'discovery')).toBe(false);
    expect(isAdvance('won', 'lost')).toBe(false);
  });
});
