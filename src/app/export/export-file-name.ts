// The download's name: the sheet title, the team and the days it covers (or the day it was made), e.g.
// 战报_north_2026-12-01至2026-12-06.xlsx, with an ASCII twin for the plain filename= parameter.
import type { ExportFilter } from './export-filter.js';
import type { ExportFormat, ExportKind } from './export-kinds.js';

export function exportFileName(
  kind: ExportKind, title: string, format: ExportFormat, filter: ExportFilter, today: string,
): { utf8: string; ascii: string } {
  const { fromDay: from, toDay: to, teamKey } = filter;
  const team = teamKey ? `_${teamKey}` : '';
  const days = from && to ? [`${from}至${to}`, `${from}_${to}`]
    : from ? [`${from}起`, `from_${from}`]
    : to ? [`截至${to}`, `to_${to}`]
    : [today, today];
  return { utf8: `${title}${team}_${days[0]}.${format}`, ascii: `${kind}${team}_${days[1]}.${format}` };
}
