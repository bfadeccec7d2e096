// WeCom temporary media download (GET /cgi-bin/media/get, platforms.md §2.4): voice notes arrive
// as a MediaId that is valid for 3 days; the bytes are AMR 8 kHz (WC/90255).
import type { ChannelMedia, DownloadedMedia } from '../channel.js';
import type { WecomClient } from './client.js';
import { WecomApiError } from './errors.js';

const MEDIA_GET = '/cgi-bin/media/get';

/**
 * Downloads one media file. Throws WecomApiError: 40007 (invalid or expired media_id) is
 * 'permanent'; a rejected token has already been refreshed and retried once by the client.
 */
export async function downloadWecomMedia(client: Pick<WecomClient, 'download'>, mediaId: string): Promise<DownloadedMedia> {
  const res = await client.download(MEDIA_GET, { media_id: mediaId });
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

/** `attachment; filename="MEDIA_ID.amr"` (WC/90254), also the RFC 6266 `filename*=UTF-8''…` form. */
export function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return basename(decodeURIComponent(extended[1]!.trim()));
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter below.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2] ?? '').trim();
  return name ? basename(name) : null;
}

// The name is later used for storage and logs; never let a header choose a directory.
function basename(name: string): string | null {
  const last = name.split(/[\\/]/).pop()?.trim() ?? '';
  return last && last !== '.' && last !== '..' ? last : null;
}
