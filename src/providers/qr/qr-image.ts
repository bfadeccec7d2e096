// QR code images for stores: a plain QR PNG and a printable A6 sheet (store name, code, instruction,
// URL). The module matrix comes from `qrcode`; drawing is ours, SVG → PNG through resvg like the
// leaderboard chart, so there is one renderer and one bundled CJK font for every image we produce.
import QRCode from 'qrcode';
import { CJK_FONT_FAMILY, escapeXml, renderSvg, svgText } from '../render/svg-png.js';

export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  readonly size: number;
  isDark(row: number, col: number): boolean;
}

/** Where the modules land: top-left pixel of module (0,0) and the whole-pixel side of one module. */
export interface QrPlacement {
  x: number;
  y: number;
  module: number;
}

/** ISO/IEC 18004 asks for a 4-module light margin; scanners struggle to find the code without it. */
export const QR_QUIET_MODULES = 4;
export const QR_DEFAULT_SIZE = 512;

// A6 (105 × 148 mm) at 300 dpi: prints sharp on a shop's laser printer and fits a counter stand.
export const SHEET_WIDTH = 1240;
export const SHEET_HEIGHT = 1748;
/** The square the QR code (with its quiet zone) is fitted into. */
export const SHEET_QR_BOX = { x: 170, y: 360, size: 900 } as const;
export const DEFAULT_SHEET_INSTRUCTION = '打开企业微信「门店助手」扫一扫,记录顾客咨询';

const TEXT_WIDTH = SHEET_WIDTH - 2 * 100;
const INK = '#1f2d3d';

/**
 * Error correction M (15 % recoverable): survives a scuffed counter card, while a 60-character URL
 * still fits version 4 (33 modules), big modules for a phone camera at arm's length.
 */
export function qrMatrix(text: string): QrMatrix {
  if (text.length === 0) throw new Error('QR text must not be empty');
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, col) => modules.get(row, col) === 1 };
}

/**
 * Fits the code and its quiet zone into a `box`-pixel square at (x, y) with whole-pixel modules (no
 * blurred module edges, which cost scanners more than a smaller code does); the leftover pixels widen
 * the quiet zone evenly.
 */
export function qrPlacement(modules: number, x: number, y: number, box: number): QrPlacement {
  const module = Math.floor(box / (modules + 2 * QR_QUIET_MODULES));
  if (module < 1) throw new Error(`QR code needs at least ${modules + 2 * QR_QUIET_MODULES} px, got ${box}`);
  const offset = Math.floor((box - module * modules) / 2);
  return { x: x + offset, y: y + offset, module };
}

/** Dark modules as one path; horizontal runs are merged so a code is a few hundred path commands. */
function modulesPath(m: QrMatrix, at: QrPlacement): string {
  const parts: string[] = [];
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.isDark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.isDark(r, c)) c++;
      const w = (c - start) * at.module;
      parts.push(`M${at.x + start * at.module} ${at.y + r * at.module}h${w}v${at.module}h-${w}z`);
    }
  }
  return `<path d="${parts.join('')}" fill="#000" shape-rendering="crispEdges"/>`;
}

/** A plain square QR PNG, `size` pixels a side (default 512), black on white with a quiet zone. */
export function qrPng(text: string, opts: { size?: number } = {}): Buffer {
  const size = opts.size ?? QR_DEFAULT_SIZE;
  if (!Number.isInteger(size) || size < 21 || size > 4096) throw new Error(`QR size must be a whole number of pixels from 21 to 4096, got ${size}`);
  const m = qrMatrix(text);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    `<rect width="${size}" height="${size}" fill="#fff"/>`,
    modulesPath(m, qrPlacement(m.size, 0, 0, size)),
    '</svg>',
  ].join('');
  return renderSvg(svg, { what: 'QR', fontFile: null }).png;
}

export interface QrSheetInput {
  storeName: string;
  /** What the code encodes and what is printed under it, e.g. https://host/s/<token>. */
  url: string;
  instruction?: string;
  /** Printed under the store name for campaign codes. */
  campaign?: string;
  fontFile?: string;
}

/** Rough advance of a line: CJK and full-width characters are 1 em, the rest about 0.55 em. */
function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u.test(ch) ? 1 : 0.55;
  return w;
}

/** The largest font size ≤ max that fits `width`; below min the text is cut with "…" instead. */
function fitLine(raw: string, width: number, max: number, min: number, maxChars: number): { text: string; size: number } {
  let text = svgText(raw, maxChars);
  const em = Math.max(emWidth(text), 1);
  if (em * min <= width) return { text, size: Math.min(max, Math.floor(width / em)) };
  const chars = [...text];
  while (chars.length > 1 && emWidth(`${chars.join('')}…`) * min > width) chars.pop();
  text = `${chars.join('')}…`;
  return { text, size: min };
}

function centred(line: { text: string; size: number }, baseline: number, fill: string, weight = 'normal'): string {
  return (
    `<text x="${SHEET_WIDTH / 2}" y="${baseline}" font-family="${CJK_FONT_FAMILY}" font-size="${line.size}" ` +
    `font-weight="${weight}" fill="${fill}" text-anchor="middle">${escapeXml(line.text)}</text>`
  );
}

export function qrSheetSvg(input: QrSheetInput): string {
  const m = qrMatrix(input.url);
  const box = SHEET_QR_BOX;
  const name = fitLine(input.storeName, TEXT_WIDTH, 96, 56, 30);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SHEET_WIDTH}" height="${SHEET_HEIGHT}" viewBox="0 0 ${SHEET_WIDTH} ${SHEET_HEIGHT}">`,
    `<rect width="${SHEET_WIDTH}" height="${SHEET_HEIGHT}" fill="#fff"/>`,
    // A light cut line for trimming the printout; kept well outside the code's quiet zone.
    `<rect x="24" y="24" width="${SHEET_WIDTH - 48}" height="${SHEET_HEIGHT - 48}" rx="28" fill="none" stroke="#d5dbe3" stroke-width="3"/>`,
    centred(name, 190, INK, 'bold'),
  ];
  if (input.campaign && input.campaign.trim()) {
    parts.push(centred(fitLine(input.campaign, TEXT_WIDTH, 56, 36, 30), 290, '#c0392b'));
  }
  parts.push(
    modulesPath(m, qrPlacement(m.size, box.x, box.y, box.size)),
    centred(fitLine(input.instruction?.trim() || DEFAULT_SHEET_INSTRUCTION, TEXT_WIDTH, 48, 30, 40), box.y + box.size + 110, INK),
    centred(fitLine(input.url, TEXT_WIDTH, 30, 20, 120), SHEET_HEIGHT - 120, '#8492a6'),
    '</svg>',
  );
  return parts.join('\n');
}

/** The printable sheet as PNG (SHEET_WIDTH × SHEET_HEIGHT). */
export function qrSheetPng(input: QrSheetInput): Buffer {
  // Without the font the sheet would print with no store name: renderSvg refuses instead.
  return renderSvg(qrSheetSvg(input), { what: 'QR sheet', fontFile: input.fontFile, hint: 'install the Debian package fonts-wqy-microhei or pass fontFile' }).png;
}
