// One team's weekly or monthly report as plain data: what the markdown and the chart both show. Labels
// (stage names, topic names, reasons) are resolved by whoever builds it, so rendering needs no config.
import type { Share } from './submission-rate.js';
import type { TargetProgress } from './target-progress.js';
import type { TeamReportKind } from './report-periods.js';

export interface LabelledCount {
  readonly label: string;
  readonly count: number;
}

export interface TeamReport {
  readonly kind: TeamReportKind;
  readonly teamName: string;
  /** "11月16日–11月22日" or "2026年11月". */
  readonly periodLabel: string;
  /** First to last day: "11月1日–11月30日". */
  readonly periodDates: string;
  readonly funnel: {
    readonly customers: number;
    readonly stages: readonly { readonly label: string; readonly reached: number; readonly advanced: number }[];
    readonly wonLabel: string;
    readonly won: number;
    readonly lostLabel: string;
    readonly lost: number;
  };
  readonly cycle: { readonly deals: number; readonly averageDays: number | null };
  readonly submission: { readonly team: Share; readonly workdays: number; readonly reps: readonly { readonly name: string; readonly days: Share }[] };
  readonly fulfilment: { readonly due: number; readonly done: number };
  readonly overdue: number;
  readonly objections: readonly LabelledCount[];
  readonly competitors: readonly LabelledCount[];
  readonly lostReasons: readonly LabelledCount[];
  /** Weekly: this month so far and its forecast. Monthly: the month reported on, then the month now starting. */
  readonly targets: readonly (TargetProgress & { readonly relation: 'this' | 'last' })[];
  readonly best: { readonly stars: number; readonly repName: string; readonly customer: string | null; readonly progress: string } | null;
  /** The industries' top objections over the last 90 days (null: not part of this report). */
  readonly industries: readonly { readonly industry: string; readonly top: readonly LabelledCount[] }[] | null;
}
