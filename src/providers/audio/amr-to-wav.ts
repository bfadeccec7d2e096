// AMR (WeCom voice notes) → 16-bit PCM mono WAV with opencore-amr WASM, in a worker thread.
// Whisper-style ASR APIs reject AMR but accept 8 kHz WAV, so the source rate is kept (no resampling).
// The duration is read from the frames first: a note over the cap is refused before any decoding.
import { AudioDecodeError, AudioTooLongError } from './audio-errors.js';
import { amrDurationSeconds, MAX_AUDIO_SECONDS } from './audio-duration.js';
import type { AmrDecodeRequest, AmrDecodeResponse } from './amr-decode-worker.js';
import { createWorkerThread, type WorkerThread } from './worker-thread.js';

export { AudioDecodeError, AudioTooLongError } from './audio-errors.js';
export { encodeWav } from './wav-encode.js';

export interface AmrWav {
  wav: Buffer;
  sampleRate: number;
  durationSeconds: number;
  /** The worker thread that decoded it (never the calling thread). */
  threadId: number;
}

export function amrFlavour(bytes: Uint8Array): 'nb' | 'wb' | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(0, 9).equals(Buffer.from('#!AMR-WB\n', 'latin1'))) return 'wb';
  if (b.subarray(0, 6).equals(Buffer.from('#!AMR\n', 'latin1'))) return 'nb';
  return null;
}

// One decoder thread for the process: a capped note decodes in tens of milliseconds, so one is
// enough, and it holds the only copy of the WASM heap. Stateless for callers, so nothing to reset.
let decoder: WorkerThread<AmrDecodeRequest, AmrDecodeResponse> | null = null;
const TS = import.meta.url.endsWith('.ts');

function decoderThread(): WorkerThread<AmrDecodeRequest, AmrDecodeResponse> {
  decoder ??= createWorkerThread({
    entry: new URL(`./amr-decode-worker.${TS ? 'ts' : 'js'}`, import.meta.url),
    failure: (message) => new AudioDecodeError(`AMR decoding failed: ${message}`),
  });
  return decoder;
}

/**
 * Decodes AMR-NB (8 kHz) or AMR-WB (16 kHz) of at most `maxSeconds`. DTX comfort-noise (SID) and
 * NO_DATA frames decode to their 20 ms of audio, so durations match the file's frame count (ffmpeg's
 * decoder drops them). Throws AudioDecodeError or AudioTooLongError, both permanent.
 */
export async function amrToWav(amr: Uint8Array, opts: { maxSeconds?: number } = {}): Promise<AmrWav> {
  const maxSeconds = opts.maxSeconds ?? MAX_AUDIO_SECONDS;
  const seconds = amrDurationSeconds(amr, maxSeconds);
  if (seconds === null) throw new AudioDecodeError('not an AMR file (missing #!AMR / #!AMR-WB header)');
  if (seconds === 0) throw new AudioDecodeError('AMR file has no audio frames');
  if (seconds > maxSeconds) throw new AudioTooLongError(seconds, maxSeconds);
  // A copy goes to the worker so the caller's buffer (often a slice of a larger one) stays usable.
  const copy = new Uint8Array(amr);
  const res = await decoderThread().run({ amr: copy }, [copy.buffer]);
  if (!res.ok) throw new AudioDecodeError(res.message);
  return {
    wav: Buffer.from(res.wav.buffer, res.wav.byteOffset, res.wav.byteLength),
    sampleRate: res.sampleRate,
    durationSeconds: res.samples / res.sampleRate,
    threadId: res.threadId,
  };
}
