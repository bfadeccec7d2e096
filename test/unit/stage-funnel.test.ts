// 漏斗 maths: conversion from S = reached S (skipping counts) and went further ÷ reached S, never above
// 100 %; lost deals at the stage they were lost from; reopened deals; a custom stage file.
import { describe, expect, it } from 'vitest';
import { computeFunnel, type FunnelCustomer } from '../../src/domain/stages/funnel.js';
import { compileStages } from '../../src/domain/stages/stage-catalog.js';
import { DEFAULT_STAGE_CONFIG, DEFAULT_STAGES } from '../../src/domain/stages/stage-ids.js';

const c = (current: string | null, ...path: string[]): FunnelCustomer => ({ current, path });
const row = (f: ReturnType<typeof computeFunnel>, stage: string) => f.stages.find((s) => s.stage === stage)!;
const counts = (f: ReturnType<typeof computeFunnel>) => f.stages.map((s) => [s.stage, s.reached, s.advanced]);

describe('computeFunnel', () => {
  it('counts a skipped stage as reached, so conversion never passes 100 %', () => {
    // The "到下一步 300 %": three deals jump from discovery straight to negotiation.
    const f = computeFunnel([c('negotiation', 'discovery', 'negotiation'), c('negotiation', 'discovery', 'negotiation'), c('negotiation', 'discovery', 'negotiation')], DEFAULT_STAGES);
    expect(counts(f)).toEqual([['discovery', 3, 3], ['demo', 3, 3], ['negotiation', 3, 0], ['contract', 0, 0]]);
    expect(row(f, 'negotiation').current).toBe(3);
    for (const s of f.stages) expect(s.advanced).toBeLessThanOrEqual(s.reached);
  });

  it('takes a deal won straight away through every open stage', () => {
    const f = computeFunnel([c('won', 'won'), c('demo', 'discovery', 'demo')], DEFAULT_STAGES);
    expect(counts(f)).toEqual([['discovery', 2, 2], ['demo', 2, 1], ['negotiation', 1, 1], ['contract', 1, 1]]);
    expect([f.won, f.lost, f.unstaged]).toEqual([1, 0, 0]);
  });

  it('counts lost deals at the stage they were lost from, and a deal lost unstaged apart', () => {
    const f = computeFunnel([
      c('lost', 'discovery', 'negotiation', 'lost'),
      c('lost', 'discovery', 'negotiation', 'demo', 'lost'), // moved back, then lost: lost from demo
      c('lost', 'lost'),
      c(null),
    ], DEFAULT_STAGES);
    expect(row(f, 'negotiation').lostHere).toBe(1);
    expect(row(f, 'demo').lostHere).toBe(1);
    expect([f.lost, f.lostUnstaged, f.unstaged]).toEqual([3, 1, 1]);
    // Losing is no progress: nobody went past negotiation.
    expect(counts(f)).toEqual([['discovery', 2, 2], ['demo', 2, 2], ['negotiation', 2, 0], ['contract', 0, 0]]);
  });

  it('treats a reopened deal by what it is now and everything it ever reached', () => {
    const f = computeFunnel([
      c('contract', 'demo', 'lost', 'negotiation', 'contract'), // lost once, reopened: open now, not lost
      c('negotiation', 'contract', 'won', 'negotiation'), // won once, reopened: it did reach won
    ], DEFAULT_STAGES);
    expect([f.lost, f.won]).toEqual([0, 0]);
    expect(row(f, 'contract')).toEqual({ stage: 'contract', current: 1, reached: 2, advanced: 1, lostHere: 0 });
    expect(row(f, 'negotiation').current).toBe(1);
  });

  it('counts a stage set without history (imported customers) as reached', () => {
    const f = computeFunnel([c('contract')], DEFAULT_STAGES);
    expect(counts(f)).toEqual([['discovery', 1, 1], ['demo', 1, 1], ['negotiation', 1, 1], ['contract', 1, 0]]);
  });

  it('follows a custom stage file and ignores stages it no longer has', () => {
    const stages = compileStages({
      stages: [
        ...DEFAULT_STAGE_CONFIG.stages.filter((s) => s.id !== 'contract'),
        { id: 'poc', label: '试点验证', order: 3, probability: 45, actionWindowHours: 120, flags: [] },
      ].map((s) => (s.id === 'negotiation' ? { ...s, order: 4 } : s)),
    });
    const f = computeFunnel([c('negotiation', 'discovery', 'poc', 'negotiation'), c('contract', 'contract')], stages);
    expect(counts(f)).toEqual([['discovery', 1, 1], ['demo', 1, 1], ['poc', 1, 1], ['negotiation', 1, 0]]);
    expect(f.unstaged).toBe(0);
  });
});
