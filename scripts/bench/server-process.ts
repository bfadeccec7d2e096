// The real server as a child process for the benchmarks: built like `npm start` (tsc → dist/), started
// with `node dist/src/main.js` on a given DATA_DIR/DATABASE_URL, ready when /healthz answers. Reads the
// child's RSS from /proc, and can be killed with SIGKILL and started again on the same data.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '../../src/config/repo-root.js';

let built = false;

/** Compiles src/ to dist/ once per bench run (what `npm start` runs). Type errors do not stop the emit. */
export function ensureBuilt(): void {
  if (built || process.env.BENCH_NO_BUILD) return; // BENCH_NO_BUILD: run the dist/ that is there

  const root = repoRoot();
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) console.log(`(tsc reported errors; running what it emitted)\n${r.stdout.split('\n').slice(0, 5).join('\n')}`);
  built = true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set and its high-water mark of a process, in MB (Linux /proc). */
export function rssOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14 and 15 of stat)
  } catch {
    return 0;
  }
}

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Highest RSS seen over every start of this server (sampled, plus the kernel's high-water mark). */
  peakRssMb(): number;
  rssMb(): number;
  cpuMs(): number;
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
  /** Starts again on the same data (after kill or stop). */
  restart(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export async function startServerProcess(
  env: Record<string, string>,
  opts: { readyTimeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  ensureBuilt();
  const root = repoRoot();
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let peak = 0;
  let stderrTail = '';
  const sample = () => {
    const r = child?.pid ? rssOf(child.pid) : null;
    if (r) peak = Math.max(peak, r.rssMb, r.hwmMb);
  };
  const sampler = setInterval(sample, 200);
  sampler.unref();

  const launch = async () => {
    stderrTail = '';
    child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(root, 'dist/src/main.js')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The log goes to stdout; its tail explains a failed start.
    const keep = (c: Buffer) => (stderrTail = (stderrTail + c.toString('utf8')).slice(-3000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const c = child;
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
    while (Date.now() < deadline) {
      if (c.exitCode !== null || c.signalCode !== null) throw new Error(`server exited during start-up (${c.exitCode ?? c.signalCode}): ${stderrTail}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server not ready within ${opts.readyTimeoutMs ?? 120_000} ms: ${stderrTail}`);
  };
  await launch();

  const handle: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    get pid() {
      return child?.pid ?? -1;
    },
    peakRssMb: () => {
      sample();
      return peak;
    },
    rssMb: () => (child?.pid ? rssOf(child.pid)?.rssMb ?? 0 : 0),
    cpuMs: () => (child?.pid ? cpuMsOf(child.pid) : 0),
    async kill() {
      sample();
      child?.kill('SIGKILL');
      await exited;
    },
    restart: launch,
    async stop() {
      sample();
      clearInterval(sampler);
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
  return handle;
}
