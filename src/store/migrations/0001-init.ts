// Initial schema: tenants, directory, customers, touches, stages, and the durable inbox/outbox.
// Written for both PostgreSQL 15 (Debian) and 18 (PGlite). Every business row carries tenant_id.
export default {
  version: 1,
  name: 'init',
  sql: `
create table tenants (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);

-- One row per platform app a tenant connects (WeCom corp+agent, later DingTalk robots).
create table tenant_apps (
  channel text not null,
  org_id text not null,
  app_id text not null,
  tenant_id text not null references tenants(id),
  created_at timestamptz not null default now(),
  primary key (channel, org_id, app_id)
);

create table users (
  tenant_id text not null references tenants(id),
  id text not null,
  name text,
  role text not null default 'rep' check (role in ('rep', 'manager', 'store_staff', 'admin')),
  team_key text,
  manager_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table customers (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  name text not null,
  name_key text not null,
  owner_user_id text not null,
  industry text,
  source text,
  stage text check (stage in ('discovery', 'demo', 'negotiation', 'contract', 'won', 'lost')),
  amount numeric,
  first_inquiry_at timestamptz,
  last_touch_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, name_key)
);
create index customers_owner_idx on customers (tenant_id, owner_user_id, last_touch_at desc);

create table touches (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  customer_id text references customers(id),
  user_id text not null,
  kind text not null,
  text text,
  topics text[] not null default '{}',
  inbox_id text,
  occurred_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index touches_customer_idx on touches (tenant_id, customer_id, occurred_at desc);
create index touches_user_idx on touches (tenant_id, user_id, occurred_at desc);
create unique index touches_inbox_kind_uq on touches (tenant_id, inbox_id, kind) where inbox_id is not null;

-- A stage card we sent; the click resolves it exactly once.
create table stage_prompts (
  task_id text primary key,
  tenant_id text not null references tenants(id),
  customer_id text not null references customers(id),
  user_id text not null,
  touch_id text references touches(id),
  suggested_stage text,
  chosen_stage text,
  chosen_at timestamptz,
  created_at timestamptz not null default now()
);

create table stage_changes (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  customer_id text not null references customers(id),
  from_stage text,
  to_stage text not null,
  user_id text not null,
  evidence_touch_id text references touches(id),
  prompt_task_id text unique references stage_prompts(task_id),
  changed_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index stage_changes_customer_idx on stage_changes (tenant_id, customer_id, changed_at);

-- What the bot is waiting for from a user (e.g. which customer an update belongs to).
create table chat_contexts (
  tenant_id text not null references tenants(id),
  user_id text not null,
  pending jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);

-- Accepted platform messages. The unique key makes every retry of one message a no-op.
create table inbox (
  id text primary key default gen_random_uuid()::text,
  seq bigserial not null,
  tenant_id text not null references tenants(id),
  channel text not null,
  dedupe_key text not null,
  conversation_key text not null,
  event jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
  attempts int not null default 0,
  last_error text,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  unique (tenant_id, channel, dedupe_key)
);
create index inbox_pending_idx on inbox (conversation_key, seq) where status = 'pending';

-- Every push the bot makes. A row that reached 'sent' is never sent again.
create table outbox (
  id text primary key default gen_random_uuid()::text,
  seq bigserial not null,
  tenant_id text not null references tenants(id),
  channel text not null,
  idempotency_key text not null,
  recipient jsonb not null,
  recipient_key text not null,
  message jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'dead')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  claimed_at timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (tenant_id, idempotency_key)
);
create index outbox_pending_idx on outbox (next_attempt_at) where status in ('pending', 'sending');
create index outbox_pacing_idx on outbox (tenant_id, channel, recipient_key, sent_at) where status = 'sent';
`,
};
