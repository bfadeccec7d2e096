// Issue 15, leads and lead scoring: where leads come from (API, import, signed web forms), the round-robin
// cursor per team, every lead received with its contact, and the score kept on the customer.
export default {
  version: 18,
  name: 'leads',
  sql: `
-- A web form (or any other outside system) that posts leads to /hooks/leads/:token, signed with its secret.
-- The secret is kept as given: an HMAC can only be checked with the key itself.
create table lead_sources (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  name text not null,
  team_key text not null,
  token text not null unique,
  secret text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index lead_sources_tenant_idx on lead_sources (tenant_id, created_at);

-- Round robin per team: the member who got the team's last unassigned lead. The next one goes to the
-- member after them (by id), so people joining or leaving never reset the turn; the row lock serialises
-- concurrent intakes.
create table lead_cursors (
  tenant_id text not null references tenants(id),
  team_key text not null,
  last_user_id text not null,
  assigned bigint not null default 0,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, team_key)
);

-- Every lead received, also one for a customer we already have (duplicate): who asked and how to reach
-- them. No foreign key to customers: a merge repoints these rows like the rest of the history.
create table leads (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  customer_id text not null,
  via text not null check (via in ('api', 'import', 'webhook')),
  source text,
  source_id text references lead_sources(id),
  contact text,
  phone text,
  note text,
  owner_user_id text not null,
  assigned_by text not null check (assigned_by in ('given', 'round_robin', 'existing')),
  duplicate boolean not null,
  received_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index leads_customer_idx on leads (tenant_id, customer_id, received_at desc);

-- Web-form signatures seen inside the replay window: a signature carries one lead.
create table lead_hook_signatures (
  signature text primary key,
  tenant_id text not null references tenants(id),
  seen_at timestamptz not null
);
create index lead_hook_signatures_seen_idx on lead_hook_signatures (seen_at);

-- How a customer came in as a lead ('api', 'import', 'webhook'); set, it owes a first contact (rules.jsonc).
alter table customers add column lead_via text;

-- The lead score (src/domain/scoring): 0-100, its reasons ({code, points, params}[]), the instant it is
-- computed as of, and whether a fact changed since (a touch or a stage change marks it; the next
-- processed message or the score-leads job recomputes it).
alter table customers add column score int;
alter table customers add column score_reasons jsonb;
alter table customers add column scored_at timestamptz;
alter table customers add column score_stale boolean not null default true;
create index customers_score_stale_idx on customers (tenant_id) where score_stale;
create index customers_scored_at_idx on customers (tenant_id, scored_at) where stage is null or stage not in ('won', 'lost');
create index customers_owner_score_idx on customers (tenant_id, owner_user_id, score desc nulls last);
-- The tenant's won deals as of an instant (the scoring baseline) without reading every stage change.
create index stage_changes_to_stage_idx on stage_changes (tenant_id, to_stage, changed_at);

create function customers_score_stale() returns trigger language plpgsql as $$
begin
  update customers set score_stale = true where id = new.customer_id and not score_stale;
  return null;
end $$;
create trigger touches_score_stale after insert or update of customer_id on touches
  for each row when (new.customer_id is not null) execute function customers_score_stale();
create trigger stage_changes_score_stale after insert or update of customer_id on stage_changes
  for each row execute function customers_score_stale();
`,
};
