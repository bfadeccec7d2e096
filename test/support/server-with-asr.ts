// The setup of the end-to-end suites that send voice: the fake model API as the ASR endpoint and one test
// server configured to use it, started before the suite's tests and stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { startFakeModelApi, type FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { startTestServer, type TestServer } from './test-server.js';

/** Registers beforeAll / afterAll; `onStart` receives the server and the fake (assign what the tests use). */
export function useServerWithAsr(onStart: (s: { t: TestServer; model: FakeModelApi }) => void): void {
  let t: TestServer | undefined;
  let model: FakeModelApi | undefined;
  beforeAll(async () => {
    model = await startFakeModelApi();
    t = await startTestServer({ env: { ASR_BASE_URL: model.url, ASR_API_KEY: 'test-key' } });
    onStart({ t, model });
  });
  afterAll(async () => {
    await t?.stop();
    await model?.close();
  });
}
