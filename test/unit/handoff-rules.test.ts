// Commitment hand-off (承诺穿透), the pure part: the kind of a commitment from its cue words, the fields a
// report already gives (dates by the report date rules, contact from the report, scope and counts from the
// text), the rep's typed answers, and a config that says what is wrong with it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHandoffRules } from '../../src/config/load-handoff-rules.js';
import { loadReportRules } from '../../src/config/load-report-rules.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { readNewDueDate } from '../../src/domain/commitments/due-text.js';
import { extractFields, type HandoffSource } from '../../src/domain/handoffs/extract-fields.js';
import { compileHandoffRules, roleOf } from '../../src/domain/handoffs/handoff-rules.js';
import { isCancelAnswer, readFieldAnswer } from '../../src/domain/handoffs/read-answer.js';
import { recognizeKind } from '../../src/domain/handoffs/recognize-kind.js';

const rules = loadHandoffRules(join(repoRoot(), 'config', 'handoffs.jsonc'));
const { dates } = loadReportRules();
// Monday 2026-12-07 10:00 Shanghai.
const at = new Date('2026-12-07T10:00:00+08:00');
const readDate = (text: string) => readNewDueDate(text, at, dates);
const kind = (id: string) => rules.kinds.find((k) => k.id === id)!;
const field = (id: string) => rules.fields.get(id)!;

describe('commitment kind from its cue words', () => {
  const cases: [string, string | null][] = [
    ['下周一开始POC试用', 'poc'],
    ['下周一开始poc', 'poc'],
    ['周三安排上机测试', 'poc'],
    ['周五前寄样品给李经理', 'sample'],
    ['明天把两台样机发过去', 'sample'],
    ['周三前发方案', 'proposal'],
    ['周四前发报价', 'quote'],
    ['下周进场实施', 'implementation'],
    // The earliest cue wins: samples sent for a trial are a sample.
    ['明天寄样品过去试用', 'sample'],
    ['下周一开始试用,同时寄样品', 'poc'],
    ['下周三去签合同', null],
    ['周五再去拜访', null],
  ];
  it.each(cases)('%s → %s', (text, expected) => {
    expect(recognizeKind(text, rules)?.id ?? null).toBe(expected);
  });
});

describe('fields the report already gives', () => {
  const src = (text: string, commitment: string, due: string, contact: string | null = null): HandoffSource => ({ text, commitment, due, contact });

  it('a POC with scope, start and contact needs nothing more', () => {
    const r = extractFields(src('今天拜访了恒信机械,客户想先试用,下周一开始POC试用,范围是质检模块和报表,联系人王工 13800001234', '下周一开始POC试用', '2026-12-14', '王工'), kind('poc'), rules, readDate);
    expect(r).toEqual({ values: { scope: '质检模块和报表', startDate: '2026-12-14', contact: '王工 13800001234' }, missing: [] });
  });

  it('the start date is a date said with 开始 in the sentences about the POC, else missing', () => {
    const withStart = extractFields(src('周五前把POC环境准备好,12月15日开始试用', '周五前把POC环境准备好', '2026-12-11'), kind('poc'), rules, readDate);
    expect(withStart.values.startDate).toBe('2026-12-15');
    const without = extractFields(src('周五前把POC环境准备好', '周五前把POC环境准备好', '2026-12-11'), kind('poc'), rules, readDate);
    expect(without.values.startDate).toBeUndefined();
    expect(without.missing).toEqual(['scope', 'startDate', 'contact']);
  });

  it('the contact comes from the report; a label that carries no value does not count', () => {
    const r = extractFields(src('客户要做POC,下周一开始,范围还没定', '下周一开始POC', '2026-12-14', '张总'), kind('poc'), rules, readDate);
    expect(r.values).toEqual({ startDate: '2026-12-14', contact: '张总' });
    expect(r.missing).toEqual(['scope']);
  });

  it('samples: model by its shape, a count with its unit, the recipient from the report contact', () => {
    const r = extractFields(src('恒信机械要两台X200样机,周五前寄样品给李经理', '周五前寄样品给李经理', '2026-12-11', '李经理'), kind('sample'), rules, readDate);
    expect(r).toEqual({ values: { model: 'X200', quantity: '2台', recipient: '李经理' }, missing: [] });
  });

  it('a count is not a duration, and a labelled recipient beats the contact', () => {
    const r = extractFields(src('样品一个月内要到,收件人:赵工,电话13900000000', '明天寄样品', '2026-12-08', '张总'), kind('sample'), rules, readDate);
    expect(r.values).toEqual({ recipient: '赵工' });
    expect(r.missing).toEqual(['model', 'quantity']);
  });
});

describe('typed answers', () => {
  it('dates by the report date rules, relative to when they were said', () => {
    expect(readFieldAnswer('下周三', field('startDate'), readDate)).toEqual({ kind: 'value', value: '2026-12-16' });
    expect(readFieldAnswer('12月20号开始', field('startDate'), readDate)).toEqual({ kind: 'value', value: '2026-12-20' });
    expect(readFieldAnswer('下个月', field('startDate'), readDate)).toEqual({ kind: 'retry', problem: 'vague_date' });
    expect(readFieldAnswer('昨天', field('startDate'), readDate)).toEqual({ kind: 'retry', problem: 'past_date' });
    expect(readFieldAnswer('还不知道', field('startDate'), readDate)).toEqual({ kind: 'retry', problem: 'no_date' });
  });

  it('counts with or without a unit', () => {
    expect(readFieldAnswer('两台', field('quantity'), readDate)).toEqual({ kind: 'value', value: '2台' });
    expect(readFieldAnswer('3', field('quantity'), readDate)).toEqual({ kind: 'value', value: '3' });
    expect(readFieldAnswer('不少', field('quantity'), readDate)).toEqual({ kind: 'retry', problem: 'no_count' });
  });

  it('text as said, a repeated label taken off', () => {
    expect(readFieldAnswer('范围是质检模块。', field('scope'), readDate)).toEqual({ kind: 'value', value: '质检模块' });
    expect(readFieldAnswer('王工 13800001234', field('contact'), readDate)).toEqual({ kind: 'value', value: '王工 13800001234' });
    expect(readFieldAnswer('   ', field('scope'), readDate)).toEqual({ kind: 'retry', problem: 'empty' });
    expect(readFieldAnswer('很'.repeat(81), field('scope'), readDate)).toEqual({ kind: 'retry', problem: 'too_long' });
  });

  it('取消 and its variants drop the hand-off; a sentence with 取消 in it does not', () => {
    for (const s of ['取消', '取消。', '算了', '不转了']) expect(isCancelAnswer(s)).toBe(true);
    expect(isCancelAnswer('客户取消了一个模块')).toBe(false);
  });
});

describe('config', () => {
  const base = () => ({
    roles: { implementation: '实施负责人' },
    kinds: { poc: { label: 'POC', cues: ['POC'], role: 'implementation', fields: ['scope'] } },
    fields: { scope: { label: '范围', type: 'text', labels: ['范围'], question: '范围?' } },
  });

  it('a kind id stands for its role in the handler API', () => {
    expect(roleOf(rules, 'poc')).toBe('implementation');
    expect(roleOf(rules, 'implementation')).toBe('implementation');
    expect(roleOf(rules, 'samples')).toBe('samples');
    expect(roleOf(rules, 'nobody')).toBeNull();
  });

  it('asks the fields in the order written and folds cue words to lower case', () => {
    expect(kind('poc').fields).toEqual(['scope', 'startDate', 'contact']);
    expect(compileHandoffRules(base()).kinds[0]!.cues).toEqual(['poc']);
  });

  it.each([
    ['a role that does not exist', (c: any) => (c.kinds.poc.role = 'sales'), /kinds.poc.role/],
    ['a field that does not exist', (c: any) => (c.kinds.poc.fields = ['budget']), /kinds.poc.fields/],
    ['too many fields', (c: any) => (c.kinds.poc.fields = ['scope', 'scope2', 'scope3', 'scope4', 'scope5']), /kinds.poc.fields/],
    ['an unknown type', (c: any) => (c.fields.scope.type = 'number'), /fields.scope.type/],
    ['a bad pattern', (c: any) => (c.fields.scope.pattern = '(['), /fields.scope.pattern/],
    ['a label too long for the card', (c: any) => (c.fields.scope.label = '测试的具体范围'), /fields.scope.label/],
  ])('names what is wrong: %s', (_what, spoil, message) => {
    const c: any = base();
    for (const f of ['scope2', 'scope3', 'scope4', 'scope5']) c.fields[f] = { ...c.fields.scope };
    spoil(c);
    expect(() => compileHandoffRules(c)).toThrow(message);
  });
});
