// The store scenario: stores (each in a team), their signed QR codes (revocable), mini-program sessions
// (only a hash of the token is kept), visits with their compliance facts, and per-tenant secrets such as
// the QR signing key (generated on first use so a fresh install needs no setup).
export default {
  version: 7,
  name: 'stores',
  sql: `
create table stores (
  tenant_id text not null references tenants(id),
  key text not null,
  name text not null,
  team_key text,
  city text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, key)
);

create table qr_codes (
  id text primary key,
  tenant_id text not null references tenants(id),
  store_key text not null,
  purpose text not null check (purpose in ('visit', 'campaign')),
  campaign text,
  created_at timestamptz not null,
  revoked_at timestamptz,
  foreign key (tenant_id, store_key) references stores(tenant_id, key)
);
create index qr_codes_store_idx on qr_codes (tenant_id, store_key, created_at desc);

create table mp_sessions (
  token_hash text primary key,
  tenant_id text not null references tenants(id),
  user_id text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null
);
create index mp_sessions_expiry_idx on mp_sessions (expires_at);

create table store_visits (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  store_key text not null,
  qr_id text not null references qr_codes(id),
  user_id text not null,
  question text not null,
  transcript text,
  topics text[] not null default '{}',
  customer_name text,
  customer_phone text,
  compliance_note text,
  sensitive_words text[] not null default '{}',
  flagged_for_review boolean not null default false,
  created_at timestamptz not null,
  foreign key (tenant_id, store_key) references stores(tenant_id, key)
);
create index store_visits_store_idx on store_visits (tenant_id, store_key, created_at);
create index store_visits_user_idx on store_visits (tenant_id, user_id, created_at desc);

create table tenant_secrets (
  tenant_id text not null references tenants(id),
  name text not null,
  value text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, name)
);
`,
};
