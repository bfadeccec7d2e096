// The file name a download's Content-Disposition gives (WeCom media/get, DingTalk's file links).
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
