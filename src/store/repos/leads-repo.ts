// Leads (migration 0018): lead sources with their hook token and secret, the round-robin cursor per
// team, every lead received, and the open leads of a rep.
import type { Queryable } from '../database.js';

export interface LeadSource {
  id: string;
  tenantId: string;
  name: string;
  teamKey: string;
  token: string;
  secret: string;
  createdAt: Date;
  revokedAt: Date | null;
}

interface LeadSourceRow {
  id: string; tenant_id: string; name: string; team_key: string; token: string; secret: string; created_at: Date; revoked_at: Date | null;
}

const toSource = (r: LeadSourceRow): LeadSource => ({
  id: r.id, tenantId: r.tenant_id, name: r.name, teamKey: r.team_key, token: r.token, secret: r.secret,
  createdAt: new Date(r.created_at), revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

export async function insertLeadSource(q: Queryable, s: { tenantId: string; name: string; teamKey: string; token: string; secret: string }): Promise<LeadSource> {
  const rows = await q.query<LeadSourceRow>(
    'insert into lead_sources (tenant_id, name, team_key, token, secret) values ($1, $2, $3, $4, $5) returning *',
    [s.tenantId, s.name, s.teamKey, s.token, s.secret],
  );
  return toSource(rows[0]!);
}

/** The live source of a hook token, in any tenant (the token is what names the tenant). */
export async function findLeadSourceByToken(q: Queryable, token: string): Promise<LeadSource | null> {
  const rows = await q.query<LeadSourceRow>('select * from lead_sources where token = $1 and revoked_at is null', [token]);
  return rows[0] ? toSource(rows[0]) : null;
}

export async function listLeadSources(q: Queryable, tenantId: string): Promise<LeadSource[]> {
  const rows = await q.query<LeadSourceRow>('select * from lead_sources where tenant_id = $1 order by created_at, id', [tenantId]);
  return rows.map(toSource);
}

export async function revokeLeadSource(q: Queryable, tenantId: string, id: string, at: Date): Promise<boolean> {
  return (await q.execute('update lead_sources set revoked_at = $3 where tenant_id = $1 and id = $2 and revoked_at is null', [tenantId, id, at])) > 0;
}

/** A team's members who can take leads (active people), or null when there is no such team. */
export async function roundRobinMembers(q: Queryable, tenantId: string, teamKey: string): Promise<string[] | null> {
  const team = await q.query<{ key: string }>('select key from teams where tenant_id = $1 and key = $2', [tenantId, teamKey]);
  if (team.length === 0) return null;
  const rows = await q.query<{ user_id: string }>(
    `select m.user_id from team_members m join users u on u.tenant_id = m.tenant_id and u.id = m.user_id
     where m.tenant_id = $1 and m.team_key = $2 and m.is_member and u.active order by m.user_id`,
    [tenantId, teamKey],
  );
  return rows.map((r) => r.user_id);
}

/**
 * Locks the team's cursor row until the transaction ends and returns who got the last lead; concurrent
 * intakes for the same team wait here, so each sees the turn the other one took.
 */
export async function lockCursor(q: Queryable, tenantId: string, teamKey: string): Promise<string | null> {
  await q.execute(`insert into lead_cursors (tenant_id, team_key, last_user_id) values ($1, $2, '') on conflict do nothing`, [tenantId, teamKey]);
  const rows = await q.query<{ last_user_id: string }>(
    'select last_user_id from lead_cursors where tenant_id = $1 and team_key = $2 for update', [tenantId, teamKey]);
  return rows[0]?.last_user_id || null;
}

export async function advanceCursor(q: Queryable, tenantId: string, teamKey: string, userId: string): Promise<void> {
  await q.execute(
    'update lead_cursors set last_user_id = $3, assigned = assigned + 1, updated_at = now() where tenant_id = $1 and team_key = $2',
    [tenantId, teamKey, userId],
  );
}

export interface NewLead {
  tenantId: string;
  customerId: string;
  via: 'api' | 'import' | 'webhook';
  source: string | null;
  sourceId: string | null;
  contact: string | null;
  phone: string | null;
  note: string | null;
  ownerUserId: string;
  assignedBy: 'given' | 'round_robin' | 'existing';
  duplicate: boolean;
  receivedAt: Date;
}

export async function insertLead(q: Queryable, l: NewLead): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `insert into leads (tenant_id, customer_id, via, source, source_id, contact, phone, note, owner_user_id, assigned_by, duplicate, received_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [l.tenantId, l.customerId, l.via, l.source, l.sourceId, l.contact, l.phone, l.note, l.ownerUserId, l.assignedBy, l.duplicate, l.receivedAt],
  );
  return rows[0]!.id;
}

/** Makes a customer just created for a lead into one: the lead stage (with its history row), source and how it came in. */
export async function markCustomerAsLead(
  q: Queryable, c: { tenantId: string; customerId: string; stage: string | null; source: string | null; via: NewLead['via']; ownerUserId: string; at: Date },
): Promise<void> {
  await q.execute(
    `update customers set stage = $3, source = $4, lead_via = $5, first_inquiry_at = $6, updated_at = now() where tenant_id = $1 and id = $2`,
    [c.tenantId, c.customerId, c.stage, c.source, c.via, c.at],
  );
  // A stage file without a lead stage (config/stages.jsonc): the lead has no stage until the rep sets one.
  if (c.stage === null) return;
  await q.execute(
    `insert into stage_changes (tenant_id, customer_id, from_stage, to_stage, user_id, changed_at) values ($1, $2, null, $3, $4, $5)`,
    [c.tenantId, c.customerId, c.stage, c.ownerUserId, c.at],
  );
}

/** A known customer's blanks filled from a new lead for it (its source when it had none). */
export async function fillCustomerSource(q: Queryable, tenantId: string, customerId: string, source: string | null): Promise<void> {
  if (source === null) return;
  await q.execute('update customers set source = coalesce(source, $3), updated_at = now() where tenant_id = $1 and id = $2', [tenantId, customerId, source]);
}

export interface OpenLead {
  customerId: string;
  name: string;
  source: string | null;
  contact: string | null;
  phone: string | null;
  receivedAt: Date;
  firstContactAt: Date | null;
}

/** A rep's customers still in the lead stage, oldest first, with the contact of their latest lead. */
export async function openLeadsOf(q: Queryable, tenantId: string, ownerUserId: string, leadStage: string | null, limit: number): Promise<{ items: OpenLead[]; total: number }> {
  const rows = await q.query<{
    id: string; name: string; source: string | null; contact: string | null; phone: string | null;
    received_at: Date | null; first_inquiry_at: Date | null; created_at: Date; first_contact_at: Date | null; total: string | number;
  }>(
    `select c.id, c.name, coalesce(l.source, c.source) as source, l.contact, l.phone, l.received_at, c.first_inquiry_at, c.created_at,
       c.first_contact_at, count(*) over () as total
     from customers c
     left join lateral (select source, contact, phone, received_at from leads
       where tenant_id = c.tenant_id and customer_id = c.id order by received_at desc, created_at desc limit 1) l on true
     -- Without a lead stage in config/stages.jsonc a lead keeps no stage until the rep sets one.
     where c.tenant_id = $1 and c.owner_user_id = $2 and (c.stage = $3 or ($3::text is null and c.stage is null and c.lead_via is not null))
     order by coalesce(c.first_inquiry_at, c.created_at), c.id limit $4`,
    [tenantId, ownerUserId, leadStage, limit],
  );
  return {
    total: rows[0] ? Number(rows[0].total) : 0,
    items: rows.map((r) => ({
      customerId: r.id, name: r.name, source: r.source, contact: r.contact, phone: r.phone,
      receivedAt: new Date(r.first_inquiry_at ?? r.received_at ?? r.created_at),
      firstContactAt: r.first_contact_at ? new Date(r.first_contact_at) : null,
    })),
  };
}

/**
 * Records a web-form signature; false when it was seen already (a replay: one signature, one lead). Rows
 * older than the replay window are dropped on the way, since such a timestamp no longer verifies.
 */
export async function recordHookSignature(q: Queryable, tenantId: string, signature: string, now: Date, forgetBefore: Date): Promise<boolean> {
  await q.execute('delete from lead_hook_signatures where seen_at < $1', [forgetBefore]);
  return (await q.execute('insert into lead_hook_signatures (signature, tenant_id, seen_at) values ($1, $2, $3) on conflict do nothing', [signature, tenantId, now])) > 0;
}
