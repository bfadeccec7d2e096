// The effective reminder rules and work calendar (config/rules.jsonc, the stages' action windows) put
// into short Chinese lines for the 提醒与推送 page. Pure: it reads the compiled rules the jobs run on, so
// the page shows what actually happens, not what a file might say.
import { addDays, localTime } from '../../domain/calendar/local-time.js';
import type { RuleId } from '../../domain/reminders/breach.js';
import type { CompiledRules } from '../../domain/reminders/reminder-rules.js';

const HOUR_MS = 3_600_000;
const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export const RULE_LABELS: Record<RuleId, string> = {
  lead_first_contact: '新线索首次联系',
  golden_48h: '黄金48小时',
  stage_window: '阶段跟进超时',
  untouched_7d: '久未跟进',
  untouched_14d: '久未跟进(经理)',
  commitment_due: '承诺到期',
  commitment_overdue: '承诺逾期',
  no_report_today: '今日未交战报',
};

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const hours = (ms: number) => {
  const h = ms / HOUR_MS;
  return h % 24 === 0 && h >= 72 ? `${h / 24}天` : `${Number.isInteger(h) ? h : h.toFixed(1)}小时`;
};

export interface RuleLine {
  id: string;
  label: string;
  /** When it fires and who hears, in one sentence. */
  text: string;
}

export interface ScheduleInput {
  job: string;
  cron: string;
}

const JOB_LABELS: Record<string, string> = {
  reminders: '跟进提醒',
  'report-nudge': '战报提醒',
  'leaderboard-daily': '日排行',
  'leaderboard-weekly': '周排行',
  'directory-sync': '通讯录同步',
};

/** The cron forms the scheduler uses, in words; anything else is shown as written. */
export function describeCron(cron: string): string {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return cron;
  const [min, hour, dom, mon, dow] = f as [string, string, string, string, string];
  const every = /^\*\/(\d+)$/.exec(min);
  if (every && hour === '*' && dom === '*' && mon === '*' && dow === '*') return `每${every[1]}分钟`;
  if (!/^\d+$/.test(min) || !/^\d+$/.test(hour) || dom !== '*' || mon !== '*') return cron;
  const at = hhmm(Number(hour) * 60 + Number(min));
  if (dow === '*') return `每天 ${at}`;
  if (/^[1-7]$/.test(dow) || dow === '0') return `每${WEEKDAYS[Number(dow) || 7]} ${at}`;
  return cron;
}

/** Consecutive dates as ranges: ["2026-01-01", "2026-01-02"] → [{from, to, days: 2}]. */
export function dateRanges(dates: Iterable<string>): { from: string; to: string; days: number }[] {
  const sorted = [...dates].sort();
  const out: { from: string; to: string; days: number }[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === d) {
      last.to = d;
      last.days++;
    } else out.push({ from: d, to: d, days: 1 });
  }
  return out;
}

export function describePushRules(rules: CompiledRules, schedules: readonly ScheduleInput[], now: Date) {
  const c = rules.commitments;
  const lines: RuleLine[] = [
    { id: 'lead_first_contact', label: RULE_LABELS.lead_first_contact, text: `新线索询盘后${hours(rules.leadFirstContactMs)}内要首次联系,超时提醒销售和经理群` },
    { id: 'golden_48h', label: RULE_LABELS.golden_48h, text: `询盘后${hours(rules.goldenMs)}内要拜访或发方案,超时提醒销售和经理群` },
    { id: 'lead_alert_days', label: '线索提醒天数', text: `以上两条超时后每天提醒一次,最多${Math.round(rules.leadAlertForMs / (24 * HOUR_MS))}天` },
    {
      id: 'untouched', label: RULE_LABELS.untouched_7d,
      text: `${hours(rules.untouchedRepMs)}没跟进提醒销售,${hours(rules.untouchedManagerMs)}没跟进提醒经理群`,
    },
    { id: 'commitment_due', label: RULE_LABELS.commitment_due, text: `到期当天 ${hhmm(c.remindAt)} 提醒销售` },
    { id: 'commitment_overdue', label: RULE_LABELS.commitment_overdue, text: `逾期${c.escalateAfterDays}天后 ${hhmm(c.escalateAt)} 提醒经理群` },
    { id: 'no_report_today', label: RULE_LABELS.no_report_today, text: `工作日 ${hhmm(rules.reportNudgeAt)} 提醒当天没交战报的销售` },
  ];
  const stageWindows = rules.stages.open.map((s) => ({
    id: s.id, label: s.label, window: rules.stageWindowMs[s.id] === undefined ? null : hours(rules.stageWindowMs[s.id]!),
  }));
  const cal = rules.calendar;
  const today = localTime(now).date;
  return {
    timezone: rules.timezone,
    rules: lines,
    stageWindows,
    calendar: {
      workweek: [...cal.workweek].sort().map((d) => WEEKDAYS[d]!),
      holidays: dateRanges(cal.holidays),
      extraWorkdays: [...cal.extraWorkdays].sort(),
      quietHours: cal.quietHours
        ? { start: hhmm(cal.quietHours.start), end: hhmm(cal.quietHours.end), deliverAt: hhmm(cal.quietHours.deliverAt) }
        : null,
      // The next two weeks as the jobs will see them: holidays and 调休 included.
      nextDays: Array.from({ length: 14 }, (_, i) => {
        const date = addDays(today, i);
        return { date, weekday: WEEKDAYS[localTime(new Date(`${date}T12:00:00+08:00`)).weekday]!, workday: cal.isWorkday(date) };
      }),
    },
    schedules: schedules.map((s) => ({ job: s.job, label: JOB_LABELS[s.job] ?? s.job, when: describeCron(s.cron) })),
  };
}
