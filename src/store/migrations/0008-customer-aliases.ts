// Customer aliases: former names (renames) and the names of merged customers, so a rep who still says
// the old name lands on the canonical customer. Keys use the same normaliser as customers.name_key.
export default {
  version: 8,
  name: 'customer-aliases',
  sql: `
create table customer_aliases (
  tenant_id text not null references tenants(id),
  customer_id text not null references customers(id) on delete cascade,
  alias text not null,
  alias_key text not null,
  -- Set on the alias made from a merged customer's name: the deleted id, so a repeated merge (or an
  -- admin holding the old id) learns where it went instead of a bare 404.
  merged_from_id text,
  created_at timestamptz not null default now(),
  unique (tenant_id, alias_key)
);
create index customer_aliases_customer_idx on customer_aliases (tenant_id, customer_id);
create index customer_aliases_merged_idx on customer_aliases (tenant_id, merged_from_id) where merged_from_id is not null;
`,
};
