// Media upload over the AI-bot link: aibot_upload_media_init → _chunk (0-based, ≤ 512 KiB each before base64)
// → _finish → media_id (design §1 "Media upload"). Done here instead of WSClient.uploadMedia so refusals keep their
// errcode (the SDK turns chunk failures into Error strings) and so the outbox, not the SDK, owns retries.
import { createHash } from 'node:crypto';
import { WecomBotError } from './link-error.js';

export const UPLOAD_CHUNK_BYTES = 512 * 1024;
export const UPLOAD_MAX_CHUNKS = 100;

/** Sends one command on a fresh req_id and resolves with the ack's body; throws WecomBotError. */
export type LinkCommand = (cmd: string, body: object) => Promise<{ body?: any }>;

export async function uploadThroughFrames(
  command: LinkCommand, data: Buffer, opts: { type: 'image' | 'file' | 'voice' | 'video'; filename: string },
): Promise<string> {
  const totalChunks = Math.ceil(data.length / UPLOAD_CHUNK_BYTES);
  if (totalChunks === 0) throw new WecomBotError('refused', null, 'upload: empty file');
  if (totalChunks > UPLOAD_MAX_CHUNKS) throw new WecomBotError('refused', null, `upload: ${data.length} bytes is more than ${UPLOAD_MAX_CHUNKS} chunks`);
  const md5 = createHash('md5').update(data).digest('hex');
  const init = await command('aibot_upload_media_init', {
    type: opts.type, filename: opts.filename, total_size: data.length, total_chunks: totalChunks, md5,
  });
  const uploadId: unknown = init.body?.upload_id;
  if (typeof uploadId !== 'string' || uploadId === '') throw new WecomBotError('refused', null, 'upload: init answered without upload_id');
  for (let i = 0; i < totalChunks; i += 1) {
    const chunk = data.subarray(i * UPLOAD_CHUNK_BYTES, (i + 1) * UPLOAD_CHUNK_BYTES);
    await command('aibot_upload_media_chunk', { upload_id: uploadId, chunk_index: i, base64_data: chunk.toString('base64') });
  }
  const fin = await command('aibot_upload_media_finish', { upload_id: uploadId });
  const mediaId: unknown = fin.body?.media_id;
  if (typeof mediaId !== 'string' || mediaId === '') throw new WecomBotError('refused', null, 'upload: finish answered without media_id');
  return mediaId;
}
