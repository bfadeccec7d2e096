// Shapes of the 提醒与推送 answers (src/http/console/delivery-routes.ts).

export interface PushRules {
  timezone: string;
  rules: { id: string; label: string; text: string }[];
  stageWindows: { id: string; label: string; window: string | null }[];
  calendar: {
    workweek: string[];
    holidays: { from: string; to: string; days: number }[];
    extraWorkdays: string[];
    quietHours: { start: string; end: string; deliverAt: string } | null;
    nextDays: { date: string; weekday: string; workday: boolean }[];
  };
  schedules: { job: string; label: string; when: string }[];
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';

export interface OutboxRow {
  id: string;
  channel: string;
  recipient: { kind: 'person' | 'team' | 'group'; label: string; personId: string | null; teamKey: string | null };
  kind: string;
  summary: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
}

export interface AlertRow extends OutboxRow {
  audience: 'rep' | 'team';
  rules: { id: string; label: string }[];
}

export const STATUS_LABELS: Record<OutboxStatus, { text: string; type: 'info' | 'warning' | 'success' | 'danger' }> = {
  pending: { text: '待发送', type: 'warning' },
  sending: { text: '发送中', type: 'warning' },
  sent: { text: '已发送', type: 'success' },
  dead: { text: '发送失败', type: 'danger' },
};
