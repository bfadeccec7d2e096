// One way to talk to the bot per channel, so a scenario is written once and run against WeCom and
// DingTalk: send a text or a voice note, read what came back (normalised to text / markdown / card),
// and answer a card (a WeCom button click, a DingTalk numbered reply).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { dingtalkAudio, dingtalkText } from './dingtalk-payloads.js';
import { cardClickXml, textXml, voiceXml, type TestServer } from './test-server.js';

export interface Outgoing {
  kind: 'text' | 'markdown' | 'card';
  text: string;
  /** Button labels of a card, in order. */
  buttons: string[];
  raw: Record<string, any>;
}

export interface ChannelDriver {
  readonly name: 'wecom' | 'dingtalk';
  /** `at`: the message's own time (WeCom CreateTime, DingTalk createAt), for servers on a fake clock. */
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
