// MP3 (MPEG-1/2/2.5 Layer III) length from its frame headers, without decoding: MP3 has no length
// field we could trust (a Xing/VBRI count is written by the encoder and may lie), so every frame
// header is walked and counted, as a decoder would, stopping just past the cap. Pure.

export type MpegVersion = '1' | '2' | '2.5';

export interface Mp3FrameHeader {
  version: MpegVersion;
  sampleRate: number;
  bitrateKbps: number;
  padding: boolean;
  mono: boolean;
  /** Whole frame in bytes, header included. */
  frameBytes: number;
  /** PCM samples per channel the frame decodes to. */
  samples: number;
}

export interface Mp3Info {
  version: MpegVersion;
  sampleRate: number;
  /** Audio frames counted (an encoder's Xing/Info/VBRI frame is not audio and is not counted). */
  frames: number;
  durationSeconds: number;
  /** Where the first frame starts (after any ID3v2 tag). */
  firstFrameOffset: number;
}

// Layer III bitrates in kbit/s by the header's 4-bit index; 0 is "free format" and 15 is invalid,
// both refused (a free-format frame's length cannot be read from its header).
const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0];
const SAMPLE_RATES: Record<MpegVersion, number[]> = { '1': [44100, 48000, 32000], '2': [22050, 24000, 16000], '2.5': [11025, 12000, 8000] };
const VERSIONS: (MpegVersion | null)[] = ['2.5', null, '2', '1']; // by the header's 2-bit version id
/** After an ID3v2 tag some encoders leave padding the tag's size does not cover; look this far for frame one. */
const MAX_SKIP_AFTER_TAG = 4096;
const ID3V1_BYTES = 128;

/** The Layer III frame header at `off`, or null when the four bytes there are not one. */
export function mp3FrameHeader(b: Uint8Array, off: number): Mp3FrameHeader | null {
  if (off < 0 || off + 4 > b.length || b[off] !== 0xff || (b[off + 1]! & 0xe0) !== 0xe0) return null;
  const version = VERSIONS[(b[off + 1]! >> 3) & 3];
  const layer = (b[off + 1]! >> 1) & 3;
  if (!version || layer !== 1) return null; // layer bits 01 = Layer III
  const kbps = (version === '1' ? BITRATES_V1 : BITRATES_V2)[b[off + 2]! >> 4]!;
  const sampleRate = SAMPLE_RATES[version][(b[off + 2]! >> 2) & 3];
  if (!kbps || !sampleRate || (b[off + 3]! & 3) === 2) return null; // emphasis 10 is reserved
  const padding = ((b[off + 2]! >> 1) & 1) === 1;
  // MPEG-1 frames carry 1152 samples, MPEG-2/2.5 (the low-rate extensions) 576: bytes = samples/8 × bitrate / rate.
  const samples = version === '1' ? 1152 : 576;
  const frameBytes = Math.floor(((samples / 8) * kbps * 1000) / sampleRate) + (padding ? 1 : 0);
  return { version, sampleRate, bitrateKbps: kbps, padding, mono: b[off + 3]! >> 6 === 3, frameBytes, samples };
}

/** Bytes taken by the ID3v2 tag at `off` (header, body, optional footer), or 0 when there is none. */
export function id3v2Bytes(b: Uint8Array, off = 0): number {
  if (off + 10 > b.length || b[off] !== 0x49 || b[off + 1] !== 0x44 || b[off + 2] !== 0x33) return 0; // "ID3"
  if (b[off + 3] === 0xff || b[off + 4] === 0xff) return 0;
  const size = [6, 7, 8, 9].reduce((n, i) => (n === -1 || b[off + i]! >= 0x80 ? -1 : (n << 7) | b[off + i]!), 0); // syncsafe
  if (size < 0) return 0;
  return 10 + size + (b[off + 5]! & 0x10 ? 10 : 0);
}

/** True when the bytes open with an ID3v2 tag or an MPEG Layer III frame that a second one follows. */
export function isMp3(bytes: Uint8Array): boolean {
  return id3v2Bytes(bytes) > 0 || findFrame(bytes, 0, 0, null) === 0;
}

/**
 * Counts the Layer III frames after any ID3v2 tag(s). Junk between frames (a trailing ID3v1 or APE
 * tag, a damaged stretch) is skipped the way a decoder resyncs, so frames hidden past it still
 * count. Counting stops just past `stopAfterSeconds`. Null when the bytes are not MP3 at all;
 * `problem` when they start like one (an ID3 tag) but hold no frames.
 */
export function readMp3Info(bytes: Uint8Array, stopAfterSeconds = Infinity): Mp3Info | { problem: string } | null {
  let start = 0;
  for (let tag = id3v2Bytes(bytes, start); tag > 0; tag = id3v2Bytes(bytes, start)) start += tag;
  const first = findFrame(bytes, start, start > 0 ? MAX_SKIP_AFTER_TAG : 0, null);
  if (first < 0) return start > 0 ? { problem: 'no MPEG Layer III frames after the ID3 tag' } : null;
  const ref = mp3FrameHeader(bytes, first)!;
  const secondsPerFrame = ref.samples / ref.sampleRate;
  let frames = isEncoderInfoFrame(bytes, first, ref) ? -1 : 0;
  for (let off = first; off + 4 <= bytes.length && frames * secondsPerFrame <= stopAfterSeconds; ) {
    const h = mp3FrameHeader(bytes, off);
    if (h && sameStream(h, ref) && off + h.frameBytes <= bytes.length) {
      frames++;
      off += h.frameBytes;
      continue;
    }
    off = findFrame(bytes, off + 1, Infinity, ref);
    if (off < 0) break;
  }
  frames = Math.max(frames, 0);
  return { version: ref.version, sampleRate: ref.sampleRate, frames, durationSeconds: frames * secondsPerFrame, firstFrameOffset: first };
}

/** Seconds of audio in an MP3 file (see readMp3Info); null when it is not a readable MP3. */
export function mp3DurationSeconds(bytes: Uint8Array, stopAfterSeconds = Infinity): number | null {
  const info = readMp3Info(bytes, stopAfterSeconds);
  return info && !('problem' in info) ? info.durationSeconds : null;
}

/**
 * The first offset in [from, from + maxSkip] holding a frame header that is confirmed by what
 * follows the frame: another header of the same stream, the end of the file, or an ID3v1 tag that
 * ends it. One header alone is two bytes of 0xFFFx, too easily found in noise. -1 when none.
 */
function findFrame(b: Uint8Array, from: number, maxSkip: number, ref: Mp3FrameHeader | null): number {
  const last = Math.min(from + maxSkip, b.length - 4);
  for (let off = from; off <= last; off++) {
    if (b[off] !== 0xff) continue;
    const h = mp3FrameHeader(b, off);
    if (!h || (ref && !sameStream(h, ref))) continue;
    const next = off + h.frameBytes;
    if (next === b.length || (next + ID3V1_BYTES === b.length && isId3v1(b, next))) return off;
    const n = mp3FrameHeader(b, next);
    if (n && sameStream(n, h)) return off;
  }
  return -1;
}

function sameStream(a: Mp3FrameHeader, b: Mp3FrameHeader): boolean {
  return a.version === b.version && a.sampleRate === b.sampleRate;
}

/** LAME/Xing ("Xing", "Info") or Fraunhofer ("VBRI") header: a frame of metadata decoders skip. */
function isEncoderInfoFrame(b: Uint8Array, off: number, h: Mp3FrameHeader): boolean {
  // The Xing tag sits after the side information, whose size depends on version and channel count.
  const sideInfo = h.version === '1' ? (h.mono ? 17 : 32) : h.mono ? 9 : 17;
  const tag = (at: number) => String.fromCharCode(...b.subarray(at, at + 4));
  const xing = tag(off + 4 + sideInfo);
  return xing === 'Xing' || xing === 'Info' || tag(off + 36) === 'VBRI';
}

function isId3v1(b: Uint8Array, off: number): boolean {
  return b[off] === 0x54 && b[off + 1] === 0x41 && b[off + 2] === 0x47; // "TAG"
}
