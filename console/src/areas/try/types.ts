// GET /console/api/try/state (the server's src/app/try-it/try-it-port.ts).
export interface TryPerson {
  userId: string;
  name: string;
  role: 'rep' | 'manager';
}

export interface TryCard {
  title: string;
  description: string | null;
  fields: Array<{ key: string; value: string }>;
  buttons: string[];
  chosen: string | null;
}

export interface TryMessage {
  seq: number;
  chat: string;
  from: 'user' | 'bot';
  at: string;
  kind: 'text' | 'markdown' | 'card' | 'image' | 'voice' | 'note';
  text: string;
  card?: TryCard;
  image?: string;
}

export interface TryState {
  channel: string;
  now: string;
  people: TryPerson[];
  group: { name: string };
  jobs: Array<{ name: string; label: string }>;
  cursor: number;
  messages: TryMessage[];
}
