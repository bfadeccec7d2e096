// A local OpenAI-compatible endpoint for speech-to-text (/v1/audio/transcriptions) and chat
// (/v1/chat/completions), answering with the real response shapes. Used by e2e tests and the simulator.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeModelApi {
  /** Base URL to configure as ASR_BASE_URL / LLM_BASE_URL. */
  url: string;
  /** Transcripts returned in order; the last one repeats. */
  transcripts: string[];
  /** Chat completion contents (JSON strings) returned in order; the last one repeats. */
  chatContents: string[];
  /** Scripted HTTP failures for the next calls to a path suffix. */
  failNext(pathSuffix: string, ...statuses: number[]): void;
  calls: { path: string; bytes: number; at: Date }[];
  close(): Promise<void>;
}

export async function startFakeModelApi(opts: { port?: number } = {}): Promise<FakeModelApi> {
  const calls: FakeModelApi['calls'] = [];
  const failures = new Map<string, number[]>();
  const api: Omit<FakeModelApi, 'url' | 'close'> = {
    transcripts: ['客户问了价格'],
    chatContents: ['{}'],
    failNext: (suffix, ...statuses) => failures.set(suffix, [...(failures.get(suffix) ?? []), ...statuses]),
    calls,
  };
  const next = (list: string[]) => (list.length > 1 ? list.shift()! : list[0]!);

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    calls.push({ path, bytes: Buffer.concat(chunks).length, at: new Date() });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const suffix = [...failures.keys()].find((k) => path.endsWith(k));
    const status = suffix ? failures.get(suffix)!.shift() : undefined;
    if (status) return json(status, { error: { message: 'scripted failure', type: 'server_error' } });
    if (path.endsWith('/audio/transcriptions')) return json(200, { text: next(api.transcripts) });
    if (path.endsWith('/chat/completions')) {
      return json(200, {
        id: 'chatcmpl-fake', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: 'fake-model',
        choices: [{ index: 0, message: { role: 'assistant', content: next(api.chatContents) }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
      });
    }
    return json(404, { error: { message: `no route ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  // The same object the handler reads, so tests can reassign transcripts / chatContents.
  return Object.assign(api, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
