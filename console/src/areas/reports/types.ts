// Shapes of the 战报 API (GET /console/api/reports, GET /console/api/reports/:id).
import type { Option } from '../customers/ui';

export interface ReportSummary {
  id: string;
  recordedAt: string;
  rep: { id: string; name: string };
  teamKey: string | null;
  customer: { id: string; name: string | null } | null;
  customerName: string | null;
  stage: string | null;
  stageLabel: string | null;
  progress: string;
  objections: { topic: string; topicLabel: string; quote: string }[];
  competitors: string[];
  amount: number | null;
  amountText: string | null;
  nextAction: string | null;
  nextActionDue: string | null;
  rating: number | null;
  knowledge: string | null;
  topics: Option[];
}

export interface ReportDetail extends ReportSummary {
  contact: string | null;
  paymentTermsDays: number | null;
  vaguePhrases: string[];
  transcript: string;
  ratedBy: { id: string; name: string } | null;
  ratedAt: string | null;
  canRate: boolean;
}

export interface ReportPage {
  items: ReportSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export type ReportTab = 'all' | 'knowledge' | 'benchmark';

export interface ReportFilters {
  q: string;
  userId: string;
  teamKey: string;
  from: string;
  to: string;
  topic: string;
  objection: string;
  competitor: string;
  stars: string;
}

export const FILTER_KEYS: (keyof ReportFilters)[] = ['q', 'userId', 'teamKey', 'from', 'to', 'topic', 'objection', 'competitor', 'stars'];
