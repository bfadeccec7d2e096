// Worker-thread entry: AMR → WAV with opencore-amr WASM, off the event loop. Only amr-to-wav.ts starts
// it (through worker-thread.ts); the main thread never loads the decoder.
import { parentPort, threadId } from 'node:worker_threads';
import decodeAmr from '@audio/decode-amr';
import { encodeWav } from './wav-encode.js';

export interface AmrDecodeRequest {
  amr: Uint8Array;
}

export type AmrDecodeResponse =
  | { ok: true; wav: Uint8Array; sampleRate: number; samples: number; threadId: number }
  | { ok: false; message: string };

async function decode(req: AmrDecodeRequest): Promise<{ response: AmrDecodeResponse; transfer: ArrayBuffer[] }> {
  const { channelData, sampleRate } = await decodeAmr(req.amr);
  const samples = channelData[0];
  if (!samples || samples.length === 0 || sampleRate <= 0) return { response: { ok: false, message: 'AMR file has no audio frames' }, transfer: [] };
  const wav = encodeWav(samples, sampleRate);
  // A WAV of its own ArrayBuffer moves to the main thread without a copy; a pooled small one is copied.
  const own = wav.byteOffset === 0 && wav.byteLength === wav.buffer.byteLength;
  const bytes = own ? new Uint8Array(wav.buffer) : new Uint8Array(wav);
  return { response: { ok: true, wav: bytes, sampleRate, samples: samples.length, threadId }, transfer: [bytes.buffer as ArrayBuffer] };
}

parentPort?.on('message', (msg: { id: number; req: AmrDecodeRequest }) => {
  decode(msg.req).then(
    ({ response, transfer }) => parentPort!.postMessage({ id: msg.id, res: response }, transfer),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, res: { ok: false, message: `AMR decoding failed: ${(err as Error)?.message ?? String(err)}` } }),
  );
});
