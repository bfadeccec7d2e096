// Voice notes over the limits (issue 12), end to end over WeCom: a file over the 2 MB voice cap and an
// AMR over 120 s are both refused without reaching the ASR, the callbacks are acked as usual, and the
// rep is told to send a shorter note.
import { describe, expect, it } from 'vitest';
import type { FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { useServerWithAsr } from '../support/server-with-asr.js';
import { msg } from '../../src/app/messages.js';
import { eventually, voiceXml, type TestServer } from '../support/test-server.js';
import { contentOf, sentTo } from '../support/wecom-chat.js';

let t: TestServer;
let model: FakeModelApi;

useServerWithAsr((s) => ({ t, model } = s));

const NB = Buffer.from('#!AMR\n', 'latin1');
const asrCalls = () => model.calls.filter((c) => c.path.endsWith('/audio/transcriptions')).length;
const noteStatus = async (user: string) =>
  (await t.db.query<{ status: string }>(
    `select n.status from report_notes n join inbox i on i.id = n.inbox_id where i.event->>'senderId' = $1`, [user])).map((r) => r.status);

describe('voice limits', () => {
  it('a voice file over 2 MB is refused at download and the rep is asked for a shorter note', async () => {
    t.fake.media.set('voice-big', { bytes: Buffer.concat([NB, Buffer.alloc(3 * 1024 * 1024, 0x3c)]), contentType: 'voice/amr' });
    expect((await t.postCallback(voiceXml('rep-big', 'voice-big'))).status).toBe(200);
    const reply = await eventually(() => sentTo(t, 'rep-big')[0]);
    expect(contentOf(reply)).toBe(msg.report.tooLong);
    expect(await noteStatus('rep-big')).toEqual(['failed']);
    expect(asrCalls()).toBe(0);
  });

  it('an AMR of 121 s is refused before decoding and the rep is asked for a shorter note', async () => {
    t.fake.media.set('voice-long', { bytes: Buffer.concat([NB, Buffer.alloc(121 * 50, 0x7c)]), contentType: 'voice/amr' });
    expect((await t.postCallback(voiceXml('rep-long', 'voice-long'))).status).toBe(200);
    const reply = await eventually(() => sentTo(t, 'rep-long')[0]);
    expect(contentOf(reply)).toBe(msg.report.tooLong);
    expect(await noteStatus('rep-long')).toEqual(['failed']);
    expect(asrCalls()).toBe(0);
  });
});
