// 试一试: the console's phone-like chat with the bot, available only when the simulator started the server
// (`npm run simulate -- --web`). The simulator implements this port over its fake platform APIs, so every
// message goes through the real webhook, inbox, jobs and outbox; nothing here is special-cased in the domain.

import type { TryItState } from '../../shared/try-it-api.js';

export type { TryItMessage, TryItPerson, TryItState } from '../../shared/try-it-api.js';

export interface TryItVoice {
  bytes: Buffer;
  /** What the fake speech recogniser will hear (there is no real ASR behind the simulator). */
  transcript: string;
}

export interface TryItBackend {
  /** Everything after `afterSeq` (all of it for 0), with the simulated clock and cast. */
  state(afterSeq: number): Promise<TryItState>;
  say(userId: string, text: string): Promise<void>;
  voice(userId: string, voice: TryItVoice): Promise<void>;
  /** Taps a button of a card the bot sent to this person. */
  tap(userId: string, seq: number, button: string): Promise<void>;
  /** Moves the simulated clock forward. */
  advanceClock(ms: number): Promise<void>;
  runJob(name: string): Promise<void>;
}
