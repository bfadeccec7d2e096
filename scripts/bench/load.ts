// Small HTTP load generators. Closed loop: `concurrency` clients, each sending its next request as soon
// as the previous answer arrives (finds the throughput limit). Open loop: requests leave at a fixed
// arrival rate whatever the server does, and latency counts from the scheduled send time, so a stalled
// server cannot slow the arrivals down and hide its own queueing (no coordinated omission).
import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

function summarise(latencies: number[], requests: number, errors: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { requests, errors, seconds, rps: requests / seconds, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? 0 };
}

function post(agent: Agent, u: URL, item: { path: string; body: string }): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: u.hostname, port: u.port, path: item.path, method: 'POST', agent, headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(item.body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(item.body);
  });
}

/** Sends `bodies[i]` at `i / ratePerSecond` seconds after the start, without waiting for answers. */
export async function runOpenLoop(
  url: string,
  bodies: readonly { path: string; body: string }[],
  ratePerSecond: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const u = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const intervalMs = 1000 / ratePerSecond;
  for (let i = 0; i < bodies.length; i++) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const from = Math.min(due, performance.now()); // late: from when it was due; a little early: from now
    pending.push(
      post(agent, u, bodies[i]!).then((status) => {
        if (status !== 200) errors++;
        latencies.push(performance.now() - from);
      }),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return summarise(latencies, bodies.length, errors, seconds);
}

export async function runLoad(
  url: string,
  bodies: readonly { path: string; body: string }[],
  concurrency: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const u = new URL(url);
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const t0 = performance.now();
        const status = await post(agent, u, bodies[next++]!);
        if (status !== 200) errors++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return summarise(latencies, bodies.length, errors, seconds);
}
