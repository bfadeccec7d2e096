// People and their channel identities: a user row is a person; each (channel, platform id) they write
// from is an identity, unique per tenant. Ids of two channels never merge by coincidence any more.
export default {
  version: 11,
  name: 'identities',
  sql: `
create table identities (
  tenant_id text not null references tenants(id),
  channel text not null check (channel in ('wecom', 'dingtalk')),
  platform_id text not null,
  user_id text not null,
  -- sha256 of the normalised mobile / email the platform directory gave for this account: enough to
  -- link a person's accounts on two channels without keeping the numbers themselves.
  mobile_hash text,
  email_hash text,
  -- Set once the directory was asked (answer or refusal), so it is asked once per identity.
  directory_checked_at timestamptz,
  -- The channel a person last wrote from is where their messages go.
  last_seen_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, channel, platform_id),
  foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade
);
create index identities_user_idx on identities (tenant_id, user_id, last_seen_at desc nulls last);
create index identities_mobile_idx on identities (tenant_id, mobile_hash) where mobile_hash is not null;
create index identities_email_idx on identities (tenant_id, email_hash) where email_hash is not null;

-- Backfill: today a user's id is the platform id. The row was created by its first message, so that
-- message's channel owns the id; a same-id account on the other channel (the coincidence this table
-- ends) becomes a person of its own when it next writes. Users that never wrote (mini-program staff)
-- keep the channel the row says.
insert into identities (tenant_id, channel, platform_id, user_id, last_seen_at)
select u.tenant_id, coalesce(f.channel, u.channel), u.id, u.id, u.updated_at
from users u
left join (
  select distinct on (tenant_id, event->>'senderId') tenant_id, event->>'senderId' as sender_id, channel
  from inbox order by tenant_id, event->>'senderId', seq
) f on f.tenant_id = u.tenant_id and f.sender_id = u.id;
`,
};
