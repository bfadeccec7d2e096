// Two lanes for database work: the foreground (HTTP acks, admin calls — someone is waiting on the
// socket) and the background (job workers, pg-boss polling and maintenance). A database adapter that
// must share one connection lets a waiting foreground statement go before queued background work.
import { AsyncLocalStorage } from 'node:async_hooks';

export type Lane = 'foreground' | 'background';

const lane = new AsyncLocalStorage<Lane>();

/** Runs `fn` (and everything it starts: timers, promises, pg-boss polling loops) in the background lane. */
export function inBackgroundLane<T>(fn: () => T): T {
  return lane.run('background', fn);
}

/** The lane of the calling code: foreground unless started by `inBackgroundLane`. */
export function currentLane(): Lane {
  return lane.getStore() ?? 'foreground';
}

/**
 * One holder at a time; a waiting foreground request is granted before any waiting background one.
 *
 * Background grants happen only from a `setImmediate` callback, i.e. after the event loop has polled
 * for I/O. On an in-process database (PGlite runs its WASM on this thread and resolves in microtasks)
 * a worker would otherwise chain statement after statement without ever letting the loop read the next
 * HTTP request; this way every background statement or transaction lets pending requests in first, and
 * their statements then go ahead of it. A streak limit keeps the background from starving under a
 * constant stream of foreground work.
 */
export class LaneGate {
  private held = false;
  private readonly waiting: Record<Lane, (() => void)[]> = { foreground: [], background: [] };
  private foregroundStreak = 0;
  private scheduled = false;

  constructor(private readonly maxForegroundStreak = 32) {}

  async run<T>(fn: () => Promise<T>, which: Lane = currentLane()): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting[which].push(resolve);
      this.pump();
    });
    try {
      return await fn();
    } finally {
      this.held = false;
      this.pump();
    }
  }

  private pump(): void {
    if (this.held) return;
    const fg = this.waiting.foreground;
    const bg = this.waiting.background;
    if (fg.length > 0 && (bg.length === 0 || this.foregroundStreak < this.maxForegroundStreak)) return this.grant('foreground');
    if (bg.length === 0 || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.held) return; // a foreground request came in first; its release pumps again
      if (fg.length > 0 && this.foregroundStreak < this.maxForegroundStreak) return this.grant('foreground');
      if (bg.length > 0) this.grant('background');
      else if (fg.length > 0) this.grant('foreground');
    });
  }

  private grant(which: Lane): void {
    this.held = true;
    this.foregroundStreak = which === 'foreground' ? this.foregroundStreak + 1 : 0;
    this.waiting[which].shift()!();
  }
}

/**
 * For a database with a pool of connections (PostgreSQL): the database itself runs statements in
 * parallel, but the acks and the workers share this process's one event loop. Before a background
 * statement or transaction starts, it lets pending I/O (new requests) run, then waits while foreground
 * work is in flight — at most `maxWaitMs`, so workers keep moving under constant foreground load. A
 * started transaction is never held back (it may hold locks a foreground statement needs).
 */
export class ForegroundFirst {
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly maxWaitMs = 20) {}

  async run<T>(fn: () => Promise<T>, which: Lane = currentLane()): Promise<T> {
    if (which === 'background') await this.backgroundTurn();
    else this.inFlight++;
    try {
      return await fn();
    } finally {
      if (which === 'foreground' && --this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  private async backgroundTurn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.maxWaitMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
