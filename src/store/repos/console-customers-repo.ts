// Read models for the console's 客户 pages: a filtered, paged customer list (owner, team, amount, topics)
// and one customer's timeline rows (touches, stage history with evidence, reports, commitments, visits).
import type { Queryable } from '../database.js';

export interface CustomerFilter {
  /** Owners the viewer may see; 'all' for an admin. */
  owners: 'all' | readonly string[];
  /** A stage id, or null for "no stage set" when `unstaged`. */
  stage?: string | null;
  unstaged?: boolean;
  ownerUserId?: string;
  teamKey?: string;
  /** Last touch (or creation, never touched) at or before this instant. */
  untouchedSince?: Date;
  topic?: string;
  /** Part of the name or of an alias. */
  q?: string;
  limit: number;
  offset: number;
}

export interface CustomerListRow {
  id: string;
  name: string;
  stage: string | null;
  ownerUserId: string;
  ownerName: string;
  teamKey: string | null;
  amount: number | null;
  lastTouchAt: Date | null;
  createdAt: Date;
  topics: string[];
}

const like = (s: string) => `%${s.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/** The owner's member team (a person is a member of one team at most). */
const OWNER_TEAM = `(select m.team_key from team_members m where m.tenant_id = c.tenant_id and m.user_id = c.owner_user_id and m.is_member
  order by m.team_key limit 1)`;

function where(f: CustomerFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length + 1}`;
  };
  const parts: string[] = [];
  if (f.owners !== 'all') parts.push(`c.owner_user_id = any(${add([...f.owners])}::text[])`);
  if (f.unstaged) parts.push('c.stage is null');
  else if (f.stage) parts.push(`c.stage = ${add(f.stage)}`);
  if (f.ownerUserId) parts.push(`c.owner_user_id = ${add(f.ownerUserId)}`);
  if (f.teamKey) {
    parts.push(`exists (select 1 from team_members m where m.tenant_id = c.tenant_id and m.user_id = c.owner_user_id and m.is_member and m.team_key = ${add(f.teamKey)})`);
  }
  if (f.untouchedSince) parts.push(`coalesce(c.last_touch_at, c.created_at) <= ${add(f.untouchedSince)}::timestamptz`);
  if (f.topic) parts.push(`exists (select 1 from touches t where t.tenant_id = c.tenant_id and t.customer_id = c.id and ${add(f.topic)} = any(t.topics))`);
  if (f.q) {
    const p = add(like(f.q));
    parts.push(`(c.name ilike ${p} or exists (select 1 from customer_aliases a where a.tenant_id = c.tenant_id and a.customer_id = c.id and a.alias ilike ${p}))`);
  }
  return { sql: ['c.tenant_id = $1', ...parts].join(' and '), params };
}

export async function searchCustomers(q: Queryable, tenantId: string, f: CustomerFilter): Promise<{ rows: CustomerListRow[]; total: number }> {
  const w = where(f);
  const total = (await q.query<{ n: number }>(`select count(*)::int as n from customers c where ${w.sql}`, [tenantId, ...w.params]))[0]!.n;
  const n = w.params.length + 1;
  const rows = await q.query<{
    id: string; name: string; stage: string | null; owner_user_id: string; owner_name: string | null; team_key: string | null;
    amount: number | null; last_touch_at: Date | null; created_at: Date; topics: string[] | null;
  }>(
    `select c.id, c.name, c.stage, c.owner_user_id, u.name as owner_name, ${OWNER_TEAM} as team_key,
       coalesce(c.amount, (select b.amount from battle_reports b where b.tenant_id = c.tenant_id and b.customer_id = c.id and b.amount is not null
         order by b.recorded_at desc limit 1))::float8 as amount,
       c.last_touch_at, c.created_at,
       (select array_agg(distinct x order by x) from touches t cross join lateral unnest(t.topics) as x
         where t.tenant_id = c.tenant_id and t.customer_id = c.id) as topics
     from customers c left join users u on u.tenant_id = c.tenant_id and u.id = c.owner_user_id
     where ${w.sql}
     order by c.last_touch_at desc nulls last, c.created_at desc, c.id
     limit $${n + 1} offset $${n + 2}`,
    [tenantId, ...w.params, f.limit, f.offset],
  );
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id, name: r.name, stage: r.stage, ownerUserId: r.owner_user_id, ownerName: r.owner_name ?? r.owner_user_id, teamKey: r.team_key,
      amount: r.amount === null ? null : Number(r.amount), lastTouchAt: r.last_touch_at ? new Date(r.last_touch_at) : null,
      createdAt: new Date(r.created_at), topics: r.topics ?? [],
    })),
  };
}

export interface Who {
  id: string;
  name: string;
}

export interface TimelineRows {
  touches: { id: string; kind: string; text: string | null; topics: string[]; at: Date; who: Who }[];
  stageChanges: { id: string; from: string | null; to: string; at: Date; who: Who; evidence: string | null; lostReason: string | null; lostNote: string | null }[];
  reports: { id: string; at: Date; who: Who; progress: string; nextAction: string | null; nextActionDue: string | null; rating: number | null; amount: number | null }[];
  commitments: {
    id: string; description: string; dueDate: string; status: string; at: Date; closedAt: Date | null; who: Who;
    /** Handed on (承诺穿透): to whom, as what, and where the hand-off stands. */
    handoff: { kind: string; status: string; handlerName: string | null } | null;
  }[];
  visits: { id: string; at: Date; who: Who; storeName: string; question: string; complianceNote: string | null }[];
}

/** Up to `limit` rows of each kind, newest first. `names`: the customer's name and aliases (visits carry a typed name only). */
export async function customerTimelineRows(q: Queryable, tenantId: string, customerId: string, names: readonly string[], limit = 200): Promise<TimelineRows> {
  const who = (alias: string) => `${alias}.user_id as who_id, coalesce(wu.name, ${alias}.user_id) as who_name`;
  const whoJoin = (alias: string, column = 'user_id') => `left join users wu on wu.tenant_id = ${alias}.tenant_id and wu.id = ${alias}.${column}`;
  type WhoCols = { who_id: string; who_name: string };
  const toWho = (r: WhoCols): Who => ({ id: r.who_id, name: r.who_name });
  const p = [tenantId, customerId, limit];
  const [touches, changes, reports, commitments, visits] = await Promise.all([
    // Stage taps are touches too (they show as stage history), and a report's touch shows as the report.
    q.query<WhoCols & { id: string; kind: string; text: string | null; topics: string[]; occurred_at: Date }>(
      `select t.id, t.kind, t.text, t.topics, t.occurred_at, ${who('t')} from touches t ${whoJoin('t')}
       where t.tenant_id = $1 and t.customer_id = $2 and t.kind <> 'stage_change'
         and not exists (select 1 from battle_reports b where b.tenant_id = t.tenant_id and b.touch_id = t.id)
       order by t.occurred_at desc limit $3`, p),
    q.query<WhoCols & { id: string; from_stage: string | null; to_stage: string; changed_at: Date; evidence: string | null; lost_reason: string | null; lost_note: string | null }>(
      `select s.id, s.from_stage, s.to_stage, s.changed_at, e.text as evidence, s.lost_reason, s.lost_note, ${who('s')} from stage_changes s ${whoJoin('s')}
       left join touches e on e.tenant_id = s.tenant_id and e.id = s.evidence_touch_id
       where s.tenant_id = $1 and s.customer_id = $2 order by s.changed_at desc, s.created_at desc limit $3`, p),
    q.query<WhoCols & { id: string; recorded_at: Date; progress: string; next_action: string | null; due: string | null; rating: number | null; amount: number | null }>(
      `select b.id, b.recorded_at, b.progress, b.next_action, b.next_action_due::text as due, b.rating, b.amount::float8 as amount, ${who('b')}
       from battle_reports b ${whoJoin('b')} where b.tenant_id = $1 and b.customer_id = $2 order by b.recorded_at desc limit $3`, p),
    q.query<WhoCols & {
      id: string; description: string; due: string; status: string; created_at: Date; closed_at: Date | null;
      handoff_kind: string | null; handoff_status: string | null; handler_name: string | null;
    }>(
      // A report's promise was made when the report was recorded (the row is written at confirmation).
      `select k.id, k.description, k.due_date::text as due, k.status,
         coalesce((select b.recorded_at from battle_reports b where b.tenant_id = k.tenant_id and b.id = k.report_id), k.created_at) as created_at,
         k.closed_at, k.owner_user_id as who_id,
         coalesce(wu.name, k.owner_user_id) as who_name,
         h.kind as handoff_kind, h.status as handoff_status, coalesce(hu.name, h.handler_user_id) as handler_name
       from commitments k ${whoJoin('k', 'owner_user_id')}
       left join handoffs h on h.tenant_id = k.tenant_id and h.commitment_id = k.id
       left join users hu on hu.tenant_id = h.tenant_id and hu.id = h.handler_user_id
       where k.tenant_id = $1 and k.customer_id = $2
       order by k.created_at desc limit $3`, p),
    q.query<WhoCols & { id: string; created_at: Date; store_name: string; question: string; compliance_note: string | null }>(
      `select v.id, v.created_at, s.name as store_name, v.question, v.compliance_note, ${who('v')}
       from store_visits v join stores s on s.tenant_id = v.tenant_id and s.key = v.store_key ${whoJoin('v')}
       where v.tenant_id = $1 and $2::text is not null and btrim(v.customer_name) = any($4::text[])
       order by v.created_at desc limit $3`, [...p, [...names]]),
  ]);
  return {
    touches: touches.map((r) => ({ id: r.id, kind: r.kind, text: r.text, topics: r.topics ?? [], at: new Date(r.occurred_at), who: toWho(r) })),
    stageChanges: changes.map((r) => ({
      id: r.id, from: r.from_stage, to: r.to_stage, at: new Date(r.changed_at), who: toWho(r), evidence: r.evidence, lostReason: r.lost_reason, lostNote: r.lost_note,
    })),
    reports: reports.map((r) => ({
      id: r.id, at: new Date(r.recorded_at), who: toWho(r), progress: r.progress, nextAction: r.next_action, nextActionDue: r.due,
      rating: r.rating, amount: r.amount === null ? null : Number(r.amount),
    })),
    commitments: commitments.map((r) => ({
      id: r.id, description: r.description, dueDate: r.due, status: r.status, at: new Date(r.created_at),
      closedAt: r.closed_at ? new Date(r.closed_at) : null, who: toWho(r),
      handoff: r.handoff_kind && r.handoff_status ? { kind: r.handoff_kind, status: r.handoff_status, handlerName: r.handler_name } : null,
    })),
    visits: visits.map((r) => ({ id: r.id, at: new Date(r.created_at), who: toWho(r), storeName: r.store_name, question: r.question, complianceNote: r.compliance_note })),
  };
}

/** Owner name and member team of one customer's owner. */
export async function ownerOf(q: Queryable, tenantId: string, ownerUserId: string): Promise<{ name: string; teamKey: string | null }> {
  const rows = await q.query<{ name: string | null; team_key: string | null }>(
    `select u.name, (select m.team_key from team_members m where m.tenant_id = $1 and m.user_id = $2 and m.is_member order by m.team_key limit 1) as team_key
     from (select 1) one left join users u on u.tenant_id = $1 and u.id = $2`,
    [tenantId, ownerUserId],
  );
  return { name: rows[0]?.name ?? ownerUserId, teamKey: rows[0]?.team_key ?? null };
}
