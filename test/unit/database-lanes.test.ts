// The lane gate (PGlite's single connection) and foreground-first ordering (PostgreSQL): who goes next,
// never how long anything takes.
import { describe, expect, it } from 'vitest';
import { currentLane, ForegroundFirst, inBackgroundLane, LaneGate } from '../../src/store/database-lanes.js';

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('lanes', () => {
  it('code is foreground unless started in the background lane, through awaits and timers', async () => {
    expect(currentLane()).toBe('foreground');
    const seen = await inBackgroundLane(async () => {
      await Promise.resolve();
      const inTimer = await new Promise<string>((r) => setTimeout(() => r(currentLane()), 0));
      return [currentLane(), inTimer];
    });
    expect(seen).toEqual(['background', 'background']);
    expect(currentLane()).toBe('foreground');
  });
});

describe('LaneGate', () => {
  it('runs one holder at a time', async () => {
    const gate = new LaneGate();
    let active = 0;
    let most = 0;
    const task = (lane: 'foreground' | 'background') =>
      gate.run(async () => {
        most = Math.max(most, ++active);
        await new Promise((r) => setImmediate(r));
        active--;
      }, lane);
    await Promise.all([task('background'), task('foreground'), task('background'), task('foreground')]);
    expect(most).toBe(1);
  });

  it('lets a waiting foreground request go before background work queued earlier', async () => {
    const gate = new LaneGate();
    const order: string[] = [];
    const hold = deferred();
    const first = gate.run(() => hold.promise, 'background');
    const queued = [
      gate.run(async () => void order.push('bg1'), 'background'),
      gate.run(async () => void order.push('bg2'), 'background'),
      gate.run(async () => void order.push('ack'), 'foreground'),
    ];
    hold.resolve();
    await Promise.all([first, ...queued]);
    expect(order).toEqual(['ack', 'bg1', 'bg2']);
  });

  it('does not starve the background under a constant stream of foreground work', async () => {
    const gate = new LaneGate(2);
    const order: string[] = [];
    const hold = deferred();
    const first = gate.run(() => hold.promise, 'foreground');
    const queued = [gate.run(async () => void order.push('bg'), 'background')];
    for (let i = 0; i < 5; i++) queued.push(gate.run(async () => void order.push(`fg${i}`), 'foreground'));
    hold.resolve();
    await Promise.all([first, ...queued]);
    expect(order.indexOf('bg')).toBeLessThanOrEqual(2);
    expect(order).toHaveLength(6);
  });

  it('passes errors to the caller and keeps serving', async () => {
    const gate = new LaneGate();
    await expect(gate.run(async () => Promise.reject(new Error('boom')), 'background')).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next', 'foreground')).resolves.toBe('next');
  });
});

describe('ForegroundFirst', () => {
  it('starts background work after the foreground work in flight has finished', async () => {
    const order = new ForegroundFirst(60_000);
    const seen: string[] = [];
    const ack = deferred();
    const fg = order.run(async () => {
      await ack.promise;
      seen.push('ack done');
    }, 'foreground');
    const bg = order.run(async () => void seen.push('worker started'), 'background');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([]);
    ack.resolve();
    await Promise.all([fg, bg]);
    expect(seen).toEqual(['ack done', 'worker started']);
  });

  it('lets background work through when the foreground never goes idle', async () => {
    const order = new ForegroundFirst(1);
    const never = deferred();
    void order.run(() => never.promise, 'foreground');
    await expect(order.run(async () => 'worked', 'background')).resolves.toBe('worked');
    never.resolve();
  });
});
