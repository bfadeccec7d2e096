// Spoken Chinese numerals as reps say them and ASR writes them: 一百二十, 两百零五, 二十八万五 (= 285000),
// 8.5万, 1.2亿, 一个亿, 3万5, 一千二 (= 1200), 八点五. Ranges ("三四十") are not numbers.

const DIGIT: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: readonly [string, number][] = [['千', 1000], ['百', 100], ['十', 10]];
const BIG_UNITS: readonly [string, number][] = [['亿', 1e8], ['万', 1e4]];

const isAsciiDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHanDigit = (c: string | undefined): boolean => c !== undefined && c in DIGIT;
const isDigitChar = (c: string | undefined): boolean => isAsciiDigit(c) || isHanDigit(c);
export const isNumeralStart = (c: string | undefined): boolean => isAsciiDigit(c) || (isHanDigit(c) && c !== '零' && c !== '〇') || c === '十';

/** The value of a numeral string, or null when it is not one number. */
export function parseChineseNumber(input: string): number | null {
  const s = input
    .replace(/个(?=亿)/g, '')
    .replace(/(?<=\d),(?=\d)/g, '')
    .replace(/(?<=[0-9零〇一二两三四五六七八九])点(?=[0-9零〇一二两三四五六七八九])/g, '.');
  if (s.length === 0) return null;
  const v = parseWith(s, 0);
  return v === null ? null : Math.round(v * 100) / 100;
}

/** Splits at the first occurrence of the largest unit present; "二十八万五" → 28 × 万 + 5 × 千. */
function parseWith(s: string, level: number): number | null {
  const units = level === 0 ? [...BIG_UNITS, ...SMALL_UNITS] : SMALL_UNITS;
  for (const [unit, value] of units) {
    const at = s.indexOf(unit);
    if (at < 0) continue;
    const small = value < 1e4;
    const leftText = s.slice(0, at);
    const left = leftText.length === 0 ? (unit === '十' || unit === '百' ? 1 : null) : parseWith(leftText, small ? 1 : 0);
    if (left === null) return null;
    const rightText = s.slice(at + unit.length);
    const right = parseRest(rightText, value, small ? 1 : 0);
    return right === null ? null : left * value + right;
  }
  return parsePlain(s);
}

/** The part after a unit: empty, an abbreviated single digit (万五 = 5000), or a full number. */
function parseRest(rest: string, unitValue: number, level: number): number | null {
  if (rest.length === 0) return 0;
  if (rest.length === 1 && (isHanDigit(rest) || isAsciiDigit(rest))) return plainDigit(rest) * (unitValue / 10);
  const afterZero = rest.replace(/^[零〇0]+/, '');
  if (afterZero.length === 0) return 0;
  if (afterZero !== rest && afterZero.length === 1) return plainDigit(afterZero);
  return parseWith(afterZero, level);
}

function plainDigit(c: string): number {
  return isAsciiDigit(c) ? Number(c) : DIGIT[c]!;
}

/** Digits only: Arabic (with a decimal point), or one Chinese digit, or Chinese digits around a point. */
function parsePlain(s: string): number | null {
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  const m = /^([零〇一二两三四五六七八九\d])(?:\.([零〇一二两三四五六七八九\d]+))?$/.exec(s);
  if (!m) return null;
  const fraction = m[2] ? Array.from(m[2], plainDigit).join('') : '';
  return Number(`${plainDigit(m[1]!)}${fraction ? `.${fraction}` : ''}`);
}

export interface Numeral {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly value: number;
}

const RUN_CHARS = new Set(Array.from('0123456789零〇一二两三四五六七八九十百千万亿'));
/** Said between a numeral and its unit for "about": 一百多万, 五十来万, 二十余万. */
const APPROX = new Set(['多', '来', '余']);
const APPROX_UNITS = new Set(['万', '亿', '块', '元', '千', '百']);

/** Maximal numeral runs of the text, each with its value (runs that are no number are skipped). */
export function scanNumerals(text: string): Numeral[] {
  const out: Numeral[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isNumeralStart(text[i]) || (i > 0 && RUN_CHARS.has(text[i - 1]!))) {
      i++;
      continue;
    }
    let j = i;
    let clean = '';
    while (j < text.length) {
      const c = text[j]!;
      const next = text[j + 1];
      if (RUN_CHARS.has(c)) clean += c;
      else if ((c === '.' || c === ',') && isAsciiDigit(text[j - 1]) && isAsciiDigit(next)) clean += c === ',' ? '' : '.';
      else if (c === '点' && j > i && isDigitChar(text[j - 1]) && isDigitChar(next)) clean += '.';
      else if (c === '个' && next === '亿' && j > i) clean += '';
      else if (APPROX.has(c) && j > i && next !== undefined && APPROX_UNITS.has(next)) clean += '';
      else break;
      j++;
    }
    const value = parseChineseNumber(clean);
    if (value !== null) out.push({ start: i, end: j, raw: text.slice(i, j), value });
    i = j;
  }
  return out;
}
