// A scripted stand-in for the mini-program `wx` global: records every wx.request, answers from
// per-route handlers (asynchronously, like the real thing), keeps storage in a Map, counts
// wx.qy.login calls and drives the recorder manager by hand.
import type {
  Wx,
  WxFail,
  WxRecorderManager,
  WxRecorderStartOptions,
  WxRequestOptions,
  WxScanResult,
} from '../../miniprogram/lib/wx-facade.js';

export type FakeReply = { status: number; body: unknown } | { fail: string };
export type FakeHandler = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface RecordedRequest {
  method: string;
  /** Path and query after the origin, e.g. "/mp/leaderboard?scope=store&period=day". */
  path: string;
  url: string;
  body: unknown;
  header: Record<string, string>;
  timeout: number | undefined;
}

export interface FakeWxOptions {
  /** Omit wx.qy entirely (plain WeChat). */
  noQy?: boolean;
  environment?: string;
  /** getSystemInfoSync throws, as some DevTools builds do. */
  systemInfoThrows?: boolean;
}

export const ORIGIN = 'https://api.test';

export class FakeRecorder implements WxRecorderManager {
  started: WxRecorderStartOptions[] = [];
  stops = 0;
  private stopListener: ((res: { tempFilePath: string; duration: number; fileSize: number }) => void) | null = null;
  private errorListener: ((err: WxFail) => void) | null = null;
  /** What the next stop() reports; null means stop() reports nothing by itself. */
  nextStop: { tempFilePath: string; duration: number } | null = { tempFilePath: 'wxfile://tmp/a.mp3', duration: 3200 };

  start(options: WxRecorderStartOptions): void {
    this.started.push(options);
  }
  stop(): void {
    this.stops += 1;
    if (this.nextStop) this.emitStop(this.nextStop.tempFilePath, this.nextStop.duration);
  }
  onStop(listener: (res: { tempFilePath: string; duration: number; fileSize: number }) => void): void {
    this.stopListener = listener;
  }
  onError(listener: (err: WxFail) => void): void {
    this.errorListener = listener;
  }
  emitStop(tempFilePath: string, duration: number): void {
    this.stopListener?.({ tempFilePath, duration, fileSize: 1000 });
  }
  emitError(errMsg: string): void {
    this.errorListener?.({ errMsg });
  }
}

export function createFakeWx(options: FakeWxOptions = {}) {
  const storage = new Map<string, unknown>();
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, FakeHandler>();
  const files = new Map<string, string>();
  const recorder = new FakeRecorder();
  const qyState = { logins: 0, fail: null as string | null, nextCode: 1 };
  let scanReply: { ok: WxScanResult } | { fail: string } = { fail: 'scanCode:fail cancel' };

  const route = (method: string, path: string, handler: FakeHandler): void => {
    routes.set(`${method} ${path}`, handler);
  };

  const wx: Wx = {
    request(opts: WxRequestOptions) {
      const path = opts.url.startsWith(ORIGIN) ? opts.url.slice(ORIGIN.length) : opts.url;
      const rec: RecordedRequest = {
        method: opts.method,
        path,
        url: opts.url,
        body: opts.data,
        header: { ...(opts.header ?? {}) },
        timeout: opts.timeout,
      };
      requests.push(rec);
      const handler = routes.get(`${opts.method} ${path.split('?')[0]}`);
      const replyP = Promise.resolve(handler ? handler(rec) : { status: 404, body: { code: 'not_found', message: path } });
      void replyP.then((reply) => {
        // A macrotask later, so concurrent callers really overlap.
        setTimeout(() => {
          if ('fail' in reply) opts.fail?.({ errMsg: reply.fail });
          else opts.success?.({ statusCode: reply.status, data: reply.body });
        }, 0);
      });
      return {};
    },
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => void storage.set(key, structuredClone(value)),
    removeStorageSync: (key) => void storage.delete(key),
    getSystemInfoSync: () => {
      if (options.systemInfoThrows) throw new Error('getSystemInfoSync:fail');
      return options.environment ? { environment: options.environment } : {};
    },
    scanCode(opts) {
      setTimeout(() => {
        if ('ok' in scanReply) opts.success?.(scanReply.ok);
        else opts.fail?.({ errMsg: scanReply.fail });
      }, 0);
    },
    getRecorderManager: () => recorder,
    getFileSystemManager: () => ({
      readFile(opts) {
        setTimeout(() => {
          const data = files.get(opts.filePath);
          if (data === undefined) opts.fail?.({ errMsg: `readFile:fail no such file ${opts.filePath}` });
          else opts.success?.({ data });
        }, 0);
      },
    }),
    navigateTo: () => undefined,
    redirectTo: () => undefined,
    reLaunch: () => undefined,
    showToast: () => undefined,
    showLoading: () => undefined,
    hideLoading: () => undefined,
    stopPullDownRefresh: () => undefined,
  };
  if (!options.noQy) {
    wx.qy = {
      login(opts) {
        qyState.logins += 1;
        const fail = qyState.fail;
        const code = `code-${qyState.nextCode++}`;
        setTimeout(() => (fail ? opts.fail?.({ errMsg: fail }) : opts.success?.({ code })), 0);
      },
    };
  }

  return {
    wx,
    storage,
    requests,
    files,
    recorder,
    qy: qyState,
    route,
    setScan(reply: { ok: WxScanResult } | { fail: string }) {
      scanReply = reply;
    },
    /** Requests to one route, in order. */
    calls(method: string, path: string): RecordedRequest[] {
      return requests.filter((r) => r.method === method && r.path.split('?')[0] === path);
    },
  };
}

export type FakeWx = ReturnType<typeof createFakeWx>;

/** A promise plus its resolver, to hold a reply until the test releases it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A login answer valid for `minutes` from `nowMs`. */
export function loginBody(session: string, nowMs: number, minutes = 120) {
  return {
    session,
    expiresAt: new Date(nowMs + minutes * 60_000).toISOString(),
    user: { id: 'u1', name: '小王', role: 'store_staff' as const },
  };
}
