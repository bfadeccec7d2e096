// Exports and console lists page through a tenant's rows in time order (keyset on time, id): without these
// every page would sort the whole table.
export default {
  version: 15,
  name: 'time-order-indexes',
  sql: `
create index customers_created_idx on customers (tenant_id, created_at, id);
create index touches_occurred_idx on touches (tenant_id, occurred_at, id);
create index battle_reports_recorded_idx on battle_reports (tenant_id, recorded_at, id);
create index store_visits_created_idx on store_visits (tenant_id, created_at, id);
`,
};
