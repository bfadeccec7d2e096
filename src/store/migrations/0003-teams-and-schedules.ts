// Teams with their alert target, the scheduler's run leases, and the one-alert-per-breach-per-day log.
export default {
  version: 3,
  name: 'teams-and-schedules',
  sql: `
create table teams (
  tenant_id text not null references tenants(id),
  key text not null,
  name text not null,
  -- {"kind":"wecom_webhook","key":…} or {"kind":"wecom_appchat","chatId":…}; webhook keys are secrets.
  alert jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, key)
);

create table team_members (
  tenant_id text not null references tenants(id),
  team_key text not null,
  user_id text not null,
  -- A manager may also be listed as a member (a selling manager); both flags keep that.
  is_member boolean not null,
  is_manager boolean not null,
  primary key (tenant_id, team_key, user_id),
  foreign key (tenant_id, team_key) references teams(tenant_id, key) on delete cascade
);
create index team_members_user_idx on team_members (tenant_id, user_id);

-- A scheduled tick runs once across all instances: the first to insert its (job, tick) row owns it.
create table job_runs (
  tenant_id text not null references tenants(id),
  job_name text not null,
  run_key text not null,
  owner text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, job_name, run_key)
);

-- One alert per breach per period (an Asia/Shanghai day): the key refuses repeats.
create table alerts_sent (
  tenant_id text not null references tenants(id),
  period_key text not null,
  rule text not null,
  subject_id text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, period_key)
);
`,
};
