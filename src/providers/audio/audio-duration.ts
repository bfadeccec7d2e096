// Durations read from the container without decoding, so an oversized note is refused in microseconds
// instead of costing seconds of decoder time and a WAV of hundreds of megabytes (issue 12: 5 MB of junk
// AMR decoded to 568 MB of WAV on the event loop).
import { readWavInfo } from './wav-info.js';

/** The longest note we decode and send to the ASR. WeCom caps a voice note at 60 s; 120 s leaves room. */
export const MAX_AUDIO_SECONDS = 120;

const AMR_FRAME_SECONDS = 0.02;
// Frame sizes in bytes including the one-byte header, by mode ((header >> 3) & 15) — the table the
// decoder (@audio/decode-amr, opencore-amr) walks with, so the count matches what it would decode.
const NB_SIZES = [13, 14, 16, 18, 20, 21, 27, 32, 6, 6, 6, 6, 1, 1, 1, 1];
const WB_SIZES = [18, 24, 33, 37, 41, 47, 51, 59, 61, 6, 1, 1, 1, 1, 1, 1];
const NB_MAGIC = '#!AMR\n';
const WB_MAGIC = '#!AMR-WB\n';

/**
 * Seconds of audio in an AMR-NB/WB storage file (RFC 4867 §5): 20 ms per whole frame, including DTX
 * and NO_DATA frames as the decoder emits them; a truncated last frame does not count. Counting stops
 * just past `stopAfterSeconds`, so a huge file costs no more than a long-enough one. Null when the
 * bytes are not AMR.
 */
export function amrDurationSeconds(bytes: Uint8Array, stopAfterSeconds = Infinity): number | null {
  const magic = startsWith(bytes, WB_MAGIC) ? WB_MAGIC : startsWith(bytes, NB_MAGIC) ? NB_MAGIC : null;
  if (!magic) return null;
  const sizes = magic === WB_MAGIC ? WB_SIZES : NB_SIZES;
  const maxFrames = stopAfterSeconds / AMR_FRAME_SECONDS;
  let frames = 0;
  for (let off = magic.length; off < bytes.length && frames <= maxFrames; frames++) {
    const size = sizes[(bytes[off]! >> 3) & 0x0f]!;
    if (off + size > bytes.length) break;
    off += size;
  }
  return frames * AMR_FRAME_SECONDS;
}

/**
 * Seconds of audio in a RIFF/WAVE file from its `fmt ` byte rate and `data` chunk size. A data size
 * larger than the file (or the 0xFFFFFFFF of a streamed recording) counts what is actually there.
 * Null when the header is not a readable WAV.
 */
export function wavDurationSeconds(bytes: Uint8Array): number | null {
  const info = readWavInfo(bytes);
  return info && !('problem' in info) ? info.durationSeconds : null;
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}
