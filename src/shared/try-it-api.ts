// The 试一试 page ↔ server contract: what GET /console/api/try/state returns. The server's port and the
// console both import these types (type-only), so the two sides cannot drift apart.

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
