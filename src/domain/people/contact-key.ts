// Keys that link one person's accounts on two channels: a hash of the normalised mobile or email a
// platform directory gives, so matching works without storing the numbers themselves.
import { createHash } from 'node:crypto';

/** sha256 of the mobile as 11 mainland digits (+86, spaces and dashes dropped); null when it is no mobile. */
export function mobileKey(mobile: string | null | undefined): string | null {
  const digits = (mobile ?? '').replace(/[^0-9]/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  return digits.length >= 6 ? hash(`m:${digits}`) : null;
}

/** sha256 of the lower-cased email; null when it is no email. */
export function emailKey(email: string | null | undefined): string | null {
  const e = (email ?? '').trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e) ? hash(`e:${e}`) : null;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
