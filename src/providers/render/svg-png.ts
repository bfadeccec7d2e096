// Server-side drawing shared by the leaderboard chart and the QR images: SVG rendered to PNG by resvg
// with one CJK font, and the text helpers that keep user text safe inside SVG.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** Debian `fonts-wqy-microhei`; CI installs it. */
export const CJK_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const CJK_FONT_FAMILY = 'WenQuanYi Micro Hei';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** The font has no emoji glyphs (they would render as boxes) and XML forbids control characters. */
export function svgText(text: string, maxChars: number): string {
  const clean = text
    .replace(/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu, '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  const chars = [...clean];
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : clean;
}

/**
 * Renders SVG with the CJK font. Without the font resvg silently draws no text at all, so a missing
 * file fails loudly, naming `what` was being drawn. `fontFile: null` draws text-free SVG (a bare QR).
 */
export function renderSvg(svg: string, opts: { what: string; fontFile?: string | null; hint?: string }): { png: Buffer; width: number; height: number } {
  const fontFile = opts.fontFile === undefined ? CJK_FONT_FILE : opts.fontFile;
  if (fontFile !== null && !existsSync(fontFile)) {
    throw new Error(`${opts.what} font not found: ${fontFile} (${opts.hint ?? 'install fonts-wqy-microhei or pass fontFile'})`);
  }
  const font = fontFile === null ? { loadSystemFonts: false } : { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY };
  const rendered = new Resvg(svg, { font }).render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height };
}
