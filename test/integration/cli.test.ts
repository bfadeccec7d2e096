// The evaluation CLI: stdout carries only JSON lines; bad lines go to stderr and set exit code 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/config/repo-root.js';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot(), 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: repoRoot() });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(lines: string[]): string {
  const p = join(mkdtempSync(join(tmpdir(), 'zb-cli-')), 'in.jsonl');
  writeFileSync(p, lines.join('\n'));
  return p;
}

describe('cli', () => {
  it('detect-topics prints one JSON line per input line and nothing else', () => {
    const r = cli('detect-topics', file([JSON.stringify({ id: 'a', text: '客户嫌贵,还要九十天账期' }), '', JSON.stringify({ id: 2, text: '天气不错' })]));
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ id: 'a', topics: ['price', 'payment_terms'] }, { id: 2, topics: [] }]);
  });

  it('extract-report resolves dates against recordedAt and reports bad lines on stderr', () => {
    const r = cli('extract-report', file([
      JSON.stringify({ id: 'x', text: '去了宏达塑业,报价三十万,明天发合同', recordedAt: '2026-03-31T18:00:00+08:00' }),
      'not json',
    ]));
    expect(r.code).toBe(1);
    expect(r.err).toContain(':2: skipped');
    const [line] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(line).toMatchObject({ id: 'x', customer: '宏达塑业', amount: 300000, nextActionDue: '2026-04-01' });
  });

  it('rejects an unknown command with usage and exit code 2', () => {
    const r = cli('nope');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});
