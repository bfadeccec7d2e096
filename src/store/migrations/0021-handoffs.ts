// Reserved: filled in by the work that needs it.
export default {
  version: 21,
  name: 'handoffs',
  sql: 'select 1',
};
