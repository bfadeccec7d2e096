// Targets (issue 15) per team or per person for a month ("2026-12") or a quarter ("2026-Q4"): won amount
// in yuan, new customers, visits and battle reports; null means no target for that metric. A team's
// targets go with the team.
export default {
  version: 17,
  name: 'targets',
  sql: `
create table targets (
  tenant_id text not null references tenants(id),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  team_key text,
  user_id text,
  won_amount numeric check (won_amount >= 0),
  new_customers int check (new_customers >= 0),
  visits int check (visits >= 0),
  reports int check (reports >= 0),
  updated_at timestamptz not null default now(),
  check ((team_key is null) <> (user_id is null)),
  foreign key (tenant_id, team_key) references teams(tenant_id, key) on delete cascade
);
create unique index targets_team_uq on targets (tenant_id, period, team_key) where team_key is not null;
create unique index targets_user_uq on targets (tenant_id, period, user_id) where user_id is not null;
`,
};
