// Voice-note audio for the ASR: AMR, WAV and MP3 told apart by their bytes, WAV and MP3 timed from
// their headers/frames (MPEG-1/2/2.5 Layer III tables, padding, Xing frames, resync) and passed
// through unchanged under the 120 s cap; everything else refused as undecodable.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AudioDecodeError, AudioTooLongError, encodeWav } from '../../src/providers/audio/amr-to-wav.js';
import { prepareAudioForAsr, sniffAudio } from '../../src/providers/audio/audio-for-asr.js';
import { id3v2Bytes, mp3DurationSeconds, mp3FrameHeader, readMp3Info } from '../../src/providers/audio/mp3-info.js';
import { readWavInfo } from '../../src/providers/audio/wav-info.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url));

// Frame headers built from the spec's bit layout: sync(11) version(2) layer(2) !crc(1) | bitrate(4)
// rate(2) padding(1) private(1) | mode(2) ext(2) copyright(1) original(1) emphasis(2).
const V = { '1': 3, '2': 2, '2.5': 0 } as const;
function header(version: keyof typeof V, bitrateIndex: number, rateIndex: number, opts: { padding?: boolean; mono?: boolean } = {}): Buffer {
  return Buffer.from([
    0xff,
    0xe0 | (V[version] << 3) | (1 << 1) | 1, // Layer III, no CRC
    (bitrateIndex << 4) | (rateIndex << 2) | (opts.padding ? 2 : 0),
    opts.mono ? 0xc0 : 0x40, // mono, or joint stereo
  ]);
}
/** One frame of digital silence: a header and all-zero side info and main data. */
function frame(h: Buffer): Buffer {
  const f = Buffer.alloc(mp3FrameHeader(h, 0)!.frameBytes);
  h.copy(f);
  return f;
}
/** MPEG-1 128 kbit/s 44.1 kHz, padded the way an encoder does (417.96 bytes a frame on average). */
function mpeg1Frames(n: number): Buffer {
  const frames: Buffer[] = [];
  for (let i = 0, slack = 0; i < n; i++) {
    slack += (144 * 128_000) % 44_100;
    const padding = slack >= 44_100;
    if (padding) slack -= 44_100;
    frames.push(frame(header('1', 9, 0, { padding })));
  }
  return Buffer.concat(frames);
}
/** MPEG-2.5 8 kbit/s 8 kHz mono: 72-byte frames of 72 ms, so a long note stays small. */
const mpeg25Frames = (n: number) => Buffer.concat(Array.from({ length: n }, () => frame(header('2.5', 1, 2, { mono: true }))));
function id3v2(bodyBytes: number, opts: { footer?: boolean } = {}): Buffer {
  const size = [21, 14, 7, 0].map((s) => (bodyBytes >> s) & 0x7f); // syncsafe
  const head = Buffer.from([0x49, 0x44, 0x33, 4, 0, opts.footer ? 0x10 : 0, ...size]);
  const foot = opts.footer ? Buffer.from([0x33, 0x44, 0x49, 4, 0, 0x10, ...size]) : Buffer.alloc(0);
  return Buffer.concat([head, Buffer.alloc(bodyBytes), foot]);
}
const id3v1 = () => Buffer.concat([Buffer.from('TAG', 'latin1'), Buffer.alloc(125, 0x20)]);
const MPEG1_FRAME_SECONDS = 1152 / 44_100;

describe('sniffAudio', () => {
  it('tells AMR, WAV and MP3 apart by their magic numbers', () => {
    expect(sniffAudio(fixture('note-short.amr'))).toBe('amr');
    expect(sniffAudio(encodeWav(new Float32Array(800), 8000))).toBe('wav');
    expect(sniffAudio(fixture('gsutil-test.mp3'))).toBe('mp3'); // ID3v2 tag first
    expect(sniffAudio(mpeg1Frames(3))).toBe('mp3'); // bare frames
    expect(sniffAudio(mpeg1Frames(1))).toBe('mp3'); // one frame that ends the file
  });

  it('recognises nothing else, including a lone frame sync in noise', () => {
    expect(sniffAudio(Buffer.alloc(0))).toBeNull();
    expect(sniffAudio(Buffer.from('这不是音频'))).toBeNull();
    expect(sniffAudio(Buffer.from('RIFF\x10\0\0\0AVI LIST', 'latin1'))).toBeNull();
    expect(sniffAudio(Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'))).toBeNull();
    expect(sniffAudio(Buffer.concat([header('1', 9, 0), Buffer.alloc(2000, 0x5a)]))).toBeNull();
    // Layer II is a different codec family; the voice path only takes Layer III.
    expect(sniffAudio(Buffer.from([0xff, 0xfd, 0x90, 0x44, ...Buffer.alloc(600)]))).toBeNull();
  });
});

describe('mp3FrameHeader', () => {
  it('reads the Layer III bitrate and sample-rate tables of MPEG-1, 2 and 2.5 and the padding byte', () => {
    expect(mp3FrameHeader(header('1', 9, 0), 0)).toMatchObject({ version: '1', bitrateKbps: 128, sampleRate: 44_100, frameBytes: 417, samples: 1152 });
    expect(mp3FrameHeader(header('1', 9, 0, { padding: true }), 0)).toMatchObject({ frameBytes: 418, padding: true });
    expect(mp3FrameHeader(header('1', 14, 2), 0)).toMatchObject({ bitrateKbps: 320, sampleRate: 32_000, frameBytes: 1440 });
    expect(mp3FrameHeader(header('1', 1, 1), 0)).toMatchObject({ bitrateKbps: 32, sampleRate: 48_000, frameBytes: 96 });
    expect(mp3FrameHeader(header('2', 8, 0, { mono: true }), 0)).toMatchObject({ version: '2', bitrateKbps: 64, sampleRate: 22_050, frameBytes: 208, samples: 576, mono: true });
    expect(mp3FrameHeader(header('2', 14, 2), 0)).toMatchObject({ bitrateKbps: 160, sampleRate: 16_000, frameBytes: 720 });
    expect(mp3FrameHeader(header('2.5', 1, 2), 0)).toMatchObject({ version: '2.5', bitrateKbps: 8, sampleRate: 8000, frameBytes: 72, samples: 576 });
    expect(mp3FrameHeader(header('2.5', 8, 0), 0)).toMatchObject({ sampleRate: 11_025, frameBytes: 417 });
  });

  it('refuses free-format and bad bitrates, the reserved rate, version and emphasis, and other layers', () => {
    expect(mp3FrameHeader(header('1', 0, 0), 0)).toBeNull();
    expect(mp3FrameHeader(header('1', 15, 0), 0)).toBeNull();
    expect(mp3FrameHeader(header('1', 9, 3), 0)).toBeNull();
    expect(mp3FrameHeader(Buffer.from([0xff, 0xeb, 0x90, 0x40]), 0)).toBeNull(); // version 01
    expect(mp3FrameHeader(Buffer.from([0xff, 0xfb, 0x90, 0x42]), 0)).toBeNull(); // emphasis 10
    expect(mp3FrameHeader(Buffer.from([0xff, 0xfd, 0x90, 0x40]), 0)).toBeNull(); // Layer II
    expect(mp3FrameHeader(Buffer.from([0xff, 0xfb, 0x90]), 0)).toBeNull(); // truncated
  });

  it('sizes ID3v2 tags from their syncsafe length, with the optional footer', () => {
    expect(id3v2Bytes(id3v2(300))).toBe(310);
    expect(id3v2Bytes(id3v2(300, { footer: true }))).toBe(320);
    expect(id3v2Bytes(Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0x80, 0]))).toBe(0); // not syncsafe
    expect(id3v2Bytes(mpeg1Frames(1))).toBe(0);
  });
});

describe('readMp3Info', () => {
  it('walks a real encoder file (ID3v2.4 + MPEG-2 64 kbit/s 22.05 kHz) to its exact frame count', () => {
    // 9 404 bytes of frames after a 32-byte tag; 208/209-byte frames of 576 samples (fixture README).
    expect(readMp3Info(fixture('gsutil-test.mp3'))).toEqual({ version: '2', sampleRate: 22_050, frames: 45, durationSeconds: (45 * 576) / 22_050, firstFrameOffset: 32 });
  });

  it('counts padded MPEG-1 frames between an ID3v2 tag (with footer) and an ID3v1 tag', () => {
    const file = Buffer.concat([id3v2(1000, { footer: true }), mpeg1Frames(100), id3v1()]);
    const info = readMp3Info(file) as { frames: number; durationSeconds: number; firstFrameOffset: number };
    expect(info.frames).toBe(100);
    expect(info.firstFrameOffset).toBe(1020);
    expect(info.durationSeconds).toBeCloseTo(100 * MPEG1_FRAME_SECONDS, 9);
    expect(mp3DurationSeconds(Buffer.concat([mpeg1Frames(1), id3v1()]))).toBeCloseTo(MPEG1_FRAME_SECONDS, 9);
  });

  it('skips padding left after an ID3 tag, an encoder Xing/Info frame, and a truncated last frame', () => {
    expect(readMp3Info(Buffer.concat([id3v2(20), Buffer.alloc(300), mpeg1Frames(10)]))).toMatchObject({ frames: 10, firstFrameOffset: 330 });
    const info = frame(header('1', 9, 0));
    info.write('Info', 4 + 32, 'latin1'); // stereo MPEG-1: 32 bytes of side info
    expect(readMp3Info(Buffer.concat([info, mpeg1Frames(10)]))).toMatchObject({ frames: 10 });
    const xingMono = frame(header('2.5', 1, 2, { mono: true }));
    xingMono.write('Xing', 4 + 9, 'latin1');
    expect(readMp3Info(Buffer.concat([xingMono, mpeg25Frames(5)]))).toMatchObject({ frames: 5 });
    expect(readMp3Info(Buffer.concat([mpeg1Frames(10), mpeg1Frames(1).subarray(0, 200)]))).toMatchObject({ frames: 10 });
  });

  it('resyncs past junk like a decoder, so frames hidden behind it still count', () => {
    const file = Buffer.concat([mpeg25Frames(10), Buffer.alloc(333, 0x5a), mpeg25Frames(20)]);
    expect(readMp3Info(file)).toMatchObject({ frames: 30 });
  });

  it('stops counting just past the limit, and says when an ID3 tag has no audio after it', () => {
    const long = mpeg25Frames(5000); // 360 s in 360 kB
    expect(mp3DurationSeconds(long)).toBeCloseTo(360, 6);
    const capped = mp3DurationSeconds(long, 120)!;
    expect(capped).toBeGreaterThan(120);
    expect(capped).toBeLessThan(120 + 0.1);
    expect(readMp3Info(Buffer.concat([id3v2(100), Buffer.alloc(5000, 0x5a)]))).toEqual({ problem: 'no MPEG Layer III frames after the ID3 tag' });
    expect(readMp3Info(Buffer.from('not audio at all'))).toBeNull();
  });
});

describe('readWavInfo', () => {
  it('reads format and length from the fmt and data chunks', () => {
    expect(readWavInfo(encodeWav(new Float32Array(16_000), 8000))).toEqual({
      formatTag: 1, channels: 1, sampleRate: 8000, byteRate: 16_000, blockAlign: 2, bitsPerSample: 16, dataBytes: 32_000, durationSeconds: 2,
    });
  });

  it('skips other chunks and counts only the data present', () => {
    const wav = encodeWav(new Float32Array(8000), 8000);
    const list = Buffer.concat([Buffer.from('LIST', 'latin1'), Buffer.from([5, 0, 0, 0]), Buffer.from('INFOx\0', 'latin1')]); // odd size + pad byte
    expect(readWavInfo(Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]))).toMatchObject({ durationSeconds: 1 });
    const streamed = Buffer.from(wav);
    streamed.writeUInt32LE(0xffffffff, 40);
    expect(readWavInfo(streamed)).toMatchObject({ durationSeconds: 1 });
    const extensible = Buffer.concat([wav.subarray(0, 16), Buffer.from([40, 0, 0, 0]), wav.subarray(20, 36), Buffer.alloc(24), wav.subarray(36)]);
    extensible.writeUInt16LE(0xfffe, 20);
    extensible.writeUInt16LE(1, 44); // sub-format GUID starts with the real format tag
    expect(readWavInfo(extensible)).toMatchObject({ formatTag: 1, durationSeconds: 1 });
  });

  it('refuses headers that do not add up, and is null for what is not RIFF/WAVE', () => {
    const wav = encodeWav(new Float32Array(8000), 8000);
    const lyingRate = Buffer.from(wav);
    lyingRate.writeUInt32LE(1000, 28); // a byte rate that would make 1 s look like 16 s
    expect(readWavInfo(lyingRate)).toHaveProperty('problem');
    const noChannels = Buffer.from(wav);
    noChannels.writeUInt16LE(0, 22);
    expect(readWavInfo(noChannels)).toHaveProperty('problem');
    expect(readWavInfo(wav.subarray(0, 36))).toEqual({ problem: 'WAV file has no data chunk' });
    const dataFirst = Buffer.concat([wav.subarray(0, 12), wav.subarray(36, 44), wav.subarray(12, 36)]);
    expect(readWavInfo(dataFirst)).toEqual({ problem: 'WAV data chunk comes before any fmt chunk' });
    expect(readWavInfo(wav.subarray(0, 30))).toEqual({ problem: 'WAV fmt chunk is truncated' });
    expect(readWavInfo(fixture('note-short.amr'))).toBeNull();
  });
});

describe('prepareAudioForAsr', () => {
  it('decodes AMR to WAV', async () => {
    const out = await prepareAudioForAsr(fixture('note-short.amr'));
    expect(out).toMatchObject({ format: 'amr', fileName: 'note.wav', contentType: 'audio/wav' });
    expect(out.durationSeconds).toBeCloseTo(3.74, 2);
    expect(readWavInfo(out.bytes)).toMatchObject({ sampleRate: 8000, durationSeconds: out.durationSeconds });
  });

  it('passes WAV through byte for byte, up to exactly 120 s', async () => {
    const wav = encodeWav(Float32Array.from({ length: 24_000 }, (_, i) => Math.sin(i / 5) / 2), 16_000);
    const out = await prepareAudioForAsr(new Uint8Array(wav));
    expect(out).toMatchObject({ format: 'wav', fileName: 'note.wav', contentType: 'audio/wav', durationSeconds: 1.5 });
    expect(out.bytes.equals(wav)).toBe(true);
    expect((await prepareAudioForAsr(encodeWav(new Float32Array(120 * 1000), 1000))).durationSeconds).toBe(120);
  });

  it('passes MP3 through as audio/mpeg', async () => {
    const mp3 = fixture('gsutil-test.mp3');
    const out = await prepareAudioForAsr(mp3);
    expect(out).toMatchObject({ format: 'mp3', fileName: 'note.mp3', contentType: 'audio/mpeg' });
    expect(out.durationSeconds).toBeCloseTo(1.1755, 4);
    expect(out.bytes.equals(mp3)).toBe(true);
  });

  it('refuses WAV and MP3 over 120 s as too long, before anything is sent', async () => {
    const longWav = await prepareAudioForAsr(encodeWav(new Float32Array(121 * 1000), 1000)).catch((e: unknown) => e);
    expect(longWav).toBeInstanceOf(AudioTooLongError);
    expect(longWav).toMatchObject({ retryable: false, code: 'audio_too_long', maxSeconds: 120 });
    const longMp3 = await prepareAudioForAsr(mpeg25Frames(Math.ceil(121 / 0.072))).catch((e: unknown) => e);
    expect(longMp3).toBeInstanceOf(AudioTooLongError);
    expect((longMp3 as AudioTooLongError).seconds).toBeGreaterThan(120);
    await expect(prepareAudioForAsr(mpeg25Frames(10), { maxSeconds: 0.5 })).rejects.toBeInstanceOf(AudioTooLongError);
  });

  it('refuses anything else as undecodable, whatever it claims to be', async () => {
    const wav = encodeWav(new Float32Array(8000), 8000);
    const badFmt = Buffer.from(wav);
    badFmt.writeUInt32LE(1000, 28);
    const cases: [string, Uint8Array][] = [
      ['garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24))],
      ['empty', Buffer.alloc(0)],
      ['text', Buffer.from('客户嫌贵')],
      ['ID3 tag without frames', Buffer.concat([id3v2(100), Buffer.alloc(500)])],
      ['WAV without data chunk', wav.subarray(0, 36)],
      ['WAV with an inconsistent header', badFmt],
      ['WAV with no samples', encodeWav(new Float32Array(0), 8000)],
    ];
    for (const [name, bytes] of cases) {
      const e = await prepareAudioForAsr(bytes).catch((err: unknown) => err);
      expect(e, name).toBeInstanceOf(AudioDecodeError);
      expect(e, name).toMatchObject({ retryable: false, code: 'audio_decode_error' });
    }
  });
});
