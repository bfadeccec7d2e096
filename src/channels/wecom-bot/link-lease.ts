// The database lease behind the WeCom AI-bot link: acquire while not holding, renew while holding, report the
// changes. Same rules as the DingTalk Stream lease (wiring/dingtalk.ts): a row in `leases`, taken when free,
// expired or ours; a holder that cannot renew in time assumes it lost the lease rather than risk two connections.
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Database } from '../../store/database.js';
import { acquireLease, releaseLease } from '../../store/repos/leases-repo.js';

export interface LinkLeaseOptions {
  db: Database;
  tenantId: string;
  name: string;
  holder: string;
  ttlMs: number;
  /** Renew period for the holder and retry period for the others. */
  renewMs: number;
  clock: Clock;
  log: Logger;
  onAcquired(): void;
  onLost(): void;
  /** An acquire attempt that did not get the lease. */
  onMissed(): void;
}

export interface LinkLease {
  holding(): boolean;
  /** Stops the loop (waits for a tick in progress); keeps the lease until release(). */
  stop(): Promise<void>;
  release(): Promise<void>;
}

export function startLinkLease(o: LinkLeaseOptions): LinkLease {
  let holding = false;
  let stopped = false;
  let lastOk = 0; // performance.now() of the last successful acquire/renew
  let timer: ReturnType<typeof setTimeout> | null = null;
  let tick: Promise<void> | null = null;

  const take = () => acquireLease(o.db, o.tenantId, o.name, o.holder, o.clock.now(), o.ttlMs);

  async function attempt(): Promise<void> {
    if (!holding) {
      let got = false;
      try {
        got = await take();
      } catch (err) {
        o.log.warn({ err, lease: o.name }, 'wecom bot lease acquire failed');
      }
      if (stopped) {
        holding = got; // release() gives it back
        return;
      }
      if (!got) return o.onMissed();
      holding = true;
      lastOk = performance.now();
      o.log.info({ lease: o.name }, 'wecom bot lease acquired');
      return o.onAcquired();
    }
    let kept: boolean;
    try {
      kept = await take();
      if (kept) lastOk = performance.now();
    } catch (err) {
      // Keep going while the lease cannot have expired before the next try.
      kept = performance.now() - lastOk + o.renewMs < o.ttlMs;
      o.log.warn({ err, lease: o.name, kept }, 'wecom bot lease renew failed');
    }
    if (kept || stopped) return;
    holding = false;
    o.log.warn({ lease: o.name }, 'wecom bot lease lost');
    o.onLost();
  }

  function run(): void {
    if (stopped) return;
    tick = attempt()
      .catch((err: unknown) => o.log.error({ err }, 'wecom bot lease tick failed'))
      .finally(() => {
        tick = null;
        if (!stopped) timer = setTimeout(run, o.renewMs);
      });
  }

  run();
  return {
    holding: () => holding,
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await tick;
    },
    async release() {
      if (!holding) return;
      holding = false;
      try {
        await releaseLease(o.db, o.tenantId, o.name, o.holder);
      } catch (err) {
        o.log.warn({ err, lease: o.name }, 'wecom bot lease release failed; it will expire');
      }
    },
  };
}
