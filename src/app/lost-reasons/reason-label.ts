// A stored reason id as people read it; a loss without a reason counts as 未填.
import { isLostReason } from '../../domain/lost-reasons/lost-reasons.js';
import { LOST_REASON_LABELS, lostTexts } from './lost-reason-texts.js';

export const reasonLabel = (key: string | null): string => (isLostReason(key) ? LOST_REASON_LABELS[key] : lostTexts.unknown);

/** How a stored reason reads: the rep's own word for "其他", else the label. */
export function reasonText(reason: string | null, note: string | null): string {
  return reason === 'other' && note ? note : reasonLabel(reason);
}

/** The reason with the rep's detail, for the console's timeline: "价格(对方报价低两成)". */
export function reasonWithNote(reason: string | null, note: string | null): string {
  return reason === 'other' || !note ? reasonText(reason, note) : `${reasonLabel(reason)}(${note})`;
}
