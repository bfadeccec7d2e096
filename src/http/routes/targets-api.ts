// Admin API for targets: PUT /api/targets/:period ("2026-12" or "2026-Q4") replaces the period's targets
// with {"rows":[{"teamKey"|"userId", "wonAmount", "newCustomers", "visits", "reports"}]}; GET returns the
// same rows with progress: actual values, percentages, what is missing and the workdays left.
import type Router from '@koa/router';
import type { AppDeps } from '../../app/app-deps.js';
import { readProgress, todayAt, type RowProgress } from '../../app/targets/read-progress.js';
import { readPeriod, readTargetRows, saveTargets } from '../../app/targets/save-targets.js';
import { TARGET_METRICS, workdaysBetween, type TargetMetric } from '../../domain/targets/target-progress.js';
import type { TargetPeriod } from '../../domain/targets/target-period.js';
import { listTargets } from '../../store/repos/targets-repo.js';
import { listUsers } from '../../store/repos/users-repo.js';
import { readJsonBody } from '../read-body.js';

const MAX_BODY = 512 * 1024;

type Deps = Pick<AppDeps, 'db' | 'clock' | 'stages' | 'pushRules'> & { tenantId: string };

export function mountTargetsApi(router: Router, deps: Deps): void {
  router.put('/api/targets/:period', async (ctx) => {
    const period = readPeriod(ctx.params.period!);
    await saveTargets(deps.db, deps.tenantId, period, readTargetRows(await readJsonBody(ctx, MAX_BODY)));
    ctx.body = await periodView(deps, period);
  });

  router.get('/api/targets/:period', async (ctx) => {
    ctx.body = await periodView(deps, readPeriod(ctx.params.period!));
  });
}

async function periodView(deps: Deps, period: TargetPeriod) {
  const now = deps.clock.now();
  const today = todayAt(now);
  const rows = await readProgress(deps.db, deps, deps.tenantId, await listTargets(deps.db, deps.tenantId, [period.key]), now);
  const names = new Map((await listUsers(deps.db, deps.tenantId)).map((u) => [u.id, u.name]));
  const calendar = deps.pushRules.calendar;
  return {
    period: period.key,
    label: period.label,
    firstDate: period.firstDate,
    lastDate: period.lastDate,
    workdays: workdaysBetween(period.firstDate, period.lastDate, calendar),
    workdaysLeft: workdaysBetween(today > period.firstDate ? today : period.firstDate, period.lastDate, calendar),
    rows: rows.map((r) => rowView(r, r.row.teamKey ? (r.team?.name ?? null) : (names.get(r.row.userId!) ?? null))),
  };
}

const perMetric = <T>(f: (m: TargetMetric) => T) => Object.fromEntries(TARGET_METRICS.map((m) => [m, f(m)])) as Record<TargetMetric, T>;

function rowView(r: RowProgress, name: string | null) {
  const of = (m: TargetMetric) => r.progress.metrics.find((x) => x.metric === m) ?? null;
  return {
    ...(r.row.teamKey ? { teamKey: r.row.teamKey } : { userId: r.row.userId }),
    name,
    ...r.row.values,
    actual: r.actual,
    percent: perMetric((m) => of(m)?.percent ?? null),
    missing: perMetric((m) => of(m)?.missing ?? null),
    met: r.progress.met,
    workdaysLeft: r.progress.workdaysLeft,
    timePercent: r.progress.timePercent,
  };
}
