// Lost reasons (issue 15 item 8) live on the stage change that lost the deal: each loss has its own reason
// (a reopened and lost-again deal keeps both). The weekly / monthly team reports read stage changes by
// stage and time, hence the index; the reports themselves need no table (the outbox keys make them once).
export default {
  version: 19,
  name: 'team-reports',
  sql: `
alter table stage_changes add column lost_reason text
  check (lost_reason in ('price', 'competitor', 'budget', 'timing', 'product_fit', 'other'));
alter table stage_changes add column lost_note text;
alter table stage_changes add column lost_reason_by text;
alter table stage_changes add column lost_reason_at timestamptz;
create index if not exists stage_changes_to_stage_idx on stage_changes (tenant_id, to_stage, changed_at);
`,
};
