// Every Chinese word of the lost-reason card and its answers, and the reason labels.
import type { LostReason } from '../../domain/lost-reasons/lost-reasons.js';

export const LOST_REASON_LABELS: Record<LostReason, string> = {
  price: '价格',
  competitor: '竞品',
  budget: '预算',
  timing: '时机',
  product_fit: '产品不符',
  other: '其他',
};

export const lostTexts = {
  cardTitle: (customer: string) => `${customer} 丢单原因`,
  cardDesc: '主要是因为什么?选一个,方便团队复盘。',
  cardChosen: (label: string) => `丢单原因:${label}`,
  saved: (customer: string, label: string) => `已记下 ${customer} 的丢单原因:${label}。\n想补充一句细节,直接回复就行;不补充也没关系。`,
  /** Saved while a hand-off question waits for the rep's answer: no detail invited (the next text answers that). */
  savedDuringQuestion: (customer: string, label: string) => `已记下 ${customer} 的丢单原因:${label}。`,
  askOther: (customer: string) => `${customer} 丢单的原因是什么?说几个字就行。`,
  otherSaved: (customer: string, text: string) => `已记下 ${customer} 的丢单原因:${text}。`,
  noteSaved: (customer: string) => `补充已记到 ${customer} 的丢单原因里。`,
  skipped: '好的,不补充了。',
  otherSkipped: '好的,丢单原因记为「其他」。',
  already: (customer: string, label: string) => `${customer} 的丢单原因已经记过了:${label}。`,
  /** 漏斗's line: the reasons of the deals lost now. */
  funnelLine: (items: string) => `丢单原因:${items}`,
  unknown: '未填',
} as const;
