// The web console: one-time sign-in links, cookie sessions (only hashes of their tokens are kept) and the
// audit log of everything done through the console.
export default {
  version: 12,
  name: 'console',
  sql: `
create table console_login_tokens (
  token_hash text primary key,
  tenant_id text not null references tenants(id),
  -- null: an admin link with no person behind it
  user_id text,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create table console_sessions (
  token_hash text primary key,
  tenant_id text not null references tenants(id),
  user_id text,
  role text not null check (role in ('admin', 'manager', 'rep')),
  -- how the session was opened: link, admin_token, wecom, dingtalk
  via text not null,
  csrf_token text not null,
  -- sessions with no person are admin sessions, valid only while ADMIN_TOKEN is what it was (a digest)
  admin_key text,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create index console_sessions_expiry_idx on console_sessions (expires_at);
create table audit_log (
  id bigserial primary key,
  tenant_id text not null references tenants(id),
  -- the person, or 'admin-token'
  actor text not null,
  action text not null,
  target text,
  details jsonb,
  ip text,
  at timestamptz not null default now()
);
create index audit_log_tenant_idx on audit_log (tenant_id, at desc);
`,
};
