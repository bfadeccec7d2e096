// Ack latency and throughput for encrypted WeCom callbacks. Every target runs as its own process: a
// bare Koa server that only verifies, decrypts and answers 200 (the ceiling for this machine), and the
// real server (`node dist/src/main.js`, workers running, replies going to the fake WeCom API in a third
// process) on PGlite and, with BENCH_DATABASE_URL, PostgreSQL. Two load shapes:
// - open loop: callbacks arrive at a fixed rate (200/s PGlite, 500/s PostgreSQL), latency from the
//   scheduled send; this is how WeCom traffic arrives, and what the ack targets are set for;
// - closed loop: 32 clients back to back, for the throughput limit and its ratio to the bare server.
// Also prints the server's CPU per request and how many replies the workers sent meanwhile.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { repoRoot } from '../../src/config/repo-root.js';
import { startFakeWecomProcess } from './fake-wecom-process.js';
import { runLoad, runOpenLoop, type LoadResult } from './load.js';
import { cpuMsOf, freePort, startServerProcess } from './server-process.js';
import { helpCallbacks, SIM_WECOM } from './wecom-callbacks.js';

const CONCURRENCY = 32;

async function startBare(): Promise<{ url: string; pid: number; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot(), 'scripts/bench/bare-callback-server.ts'), String(port)], {
    cwd: repoRoot(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).once('line', () => resolve()));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

/** Empties a scratch PostgreSQL database (our schema and pg-boss's) so every run starts the same. */
export async function resetPostgres(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('drop schema if exists pgboss cascade; drop schema public cascade; create schema public;');
  await c.end();
}

const fmt = (name: string, r: LoadResult) =>
  `${name.padEnd(40)} ${r.rps.toFixed(0).padStart(5)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(0).padStart(5)} ms   errors ${r.errors}`;

const perRequest = (cpuMs: number, n: number) => `${((cpuMs / n) * 1000).toFixed(0)} µs/request`;

let msgIds = 8_000_000_000_000;
const bodies = (n: number) => {
  const out = helpCallbacks(n, 200, msgIds);
  msgIds += n;
  return out;
};

export async function benchCallbackAck(opts: { requests?: number; seconds?: number } = {}): Promise<void> {
  const requests = opts.requests ?? Number(process.env.BENCH_REQUESTS ?? 3000);
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 15);
  const targets = [{ name: 'PGlite', rate: 200, env: {} as Record<string, string> }];
  if (process.env.BENCH_DATABASE_URL) targets.push({ name: 'PostgreSQL', rate: 500, env: { DATABASE_URL: process.env.BENCH_DATABASE_URL } });
  console.log(`\n# WeCom callback ack (each server its own process; 帮助 from 200 reps, every one answered through the outbox)`);

  const bare = await startBare();
  await runLoad(bare.url, bodies(500), CONCURRENCY); // warm-up
  const bareCpu = cpuMsOf(bare.pid);
  const bareClosed = await runLoad(bare.url, bodies(requests), CONCURRENCY);
  console.log(fmt(`bare Koa + decrypt + 200, closed ${CONCURRENCY}`, bareClosed), `  server CPU ${perRequest(cpuMsOf(bare.pid) - bareCpu, requests)}`);
  for (const t of targets) console.log(fmt(`bare, open loop ${t.rate}/s`, await runOpenLoop(bare.url, bodies(t.rate * seconds), t.rate)));
  bare.stop();

  for (const target of targets) {
    if (target.env.DATABASE_URL) await resetPostgres(target.env.DATABASE_URL);
    const dir = mkdtempSync(join(tmpdir(), 'zb-bench-'));
    const fake = await startFakeWecomProcess();
    const server = await startServerProcess({ ...SIM_WECOM, DATA_DIR: dir, WECOM_API_BASE: fake.url, ...target.env });
    await runOpenLoop(server.url, bodies(200), 50); // warm-up: JIT, first user rows, token
    const open = await runOpenLoop(server.url, bodies(target.rate * seconds), target.rate);
    console.log(fmt(`full server (${target.name}), open loop ${target.rate}/s`, open));
    const cpu = server.cpuMs();
    const closed = await runLoad(server.url, bodies(requests), CONCURRENCY);
    console.log(fmt(`full server (${target.name}), closed ${CONCURRENCY}`, closed), `  ratio to bare: ${(closed.rps / bareClosed.rps).toFixed(2)}`);
    console.log(`  server CPU ${perRequest(server.cpuMs() - cpu, requests)} during the closed run (acks and the workers behind them)`);
    console.log(`  replies sent so far: ${await fake.sentCount()}; server peak RSS ${server.peakRssMb().toFixed(0)} MB`);
    await server.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run directly: `npx tsx scripts/bench/callback-ack.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCallbackAck();
  process.exit(0);
}
