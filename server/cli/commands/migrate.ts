/**
 * `migrate [--json]`: applies the drizzle migrations the data folder's store lacks and says which
 * (or that it is up to date). Safe to repeat: a current store is left as it is. The release step
 * when the server runs with MIGRATE_ON_START=false, and always on PostgreSQL (DATABASE_URL).
 */
import { migrationsFolder } from '../../store/open.js';
import { openConfiguredStore } from '../../store/connect.js';
import { migratePostgres } from '../../store/pg/migrate.js';
import { pendingPostgresMigrations } from '../../store/pg/open.js';
import { applyMigrations } from '../../store/migrations.js';
import { flags, type StorelessCommand } from '../io.js';

export const usage = 'migrate [--json]   (applies the store migrations this version needs; prints which, or "up to date")';

export const migrateCommand: StorelessCommand = async (args, { out }) => {
  const f = flags(args, { json: { type: 'boolean' } });
  const report = (name: string, applied: string[]) => {
    if (f.json) out(JSON.stringify({ store: name, applied, upToDate: applied.length === 0 }, null, 2));
    else if (!applied.length) out(`The store ${name} is up to date: no migrations to apply.`);
    else {
      out(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${name}:`);
      for (const tag of applied) out(`  ${tag}`);
    }
  };
  // Opened without migrating, so this command is the one that applies them and can say which.
  const store = await openConfiguredStore('leave');
  try {
    if (store.kind === 'postgres') {
      const pending = (await pendingPostgresMigrations(store.pool)).map((m) => m.tag);
      if (pending.length) await migratePostgres(store.pool);
      report(store.where, pending);
    } else
      report(
        store.file,
        applyMigrations(store.db, store.sqlite, migrationsFolder).map((m) => m.tag),
      );
    return 0;
  } finally {
    await store.close();
  }
};
