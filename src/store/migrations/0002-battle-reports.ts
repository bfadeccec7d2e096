// Battle reports: the notes they come from (voice audio kept so nothing is lost), drafts the rep
// confirms, confirmed reports, commitments and the append-only points ledger.
export default {
  version: 2,
  name: 'battle-reports',
  sql: `
create table report_notes (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  channel text not null,
  user_id text not null,
  inbox_id text not null,
  kind text not null check (kind in ('voice', 'text')),
  media_id text,
  audio_format text,
  audio bytea,
  audio_seconds real,
  transcript text,
  status text not null default 'pending' check (status in ('pending', 'awaiting_asr', 'transcribed', 'drafted', 'failed')),
  last_error text,
  recorded_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, inbox_id)
);
create index report_notes_status_idx on report_notes (status) where status in ('pending', 'awaiting_asr');

create table report_drafts (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  channel text not null,
  user_id text not null,
  note_id text not null unique references report_notes(id),
  report jsonb not null,
  extractor text not null,
  status text not null check (status in ('awaiting_followup', 'awaiting_confirm', 'confirmed', 'voided')),
  version int not null default 1,
  recorded_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index report_drafts_user_idx on report_drafts (tenant_id, user_id, created_at desc);

create table battle_reports (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  draft_id text not null unique references report_drafts(id),
  user_id text not null,
  customer_id text references customers(id),
  customer_name text,
  contact text,
  stage text,
  progress text not null,
  objections jsonb not null default '[]',
  competitors text[] not null default '{}',
  amount numeric,
  payment_terms_days int,
  next_action text,
  next_action_due date,
  vague_phrases text[] not null default '{}',
  transcript text not null,
  note_id text references report_notes(id),
  extractor text not null,
  touch_id text references touches(id),
  recorded_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index battle_reports_user_idx on battle_reports (tenant_id, user_id, created_at desc);
create index battle_reports_customer_idx on battle_reports (tenant_id, customer_id, created_at desc);

create table commitments (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  report_id text unique references battle_reports(id),
  customer_id text references customers(id),
  owner_user_id text not null,
  description text not null,
  due_date date not null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  created_at timestamptz not null default now()
);
create index commitments_due_idx on commitments (tenant_id, status, due_date);

-- Append-only: an award is a row; the unique key makes every award idempotent.
create table points_ledger (
  id text primary key default gen_random_uuid()::text,
  tenant_id text not null references tenants(id),
  user_id text not null,
  reason text not null,
  points int not null,
  award_key text not null,
  occurred_at timestamptz not null,
  created_at timestamptz not null default now(),
  unique (tenant_id, award_key)
);
create index points_ledger_user_idx on points_ledger (tenant_id, user_id, occurred_at);
`,
};
