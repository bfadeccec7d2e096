// The team report as chat markdown: short lines, one section per metric, no tables (WeCom app markdown
// renders them unreliably). DingTalk shows a single line break only after a blank line, so there every
// line is its own paragraph. Kept under WeCom's 4096-byte markdown limit by dropping rep lines first.
import { markdownSafe, MARKDOWN_MAX_BYTES } from '../leaderboards/render-markdown.js';
import { sharePercent } from './submission-rate.js';
import { teamReportTexts as T } from './team-report-texts.js';
import type { LabelledCount, TeamReport } from './team-report.js';

export interface RenderOptions {
  /** Money as the chat writes it (80万). */
  formatAmount(yuan: number): string;
  /** DingTalk: a blank line between lines. */
  paragraphs?: boolean;
  /** At most this many rep lines under the submission rate. */
  maxReps?: number;
}

const pct = (n: number, of: number) => (of === 0 ? '—' : `${Math.round((n / of) * 100)}%`);
const percentText = (p: number | null) => (p === null ? '—' : `${p}%`);
const counts = (items: readonly LabelledCount[]) => (items.length === 0 ? T.none : items.map((c) => `${markdownSafe(c.label, 16)} ${c.count}`).join(' · '));
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export function renderTeamReport(r: TeamReport, opts: RenderOptions): string {
  let maxReps = opts.maxReps ?? 12;
  for (;;) {
    const text = join(sections(r, opts, maxReps), opts.paragraphs === true);
    if (bytes(text) <= MARKDOWN_MAX_BYTES || maxReps === 0) return text;
    maxReps = Math.max(0, maxReps - 4);
  }
}

function join(sections: string[][], paragraphs: boolean): string {
  const lineBreak = paragraphs ? '\n\n' : '\n';
  return sections.filter((s) => s.length > 0).map((s) => s.join(lineBreak)).join('\n\n');
}

function sections(r: TeamReport, opts: RenderOptions, maxReps: number): string[][] {
  return [
    [`**${markdownSafe(T.title(r.teamName, r.kind, r.periodLabel), 60)}**`, r.periodDates],
    funnel(r),
    [r.cycle.averageDays === null ? T.cycleNone : T.cycle(r.cycle.averageDays, r.cycle.deals)],
    submission(r, maxReps),
    [
      r.fulfilment.due === 0 ? T.fulfilmentNone : T.fulfilment(pct(r.fulfilment.done, r.fulfilment.due), r.fulfilment.done, r.fulfilment.due),
      T.overdue(r.overdue),
    ],
    [T.objections, counts(r.objections), T.competitors, counts(r.competitors), ...(r.lostReasons.length > 0 ? [T.lostReasons, counts(r.lostReasons)] : [])],
    targets(r, opts),
    best(r),
    industries(r),
  ];
}

function funnel(r: TeamReport): string[] {
  const f = r.funnel;
  if (f.customers === 0) return [T.funnelEmpty];
  return [
    T.funnelHead(f.customers),
    ...f.stages.filter((s) => s.reached > 0).map((s) => T.funnelLine(s.label, s.reached, pct(s.advanced, s.reached))),
    T.funnelClosed(`${f.wonLabel} ${f.won}`, `${f.lostLabel} ${f.lost}`),
  ];
}

function submission(r: TeamReport, maxReps: number): string[] {
  const s = r.submission;
  if (s.workdays === 0) return [T.submissionNoWorkdays];
  const shown = s.reps.slice(0, maxReps);
  return [
    T.submission(percentText(sharePercent(s.team)), s.team.n, s.team.of),
    ...shown.map((rep) => T.submissionRep(markdownSafe(rep.name, 12), rep.days.n, rep.days.of)),
    ...(s.reps.length > shown.length ? [T.submissionMore(s.reps.length - shown.length)] : []),
  ];
}

function targets(r: TeamReport, opts: RenderOptions): string[] {
  if (r.targets.length === 0) return [];
  const money = opts.formatAmount;
  const lines: string[] = [T.targets];
  for (const t of r.targets) {
    const month = T.monthName(t.month);
    lines.push(t.target === null ? T.wonNoTarget(month, money(t.won)) : T.wonVsTarget(month, money(t.won), money(t.target), percentText(t.wonPercent)));
    // A month that is over has nothing left to forecast.
    if (t.relation === 'this') lines.push(t.target === null ? T.forecastNoTarget(money(t.forecast)) : T.forecastVsTarget(money(t.forecast), percentText(t.projectedPercent)));
  }
  return lines;
}

function best(r: TeamReport): string[] {
  if (!r.best) return [T.bestNone];
  const b = r.best;
  return [T.best('★'.repeat(b.stars), markdownSafe(b.repName, 12), b.customer ? markdownSafe(b.customer, 20) : null), `> ${markdownSafe(b.progress, 60)}`];
}

function industries(r: TeamReport): string[] {
  if (r.industries === null || r.industries.length === 0) return [];
  return [T.industries, ...r.industries.map((i) => T.industryLine(markdownSafe(i.industry, 12), counts(i.top)))];
}
