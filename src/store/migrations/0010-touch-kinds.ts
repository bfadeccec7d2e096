// Issue 11: stages come from config/stages.jsonc and touches have kinds. The stage list leaves the schema
// (a check constraint cannot follow a config file); which stages end the golden 48 h becomes one SQL
// function that start-up rewrites from the loaded stages; first contact counts only the owner's touches.
export default {
  version: 10,
  name: 'touch-kinds',
  sql: `
alter table customers drop constraint if exists customers_stage_check;

-- The proposal stage, every later open stage and won (docs/product.md: "a stage ≥ demo ends the golden
-- 48 h"). This body is the default stages; installStageFacts replaces it when config/stages.jsonc differs.
create or replace function stage_ends_golden(stage text) returns boolean language sql stable as $$
  select stage in ('demo', 'negotiation', 'contract', 'won')
$$;

create or replace function customers_note_stage_change() returns trigger language plpgsql as $$
begin
  update customers set
    stage_entered_at = greatest(coalesce(stage_entered_at, new.changed_at), new.changed_at),
    proposal_sent = proposal_sent or stage_ends_golden(new.to_stage)
  where id = new.customer_id;
  return null;
end $$;

-- "Any touch by the owner is the first contact"; a visit by anyone ends the golden 48 h (a colleague
-- who went there still saw the customer). Chat and report touches now carry their kind (visit, call …).
create or replace function customers_note_touch() returns trigger language plpgsql as $$
begin
  update customers set
    first_contact_at = case when new.user_id = owner_user_id
      then least(coalesce(first_contact_at, new.occurred_at), new.occurred_at) else first_contact_at end,
    has_visit = has_visit or new.kind = 'visit'
  where id = new.customer_id;
  return null;
end $$;

-- Touches stored as 'chat' or 'report' get their kind at start-up (backfillTouchKinds, the same classifier
-- as new touches, which SQL cannot run); this index keeps that check instant once they are done.
create index touches_legacy_kind_idx on touches (id) where kind in ('chat', 'report');

update customers c set first_contact_at = (
  select min(t.occurred_at) from touches t
  where t.tenant_id = c.tenant_id and t.customer_id = c.id and t.user_id = c.owner_user_id);
`,
};
