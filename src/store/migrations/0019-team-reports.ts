// Reserved: filled in by the work that needs it.
export default {
  version: 19,
  name: 'team-reports',
  sql: 'select 1',
};
