// --serve: a small control endpoint beside the server, so another shell can run steps in the same
// session (same fakes, database and clock) and get the transcript back: POST /steps with script text.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseScript } from './script.js';
import type { Simulation } from './session.js';

export async function serveControl(sim: Simulation, setPrint: (p: (line: string) => void) => void, port: number): Promise<{ url: string; close(): Promise<void> }> {
  let busy = Promise.resolve();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== 'POST' || req.url !== '/steps') return void res.writeHead(404).end('POST /steps');
    const run = busy.then(async () => {
      const out: string[] = [];
      setPrint((line) => out.push(line));
      try {
        for (const step of parseScript(Buffer.concat(chunks).toString('utf8'), process.cwd())) await sim.run(step);
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(out.join('\n'));
      } catch (err) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`${out.join('\n')}\n✗ ${(err as Error).message}`);
      } finally {
        setPrint((line) => console.log(line));
      }
    });
    busy = run.catch(() => {});
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/** The other shell: sends the steps and prints the transcript. */
export async function attach(url: string, script: string): Promise<boolean> {
  const res = await fetch(`${url}/steps`, { method: 'POST', body: script });
  console.log(await res.text());
  return res.ok;
}
