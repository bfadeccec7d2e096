// Why a deal was lost (issue 15 item 8): a fixed list the rep picks from on a card, "other" with a word of
// their own. Ids are stored (migration 0019's check); labels live with the texts.

export const LOST_REASONS = ['price', 'competitor', 'budget', 'timing', 'product_fit', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

export const isLostReason = (v: unknown): v is LostReason => typeof v === 'string' && (LOST_REASONS as readonly string[]).includes(v);

/** Longest note kept: a word or a sentence, not an essay. */
export const LOST_NOTE_MAX_CHARS = 200;

/** The rep's free text as stored: one line, trimmed, capped; null when nothing is left. */
export function cleanLostNote(text: string): string | null {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length === 0) return null;
  return chars.length > LOST_NOTE_MAX_CHARS ? `${chars.slice(0, LOST_NOTE_MAX_CHARS - 1).join('')}…` : chars.join('');
}
