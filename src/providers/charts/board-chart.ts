// Leaderboard PNG for WeCom `image` messages: an SVG bar chart rendered by resvg with one bundled CJK
// font only, so output does not depend on the host's fonts. Imports only shared code (layering rule).
import { createHash } from 'node:crypto';
import { CJK_FONT_FAMILY, escapeXml, renderSvg, svgText } from '../render/svg-png.js';

/** What the chart needs from a ranked entry; the domain's RankedEntry fits structurally. */
export interface ChartEntry {
  rank: number;
  name: string;
  points: number;
}

export interface BoardPng {
  png: Buffer;
  width: number;
  height: number;
  md5: string;
  base64: string;
}

/** WeCom rejects image messages over 2 MB. */
export const CHART_MAX_BYTES = 2 * 1024 * 1024;
export const CHART_WIDTH = 800;
export const CHART_TOP = 15;

const HEADER = 72;
const ROW = 40;
const FOOTER = 24;
const LABEL_X = 24;
const BAR_X = 230;
const BAR_MAX = 470;
const BAR_COLOURS = ['#e8b64c', '#a9b4c2', '#c98d5a'];
const BAR_DEFAULT = '#8fb3d9';


export function chartHeight(rows: number): number {
  return HEADER + Math.max(1, Math.min(rows, CHART_TOP)) * ROW + FOOTER;
}

export function boardSvg(board: readonly ChartEntry[], title: string): string {
  const rows = board.slice(0, CHART_TOP);
  const height = chartHeight(rows.length);
  const max = Math.max(0, ...rows.map((e) => e.points));
  const font = `font-family="${CJK_FONT_FAMILY}"`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">`,
    `<rect width="100%" height="100%" fill="#fafbfc"/>`,
    `<text x="${LABEL_X}" y="44" ${font} font-size="26" fill="#1f2d3d">${escapeXml(svgText(title, 30))}</text>`,
    `<line x1="${LABEL_X}" y1="${HEADER - 12}" x2="${CHART_WIDTH - LABEL_X}" y2="${HEADER - 12}" stroke="#e3e8ee"/>`,
  ];
  if (rows.length === 0) {
    parts.push(`<text x="${CHART_WIDTH / 2}" y="${HEADER + 26}" ${font} font-size="18" fill="#8492a6" text-anchor="middle">本期暂无上榜记录</text>`);
  }
  rows.forEach((e, i) => {
    const y = HEADER + i * ROW;
    const w = max > 0 ? Math.max(2, Math.round((Math.max(0, e.points) / max) * BAR_MAX)) : 2;
    const colour = BAR_COLOURS[e.rank - 1] ?? BAR_DEFAULT;
    parts.push(
      `<text x="${LABEL_X}" y="${y + 26}" ${font} font-size="18" fill="#5a6b7d">${e.rank}</text>`,
      `<text x="${LABEL_X + 40}" y="${y + 26}" ${font} font-size="18" fill="#1f2d3d">${escapeXml(svgText(e.name, 9))}</text>`,
      `<rect x="${BAR_X}" y="${y + 8}" width="${w}" height="${ROW - 16}" rx="4" fill="${colour}"/>`,
      `<text x="${BAR_X + w + 10}" y="${y + 26}" ${font} font-size="17" fill="#3c4858">${e.points}分</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function renderBoardPng(board: readonly ChartEntry[], title: string, opts: { fontFile?: string } = {}): BoardPng {
  const rendered = renderSvg(boardSvg(board, title), { what: 'leaderboard chart', fontFile: opts.fontFile });
  const png = rendered.png;
  if (png.length >= CHART_MAX_BYTES) throw new Error(`leaderboard chart is ${png.length} bytes, over WeCom's 2 MB image limit`);
  return {
    png,
    width: rendered.width,
    height: rendered.height,
    md5: createHash('md5').update(png).digest('hex'),
    base64: png.toString('base64'),
  };
}
