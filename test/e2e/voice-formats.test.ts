// Voice notes that are not AMR, end to end over WeCom: the callback says Format amr, but media/get
// serves a WAV, then an MP3; each reaches the ASR unchanged and becomes a battle-report card with its
// length stored. A file that is no audio at all is answered with the "could not hear" text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { useServerWithAsr } from '../support/server-with-asr.js';
import { msg } from '../../src/app/messages.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { encodeWav } from '../../src/providers/audio/wav-encode.js';
import { eventually, voiceXml, type TestServer } from '../support/test-server.js';
import { contentOf, sentTo } from '../support/wecom-chat.js';

let t: TestServer;
let model: FakeModelApi;

useServerWithAsr((s) => ({ t, model } = s));

const asrCalls = () => model.calls.filter((c) => c.path.endsWith('/audio/transcriptions'));
const cards = (user: string) => sentTo(t, user).filter((c) => c.body?.msgtype === 'template_card').map((c) => c.body!.template_card as any);
const note = async (user: string) =>
  (await t.db.query<{ status: string; audio_seconds: number | null }>(
    `select n.status, n.audio_seconds from report_notes n where n.user_id = $1`, [user]))[0];

/** Serves `bytes` from media/get and posts the voice callback that points at them. */
async function sendVoice(user: string, mediaId: string, bytes: Buffer, contentType: string): Promise<void> {
  t.fake.media.set(mediaId, { bytes, contentType });
  expect((await t.postCallback(voiceXml(user, mediaId))).status).toBe(200);
}

describe('voice notes in other formats', () => {
  it('a WAV note goes to the ASR as it is and becomes a card', async () => {
    // 2 s of a quiet 400 Hz tone at 16 kHz: what a recorder app exports.
    const wav = encodeWav(Float32Array.from({ length: 32_000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 400 * i) / 16_000)), 16_000);
    model.transcripts = ['今天拜访了嘉禾物流,王经理说报价偏高,下周三再去演示。'];
    const before = asrCalls().length;
    await sendVoice('rep-wav', 'voice-wav', wav, 'voice/amr'); // the label lies; the bytes decide

    const card = await eventually(() => cards('rep-wav')[0]);
    expect(card.main_title.title).toContain('嘉禾物流');
    const call = asrCalls()[before]!;
    // The multipart body is the WAV itself plus a few hundred bytes of form fields: not re-encoded.
    expect(call.bytes).toBeGreaterThan(wav.length);
    expect(call.bytes).toBeLessThan(wav.length + 1024);
    expect(await note('rep-wav')).toMatchObject({ status: 'drafted', audio_seconds: 2 });
  });

  it('an MP3 note goes to the ASR as it is and becomes a card', async () => {
    const mp3 = readFileSync(join(repoRoot(), 'test', 'fixtures', 'audio', 'gsutil-test.mp3'));
    model.transcripts = ['拜访了安达机械,采购说预算还没批,下周一给答复。'];
    const before = asrCalls().length;
    await sendVoice('rep-mp3', 'voice-mp3', mp3, 'audio/mpeg');

    const card = await eventually(() => cards('rep-mp3')[0]);
    expect(card.main_title.title).toContain('安达机械');
    const call = asrCalls()[before]!;
    expect(call.bytes).toBeGreaterThan(mp3.length);
    expect(call.bytes).toBeLessThan(mp3.length + 1024);
    const row = await note('rep-mp3');
    expect(row!.status).toBe('drafted');
    expect(row!.audio_seconds).toBeCloseTo((45 * 576) / 22_050, 3); // 45 MPEG-2 frames of 576 samples
  });

  it('a file that is no audio is answered with "could not hear", without reaching the ASR', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
    const before = asrCalls().length;
    await sendVoice('rep-junk', 'voice-junk', garbage, 'voice/amr');

    const reply = await eventually(() => sentTo(t, 'rep-junk')[0]);
    expect(contentOf(reply)).toBe(msg.report.notHeard);
    expect(await note('rep-junk')).toMatchObject({ status: 'failed' });
    expect(asrCalls().length).toBe(before);
  });
});
