// Compiles config/rules.jsonc into the windows the breach evaluation uses (milliseconds, minutes after
// midnight, a work calendar). Validation names the field, because a wrong window sends wrong pushes.
import { clockTime, configError, object, positiveNumber, wholeNumber } from '../calendar/config-fields.js';
import { compileWorkCalendar, type WorkCalendar } from '../calendar/work-calendar.js';
import { STAGES, type StageId } from '../stages/stage-ids.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface CompiledRules {
  readonly timezone: 'Asia/Shanghai';
  readonly leadFirstContactMs: number;
  readonly goldenMs: number;
  /** How long after a lead window ran out it keeps alerting (daily). */
  readonly leadAlertForMs: number;
  /** Open stages only; a missing stage has no window. */
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

const OPEN_STAGES = STAGES.filter((s) => !s.terminal).map((s) => s.id);

export function compileRules(raw: unknown): CompiledRules {
  const o = object(raw, '', ['timezone', 'leads', 'stageWindowHours', 'untouched', 'commitments', 'reportNudge', 'calendar']);
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
    stageWindowMs: compileStageWindows(o.stageWindowHours),
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

/** Every open stage must be listed (null switches its window off) so a forgotten stage is not silently unwatched. */
function compileStageWindows(raw: unknown): Partial<Record<StageId, number>> {
  const o = object(raw, 'stageWindowHours', OPEN_STAGES);
  const out: Partial<Record<StageId, number>> = {};
  for (const id of OPEN_STAGES) {
    const path = `stageWindowHours.${id}`;
    if (!(id in o)) throw configError(path, 'is missing (use null for no window)');
    if (o[id] !== null) out[id] = positiveNumber(o[id], path) * HOUR_MS;
  }
  return Object.freeze(out);
}
