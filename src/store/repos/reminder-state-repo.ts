// Assembles the rules engine's snapshot from the store. Only rows that can be breached now are read:
// each rule family selects its candidates through its own partial index (migration 0005), so the sweep
// costs what is due, not what is stored. The engine re-checks every candidate exactly.
import { INBOUND_LEAD_SOURCES, type ReminderState } from '../../domain/reminders/snapshot.js';
import type { SweepCutoffs } from '../../domain/reminders/sweep-cutoffs.js';
import type { StageId } from '../../domain/stages/stage-ids.js';
import type { Queryable } from '../database.js';

export interface ReminderScope {
  /** Customers and commitments (the reminders job, 逾期). */
  customers: boolean;
  /** Whether each rep reported on the day starting here (the report nudge). */
  reportsSince?: Date;
  /** Only these owners (a manager's reps). */
  ownerUserIds?: readonly string[];
}

interface CustomerRow {
  id: string; name: string; owner_user_id: string; stage: StageId | null; source: string | null; has_visit: boolean; proposal_sent: boolean;
  /** Set when the customer came in through the lead intake (migration 0018): an inbound lead whatever its source. */
  lead_via: string | null;
  /** Epoch milliseconds. */
  stage_entered_at: number | null; first_inquiry_at: number | null; created_at: number; last_touch_at: number | null; first_contact_at: number | null;
}

// The open-customer predicate is spelled exactly as in the partial indexes so the planner matches them.
// It names the default won/lost ids: with a custom stage file it reads a superset, and the engine (which
// judges by rules.stages) drops closed deals itself.
const OPEN = `(stage is null or stage not in ('won', 'lost'))`;

/** Instants as epoch milliseconds: parsing a number is several times cheaper than a timestamptz text. */
const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8 as ${column}`;
const COLUMNS = [
  'id', 'name', 'owner_user_id', 'stage', 'source', 'lead_via', 'proposal_sent', 'has_visit',
  ...['first_inquiry_at', 'created_at', 'last_touch_at', 'stage_entered_at', 'first_contact_at'].map(ms),
].join(', ');

/**
 * One branch per rule family, each answered by its partial index; `union all` plus a de-duplication
 * here is cheaper than letting the database sort every candidate id for `union`.
 */
async function dueCustomers(q: Queryable, tenantId: string, cut: SweepCutoffs, owners: readonly string[] | null): Promise<CustomerRow[]> {
  const rows = await q.query<CustomerRow>(
    `select * from (
       select ${COLUMNS} from customers where tenant_id = $1 and ${OPEN} and coalesce(last_touch_at, created_at) <= $2
       union all
       select ${COLUMNS} from customers where tenant_id = $1 and first_contact_at is null and ${OPEN}
         and coalesce(first_inquiry_at, created_at) > $3 and coalesce(first_inquiry_at, created_at) <= $4 and (source = any($5) or lead_via is not null)
       union all
       select ${COLUMNS} from customers where tenant_id = $1 and not has_visit and not proposal_sent and ${OPEN}
         and coalesce(first_inquiry_at, created_at) > $6 and coalesce(first_inquiry_at, created_at) <= $7 and (stage is null or stage = any($8))
       union all
       select c.* from unnest($9::text[], $10::timestamptz[]) w(stage, before) cross join lateral (
         select ${COLUMNS} from customers where tenant_id = $1 and stage = w.stage and stage_entered_at <= w.before
           and (last_touch_at is null or last_touch_at <= stage_entered_at)) c
     ) due where $11::text[] is null or owner_user_id = any($11)`,
    [
      tenantId, cut.untouchedBefore, cut.uncontacted.after, cut.uncontacted.before, INBOUND_LEAD_SOURCES,
      cut.golden.after, cut.golden.before, cut.preProposalStages,
      cut.stageIdleBefore.map((s) => s.stage), cut.stageIdleBefore.map((s) => s.before), owners,
    ],
  );
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && (seen.add(r.id), true));
}

export async function loadReminderState(q: Queryable, tenantId: string, cut: SweepCutoffs, scope: ReminderScope): Promise<ReminderState> {
  const owners = scope.ownerUserIds ?? null;
  const customers = scope.customers ? await dueCustomers(q, tenantId, cut, owners) : [];
  const commitments = scope.customers
    ? await q.query<{
        id: string; customer_id: string | null; customer_name: string | null; customer_stage: StageId | null;
        owner_user_id: string; description: string; due: string;
      }>(
        // The customer is joined, not swept: it may have no breach of its own but still names the promise.
        `select k.id, k.customer_id, c.name as customer_name, c.stage as customer_stage, k.owner_user_id, k.description,
           k.due_date::text as due
         from commitments k left join customers c on c.id = k.customer_id
         where k.tenant_id = $1 and k.status = 'open' and k.due_date <= $2::date and ($3::text[] is null or k.owner_user_id = any($3))`,
        [tenantId, cut.commitmentsDueBy, owners],
      )
    : [];
  const reps = await q.query<{ id: string; team_key: string | null; reported: boolean | null }>(
    `select u.id, u.team_key,
       case when $2::timestamptz is null then null else exists (select 1 from battle_reports b
         where b.tenant_id = u.tenant_id and b.user_id = u.id and b.recorded_at >= $2) end as reported
     from users u where u.tenant_id = $1 and u.role = 'rep' and ($3::text[] is null or u.id = any($3))`,
    [tenantId, scope.reportsSince ?? null, owners],
  );
  return {
    customers: customers.map(toSnapshot),
    commitments: commitments.map((c) => ({
      id: c.id, customerId: c.customer_id, customerName: c.customer_name, customerStage: c.customer_stage,
      ownerUserId: c.owner_user_id, description: c.description, dueDate: c.due, status: 'open' as const,
    })),
    reps: reps.map((r) => ({ id: r.id, teamKey: r.team_key, reportedToday: r.reported })),
  };
}

const instant = (epochMs: number | null): Date | null => (epochMs === null ? null : new Date(epochMs));

function toSnapshot(c: CustomerRow) {
  return {
    id: c.id, name: c.name, ownerUserId: c.owner_user_id, stage: c.stage,
    stageEnteredAt: instant(c.stage_entered_at),
    isInboundLead: c.lead_via !== null || (c.source !== null && INBOUND_LEAD_SOURCES.includes(c.source)),
    firstInquiryAt: instant(c.first_inquiry_at),
    createdAt: new Date(c.created_at),
    lastTouchAt: instant(c.last_touch_at),
    firstContactAt: instant(c.first_contact_at),
    hasVisit: c.has_visit,
    proposalSent: c.proposal_sent,
  };
}

/** Records alerts by period key in one statement; returns the keys that were new (one alert per breach per day). */
export async function claimAlerts(q: Queryable, tenantId: string, alerts: readonly { periodKey: string; rule: string; subjectId: string }[]): Promise<Set<string>> {
  if (alerts.length === 0) return new Set();
  const rows = await q.query<{ period_key: string }>(
    `insert into alerts_sent (tenant_id, period_key, rule, subject_id)
     select $1, k, r, s from unnest($2::text[], $3::text[], $4::text[]) as a(k, r, s)
     on conflict do nothing returning period_key`,
    [tenantId, alerts.map((a) => a.periodKey), alerts.map((a) => a.rule), alerts.map((a) => a.subjectId)],
  );
  return new Set(rows.map((r) => r.period_key));
}
