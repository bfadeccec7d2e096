// What the fake long-connection servers (fake-dingtalk-stream.ts, fake-wecom-bot.ts) share, none of it wire
// format: the part of `ws` they use, typed; waiting until a fake's state says so; listening on 127.0.0.1;
// shutting the servers down. Independent of src/ like the fakes themselves.
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
// @ts-ignore -- ws (a dependency of dingtalk-stream) ships no types; the part used is typed below.
import { WebSocketServer as WsServerImpl } from 'ws';

export interface WsConn {
  readonly readyState: number;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  send(data: string, cb?: (err?: Error) => void): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  _socket?: Socket;
}

export interface WsServer {
  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer, cb: (ws: WsConn) => void): void;
  close(cb?: () => void): void;
}

type WsServerCtor = new (opts: { noServer: true; maxPayload?: number }) => WsServer;
export const WebSocketServer = WsServerImpl as WsServerCtor;
/** WebSocket readyState of an open socket. */
export const OPEN = 1;

export interface StateWaiters {
  /** Lets every waiter look again; call after each change it may wait for. */
  wake(): void;
  /** Resolves with the first value `check` returns, looking now and at every wake; rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T>;
}

/** `name` starts the timeout error (`fake dingtalk stream: timed out after …`). */
export function stateWaiters(name: string): StateWaiters {
  const waiters = new Set<() => void>();
  return {
    wake() {
      for (const w of [...waiters]) w();
    },
    waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
      return new Promise((resolve, reject) => {
        const done = () => {
          const v = check();
          if (v === undefined) return;
          clearTimeout(timer);
          waiters.delete(done);
          resolve(v);
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error(`${name}: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        waiters.add(done);
        done();
      });
    },
  };
}

/** Listens on 127.0.0.1 (`port` 0 or none: any free one); resolves with the port. */
export async function listenLocal(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Closes the WebSocket server, then the HTTP server and every connection still open on it. */
export async function closeServers(wss: WsServer, server: Server): Promise<void> {
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
