// `console-link USERID` / `console-link --admin`: asks the running server (PORT, ADMIN_TOKEN, as in .env)
// for a one-time console sign-in link and prints it. Going through the server keeps one owner of the
// embedded database. Stdout carries only the URL, so `open "$(npm run --silent cli -- console-link zhangsan)"` works.
import { parseArgs } from 'node:util';
import { loadConfig, loadEnvFile } from '../config/load-config.js';

const USAGE = 'usage: cli console-link USERID | cli console-link --admin\n';

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { admin: { type: 'boolean' } } });
  } catch {
    process.stderr.write(USAGE);
    return 2;
  }
  const { positionals, values } = parsed;
  const admin = values.admin === true;
  const [userId] = positionals;
  if (positionals.length > 1 || (admin ? userId !== undefined : userId === undefined)) {
    process.stderr.write(USAGE);
    return 2;
  }
  loadEnvFile();
  const config = loadConfig();
  if (!config.adminToken) {
    process.stderr.write('ADMIN_TOKEN must be set (the same value the server runs with)\n');
    return 2;
  }
  const res = await fetch(`http://127.0.0.1:${config.port}/api/console/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(admin ? { admin: true } : { userId }),
  }).catch((e: unknown) => {
    process.stderr.write(`cannot reach the server on port ${config.port} (is it running?): ${(e as Error).message}\n`);
    return null;
  });
  if (!res) return 1;
  const body = (await res.json().catch(() => null)) as { url?: string; expiresAt?: string; user?: { name: string | null; role: string } | null; message?: string } | null;
  if (!res.ok || !body?.url) {
    process.stderr.write(`${failure(res.status, userId, body?.message)}\n`);
    return 1;
  }
  const who = body.user ? `${body.user.name ?? userId} (${body.user.role})` : 'admin';
  process.stdout.write(`${body.url}\n`);
  process.stderr.write(`one-time sign-in link for ${who}, valid until ${body.expiresAt} (15 minutes, one use)\n`);
  return 0;
}

function failure(status: number, userId: string | undefined, message: string | undefined): string {
  if (status === 404 && message?.startsWith('no user')) return `no user "${userId}": see GET /api/users for the ids`;
  if (status === 409) return `user "${userId}" is deactivated (left the organisation); no link was made`;
  if (status === 401) return 'the server refused ADMIN_TOKEN: use the value the server runs with';
  return `the server answered ${status}: ${message ?? 'no details'}`;
}
