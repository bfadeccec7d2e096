// Commitment hand-off (承诺穿透, issue 15): who keeps which kind of promise per team and role, and each
// hand-off — the rep's commitment, the fields collected for the handler, and the handler's own commitment
// (with the commitment life cycle: reminders, 完成 / 改期, escalation) once it is handed on.
export default {
  version: 21,
  name: 'handoffs',
  sql: `
create table team_handlers (
  tenant_id text not null references tenants(id),
  team_key text not null,
  -- A role id of config/handoffs.jsonc ("implementation" → 实施负责人).
  role text not null,
  user_id text not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, team_key, role),
  foreign key (tenant_id, team_key) references teams(tenant_id, key) on delete cascade
);

create table handoffs (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  -- The rep's commitment (from a confirmed report); a report hands each commitment on at most once.
  commitment_id text not null unique references commitments(id),
  kind text not null,
  role text not null,
  team_key text,
  rep_user_id text not null,
  handler_user_id text,
  -- The handler's task: a commitment of their own, so reminders and escalation apply to it.
  handler_commitment_id text unique references commitments(id),
  -- {"scope": "质检模块", "startDate": "2026-12-14", ...}: what the report gave and the rep answered.
  fields jsonb not null default '{}'::jsonb,
  -- collecting: asking the rep; handed: the handler has it; no_handler: nobody set for the team and role;
  -- cancelled: the rep said 取消; expired: a question left unanswered.
  status text not null check (status in ('collecting', 'handed', 'no_handler', 'cancelled', 'expired')),
  created_at timestamptz not null default now(),
  handed_at timestamptz
);
create index handoffs_rep_idx on handoffs (tenant_id, rep_user_id) where status = 'collecting';
`,
};
