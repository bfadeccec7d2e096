// 试一试: the console's phone-like chat with the bot, available only when the simulator started the server
// (`npm run simulate -- --web`). The simulator implements this port over its fake platform APIs, so every
// message goes through the real webhook, inbox, jobs and outbox; nothing here is special-cased in the domain.

/** A person of the simulated company the page can act as. */
export interface TryItPerson {
  userId: string;
  name: string;
  role: 'rep' | 'manager';
}

/** One bubble in a chat: what someone sent, or what the bot sent (as the platform received it). */
export interface TryItMessage {
  /** Increasing across every chat: the page asks for what came after the last one it has. */
  seq: number;
  /** A person's id, or `group` for the team's group chat. */
  chat: string;
  from: 'user' | 'bot';
  at: string;
  kind: 'text' | 'markdown' | 'card' | 'image' | 'voice' | 'note';
  text: string;
  /** Cards: title, fields and buttons as the platform shows them. */
  card?: { title: string; description: string | null; fields: Array<{ key: string; value: string }>; buttons: string[]; chosen: string | null };
  /** Images: a data: URL. */
  image?: string;
}

export interface TryItState {
  channel: 'wecom' | 'dingtalk' | 'wecom-bot';
  now: string;
  people: TryItPerson[];
  group: { name: string };
  jobs: Array<{ name: string; label: string }>;
  /** Pass back as `after` to get only what is new (or changed: a tapped card shows what was chosen). */
  cursor: number;
  messages: TryItMessage[];
}

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
