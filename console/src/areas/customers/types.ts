// Shapes of the 客户 API (GET /console/api/customers, GET /console/api/customers/:id).
import type { Option } from './ui';

export interface Who {
  id: string;
  name: string;
}

export interface CustomerRow {
  id: string;
  name: string;
  stage: string | null;
  stageLabel: string | null;
  owner: Who;
  teamKey: string | null;
  amount: number | null;
  amountText: string | null;
  lastTouchAt: string | null;
  untouchedDays: number;
  topics: Option[];
}

export interface CustomerPage {
  items: CustomerRow[];
  total: number;
  page: number;
  pageSize: number;
}

interface Item {
  id: string;
  at: string;
  who: Who;
}

export type TimelineItem =
  | (Item & { type: 'touch'; kind: string; kindLabel: string; text: string; topics: Option[] })
  | (Item & { type: 'stage'; from: string | null; fromLabel: string | null; to: string; toLabel: string; evidence: string | null; lostReason: string | null })
  | (Item & { type: 'report'; progress: string; nextAction: string | null; nextActionDue: string | null; rating: number | null; amountText: string | null })
  | (Item & { type: 'commitment'; description: string; dueDate: string; status: string; statusLabel: string; closedAt: string | null; handoff: string | null })
  | (Item & { type: 'visit'; storeName: string; question: string; complianceNote: string | null });

export interface CustomerDetail {
  id: string;
  name: string;
  stage: string | null;
  stageLabel: string | null;
  owner: Who;
  teamKey: string | null;
  amount: number | null;
  amountText: string | null;
  industry: string | null;
  lastTouchAt: string | null;
  untouchedDays: number;
  createdAt: string;
  aliases: { name: string; merged: boolean; createdAt: string }[];
  can: { rename: boolean; merge: boolean; reassign: boolean };
  timeline: TimelineItem[];
}

/** Filters of the list, as they sit in the page's query string. */
export interface CustomerFilters {
  q: string;
  stage: string;
  ownerUserId: string;
  teamKey: string;
  untouchedDays: string;
  topic: string;
}

export const FILTER_KEYS: (keyof CustomerFilters)[] = ['q', 'stage', 'ownerUserId', 'teamKey', 'untouchedDays', 'topic'];
