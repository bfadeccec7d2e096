// Reads and stores a period's targets (PUT /api/targets/:period): the rows replace the period's targets
// as a whole. Each row names a team (teamKey) or a person (userId: a person id or "<channel>:<platform
// id>"); metrics left out or null have no target. Refusals are 400s in Chinese, naming the row.
import { parseTargetPeriod, type TargetPeriod } from '../../domain/targets/target-period.js';
import { TARGET_METRICS, type TargetValues } from '../../domain/targets/target-progress.js';
import { AppError, badRequest } from '../../shared/errors.js';
import type { Database } from '../../store/database.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import { replaceTargets } from '../../store/repos/targets-repo.js';
import { personIdsFor } from '../../store/repos/users-repo.js';
import { targetTexts } from './target-texts.js';

const t = targetTexts.api;
export const MAX_TARGET_ROWS = 2000;
/** Sanity caps: a yuan amount and counts a month or quarter could plausibly hold. */
const MAX_AMOUNT = 1e12;
const MAX_COUNT = 1_000_000;

export interface TargetInput {
  teamKey: string | null;
  /** As the admin wrote it; resolved to a person id when saved. */
  userRef: string | null;
  values: TargetValues;
}

export function readPeriod(key: string): TargetPeriod {
  const period = parseTargetPeriod(key);
  if (!period) throw badRequest('invalid_period', t.badPeriod(key));
  return period;
}

export function readTargetRows(body: Record<string, unknown>): TargetInput[] {
  if (!Array.isArray(body.rows)) throw badRequest('invalid_targets', t.rowsNotList);
  if (body.rows.length > MAX_TARGET_ROWS) throw badRequest('invalid_targets', t.tooManyRows(MAX_TARGET_ROWS));
  return body.rows.map((raw, i) => readRow(raw, i + 1));
}

function readRow(raw: unknown, n: number): TargetInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('invalid_targets', t.rowNotObject(n));
  const r = raw as Record<string, unknown>;
  const ref = (v: unknown) => (typeof v === 'string' && v.trim() && v.length <= 80 ? v.trim() : null);
  const teamKey = ref(r.teamKey);
  const userRef = ref(r.userId);
  const given = (v: unknown) => v !== undefined && v !== null;
  if ((teamKey === null) === (userRef === null) || (given(r.teamKey) && given(r.userId))) throw badRequest('invalid_targets', t.oneSubject(n), { row: n });
  const values = Object.fromEntries(TARGET_METRICS.map((m) => [m, readNumber(r[m], m, n)])) as TargetValues;
  if (TARGET_METRICS.every((m) => values[m] === null)) throw badRequest('invalid_targets', t.empty(n), { row: n });
  return { teamKey, userRef, values };
}

function readNumber(v: unknown, field: string, n: number): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badRequest('invalid_targets', t.badNumber(n, field), { row: n, field });
  if (v < 0) throw badRequest('invalid_targets', t.negative(n, field), { row: n, field });
  const whole = field !== 'wonAmount';
  if (whole && !Number.isInteger(v)) throw badRequest('invalid_targets', t.notWhole(n, field), { row: n, field });
  if (v > (whole ? MAX_COUNT : MAX_AMOUNT)) throw badRequest('invalid_targets', t.tooLarge(n, field), { row: n, field });
  // Amounts to the fen: numeric keeps what was sent, but nobody sets a target in fractions of a fen.
  return whole ? v : Math.round(v * 100) / 100;
}

/** Checks the teams and people exist, then replaces the period's rows in one transaction. */
export async function saveTargets(db: Database, tenantId: string, period: TargetPeriod, inputs: readonly TargetInput[]): Promise<void> {
  await db.transaction(async (tx) => {
    const teams = new Set((await listTeams(tx, tenantId)).map((x) => x.key));
    const unknownTeams = [...new Set(inputs.flatMap((r) => (r.teamKey && !teams.has(r.teamKey) ? [r.teamKey] : [])))];
    if (unknownTeams.length > 0) throw badRequest('unknown_team', t.unknownTeams(unknownTeams), { teamKeys: unknownTeams });
    const refs = [...new Set(inputs.flatMap((r) => (r.userRef ? [r.userRef] : [])))];
    const people = await personIdsFor(tx, tenantId, refs);
    const unknownUsers = refs.filter((r) => !people.has(r));
    if (unknownUsers.length > 0) throw badRequest('unknown_user', t.unknownUsers(unknownUsers), { userIds: unknownUsers });
    const seen = new Set<string>();
    const rows = inputs.map((r, i) => {
      const userId = r.userRef ? people.get(r.userRef)! : null;
      const who = r.teamKey ? `team:${r.teamKey}` : `user:${userId}`;
      if (seen.has(who)) throw new AppError('duplicate_target', t.duplicate(i + 1, r.teamKey ? `团队 ${r.teamKey}` : `用户 ${r.userRef}`), { status: 400, details: { row: i + 1 } });
      seen.add(who);
      return { teamKey: r.teamKey, userId, values: r.values };
    });
    await replaceTargets(tx, tenantId, period.key, rows);
  });
}
