// 喜报 and knowledge in the moment (issue 15 items 5–6): per-team settings (win posts on or off), where a
// customer's industry came from (its name, or an admin), and an index over the rated reports the
// knowledge look-ups read.
export default {
  version: 20,
  name: 'wins-and-knowledge',
  sql: `
-- Team switches that are not part of the team's definition (PUT /api/teams/:key replaces that).
-- No row means the defaults: win posts on.
create table team_settings (
  tenant_id text not null references tenants(id),
  team_key text not null,
  win_posts boolean not null default true,
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, team_key),
  foreign key (tenant_id, team_key) references teams(tenant_id, key) on delete cascade
);

-- 'name': derived from the name's organisation kind (config/industries.jsonc), re-derived on rename;
-- 'admin': set through the API and kept through renames.
alter table customers add column industry_source text check (industry_source in ('name', 'admin'));

-- The knowledge base: reports rated ★★ and up.
create index battle_reports_rated_idx on battle_reports (tenant_id, created_at desc) where rating >= 2;
`,
};
