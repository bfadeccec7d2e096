// One way to talk to the bot per channel, so a scenario is written once and run against the WeCom app,
// the WeCom AI bot and DingTalk: send a text or a voice note, read what came back (normalised to text /
// markdown / card), and answer a card (a WeCom button click, a DingTalk numbered reply).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { dingtalkAudio, dingtalkText } from './dingtalk-payloads.js';
import { cardClickXml, textXml, voiceXml, type TestServer } from './test-server.js';
import type { FakeClientFrame, FakeWecomBot } from '../../scripts/dev/fake-wecom-bot.js';

export interface Outgoing {
  kind: 'text' | 'markdown' | 'card';
  text: string;
  /** Button labels of a card, in order. */
  buttons: string[];
  raw: Record<string, any>;
}

export interface ChannelDriver {
  readonly name: 'wecom' | 'wecom_bot' | 'dingtalk';
  /**
   * `at`: the message's own time (WeCom CreateTime, DingTalk createAt), for servers on a fake clock.
   * `badSignature`: a forged message (a wrong signature; for the AI bot, whose frames need no signature,
   * a frame naming another bot). The AI bot has no HTTP status: 200 means the frame was handed over.
   */
  sendText(user: string, text: string, o?: { id?: string; badSignature?: boolean; at?: Date }): Promise<number>;
  /** A voice note whose speech is `transcript` (WeCom: AMR + ASR; DingTalk: its own recognition). */
  sendVoice(user: string, transcript: string): Promise<number>;
  outgoing(user: string): Outgoing[];
  /** Answers `card` with the button labelled `label`. */
  choose(user: string, card: Outgoing, label: string, o?: { at?: Date }): Promise<number>;
}

const amr = () => {
  const dir = join(repoRoot(), 'test', 'fixtures', 'audio');
  return readFileSync(join(dir, readdirSync(dir).filter((f) => f.endsWith('.amr')).sort()[0]!));
};

export function wecomDriver(t: TestServer, model: FakeModelApi): ChannelDriver {
  let voice = 0;
  return {
    name: 'wecom',
    async sendText(user, text, o = {}) {
      const xml = textXml(user, text, o.at ? Math.floor(o.at.getTime() / 1000) : undefined, o.id);
      if (!o.badSignature) return (await t.postCallback(xml)).status;
      const url = `${t.server.url}/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=${Math.floor(Date.now() / 1000)}&nonce=1`;
      return (await fetch(url, { method: 'POST', body: '<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>' })).status;
    },
    async sendVoice(user, transcript) {
      const mediaId = `voice-${user}-${++voice}`;
      t.fake.media.set(mediaId, { bytes: amr(), contentType: 'voice/amr' });
      model.transcripts = [transcript];
      return (await t.postCallback(voiceXml(user, mediaId))).status;
    },
    outgoing(user) {
      return t.fake
        .sent()
        .filter((c) => c.body?.touser === user || (c.body?.userids as string[] | undefined)?.includes(user))
        .map((c): Outgoing => {
          const b = c.body as Record<string, any>;
          // The clicked card greys out with the choice: what the rep reads as the confirmation.
          if (c.path.endsWith('update_template_card')) return { kind: 'text', text: b.button.replace_name, buttons: [], raw: b };
          if (b.msgtype === 'template_card') {
            const tc = b.template_card;
            return { kind: 'card', text: [tc.main_title?.title, tc.main_title?.desc].filter(Boolean).join('\n'), buttons: tc.button_list.map((x: any) => x.text), raw: b };
          }
          if (b.msgtype === 'markdown') return { kind: 'markdown', text: b.markdown.content, buttons: [], raw: b };
          return { kind: 'text', text: b.text?.content ?? '', buttons: [], raw: b };
        });
    },
    async choose(user, card, label, o = {}) {
      const tc = card.raw.template_card;
      const key = tc.button_list.find((x: any) => x.text === label).key;
      return (await t.postCallback(cardClickXml(user, tc.task_id, key, o.at ? Math.floor(o.at.getTime() / 1000) : undefined))).status;
    },
  };
}

export function dingtalkDriver(t: TestServer): ChannelDriver {
  const fake = t.dingtalk;
  return {
    name: 'dingtalk',
    async sendText(user, text, o = {}) {
      const body = dingtalkText(fake, user, text, { ...(o.id ? { msgId: o.id } : {}), ...(o.at ? { createAt: o.at.getTime() } : {}) });
      return (await t.postDingtalk(body, o.badSignature ? { sign: 'bm90IHRoZSByaWdodCBzaWduYXR1cmU=' } : {})).status;
    },
    async sendVoice(user, transcript) {
      return (await t.postDingtalk(dingtalkAudio(fake, user, { downloadCode: `code-${user}`, recognition: transcript }))).status;
    },
    outgoing(user) {
      return fake
        .sent()
        .filter((c) => (c.path === '/robot/sendBySession' && String(c.query.session ?? '').startsWith(`s${user}`)) || (c.body?.userIds as string[] | undefined)?.includes(user))
        .map((c): Outgoing => {
          const b = c.body as Record<string, any>;
          const { type, text } = c.path === '/robot/sendBySession'
            ? { type: b.msgtype as string, text: b.msgtype === 'markdown' ? b.markdown.text : b.text?.content }
            : { type: b.msgKey === 'sampleMarkdown' ? 'markdown' : 'text', text: JSON.parse(b.msgParam).text ?? JSON.parse(b.msgParam).content };
          const buttons = [...String(text).matchAll(/回复 (\d+) (.+)/g)].map((m) => m[2]!.trim());
          return { kind: buttons.length ? 'card' : type === 'markdown' ? 'markdown' : 'text', text: String(text), buttons, raw: b };
        });
    },
    async choose(user, card, label, o = {}) {
      const n = card.buttons.indexOf(label) + 1;
      return (await t.postDingtalk(dingtalkText(fake, user, String(n), o.at ? { createAt: o.at.getTime() } : {}))).status;
    },
  };
}

/**
 * The WeCom AI bot through the fake long connection: what the rep sees is the frames the server wrote —
 * a stream bubble shows its last content, a card update its one remaining button.
 */
export function wecomBotDriver(bot: FakeWecomBot): ChannelDriver {
  const userOf = new Map<string, string>(); // callback req_id → userid
  const track = (user: string, p: { reqId: string }) => (userOf.set(p.reqId, user), 200);
  const card = (tc: any, raw: Record<string, any>): Outgoing => ({
    kind: 'card', text: [tc.main_title?.title, tc.main_title?.desc].filter(Boolean).join('\n'), buttons: tc.button_list.map((x: any) => x.text), raw,
  });
  const view = (f: FakeClientFrame): Outgoing | null => {
    const b = f.body as Record<string, any>;
    if (f.cmd === 'aibot_respond_update_msg') return { kind: 'text', text: b.template_card.button_list[0].text, buttons: [], raw: b };
    switch (b.msgtype) {
      case 'stream':
        return { kind: 'text', text: b.stream.content, buttons: [], raw: b };
      case 'template_card':
      case 'stream_with_template_card':
        return card(b.template_card, b);
      // Every text is pushed as markdown (the bot refuses msgtype text): the wire cannot tell them apart.
      case 'markdown':
        return { kind: 'text', text: b.markdown.content, buttons: [], raw: b };
      case 'text':
        return { kind: 'text', text: b.text.content, buttons: [], raw: b };
      default:
        return null;
    }
  };
  return {
    name: 'wecom_bot',
    async sendText(user, text, o = {}) {
      if (o.badSignature) {
        const p = bot.pushCallback('aibot_msg_callback', { aibotid: 'aibSomeOtherBot', from: { userid: user }, chattype: 'single', msgtype: 'text', text: { content: text } });
        await new Promise((r) => setTimeout(r, 500));
        return bot.queued() === 0 && p.reqId ? 403 : 503;
      }
      if (!o.at) return track(user, bot.pushText(user, text, o.id ? { msgid: o.id } : {}));
      const body = { from: { userid: user }, chattype: 'single', msgtype: 'text', text: { content: text }, create_time: Math.floor(o.at.getTime() / 1000), ...(o.id ? { msgid: o.id } : {}) };
      return track(user, bot.pushCallback('aibot_msg_callback', body));
    },
    async sendVoice(user, transcript) {
      return track(user, bot.pushVoice(user, transcript));
    },
    outgoing(user) {
      const shown: Outgoing[] = [];
      const streams = new Map<string, number>(); // stream id → index in shown: a bubble shows its last content
      for (const f of bot.frames()) {
        if (f.errcode !== 0) continue;
        const mine = f.cmd === 'aibot_send_msg' ? f.body?.chatid === user : f.cmd.startsWith('aibot_respond_') && userOf.get(f.reqId) === user;
        if (!mine) continue;
        const o = view(f);
        if (!o) continue;
        const id = f.body?.stream?.id as string | undefined;
        if (id !== undefined && streams.has(id)) shown[streams.get(id)!] = o;
        else {
          if (id !== undefined) streams.set(id, shown.length);
          shown.push(o);
        }
      }
      return shown;
    },
    async choose(user, c, label) {
      const tc = c.raw.template_card;
      const key = tc.button_list.find((x: any) => x.text === label).key;
      return track(user, bot.clickCard(user, tc.task_id, key));
    },
  };
}

