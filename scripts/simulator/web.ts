// `--web`: the console's 试一试 page over a simulation. Each person's chat and the team's group are rebuilt
// from what the fake WeCom API received (message/send, update_template_card, webhook/send), so the page
// shows exactly what a phone would; what the page sends goes in as signed callbacks like any message.
import type { FakeWecomApi, RecordedCall } from '../dev/fake-wecom-api.js';
import type { TryItBackend, TryItMessage, TryItPerson, TryItState } from '../../src/app/try-it/try-it-port.js';
import { badRequest, notFound } from '../../src/shared/errors.js';
import type { WecomPlatform } from './platforms.js';

/** What the page needs from the running simulation. */
export interface SimulationControl {
  platform: WecomPlatform;
  people: TryItPerson[];
  groupName: string;
  /** The webhook key of the team's group robot (its posts make up the group chat). */
  groupKey: string;
  /** Makes `userId` the sender of the platform's next callback. */
  actAs(userId: string): void;
  now(): Date;
  advance(ms: number): void;
  /** What the fake speech recogniser returns for the next voice note. */
  hear(transcript: string): void;
  runJob(name: string): Promise<void>;
}

/** The scheduled jobs worth a button, in the words a manager would use. */
export const TRY_JOBS: Array<{ name: string; label: string }> = [
  { name: 'reminders', label: '检查跟进提醒' },
  { name: 'report-nudge', label: '催交战报' },
  { name: 'leaderboard-daily', label: '发日榜' },
  { name: 'leaderboard-weekly', label: '发周榜' },
  { name: 'report-weekly', label: '发周报' },
];

type Card = NonNullable<TryItMessage['card']>;
interface Stored extends TryItMessage {
  /** Bumped when a card is updated in place, so a page that has the card hears about it. */
  version: number;
  raw?: { taskId: string; keys: Map<string, string> };
}

export function createTryIt(sim: SimulationControl): TryItBackend {
  const fake: FakeWecomApi = sim.platform.fake;
  const messages: Stored[] = [];
  let cursor = 0;
  let seenCalls = 0;
  /** Response codes of taps, to find the card an update_template_card greys out. */
  const tapped = new Map<string, Stored>();
  let codeSeq = 0;
  // One action at a time: each sets who the platform sends as.
  let busy: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = busy.then(fn);
    busy = run.catch(() => undefined);
    return run;
  };

  const add = (m: Omit<Stored, 'seq' | 'version' | 'at'>): Stored => {
    const stored: Stored = { ...m, seq: ++cursor, version: cursor, at: sim.now().toISOString() };
    messages.push(stored);
    return stored;
  };
  const person = (userId: string): TryItPerson => {
    const p = sim.people.find((x) => x.userId === userId);
    if (!p) throw notFound('unknown_person', `no one called ${userId} in the simulated company`);
    return p;
  };

  /** Turns the calls the fake received since last time into bubbles. */
  function collect(): void {
    const calls = fake.sent();
    for (; seenCalls < calls.length; seenCalls++) fromCall(calls[seenCalls]!);
  }

  function fromCall(call: RecordedCall): void {
    const b = call.body as any;
    if (call.path.endsWith('/update_template_card')) {
      const card = tapped.get(b.response_code);
      if (card?.card) {
        card.card.chosen = b.button?.replace_name ?? '已处理';
        card.version = ++cursor;
      }
      return;
    }
    const chats: string[] = call.path.endsWith('/webhook/send') ? (call.query.key === sim.groupKey ? ['group'] : [])
      : call.path.endsWith('/message/send') ? String(b.touser ?? '').split('|').filter(Boolean) : [];
    for (const chat of chats) {
      if (b.msgtype === 'template_card') {
        const c = b.template_card;
        const card: Card = {
          title: c.main_title?.title ?? '',
          description: c.main_title?.desc ?? null,
          fields: (c.horizontal_content_list ?? []).map((f: any) => ({ key: f.keyname, value: f.value })),
          buttons: c.button_list.map((x: any) => x.text),
          chosen: null,
        };
        add({ chat, from: 'bot', kind: 'card', text: card.title, card, raw: { taskId: c.task_id, keys: new Map(c.button_list.map((x: any) => [x.text, x.key])) } });
      } else if (b.msgtype === 'image') {
        const base64 = b.image?.base64 ?? (b.image?.media_id ? fake.uploads.get(b.image.media_id)?.bytes.toString('base64') : undefined);
        add({ chat, from: 'bot', kind: 'image', text: '[图片]', ...(base64 ? { image: `data:image/png;base64,${base64}` } : {}) });
      } else if (b.msgtype === 'markdown') add({ chat, from: 'bot', kind: 'markdown', text: b.markdown.content });
      else if (b.msgtype === 'text') add({ chat, from: 'bot', kind: 'text', text: b.text.content });
      else add({ chat, from: 'bot', kind: 'text', text: `[${b.msgtype}]` });
    }
  }

  const view = ({ raw: _raw, version: _v, ...m }: Stored): TryItMessage => m;

  return {
    async state(after) {
      collect();
      const state: TryItState = {
        channel: 'wecom',
        now: sim.now().toISOString(),
        people: sim.people,
        group: { name: sim.groupName },
        jobs: TRY_JOBS,
        cursor,
        messages: messages.filter((m) => m.version > after).map(view),
      };
      return state;
    },
    say: (userId, text) => serial(async () => {
      person(userId);
      add({ chat: userId, from: 'user', kind: 'text', text });
      sim.actAs(userId);
      await sim.platform.send(text);
    }),
    voice: (userId, voice) => serial(async () => {
      person(userId);
      add({ chat: userId, from: 'user', kind: 'voice', text: voice.transcript });
      sim.actAs(userId);
      sim.hear(voice.transcript);
      await sim.platform.sendVoiceBytes(voice.bytes, 'voice/amr');
    }),
    tap: (userId, seq, button) => serial(async () => {
      collect();
      const card = messages.find((m) => m.seq === seq && m.chat === userId && m.raw);
      const key = card?.raw?.keys.get(button);
      if (!card || !key) throw badRequest('unknown_button', `no button ${button} on that card`);
      if (card.card?.chosen) throw badRequest('card_done', '这张卡片已经处理过了');
      const code = `sim-web-${Date.now()}-${++codeSeq}`;
      tapped.set(code, card);
      add({ chat: userId, from: 'user', kind: 'note', text: `点了「${button}」` });
      sim.actAs(userId);
      await sim.platform.click(card.raw!.taskId, key, code);
    }),
    advanceClock: (ms) => serial(async () => {
      sim.advance(ms);
    }),
    runJob: (name) => serial(async () => {
      const job = TRY_JOBS.find((j) => j.name === name);
      if (!job) throw badRequest('unknown_job', `no job ${name}`);
      await sim.runJob(name);
    }),
  };
}
