// AMR (WeCom voice notes) → 16-bit PCM mono WAV, in-process with opencore-amr WASM.
// Whisper-style ASR APIs reject AMR but accept 8 kHz WAV, so the source rate is kept (no resampling).
import decodeAmr from '@audio/decode-amr';
import { AppError } from '../../shared/errors.js';

export interface AmrWav {
  wav: Buffer;
  sampleRate: number;
  durationSeconds: number;
}

/** Bytes that are not decodable AMR. Retrying cannot help, hence `retryable: false`. */
export class AudioDecodeError extends AppError {
  readonly retryable = false;

  constructor(message: string) {
    super('audio_decode_error', message, { status: 422, expose: false });
    this.name = 'AudioDecodeError';
  }
}

// RFC 4867 §5 storage-format magic; the decoder silently returns nothing for anything else.
const AMR_NB_MAGIC = Buffer.from('#!AMR\n', 'latin1');
const AMR_WB_MAGIC = Buffer.from('#!AMR-WB\n', 'latin1');
const WAV_HEADER_BYTES = 44;

export function amrFlavour(bytes: Uint8Array): 'nb' | 'wb' | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(0, AMR_WB_MAGIC.length).equals(AMR_WB_MAGIC)) return 'wb';
  if (b.subarray(0, AMR_NB_MAGIC.length).equals(AMR_NB_MAGIC)) return 'nb';
  return null;
}

/**
 * Decodes AMR-NB (8 kHz) or AMR-WB (16 kHz). DTX comfort-noise (SID) and NO_DATA frames decode to
 * their 20 ms of audio, so durations match the file's frame count (ffmpeg's decoder drops them).
 */
export async function amrToWav(amr: Uint8Array): Promise<AmrWav> {
  if (!amrFlavour(amr)) throw new AudioDecodeError('not an AMR file (missing #!AMR / #!AMR-WB header)');
  const { channelData, sampleRate } = await decodeAmr(amr);
  const samples = channelData[0];
  if (!samples || samples.length === 0 || sampleRate <= 0) throw new AudioDecodeError('AMR file has no audio frames');
  return { wav: encodeWav(samples, sampleRate), sampleRate, durationSeconds: samples.length / sampleRate };
}

/** Canonical 44-byte RIFF/WAVE header + little-endian 16-bit mono PCM. */
export function encodeWav(samples: Float32Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(WAV_HEADER_BYTES + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16); // fmt chunk size for PCM
  out.writeUInt16LE(1, 20); // audio format 1 = integer PCM
  out.writeUInt16LE(1, 22); // channels
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28); // byte rate = rate × block align
  out.writeUInt16LE(2, 32); // block align = channels × 2 bytes
  out.writeUInt16LE(16, 34); // bits per sample
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0, o = WAV_HEADER_BYTES; i < samples.length; i++, o += 2) {
    // The decoder can reach exactly ±1.0; clamp so +1.0 does not wrap to -32768.
    const s = Math.max(-1, Math.min(1, samples[i]!));
    out.writeInt16LE(s < 0 ? Math.round(s * 32768) : Math.round(s * 32767), o);
  }
  return out;
}
