// How the server runs as a process (issue 12 "Operations"): `npm start` leaves SIGTERM with node and
// nothing keeps running afterwards; a bad setting is one line naming it, no stack; .env is read.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/config/repo-root.js';

const root = repoRoot();
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'zb-ops-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const found: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (found.push(c), walk(c)));
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const cleanEnv = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...extra });

describe('npm start', () => {
  it('SIGTERM stops the server and leaves no process behind', async () => {
    const child = spawn('npm', ['start'], { cwd: root, env: cleanEnv({ PORT: '0', DATA_DIR: tempDir(), LOG_LEVEL: 'info' }) });
    let out = '';
    child.stdout.on('data', (b) => (out += String(b)));
    child.stderr.on('data', (b) => (out += String(b)));
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (out.includes('server listening')) {
          clearInterval(check);
          resolve();
        }
      }, 200);
      child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before listening:\n${out}`)));
    });
    const tree = descendants(child.pid!);
    expect(tree.length).toBeGreaterThan(0);
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    // The server drains within 10 s; give it that long to be gone, then nothing below npm may remain.
    for (let i = 0; i < 100 && tree.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('shutting down');
    expect(tree.filter(alive)).toEqual([]);
  }, 240_000);
});

describe('configuration errors', () => {
  const run = (env: Record<string, string>) => {
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: cleanEnv(env), stdio: 'pipe', encoding: 'utf8' });
      return { code: 0, stderr: '' };
    } catch (err) {
      const e = err as { status: number; stderr: string };
      return { code: e.status, stderr: e.stderr };
    }
  };

  it('a bad setting is one line naming the variable, with no stack, and a non-zero exit', () => {
    const { code, stderr } = run({ LOG_LEVEL: 'loud', DATA_DIR: tempDir() });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^config error: LOG_LEVEL/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reads .env (ENV_FILE) for what the environment leaves unset', () => {
    const dir = tempDir();
    const file = join(dir, 'test.env');
    writeFileSync(file, 'PORT=not-a-port\n');
    const { code, stderr } = run({ ENV_FILE: file, DATA_DIR: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^config error: PORT/);
  });
});
