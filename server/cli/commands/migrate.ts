/**
 * `migrate [--json]`: applies the drizzle migrations the data folder's store lacks and says which
 * (or that it is up to date). Safe to repeat: a current store is left as it is. The release step
 * when the server runs with MIGRATE_ON_START=false.
 */
import { migrationsFolder, openStore } from '../../store/open.js';
import { applyMigrations } from '../../store/migrations.js';
import { flags, type StorelessCommand } from '../io.js';

export const usage = 'migrate [--json]   (applies the store migrations this version needs; prints which, or "up to date")';

export const migrateCommand: StorelessCommand = (args, { out }) => {
  const f = flags(args, { json: { type: 'boolean' } });
  // Opened without migrating, so this command is the one that applies them and can say which.
  const store = openStore(undefined, 'leave');
  try {
    const applied = applyMigrations(store.db, store.sqlite, migrationsFolder).map((m) => m.tag);
    if (f.json) out(JSON.stringify({ store: store.file, applied, upToDate: applied.length === 0 }, null, 2));
    else if (!applied.length) out(`The store ${store.file} is up to date: no migrations to apply.`);
    else {
      out(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${store.file}:`);
      for (const tag of applied) out(`  ${tag}`);
    }
    return 0;
  } finally {
    store.close();
  }
};
