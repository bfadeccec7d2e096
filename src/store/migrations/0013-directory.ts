// Directory sync: people who left the company are kept (their history stays) but deactivated; the
// platform directory's departments, who is in them and who leads them; teams bound to departments;
// and a record of every sync run per channel.
export default {
  version: 13,
  name: 'directory',
  sql: `
alter table users add column active boolean not null default true;
alter table users add column deactivated_at timestamptz;

-- Departments as the platform last listed them. Ids are the platform's (text: DingTalk ids are large).
create table directory_departments (
  tenant_id text not null references tenants(id),
  channel text not null check (channel in ('wecom', 'dingtalk')),
  dept_id text not null,
  name text,
  parent_id text,
  -- platform ids of the department's leaders (WeCom 部门负责人, DingTalk 主管)
  leader_ids text[] not null default '{}',
  synced_at timestamptz not null,
  primary key (tenant_id, channel, dept_id)
);

-- Who is in which department, by platform id: a member is listed before anyone wrote to the bot.
create table directory_members (
  tenant_id text not null references tenants(id),
  channel text not null check (channel in ('wecom', 'dingtalk')),
  dept_id text not null,
  platform_id text not null,
  is_leader boolean not null default false,
  primary key (tenant_id, channel, dept_id, platform_id)
);
create index directory_members_account_idx on directory_members (tenant_id, channel, platform_id);

-- A team bound to departments takes its members (with sub-departments) and managers (their leaders)
-- from the directory at every sync.
create table team_departments (
  tenant_id text not null,
  team_key text not null,
  channel text not null check (channel in ('wecom', 'dingtalk')),
  dept_id text not null,
  primary key (tenant_id, team_key, channel, dept_id),
  foreign key (tenant_id, team_key) references teams(tenant_id, key) on delete cascade
);

-- One row per channel per sync run: what the console shows as the sync status.
create table directory_syncs (
  id bigserial primary key,
  tenant_id text not null references tenants(id),
  channel text not null check (channel in ('wecom', 'dingtalk')),
  trigger text not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  ok boolean,
  -- every department's members were read: only a complete listing may turn anyone into a leaver
  complete boolean,
  error text,
  warnings text[] not null default '{}',
  people int not null default 0,
  departments int not null default 0,
  added int not null default 0,
  deactivated int not null default 0,
  reactivated int not null default 0
);
create index directory_syncs_channel_idx on directory_syncs (tenant_id, channel, started_at desc, id desc);
`,
};
