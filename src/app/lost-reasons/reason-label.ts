// A stored reason id as people read it; a loss without a reason counts as 未填.
import { isLostReason } from '../../domain/lost-reasons/lost-reasons.js';
import { LOST_REASON_LABELS, lostTexts } from './lost-reason-texts.js';

export const reasonLabel = (key: string | null): string => (isLostReason(key) ? LOST_REASON_LABELS[key] : lostTexts.unknown);
