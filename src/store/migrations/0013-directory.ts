// Directory sync: people who left the company are kept (their history stays) but deactivated.
export default {
  version: 13,
  name: 'directory',
  sql: `
alter table users add column active boolean not null default true;
alter table users add column deactivated_at timestamptz;
`,
};
