// `npm run migrate`: applies pending migrations to the configured database and exits.
import { loadConfig } from '../src/config/load-config.js';
import { migrate } from '../src/store/migrate.js';
import { openDatabase } from '../src/store/open-database.js';

const config = loadConfig();
const db = await openDatabase(config);
try {
  const applied = await migrate(db);
  console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await db.close();
}
