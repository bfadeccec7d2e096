// The fake WeCom API (scripts/dev/fake-wecom-api.ts) in a process of its own, so that answering the
// server's sends does not share an event loop with the load generator that measures ack latency.
// Parent side: `startFakeWecomProcess()`; child side: this file run with an IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFakeWecomApi } from '../dev/fake-wecom-api.js';

type Request = { id: number; cmd: 'sentCount' | 'close' };
type Reply = { id: number; value: number } | { url: string };

export interface FakeWecomProcess {
  url: string;
  sentCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startFakeWecomProcess(): Promise<FakeWecomProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const waiting = new Map<number, (value: number) => void>();
  let seq = 0;
  const url = await new Promise<string>((resolve) => {
    child.on('message', (m: Reply) => {
      if ('url' in m) resolve(m.url);
      else waiting.get(m.id)?.(m.value);
    });
  });
  const ask = (cmd: Request['cmd']) =>
    new Promise<number>((resolve) => {
      const id = ++seq;
      waiting.set(id, resolve);
      child.send({ id, cmd } satisfies Request);
    });
  return {
    url,
    sentCount: () => ask('sentCount'),
    close: async () => {
      await ask('close');
      child.disconnect();
    },
  };
}

if (process.argv.includes('--child') && process.send) {
  const fake = await startFakeWecomApi();
  process.on('message', async (m: Request) => {
    if (m.cmd === 'sentCount') process.send!({ id: m.id, value: fake.sent().length } satisfies Reply);
    if (m.cmd === 'close') {
      await fake.close();
      process.send!({ id: m.id, value: 0 } satisfies Reply);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ url: fake.url } satisfies Reply);
}
