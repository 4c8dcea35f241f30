/**
 * The store the settings name: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file
 * under DATA_DIR. What the server and the CLI open.
 *
 * SQLite applies its pending migrations on opening (unless MIGRATE_ON_START=false). Postgres never
 * does at start-up: instances share the database, so `cli migrate` is the release step, and an
 * instance refuses a database that lacks migrations, saying so.
 */
import { settings } from '../config.js';
import { type OnPending, openStore, type Store } from './open.js';
import { openPostgresStore } from './pg/open.js';

export async function openConfiguredStore(onPending?: OnPending): Promise<Store> {
  const url = settings().databaseUrl;
  if (url) return openPostgresStore(url, onPending ?? 'refuse');
  return onPending === undefined ? openStore() : openStore(undefined, onPending);
}
