// Audio limits (issue 12): durations read from AMR frames and WAV headers without decoding, a note
// over 120 s refused before the decoder sees it, and decoding done in a worker thread.
import { readFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { amrToWav, AudioDecodeError, AudioTooLongError, encodeWav } from '../../src/providers/audio/amr-to-wav.js';
import { amrDurationSeconds, MAX_AUDIO_SECONDS, wavDurationSeconds } from '../../src/providers/audio/audio-duration.js';
import { createWorkerThread } from '../../src/providers/audio/worker-thread.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url));
const NB = Buffer.from('#!AMR\n', 'latin1');
/** AMR-NB made of `n` NO_DATA frames (mode 15, one byte each): 20 ms of audio per frame. */
const noDataNb = (n: number) => Buffer.concat([NB, Buffer.alloc(n, 0x7c)]);

describe('amrDurationSeconds', () => {
  it.each(['note-short.amr', 'note-pause.amr', 'note-long.amr'])('%s: the frame count gives exactly the decoded duration', async (name) => {
    const bytes = fixture(name);
    expect(amrDurationSeconds(bytes)).toBeCloseTo((await amrToWav(bytes)).durationSeconds, 9);
  });

  it('counts DTX, NO_DATA and WB frames, not a truncated last frame, and nothing for non-AMR', () => {
    expect(amrDurationSeconds(noDataNb(50))).toBeCloseTo(1, 9);
    expect(amrDurationSeconds(Buffer.concat([Buffer.from('#!AMR-WB\n', 'latin1'), Buffer.alloc(100, 0x7c)]))).toBeCloseTo(2, 9);
    // A mode-7 frame is 32 bytes: 31 bytes of it is no frame.
    expect(amrDurationSeconds(Buffer.concat([noDataNb(10), Buffer.from([0x3c]), Buffer.alloc(30)]))).toBeCloseTo(0.2, 9);
    expect(amrDurationSeconds(Buffer.from('RIFF....WAVE'))).toBeNull();
    expect(amrDurationSeconds(NB)).toBe(0);
  });

  it('stops counting just past the limit, so a huge file costs no more than a long one', () => {
    const huge = noDataNb(5 * 1024 * 1024); // 5 MB of NO_DATA = 29 hours of "audio"
    const seconds = amrDurationSeconds(huge, MAX_AUDIO_SECONDS)!;
    expect(seconds).toBeGreaterThan(MAX_AUDIO_SECONDS);
    expect(seconds).toBeLessThan(MAX_AUDIO_SECONDS + 0.1);
    expect(amrDurationSeconds(huge)).toBeCloseTo(5 * 1024 * 1024 * 0.02, 3);
  });
});

describe('wavDurationSeconds', () => {
  it('reads the data size and byte rate from the header', () => {
    expect(wavDurationSeconds(encodeWav(new Float32Array(16_000), 8000))).toBeCloseTo(2, 9);
    expect(wavDurationSeconds(encodeWav(new Float32Array(16_000), 16_000))).toBeCloseTo(1, 9);
  });

  it('skips other chunks, trusts only the bytes present, and refuses what is not a WAV', () => {
    const wav = encodeWav(new Float32Array(8000), 8000);
    const list = Buffer.concat([Buffer.from('LIST', 'latin1'), Buffer.from([5, 0, 0, 0]), Buffer.from('INFOx\0', 'latin1')]); // odd size + pad byte
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    expect(wavDurationSeconds(withList)).toBeCloseTo(1, 9);
    const streamed = Buffer.from(wav);
    streamed.writeUInt32LE(0xffffffff, 40); // a recorder that never went back to fill in the size
    expect(wavDurationSeconds(streamed)).toBeCloseTo(1, 9);
    const lying = Buffer.from(wav);
    lying.writeUInt32LE(1_000_000_000, 40);
    expect(wavDurationSeconds(lying)).toBeCloseTo(1, 9);
    expect(wavDurationSeconds(fixture('note-short.amr'))).toBeNull();
    expect(wavDurationSeconds(wav.subarray(0, 36))).toBeNull(); // no data chunk
  });
});

describe('amrToWav limits', () => {
  it('refuses a 121 s AMR from its frame count, before decoding', async () => {
    const e = await amrToWav(noDataNb(121 * 50)).catch((err: unknown) => err);
    // Only the frame count raises AudioTooLongError; the decoder can only fail with AudioDecodeError.
    expect(e).toBeInstanceOf(AudioTooLongError);
    expect(e).toMatchObject({ retryable: false, code: 'audio_too_long', maxSeconds: 120 });
    expect((e as AudioTooLongError).seconds).toBeGreaterThan(120);
  });

  it('refuses 5 MB of junk AMR the same way, and decodes a note of exactly 120 s', async () => {
    const junk = Buffer.concat([NB, Buffer.from(Array.from({ length: 5 * 1024 * 1024 }, (_, i) => (i * 2654435761) >>> 24))]);
    await expect(amrToWav(junk)).rejects.toBeInstanceOf(AudioTooLongError);
    const out = await amrToWav(noDataNb(120 * 50));
    expect(out.durationSeconds).toBeCloseTo(120, 9);
  });

  it('decodes in a worker thread, not on the calling thread', async () => {
    const out = await amrToWav(fixture('note-short.amr'));
    expect(out.threadId).toBeGreaterThan(0);
    expect(out.threadId).not.toBe(threadId);
    // The caller's buffer is not handed over (transferred) to the worker.
    const bytes = fixture('note-short.amr');
    await amrToWav(bytes);
    expect(bytes.length).toBeGreaterThan(0);
    expect(amrDurationSeconds(bytes)).toBeGreaterThan(3);
  });

  it('answers other callers while decoding: the event loop keeps turning', async () => {
    const long = fixture('note-long.amr');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await Promise.all([amrToWav(long), amrToWav(long), amrToWav(long)]);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('worker thread', () => {
  it('fails a task that overruns its time, and the next task gets a fresh worker', async () => {
    const entry = new URL('../../src/providers/audio/amr-decode-worker.ts', import.meta.url);
    const thread = createWorkerThread<{ amr: Uint8Array }, { ok: boolean; threadId?: number }>({
      entry, taskTimeoutMs: 1, failure: (m) => new AudioDecodeError(m),
    });
    try {
      // Starting a worker alone takes longer than 1 ms.
      await expect(thread.run({ amr: new Uint8Array(fixture('note-short.amr')) })).rejects.toThrow(/longer than 1 ms/);
      await expect(thread.run({ amr: new Uint8Array(fixture('note-short.amr')) })).rejects.toBeInstanceOf(AudioDecodeError);
    } finally {
      await thread.close();
    }
    const ok = createWorkerThread<{ amr: Uint8Array }, { ok: boolean; threadId?: number }>({ entry, failure: (m) => new AudioDecodeError(m) });
    try {
      const [a, b] = await Promise.all([ok.run({ amr: new Uint8Array(fixture('note-short.amr')) }), ok.run({ amr: new Uint8Array(fixture('note-pause.amr')) })]);
      expect(a).toMatchObject({ ok: true });
      expect(b).toMatchObject({ ok: true, threadId: a.threadId }); // one worker, tasks in order
    } finally {
      await ok.close();
    }
  });

  it('fails queued tasks when closed', async () => {
    const thread = createWorkerThread<{ amr: Uint8Array }, unknown>({
      entry: new URL('../../src/providers/audio/amr-decode-worker.ts', import.meta.url), failure: (m) => new AudioDecodeError(m),
    });
    const pending = thread.run({ amr: new Uint8Array(fixture('note-long.amr')) }).catch((e: unknown) => e);
    await thread.close();
    expect(await pending).toMatchObject({ message: expect.stringMatching(/worker closed/) });
  });
});
