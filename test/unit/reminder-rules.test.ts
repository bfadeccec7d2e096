import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsoncFile } from '../../src/config/jsonc.js';
import { loadRules } from '../../src/config/load-rules.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { compileRules } from '../../src/domain/reminders/reminder-rules.js';
import { compileStages } from '../../src/domain/stages/stage-catalog.js';
import { DEFAULT_STAGE_CONFIG } from '../../src/domain/stages/stage-ids.js';

const H = 3_600_000;
const raw = () => readJsoncFile<Record<string, any>>(join(repoRoot(), 'config', 'rules.jsonc'));

describe('config/rules.jsonc', () => {
  it('compiles to the product defaults', () => {
    const r = loadRules();
    expect(r.leadFirstContactMs).toBe(2 * H);
    expect(r.goldenMs).toBe(48 * H);
    expect(r.stageWindowMs).toEqual({ discovery: 24 * H, demo: 48 * H, negotiation: 72 * H, contract: 72 * H });
    expect(r.untouchedRepMs).toBe(7 * 24 * H);
    expect(r.untouchedManagerMs).toBe(14 * 24 * H);
    expect(r.commitments).toEqual({ remindAt: 9 * 60, escalateAfterDays: 1, escalateAt: 9 * 60 });
    expect(r.reportNudgeAt).toBe(18 * 60);
    expect(r.calendar.quietHours).toEqual({ start: 21 * 60, end: 8 * 60, deliverAt: 8 * 60 + 30 });
    expect(Object.isFrozen(r)).toBe(true);
  });

  it('takes the stage windows from the configured stages; null switches one off', () => {
    const stages = compileStages({ stages: DEFAULT_STAGE_CONFIG.stages.map((s) => (s.id === 'demo' ? { ...s, actionWindowHours: null } : s)) });
    const r = compileRules(raw(), stages);
    expect(r.stageWindowMs).toEqual({ discovery: 24 * H, negotiation: 72 * H, contract: 72 * H });
    expect(r.stages).toBe(stages);
  });

  it('refuses the stage windows that moved to config/stages.jsonc', () => {
    expect(() => compileRules({ ...raw(), stageWindowHours: { discovery: 24 } })).toThrow(/"stageWindowHours" moved to config\/stages\.jsonc/);
  });
});

describe('bad rules config throws naming the field', () => {
  const cases: [string, (r: Record<string, any>) => void][] = [
    ['timezone', (r) => (r.timezone = 'Europe/Berlin')],
    ['leads.firstContactHours', (r) => (r.leads.firstContactHours = 0)],
    ['leads.goldenHours', (r) => (r.leads.goldenHours = '48')],
    ['leads.alertForDays', (r) => (r.leads.alertForDays = 0)],
    ['leads.goldenHour', (r) => (r.leads.goldenHour = 48)],
    ['untouched.managerDays', (r) => (r.untouched.managerDays = 5)],
    ['untouched', (r) => (r.untouched = 7)],
    ['commitments.remindAt', (r) => (r.commitments.remindAt = '9:00')],
    ['commitments.escalateAfterDays', (r) => (r.commitments.escalateAfterDays = 0.5)],
    ['reportNudge.at', (r) => (r.reportNudge.at = '18:60')],
    ['calendar.holidays[1]', (r) => (r.calendar.holidays[1] = '2026/01/02')],
    ['calendar', (r) => delete r.calendar],
  ];
  it.each(cases)('%s', (field, spoil) => {
    const r = raw();
    spoil(r);
    expect(() => compileRules(r)).toThrow(`"${field}"`);
  });

  it('loadRules adds the file path to the message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-rules-'));
    const path = join(dir, 'rules.jsonc');
    const r = raw();
    r.reportNudge.at = 'six';
    writeFileSync(path, `// spoilt\n${JSON.stringify(r)}`);
    expect(() => loadRules(path)).toThrow(new RegExp(`${path}: rules: "reportNudge.at" must be a time`));
    writeFileSync(path, '{ not json');
    expect(() => loadRules(path)).toThrow('is not valid JSONC');
  });
});
