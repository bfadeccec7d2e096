// 16-bit PCM mono WAV writer, shared by the decode worker and anything that needs a WAV from samples.
const WAV_HEADER_BYTES = 44;

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
