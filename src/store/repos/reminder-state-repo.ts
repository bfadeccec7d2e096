// Assembles the rules engine's snapshot from the store: open customers with their stage entry, first
// contact and visit facts; open commitments; reps and whether they reported on the evaluated day.
import type { ReminderState } from '../../domain/reminders/snapshot.js';
import type { StageId } from '../../domain/stages/stage-ids.js';
import type { Queryable } from '../database.js';

/** Sources that mean the lead came in by itself and is owed a first contact within hours. */
const INBOUND_SOURCES = ['form', 'hotline', 'campaign', 'qr', 'website', 'inbound'];

export async function loadReminderState(q: Queryable, tenantId: string, dayStart: Date): Promise<ReminderState> {
  const customers = await q.query<{
    id: string; name: string; owner_user_id: string; stage: StageId | null; stage_entered_at: Date | null; source: string | null;
    first_inquiry_at: Date | null; created_at: Date; last_touch_at: Date | null; first_contact_at: Date | null;
    has_visit: boolean; proposal_sent: boolean;
  }>(
    `select c.id, c.name, c.owner_user_id, c.stage, c.source, c.first_inquiry_at, c.created_at, c.last_touch_at,
       s.stage_entered_at, coalesce(s.proposal_sent, false) as proposal_sent,
       t.first_contact_at, coalesce(t.has_visit, false) as has_visit
     from customers c
     left join (select customer_id, max(changed_at) as stage_entered_at,
                  bool_or(to_stage in ('demo', 'negotiation', 'contract', 'won')) as proposal_sent
                from stage_changes where tenant_id = $1 group by customer_id) s on s.customer_id = c.id
     left join (select customer_id, min(occurred_at) as first_contact_at, bool_or(kind = 'visit') as has_visit
                from touches where tenant_id = $1 and customer_id is not null group by customer_id) t on t.customer_id = c.id
     where c.tenant_id = $1 and (c.stage is null or c.stage not in ('won', 'lost'))`,
    [tenantId],
  );
  const commitments = await q.query<{ id: string; customer_id: string | null; owner_user_id: string; description: string; due: string }>(
    `select id, customer_id, owner_user_id, description, due_date::text as due from commitments where tenant_id = $1 and status = 'open'`,
    [tenantId],
  );
  const reps = await q.query<{ id: string; team_key: string | null; reported: boolean }>(
    `select u.id, u.team_key, exists (select 1 from battle_reports b where b.tenant_id = u.tenant_id and b.user_id = u.id
       and b.recorded_at >= $2) as reported
     from users u where u.tenant_id = $1 and u.role = 'rep'`,
    [tenantId, dayStart],
  );
  return {
    customers: customers.map((c) => ({
      id: c.id, name: c.name, ownerUserId: c.owner_user_id, stage: c.stage,
      stageEnteredAt: c.stage_entered_at ? new Date(c.stage_entered_at) : null,
      isInboundLead: c.source !== null && INBOUND_SOURCES.includes(c.source),
      firstInquiryAt: c.first_inquiry_at ? new Date(c.first_inquiry_at) : null,
      createdAt: new Date(c.created_at),
      lastTouchAt: c.last_touch_at ? new Date(c.last_touch_at) : null,
      firstContactAt: c.first_contact_at ? new Date(c.first_contact_at) : null,
      hasVisit: c.has_visit,
      proposalSent: c.proposal_sent,
    })),
    commitments: commitments.map((c) => ({
      id: c.id, customerId: c.customer_id, ownerUserId: c.owner_user_id, description: c.description, dueDate: c.due, status: 'open' as const,
    })),
    reps: reps.map((r) => ({ id: r.id, teamKey: r.team_key, reportedToday: r.reported })),
  };
}

/** Records alerts by period key; returns the keys that were new (one alert per breach per day). */
export async function claimAlerts(q: Queryable, tenantId: string, alerts: readonly { periodKey: string; rule: string; subjectId: string }[]): Promise<Set<string>> {
  const fresh = new Set<string>();
  for (const a of alerts) {
    const n = await q.execute(
      `insert into alerts_sent (tenant_id, period_key, rule, subject_id) values ($1, $2, $3, $4) on conflict do nothing`,
      [tenantId, a.periodKey, a.rule, a.subjectId],
    );
    if (n > 0) fresh.add(a.periodKey);
  }
  return fresh;
}
