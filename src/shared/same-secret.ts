// Comparing a presented secret (CSRF token, OAuth state) with the expected one in constant time, so the
// time taken says nothing about how much of it matched.
import { timingSafeEqual } from 'node:crypto';

export function sameSecret(expected: string, presented: string): boolean {
  const x = Buffer.from(expected);
  const y = Buffer.from(presented);
  return x.length === y.length && timingSafeEqual(x, y);
}
