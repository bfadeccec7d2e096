// AMR → WAV against real sox-encoded voice notes (test/fixtures/audio/README.md): duration, WAV
// header, DTX silence, a note over 60 s, and refusal of anything that is not AMR.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AudioDecodeError, amrToWav, encodeWav } from '../../src/providers/audio/amr-to-wav.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url));

/** `soxi -D` of each fixture, recorded when it was made (sox is not installed on CI). */
const SOXI_SECONDS: Record<string, number> = {
  'note-short.amr': 3.74,
  'note-pause.amr': 16.2,
  'note-long.amr': 66.0,
};

function readWavHeader(wav: Buffer) {
  return {
    riff: wav.toString('ascii', 0, 4),
    riffSize: wav.readUInt32LE(4),
    wave: wav.toString('ascii', 8, 12),
    fmt: wav.toString('ascii', 12, 16),
    fmtSize: wav.readUInt32LE(16),
    format: wav.readUInt16LE(20),
    channels: wav.readUInt16LE(22),
    sampleRate: wav.readUInt32LE(24),
    byteRate: wav.readUInt32LE(28),
    blockAlign: wav.readUInt16LE(32),
    bitsPerSample: wav.readUInt16LE(34),
    data: wav.toString('ascii', 36, 40),
    dataSize: wav.readUInt32LE(40),
  };
}

function rms(wav: Buffer, fromSec: number, toSec: number, rate: number): number {
  let sum = 0;
  let n = 0;
  for (let i = Math.floor(fromSec * rate); i < Math.floor(toSec * rate); i++, n++) sum += (wav.readInt16LE(44 + i * 2) / 32768) ** 2;
  return Math.sqrt(sum / n);
}

describe('amrToWav', () => {
  it.each(Object.entries(SOXI_SECONDS))('%s decodes to within ±5 %% of soxi’s duration', async (name, soxi) => {
    const out = await amrToWav(fixture(name));
    expect(out.sampleRate).toBe(8000);
    expect(Math.abs(out.durationSeconds - soxi) / soxi).toBeLessThan(0.05);
  });

  it('writes a canonical 44-byte PCM header that matches the data', async () => {
    const { wav, sampleRate, durationSeconds } = await amrToWav(fixture('note-short.amr'));
    const h = readWavHeader(wav);
    expect(h).toEqual({
      riff: 'RIFF', riffSize: wav.length - 8, wave: 'WAVE', fmt: 'fmt ', fmtSize: 16, format: 1, channels: 1,
      sampleRate: 8000, byteRate: 16000, blockAlign: 2, bitsPerSample: 16, data: 'data', dataSize: wav.length - 44,
    });
    expect(h.dataSize / 2 / sampleRate).toBeCloseTo(durationSeconds, 6);
    expect(rms(wav, 0, durationSeconds, sampleRate)).toBeGreaterThan(0.01); // speech, not zeros
  });

  it('keeps DTX silence as audio: the 3 s pause is there and quiet', async () => {
    const { wav, sampleRate, durationSeconds } = await amrToWav(fixture('note-pause.amr'));
    // The pause is the 3 s right after the first sentence; find the quietest 2 s window.
    let quietest = Infinity;
    for (let t = 0; t + 2 <= durationSeconds; t += 0.25) quietest = Math.min(quietest, rms(wav, t, t + 2, sampleRate));
    expect(quietest).toBeLessThan(0.005);
    expect(rms(wav, 0, durationSeconds, sampleRate)).toBeGreaterThan(0.01);
  });

  it('accepts a note longer than 60 s', async () => {
    const { wav, durationSeconds } = await amrToWav(fixture('note-long.amr'));
    expect(durationSeconds).toBeGreaterThan(60);
    expect(wav.length).toBe(44 + Math.round(durationSeconds * 8000) * 2);
  });

  it('decodes AMR-WB at 16 kHz (hand-built NO_DATA frames: this sox cannot encode WB)', async () => {
    const wb = Buffer.concat([Buffer.from('#!AMR-WB\n', 'latin1'), Buffer.alloc(50, 0x7c)]);
    const out = await amrToWav(wb);
    expect(out.sampleRate).toBe(16000);
    expect(out.durationSeconds).toBeCloseTo(1.0, 6); // 50 frames × 20 ms
    expect(readWavHeader(out.wav).byteRate).toBe(32000);
  });

  it.each([
    ['a WAV file', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(60)])],
    ['an empty buffer', Buffer.alloc(0)],
    ['the magic without its newline', Buffer.from('#!AMR')],
    ['a JSON error body', Buffer.from('{"errcode":40007,"errmsg":"invalid media_id"}')],
  ])('rejects %s as not AMR', async (_, bytes) => {
    const e = await amrToWav(bytes).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AudioDecodeError);
    expect(e).toMatchObject({ retryable: false, message: expect.stringMatching(/not an AMR file/) });
  });

  it('rejects an AMR header with no frames', async () => {
    await expect(amrToWav(Buffer.from('#!AMR\n', 'latin1'))).rejects.toThrow(/no audio frames/);
  });
});

describe('encodeWav', () => {
  it('clamps to 16-bit without wrapping +1.0', () => {
    const wav = encodeWav(new Float32Array([1, -1, 0.5, 1.5, -2, 0]), 8000);
    const pcm = Array.from({ length: 6 }, (_, i) => wav.readInt16LE(44 + i * 2));
    expect(pcm).toEqual([32767, -32768, 16384, 32767, -32768, 0]);
  });
});
