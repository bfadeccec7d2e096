// Compiles config/rules.jsonc into the windows the breach evaluation uses (milliseconds, minutes after
// midnight, a work calendar). Validation names the field, because a wrong window sends wrong pushes.
import { clockTime, configError, object, positiveNumber, wholeNumber } from '../calendar/config-fields.js';
import { compileWorkCalendar, type WorkCalendar } from '../calendar/work-calendar.js';
import type { StageCatalog, StageId } from '../stages/stage-catalog.js';
import { DEFAULT_STAGES } from '../stages/stage-ids.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface CompiledRules {
  readonly timezone: 'Asia/Shanghai';
  readonly leadFirstContactMs: number;
  readonly goldenMs: number;
  /** How long after a lead window ran out it keeps alerting (daily). */
  readonly leadAlertForMs: number;
  /** The configured stages (config/stages.jsonc) the rules judge customers by. */
  readonly stages: StageCatalog;
  /** Open stages only, from their actionWindowHours; a missing stage has no window. */
  readonly stageWindowMs: Readonly<Partial<Record<StageId, number>>>;
  readonly untouchedRepMs: number;
  readonly untouchedManagerMs: number;
  readonly commitments: {
    /** Minutes after midnight on the due date. */
    readonly remindAt: number;
    readonly escalateAfterDays: number;
    readonly escalateAt: number;
  };
  /** Minutes after midnight on workdays. */
  readonly reportNudgeAt: number;
  readonly calendar: WorkCalendar;
}

export function compileRules(raw: unknown, stages: StageCatalog = DEFAULT_STAGES): CompiledRules {
  // Stage windows live with the stages now; a leftover block would silently do nothing.
  if (typeof raw === 'object' && raw !== null && 'stageWindowHours' in raw) {
    throw configError('stageWindowHours', 'moved to config/stages.jsonc (actionWindowHours of each stage); remove it here');
  }
  const o = object(raw, '', ['timezone', 'leads', 'untouched', 'commitments', 'reportNudge', 'calendar']);
  // The local-time helpers use a fixed UTC+8 offset; any other zone would be silently wrong.
  if (o.timezone !== 'Asia/Shanghai') throw configError('timezone', `must be "Asia/Shanghai" (the only zone supported), got ${JSON.stringify(o.timezone)}`);
  const leads = object(o.leads, 'leads', ['firstContactHours', 'goldenHours', 'alertForDays']);
  const untouched = object(o.untouched, 'untouched', ['repDays', 'managerDays']);
  const repDays = positiveNumber(untouched.repDays, 'untouched.repDays');
  const managerDays = positiveNumber(untouched.managerDays, 'untouched.managerDays');
  // Escalation is for reminders that did not help; escalating first would skip the rep.
  if (managerDays < repDays) throw configError('untouched.managerDays', `must be at least repDays (${repDays})`);
  const commitments = object(o.commitments, 'commitments', ['remindAt', 'escalateAfterDays', 'escalateAt']);
  const nudge = object(o.reportNudge, 'reportNudge', ['at']);
  return Object.freeze({
    timezone: 'Asia/Shanghai',
    leadFirstContactMs: positiveNumber(leads.firstContactHours, 'leads.firstContactHours') * HOUR_MS,
    goldenMs: positiveNumber(leads.goldenHours, 'leads.goldenHours') * HOUR_MS,
    leadAlertForMs: wholeNumber(leads.alertForDays, 'leads.alertForDays', 1, 365) * DAY_MS,
    stages,
    stageWindowMs: stageWindows(stages),
    untouchedRepMs: repDays * DAY_MS,
    untouchedManagerMs: managerDays * DAY_MS,
    commitments: Object.freeze({
      remindAt: clockTime(commitments.remindAt, 'commitments.remindAt'),
      escalateAfterDays: wholeNumber(commitments.escalateAfterDays, 'commitments.escalateAfterDays', 1, 365),
      escalateAt: clockTime(commitments.escalateAt, 'commitments.escalateAt'),
    }),
    reportNudgeAt: clockTime(nudge.at, 'reportNudge.at'),
    calendar: compileWorkCalendar(o.calendar, 'calendar'),
  });
}

function stageWindows(stages: StageCatalog): Partial<Record<StageId, number>> {
  const out: Partial<Record<StageId, number>> = {};
  for (const s of stages.open) if (s.actionWindowHours !== null) out[s.id] = s.actionWindowHours * HOUR_MS;
  return Object.freeze(out);
}
