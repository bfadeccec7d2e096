// The team report's PNG: the period's funnel (customers that reached each stage, then won) and each rep's
// report submission rate, as horizontal bars — drawn like the leaderboard chart (same renderer, font and
// size limit). Imports only shared drawing code: the report arrives as plain data.
import { createHash } from 'node:crypto';
import { CJK_FONT_FAMILY, escapeXml, renderSvg, svgText } from '../render/svg-png.js';
import { CHART_MAX_BYTES, CHART_WIDTH, type BoardPng } from './board-chart.js';

export interface ChartBar {
  readonly label: string;
  /** Bar length relative to the section's largest value (percent sections: out of 100). */
  readonly value: number;
  /** Text after the bar ("5", "80%"). */
  readonly text: string;
}

export interface ChartSection {
  readonly title: string;
  readonly bars: readonly ChartBar[];
  /** Bars are shares: the full width is 100. */
  readonly percent?: boolean;
  /** Shown instead of bars when there are none. */
  readonly empty: string;
}

export interface TeamReportChart {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly ChartSection[];
}

const HEADER = 92;
const SECTION_HEAD = 44;
const ROW = 34;
const EMPTY = 34;
const FOOTER = 20;
const LABEL_X = 24;
const BAR_X = 220;
const BAR_MAX = 440;
const COLOURS = ['#5b8ff9', '#61ddaa'] as const;
const font = `font-family="${CJK_FONT_FAMILY}"`;

export function teamReportHeight(chart: TeamReportChart): number {
  return HEADER + chart.sections.reduce((h, s) => h + SECTION_HEAD + (s.bars.length === 0 ? EMPTY : s.bars.length * ROW), 0) + FOOTER;
}

export function teamReportSvg(chart: TeamReportChart): string {
  const height = teamReportHeight(chart);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">`,
    `<rect width="100%" height="100%" fill="#fafbfc"/>`,
    `<text x="${LABEL_X}" y="42" ${font} font-size="26" fill="#1f2d3d">${escapeXml(svgText(chart.title, 30))}</text>`,
    `<text x="${LABEL_X}" y="70" ${font} font-size="15" fill="#8492a6">${escapeXml(svgText(chart.subtitle, 50))}</text>`,
    `<line x1="${LABEL_X}" y1="${HEADER - 10}" x2="${CHART_WIDTH - LABEL_X}" y2="${HEADER - 10}" stroke="#e3e8ee"/>`,
  ];
  let y = HEADER;
  chart.sections.forEach((section, i) => {
    parts.push(`<text x="${LABEL_X}" y="${y + 28}" ${font} font-size="19" fill="#1f2d3d">${escapeXml(svgText(section.title, 30))}</text>`);
    y += SECTION_HEAD;
    if (section.bars.length === 0) {
      parts.push(`<text x="${LABEL_X}" y="${y + 22}" ${font} font-size="15" fill="#8492a6">${escapeXml(svgText(section.empty, 40))}</text>`);
      y += EMPTY;
      return;
    }
    const max = section.percent ? 100 : Math.max(0, ...section.bars.map((b) => b.value));
    for (const b of section.bars) {
      const w = max > 0 ? Math.max(2, Math.round((Math.min(Math.max(0, b.value), max) / max) * BAR_MAX)) : 2;
      parts.push(
        `<text x="${LABEL_X}" y="${y + 22}" ${font} font-size="16" fill="#3c4858">${escapeXml(svgText(b.label, 11))}</text>`,
        `<rect x="${BAR_X}" y="${y + 6}" width="${w}" height="22" rx="4" fill="${COLOURS[i % COLOURS.length]}"/>`,
        `<text x="${BAR_X + w + 10}" y="${y + 23}" ${font} font-size="15" fill="#3c4858">${escapeXml(svgText(b.text, 16))}</text>`,
      );
      y += ROW;
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function renderTeamReportPng(chart: TeamReportChart, opts: { fontFile?: string } = {}): BoardPng {
  const rendered = renderSvg(teamReportSvg(chart), { what: 'team report chart', fontFile: opts.fontFile });
  const png = rendered.png;
  if (png.length >= CHART_MAX_BYTES) throw new Error(`team report chart is ${png.length} bytes, over WeCom's 2 MB image limit`);
  return { png, width: rendered.width, height: rendered.height, md5: createHash('md5').update(png).digest('hex'), base64: png.toString('base64') };
}
