// DingTalk next to WeCom: which channel each user is on (where pushes go), the reply handles a
// channel hands out with a message (DingTalk's sessionWebhook), numbered choices standing in for card
// buttons, signatures seen on callbacks (DingTalk signs only the timestamp, so a captured signature
// could carry another body), and leases for work only one instance may do (the Stream connection).
export default {
  version: 6,
  name: 'dingtalk',
  sql: `
alter table users add column channel text not null default 'wecom' check (channel in ('wecom', 'dingtalk'));

-- The latest way to answer in a conversation without an access token, valid until expires_at.
create table reply_handles (
  tenant_id text not null references tenants(id),
  channel text not null,
  -- 'user:<userId>' for a 1:1 chat, 'chat:<conversationId>' for a group.
  scope text not null,
  url text not null,
  expires_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (tenant_id, channel, scope)
);

-- The last card sent to a user as numbered text; a reply of "2" or the button text is that click.
create table pending_choices (
  tenant_id text not null references tenants(id),
  channel text not null,
  user_id text not null,
  task_id text not null,
  choices jsonb not null,
  sent_at timestamptz not null,
  primary key (tenant_id, channel, user_id)
);

create table callback_signatures (
  tenant_id text not null references tenants(id),
  channel text not null,
  signature text not null,
  dedupe_key text not null,
  seen_at timestamptz not null,
  primary key (channel, signature)
);
create index callback_signatures_seen_idx on callback_signatures (seen_at);

create table leases (
  tenant_id text not null references tenants(id),
  name text not null,
  holder text not null,
  expires_at timestamptz not null,
  primary key (tenant_id, name)
);
`,
};
