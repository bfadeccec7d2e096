// The compliance review of store visits flagged by sensitive words: pending until a manager or admin
// approves it or sends it back with a comment. A trigger starts every flagged visit as pending, so the
// mini-program's insert (and any later write path) needs to know nothing about reviews.
export default {
  version: 14,
  name: 'visit-reviews',
  sql: `
alter table store_visits add column review_status text check (review_status in ('pending', 'approved', 'returned'));
alter table store_visits add column review_comment text;
alter table store_visits add column reviewed_by text;
alter table store_visits add column reviewed_at timestamptz;

update store_visits set review_status = 'pending' where flagged_for_review;

create function store_visits_start_review() returns trigger language plpgsql as $$
begin
  if new.flagged_for_review and new.review_status is null then
    new.review_status := 'pending';
  end if;
  return new;
end $$;
create trigger store_visits_review_pending before insert on store_visits
  for each row execute function store_visits_start_review();

-- The review queue: a handful of pending visits among many, read newest first.
create index store_visits_pending_review_idx on store_visits (tenant_id, created_at desc) where review_status = 'pending';
`,
};
