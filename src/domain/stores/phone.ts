// Customer phone numbers typed at the counter: one canonical form for storage and matching, and a
// masked form for everything people read (lists, logs, pushes), since a number identifies a person.
//
// Canonical forms: mobile "13812345678"; landline "010-12345678" / "0755-1234567".

const MOBILE = /^1[3-9]\d{9}$/;
/** 010 and 020–029 have three-digit area codes (with the trunk 0); every other area code has four. */
const THREE_DIGIT_AREA = /^0(?:10|2\d)/;
/** Local numbers are 7 or 8 digits and never start with 0 or 1 (those are trunk and service prefixes). */
const LOCAL = /^[2-9]\d{6,7}$/;

function landline(digits: string): string | null {
  if (!digits.startsWith('0')) return null;
  const areaLength = THREE_DIGIT_AREA.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLength);
  const local = digits.slice(areaLength);
  return /^0[1-9]\d+$/.test(area) && LOCAL.test(local) ? `${area}-${local}` : null;
}

/**
 * A mainland mobile or landline number in canonical form, or null. Accepts what people type: spaces,
 * dashes, dots, brackets, full-width digits, and a +86 / 0086 / 86 country prefix (after which a
 * landline drops its trunk 0: "+86 10 1234 5678"). Extensions and service numbers (400/95xxx) → null.
 */
export function normalizePhone(raw: string): string | null {
  const text = raw.normalize('NFKC').trim();
  if (!/^\+?[\d\s\-.()]+$/.test(text)) return null;
  const hadPlus = text.startsWith('+');
  const digits = text.replace(/\D/g, '');
  const candidates: string[] = [];
  if (!hadPlus) candidates.push(digits);
  for (const prefix of hadPlus ? ['86'] : ['0086', '86']) {
    if (digits.startsWith(prefix)) {
      const rest = digits.slice(prefix.length);
      candidates.push(rest, rest.startsWith('0') ? rest : `0${rest}`);
    }
  }
  for (const d of candidates) {
    if (MOBILE.test(d)) return d;
    const l = landline(d);
    if (l) return l;
  }
  return null;
}

/**
 * "138****5678" for mobiles; landlines keep the area code and the last four ("010-****5678").
 * Anything that does not normalise keeps only its last four digits, so a typo never leaks a number.
 */
export function maskPhone(p: string): string {
  const n = normalizePhone(p);
  if (n && MOBILE.test(n)) return `${n.slice(0, 3)}****${n.slice(7)}`;
  if (n) {
    const [area, local] = n.split('-') as [string, string];
    return `${area}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
  }
  const digits = p.replace(/\D/g, '');
  return digits.length <= 4 ? '*'.repeat(digits.length) : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
