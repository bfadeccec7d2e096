// QR images: with no QR reader at hand, the PNGs are decoded here (zlib + PNG filters) and every module
// of the `qrcode` matrix is checked at its pixel centre, plus the finder patterns and the quiet zone.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SHEET_INSTRUCTION,
  QR_QUIET_MODULES,
  qrMatrix,
  qrPlacement,
  qrPng,
  qrSheetPng,
  qrSheetSvg,
  SHEET_HEIGHT,
  SHEET_QR_BOX,
  SHEET_WIDTH,
  type QrMatrix,
  type QrPlacement,
} from '../../src/providers/qr/qr-image.js';

interface Image {
  width: number;
  height: number;
  /** Luminance 0–255 of pixel (x, y), alpha composited on white. */
  lum(x: number, y: number): number;
}

/** Minimal PNG decoder: 8-bit, non-interlaced, grey/RGB with or without alpha — what resvg writes. */
function decodePng(png: Buffer): Image {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [depth, colour, , , interlace] = png.subarray(24, 29);
  expect(depth).toBe(8);
  expect(interlace).toBe(0);
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colour!];
  if (!channels) throw new Error(`unsupported PNG colour type ${colour}`);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= channels ? px[y * stride + i - channels]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= channels ? px[(y - 1) * stride + i - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter];
      if (pred === undefined) throw new Error(`bad filter ${filter}`);
      px[y * stride + i] = (x + pred) & 0xff;
    }
  }
  return {
    width,
    height,
    lum(x, y) {
      const o = y * stride + x * channels;
      const grey = channels <= 2 ? px[o]! : 0.299 * px[o]! + 0.587 * px[o + 1]! + 0.114 * px[o + 2]!;
      const alpha = channels === 2 || channels === 4 ? px[o + channels - 1]! / 255 : 1;
      return grey * alpha + 255 * (1 - alpha);
    },
  };
}

const isBlack = (img: Image, x: number, y: number) => img.lum(x, y) < 64;
const isWhite = (img: Image, x: number, y: number) => img.lum(x, y) > 192;

/** Every module's centre pixel has the matrix colour. Returns how many modules were checked. */
function expectModules(img: Image, m: QrMatrix, at: QrPlacement): number {
  const half = Math.floor(at.module / 2);
  let wrong = 0;
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      const x = at.x + c * at.module + half;
      const y = at.y + r * at.module + half;
      if (m.isDark(r, c) ? !isBlack(img, x, y) : !isWhite(img, x, y)) wrong++;
    }
  }
  expect(wrong).toBe(0);
  return m.size * m.size;
}

/** The three 7×7 finder patterns: dark ring, light ring, dark 3×3 core. */
function expectFinders(img: Image, m: QrMatrix, at: QrPlacement): void {
  const centre = (r: number, c: number) => [at.x + c * at.module + Math.floor(at.module / 2), at.y + r * at.module + Math.floor(at.module / 2)] as const;
  for (const [r0, c0] of [[0, 0], [0, m.size - 7], [m.size - 7, 0]] as const) {
    expect(isBlack(img, ...centre(r0, c0))).toBe(true);
    expect(isBlack(img, ...centre(r0 + 6, c0 + 6))).toBe(true);
    expect(isWhite(img, ...centre(r0 + 1, c0 + 1))).toBe(true);
    expect(isWhite(img, ...centre(r0 + 5, c0 + 1))).toBe(true);
    expect(isBlack(img, ...centre(r0 + 3, c0 + 3))).toBe(true);
    expect(isBlack(img, ...centre(r0 + 2, c0 + 4))).toBe(true);
  }
}

function expectQuietZone(img: Image, m: QrMatrix, at: QrPlacement, box: { x: number; y: number; size: number }): void {
  const side = m.size * at.module;
  expect(at.x - box.x).toBeGreaterThanOrEqual(QR_QUIET_MODULES * at.module);
  expect(at.y - box.y).toBeGreaterThanOrEqual(QR_QUIET_MODULES * at.module);
  for (let i = box.x; i < box.x + box.size; i += 3) {
    for (const y of [box.y, at.y - 1, at.y + side, box.y + box.size - 1]) expect(isWhite(img, i, y), `(${i},${y})`).toBe(true);
  }
  for (let j = box.y; j < box.y + box.size; j += 3) {
    for (const x of [box.x, at.x - 1, at.x + side, box.x + box.size - 1]) expect(isWhite(img, x, j), `(${x},${j})`).toBe(true);
  }
}

describe('qrMatrix', () => {
  it('uses error correction M: a 14-character text is version 1 (21 modules), a sheet URL version 4', () => {
    expect(qrMatrix('hello, store 1').size).toBe(21);
    expect(qrMatrix(`https://zb.example.com/s/${'A'.repeat(32)}`).size).toBe(33);
    expect(() => qrMatrix('')).toThrow(/empty/);
  });
});

describe('qrPng', () => {
  const text = 'https://zb.example.com/s/AbCdEfGhIjKlMn.0123456789abcdefg';

  it('is a PNG of the requested size whose modules match the matrix', () => {
    const png = qrPng(text, { size: 400 });
    const img = decodePng(png);
    expect([img.width, img.height]).toEqual([400, 400]);
    const m = qrMatrix(text);
    const at = qrPlacement(m.size, 0, 0, 400);
    expect(at.module).toBe(Math.floor(400 / (m.size + 8)));
    expectFinders(img, m, at);
    expect(expectModules(img, m, at)).toBe(m.size ** 2);
    expectQuietZone(img, m, at, { x: 0, y: 0, size: 400 });
  });

  it('defaults to 512 px and works at the smallest size (one pixel a module)', () => {
    expect(decodePng(qrPng('x')).width).toBe(512);
    const img = decodePng(qrPng('x', { size: 29 }));
    const m = qrMatrix('x');
    expectModules(img, m, qrPlacement(m.size, 0, 0, 29));
  });

  it('refuses sizes that cannot hold the code', () => {
    expect(() => qrPng(text, { size: 30 })).toThrow(/needs at least/);
    expect(() => qrPng(text, { size: 10.5 })).toThrow(/whole number/);
    expect(() => qrPng(text, { size: 5000 })).toThrow(/whole number/);
  });

  it('different texts give different images', () => {
    expect(qrPng('store-1').equals(qrPng('store-2'))).toBe(false);
  });
});

describe('qrSheetPng', () => {
  const url = 'https://zb.example.com/s/AbCdEfGhIjKlMn.0123456789abcdefg';
  const input = { storeName: '徐汇美罗城母婴店', url };

  it('is an A6 portrait at 300 dpi with the QR drawn module for module', () => {
    const img = decodePng(qrSheetPng(input));
    expect([img.width, img.height]).toEqual([SHEET_WIDTH, SHEET_HEIGHT]);
    expect(SHEET_HEIGHT / SHEET_WIDTH).toBeCloseTo(148 / 105, 2);
    const m = qrMatrix(url);
    const at = qrPlacement(m.size, SHEET_QR_BOX.x, SHEET_QR_BOX.y, SHEET_QR_BOX.size);
    expect(at.module).toBeGreaterThanOrEqual(15);
    expectFinders(img, m, at);
    expectModules(img, m, at);
    expectQuietZone(img, m, at, SHEET_QR_BOX);
  });

  it('draws the store name above the code (CJK font loaded)', () => {
    const a = decodePng(qrSheetPng(input));
    let dark = 0;
    for (let y = 90; y < 210; y += 2) for (let x = 100; x < SHEET_WIDTH - 100; x += 2) if (a.lum(x, y) < 128) dark++;
    expect(dark).toBeGreaterThan(200);
    expect(qrSheetPng(input).equals(qrSheetPng({ ...input, storeName: '静安寺旗舰店' }))).toBe(false);
  });

  it('prints the instruction (default or given), campaign and URL, XML-escaped', () => {
    const svg = qrSheetSvg({ storeName: 'A&B <母婴>', url: 'https://h/s/x?a=1&b=2', campaign: '双11 "满减"' });
    expect(svg).toContain('A&amp;B &lt;母婴&gt;');
    expect(svg).toContain('双11 &quot;满减&quot;');
    expect(svg).toContain('https://h/s/x?a=1&amp;b=2');
    expect(svg).toContain(DEFAULT_SHEET_INSTRUCTION);
    expect(qrSheetSvg({ ...input, instruction: '扫码登记' })).toContain('扫码登记');
    expect(qrSheetSvg(input)).not.toContain('#c0392b');
    expect(qrSheetPng({ ...input, campaign: '会员日' }).equals(qrSheetPng(input))).toBe(false);
  });

  it('shrinks, then cuts, names too long for one line', () => {
    const svg = qrSheetSvg({ ...input, storeName: '上海市徐汇区漕溪北路美罗城购物中心五楼母婴生活馆旗舰店二号门' });
    const m = /font-size="(\d+)"[^>]*>([^<]*)<\/text>/.exec(svg)!;
    expect(Number(m[1])).toBeLessThan(96);
    expect(m[2]!.endsWith('…')).toBe(true);
  });

  it('fails clearly when the CJK font is missing', () => {
    expect(() => qrSheetPng({ ...input, fontFile: '/nonexistent/font.ttc' })).toThrow(/font not found: \/nonexistent\/font\.ttc.*fonts-wqy-microhei/);
  });
});
