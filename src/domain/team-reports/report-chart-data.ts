// What the team report's picture shows, from the same report data as the markdown: the funnel's bars
// (reached per stage, then won) and each rep's submission rate. Pure; the shape fits the chart provider.
import { sharePercent } from './submission-rate.js';
import type { TeamReport } from './team-report.js';
import { teamReportTexts as T } from './team-report-texts.js';

/** More reps than this would make a tall picture; the markdown lists them all. */
export const CHART_MAX_REPS = 15;

export function teamReportChartData(r: TeamReport) {
  const funnel = r.funnel.customers === 0
    ? []
    : [
        ...r.funnel.stages.filter((s) => s.reached > 0).map((s) => ({ label: s.label, value: s.reached, text: String(s.reached) })),
        { label: r.funnel.wonLabel, value: r.funnel.won, text: String(r.funnel.won) },
      ];
  const reps = r.submission.workdays === 0
    ? []
    : r.submission.reps.slice(0, CHART_MAX_REPS).map((rep) => {
        const p = sharePercent(rep.days) ?? 0;
        return { label: rep.name, value: p, text: `${p}%(${rep.days.n}/${rep.days.of})` };
      });
  return {
    title: T.title(r.teamName, r.kind, r.periodLabel),
    subtitle: r.periodDates,
    sections: [
      { title: T.chartFunnel, bars: funnel, empty: T.chartEmpty },
      { title: T.chartSubmission, bars: reps, percent: true, empty: T.chartEmpty },
    ],
  };
}
