// One lazily started worker thread that runs tasks in order, for CPU-bound work that must never block
// the event loop (WeCom wants an ack within 5 s; a decode on the main thread stalled every request).
// The worker starts on the first task, is unref'd while idle (it never holds the process open) and
// exits after `idleMs` without work, so an idle server carries no decoder heap. A task that overruns
// `taskTimeoutMs` or a worker that dies fails that task and the next task gets a fresh worker.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerThreadOptions {
  /** The worker module (a sibling .ts file when running from source, .js when built). */
  entry: URL;
  idleMs?: number;
  taskTimeoutMs?: number;
  /** Turns a worker failure (crash, timeout) into the error the caller expects. */
  failure(message: string): Error;
}

export interface WorkerThread<Req, Res> {
  run(req: Req, transfer?: ArrayBuffer[]): Promise<Res>;
  /** Stops the worker; queued and running tasks fail. */
  close(): Promise<void>;
}

interface Task<Req, Res> {
  id: number;
  req: Req;
  transfer: ArrayBuffer[];
  resolve(res: Res): void;
  reject(err: Error): void;
}

export function createWorkerThread<Req, Res>(opts: WorkerThreadOptions): WorkerThread<Req, Res> {
  const idleMs = opts.idleMs ?? 30_000;
  const taskTimeoutMs = opts.taskTimeoutMs ?? 30_000;
  const queue: Task<Req, Res>[] = [];
  let worker: Worker | null = null;
  let current: Task<Req, Res> | null = null;
  let taskTimer: NodeJS.Timeout | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let nextId = 1;

  function start(): Worker {
    const w = spawn(opts.entry);
    w.on('message', (msg: { id: number; res: Res }) => {
      if (!current || msg.id !== current.id) return;
      finish(w, (t) => t.resolve(msg.res));
    });
    w.on('error', (err) => fail(w, `worker failed: ${err.message}`));
    w.on('exit', (code) => fail(w, `worker exited with code ${code}`));
    return w;
  }

  /** Ends the running task and moves on; a crashed or timed-out worker is dropped first. */
  function finish(w: Worker, settle: (t: Task<Req, Res>) => void, drop = false): void {
    if (w !== worker) return;
    if (taskTimer) clearTimeout(taskTimer);
    taskTimer = null;
    const task = current;
    current = null;
    if (drop) {
      worker = null;
      void w.terminate();
    }
    if (task) settle(task);
    pump();
  }

  function fail(w: Worker, message: string): void {
    finish(w, (t) => t.reject(opts.failure(message)), true);
  }

  function pump(): void {
    if (current) return;
    const task = queue.shift();
    if (!task) {
      worker?.unref();
      if (worker && !idleTimer) {
        const idle = worker;
        idleTimer = setTimeout(() => {
          idleTimer = null;
          if (worker === idle && !current) {
            worker = null;
            void idle.terminate();
          }
        }, idleMs).unref();
      }
      return;
    }
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    worker ??= start();
    worker.ref(); // a task in flight keeps the process alive until it is answered
    current = task;
    const w = worker;
    taskTimer = setTimeout(() => fail(w, `task took longer than ${taskTimeoutMs} ms`), taskTimeoutMs);
    w.postMessage({ id: task.id, req: task.req }, task.transfer);
  }

  return {
    run(req, transfer = []) {
      return new Promise<Res>((resolve, reject) => {
        queue.push({ id: nextId++, req, transfer, resolve, reject });
        pump();
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (idleTimer) clearTimeout(idleTimer);
      if (taskTimer) clearTimeout(taskTimer);
      const pending = [...(current ? [current] : []), ...queue.splice(0)];
      current = null;
      for (const t of pending) t.reject(opts.failure('worker closed'));
      if (w) await w.terminate();
    },
  };
}

/**
 * Built code runs the .js entry directly. From source (tsx, vitest) the entry is TypeScript, which a
 * Node 20 worker cannot load by itself (loader hooks do not reach worker threads), so a one-line
 * ES module bootstrap imports it through tsx's API.
 */
function spawn(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const source = `import { tsImport } from ${JSON.stringify(tsxApi)};\nawait tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`));
}
