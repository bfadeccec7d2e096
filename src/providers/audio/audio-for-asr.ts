// A voice note's bytes → the file the ASR gets. The format is sniffed from the bytes, never taken
// from the stored label: WeCom says "amr" for every voice note, but a file forwarded or uploaded by
// another client can be WAV or MP3. AMR is decoded to WAV (Whisper-style APIs reject AMR); WAV and
// MP3, which they accept, go through unchanged once their length is known to be under the cap.
import { amrFlavour, amrToWav } from './amr-to-wav.js';
import { MAX_AUDIO_SECONDS } from './audio-duration.js';
import { AudioDecodeError, AudioTooLongError } from './audio-errors.js';
import { isMp3, readMp3Info } from './mp3-info.js';
import { isWav, readWavInfo } from './wav-info.js';

export type AudioFormat = 'amr' | 'wav' | 'mp3';

export interface AsrAudio {
  bytes: Buffer;
  fileName: string;
  contentType: string;
  durationSeconds: number;
  /** What the bytes were, for logs. */
  format: AudioFormat;
}

/** The format from the magic numbers: `#!AMR`, RIFF/WAVE, or an ID3v2 tag / MPEG Layer III frame sync. */
export function sniffAudio(bytes: Uint8Array): AudioFormat | null {
  if (amrFlavour(bytes)) return 'amr';
  if (isWav(bytes)) return 'wav';
  if (isMp3(bytes)) return 'mp3';
  return null;
}

/**
 * Returns the file to send to the ASR. Throws AudioDecodeError for bytes that are none of the three
 * formats or whose header does not hold up, AudioTooLongError past `maxSeconds`; both permanent.
 */
export async function prepareAudioForAsr(bytes: Uint8Array, opts: { maxSeconds?: number } = {}): Promise<AsrAudio> {
  const maxSeconds = opts.maxSeconds ?? MAX_AUDIO_SECONDS;
  const format = sniffAudio(bytes);
  if (format === 'amr') {
    const wav = await amrToWav(bytes, { maxSeconds });
    return { bytes: wav.wav, fileName: 'note.wav', contentType: 'audio/wav', durationSeconds: wav.durationSeconds, format };
  }
  if (format === 'wav') {
    const seconds = checkLength(readWavInfo(bytes), 'WAV', maxSeconds);
    return { bytes: asBuffer(bytes), fileName: 'note.wav', contentType: 'audio/wav', durationSeconds: seconds, format };
  }
  if (format === 'mp3') {
    const seconds = checkLength(readMp3Info(bytes, maxSeconds), 'MP3', maxSeconds);
    return { bytes: asBuffer(bytes), fileName: 'note.mp3', contentType: 'audio/mpeg', durationSeconds: seconds, format };
  }
  throw new AudioDecodeError('not a supported audio file (expected AMR, WAV or MP3)');
}

/** A header reader's answer turned into the seconds to keep, or the error to throw. */
function checkLength(info: { durationSeconds: number } | { problem: string } | null, kind: string, maxSeconds: number): number {
  if (!info) throw new AudioDecodeError(`not a readable ${kind} file`);
  if ('problem' in info) throw new AudioDecodeError(info.problem);
  const seconds = info.durationSeconds;
  if (seconds <= 0) throw new AudioDecodeError(`${kind} file has no audio`);
  if (seconds > maxSeconds) throw new AudioTooLongError(seconds, maxSeconds);
  return seconds;
}

/** The same bytes as a Buffer, without a copy: passed through means byte for byte. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
