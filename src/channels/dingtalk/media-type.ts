// Content type from magic bytes (pure). DingTalk's temporary download URLs are object-storage links
// that often answer application/octet-stream, and the robot callback never states the audio codec.
const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'audio/amr-wb', test: (b) => startsWith(b, '#!AMR-WB\n') },
  { type: 'audio/amr', test: (b) => startsWith(b, '#!AMR\n') },
  { type: 'audio/silk', test: (b) => startsWith(b, '#!SILK') || startsWith(b, '\x02#!SILK') },
  { type: 'audio/ogg', test: (b) => startsWith(b, 'OggS') },
  { type: 'audio/wav', test: (b) => startsWith(b, 'RIFF') && b.subarray(8, 12).toString('latin1') === 'WAVE' },
  { type: 'audio/mpeg', test: (b) => startsWith(b, 'ID3') || (b.length > 1 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) },
  { type: 'audio/mp4', test: (b) => b.subarray(4, 12).toString('latin1') === 'ftypM4A ' },
  { type: 'video/mp4', test: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  { type: 'image/png', test: (b) => startsWith(b, '\x89PNG\r\n\x1a\n') },
  { type: 'image/jpeg', test: (b) => b.length > 2 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => startsWith(b, 'GIF8') },
];

export function sniffContentType(bytes: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(bytes))?.type ?? null;
}

/** The declared type unless it is missing or generic; then the sniffed one. */
export function resolveContentType(declared: string | undefined, bytes: Buffer): string {
  const base = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (base && base !== 'application/octet-stream' && base !== 'binary/octet-stream') return base;
  return sniffContentType(bytes) ?? (base || 'application/octet-stream');
}

function startsWith(b: Buffer, ascii: string): boolean {
  return b.length >= ascii.length && b.subarray(0, ascii.length).toString('latin1') === ascii;
}
