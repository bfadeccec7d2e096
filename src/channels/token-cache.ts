// An access token for one set of credentials: cached to 80 % of its lifetime, refreshed single-flight.
// Both platforms limit token calls and many senders may see a rejected token at once (WeCom WC/91039,
// DingTalk platforms.md §3.5), so a rejection invalidates only the token it was seen with.
import type { Clock } from '../shared/clock.js';

export interface FetchedToken {
  token: string;
  expiresInSec: number;
}

export interface TokenCache {
  get(): Promise<string>;
  /** Drops the cached token only if it is still `staleToken`, so N concurrent 42001s refresh once. */
  invalidate(staleToken: string): void;
}

const REFRESH_AT = 0.8;

export function createTokenCache(opts: { fetchToken: () => Promise<FetchedToken>; clock: Clock }): TokenCache {
  let cached: { token: string; refreshAtMs: number } | null = null;
  let inflight: Promise<string> | null = null;

  return {
    get() {
      if (cached && opts.clock.now().getTime() < cached.refreshAtMs) return Promise.resolve(cached.token);
      if (!inflight) {
        const startedMs = opts.clock.now().getTime();
        inflight = opts
          .fetchToken()
          .then((t) => {
            cached = { token: t.token, refreshAtMs: startedMs + t.expiresInSec * 1000 * REFRESH_AT };
            return t.token;
          })
          .finally(() => {
            inflight = null;
          });
      }
      return inflight;
    },
    invalidate(staleToken) {
      if (cached?.token === staleToken) cached = null;
    },
  };
}
