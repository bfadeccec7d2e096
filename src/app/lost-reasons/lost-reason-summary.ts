// 漏斗's lost-reason line: the top reasons of the reps' deals lost now (each by its latest loss).
import { lostReasonCounts } from '../../domain/team-reports/top-counts.js';
import type { Queryable } from '../../store/database.js';
import { currentLostReasons } from '../../store/repos/lost-reasons-repo.js';
import type { AppDeps } from '../app-deps.js';
import { reasonLabel } from './reason-label.js';
import { lostTexts } from './lost-reason-texts.js';

/** "丢单原因:价格 3 · 竞品 1 · 未填 1", or null when none of the reps' deals is lost. */
export async function lostReasonLine(tx: Queryable, deps: Pick<AppDeps, 'stages'>, tenantId: string, reps: readonly string[]): Promise<string | null> {
  const top = lostReasonCounts(await currentLostReasons(tx, tenantId, reps, deps.stages.lost), NOT_GIVEN, 3);
  if (top.length === 0) return null;
  return lostTexts.funnelLine(top.map((c) => `${reasonLabel(c.key)} ${c.count}`).join(' · '));
}

/** Not a reason id, so it reads as 未填. */
export const NOT_GIVEN = 'not_given';
