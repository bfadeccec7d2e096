// The daily board's progress line: under the title, the team's month target (else its quarter target)
// with what the members reached so far. No target, no line.
import { MARKDOWN_MAX_BYTES } from '../../domain/leaderboards/index.js';
import { periodKeysAt } from '../../domain/targets/target-period.js';
import type { Queryable } from '../../store/database.js';
import { targetsFor } from '../../store/repos/targets-repo.js';
import type { AppDeps } from '../app-deps.js';
import { readProgress } from './read-progress.js';
import { targetTexts as tt } from './target-texts.js';

export async function teamTargetLine(
  q: Queryable, deps: Pick<AppDeps, 'stages' | 'pushRules' | 'reportRules'>, tenantId: string, teamKey: string, at: Date,
): Promise<string | null> {
  const keys = periodKeysAt(at);
  const rows = await targetsFor(q, tenantId, [keys.month, keys.quarter], { teamKeys: [teamKey], userIds: [] });
  const first = (await readProgress(q, deps, tenantId, rows, at))[0];
  if (!first || first.progress.metrics.length === 0) return null;
  return tt.boardLine(tt.scope[first.period.kind], first.progress, deps.reportRules.formatAmount);
}

/** The board markdown with the team's progress line under its title, when there is one and it fits. */
export async function withTargetLine(
  deps: Pick<AppDeps, 'db' | 'stages' | 'pushRules' | 'reportRules'>, tenantId: string, teamKey: string, markdown: string, at: Date,
): Promise<string> {
  const line = await teamTargetLine(deps.db, deps, tenantId, teamKey, at);
  if (!line) return markdown;
  const [title, ...rest] = markdown.split('\n');
  const out = [title, line, ...rest].join('\n');
  return Buffer.byteLength(out, 'utf8') <= MARKDOWN_MAX_BYTES ? out : markdown;
}
