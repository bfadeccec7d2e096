// Leaderboard PNG for `image` messages: the same board view the markdown shows (people lines with their
// details, medals, store lines, the note), as an SVG bar chart rendered by resvg with one bundled CJK
// font. Imports only shared code (layering rule): the view arrives as plain data.
import { createHash } from 'node:crypto';
import { CJK_FONT_FAMILY, escapeXml, renderSvg, svgText } from '../render/svg-png.js';

/** What the chart draws; the domain's BoardView fits structurally. */
export interface ChartBoard {
  readonly title: string;
  readonly people: readonly { rank: number; medal: 1 | 2 | 3 | null; name: string; points: number; detail: string }[];
  readonly stores: readonly { rank: number; medal: 1 | 2 | 3 | null; name: string; visits: number }[];
  readonly note: string | null;
  /** Heading of the store section (the markdown's). */
  readonly storeTitle: string;
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

const HEADER = 72;
const ROW = 52;
const STORE_HEADER = 44;
const STORE_ROW = 36;
const NOTE = 36;
const FOOTER = 16;
const LABEL_X = 24;
const BAR_X = 300;
const BAR_MAX = 400;
const MEDAL_COLOURS = { 1: '#e8b64c', 2: '#a9b4c2', 3: '#c98d5a' } as const;
const BAR_DEFAULT = '#8fb3d9';

export function chartHeight(people: number, stores = 0, note = false): number {
  const storeBlock = stores > 0 ? STORE_HEADER + stores * STORE_ROW : 0;
  const rows = people * ROW + storeBlock + (note ? NOTE : 0);
  return HEADER + Math.max(rows, NOTE) + FOOTER;
}

const font = `font-family="${CJK_FONT_FAMILY}"`;

/** The rank in a medal-coloured disc for medal holders, else plain. */
function rankMark(rank: number, medal: 1 | 2 | 3 | null, y: number): string {
  if (medal === null) return `<text x="${LABEL_X + 14}" y="${y + 6}" ${font} font-size="18" fill="#5a6b7d" text-anchor="middle">${rank}</text>`;
  return `<circle cx="${LABEL_X + 14}" cy="${y}" r="14" fill="${MEDAL_COLOURS[medal]}"/>` +
    `<text x="${LABEL_X + 14}" y="${y + 6}" ${font} font-size="16" fill="#ffffff" text-anchor="middle">${rank}</text>`;
}

function bar(y: number, height: number, value: number, max: number, medal: 1 | 2 | 3 | null, label: string): string {
  const w = max > 0 ? Math.max(2, Math.round((Math.max(0, value) / max) * BAR_MAX)) : 2;
  return `<rect x="${BAR_X}" y="${y}" width="${w}" height="${height}" rx="4" fill="${medal ? MEDAL_COLOURS[medal] : BAR_DEFAULT}"/>` +
    `<text x="${BAR_X + w + 10}" y="${y + height - 6}" ${font} font-size="16" fill="#3c4858">${escapeXml(label)}</text>`;
}

export function boardSvg(board: ChartBoard): string {
  const { people, stores } = board;
  const height = chartHeight(people.length, stores.length, board.note !== null);
  const maxPoints = Math.max(0, ...people.map((p) => p.points));
  const maxVisits = Math.max(0, ...stores.map((s) => s.visits));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">`,
    `<rect width="100%" height="100%" fill="#fafbfc"/>`,
    `<text x="${LABEL_X}" y="44" ${font} font-size="26" fill="#1f2d3d">${escapeXml(svgText(board.title, 30))}</text>`,
    `<line x1="${LABEL_X}" y1="${HEADER - 12}" x2="${CHART_WIDTH - LABEL_X}" y2="${HEADER - 12}" stroke="#e3e8ee"/>`,
  ];
  let y = HEADER;
  for (const p of people) {
    parts.push(
      rankMark(p.rank, p.medal, y + 20),
      `<text x="${LABEL_X + 40}" y="${y + 22}" ${font} font-size="18" fill="#1f2d3d">${escapeXml(svgText(p.name, 12))}</text>`,
      `<text x="${LABEL_X + 40}" y="${y + 42}" ${font} font-size="13" fill="#8492a6">${escapeXml(svgText(p.detail, 30))}</text>`,
      bar(y + 10, 24, p.points, maxPoints, p.medal, `${p.points}分`),
    );
    y += ROW;
  }
  if (stores.length > 0) {
    parts.push(`<text x="${LABEL_X}" y="${y + 30}" ${font} font-size="20" fill="#1f2d3d">${escapeXml(svgText(board.storeTitle, 20))}</text>`);
    y += STORE_HEADER;
    for (const s of stores) {
      parts.push(
        rankMark(s.rank, s.medal, y + 18),
        `<text x="${LABEL_X + 40}" y="${y + 24}" ${font} font-size="17" fill="#1f2d3d">${escapeXml(svgText(s.name, 12))}</text>`,
        bar(y + 6, 22, s.visits, maxVisits, s.medal, `拜访${s.visits}`),
      );
      y += STORE_ROW;
    }
  }
  if (board.note !== null) {
    parts.push(`<text x="${CHART_WIDTH / 2}" y="${y + 24}" ${font} font-size="16" fill="#8492a6" text-anchor="middle">${escapeXml(svgText(board.note, 40))}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

export function renderBoardPng(board: ChartBoard, opts: { fontFile?: string } = {}): BoardPng {
  const rendered = renderSvg(boardSvg(board), { what: 'leaderboard chart', fontFile: opts.fontFile });
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
