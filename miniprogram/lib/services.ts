// Composition root of the mini-program: one session and one API client for the whole app (so every
// page shares the single-flight login), plus the environment verdict. app.ts builds it with the
// real wx; tests build it with a fake.
import type { VisitResponse } from '../../src/shared/mp-api.js';
import type { MpSettings } from '../config.js';
import { createApiClient, type ApiClient } from './api-client.js';
import { detectEnv, type RuntimeEnv } from './env.js';
import { createVoiceRecorder, type VoiceRecorder } from './recorder.js';
import { createSession, type Session } from './session.js';
import type { Wx } from './wx-facade.js';

export interface Services {
  env: RuntimeEnv;
  session: Session;
  api: ApiClient;
  /** Created on first use: the recorder manager is global and only the visit page needs it. */
  recorder(): VoiceRecorder;
  /** Hand-off from the visit page to the result page (redirectTo cannot carry a body). */
  lastVisit: VisitResponse | null;
}

export function createServices(wx: Wx, settings: MpSettings, now?: () => number): Services {
  const session = createSession({
    wx,
    apiBase: settings.apiBase,
    timeoutMs: settings.timeoutMs,
    ...(now ? { now } : {}),
  });
  const api = createApiClient({
    wx,
    session,
    apiBase: settings.apiBase,
    timeoutMs: settings.timeoutMs,
    visitTimeoutMs: settings.visitTimeoutMs,
  });
  let recorder: VoiceRecorder | null = null;
  return {
    env: detectEnv(wx),
    session,
    api,
    recorder() {
      if (!recorder) recorder = createVoiceRecorder(wx);
      return recorder;
    },
    lastVisit: null,
  };
}
