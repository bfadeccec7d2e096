// The card that asks why a deal was lost: one button per reason (six, WeCom's maximum); DingTalk shows
// the same card as numbered choices (channels/dingtalk/choices.ts). The task id names the stage change.
import type { ButtonCard } from '../../channels/outbound-message.js';
import { isLostReason, LOST_REASONS, type LostReason } from '../../domain/lost-reasons/lost-reasons.js';
import { LOST_REASON_LABELS, lostTexts } from './lost-reason-texts.js';

export const LOST_KEY_PREFIX = 'lost:';
const TASK_PREFIX = 'lost-';

export function lostReasonCard(stageChangeId: string, customerName: string): ButtonCard {
  return {
    taskId: `${TASK_PREFIX}${stageChangeId}`,
    title: lostTexts.cardTitle(customerName),
    description: lostTexts.cardDesc,
    buttons: LOST_REASONS.map((r) => ({ key: `${LOST_KEY_PREFIX}${r}:${stageChangeId}`, text: LOST_REASON_LABELS[r] })),
  };
}

export function parseLostKey(key: string): { reason: LostReason; stageChangeId: string } | null {
  const m = /^lost:([a-z_]+):(.+)$/.exec(key);
  return m && isLostReason(m[1]) ? { reason: m[1], stageChangeId: m[2]! } : null;
}
