// RIFF/WAVE header reader for WAV voice notes that go to the ASR unchanged: the header is checked
// well enough that a file whose numbers do not add up is refused here, and its length is known
// before anything is uploaded. Pure; no decoding.

export interface WavInfo {
  /** WAVE format tag: 1 integer PCM, 3 IEEE float, 6 A-law, 7 µ-law …; WAVE_FORMAT_EXTENSIBLE is resolved to its sub-format. */
  formatTag: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
  /** Bytes of audio actually present (a declared size past the end of the file counts what is there). */
  dataBytes: number;
  durationSeconds: number;
}

const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;

export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE';
}

/**
 * Format and length from the `fmt ` and `data` chunks (other chunks, e.g. LIST, are skipped). A data
 * size larger than the file, or the 0xFFFFFFFF of a streamed recording, counts the bytes present.
 * `problem` says why a RIFF/WAVE file is not one we can vouch for; null when it is not RIFF/WAVE at all.
 */
export function readWavInfo(bytes: Uint8Array): WavInfo | { problem: string } | null {
  if (!isWav(bytes)) return null;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | null = null;
  // Each step moves at least 8 bytes, so even a file of empty chunks is walked in bounded time.
  for (let off = 12; off + 8 <= b.length; ) {
    const id = b.toString('latin1', off, off + 4);
    const size = b.readUInt32LE(off + 4);
    const body = off + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > b.length) return { problem: 'WAV fmt chunk is truncated' };
      fmt = {
        formatTag: b.readUInt16LE(body),
        channels: b.readUInt16LE(body + 2),
        sampleRate: b.readUInt32LE(body + 4),
        byteRate: b.readUInt32LE(body + 8),
        blockAlign: b.readUInt16LE(body + 12),
        bitsPerSample: b.readUInt16LE(body + 14),
      };
      // WAVE_FORMAT_EXTENSIBLE carries the real format in the first two bytes of its sub-format GUID.
      if (fmt.formatTag === EXTENSIBLE && size >= 40 && body + 26 <= b.length) fmt.formatTag = b.readUInt16LE(body + 24);
      const problem = fmtProblem(fmt);
      if (problem) return { problem };
    }
    if (id === 'data') {
      // The spec puts fmt first; without it the data cannot be timed.
      if (!fmt) return { problem: 'WAV data chunk comes before any fmt chunk' };
      const dataBytes = Math.min(size, b.length - body);
      return { ...fmt, dataBytes, durationSeconds: dataBytes / fmt.byteRate };
    }
    off = body + size + (size % 2); // chunks are word-aligned
  }
  return { problem: fmt ? 'WAV file has no data chunk' : 'WAV file has no fmt chunk' };
}

function fmtProblem(f: Omit<WavInfo, 'dataBytes' | 'durationSeconds'>): string | null {
  if (f.channels < 1 || f.channels > 16) return `WAV has ${f.channels} channels`;
  if (f.sampleRate < 1000 || f.sampleRate > 384_000) return `WAV sample rate ${f.sampleRate} Hz is implausible`;
  if (f.byteRate === 0 || f.blockAlign === 0) return 'WAV byte rate or block align is zero';
  // For uncompressed audio the three numbers must agree, or the duration we read would be wrong.
  if (f.formatTag === PCM || f.formatTag === IEEE_FLOAT) {
    const frameBytes = f.channels * Math.ceil(f.bitsPerSample / 8);
    if (f.bitsPerSample < 8 || f.bitsPerSample > 64 || f.blockAlign !== frameBytes || f.byteRate !== f.sampleRate * f.blockAlign) {
      return `WAV header is inconsistent (${f.channels} ch, ${f.bitsPerSample} bit, block ${f.blockAlign}, ${f.byteRate} B/s at ${f.sampleRate} Hz)`;
    }
  }
  return null;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}
