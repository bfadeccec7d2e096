// Reserved: filled in by the work that needs it.
export default {
  version: 14,
  name: 'visit-reviews',
  sql: 'select 1',
};
