// Slows down guessing of the ADMIN_TOKEN: per client address, a few wrong tries are free, then each further
// one must wait twice as long as the last (capped), and a quiet quarter of an hour forgets the address.
// Memory only, by design: a restart forgets it, which costs a guesser nothing they could not get by waiting.
import type { Clock } from '../../../shared/clock.js';

export interface FailureThrottle {
  /** Milliseconds this key must still wait before it may try again; 0 when it may try now. */
  waitMs(key: string): number;
  failed(key: string): void;
  succeeded(key: string): void;
}

export interface ThrottleOptions {
  freeFailures: number;
  firstWaitMs: number;
  maxWaitMs: number;
  forgetAfterMs: number;
  /** Entries kept at most; past it the oldest are dropped so a flood of addresses cannot grow memory. */
  maxKeys: number;
}

const DEFAULTS: ThrottleOptions = { freeFailures: 3, firstWaitMs: 2_000, maxWaitMs: 300_000, forgetAfterMs: 900_000, maxKeys: 10_000 };

export function createFailureThrottle(clock: Clock, options: Partial<ThrottleOptions> = {}): FailureThrottle {
  const o = { ...DEFAULTS, ...options };
  const seen = new Map<string, { failures: number; lastAt: number }>();

  const current = (key: string) => {
    const e = seen.get(key);
    if (e && clock.now().getTime() - e.lastAt > o.forgetAfterMs) {
      seen.delete(key);
      return undefined;
    }
    return e;
  };

  return {
    waitMs(key) {
      const e = current(key);
      if (!e || e.failures < o.freeFailures) return 0;
      const wait = Math.min(o.firstWaitMs * 2 ** (e.failures - o.freeFailures), o.maxWaitMs);
      return Math.max(0, e.lastAt + wait - clock.now().getTime());
    },
    failed(key) {
      const e = current(key);
      seen.delete(key); // re-inserted last: the Map's order is then oldest activity first
      seen.set(key, { failures: (e?.failures ?? 0) + 1, lastAt: clock.now().getTime() });
      while (seen.size > o.maxKeys) seen.delete(seen.keys().next().value!);
    },
    succeeded(key) {
      seen.delete(key);
    },
  };
}
