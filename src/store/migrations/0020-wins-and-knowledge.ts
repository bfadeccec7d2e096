// Reserved: filled in by the work that needs it.
export default {
  version: 20,
  name: 'wins-and-knowledge',
  sql: 'select 1',
};
