// `qr-sheet STORE_KEY --out sheet.png`: asks the running server (PORT, ADMIN_TOKEN) for the store's
// printable QR sheet — store name, code, one-line instruction — and writes the PNG.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';

export async function run(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  const [store] = positionals;
  if (!store || positionals.length !== 1 || !values.out) {
    process.stderr.write('usage: cli qr-sheet STORE_KEY --out sheet.png\n');
    return 2;
  }
  const config = loadConfig();
  if (!config.adminToken) {
    process.stderr.write('ADMIN_TOKEN must be set (the same value the server runs with)\n');
    return 2;
  }
  const res = await fetch(`http://127.0.0.1:${config.port}/api/stores/${encodeURIComponent(store)}/sheet.png`, {
    headers: { authorization: `Bearer ${config.adminToken}` },
  }).catch((e: unknown) => {
    process.stderr.write(`cannot reach the server on port ${config.port}: ${(e as Error).message}\n`);
    return null;
  });
  if (!res) return 1;
  if (!res.ok) {
    process.stderr.write(`server answered ${res.status}: ${await res.text()}\n`);
    return 1;
  }
  const png = Buffer.from(await res.arrayBuffer());
  writeFileSync(values.out, png);
  process.stderr.write(`wrote ${values.out} (${png.length} bytes)\n`);
  return 0;
}
