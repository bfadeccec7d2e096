// Download caps (issue 12): WeCom voice media/get stops at 2 MB, a DingTalk received file at 20 MB
// (or the configured cap). The fake file server below never stops sending, so a client that buffered
// the whole answer would never finish: the refusal itself shows the transfer was aborted at the cap.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingtalkClient } from '../../src/channels/dingtalk/client.js';
import { MediaTooLargeError } from '../../src/channels/media-errors.js';
import { createWecomClient } from '../../src/channels/wecom/client.js';
import { downloadWecomMedia, WECOM_VOICE_MAX_BYTES } from '../../src/channels/wecom/media.js';
import { silentLogger } from '../../src/shared/logger.js';

const MB = 1024 * 1024;
const CHUNK = Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(64 * 1024 - 6, 0x3c)]);

interface Served {
  /** Bytes the server managed to write before the client hung up. */
  written: number;
  closed: Promise<void>;
}

let server: Server;
let base = '';
const served: Served[] = [];
/** Sizes of finite files by path; any other /file path streams forever. */
const finite = new Map<string, number>();

/** Writes 64 KB chunks until `total` (or forever), respecting back-pressure. */
function stream(res: ServerResponse, total = Infinity, declare = false): void {
  const s: Served = { written: 0, closed: new Promise((r) => res.on('close', () => r())) };
  served.push(s);
  res.writeHead(200, { 'content-type': 'audio/amr', ...(declare ? { 'content-length': String(total) } : {}) });
  const pump = () => {
    while (s.written < total && !res.destroyed) {
      const part = CHUNK.subarray(0, Math.min(CHUNK.length, total - s.written));
      s.written += part.length;
      if (!res.write(part)) return void res.once('drain', pump);
    }
    if (s.written >= total) res.end();
  };
  pump();
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url!, base);
  const json = (body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/cgi-bin/gettoken') return json({ errcode: 0, errmsg: 'ok', access_token: 'TOKEN', expires_in: 7200 });
  if (url.pathname === '/cgi-bin/media/get') {
    const size = finite.get(url.searchParams.get('media_id') ?? '');
    return stream(res, size ?? Infinity, size !== undefined);
  }
  if (url.pathname === '/v1.0/oauth2/accessToken') return json({ accessToken: 'DT_TOKEN', expireIn: 7200 });
  if (url.pathname === '/v1.0/robot/messageFiles/download') {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => json({ downloadUrl: `${base}/file/${(JSON.parse(body) as { downloadCode: string }).downloadCode}` }));
    return;
  }
  if (url.pathname.startsWith('/file/')) return stream(res, finite.get(url.pathname.slice(6)) ?? Infinity);
  res.writeHead(404).end();
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const wecom = () => createWecomClient({ apiBase: base, corpId: 'wwcorp', secret: 's', agentId: 1000002, logger: silentLogger(), timeoutMs: 20_000 });
const dingtalk = (maxDownloadBytes?: number) => createDingtalkClient({
  apiBase: base, oapiBase: base, appKey: 'k', appSecret: 's', robotCode: 'k', logger: silentLogger(), timeoutMs: 20_000, maxDownloadBytes,
});

async function refusal(p: Promise<unknown>): Promise<MediaTooLargeError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(MediaTooLargeError);
  return e as MediaTooLargeError;
}

describe('WeCom voice download cap', () => {
  it('aborts an endless media/get answer at 2 MB with a permanent MediaTooLargeError', async () => {
    const e = await refusal(downloadWecomMedia(wecom(), 'endless'));
    expect(e).toMatchObject({ code: 'media_too_large', failureClass: 'permanent', limitBytes: 2 * MB });
    const s = served.at(-1)!;
    await s.closed; // the client hung up; the server did not get to finish
    expect(s.written).toBeLessThan(16 * MB); // cap + what socket buffers held
  });

  it('refuses a declared 3 MB file and accepts one at exactly the cap', async () => {
    finite.set('three-mb', 3 * MB);
    finite.set('at-cap', WECOM_VOICE_MAX_BYTES);
    await refusal(downloadWecomMedia(wecom(), 'three-mb'));
    const file = await downloadWecomMedia(wecom(), 'at-cap');
    expect(file.bytes.length).toBe(2 * MB);
  });
});

describe('DingTalk file download cap', () => {
  it('aborts an endless download at 20 MB by default', async () => {
    const e = await refusal(dingtalk().downloadMessageFile('endless-dt'));
    expect(e).toMatchObject({ failureClass: 'permanent', limitBytes: 20 * MB });
    const s = served.at(-1)!;
    await s.closed;
    expect(s.written).toBeLessThan(40 * MB);
  });

  it('honours a configured cap and passes a file under it', async () => {
    finite.set('small', 300 * 1024);
    expect((await dingtalk(MB).downloadMessageFile('small')).bytes.length).toBe(300 * 1024);
    await refusal(dingtalk(MB).downloadMessageFile('endless-small-cap'));
  });
});
