// The setup of the end-to-end suites that run one scenario on the WeCom app and on DingTalk: the fake model
// API, one test server on a throwaway database, and a driver per channel, started before the suite's tests
// and stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { startFakeModelApi, type FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { dingtalkDriver, wecomDriver, type ChannelDriver } from './channel-drivers.js';
import { startTestServer, type TestServer } from './test-server.js';

export type TestServerOptions = NonNullable<Parameters<typeof startTestServer>[0]>;

/** Looked up by the channel name a `describe.each` hands out. */
export interface TwoChannelDrivers {
  wecom: ChannelDriver;
  dingtalk: ChannelDriver;
  [channel: string]: ChannelDriver;
}

export interface TwoChannelTeam {
  t: TestServer;
  model: FakeModelApi;
  drivers: TwoChannelDrivers;
  /** Stops the server, then the fake model API. */
  stop(): Promise<void>;
}

export async function startTwoChannelTeam(opts: TestServerOptions = {}): Promise<TwoChannelTeam> {
  const model = await startFakeModelApi();
  let t: TestServer;
  try {
    t = await startTestServer(opts);
  } catch (e) {
    await model.close();
    throw e;
  }
  return {
    t,
    model,
    drivers: { wecom: wecomDriver(t, model), dingtalk: dingtalkDriver(t) },
    async stop() {
      await t.stop();
      await model.close();
    },
  };
}

/**
 * Registers the suite's beforeAll, which starts the team and hands it to `onStart` (assign what the tests
 * use there), and its afterAll, which stops it. `opts` may be a function, read when beforeAll runs (a
 * folder an earlier beforeAll made, say).
 */
export function useTwoChannelTeam(opts: TestServerOptions | (() => TestServerOptions), onStart: (team: TwoChannelTeam) => void): void {
  let team: TwoChannelTeam | undefined;
  beforeAll(async () => {
    team = await startTwoChannelTeam(typeof opts === 'function' ? opts() : opts);
    onStart(team);
  });
  afterAll(async () => {
    await team?.stop();
  });
}
