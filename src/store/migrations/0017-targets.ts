// Reserved: filled in by the work that needs it.
export default {
  version: 17,
  name: 'targets',
  sql: 'select 1',
};
