// Hold-to-record: mp3 from the recorder manager, read back as base64; too-short takes, errors and
// the 60 s cap stopping the recording before the finger lifts.
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_MS, createVoiceRecorder, type RecordedAudio } from '../../miniprogram/lib/recorder.js';
import { createFakeWx } from './fake-wx.js';

function setup() {
  const fake = createFakeWx();
  fake.files.set('wxfile://tmp/a.mp3', 'SUQzBAAAAAAA');
  return { fake, rec: createVoiceRecorder(fake.wx) };
}

describe('voice recorder', () => {
  it('records mp3 and hands back base64 audio', async () => {
    const { fake, rec } = setup();
    rec.start();
    expect(fake.recorder.started).toEqual([
      { duration: MAX_RECORD_MS, sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000, format: 'mp3' },
    ]);
    expect(await rec.stop()).toEqual({ audio: { base64: 'SUQzBAAAAAAA', format: 'mp3' }, durationMs: 3200 });
    expect(fake.recorder.stops).toBe(1);
  });

  it('ignores a second start while recording', () => {
    const { fake, rec } = setup();
    rec.start();
    rec.start();
    expect(fake.recorder.started).toHaveLength(1);
  });

  it('rejects a take shorter than a second without reading the file', async () => {
    const { fake, rec } = setup();
    fake.recorder.nextStop = { tempFilePath: 'wxfile://tmp/missing.mp3', duration: 400 };
    rec.start();
    await expect(rec.stop()).rejects.toMatchObject({ code: 'voice_too_short' });
  });

  it('rejects when the file cannot be read or the recorder errors', async () => {
    const { fake, rec } = setup();
    fake.recorder.nextStop = { tempFilePath: 'wxfile://tmp/missing.mp3', duration: 2000 };
    rec.start();
    await expect(rec.stop()).rejects.toMatchObject({ code: 'voice_failed' });

    fake.recorder.nextStop = null;
    rec.start();
    const stopped = rec.stop();
    fake.recorder.emitError('operateRecorder:fail auth deny');
    await expect(stopped).rejects.toMatchObject({ code: 'voice_failed', message: 'operateRecorder:fail auth deny' });
  });

  it('rejects stop() when nothing is recording', async () => {
    const { rec } = setup();
    await expect(rec.stop()).rejects.toMatchObject({ code: 'voice_failed' });
  });

  it('tells the listener when the 60 s cap ends the take, and the next stop() returns it', async () => {
    const { fake, rec } = setup();
    const early: Promise<RecordedAudio>[] = [];
    rec.setEndedEarlyListener((p) => early.push(p));
    rec.start();
    fake.recorder.emitStop('wxfile://tmp/a.mp3', MAX_RECORD_MS);
    expect(early).toHaveLength(1);
    expect((await early[0])?.durationMs).toBe(MAX_RECORD_MS);
    // The finger lifts afterwards: same result, no second stop sent to the recorder.
    expect((await rec.stop()).durationMs).toBe(MAX_RECORD_MS);
    expect(fake.recorder.stops).toBe(0);
    await expect(rec.stop()).rejects.toMatchObject({ code: 'voice_failed' });
  });

  it('an error while nobody waits is kept for the next stop(), not thrown unhandled', async () => {
    const { fake, rec } = setup();
    rec.setEndedEarlyListener(null);
    rec.start();
    fake.recorder.emitError('interrupted by a call');
    await expect(rec.stop()).rejects.toMatchObject({ message: 'interrupted by a call' });
  });
});
