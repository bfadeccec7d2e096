// Commitments live (issue 11): open → done / rescheduled / dropped, with when, by whom and how each was
// closed, and a rescheduled promise pointing at the one that replaced it. Existing rows keep working:
// 'cancelled' becomes 'dropped', and texts with relative dates get their absolute due date appended.
export default {
  version: 9,
  name: 'commitment-lifecycle',
  sql: `
alter table commitments drop constraint if exists commitments_status_check;
update commitments set status = 'dropped' where status = 'cancelled';
alter table commitments add constraint commitments_status_check
  check (status in ('open', 'done', 'rescheduled', 'dropped'));
alter table commitments add column closed_at timestamptz;
alter table commitments add column closed_by text;
-- tap: 完成 on a card; update / report: a message that said it happened; reschedule: 改期; drop: given up.
alter table commitments add column closed_via text
  check (closed_via in ('tap', 'update', 'report', 'reschedule', 'drop'));
alter table commitments add column evidence_touch_id text references touches(id);
alter table commitments add column rescheduled_from_id text references commitments(id);
create unique index commitments_rescheduled_from_uq on commitments (rescheduled_from_id) where rescheduled_from_id is not null;
-- What an update about a customer may close, and a rep's own list.
create index commitments_customer_open_idx on commitments (tenant_id, customer_id, due_date) where status = 'open';
create index commitments_owner_idx on commitments (tenant_id, owner_user_id, due_date);

-- "今天下班前发方案" shown weeks later must say which day it meant (the app appends it from now on).
update commitments set description = description || '(' || extract(month from due_date)::int || '月'
    || extract(day from due_date)::int || '日)'
  where description !~ '[(（][0-9]+月[0-9]+日[)）]$'
    and description ~ '(今天|今日|今晚|明天|明日|明早|明晚|后天|[周礼拜期][一二三四五六日天]|下周|下礼拜|下星期|月底|(?<![月0-9一二三四五六七八九十])[0-9一二三四五六七八九十]{1,3}[号日]|天[之以]?后|这周|本周|下个?月)';
`,
};
