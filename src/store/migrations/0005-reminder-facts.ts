// The reminder sweep must not aggregate touches and stage changes of every customer on every tick
// (issue 4: 1M customers in under 2 s). The facts the rules read are kept on the customer row by
// triggers, so every write path (chat, reports, visits, DingTalk) keeps them true without knowing, and
// partial indexes let each rule find only its due candidates.
export default {
  version: 5,
  name: 'reminder-facts',
  sql: `
alter table customers add column stage_entered_at timestamptz;
alter table customers add column first_contact_at timestamptz;
alter table customers add column has_visit boolean not null default false;
-- Reached demo or later once (a proposal went out), even if the stage moved back since.
alter table customers add column proposal_sent boolean not null default false;

update customers c set stage_entered_at = s.entered, proposal_sent = s.proposed
from (select customer_id, max(changed_at) as entered,
             bool_or(to_stage in ('demo', 'negotiation', 'contract', 'won')) as proposed
      from stage_changes group by customer_id) s
where s.customer_id = c.id;

update customers c set first_contact_at = t.first_at, has_visit = t.visited
from (select customer_id, min(occurred_at) as first_at, bool_or(kind = 'visit') as visited
      from touches where customer_id is not null group by customer_id) t
where t.customer_id = c.id;

create function customers_note_touch() returns trigger language plpgsql as $$
begin
  update customers set
    first_contact_at = least(coalesce(first_contact_at, new.occurred_at), new.occurred_at),
    has_visit = has_visit or new.kind = 'visit'
  where id = new.customer_id;
  return null;
end $$;
-- A touch counts once it belongs to a customer: at insert, or when a later answer names the customer.
-- Touches are never moved between customers or deleted (assignCustomer only fills a missing customer);
-- code that starts doing either must recompute the old customer's facts.
create trigger touches_note_customer after insert or update of customer_id on touches
  for each row when (new.customer_id is not null) execute function customers_note_touch();

create function customers_note_stage_change() returns trigger language plpgsql as $$
begin
  update customers set
    stage_entered_at = greatest(coalesce(stage_entered_at, new.changed_at), new.changed_at),
    proposal_sent = proposal_sent or new.to_stage in ('demo', 'negotiation', 'contract', 'won')
  where id = new.customer_id;
  return null;
end $$;
create trigger stage_changes_note_customer after insert on stage_changes
  for each row execute function customers_note_stage_change();

-- One partial index per rule family, each ordered by the instant its window counts from; the sweep's
-- candidate queries repeat these predicates word for word so the planner can use them.
create index customers_untouched_idx on customers (tenant_id, (coalesce(last_touch_at, created_at)))
  where stage is null or stage not in ('won', 'lost');
create index customers_uncontacted_idx on customers (tenant_id, (coalesce(first_inquiry_at, created_at)))
  where first_contact_at is null and (stage is null or stage not in ('won', 'lost'));
create index customers_golden_idx on customers (tenant_id, (coalesce(first_inquiry_at, created_at)))
  where not has_visit and not proposal_sent and (stage is null or stage not in ('won', 'lost'));
create index customers_stage_idle_idx on customers (tenant_id, stage, stage_entered_at)
  where last_touch_at is null or last_touch_at <= stage_entered_at;
`,
};
