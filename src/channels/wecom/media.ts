// WeCom temporary media download (GET /cgi-bin/media/get, platforms.md §2.4): voice notes arrive
// as a MediaId that is valid for 3 days; the bytes are AMR 8 kHz (WC/90255).
import type { ChannelMedia, DownloadedMedia } from '../channel.js';
import { fileNameFrom } from '../file-name.js';
import type { WecomClient } from './client.js';
import { WecomApiError } from './errors.js';

const MEDIA_GET = '/cgi-bin/media/get';
/**
 * Voice notes only come this way. WeCom limits voice media to 2 MB (WC/96484) and a 60 s AMR note is
 * about 100 KB, so anything bigger is not a voice note: the download is aborted at 2 MB.
 */
export const WECOM_VOICE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Downloads one media file. Throws WecomApiError: 40007 (invalid or expired media_id) is
 * 'permanent'; a rejected token has already been refreshed and retried once by the client.
 * MediaTooLargeError past WECOM_VOICE_MAX_BYTES.
 */
export async function downloadWecomMedia(client: Pick<WecomClient, 'download'>, mediaId: string): Promise<DownloadedMedia> {
  const res = await client.download(MEDIA_GET, { media_id: mediaId }, { maxBytes: WECOM_VOICE_MAX_BYTES });
  // WeCom refuses to store files of ≤5 bytes, so an empty answer is a broken transfer, not a file.
  if (res.bytes.length === 0) {
    throw new WecomApiError(`wecom ${MEDIA_GET} returned an empty body`, { failureClass: 'retryable', path: MEDIA_GET });
  }
  const contentType = res.contentType.split(';')[0]!.trim() || 'application/octet-stream';
  return { bytes: res.bytes, contentType, fileName: fileNameFrom(res.contentDisposition) };
}

/** The ChannelMedia seam for main.ts. */
export function createWecomMedia(client: Pick<WecomClient, 'download'>): ChannelMedia {
  return { downloadMedia: (mediaId) => downloadWecomMedia(client, mediaId) };
}
