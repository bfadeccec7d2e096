// Reserved: filled in by the work that needs it.
export default {
  version: 18,
  name: 'leads',
  sql: 'select 1',
};
