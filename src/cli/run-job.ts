// `run-job NAME [--at ISO]`: asks the running server (PORT, ADMIN_TOKEN) to run a scheduled job as of a
// time and prints what it produced. Going through the server keeps one owner of the embedded database.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';

export async function run(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { at: { type: 'string' } } });
  const [name] = positionals;
  if (!name || positionals.length !== 1) {
    process.stderr.write('usage: cli run-job NAME [--at ISO-8601]\n');
    return 2;
  }
  const config = loadConfig();
  if (!config.adminToken) {
    process.stderr.write('ADMIN_TOKEN must be set (the same value the server runs with)\n');
    return 2;
  }
  const res = await fetch(`http://127.0.0.1:${config.port}/api/jobs/${encodeURIComponent(name)}/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(values.at ? { at: values.at } : {}),
  }).catch((e: unknown) => {
    process.stderr.write(`cannot reach the server on port ${config.port}: ${(e as Error).message}\n`);
    return null;
  });
  if (!res) return 1;
  process.stdout.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
  return res.ok ? 0 : 1;
}
